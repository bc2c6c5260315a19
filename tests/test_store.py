"""The conversation store against real SQLite files under tmp_path; no mocks.

Results are checked through a separate stdlib sqlite3 connection wherever that says more
than the store's own view of itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import random
import sqlite3
import time
from pathlib import Path

import pytest

from bot.core.answer_types import Answer, Kind, Quote
from bot.store.database import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    QuestionRecord,
    Store,
    StoreError,
    new_answer_id,
    normalise_question,
    record_from_answer,
)

NOW = 1_790_000_000.0  # a fixed "now" (2026-09-21 ~14:13 UTC); tests never read the clock
DAY = 86400.0


def make_record(
    question: str = "ما هو الخبر؟",
    *,
    kind: str = "answer",
    user_id: int = 1,
    chat_id: int | None = None,
    asked_at: float = NOW,
    answer_id: str | None = None,
) -> QuestionRecord:
    return QuestionRecord(
        answer_id=answer_id or new_answer_id(),
        chat_id=user_id if chat_id is None else chat_id,
        user_id=user_id,
        question=question,
        kind=kind,
        quotes=[{"text": "نص مقتبس", "paragraph": 2, "start": 10, "end": 18, "score": 3.5}] if kind == "answer" else [],
        top_score=3.5 if kind == "answer" else None,
        latency_ms=12.5,
        asked_at=asked_at,
    )


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def count(path: Path, table: str, where: str = "1", params: tuple = ()) -> int:
    with raw(path) as db:
        return db.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name and p.name.startswith(path.name))


async def on_writer(store: Store, sql: str) -> list[tuple]:
    """Run SQL on the store's own writer connection, on its thread (to inject faults)."""
    return await asyncio.get_running_loop().run_in_executor(store._executor, lambda: store._db.execute(sql).fetchall())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "storybot.db"


@pytest.fixture
async def store(db_path: Path):
    s = await Store.open(db_path, rate_limit_per_hour=3)
    yield s
    await s.close()


# --- opening a new file ------------------------------------------------------------------


