"""One module per page; a page is a function of components, nothing else."""
