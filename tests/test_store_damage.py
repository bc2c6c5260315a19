"""A store file found damaged while the bot runs is never written again (bot.store.database's
WHILE_DAMAGED, bot.store.damage's pin): its bytes stay as they were once the damage is known,
through more questions, votes and the shutdown; what could not be stored goes to the side
file beside it; the bot goes on answering, and /healthz says 503. Real SQLite files, damaged
by overwriting a page, as a failing disk does."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import httpx
import pytest
from conftest import eventually, fast_tuning, make_settings, webhook_settings
from e2e_common import QUESTIONS

from bot.conversation import texts
from bot.core.answer_types import Answer, Kind
from bot.store import damage
from bot.store import database as db_module
from bot.store.database import (
    WHILE_DAMAGED,
    QuestionRecord,
    Store,
    StoreError,
    damaged_result,
    held_line,
    held_path,
    record_from_answer,
)
from bot.store.page_check import check_pages
from bot.telegram import render as tr

PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record(answer_id: str, question: str = "متى؟", user_id: int = 7) -> QuestionRecord:
    answer = Answer(question=question, kind=Kind.NOT_FOUND, lead="")
    return record_from_answer(answer, answer_id=answer_id, chat_id=user_id, user_id=user_id, latency_ms=1.0)


def held(db: Path) -> list[dict]:
    side = held_path(db)
    return [json.loads(line) for line in side.read_text("utf-8").splitlines()] if side.exists() else []


def root_page(db: Path, name: str) -> int:
    ro = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return ro.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    finally:
        ro.close()


def lose_page(db: Path, page: int) -> None:
    """The page zeroed in the file, behind SQLite's back."""
    with db.open("r+b") as f:
        f.seek((page - 1) * PAGE)
        f.write(bytes(PAGE))


async def folded(db: Path) -> Path:
    """A store file with one question in it, its WAL folded into the file (its pages are there)."""
    store = await Store.open(db)
    await store.record_question(record("before0000000001"))
    await store.close()
    assert not Path(f"{db}-wal").exists()
    return db


@pytest.fixture(autouse=True)
def _forget_damage(tmp_path: Path):
    yield
    damage.forget(tmp_path / "storybot.db")


# ------------------------------------------------------------------ the table, pure


def test_every_write_of_the_store_has_a_row_while_damaged() -> None:
    """A new write job must say what it does on a damaged file: the table covers every one."""
    writes = {v for k, v in vars(db_module).items() if callable(v) and k.startswith(("_insert", "_upsert", "_take",
                                                                                      "_delete", "_receive", "_mark",
                                                                                      "_set_"))}
    assert writes and writes <= set(WHILE_DAMAGED)


def test_held_lines_keep_what_readers_gave_and_nothing_else() -> None:
    from functools import partial

    rec = record("a" * 16, question="سؤال \ud800 هنا")
    line = json.loads(held_line(partial(db_module._insert_question, rec=rec), 5.0))
    assert line["held"] == "question" and line["held_at"] == 5.0
    assert line["rec"]["question"] == "سؤال \ufffd هنا" and line["rec"]["answer_id"] == "a" * 16
    vote = json.loads(held_line(partial(db_module._upsert_vote, answer_id="b", user_id=3, vote=-1, now=1.0), 2.0))
    assert (vote["held"], vote["answer_id"], vote["vote"]) == ("vote", "b", -1)
    assert held_line(partial(db_module._take_rate_slot, user_id=3, limit=5, now=1.0), 2.0) is None
    assert held_line(partial(db_module._mark_done, update_ids=[1], now=1.0), 2.0) is None


def test_without_the_file_callers_get_what_the_table_says() -> None:
    from functools import partial

    assert damaged_result(partial(db_module._receive, updates=[(5, "{}"), (6, "{}")], now=1.0)) == [5, 6]
    assert damaged_result(partial(db_module._take_rate_slot, user_id=3, limit=5, now=1.0)) is True
    assert damaged_result(partial(db_module._delete_older, cutoff=0.0, now=1.0)) == 0
    with pytest.raises(db_module.ForgetHeld, match="held"):
        damaged_result(partial(db_module._delete_user, user_id=3))
    with pytest.raises(StoreError, match="could not be held") as dropped:  # the side file is full
        damaged_result(partial(db_module._delete_user, user_id=3), dropped=True)
    assert not isinstance(dropped.value, db_module.ForgetHeld)
    with pytest.raises(StoreError):
        damaged_result(lambda db: None)  # a job the table does not know is not written
    vote = partial(db_module._upsert_vote, answer_id="b", user_id=3, vote=1, now=1.0)
    assert damaged_result(vote) is True  # held: replayed into the restored file
    assert damaged_result(vote, dropped=True) is False  # dropped for want of room: not recorded