async def test_new_file_is_wal_versioned_and_marked(db_path: Path) -> None:
    s = await Store.open(db_path)
    await s.close()
    with raw(db_path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_missing_file_without_create_is_refused_and_not_created(db_path: Path) -> None:
    with pytest.raises(StoreError, match="no conversation store"):
        await Store.open(db_path, create=False)
    assert not db_path.exists()
    assert siblings(db_path) == []


async def test_directory_instead_of_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    with pytest.raises(StoreError, match="is a directory"):
        await Store.open(tmp_path / "db")


async def test_missing_parent_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        await Store.open(tmp_path / "nope" / "storybot.db")


# --- record and stats ----------------------------------------------------------------------


async def test_record_question_stores_every_field(store: Store, db_path: Path) -> None:
    rec = make_record("كم عدد الضحايا؟", user_id=42, chat_id=-100)
    await store.record_question(rec)
    with raw(db_path) as db:
        row = db.execute(
            "SELECT answer_id, chat_id, user_id, question, kind, quotes, top_score, latency_ms, asked_at FROM questions"
        ).fetchone()
    assert row[:5] == (rec.answer_id, -100, 42, "كم عدد الضحايا؟", "answer")
    assert json.loads(row[5]) == rec.quotes
    assert row[6:] == (3.5, 12.5, NOW)


async def test_same_answer_id_is_stored_once(store: Store, db_path: Path) -> None:
    rec = make_record()
    await store.record_question(rec)
    await store.record_question(rec)  # a retried background task
    assert count(db_path, "questions") == 1


async def test_stats_counts_kinds_days_votes_and_users(store: Store) -> None:
    records = [
        make_record("ما الخبر؟", kind="answer", user_id=1, asked_at=NOW - 60),
        make_record("لخص", kind="summary", user_id=1, asked_at=NOW - 2 * DAY),
        make_record("من الكاتب؟", kind="meta", user_id=2, asked_at=NOW - 8 * DAY),
        make_record("ما لون السماء؟", kind="not_found", user_id=2, asked_at=NOW - 120),
        make_record("ما لون السماء", kind="not_found", user_id=3, asked_at=NOW - 3 * DAY),
        make_record("  ما لَوْنُ   السماء ؟ ", kind="not_found", user_id=4, asked_at=NOW - 10 * DAY),
        make_record("Who won?", kind="not_found", user_id=4, asked_at=NOW - 30),
        make_record("who WON?", kind="not_found", user_id=5, asked_at=NOW - 40),
        make_record("مرحبا", kind="greeting", user_id=5, asked_at=NOW - 50),
        make_record("شكرا", kind="thanks", user_id=5, asked_at=NOW - 50),
        make_record("/help", kind="help", user_id=6, asked_at=NOW - 50),
    ]
    for rec in records:
        await store.record_question(rec)
    assert await store.record_feedback(records[0].answer_id, 9, 1, now=NOW)
    assert await store.record_feedback(records[0].answer_id, 8, 1, now=NOW)
    assert await store.record_feedback(records[1].answer_id, 9, -1, now=NOW)

    stats = await store.stats(now=NOW)
    assert stats == {
        "questions": 11,
        "answered": 3,
        "unanswered": 5,
        "other": 3,
        "share_answered": 0.375,
        "feedback_up": 2,
        "feedback_down": 1,
        "users": 6,
        # NOW is 14:13 UTC: everything asked in the last 14 hours is "today".
        "questions_today": 7,
        "questions_7d": 9,
        # Grouped after light normalisation; each group shows the latest wording.
        "top_unanswered": [["ما لون السماء؟", 3], ["Who won?", 2]],
    }


async def test_stats_of_an_empty_store(store: Store) -> None:
    stats = await store.stats(now=NOW)
    assert stats["questions"] == stats["answered"] == stats["unanswered"] == stats["users"] == 0
    assert stats["share_answered"] is None
    assert stats["top_unanswered"] == []


async def test_export_unanswered_counts_and_since(store: Store) -> None:
    await store.record_question(make_record("ما لون السماء؟", kind="not_found", asked_at=NOW - 5 * DAY))
    await store.record_question(make_record("ما لون السماء", kind="not_found", asked_at=NOW - 1 * DAY))
    await store.record_question(make_record("من فاز؟", kind="not_found", asked_at=NOW - 10 * DAY))
    await store.record_question(make_record("ما الخبر؟", kind="answer", asked_at=NOW))

    everything = await store.export_unanswered(None)
    assert everything == [("ما لون السماء", 2, "2026-09-20T14:13:20+00:00"), ("من فاز؟", 1, "2026-09-11T14:13:20+00:00")]
    recent = await store.export_unanswered(NOW - 2 * DAY)
    assert recent == [("ما لون السماء", 1, "2026-09-20T14:13:20+00:00")]


def test_normalise_question_is_light() -> None:
    assert normalise_question("  ما لَوْنُ   السـماء ؟ ") == "ما لون السماء"
    assert normalise_question("WHO Won?!") == "who won"
    # Letters are not folded (أ/ا, ى/ي stay distinct): grouping stays conservative.
    assert normalise_question("إلى أين؟") != normalise_question("الى اين")


def test_record_from_answer_takes_kind_quotes_and_top_score() -> None:
    quotes = (
        Quote(text="جملة أولى.", article="a", paragraph=1, heading=None, start=0, end=10, score=2.0),
        Quote(text="جملة ثانية.", article="a", paragraph=3, heading="عنوان", start=50, end=61, score=4.5),
    )
    answer = Answer(question="ماذا حدث؟", kind=Kind.ANSWER, lead="بحسب المقال:", quotes=quotes)
    rec = record_from_answer(answer, answer_id="abc", chat_id=5, user_id=6, latency_ms=7.0, asked_at=NOW)
    assert (rec.kind, rec.top_score, rec.question, rec.asked_at) == ("answer", 4.5, "ماذا حدث؟", NOW)
    assert rec.quotes[1]["heading"] == "عنوان" and rec.quotes[1]["start"] == 50
    nothing = Answer(question="؟", kind=Kind.NOT_FOUND, lead="لا")
    empty = record_from_answer(nothing, answer_id="x", chat_id=1, user_id=1, latency_ms=1)
    assert (empty.kind, empty.top_score, empty.quotes) == ("not_found", None, [])


# --- feedback ---------------------------------------------------------------------------------


async def test_second_vote_by_the_same_user_replaces_the_first(store: Store, db_path: Path) -> None:
    rec = make_record()
    await store.record_question(rec)
    assert await store.record_feedback(rec.answer_id, 7, 1)
    assert await store.record_feedback(rec.answer_id, 7, -1)
    assert await store.record_feedback(rec.answer_id, 8, -1)
    with raw(db_path) as db:
        votes = db.execute("SELECT user_id, vote FROM feedback ORDER BY user_id").fetchall()
    assert votes == [(7, -1), (8, -1)]
    stats = await store.stats()
    assert (stats["feedback_up"], stats["feedback_down"]) == (0, 2)


async def test_vote_on_unknown_answer_is_refused(store: Store, db_path: Path) -> None:
    assert await store.record_feedback("no-such-answer", 7, 1) is False
    assert count(db_path, "feedback") == 0


async def test_vote_must_be_plus_or_minus_one(store: Store) -> None:
    rec = make_record()
    await store.record_question(rec)
    with pytest.raises(ValueError):
        await store.record_feedback(rec.answer_id, 7, 2)


# --- rate limit ---------------------------------------------------------------------------------


async def test_rate_limit_is_a_sliding_hour_of_allowed_questions(store: Store) -> None:
    # rate_limit_per_hour=3 in the fixture.
    assert [await store.allow(1, now=NOW + i) for i in range(5)] == [True, True, True, False, False]
    assert await store.allow(2, now=NOW + 5)  # other users are not affected
    # Refused attempts were not counted: the first slot frees exactly an hour after it was taken.
    assert not await store.allow(1, now=NOW + 3599.5)
    assert await store.allow(1, now=NOW + 3600)
    assert not await store.allow(1, now=NOW + 3600.5)


async def test_rate_limit_zero_means_unlimited(db_path: Path) -> None:
    s = await Store.open(db_path, rate_limit_per_hour=0)
    try:
        assert all([await s.allow(1, now=NOW) for _ in range(100)])
        assert (await s.count_rows())["rate_events"] == 0
    finally:
        await s.close()


async def test_rate_limit_holds_under_concurrency(db_path: Path) -> None:
    s = await Store.open(db_path, rate_limit_per_hour=30)
    try:
        results = await asyncio.gather(*(s.allow(uid, now=NOW) for uid in [1] * 200 + [2] * 10))
    finally:
        await s.close()
    assert results[:200].count(True) == 30
    assert all(results[200:])
    assert count(db_path, "rate_events", "user_id = 1") == 30


async def test_rate_limit_survives_a_restart(db_path: Path) -> None:
    s = await Store.open(db_path, rate_limit_per_hour=2)
    assert await s.allow(1, now=NOW) and await s.allow(1, now=NOW)
    await s.close()
    s = await Store.open(db_path, rate_limit_per_hour=2)
    try:
        assert not await s.allow(1, now=NOW + 1)
    finally:
        await s.close()


# --- forget -----------------------------------------------------------------------------------------


async def test_forget_deletes_everything_about_the_user_and_only_that(store: Store, db_path: Path) -> None:
    mine = [make_record("سؤال خاص جدا رقم 7781", user_id=1), make_record("سؤال آخر", user_id=1, kind="not_found")]
    theirs = make_record("سؤال المستخدم الثاني", user_id=2)
    for rec in [*mine, theirs]:
        await store.record_question(rec)
    assert await store.record_feedback(mine[0].answer_id, 1, 1)  # my vote on my answer
    assert await store.record_feedback(theirs.answer_id, 1, -1)  # my vote on theirs
    assert await store.record_feedback(mine[0].answer_id, 2, 1)  # their vote on my answer (a group)
    assert await store.record_feedback(theirs.answer_id, 2, 1)  # their vote on theirs
    assert await store.allow(1) and await store.allow(1) and await store.allow(2)

    # 2 questions + 3 votes (mine twice, theirs on my answer); the rate events stay (issue 10,
    # point 6: /forget must not reset the limit; they hold no text and go within the hour).
    assert await store.forget(1) == 5
    assert await store.forget(1) == 0
    await store.close()

    with raw(db_path) as db:
        assert db.execute("SELECT user_id, question FROM questions").fetchall() == [(2, "سؤال المستخدم الثاني")]
        assert db.execute("SELECT answer_id, user_id FROM feedback").fetchall() == [(theirs.answer_id, 2)]
        assert sorted(db.execute("SELECT user_id FROM rate_events").fetchall()) == [(1,), (1,), (2,)]
    # secure_delete: the forgotten text is gone from the bytes on disk, not just unlinked.
    on_disk = b"".join(p.read_bytes() for p in db_path.parent.iterdir() if p.name.startswith(db_path.name))
    assert "سؤال خاص جدا رقم 7781".encode() not in on_disk
    assert "سؤال المستخدم الثاني".encode() in on_disk


async def test_a_forget_that_fails_on_its_last_delete_keeps_everything(store: Store, db_path: Path) -> None:
    """/forget is all or nothing: its deletes (votes, questions, the chosen story) are one job in
    one savepoint, so a failure on the last of them (here a trigger refusing it, as a full disk
    or a lock might) leaves the votes and questions deleted before it in place, and the batch's
    other writes are stored; once the cause is gone, the next /forget deletes it all."""
    mine = make_record("سؤال لا يُفقد", user_id=1)
    await store.record_question(mine)
    assert await store.record_feedback(mine.answer_id, 1, 1)
    assert await store.set_chat_story(1, "volcano")
    with raw(db_path) as db:
        db.execute("CREATE TRIGGER refuse BEFORE DELETE ON chat_stories BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(StoreError):
        await store.forget(1)
    await store.record_question(make_record("سؤال بعده", user_id=2))
    with raw(db_path) as db:
        assert count(db_path, "questions") == 2 and count(db_path, "feedback") == 1
        assert db.execute("SELECT story FROM chat_stories WHERE chat_id = 1").fetchall() == [("volcano",)]
        db.execute("DROP TRIGGER refuse")
    assert await store.forget(1) == 3
    assert count(db_path, "questions", "user_id = 1") == 0 and count(db_path, "questions") == 1


# --- retention ----------------------------------------------------------------------------------------


async def test_purge_deletes_old_questions_their_votes_and_stale_rate_events(store: Store, db_path: Path) -> None:
    old = make_record("قديم", asked_at=NOW - 100 * DAY)
    recent = make_record("حديث", asked_at=NOW - 10 * DAY)
    await store.record_question(old)
    await store.record_question(recent)
    await store.record_feedback(old.answer_id, 5, 1, now=NOW - 99 * DAY)
    await store.record_feedback(recent.answer_id, 5, 1, now=NOW - 9 * DAY)
    await store.allow(5, now=NOW - 2 * 3600)  # stale: older than the rate window
    await store.allow(6, now=NOW - 60)  # still counts against user 6

    assert await store.purge_older_than(now=NOW) == 3  # default 90 days
    assert count(db_path, "questions") == 1 and count(db_path, "feedback") == 1
    assert count(db_path, "rate_events", "user_id = 6") == 1
    assert await store.purge_older_than(5, now=NOW) == 2
    assert count(db_path, "questions") == 0 and count(db_path, "feedback") == 0


async def test_purge_deletes_a_chats_story_chosen_before_the_retention_days(store: Store, db_path: Path) -> None:
    """/privacy counts the chosen story among what is deleted after the retention days."""
    assert await store.set_chat_story(41, "lecun-meta", now=NOW - 200 * DAY)
    assert await store.set_chat_story(42, "lecun-meta", now=NOW - 10 * DAY)

    assert await store.purge_older_than(now=NOW) == 1
    assert await store.chat_story(41) is None
    assert await store.chat_story(42) == "lecun-meta"


async def test_purge_task_purges_at_start_and_stops_on_close(db_path: Path) -> None:
    s = await Store.open(db_path, retention_days=1)
    await s.record_question(make_record(asked_at=NOW - 3 * DAY))  # NOW is in the past: 3 days older still
    task = s.start_purge_task(interval_s=3600)
    assert s.start_purge_task(interval_s=3600) is task
    for _ in range(1000):  # bounded by steps, not time: the first purge is queued on the first step
        await asyncio.sleep(0)
        if (await s.count_rows())["questions"] == 0:
            break
    assert (await s.count_rows())["questions"] == 0
    await s.close()
    assert task.done()


# --- migration -----------------------------------------------------------------------------------------

# The schema that storybot's first conversation store wrote (user_version 1), spelled out
# here rather than imported, so that this test keeps describing a real old file.
V1_SCHEMA = f"""
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    answer_id TEXT NOT NULL UNIQUE,
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    kind TEXT NOT NULL,
    quotes TEXT NOT NULL DEFAULT '[]',
    top_score REAL,
    latency_ms REAL NOT NULL DEFAULT 0,
    asked_at REAL NOT NULL
);
CREATE INDEX questions_asked_at ON questions(asked_at);
CREATE INDEX questions_user ON questions(user_id);
CREATE TABLE feedback (
    answer_id TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    voted_at REAL NOT NULL,
    PRIMARY KEY (answer_id, user_id)
);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = 1;
"""


def make_v1_file(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA)
        db.executemany(
            "INSERT INTO questions (answer_id, chat_id, user_id, question, kind, quotes, top_score, latency_ms, asked_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ("a1", 1, 1, "ما الخبر؟", "answer", '[{"text": "x"}]', 2.0, 5.0, NOW - 60),
                ("a2", 1, 1, "ما لَوْنُ السماء؟", "not_found", "[]", None, 4.0, NOW - 50),
                ("a3", 2, 2, "ما لون السماء", "not_found", "[]", None, 4.0, NOW - 40),
            ],
        )
        db.execute("INSERT INTO feedback VALUES ('a1', 2, -1, ?)", (NOW - 30,))
    db.close()


async def test_v1_file_is_upgraded_in_place(db_path: Path) -> None:
    make_v1_file(db_path)
    inode = db_path.stat().st_ino

    s = await Store.open(db_path, rate_limit_per_hour=1)
    try:
        stats = await s.stats(now=NOW)
        assert (stats["questions"], stats["answered"], stats["unanswered"], stats["feedback_down"]) == (3, 1, 2, 1)
        # The backfilled normalised text groups the two spellings.
        assert stats["top_unanswered"] == [["ما لون السماء", 2]]
        # What v2 added works: persistent rate events, and new rows.
        assert await s.allow(1, now=NOW) and not await s.allow(1, now=NOW)
        await s.record_question(make_record(user_id=3))
        assert await s.record_feedback("a1", 3, 1)
    finally:
        await s.close()

    assert db_path.stat().st_ino == inode  # the same file, not a replacement
    with raw(db_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT answer_id, question_norm FROM questions WHERE answer_id = 'a2'").fetchone() == (
            "a2",
            "ما لون السماء",
        )
        assert db.execute("SELECT count(*) FROM questions").fetchone()[0] == 4
        # v3: questions from before the catalogue are about the embedded story.
        assert db.execute("SELECT DISTINCT story FROM questions").fetchall() == [("lecun-meta",)]
        assert db.execute("SELECT count(*) FROM stories").fetchone()[0] == 0


async def test_a_failing_migration_leaves_the_file_at_its_old_version(db_path: Path) -> None:
    make_v1_file(db_path)
    with sqlite3.connect(db_path) as db:  # something v2 wants to create is already there
        db.execute("CREATE TABLE rate_events (x)")
    db.close()

    with pytest.raises(StoreError, match="rate_events already exists"):
        await Store.open(db_path)

    with raw(db_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [row[1] for row in db.execute("PRAGMA table_info(questions)")]
        assert "question_norm" not in columns  # the ALTER TABLE was rolled back with the rest
        assert db.execute("SELECT count(*) FROM questions").fetchone()[0] == 3
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- files that must be refused and left alone -----------------------------------------------------


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(5).randbytes(8192))


def _text_file(path: Path) -> None:
    path.write_text("هذا ملف نصي وليس قاعدة بيانات\n" * 200, encoding="utf-8")


def _sqlite_header_then_garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(6).randbytes(8192))


