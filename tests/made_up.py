"""Made-up articles for unit tests: written to a folder and loaded as the product loads a file."""

from __future__ import annotations

from pathlib import Path

from bot.core.answer import load_story


def load_texts(folder: Path, **texts: str) -> dict:
    """Each NAME=TEXT written to FOLDER/NAME.txt and loaded; {NAME: Story}."""
    loaded = {}
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        loaded[name] = load_story(paths=(path,))
    return loaded