async def test_a_vote_the_full_side_file_drops_is_not_thanked(standin, start_bot, tmp_path, page_checks):
    """Polling mode, the real stack: while the file is damaged a vote is held and thanked;
    once the side file is full the vote is dropped, and the reader is told it could not be
    recorded (not thanked, not told the answer is unknown)."""
    db = await folded(tmp_path / "storybot.db")
    store = await Store.open(db)
    try:
        bot = await start_bot(settings=make_settings(standin, db_path=db), store=store,
                              tuning=fast_tuning(page_check_interval_s=0.05))
        reply = await standin.reply_to(standin.send_text(QUESTIONS[0], user_id=95))
        checked = len(page_checks)
        lose_page(db, root_page(db, "feedback"))
        await eventually(lambda: any(page_checks[checked:]))
        up = standin.press(reply, reply.button(tr.VOTE_UP)["callback_data"], user_id=95)
        await standin.wait_until(lambda: up in standin.callback_answers)
        assert standin.callback_answers[up]["text"] == texts.FEEDBACK_THANKS
        with held_path(db).open("r+b") as side:  # full: the next line does not fit
            side.truncate(db_module.MAX_HELD_BYTES)
        down = standin.press(reply, reply.button(tr.VOTE_DOWN)["callback_data"], user_id=95)
        await standin.wait_until(lambda: down in standin.callback_answers)
        assert standin.callback_answers[down]["text"] == texts.FEEDBACK_FAILED
        await bot.stop()
    finally:
        await store.close()


# ------------------------------------------------------------------ the store on a real file


async def test_a_healthy_store_holds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "storybot.db"
    async with await Store.open(db) as store:
        await store.record_question(record("healthy000000001"))
        assert await store.record_feedback("healthy000000001", 7, 1)
        assert store.damaged is None
    assert not held_path(db).exists()
    assert sqlite3.connect(db).execute("SELECT count(*) FROM feedback").fetchone() == (1,)


async def test_damage_found_by_the_page_check_stops_every_write_through_the_shutdown(tmp_path: Path, caplog) -> None:
    db = await folded(tmp_path / "storybot.db")
    feedback = root_page(db, "feedback")
    store = await Store.open(db)
    await store.record_question(record("inwal00000000001"))  # committed to the WAL, not yet in the file
    lose_page(db, feedback)
    assert check_pages(db) is not None  # the background check (bot.store.page_check) finds it
    known = digest(db)
    await store.record_question(record("after00000000001", question="ما الخبر؟"))
    assert await store.record_feedback("before0000000001", 7, 1)  # held: the caller is thanked
    assert await store.allow(7) is True
    assert await store.set_chat_story(7, "lecun-meta")
    with pytest.raises(StoreError):
        await store.forget(7)
    assert await store.purge_older_than(0) == 0
    assert store.damaged is not None and digest(db) == known
    await store.close()
    assert digest(db) == known  # closing folded nothing into the damaged file
    assert Path(f"{db}-wal").stat().st_size > 0  # what was committed before is kept beside it
    assert [line["held"] for line in held(db)] == ["question", "vote", "chat_story", "forget"]
    assert held(db)[0]["rec"]["question"] == "ما الخبر؟"
    lines = [r.getMessage() for r in caplog.records if "writes are held" in r.getMessage()]
    assert len(lines) == 1 and str(held_path(db)) in lines[0]
    # Still readable where it is sound: the question committed before the damage was met.
    ro = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    assert ro.execute("SELECT answer_id FROM questions ORDER BY id").fetchall() == [
        ("before0000000001",), ("inwal00000000001",)]
    ro.close()


async def test_a_write_that_meets_the_damage_holds_it_and_every_later_one(tmp_path: Path) -> None:
    db = await folded(tmp_path / "storybot.db")
    feedback = root_page(db, "feedback")
    store = await Store.open(db)
    try:
        lose_page(db, feedback)
        # Another process writes (the CLI): the store's writer reads the file afresh, damaged page too.
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("INSERT INTO rate_events (user_id, at) VALUES (1, 1.0)")
        other.close()
        assert await store.record_feedback("before0000000001", 7, 1)  # met SQLITE_CORRUPT: held, not lost
        assert store.damaged is not None and damage.met(db) is not None
        known = digest(db)
        await store.record_question(record("after00000000002"))
    finally:
        await store.close()
    assert digest(db) == known
    assert [line["held"] for line in held(db)] == ["vote", "question"]


# ------------------------------------------------------------------ the bot, end to end


