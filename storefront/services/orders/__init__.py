"""Orders: their state machine, their store, what shoppers see of them."""
