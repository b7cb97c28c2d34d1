"""Checkout: pricing, address checks, discount codes, placing and paying orders, settling
them from the payment provider, and reconciling those the webhook missed."""