async def test_the_bot_answers_on_a_damaged_file_and_never_writes_it(standin, start_bot, tmp_path, page_checks):
    """Webhook mode, the real stack: the page check finds a lost page while the bot runs; from
    then on the file's bytes do not change through more questions, a vote and the shutdown,
    the replies are the same as on a sound file, and /healthz says 503."""
    db = await folded(tmp_path / "storybot.db")
    feedback = root_page(db, "feedback")
    store = await Store.open(db)
    try:
        settings = webhook_settings(standin, db_path=db)
        bot = await start_bot(settings=settings, store=store, tuning=fast_tuning(page_check_interval_s=0.05))
        health = f"http://127.0.0.1:{settings.webhook_port}/healthz"
        sound = [await standin.reply_to(standin.send_text(q, user_id=91)) for q in QUESTIONS[:2]]
        checked = len(page_checks)
        lose_page(db, feedback)
        await eventually(lambda: any(page_checks[checked:]))
        known = digest(db)
        after = [await standin.reply_to(standin.send_text(q, user_id=92)) for q in QUESTIONS[:2]]
        assert [s.text for s in after] == [s.text for s in sound]
        assert store.damaged is not None
        up = standin.press(after[0], after[0].button(tr.VOTE_UP)["callback_data"], user_id=92)
        await standin.wait_until(lambda: up in standin.callback_answers)
        assert standin.callback_answers[up]["text"] == texts.FEEDBACK_THANKS
        async with httpx.AsyncClient() as client:
            response = await client.get(health)
        assert response.status_code == 503 and response.json() == {"status": "unavailable", "store": "damaged"}
        assert digest(db) == known
        await bot.stop()
    finally:
        await store.close()
    assert digest(db) == known
    kinds = [line["held"] for line in held(db)]
    assert kinds.count("question") == 2 and kinds.count("vote") == 1
    assert {line["rec"]["question"] for line in held(db) if line["held"] == "question"} == set(QUESTIONS[:2])


async def test_in_polling_mode_too_the_page_check_stops_the_writes_before_one_meets_the_damage(
        standin, start_bot, tmp_path, page_checks):
    """Polling mode, the real stack against the stand-in: no /healthz, but the background check
    runs all the same, so the store learns of a lost page that no query or write has met, holds
    the writes that follow instead of writing the damaged file, and no check runs once the
    bot has stopped."""
    import asyncio

    db = await folded(tmp_path / "storybot.db")
    feedback = root_page(db, "feedback")
    store = await Store.open(db)
    try:
        settings = make_settings(standin, db_path=db)
        assert settings.telegram_mode == "polling"
        bot = await start_bot(settings=settings, store=store, tuning=fast_tuning(page_check_interval_s=0.05))
        sound = [await standin.reply_to(standin.send_text(q, user_id=93)) for q in QUESTIONS[:2]]
        await eventually(lambda: len(page_checks) >= 2)
        assert not any(page_checks) and damage.met(db) is None
        checked = len(page_checks)
        lose_page(db, feedback)
        await eventually(lambda: any(page_checks[checked:]))
        assert damage.met(db) is not None  # found by the check: nothing met the lost page
        known = digest(db)
        after = [await standin.reply_to(standin.send_text(q, user_id=94)) for q in QUESTIONS[:2]]
        assert [s.text for s in after] == [s.text for s in sound]
        up = standin.press(after[0], after[0].button(tr.VOTE_UP)["callback_data"], user_id=94)
        await standin.wait_until(lambda: up in standin.callback_answers)
        assert standin.callback_answers[up]["text"] == texts.FEEDBACK_THANKS
        assert store.damaged is not None and digest(db) == known
        await bot.stop()
        stopped = len(page_checks)
        await asyncio.sleep(0.3)
        assert len(page_checks) == stopped  # the watch ended with the bot
    finally:
        await store.close()
    assert digest(db) == known
    kinds = [line["held"] for line in held(db)]
    assert kinds.count("question") == 2 and kinds.count("vote") == 1


async def test_a_forget_on_a_damaged_file_is_told_it_is_recorded_not_that_it_failed(
        standin, start_bot, tmp_path, page_checks):
    """Polling mode, the real stack: /forget while the file is known damaged appends the
    request to the side file (replay-held applies it), so the reply says it is recorded and
    that nothing is deleted yet; once the side file is full, it is not held, and the reply says
    it failed."""
    db = await folded(tmp_path / "storybot.db")
    store = await Store.open(db)
    try:
        bot = await start_bot(settings=make_settings(standin, db_path=db), store=store,
                              tuning=fast_tuning(page_check_interval_s=0.05))
        checked = len(page_checks)
        lose_page(db, root_page(db, "feedback"))
        await eventually(lambda: any(page_checks[checked:]))
        forget = await standin.reply_to(standin.send_text("/forget", user_id=7))
        assert forget.visible == texts.FORGET_HELD
        assert [(line["held"], line["user_id"]) for line in held(db)] == [("forget", 7)]
        with held_path(db).open("r+b") as side:  # full: the next line does not fit
            side.truncate(db_module.MAX_HELD_BYTES)
        full = await standin.reply_to(standin.send_text("/forget", user_id=8))
        assert full.visible == texts.FORGET_FAILED
        await bot.stop()
    finally:
        await store.close()


