"""`python -m storefront.cli`: the operator's commands. One module per command group."""
