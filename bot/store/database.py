"""The conversation store: every question, feedback votes, rate-limit counts; one SQLite file.

Design, in short (each point is explained where it is implemented):

- One *writer* connection, fed by one asyncio task that drains a FIFO queue of write jobs.
  Jobs that queue up while a commit is in progress go into the next transaction together
  ("group commit"), each inside its own SAVEPOINT so one bad job cannot undo the others.
  Only this connection ever writes, so concurrent callers never see "database is locked";
  `busy_timeout` covers the rare other process (the `storybot stats` CLI, a migration).
- The writer is a plain sqlite3 connection on its own single thread, and a whole batch is
  handed to that thread at once. aiosqlite (used for the reader) makes one event-loop round
  trip per statement; under 256 concurrent Telegram handlers each round trip waits for a busy
  loop iteration, and a batch of a few hundred jobs took seconds (allow() timed out). One
  hop per batch keeps the writer's latency independent of the batch size.
- A separate read-only aiosqlite *reader* connection serves `stats()` and
  `export_unanswered()`; in WAL mode it reads a consistent snapshot without holding up the
  writer.
- WAL mode with `synchronous=FULL`: a job's future resolves only after its COMMIT returned,
  so whatever `record_question` has returned for survives SIGKILL (and power loss).
- Schema version in `PRAGMA user_version`; migrations run in place, one transaction each
  (bot.store.schema, shared with the catalogue). A file that is not SQLite, not ours, or
  newer than this code is refused before anything is written to it.
- Storing never breaks the reply: `record_question`/`record_feedback` log failures on the
  `storybot.store` logger and return; `allow()` fails open (allows) when the database fails
  or is slower than `allow_timeout_s`.
- `allow()` itself counts the attempt it allows (atomically, inside the writer): counting in
  `record_question` would race, because that runs in the background after the reply, so a
  burst of messages would all pass `allow()` before any of them was recorded. Refused
  attempts are not counted, so the limit is "N allowed questions in any sliding hour".

A reply that was sent is stored: `record_question` returns only after COMMIT, so a handler
that wants "every question whose reply went out survives a SIGKILL" awaits it before sending;
`record_question_within(rec, timeout_s)` does that with a bound, so a slow database delays
the reply by at most timeout_s (the write then finishes in the background).

Privacy: `forget()` deletes the user's questions, their votes, other users' votes on their
answers and their chosen story, all or nothing (one job, one savepoint; the line it adds to
held writes waiting beside the file is part of it, see `_forget_held_too`); `secure_delete` overwrites the deleted content in the file rather than just
unlinking it. The rate-limit events stay (they hold a user id and a time, no text, and are
gone within the hour): deleting them would let /forget reset the limit.

Bounds: a stored question is cut at Telegram's own 4,096 characters (`MAX_QUESTION_CHARS`),
and lone surrogates (which UTF-8 cannot hold) become U+FFFD, so every question can be stored.

The inbox (schema v4): every update the bot receives is committed here before it is
confirmed to Telegram (`receive()`), and marked done once handled (`mark_done()`); after a
crash, `pending_updates()` gives back what was received and never handled.

Kinds: "answer", "summary" and "meta" count as answered, "not_found" as unanswered; the
small-talk kinds ("greeting", "thanks", "help") are stored and counted in `questions` and
`other`, but in neither `answered` nor `unanswered`, so they do not flatter the share answered.
`questions.via` says where a question came from: "chat" (a message) or "inline" (an inline query).

Damage (bot.store.damage): once the file is known damaged (PRAGMA quick_check in the
background, a query, a write that failed with SQLITE_CORRUPT/NOTADB), the store writes to it no
more, until the process restarts: writing on top of broken pages spreads the damage. What each
write does then is one row of `WHILE_DAMAGED`: questions, votes, chosen stories and /forget
requests are *held*, appended as JSON lines to a side file beside the database
(`held_path()`, never the database itself, bounded by MAX_HELD_BYTES), so that they survive a
restart and can be replayed into a restored copy (`storybot replay-held`, bot.store.replay);
the others are answered without the file (the rate limit fails open, as when the store is
slow). One line on the `storybot.store` logger
says so when it happens. Reads go on (answers need no write) and fail soft where they meet a
damaged page. bot.store.damage pins the file so that closing the store does not checkpoint the
WAL into it.

Retention: `purge_older_than()` deletes questions (and the votes on them) older than
`retention_days`, rate-limit events older than an hour, and inbox rows handled more than
`INBOX_KEEP_S` ago (kept that long to recognise an update Telegram delivers twice). The bot calls
`start_purge_task()` once after `open()`: it purges at once, then every `interval_s`.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import logging
import math
import os
import re
import sqlite3
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Iterable, TypeVar

import aiosqlite

from bot.store import damage

if TYPE_CHECKING:
    from bot.core.answer_types import Answer

from bot.store.schema import (  # noqa: F401  (re-exported: the store's public names)
    APPLICATION_ID,
    EMBEDDED_STORY_ID,
    QUICK_CHECK,
    SCHEMA_VERSION,
    StoreError,
    _check_file,
    _open_writer,
    damage_error,
    normalise_question,
    read_only_uri,
)

logger = logging.getLogger("storybot.store")


async def _connect_reader(path: Path, busy_timeout_ms: int) -> aiosqlite.Connection:
    db = await aiosqlite.connect(str(path), isolation_level=None, timeout=busy_timeout_ms / 1000)
    await db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    await db.execute("PRAGMA query_only = ON")
    return db


ANSWERED_KINDS = ("answer", "summary", "meta")
UNANSWERED_KINDS = ("not_found",)
RATE_WINDOW_S = 3600.0
_DAY_S = 86400.0
_MAX_BATCH = 256  # jobs per group commit; bounds how long one transaction holds the file
TOP_UNANSWERED = 10
MAX_QUESTION_CHARS = 4096  # Telegram's own limit on a message's text
SHOWN_QUESTION_CHARS = 300  # per question in `stats` (the export gives the stored text)
INBOX_KEEP_S = _DAY_S
_SURROGATE = re.compile("[\ud800-\udfff]")

T = TypeVar("T")


@dataclass(frozen=True)
class QuestionRecord:
    answer_id: str
    chat_id: int
    user_id: int
    question: str
    kind: str
    quotes: list[dict[str, Any]]
    top_score: float | None
    latency_ms: float
    asked_at: float  # unix time, seconds
    story: str = EMBEDDED_STORY_ID  # the catalogue id of the story the question was about
    via: str = "chat"  # "chat" (a message) or "inline" (an inline query)


def new_answer_id() -> str:
    """A short unique id for an answer (fits Telegram's 64-byte callback data with room to spare)."""
    return uuid.uuid4().hex[:16]


def storable(text: str) -> str:
    """Text SQLite can hold, within the stored bound: cut at MAX_QUESTION_CHARS, lone surrogates replaced."""
    return _SURROGATE.sub("\ufffd", text[:MAX_QUESTION_CHARS])


def record_from_answer(
    answer: Answer,
    *,
    answer_id: str,
    chat_id: int,
    user_id: int,
    latency_ms: float,
    asked_at: float | None = None,
    story: str = EMBEDDED_STORY_ID,
    via: str = "chat",
) -> QuestionRecord:
    """Build the record of one reply from the `Answer` it rendered."""
    scores = [q.score for q in answer.quotes]
    return QuestionRecord(
        answer_id=answer_id,
        chat_id=chat_id,
        user_id=user_id,
        question=answer.question,
        kind=answer.kind.value,
        quotes=[asdict(q) for q in answer.quotes],
        top_score=max(scores) if scores else None,
        latency_ms=latency_ms,
        asked_at=time.time() if asked_at is None else asked_at,
        story=story,
        via=via,
    )


def iso_utc(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------
# Write jobs: plain functions of the writer connection, run inside the writer's transaction.


def _insert_question(db: sqlite3.Connection, rec: QuestionRecord) -> None:
    question = storable(rec.question)
    # ON CONFLICT DO NOTHING: a retried record with the same answer_id is stored once.
    db.execute(
        """INSERT INTO questions (answer_id, chat_id, user_id, question, question_norm, kind,
                                  quotes, top_score, latency_ms, asked_at, story, via)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(answer_id) DO NOTHING""",
        (
            rec.answer_id,
            rec.chat_id,
            rec.user_id,
            question,
            normalise_question(question),
            rec.kind,
            _SURROGATE.sub("\ufffd", json.dumps(rec.quotes, ensure_ascii=False)),
            rec.top_score,
            rec.latency_ms,
            rec.asked_at,
            rec.story,
            rec.via,
        ),
    )


def _upsert_vote(db: sqlite3.Connection, answer_id: str, user_id: int, vote: int, now: float,
                 newer_only: bool = False) -> bool:
    """A user's vote on an answer, replacing theirs. `newer_only`: not over a vote cast later
    than `now` (a held vote replayed into a file the bot has written since, bot.store.replay)."""
    # The WHERE EXISTS both rejects unknown answers and resolves SQLite's parsing ambiguity
    # between INSERT ... SELECT and ON CONFLICT.
    cursor = db.execute(
        """INSERT INTO feedback (answer_id, user_id, vote, voted_at)
           SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM questions WHERE answer_id = ?)
           ON CONFLICT(answer_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at
           WHERE NOT ? OR excluded.voted_at >= feedback.voted_at""",
        (answer_id, user_id, vote, now, answer_id, newer_only),
    )
    return cursor.rowcount > 0


def _take_rate_slot(db: sqlite3.Connection, user_id: int, limit: int, now: float) -> bool:
    cutoff = now - RATE_WINDOW_S
    db.execute("DELETE FROM rate_events WHERE user_id = ? AND at <= ?", (user_id, cutoff))
    cursor = db.execute(
        """INSERT INTO rate_events (user_id, at)
           SELECT ?, ? WHERE (SELECT count(*) FROM rate_events WHERE user_id = ? AND at > ?) < ?""",
        (user_id, now, user_id, cutoff, limit),
    )
    return cursor.rowcount == 1


def _delete_user(db: sqlite3.Connection, user_id: int, until: float = math.inf) -> int:
    """/forget: the user's rows stored up to `until` (all of them when it is asked live). A
    /forget held while the file was damaged and replayed later (bot.store.replay) passes the
    time it was asked: it deletes what it would have deleted then, not what the user asked
    the bot since it restarted on the restored file."""
    deleted = 0
    # Votes by the user, and votes by others on the user's answers (they describe the user's
    # question, and would be orphans once it is gone).
    for sql, params in (
        (
            "DELETE FROM feedback WHERE (user_id = ? AND voted_at <= ?)"
            " OR answer_id IN (SELECT answer_id FROM questions WHERE user_id = ? AND asked_at <= ?)",
            (user_id, until, user_id, until),
        ),
        ("DELETE FROM questions WHERE user_id = ? AND asked_at <= ?", (user_id, until)),
        # The story the user chose in their private chat with the bot (its chat id is theirs).
        ("DELETE FROM chat_stories WHERE chat_id = ? AND chosen_at <= ?", (user_id, until)),
    ):
        cursor = db.execute(sql, params)
        deleted += cursor.rowcount
    return deleted


def _delete_older(db: sqlite3.Connection, cutoff: float, now: float) -> int:
    deleted = 0
    for sql, params in (
        ("DELETE FROM feedback WHERE answer_id IN (SELECT answer_id FROM questions WHERE asked_at < ?)", (cutoff,)),
        ("DELETE FROM questions WHERE asked_at < ?", (cutoff,)),
        # /privacy lists the chat's chosen story among what is deleted after the retention days.
        ("DELETE FROM chat_stories WHERE chosen_at < ?", (cutoff,)),
        ("DELETE FROM rate_events WHERE at <= ?", (now - RATE_WINDOW_S,)),
        ("DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?", (now - INBOX_KEEP_S,)),
    ):
        cursor = db.execute(sql, params)
        deleted += cursor.rowcount
    return deleted


def _receive(db: sqlite3.Connection, updates: list[tuple[int, str]], now: float) -> list[int]:
    """Insert the updates not seen before; returns their ids (the ones to handle)."""
    new = []
    for update_id, body in updates:
        cursor = db.execute(
            "INSERT INTO inbox (update_id, received_at, body) VALUES (?, ?, ?) ON CONFLICT(update_id) DO NOTHING",
            (update_id, now, body),
        )
        if cursor.rowcount:
            new.append(update_id)
    return new


def _mark_done(db: sqlite3.Connection, update_ids: list[int], now: float) -> None:
    # The body goes: a handled update is kept only to recognise a second delivery of it.
    db.executemany("UPDATE inbox SET done_at = ?, body = '' WHERE update_id = ? AND done_at IS NULL",
                   [(now, update_id) for update_id in update_ids])


def _take_pending(db: sqlite3.Connection, since: float, now: float) -> tuple[list[str], int]:
    """The bodies received since `since` and never handled, oldest first; older ones are
    given up (marked done), and their number returned."""
    expired = db.execute(
        "UPDATE inbox SET done_at = ?, body = '' WHERE done_at IS NULL AND received_at < ?", (now, since)
    ).rowcount
    rows = db.execute("SELECT body FROM inbox WHERE done_at IS NULL ORDER BY update_id").fetchall()
    return [body for (body,) in rows], expired


def _set_chat_story(db: sqlite3.Connection, chat_id: int, story: str, now: float, newer_only: bool = False) -> None:
    """The story a chat chose. `newer_only`: not over a choice made later than `now` (as _upsert_vote)."""
    db.execute(
        """INSERT INTO chat_stories (chat_id, story, chosen_at) VALUES (?, ?, ?)
           ON CONFLICT(chat_id) DO UPDATE SET story = excluded.story, chosen_at = excluded.chosen_at
           WHERE NOT ? OR excluded.chosen_at >= chat_stories.chosen_at""",
        (chat_id, story, now, newer_only),
    )


def _delete_chat_story(db: sqlite3.Connection, chat_id: int, story: str) -> None:
    """A chat's choice of a story removed from the catalogue since (not one it made since)."""
    db.execute("DELETE FROM chat_stories WHERE chat_id = ? AND story = ?", (chat_id, story))


# ---------------------------------------------------------------------------------------
# While the file is damaged: what each write job does instead (see the module docstring).

# A long-damaged store must not fill the disk: past this, held writes are dropped (and counted).
MAX_HELD_BYTES = 64 * 1024 * 1024


# What became of a vote (Store.record_vote): the reader is thanked only for the first.
VOTE_STORED, VOTE_UNKNOWN, VOTE_FAILED = "stored", "unknown", "failed"


def held_path(path: Path) -> Path:
    """The side file of held writes: beside the database, never the database itself."""
    return path.with_name(path.name + "-held.jsonl")


def replaying_path(path: Path) -> Path:
    """The side file once `storybot replay-held` has taken it (bot.store.replay): moved out of
    the way of a process still holding writes, which starts a new side file."""
    return path.with_name(held_path(path).name + ".replaying")


@dataclass(frozen=True)
class Damaged:
    """A write job's row of WHILE_DAMAGED: its name in the side file (None: not kept), what
    its caller gets without the file (a function of the job's arguments; it may raise), and
    what it gets when its line was dropped for want of room (MAX_HELD_BYTES; None: the same)."""

    held_as: str | None
    result: Callable[[dict[str, Any]], Any]
    dropped: Callable[[dict[str, Any]], Any] | None = None


class ForgetHeld(StoreError):
    """A /forget asked while the file is damaged: nothing is deleted yet, but the request is in
    the side file, after the rows it deletes, and `storybot replay-held` writes it into the
    restored file. The user is told it is recorded, not that it failed."""


def _held_forget(_: dict[str, Any]) -> Any:
    raise ForgetHeld("the conversation store is damaged; the request is held and deletes the user's rows "
                     "when the held writes are replayed into the restored file")


def _refuse(what: str) -> Callable[[dict[str, Any]], Any]:
    def refuse(_: dict[str, Any]) -> Any:
        raise StoreError(f"the conversation store is damaged; {what}")

    return refuse


WHILE_DAMAGED: dict[Callable[..., Any], Damaged] = {
    _insert_question: Damaged("question", lambda kw: None),
    # Held: the reader is thanked, the replay records it. Dropped (the side file is full): not recorded.
    _upsert_vote: Damaged("vote", lambda kw: True, lambda kw: False),
    _set_chat_story: Damaged("chat_story", lambda kw: None),
    # Not held: the desk clears it again whenever the chat asks (bot.conversation.desk._gone).
    _delete_chat_story: Damaged(None, lambda kw: None),
    # Held for a replay (the user's rows are in the damaged file and in the side file); the
    # user is told it is recorded and takes effect once the file is restored. Dropped (the side
    # file is full): it failed, and the user is told so.
    _delete_user: Damaged("forget", _held_forget,
                          _refuse("nothing was deleted, and the request could not be held (the held writes are full)")),
    _take_rate_slot: Damaged(None, lambda kw: True),  # fails open, as when the store is slow
    # Every update is new to an inbox that cannot be read: handled, not kept (it is answered now).
    _receive: Damaged(None, lambda kw: [update_id for update_id, _ in kw["updates"]]),
    _mark_done: Damaged(None, lambda kw: None),
    _take_pending: Damaged(None, _refuse("the inbox cannot be read")),
    _delete_older: Damaged(None, lambda kw: 0),  # the purge waits for the restored file
}


def _job_parts(run: Callable[..., Any]) -> tuple[Callable[..., Any], dict[str, Any]]:
    """The write function of a job and its keyword arguments (jobs are partials of the functions above)."""
    if isinstance(run, partial):
        return run.func, dict(run.keywords)
    return run, {}


def held_line(run: Callable[..., Any], at: float) -> str | None:
    """The side file's JSON line for a job held while the file is damaged, or None if it is not kept."""
    func, kwargs = _job_parts(run)
    row = WHILE_DAMAGED.get(func)
    if row is None or row.held_as is None:
        return None
    fields = {k: asdict(v) if isinstance(v, QuestionRecord) else v for k, v in kwargs.items()}
    return _SURROGATE.sub("\ufffd", json.dumps({"held": row.held_as, "held_at": at, **fields}, ensure_ascii=False))


def damaged_result(run: Callable[..., Any], dropped: bool = False) -> Any:
    """What the caller of a job gets while the file is damaged (StoreError for one not in the
    table); `dropped`: its held line was dropped for want of room."""
    func, kwargs = _job_parts(run)
    row = WHILE_DAMAGED.get(func)
    if row is None:
        raise StoreError("the conversation store is damaged; the write was not made")
    return (row.dropped if dropped and row.dropped is not None else row.result)(kwargs)


class _JobRefused(StoreError):
    """Raised by a job's `then` on the writer thread: that job is rolled back, not the batch."""


class _DamageKnown(Exception):
    """Raised on the writer thread to roll a batch back: the file was found damaged meanwhile."""


def _same_file(fd: int, path: Path) -> bool:
    """True while `path` names the file open at `fd` (not renamed away, not replaced)."""
    try:
        at_path = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (opened.st_dev, opened.st_ino) == (at_path.st_dev, at_path.st_ino)


def open_held_locked(side: Path) -> int:
    """A descriptor appending to the side file that `side` names now, under its lock (flock).
    `storybot replay-held` renames the side file and then reads it under the same lock
    (bot.store.replay): a writer that opened it before the rename finds it moved once it holds
    the lock, and opens the new one, so no line lands in a file already read."""
    while True:
        fd = os.open(side, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, side):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _append_held(side: Path, lines: list[str], limit: int = MAX_HELD_BYTES) -> set[int]:
    """Append the lines to the side file (created 0600, fsynced); returns the places (in
    `lines`) of those dropped for want of room under `limit`."""
    if not lines:
        return set()
    fd = open_held_locked(side)
    try:
        size = os.fstat(fd).st_size
        data = b""
        dropped = set()
        for place, line in enumerate(lines):
            encoded = line.encode("utf-8") + b"\n"
            if size + len(data) + len(encoded) > limit:
                dropped.add(place)
            else:
                data += encoded
        if data:
            os.write(fd, data)
            os.fsync(fd)
    finally:
        os.close(fd)  # and the lock with it
    return dropped


def waiting_held(path: Path) -> list[Path]:
    """The side files of writes held while an earlier copy of the file was damaged that wait
    beside it, not replayed yet (one being replayed, then the one a process holds writes in)."""
    return [side for side in (replaying_path(path), held_path(path)) if side.exists()]


def _tell_of_held(path: Path) -> None:
    """One line when writes held while an earlier copy of the file was damaged wait beside this
    sound one. Not replayed here: whether they belong in this file (the restored copy, not a
    fresh one) is the operator's call, and a process still holding writes may be adding to them."""
    waiting = waiting_held(path)
    if waiting:
        logger.warning("writes held while %s was damaged wait in %s; replay them into it with "
                       "`storybot replay-held` (`--dry-run` first shows what it would do)",
                       path, " and ".join(map(str, waiting)))


@dataclass
class _Job:
    run: Callable[[sqlite3.Connection], Any]
    future: asyncio.Future[Any]
    # Run on the writer thread inside the job's savepoint, after `run`, while the file is sound:
    # a StoreError it raises rolls the job back (its rows stay as they were). Not run while the
    # file is damaged (the job is held instead).
    then: Callable[[], None] | None = None


@dataclass
class _Outcome:
    job: _Job
    result: Any = None
    error: BaseException | None = None


@dataclass(eq=False)  # a store is equal only to itself
class Store:
    """Use `await Store.open(path)`; the constructor is internal."""

    path: Path
    retention_days: int
    rate_limit_per_hour: int
    allow_timeout_s: float
    _db: sqlite3.Connection = field(repr=False)  # the writer; used only on _executor's thread
    _executor: ThreadPoolExecutor = field(repr=False)
    _reader: aiosqlite.Connection = field(repr=False)
    _queue: asyncio.Queue[_Job | None] = field(default_factory=asyncio.Queue, repr=False)
    _read_lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    _writer_task: asyncio.Task[None] | None = field(default=None, repr=False)
    _purge_task: asyncio.Task[None] | None = field(default=None, repr=False)
    _background: set[asyncio.Task[None]] = field(default_factory=set, repr=False)
    _done_waiting: tuple[list[int], asyncio.Future[None]] | None = field(default=None, repr=False)
    _closed: bool = False
    # The damage that stopped the writes (bot.store.damage), or None while the file is sound.
    damaged: damage.Damage | None = field(default=None, repr=False)
    _held_full: bool = field(default=False, repr=False)

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    async def open(
        cls,
        path: str | Path,
        *,
        retention_days: int = 90,
        rate_limit_per_hour: int = 30,
        create: bool = True,
        busy_timeout_ms: int = 5000,
        allow_timeout_s: float = 2.0,
    ) -> Store:
        """Open (creating and migrating as needed) the store; StoreError says why it cannot."""
        path = Path(path)
        _check_file(path, create)
        loop = asyncio.get_running_loop()
        # The writer connection lives on this one thread (sqlite3 connections belong to the
        # thread that made them); each group commit is one hop to it and back.
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storybot-store-writer")
        db: sqlite3.Connection | None = None
        try:
            db = await loop.run_in_executor(executor, _open_writer, path, busy_timeout_ms)
            reader = await _connect_reader(path, busy_timeout_ms)
        except BaseException as exc:
            if db is not None:
                await loop.run_in_executor(executor, db.close)
            executor.shutdown(wait=False)
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot open the conversation store {path}: {exc}") from exc
            raise
        store = cls(
            path=path,
            retention_days=retention_days,
            rate_limit_per_hour=rate_limit_per_hour,
            allow_timeout_s=allow_timeout_s,
            _db=db,
            _executor=executor,
            _reader=reader,
        )
        store._writer_task = asyncio.create_task(store._writer_loop(), name="storybot-store-writer")
        store._writer_task.add_done_callback(store._writer_done)
        _tell_of_held(path)
        return store

    async def close(self) -> None:
        """Finish every queued write, then close both connections. Idempotent."""
        if self._closed:
            return
        self._closed = True
        if self._purge_task is not None:
            self._purge_task.cancel()
            await asyncio.gather(self._purge_task, return_exceptions=True)
        self._queue.put_nowait(None)  # the writer stops after the jobs queued before this
        if self._writer_task is not None:
            await asyncio.gather(self._writer_task, return_exceptions=True)
        await asyncio.gather(*self._background, return_exceptions=True)
        # Queued behind any batch still running on the thread (if the writer was cancelled).
        await asyncio.get_running_loop().run_in_executor(self._executor, self._db.close)
        self._executor.shutdown(wait=False)
        await self._reader.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # -- the writer ---------------------------------------------------------------------

    async def _submit(self, run: Callable[[sqlite3.Connection], T], *, shield: bool,
                      then: Callable[[], None] | None = None) -> T:
        """Queue a write job and wait until it has been committed (or has failed).

        With shield=True, cancelling the caller does not withdraw the job: a question whose
        handler was cancelled is still stored. Unshielded jobs cancelled before they ran are
        skipped (allow() uses that when it gives up waiting).
        """
        future = self._enqueue(run, then)
        return await (asyncio.shield(future) if shield else future)

    def _enqueue(self, run: Callable[[sqlite3.Connection], T], then: Callable[[], None] | None = None) -> asyncio.Future[T]:
        """Queue a write job now (jobs run in the order queued); its future resolves after COMMIT."""
        if self._closed or self._writer_task is None or self._writer_task.done():
            raise StoreError("the conversation store is closed")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Job(run, future, then))
        return future

    async def _writer_loop(self) -> None:
        loop = asyncio.get_running_loop()
        stopping = False
        while not stopping:
            first = await self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < _MAX_BATCH and not self._queue.empty():
                job = self._queue.get_nowait()
                if job is None:
                    stopping = True
                    break
                batch.append(job)
            live = [job for job in batch if not job.future.cancelled()]
            if not live:
                continue
            try:
                outcomes = await self._write(live)
            except asyncio.CancelledError:
                for job in live:
                    if not job.future.done():
                        job.future.set_exception(StoreError("the conversation store's writer stopped"))
                raise
            for outcome in outcomes:
                if outcome.job.future.done():
                    continue  # e.g. allow() stopped waiting
                if outcome.error is not None:
                    outcome.job.future.set_exception(outcome.error)
                else:
                    outcome.job.future.set_result(outcome.result)

    async def _write(self, jobs: list[_Job]) -> list[_Outcome]:
        """Commit a batch while the file is sound; hold it once the file is known damaged."""
        loop = asyncio.get_running_loop()
        if self.damaged is None and (met := damage.met(self.path)) is not None:
            self._hold_writes(met)
        if self.damaged is not None:
            return await loop.run_in_executor(self._executor, self._hold, jobs)
        outcomes = await loop.run_in_executor(self._executor, self._run_batch, jobs)
        for outcome in outcomes:
            if outcome.error is not None:
                damage.note(self.path, outcome.error)  # for /healthz (bot.health)
        unstored = [o.job for o in outcomes if _damage_error(o.error)]
        if not unstored:
            return outcomes
        self._hold_writes(damage.met(self.path) or damage.Damage(str(outcomes[0].error), (0, 0)))
        stored = [o for o in outcomes if not _damage_error(o.error)]
        return stored + await loop.run_in_executor(self._executor, self._hold, unstored)

    def _hold_writes(self, met: damage.Damage) -> None:
        """The file is damaged: from now on no write reaches it (one log line says so)."""
        self.damaged = met
        logger.error(
            "conversation store damaged: writes are held in %s and %s is no longer written; answers "
            "go on. Restore the file from a backup, restart the bot and run `storybot replay-held`. What was found: %s",
            held_path(self.path), self.path, met.error,
        )

    def _hold(self, jobs: list[_Job]) -> list[_Outcome]:
        """On the writer thread: keep what the table says to keep in the side file; each
        caller gets what the table says (bot.store.database.WHILE_DAMAGED)."""
        side = held_path(self.path)
        now = time.time()
        held = [held_line(job.run, now) for job in jobs]  # None: the table keeps no line of it
        lines = [line for line in held if line is not None]
        failed: BaseException | None = None
        dropped: set[int] = set()  # places in `lines`
        if lines:
            try:
                if (kept := damage.file_id(side)) is not None and kept == damage.file_id(self.path):
                    raise StoreError(f"{side} is the database file itself; the held writes are not kept")
                dropped = _append_held(side, lines)
                if dropped and not self._held_full:
                    self._held_full = True
                    logger.error("the held writes of the damaged store reached %d bytes in %s: further writes "
                                 "are dropped", MAX_HELD_BYTES, side)
            except (OSError, StoreError) as exc:
                logger.error("the held writes could not be kept: %s", _describe(exc))
                failed = exc
        outcomes = []
        place = 0  # of the job's line in `lines`
        for job, line in zip(jobs, held):
            if failed is not None and line is not None:
                outcomes.append(_Outcome(job, error=failed))
                continue
            was_dropped = line is not None and place in dropped
            place += line is not None
            try:
                outcomes.append(_Outcome(job, result=damaged_result(job.run, was_dropped)))
            except Exception as exc:
                outcomes.append(_Outcome(job, error=exc))
        return outcomes

    def _writer_done(self, task: asyncio.Task[None]) -> None:
        """Fail whatever is still queued once the writer has stopped, so no caller waits forever.

        Only matters if the task was cancelled (an event loop shutting down without close());
        a done-callback also runs for a task cancelled before it ever started.
        """
        while not self._queue.empty():
            job = self._queue.get_nowait()
            if job is not None and not job.future.done():
                job.future.set_exception(StoreError("the conversation store's writer stopped"))

    def _run_batch(self, jobs: list[_Job]) -> list[_Outcome]:
        """On the writer thread: one group commit; if the transaction fails, each job alone."""
        try:
            return self._transaction(jobs)
        except Exception as exc:
            if len(jobs) == 1 or _damage_error(exc):  # damage: no job of the batch may be written
                return [_Outcome(job, error=exc) for job in jobs]
            # A whole-transaction failure (e.g. SQLITE_FULL rolls everything back) should not
            # cost the jobs that would fit: retry each alone before giving up on it.
            logger.warning("group commit of %d writes failed (%s); retrying one by one", len(jobs), _describe(exc))
            return [outcome for job in jobs for outcome in self._run_batch([job])]

    def _transaction(self, jobs: list[_Job]) -> list[_Outcome]:
        """Run the jobs in one transaction, each in a savepoint; results count only after COMMIT."""
        db = self._db
        try:
            self._check_sound()
            db.execute("BEGIN IMMEDIATE")
            outcomes = []
            for job in jobs:
                db.execute("SAVEPOINT job")
                try:
                    result = job.run(db)
                    if job.then is not None:
                        job.then()
                except (sqlite3.Error, _JobRefused) as exc:
                    if not db.in_transaction or damage.is_damage(exc):
                        raise  # SQLite rolled the whole transaction back (FULL, IOERR, ...), or the file is damaged
                    db.execute("ROLLBACK TO job")
                    db.execute("RELEASE job")
                    outcomes.append(_Outcome(job, error=exc))
                else:
                    db.execute("RELEASE job")
                    outcomes.append(_Outcome(job, result=result))
            self._check_sound()  # the page check may have found damage while the jobs ran
            db.execute("COMMIT")
            return outcomes
        except BaseException as exc:
            damage.note(self.path, exc)  # at once: the next job on this thread must not write either
            if db.in_transaction:
                try:
                    db.execute("ROLLBACK")
                except sqlite3.Error as exc:
                    logger.error("rollback failed: %s", _describe(exc))
            raise

    def _check_sound(self) -> None:
        """On the writer thread, before a batch and before its COMMIT: raise _DamageKnown if the
        file was found damaged (by the page check's thread, a reader) since the batch was handed over."""
        if damage.met(self.path) is not None:
            raise _DamageKnown("the conversation store was found damaged")

    # -- the API the bot calls --------------------------------------------------------------

    async def record_question(self, rec: QuestionRecord) -> None:
        """Store one question and its reply; returns once committed. Never raises: failures are logged."""
        try:
            await self._submit(partial(_insert_question, rec=rec), shield=True)
        except Exception as exc:  # the contract: storing must never break the reply
            logger.warning("question %s not stored: %s", rec.answer_id, _describe(exc))

    async def record_question_within(self, rec: QuestionRecord, timeout_s: float = 0.5) -> bool:
        """Start storing `rec` and wait for the commit at most timeout_s; True if it finished in time.

        For handlers that want "a reply that was sent is stored" (it survives a SIGKILL right
        after the send) without letting a slow database delay the reply by more than
        timeout_s. A write still pending at the timeout goes on in the background.
        """
        task = asyncio.create_task(self.record_question(rec))
        self._background.add(task)  # keep a reference until done, or the task may be collected
        task.add_done_callback(self._background.discard)
        done, _ = await asyncio.wait({task}, timeout=timeout_s)
        return bool(done)

    async def record_feedback(self, answer_id: str, user_id: int, vote: int, *, now: float | None = None) -> bool:
        """Store a +1/-1 vote (a later press replaces it). False if the answer is unknown or storing failed."""
        return await self.record_vote(answer_id, user_id, vote, now=now) == VOTE_STORED

    async def record_vote(self, answer_id: str, user_id: int, vote: int, *, now: float | None = None) -> str:
        """record_feedback saying which: VOTE_STORED (or held while the file is damaged),
        VOTE_UNKNOWN (no such answer stored), VOTE_FAILED (the write failed, or was dropped)."""
        if vote not in (1, -1):
            raise ValueError(f"vote must be +1 or -1, got {vote!r}")
        when = time.time() if now is None else now
        try:
            job = partial(_upsert_vote, answer_id=answer_id, user_id=user_id, vote=vote, now=when)
            stored = await self._submit(job, shield=True)
        except Exception as exc:
            logger.warning("vote on %s not stored: %s", answer_id, _describe(exc))
            return VOTE_FAILED
        if stored:
            return VOTE_STORED
        return VOTE_FAILED if self.damaged is not None else VOTE_UNKNOWN  # damaged: dropped for want of room

    async def allow(self, user_id: int, *, now: float | None = None) -> bool:
        """May this user ask another question now? Counts the question if so (see module doc)."""
        if self.rate_limit_per_hour <= 0:
            return True
        when = time.time() if now is None else now
        job = partial(_take_rate_slot, user_id=user_id, limit=self.rate_limit_per_hour, now=when)
        try:
            return await asyncio.wait_for(self._submit(job, shield=False), self.allow_timeout_s)
        except Exception as exc:  # includes TimeoutError; fail open, the reply matters more
            logger.warning("rate limit not checked, allowing: %s", _describe(exc))
            return True

    async def forget(self, user_id: int) -> int:
        """Delete everything stored about the user; returns the rows deleted. All or nothing:
        raises StoreError on failure, and then nothing was deleted (the job's savepoint)."""
        asked = time.time()
        job = partial(_delete_user, user_id=user_id)
        try:
            return await self._submit(job, shield=True, then=partial(self._forget_held_too, user_id, asked))
        except StoreError:
            raise
        except sqlite3.Error as exc:
            logger.error("forget failed: %s", _describe(exc))
            raise StoreError(f"could not delete the user's data: {exc}") from exc

    def _forget_held_too(self, user_id: int, asked: float) -> None:
        """On the writer thread, inside the /forget's savepoint, before its COMMIT: when writes
        held while an earlier copy was damaged wait beside the file (not replayed yet), the
        request is added after them, so that `storybot replay-held` deletes the user's held rows
        instead of bringing them back (its `until` is when it was asked: what the user stores
        later stays). When it cannot be added, _JobRefused rolls the deletion back: the file
        keeps the user's rows, so /forget says it failed and a second one does it all.

        The line goes first, the COMMIT after: if that COMMIT then fails, the side file asks for a
        deletion the file did not make, which the replay makes (up to `asked`): only what the
        user asked to delete, never a row kept in the file without a request in the side file."""
        if not waiting_held(self.path):
            return
        line = held_line(partial(_delete_user, user_id=user_id), asked)
        try:
            dropped = _append_held(held_path(self.path), [line] if line else [])
        except OSError as exc:
            why = _describe(exc)
        else:
            if not dropped:
                return
            why = f"the held writes are full ({MAX_HELD_BYTES} bytes)"
        logger.error("a /forget could not be added to the held writes waiting in %s, so nothing was deleted "
                     "(replaying them would bring back the user's held rows): %s", held_path(self.path), why)
        raise _JobRefused(f"nothing was deleted: the request could not be added to the held writes waiting "
                          f"beside the file: {why}")

    async def set_chat_story(self, chat_id: int, story: str, *, now: float | None = None) -> bool:
        """Remember the story a chat is about (a deep link, a /stories button); False if not stored."""
        when = time.time() if now is None else now
        try:
            await self._submit(partial(_set_chat_story, chat_id=chat_id, story=story, now=when), shield=True)
            return True
        except Exception as exc:  # the chat goes on with the story in memory
            logger.warning("story of a chat not stored: %s", _describe(exc))
            return False

    async def clear_chat_story(self, chat_id: int, story: str) -> bool:
        """Forget that a chat chose `story` (removed from the catalogue); False if not done."""
        try:
            await self._submit(partial(_delete_chat_story, chat_id=chat_id, story=story), shield=True)
            return True
        except Exception as exc:  # the chat goes on without the choice in memory
            logger.warning("removed story of a chat not cleared: %s", _describe(exc))
            return False

    async def chat_story(self, chat_id: int) -> str | None:
        """The story a chat chose, or None (never chosen, or the store cannot be read)."""

        async def read(db: aiosqlite.Connection) -> str | None:
            rows = list(await db.execute_fetchall("SELECT story FROM chat_stories WHERE chat_id = ?", (chat_id,)))
            return rows[0][0] if rows else None

        try:
            return await self._read(read)
        except StoreError as exc:
            logger.warning("story of a chat not read: %s", _describe(exc))
            return None

    async def receive(self, updates: list[tuple[int, str]], *, now: float | None = None) -> list[int]:
        """Commit received updates (update_id, JSON) to the inbox; returns the ids not seen before.

        Returns only after COMMIT: the caller may then confirm them to Telegram. Raises
        StoreError when they could not be stored (the caller decides; the bot handles them anyway).
        """
        when = time.time() if now is None else now
        rows = [(update_id, _SURROGATE.sub("\ufffd", body)) for update_id, body in updates]
        try:
            return await self._submit(partial(_receive, updates=rows, now=when), shield=True)
        except sqlite3.Error as exc:
            raise StoreError(f"could not store received updates: {exc}") from exc

    def receive_soon(self, updates: list[tuple[int, str]], *, now: float | None = None) -> asyncio.Future[list[int]]:
        """Queue the inbox write now and return its future (resolved after COMMIT).

        For a caller that knows the updates are new (polling with an advancing offset): it may
        hand them out at once and wait for the commit only before confirming them. Writes
        queued later (their done marks) run after this one.
        """
        when = time.time() if now is None else now
        rows = [(update_id, _SURROGATE.sub("\ufffd", body)) for update_id, body in updates]
        return self._enqueue(partial(_receive, updates=rows, now=when))

    async def mark_done(self, update_id: int, *, now: float | None = None) -> None:
        """The update was handled (replied to, refused or ignored); returns once committed.
        Never raises: failures are logged.

        Marks that arrive together share one write job: under load a job per update would
        cost more than the rest of the inbox.
        """
        if self._done_waiting is None:
            self._done_waiting = ([], asyncio.get_running_loop().create_future())
            asyncio.get_running_loop().call_soon(self._flush_done, time.time() if now is None else now)
        ids, committed = self._done_waiting
        ids.append(update_id)
        await asyncio.shield(committed)

    def _flush_done(self, now: float) -> None:
        assert self._done_waiting is not None
        ids, committed = self._done_waiting
        self._done_waiting = None

        async def flush() -> None:
            try:
                await self._submit(partial(_mark_done, update_ids=ids, now=now), shield=True)
            except Exception as exc:
                logger.warning("%d updates not marked handled: %s", len(ids), _describe(exc))
            committed.set_result(None)

        task = asyncio.get_running_loop().create_task(flush())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def pending_updates(self, max_age_s: float, *, now: float | None = None) -> tuple[list[str], int]:
        """(JSON of each update received within max_age_s and never handled, oldest first;
        how many older ones were given up)."""
        when = time.time() if now is None else now
        try:
            return await self._submit(partial(_take_pending, since=when - max_age_s, now=when), shield=True)
        except sqlite3.Error as exc:
            raise StoreError(f"could not read the inbox: {exc}") from exc

    async def purge_older_than(self, days: float | None = None, *, now: float | None = None) -> int:
        """Delete questions (and their votes) and chats' chosen stories older than `days` (default
        retention_days); returns rows deleted."""
        when = time.time() if now is None else now
        cutoff = when - _DAY_S * (self.retention_days if days is None else days)
        try:
            return await self._submit(partial(_delete_older, cutoff=cutoff, now=when), shield=True)
        except StoreError:
            raise
        except sqlite3.Error as exc:
            raise StoreError(f"could not purge old rows: {exc}") from exc

    def start_purge_task(self, interval_s: float = 3600.0) -> asyncio.Task[None]:
        """Purge now and then every interval_s, until close(). Calling it again returns the same task."""
        if self._purge_task is None or self._purge_task.done():
            self._purge_task = asyncio.create_task(self._purge_loop(interval_s), name="storybot-store-purge")
        return self._purge_task

    async def _purge_loop(self, interval_s: float) -> None:
        while True:
            try:
                deleted = await self.purge_older_than()
                if deleted:
                    logger.info("retention purge deleted %d rows", deleted)
            except Exception as exc:  # keep purging on the next round; the bot goes on either way
                logger.warning("retention purge failed: %s", _describe(exc))
            await asyncio.sleep(interval_s)

    # -- reading ------------------------------------------------------------------------

    async def _read(self, fn: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Run reads in one snapshot on the reader connection."""
        if self._closed:
            raise StoreError("the conversation store is closed")
        async with self._read_lock:  # one transaction at a time on this connection
            try:
                await self._reader.execute("BEGIN")
                try:
                    return await fn(self._reader)
                finally:
                    await self._reader.execute("COMMIT")
            except sqlite3.Error as exc:
                damage.note(self.path, exc)  # for /healthz (bot.health)
                raise StoreError(f"could not read the conversation store: {exc}") from exc

    async def stats(self, now: float | None = None) -> dict[str, Any]:
        """Counts for editors: totals, today (UTC) and last 7 days, votes, top unanswered questions."""
        when = time.time() if now is None else now
        return await self._read(partial(_read_stats, now=when))

    async def export_unanswered(self, since: float | None = None) -> list[tuple[str, int, str]]:
        """(question, times asked, last asked ISO-8601 UTC) for unanswered questions, most asked first."""
        return await self._read(partial(_read_unanswered, since=since, limit=None))

    async def count_rows(self) -> dict[str, int]:
        """Rows per table (for tests and operators)."""

        async def count(db: aiosqlite.Connection) -> dict[str, int]:
            tables = ("questions", "feedback", "rate_events", "inbox")
            return {t: await _scalar(db, f"SELECT count(*) FROM {t}") for t in tables}

        return await self._read(count)


class StoreReader:
    """The store opened for reading only (`storybot stats`, `storybot export`): never writes.

    Use `await StoreReader.open(path)`. Nothing is created, migrated or recovered in place:
    the file is opened with SQLite's read-only mode, so a read command cannot change it.
    """

    def __init__(self, path: Path, db: aiosqlite.Connection) -> None:
        self.path = path
        self._db = db
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, busy_timeout_ms: int = 5000) -> StoreReader:
        path = Path(path)
        _check_file(path, create=False)
        if path.stat().st_size == 0:
            raise StoreError(f"{path} is empty: no questions have been stored in it yet")
        try:
            db = await aiosqlite.connect(read_only_uri(path), uri=True, isolation_level=None,
                                         timeout=busy_timeout_ms / 1000)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the conversation store {path}: {exc}") from exc
        try:
            await db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            version = await _scalar(db, "PRAGMA user_version")
            app_id = await _scalar(db, "PRAGMA application_id")
        except sqlite3.Error as exc:
            await db.close()
            raise StoreError(f"cannot read the conversation store {path}: {exc}") from exc
        problem = None
        if app_id not in (0, APPLICATION_ID) or version == 0:
            problem = f"{path} is not a storybot conversation store (left unchanged)"
        elif version > SCHEMA_VERSION:
            problem = (f"{path} has conversation-store schema version {version}, newer than this storybot "
                       f"knows ({SCHEMA_VERSION}); upgrade storybot")
        elif version < SCHEMA_VERSION:
            problem = (f"{path} has the older schema version {version} (this storybot writes {SCHEMA_VERSION}); "
                       "a read command does not upgrade it: start the bot once on it (storybot telegram)")
        if problem:
            await db.close()
            raise StoreError(problem)
        try:  # figures from a damaged file would be quietly short (no row read from a lost page)
            report = [str(row[0]) for row in await (await db.execute(QUICK_CHECK)).fetchall()]
        except sqlite3.DatabaseError as exc:
            report = [str(exc)]
        if (error := damage_error(path, report, writing=False)) is not None:
            await db.close()
            raise error
        return cls(path, db)

    async def _read(self, fn: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        async with self._lock:
            try:
                await self._db.execute("BEGIN")
                try:
                    return await fn(self._db)
                finally:
                    await self._db.execute("COMMIT")
            except sqlite3.Error as exc:  # a damaged page met while reading: say which file
                damage.note(self.path, exc)
                raise StoreError(f"could not read the conversation store {self.path}: {exc}") from exc

    async def stats(self, now: float | None = None, story: str | None = None) -> dict[str, Any]:
        """For every story, or for one (`story`, a catalogue id), as the dashboard's story page."""
        return await self._read(partial(_read_stats, now=time.time() if now is None else now, story=story))

    async def export_unanswered(self, since: float | None = None, story: str | None = None) -> list[tuple[str, int, str]]:
        return await self._read(partial(_read_unanswered, since=since, limit=None, story=story))

    async def knows_story(self, story: str) -> bool:
        """Whether `story` is the embedded story, in the catalogue or asked about (a removed
        story keeps its questions): an id none of these know is a typo, not a quiet story."""

        async def known(db: aiosqlite.Connection) -> bool:
            if story == EMBEDDED_STORY_ID:
                return True
            rows = await db.execute_fetchall(
                "SELECT 1 FROM stories WHERE id = ? UNION ALL SELECT 1 FROM questions WHERE story = ? LIMIT 1",
                (story, story),
            )
            return bool(list(rows))

        return await self._read(known)

    async def close(self) -> None:
        await self._db.close()

    async def __aenter__(self) -> StoreReader:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


def _in(kinds: Iterable[str]) -> str:
    return "(" + ", ".join(f"'{k}'" for k in kinds) + ")"


async def _scalar(db: aiosqlite.Connection, sql: str, params: tuple[Any, ...] = ()) -> Any:
    rows = list(await db.execute_fetchall(sql, params))
    return rows[0][0]


def _story_filter(story: str | None) -> tuple[str, tuple[Any, ...]]:
    """An `AND story = ?` clause and its parameter, or nothing for all stories."""
    return ("", ()) if story is None else (" AND story = ?", (story,))


async def _read_stats(db: aiosqlite.Connection, now: float, story: str | None = None) -> dict[str, Any]:
    """The figures of `storybot stats`, for every story or for one (`story`, a catalogue id)."""
    day_start = math.floor(now / _DAY_S) * _DAY_S  # midnight UTC
    where, params = _story_filter(story)

    async def count(condition: str, extra: tuple[Any, ...] = ()) -> int:
        return await _scalar(db, f"SELECT count(*) FROM questions WHERE {condition}{where}", extra + params)

    async def votes(vote: int) -> int:
        if story is None:
            return await _scalar(db, "SELECT count(*) FROM feedback WHERE vote = ?", (vote,))
        return await _scalar(
            db,
            "SELECT count(*) FROM feedback JOIN questions USING (answer_id) WHERE vote = ? AND story = ?",
            (vote, story),
        )

    answered = await count(f"kind IN {_in(ANSWERED_KINDS)}")
    unanswered = await count(f"kind IN {_in(UNANSWERED_KINDS)}")
    questions = await count("1")
    decided = answered + unanswered
    top = await _read_unanswered(db, since=None, limit=TOP_UNANSWERED, story=story)
    return {
        "questions": questions,
        "answered": answered,
        "unanswered": unanswered,
        "other": questions - decided,
        "share_answered": round(answered / decided, 4) if decided else None,
        "feedback_up": await votes(1),
        "feedback_down": await votes(-1),
        "users": await _scalar(db, f"SELECT count(DISTINCT user_id) FROM questions WHERE 1{where}", params),
        "questions_today": await count("asked_at >= ?", (day_start,)),
        "questions_7d": await count("asked_at >= ?", (now - 7 * _DAY_S,)),
        "top_unanswered": [[_shown(q), n] for q, n, _ in top],
    }


async def _read_unanswered(
    db: aiosqlite.Connection, since: float | None, limit: int | None, story: str | None = None
) -> list[tuple[str, int, str]]:
    where, params = _story_filter(story)
    # With max() in the select list, SQLite takes the bare column `question` from the row
    # holding that max: each group shows the wording most recently asked.
    rows = await db.execute_fetchall(
        f"""SELECT question, count(*) AS n, max(asked_at) AS last
            FROM questions
            WHERE kind IN {_in(UNANSWERED_KINDS)} AND asked_at >= ?{where}
            GROUP BY question_norm
            ORDER BY n DESC, last DESC, question_norm
            LIMIT ?""",
        (-math.inf if since is None else since, *params, -1 if limit is None else limit),
    )
    return [(question, n, iso_utc(last)) for question, n, last in rows]


def _shown(question: str) -> str:
    return question if len(question) <= SHOWN_QUESTION_CHARS else question[: SHOWN_QUESTION_CHARS - 1] + "…"


def _damage_error(exc: BaseException | None) -> bool:
    """True for a write that failed because the file is damaged (met now, or known already)."""
    return exc is not None and (isinstance(exc, _DamageKnown) or damage.is_damage(exc))


def _describe(exc: BaseException) -> str:
    """Exception type and message, for logs. Never includes question text."""
    if isinstance(exc, (TimeoutError, asyncio.TimeoutError)):
        return "timed out"
    return f"{type(exc).__name__}: {exc}"