async def test_a_forget_that_fails_says_nothing_was_deleted_and_the_next_deletes_it_all(
        standin, start_bot, tmp_path, monkeypatch):
    """Polling mode, the real stack: the /forget that cannot join the held writes waiting beside
    a sound file (below) is told it failed and that nothing was deleted, and its questions are
    still there; the next /forget deletes them, and says how many."""
    from functools import partial

    db = tmp_path / "storybot.db"
    store = await Store.open(db)
    try:
        await start_bot(settings=make_settings(standin, db_path=db), store=store)
        for question in QUESTIONS[:2]:
            await standin.reply_to(standin.send_text(question, user_id=71))
        await eventually(lambda: sqlite3.connect(db).execute(
            "SELECT count(*) FROM questions WHERE user_id = 71").fetchone() == (2,))
        waiting = held_line(partial(db_module._insert_question, rec=record("held000000000002", user_id=71)), 1.0)
        held_path(db).write_text(waiting + "\n", encoding="utf-8")

        def no_room(path: Path, lines: list[str], limit: int = 0) -> set[int]:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(db_module, "_append_held", no_room)
        failed = await standin.reply_to(standin.send_text("/forget", user_id=71))
        assert failed.visible == texts.FORGET_FAILED and "لم يُحذف منها شيء" in failed.visible
        assert sqlite3.connect(db).execute("SELECT count(*) FROM questions WHERE user_id = 71").fetchone() == (2,)
        monkeypatch.undo()
        done = await standin.reply_to(standin.send_text("/forget", user_id=71))
        assert done.visible == texts.forgotten(2)
        assert sqlite3.connect(db).execute("SELECT count(*) FROM questions WHERE user_id = 71").fetchone() == (0,)
    finally:
        await store.close()


async def test_a_forget_that_cannot_join_the_waiting_held_writes_deletes_nothing(tmp_path: Path, monkeypatch):
    """A sound store with held writes waiting beside it (not replayed yet): /forget deletes the
    file's rows and adds the request after the held lines, so that the replay does not bring
    the user's held rows back. When that append fails (a full disk), it is all or nothing:
    forget raises (the reply says it failed, and that nothing was deleted) and the file keeps
    every row of the user, their vote and the chosen story; a second /forget, once the disk
    has room, deletes them all and adds the request. Another user's rows stay throughout.
    Before, the first /forget deleted the file's rows, then said it had failed."""
    from functools import partial

    db = tmp_path / "storybot.db"
    waiting = held_line(partial(db_module._insert_question, rec=record("held000000000001", user_id=7)), 1.0)
    async with await Store.open(db) as store:
        await store.record_question(record("sound00000000001", user_id=7))
        await store.record_question(record("other00000000001", user_id=8))
        assert await store.record_feedback("sound00000000001", 7, 1)
        assert await store.record_feedback("other00000000001", 8, -1)
        assert await store.set_chat_story(7, "volcano") and await store.set_chat_story(8, "coffee")
        side = held_path(db)
        side.write_text(waiting + "\n", encoding="utf-8")

        def no_room(path: Path, lines: list[str], limit: int = 0) -> set[int]:
            raise OSError(28, "No space left on device")

        def counts() -> list[tuple[int, int, int]]:
            with sqlite3.connect(db) as conn:
                return [conn.execute(f"SELECT (SELECT count(*) FROM questions WHERE user_id = {u}),"
                                     f" (SELECT count(*) FROM feedback WHERE user_id = {u}),"
                                     f" (SELECT count(*) FROM chat_stories WHERE chat_id = {u})").fetchone()
                        for u in (7, 8)]

        assert counts() == [(1, 1, 1), (1, 1, 1)]
        monkeypatch.setattr(db_module, "_append_held", no_room)
        with pytest.raises(StoreError, match="nothing was deleted"):
            await store.forget(7)
        assert counts() == [(1, 1, 1), (1, 1, 1)]  # nothing of user 7 went, nor of user 8
        assert [line["held"] for line in held(db)] == ["question"]
        # The failed job is rolled back alone: writes in its batch, and after it, are stored.
        await store.record_question(record("after00000000001", user_id=8))
        monkeypatch.undo()
        assert await store.forget(7) == 3  # all of user 7's rows, this time
        assert counts() == [(0, 0, 0), (2, 1, 1)]
    assert [(line["held"], line.get("user_id")) for line in held(db)] == [("question", None), ("forget", 7)]
