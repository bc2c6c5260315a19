"""A real conversation store for the dashboard's tests, filled through bot.store.database.Store.

Questions and votes go through the Store's own API, so the schema and the rows are the bot's.
The catalogue's rows (`stories`) are inserted with SQL into the Store-made table: adding
stories is the catalogue's job (another branch), and the dashboard only reads them.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bot.store.database import QuestionRecord, Store

# A fixed "now": 2026-11-20 10:00 UTC, so "today" and the days are known.
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc).timestamp()
DAY = 86400.0
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@dataclass(frozen=True)
class Q:
    story: str
    question: str
    kind: str
    asked_at: float
    user: int = 1


def questions(now: float = NOW) -> list[Q]:
    """Two catalogue stories and the embedded one, over several days, with every kind.

    With the default `now` (10:00 UTC) 'today' is 09:00 and 'yesterday' 23:00 the day before.
    """
    NOW = now  # noqa: N806 - the rows read as times relative to "now"
    today, yesterday = NOW - 3600, NOW - 11 * 3600
    rows = [
        Q("gulf-rain", "كم سنتيمتراً من المطر هطل؟", "answer", today, 1),
        Q("gulf-rain", "أين هطل المطر؟", "answer", today, 2),
        Q("gulf-rain", "متى تفتح المدارس؟", "not_found", today, 3),
        Q("gulf-rain", "متى تفتح المدارس", "not_found", yesterday, 4),  # same question_norm
        Q("gulf-rain", "مَتى تفتحُ المدارس؟", "not_found", NOW - 3 * DAY, 5),  # diacritics, same group
        Q("gulf-rain", "هل أغلقت الطرق؟", "not_found", NOW - 3 * DAY, 5),
        Q("gulf-rain", "مرحبا", "greeting", yesterday, 1),
        Q("gulf-rain", HOSTILE, "not_found", NOW - 2 * DAY, 6),
        Q("oil-prices", "كم سعر البرميل؟", "answer", NOW - 5 * DAY, 7),
        Q("oil-prices", "شكرا", "thanks", NOW - 5 * DAY, 7),
        Q("oil-prices", "من هو وزير النفط؟", "not_found", NOW - 40 * DAY, 8),  # outside the chart
        Q("lecun-meta", "لماذا غادر لوكون ميتا؟", "answer", today, 9),
        Q("lecun-meta", "ما هي الشركة الجديدة؟", "summary", NOW - DAY, 9),
        Q("lecun-meta", "ما رأيه في الطقس؟", "not_found", NOW - DAY, 10),
        Q("lecun-meta", "مساعدة", "help", NOW - DAY, 10),
        Q("lecun-meta", "x" * 1000, "future_kind", NOW - 2 * DAY, 11),  # a kind this code does not know
    ]
    return rows


def catalogue_rows(now: float = NOW) -> tuple[tuple[str, str, str, float], ...]:
    """(id, title, source, added_at) rows of the catalogue."""
    return (
        ("oil-prices", "أسعار النفط ترتفع", "رويترز", now - 30 * DAY),
        ("gulf-rain", GULF_TITLE, "وكالة الأنباء", now - 10 * DAY),
        ("quiet-story", "قصة لم يسأل عنها أحد", "", now - 1 * DAY),
    )


GULF_TITLE = "أمطار غزيرة في الخليج <b>عاجل</b>"
CATALOGUE = catalogue_rows()
# votes: (index into questions(), voter, vote)
VOTES = ((0, 100, 1), (1, 101, 1), (1, 102, -1), (8, 103, -1), (11, 104, 1))


async def fill(path: Path, rows: list[Q] | None = None, *, catalogue=CATALOGUE, votes=VOTES) -> list[Q]:
    rows = questions() if rows is None else rows
    store = await Store.open(path)
    try:
        for i, q in enumerate(rows):
            await store.record_question(
                QuestionRecord(
                    answer_id=f"a{i}", chat_id=q.user, user_id=q.user, question=q.question, kind=q.kind,
                    quotes=[], top_score=None, latency_ms=3.0, asked_at=q.asked_at, story=q.story,
                )
            )
        for index, voter, vote in votes:
            assert await store.record_feedback(f"a{index}", voter, vote)
    finally:
        await store.close()
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO stories (id, title, source, url, date, article, added_at, updated_at)"
            " VALUES (?, ?, ?, '', '', '{}', ?, ?)",
            [(i, t, s, at, at) for i, t, s, at in catalogue],
        )
    db.close()
    return rows


def fill_sync(path: Path, rows: list[Q] | None = None, **kwargs) -> list[Q]:
    return asyncio.run(fill(path, rows, **kwargs))
