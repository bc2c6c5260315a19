"""Catalogue files as an older storybot wrote them, for the migration tests."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.store import schema
from bot.store.catalogue import article_to_json
from index.article import Article


def old_catalogue(path: Path, version: int, story_id: str, title: str, article: Article) -> None:
    """A file brought to schema `version` only, holding one story stored as that version did."""
    db = sqlite3.connect(path, isolation_level=None)
    for step in range(version):
        db.execute("BEGIN")
        schema.MIGRATIONS[step](db)
        db.execute(f"PRAGMA user_version = {step + 1}")
        db.execute("COMMIT")
    db.execute(
        "INSERT INTO stories (id, title, article, added_at, updated_at) VALUES (?, ?, ?, 1, 1)",
        (story_id, title, article_to_json(article)),
    )
    db.close()
