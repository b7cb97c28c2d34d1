"""Domain events on their way out: the outbox relay, consumer groups, per-process listeners."""
