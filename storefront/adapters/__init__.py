"""The outside world (database, cache, files) behind the ports of `storefront.services.ports`."""