def _another_programs_db(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
        db.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    db.close()


def _marked_by_another_program(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1234")
    db.close()


def _newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE questions (id INTEGER PRIMARY KEY, wholly_new_layout BLOB)")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()


def _damaged_pages(path: Path) -> None:
    """A real storybot file (schema, catalogue, the embedded story) whose pages 2-4 were lost
    (zeroed, as a disk error or a copy taken mid-write leaves them): its header still reads
    well, so only a check of its pages tells it is damaged."""
    from bot.store.catalogue import Catalogue

    Catalogue.open(path).close()  # the last connection's close folds the WAL into the file
    assert not Path(f"{path}-wal").exists()
    with path.open("r+b") as f:
        f.seek(4096)
        f.write(bytes(3 * 4096))


def _newer_schema_in_wal_mode(path: Path) -> None:
    _newer_schema(path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode = WAL")
    db.close()


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (_random_bytes, "not a SQLite database"),
        (_text_file, "not a SQLite database"),
        (_sqlite_header_then_garbage, "not a database"),
        (_another_programs_db, "no storybot schema"),
        (_marked_by_another_program, "another program"),
        (_newer_schema, "newer than this storybot"),
        (_newer_schema_in_wal_mode, "newer than this storybot"),
        (_damaged_pages, "is damaged"),
    ],
)
async def test_foreign_corrupt_or_newer_file_is_refused_and_left_byte_identical(
    db_path: Path, make_file, message: str
) -> None:
    make_file(db_path)
    before = digest(db_path)
    files_before = siblings(db_path)
    with pytest.raises(StoreError, match=message):
        await Store.open(db_path)
    assert digest(db_path) == before
    assert siblings(db_path) == files_before


def test_the_page_check_finds_lost_pages_and_writes_nothing(db_path: Path) -> None:
    """bot.store.page_check.check_pages, what /healthz's background check runs: a sound file
    and a missing one are not damage; lost pages are, remembered for that file alone."""
    from bot.store import damage
    from bot.store.page_check import check_pages

    assert check_pages(db_path) is None  # none there yet: the probe says "unreadable" itself
    from bot.store.catalogue import Catalogue

    Catalogue.open(db_path).close()
    assert check_pages(db_path) is None and damage.met(db_path) is None
    _damaged_pages(db_path)
    before = digest(db_path)
    found = check_pages(db_path)
    assert found is not None and "is damaged" in found and "refusing" not in found
    assert damage.met(db_path) is not None and damage.met(db_path).error == found
    # Read only: a reader of a WAL file leaves an empty -wal and the -shm index, as a dashboard page does.
    assert digest(db_path) == before and Path(f"{db_path}-wal").stat().st_size == 0
    damage.forget(db_path)


def test_a_page_check_told_to_stop_says_nothing(db_path: Path) -> None:
    """A check told to stop (bot.store.page_check.Stop: its watch cancelled) before it began,
    or while it read the file, reports no damage: it may have read only part of the file."""
    from bot.store import damage
    from bot.store.page_check import Stop, check_pages

    class ToldAsItBegins(Stop):
        def begin(self, db: sqlite3.Connection) -> bool:
            began = super().begin(db)
            self.tell()  # told from "another thread" with the connection open: interrupted
            return began

    _damaged_pages(db_path)
    told = Stop()
    told.tell()
    assert check_pages(db_path, told) is None
    assert check_pages(db_path, ToldAsItBegins()) is None
    assert damage.met(db_path) is None  # an unfinished check proves nothing either way
    assert check_pages(db_path, Stop()) is not None  # untold, the same check finds the damage
    damage.forget(db_path)


async def test_a_cancelled_page_watch_ends_its_check_before_it_ends(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancelling watch_pages (the bot or the dashboard stopping) stops the check under way and
    waits for its thread: once the watch has ended, nothing holds the file open or reads it."""
    import threading

    from bot.store import page_check

    started, ended, release = threading.Event(), threading.Event(), threading.Event()

    def reading(path: Path, stop: page_check.Stop | None = None) -> str | None:
        started.set()
        while not release.is_set() and not (stop is not None and stop.told):  # a long check of a large file
            time.sleep(0.005)
        ended.set()
        return None

    monkeypatch.setattr(page_check, "check_pages", reading)
    watch = asyncio.create_task(page_check.watch_pages(db_path))
    try:
        assert await asyncio.to_thread(started.wait, 20)
        watch.cancel()
        await asyncio.gather(watch, return_exceptions=True)
        assert watch.cancelled() and ended.is_set()
    finally:
        release.set()


@pytest.mark.parametrize("ending", ["returns", "raises"])
async def test_a_page_watch_ends_with_the_block_it_watches_over(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               ending: str) -> None:
    """page_check.watching, the one start and stop of the watch (the bot in both modes, the
    dashboard): it checks while its block runs, and however the block ends, the check under way
    has ended and no other begins once the block is left."""
    import threading

    from bot.store import page_check

    started, ended = threading.Event(), threading.Event()
    checks: list[float] = []

    def reading(path: Path, stop: page_check.Stop | None = None) -> str | None:
        checks.append(time.monotonic())
        if len(checks) == 3:  # the third check is a long one, under way when the block ends
            started.set()
            while not (stop is not None and stop.told):
                time.sleep(0.005)
            ended.set()
        return None

    monkeypatch.setattr(page_check, "check_pages", reading)
    with pytest.raises(RuntimeError) if ending == "raises" else contextlib.nullcontext():
        async with page_check.watching(db_path, interval_s=0.01) as watch:
            assert await asyncio.to_thread(started.wait, 20)
            if ending == "raises":
                raise RuntimeError("the bot's serve() failed")
    assert watch.done() and ended.is_set() and len(checks) == 3
    await asyncio.sleep(0.05)
    assert len(checks) == 3  # none after the block


def test_the_page_check_waits_longer_for_a_file_whose_check_is_long() -> None:
    """At most MAX_SHARE of a core: the interval, or a hundred times what the last check took."""
    from bot.store.page_check import CHECK_INTERVAL_S, MAX_SHARE, next_wait_s

    assert next_wait_s(0.08) == CHECK_INTERVAL_S  # the 4,995-story catalogue
    assert next_wait_s(0.08, interval_s=0.05) == pytest.approx(0.08 / MAX_SHARE)
    assert next_wait_s(4.0) == pytest.approx(4.0 / MAX_SHARE) and 4.0 / MAX_SHARE > CHECK_INTERVAL_S


# --- faults while running: the store keeps its callers going ------------------------------------------


async def test_read_only_database_is_logged_not_raised_and_recovers(
    store: Store, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Tests run as root, and chmod does not stop root; PRAGMA query_only makes SQLite itself
    # refuse every write on the store's one writer connection (SQLITE_READONLY), which is
    # what a read-only file or mount produces.
    kept = make_record("قبل العطل")
    await store.record_question(kept)
    await on_writer(store, "PRAGMA query_only = ON")
    caplog.set_level(logging.WARNING, logger="storybot.store")

    lost = [make_record(f"سؤال {i}", user_id=i) for i in range(20)]
    await asyncio.gather(*(store.record_question(rec) for rec in lost))  # no exception
    assert await store.record_feedback(kept.answer_id, 9, 1) is False
    assert await store.allow(1) is True  # fails open
    assert await store.allow(1) is True and await store.allow(1) is True and await store.allow(1) is True
    with pytest.raises(StoreError):
        await store.forget(1)  # /forget must not claim success
    failures = [r for r in caplog.records if r.name == "storybot.store"]
    assert any("readonly" in r.getMessage() for r in failures)
    assert not any("قبل" in r.getMessage() or "سؤال" in r.getMessage() for r in failures)  # no user text in logs

    await on_writer(store, "PRAGMA query_only = OFF")  # the disk is writable again
    after = make_record("بعد العطل")
    await store.record_question(after)
    assert await store.record_feedback(after.answer_id, 9, 1)
    with raw(db_path) as db:
        assert db.execute("SELECT question FROM questions ORDER BY id").fetchall() == [("قبل العطل",), ("بعد العطل",)]


async def test_full_disk_is_logged_not_raised(store: Store, db_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # max_page_count caps the file where it is now: SQLite reports SQLITE_FULL ("database or
    # disk is full") exactly as for a full disk, and rolls the failing transaction back.
    await store.record_question(make_record("قبل"))
    pages = (await on_writer(store, "PRAGMA page_count"))[0][0]
    await on_writer(store, f"PRAGMA max_page_count = {pages}")
    caplog.set_level(logging.WARNING, logger="storybot.store")

    big = [make_record("س" * 20_000, user_id=i) for i in range(10)]
    await asyncio.gather(*(store.record_question(rec) for rec in big))
    assert any("full" in r.getMessage() for r in caplog.records if r.name == "storybot.store")
    assert await store.allow(1) is True

    await on_writer(store, "PRAGMA max_page_count = 1073741823")
    await store.record_question(make_record("بعد"))
    with raw(db_path) as db:
        assert [q for (q,) in db.execute("SELECT question FROM questions ORDER BY id")] == ["قبل", "بعد"]
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_slow_database_does_not_hold_up_allow_and_writes_land_later(db_path: Path) -> None:
    s = await Store.open(db_path, rate_limit_per_hour=1, allow_timeout_s=0.2, busy_timeout_ms=120_000)
    try:
        assert await s.allow(1, now=NOW)
        assert not await s.allow(1, now=NOW)  # user 1 is at the limit
        # Another process holds the write lock: the store's writer waits (busy_timeout).
        blocker = sqlite3.connect(db_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        pending = asyncio.create_task(s.record_question(make_record("سؤال أثناء القفل")))
        try:
            # Fails open instead of waiting: the only way to get True for a user at the limit.
            assert await s.allow(1, now=NOW)
            assert not pending.done()  # the write waits for the lock, still held here
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await pending
        assert (await s.count_rows()) == {"questions": 1, "feedback": 0, "rate_events": 1, "inbox": 0}
    finally:
        await s.close()


async def test_closed_store_neither_raises_on_record_nor_blocks_allow(db_path: Path) -> None:
    s = await Store.open(db_path, rate_limit_per_hour=1)
    await s.close()
    await s.close()  # idempotent
    await s.record_question(make_record())
    assert await s.record_feedback("x", 1, 1) is False
    assert await s.allow(1) is True
    with pytest.raises(StoreError, match="closed"):
        await s.stats()


# --- concurrency ----------------------------------------------------------------------------------------


async def test_a_thousand_concurrent_questions_give_a_thousand_rows(db_path: Path) -> None:
    s = await Store.open(db_path, rate_limit_per_hour=5)
    records = [make_record(f"سؤال رقم {i}", user_id=i % 37, kind=("answer", "not_found")[i % 2]) for i in range(1000)]
    try:
        # Questions, votes and rate checks interleaved, as in the running bot.
        await asyncio.gather(
            *(s.record_question(rec) for rec in records),
            *(s.allow(uid) for uid in range(37)),
        )
        votes = await asyncio.gather(*(s.record_feedback(rec.answer_id, 99, 1) for rec in records[:100]))
        assert all(votes)
    finally:
        await s.close()
    with raw(db_path) as db:
        assert {a for (a,) in db.execute("SELECT answer_id FROM questions")} == {r.answer_id for r in records}
        assert db.execute("SELECT count(*) FROM feedback").fetchone()[0] == 100
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_two_stores_on_one_file_never_meet_database_is_locked(db_path: Path) -> None:
    # E.g. the bot and `storybot stats` at the same time: busy_timeout makes them take turns.
    a = await Store.open(db_path)
    b = await Store.open(db_path)
    try:
        await asyncio.gather(
            *(a.record_question(make_record(user_id=1)) for _ in range(300)),
            *(b.record_question(make_record(user_id=2)) for _ in range(300)),
            *(b.stats() for _ in range(10)),
        )
    finally:
        await a.close()
        await b.close()
    assert count(db_path, "questions", "user_id = 1") == 300
    assert count(db_path, "questions", "user_id = 2") == 300


async def test_record_question_within_waits_for_the_commit_but_not_for_a_locked_file(db_path: Path) -> None:
    s = await Store.open(db_path, busy_timeout_ms=120_000)
    try:
        assert await s.record_question_within(make_record("سريع"), timeout_s=30)
        assert count(db_path, "questions") == 1  # committed when it returned True

        blocker = sqlite3.connect(db_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            # The lock is held for as long as this call runs, so it cannot finish in time.
            assert not await s.record_question_within(make_record("بطيء"), timeout_s=0.05)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
    finally:
        await s.close()  # waits for the write still in flight
    assert count(db_path, "questions") == 2


@pytest.mark.parametrize("started", [False, True])
async def test_a_cancelled_writer_fails_callers_instead_of_hanging(db_path: Path, started: bool) -> None:
    # What an event loop shutting down without close() does to the writer task.
    s = await Store.open(db_path)
    if started:
        await s.record_question(make_record())  # the writer is running and waiting on its queue
    s._writer_task.cancel()
    await asyncio.gather(s._writer_task, return_exceptions=True)
    await s.record_question(make_record())  # logged, returns
    assert await s.allow(1) is True
    with pytest.raises(StoreError):
        await s.forget(1)
    await s.close()


async def test_one_bad_record_does_not_cost_the_others_in_its_group_commit(
    store: Store, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="storybot.store")
    good = [make_record(f"جيد {i}") for i in range(50)]
    bad = QuestionRecord("bad", 1, 1, "سيئ", "answer", [{"not json": object()}], None, 1.0, NOW)
    await asyncio.gather(*(store.record_question(r) for r in good[:25]), store.record_question(bad),
                         *(store.record_question(r) for r in good[25:]))
    with raw(db_path) as db:
        assert {a for (a,) in db.execute("SELECT answer_id FROM questions")} == {r.answer_id for r in good}
    assert any("question bad not stored: TypeError" in r.getMessage() for r in caplog.records)


async def test_a_new_database_is_readable_by_its_owner_only(db_path: Path) -> None:
    s = await Store.open(db_path)
    try:
        await s.record_question(make_record())
        assert (db_path.stat().st_mode & 0o777) == 0o600
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.exists() and (wal.stat().st_mode & 0o777) == 0o600
    finally:
        await s.close()
