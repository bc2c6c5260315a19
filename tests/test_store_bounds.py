"""Issue 10 on the store, on real SQLite files: read-only files refused, bounded questions,
lone surrogates stored, the rate limit kept through /forget, the durable inbox, read
commands that never write."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from bot.store.database import (
    MAX_QUESTION_CHARS,
    SHOWN_QUESTION_CHARS,
    QuestionRecord,
    Store,
    StoreError,
    StoreReader,
    new_answer_id,
)

NOW = 1_790_000_000.0


def record(question: str, *, user_id: int = 1, kind: str = "not_found", via: str = "chat") -> QuestionRecord:
    return QuestionRecord(new_answer_id(), user_id, user_id, question, kind, [], None, 1.0, NOW, via=via)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make `path` unwritable for this process: chmod for a normal user, the immutable flag for
    root (chmod does not stop root). Skips where neither can be done."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o600)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i: cannot make a file read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


async def make_store(path: Path) -> None:
    store = await Store.open(path)
    await store.record_question(record("قبل"))
    await store.close()


async def test_a_read_only_database_file_is_refused_at_open_and_left_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "storybot.db"
    await make_store(db)
    before = db.read_bytes()
    with read_only(db):
        with pytest.raises(StoreError, match="read-only"):
            await Store.open(db)
    assert db.read_bytes() == before


async def test_a_question_is_stored_within_telegrams_bound_and_shown_shorter(tmp_path: Path) -> None:
    db = tmp_path / "storybot.db"
    store = await Store.open(db)
    await store.record_question(record("س" * 5_000_000))
    stats = await store.stats()
    await store.close()
    with sqlite3.connect(db) as conn:
        (length,) = conn.execute("SELECT length(question) FROM questions").fetchone()
    assert length == MAX_QUESTION_CHARS
    ((shown, _),) = stats["top_unanswered"]
    assert len(shown) == SHOWN_QUESTION_CHARS
    assert db.stat().st_size < 1_000_000


async def test_a_lone_surrogate_does_not_cost_the_question(tmp_path: Path) -> None:
    db = tmp_path / "storybot.db"
    store = await Store.open(db)
    await store.record_question(record("ما \ud800 هذا؟"))
    await store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT question FROM questions").fetchall() == [("ما \ufffd هذا؟",)]


async def test_forget_keeps_the_rate_limit(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "storybot.db", rate_limit_per_hour=2)
    try:
        assert await store.allow(1) and await store.allow(1)
        await store.record_question(record("سؤال"))
        assert await store.forget(1) == 1
        assert not await store.allow(1)  # three more at once is what /forget used to give
    finally:
        await store.close()


async def test_inbox_keeps_what_was_received_until_it_is_handled(tmp_path: Path) -> None:
    db = tmp_path / "storybot.db"
    store = await Store.open(db)
    assert await store.receive([(1, '{"update_id": 1}'), (2, '{"update_id": 2}')], now=NOW) == [1, 2]
    assert await store.receive([(2, '{"update_id": 2}'), (3, '{"update_id": 3}')], now=NOW) == [3]  # 2 seen before
    await store.mark_done(2, now=NOW + 1)
    await store.close()

    store = await Store.open(db)  # a restart
    try:
        pending, expired = await store.pending_updates(600, now=NOW + 60)
        assert (pending, expired) == (['{"update_id": 1}', '{"update_id": 3}'], 0)
        assert await store.receive([(2, '{"update_id": 2}')], now=NOW + 60) == []  # done, still recognised
        pending, expired = await store.pending_updates(600, now=NOW + 3600)  # too old now: given up
        assert (pending, expired) == ([], 2)
    finally:
        await store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM inbox WHERE body != ''").fetchone() == (0,)  # handled: no body kept


async def test_read_commands_never_write(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="empty"):
        await StoreReader.open(empty)
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]

    db = tmp_path / "storybot.db"
    await make_store(db)
    before = db.read_bytes()
    with read_only(db):
        async with await StoreReader.open(db) as reader:
            assert (await reader.stats())["questions"] == 1
    assert db.read_bytes() == before
