"""What the end-to-end tests of the running bot share: the story questions they send and a
read of the store's file as an outsider (a fresh connection, closed at once)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

# Answers, a summary and a question the story does not answer: each kind of reply the bot sends.
QUESTIONS = [
    "كم أنفقت ميتا للحصول على ألكسندر وانغ؟",
    "لماذا يغادر يان ليكون ميتا؟",
    "متى أسس ليكون مختبر FAIR؟",
    "كم عاملًا فصلت ميتا؟",
    "ما عاصمة فرنسا؟",
    "لخص لي المقال",
]


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
