"""The conversation store: one SQLite file, and its command-line reports."""
