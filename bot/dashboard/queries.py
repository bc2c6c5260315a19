"""What the dashboard reads from the conversation store: read-only, one snapshot per page.

Decisions:
- The file is opened read-only (`mode=ro`, and `query_only` on top): the dashboard never
  creates, migrates or writes the store; the bot owns that. Every check
  the store makes before opening (missing file, not SQLite, another program's database, a
  newer schema) is the store's own (`_check_file`, `_check_schema`), so the messages match.
  An older schema is refused too, with the command that upgrades it.
- A connection per page: cheap for SQLite, and a file that appears, is replaced or breaks
  while the dashboard runs is seen at the next request, without a restart.
- The figures are the store's own queries (`_read_stats`, `_read_unanswered`), given a story
  filter; only what `storybot stats` has no query for (days, latest, the list of stories) is
  written here. Answered / unanswered are the store's `ANSWERED_KINDS` / `UNANSWERED_KINDS`,
  so a new kind counts as "other" in both places.
- "Today" and days are UTC, as in `storybot stats`.
"""

from __future__ import annotations

import asyncio
import math
import sqlite3
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, AsyncIterator

import aiosqlite

from bot.store.database import ANSWERED_KINDS, UNANSWERED_KINDS, _in, _read_stats, _read_unanswered
from bot.store import damage
from bot.store.schema import EMBEDDED_STORY_ID, SCHEMA_VERSION, StoreError, _check_file, _check_schema, read_only_uri

DAY_S = 86400
CHART_DAYS = 30
LATEST_LIMIT = 20
STORIES_PER_PAGE = 50
_BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class DayCount:
    day: date  # UTC
    questions: int
    answered: int
    unanswered: int

    @property
    def other(self) -> int:
        return self.questions - self.answered - self.unanswered


@dataclass(frozen=True)
class StoryCounts:
    id: str
    title: str
    source: str
    in_catalogue: bool  # False: questions about a story no longer (or never) in `stories`
    questions: int
    answered: int
    unanswered: int
    last_asked: float | None

    @property
    def share_answered(self) -> float | None:
        decided = self.answered + self.unanswered
        return self.answered / decided if decided else None


@dataclass(frozen=True)
class Asked:
    question: str
    kind: str
    asked_at: float
    story: str
    story_title: str


@dataclass(frozen=True)
class StoriesPage:
    stories: tuple[StoryCounts, ...]
    total: int
    page: int  # 1-based
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@lru_cache(maxsize=1)
def embedded_title() -> str:
    """The embedded story's title: it has no row in `stories` in older files."""
    from index.article import load_embedded_story

    return load_embedded_story().title


def check_readable(path: Path) -> int:
    """Raise StoreError (saying why and what to do) unless `path` is a store this code reads; returns its schema version."""
    _check_file(path, create=False)
    try:
        db = sqlite3.connect(read_only_uri(path), uri=True, timeout=_BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the conversation store {path} read-only: {exc}") from exc
    try:
        version = _check_schema(db, path)
        if version == 0:
            raise StoreError(f"{path} is an empty database: start the bot once so that it creates the store")
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{path} has conversation-store schema version {version}, older than this dashboard "
                f"reads ({SCHEMA_VERSION}); start the bot (`storybot telegram`) once to upgrade it"
            )
        db.execute("SELECT 1 FROM questions LIMIT 1").fetchall()
        return version
    except sqlite3.Error as exc:  # "file is not a database", a damaged page, ...
        damage.note(path, exc)
        raise StoreError(f"cannot read the conversation store {path}: {exc}") from exc
    finally:
        db.close()


