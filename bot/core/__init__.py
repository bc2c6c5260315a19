"""The answer core: pure functions from a question to an Answer record."""
