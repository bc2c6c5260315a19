"""storybot: the product around the story engine (answers, console, Telegram, store)."""