@asynccontextmanager
async def open_read_only(path: Path) -> AsyncIterator[aiosqlite.Connection]:
    """A read-only connection inside one read transaction (one consistent snapshot); StoreError if unreadable."""
    await asyncio.get_running_loop().run_in_executor(None, check_readable, path)
    try:
        db = await aiosqlite.connect(read_only_uri(path), uri=True, isolation_level=None, timeout=_BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the conversation store {path} read-only: {exc}") from exc
    try:
        await db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        await db.execute("PRAGMA query_only = ON")
        await db.execute("BEGIN")
        try:
            yield db
        finally:
            await db.execute("COMMIT")
    except sqlite3.Error as exc:  # a page a query needed may be damaged: /healthz is told (bot.store.damage)
        damage.note(path, exc)
        raise StoreError(f"cannot read the conversation store {path}: {exc}") from exc
    finally:
        await db.close()


async def read_summary(db: aiosqlite.Connection, story: str | None, now: float) -> dict[str, Any]:
    """`storybot stats`'s figures (same keys), for all stories (None) or one."""
    return await _read_stats(db, now=now, story=story)


async def read_unanswered(
    db: aiosqlite.Connection, story: str | None, limit: int | None = None
) -> list[tuple[str, int, str]]:
    """`storybot export --unanswered`'s rows (question, count, last_asked), most asked first."""
    return await _read_unanswered(db, since=None, limit=limit, story=story)


def _story_clause(story: str | None, column: str = "story") -> tuple[str, tuple[Any, ...]]:
    return ("", ()) if story is None else (f" AND {column} = ?", (story,))


async def read_days(
    db: aiosqlite.Connection, story: str | None, now: float, days: int = CHART_DAYS
) -> tuple[DayCount, ...]:
    """Questions per UTC day for the `days` days ending today, days without questions included."""
    today = math.floor(now / DAY_S)
    first = today - days + 1
    where, params = _story_clause(story)
    rows = await db.execute_fetchall(
        f"""SELECT CAST(asked_at / {DAY_S} AS INTEGER) AS day, count(*),
                   sum(kind IN {_in(ANSWERED_KINDS)}), sum(kind IN {_in(UNANSWERED_KINDS)})
            FROM questions WHERE asked_at >= ? AND asked_at < ?{where}
            GROUP BY day""",
        (first * DAY_S, (today + 1) * DAY_S, *params),
    )
    by_day = {day: (n, a, u) for day, n, a, u in rows}
    return tuple(
        DayCount(_utc_date(d), *by_day.get(d, (0, 0, 0))) for d in range(first, today + 1)
    )


def _utc_date(day_number: int) -> date:
    return datetime.fromtimestamp(day_number * DAY_S, timezone.utc).date()


async def read_latest(db: aiosqlite.Connection, story: str | None, limit: int = LATEST_LIMIT) -> tuple[Asked, ...]:
    """The most recent questions, newest first (text, kind, time, story; never who asked)."""
    where, params = _story_clause(story, "q.story")
    rows = await db.execute_fetchall(
        f"""SELECT q.question, q.kind, q.asked_at, q.story, s.title
            FROM questions AS q LEFT JOIN stories AS s ON s.id = q.story
            WHERE 1{where} ORDER BY q.asked_at DESC, q.id DESC LIMIT ?""",
        (*params, limit),
    )
    return tuple(Asked(q, kind, at, sid, title or _fallback_title(sid)) for q, kind, at, sid, title in rows)


def _fallback_title(story_id: str) -> str:
    """A story without a catalogue row: the embedded one has its package title, others their id."""
    return embedded_title() if story_id == EMBEDDED_STORY_ID else story_id


# Every story editors may look at: the catalogue, the embedded story (always there, with or
# without a row), and any story that has questions but no row (removed from the catalogue).
# Newest first: by the time it was added, else (a removed story) by its first question; the
# embedded story without a row is the oldest of all (it shipped with the bot). Stories added
# at the same time (one `add --jsonl` batch shares its added_at) come in the order of
# `storybot stories` (Catalogue.newest: rowid DESC), the last line of the batch first.
# The page is chosen first and counted after, so a page costs its own stories' questions
# (through the index on questions(story, asked_at)), not the whole table's; `first` is a
# covering-index scan.
_PAGE_SQL = """
WITH firsts AS (SELECT story, min(asked_at) AS first FROM questions GROUP BY story),
ids AS (SELECT id FROM stories UNION SELECT story FROM firsts UNION SELECT :embedded)
SELECT ids.id, s.title, s.source, s.id IS NOT NULL,
       coalesce(s.added_at, CASE WHEN ids.id = :embedded THEN 0 ELSE f.first END, 0) AS newest
FROM ids LEFT JOIN stories AS s ON s.id = ids.id LEFT JOIN firsts AS f ON f.story = ids.id
ORDER BY newest DESC, s.rowid DESC, ids.id
LIMIT :limit OFFSET :offset
"""
_TOTAL_SQL = "SELECT count(*) FROM (SELECT id FROM stories UNION SELECT story FROM questions UNION SELECT :embedded)"
_ONE_SQL = "SELECT :id, title, source, 1, added_at FROM stories WHERE id = :id"
_COUNTS_SQL = f"""
SELECT count(*), coalesce(sum(kind IN {_in(ANSWERED_KINDS)}), 0), coalesce(sum(kind IN {_in(UNANSWERED_KINDS)}), 0),
       max(asked_at)
FROM questions WHERE story = ?
"""


async def _with_counts(db: aiosqlite.Connection, row: tuple[Any, ...]) -> StoryCounts:
    story_id, title, source, in_catalogue, _newest = row
    counts = (await db.execute_fetchall(_COUNTS_SQL, (story_id,)))[0]
    return _story_row((story_id, title, source, in_catalogue, *counts))


def _story_row(row: tuple[Any, ...]) -> StoryCounts:
    story_id, title, source, in_catalogue, n, a, u, last = row
    if not title:
        title = _fallback_title(story_id)
    return StoryCounts(
        id=story_id,
        title=title,
        source=source or "",
        in_catalogue=bool(in_catalogue) or story_id == EMBEDDED_STORY_ID,
        questions=n,
        answered=a,
        unanswered=u,
        last_asked=last,
    )


async def read_stories(db: aiosqlite.Connection, page: int = 1, per_page: int = STORIES_PER_PAGE) -> StoriesPage:
    """One page of the stories with their counts, newest first."""
    total = (await db.execute_fetchall(_TOTAL_SQL, {"embedded": EMBEDDED_STORY_ID}))[0][0]
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    rows = await db.execute_fetchall(
        _PAGE_SQL, {"embedded": EMBEDDED_STORY_ID, "limit": per_page, "offset": (page - 1) * per_page}
    )
    return StoriesPage(tuple([await _with_counts(db, r) for r in rows]), total, page, per_page)


async def read_story(db: aiosqlite.Connection, story_id: str) -> StoryCounts | None:
    """One story and its counts; None when it is neither in the catalogue nor asked about."""
    rows = list(await db.execute_fetchall(_ONE_SQL, {"id": story_id}))
    story = await _with_counts(db, rows[0] if rows else (story_id, None, None, 0, None))
    if not rows and story_id != EMBEDDED_STORY_ID and story.questions == 0:
        return None
    return story
