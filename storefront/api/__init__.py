"""HTTP routes beside the Reflex app, mounted through `api_transformer`."""
