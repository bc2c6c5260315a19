"""The real conversation store behind the real Telegram stack, against the Bot API stand-in.

Uses the `standin`, `start_bot` and `story` fixtures of tests/conftest.py. Counts in the
database are read after `bot.stop()`, which waits for every handler and every background
store write: they are final then.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import AsyncIterator

import pytest
from conftest import eventually, make_settings
from e2e_common import rows
from standin import TEST_TOKEN, group_chat

from bot.conversation import texts
from bot.telegram import render as tr
from bot.core.answer import answer
from bot.store.database import Store

ANSWERABLE = [
    "كم أنفقت ميتا للحصول على ألكسندر وانغ؟",
    "لماذا يغادر يان ليكون ميتا؟",
    "متى أسس ليكون مختبر FAIR؟",
    "كم عاملًا فصلت ميتا؟",
    "لخص لي المقال",
]
UNANSWERABLE = ["ما عاصمة فرنسا؟", "ما رأي سكان المريخ في الطماطم الزرقاء؟"]
RECORDED_KINDS = {"answer", "summary", "meta", "not_found"}  # what the bot records (tr.wants_feedback)


def answer_id_of(sent) -> str:
    """The answer id the bot put in the 👍 button, i.e. the key it recorded the question under."""
    return sent.button(tr.VOTE_UP)["callback_data"].rsplit(":", 1)[1]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "storybot.db"


@pytest.fixture
async def store(db: Path) -> AsyncIterator[Store]:
    s = await Store.open(db, rate_limit_per_hour=30)
    try:
        yield s
    finally:
        await s.close()


def test_the_questions_used_here_are_recorded_kinds(story) -> None:
    # Guards the tests below: they count questions whose replies carry vote buttons.
    kinds = {q: answer(story, q).kind.value for q in ANSWERABLE + UNANSWERABLE}
    assert set(kinds.values()) <= RECORDED_KINDS
    assert {kinds[q] for q in UNANSWERABLE} == {"not_found"}
    assert "not_found" not in {kinds[q] for q in ANSWERABLE}


async def test_a_thousand_concurrent_questions_give_a_thousand_rows(standin, start_bot, story, store: Store, db: Path):
    questions = ANSWERABLE + UNANSWERABLE
    # All 1000 are in flight at once on the readers' side; the bot takes Tuning's
    # concurrent_updates of them at a time.
    bot = await start_bot(store=store)
    asked = [standin.send_text(questions[i % len(questions)], user_id=100_000 + i) for i in range(1000)]
    wanted = {(m["chat"]["id"], m["message_id"]) for m in asked}

    def all_replied() -> bool:
        return wanted <= {(s.chat_id, s.reply_to) for s in standin.sent}

    await standin.wait_until(all_replied, timeout=120)
    await bot.stop()

    first_replies = {(s.chat_id, s.reply_to): s for s in reversed(standin.sent) if s.buttons()}
    sent_ids = {answer_id_of(first_replies[key]) for key in wanted}
    stored = rows(db, "SELECT answer_id, chat_id, user_id, question, kind FROM questions")
    assert len(stored) == 1000
    assert {r[0] for r in stored} == sent_ids  # every reply's answer id is a stored row, and no other
    assert {r[2] for r in stored} == {100_000 + i for i in range(1000)}
    assert all(r[1] == r[2] for r in stored)  # private chats: chat id is the user id
    assert rows(db, "SELECT count(*) FROM rate_events") == [(1000,)]  # each question counted once
    expected_unanswered = sum(1 for i in range(1000) if questions[i % len(questions)] in UNANSWERABLE)
    stats = await store.stats()
    assert (stats["questions"], stats["unanswered"], stats["users"]) == (1000, expected_unanswered, 1000)
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


async def test_forget_end_to_end(standin, start_bot, story, store: Store, db: Path):
    bot = await start_bot(store=store)
    group = group_chat()
    me, other = 61, 62
    my_private = await standin.reply_to(standin.send_text("ما رأي سكان المريخ في الطماطم الزرقاء؟", user_id=me))
    my_group = await standin.reply_to(standin.send_text(f"@{standin.username} {ANSWERABLE[0]}", user_id=me, chat=group))
    their_group = await standin.reply_to(standin.send_text(f"@{standin.username} {ANSWERABLE[1]}", user_id=other, chat=group))
    presses = [
        standin.press(my_private, f"fb:up:{answer_id_of(my_private)}", user_id=me),
        standin.press(my_group, f"fb:down:{answer_id_of(my_group)}", user_id=other),  # their vote on my answer
        standin.press(their_group, f"fb:up:{answer_id_of(their_group)}", user_id=me),  # my vote on theirs
        standin.press(their_group, f"fb:up:{answer_id_of(their_group)}", user_id=other),
    ]
    await standin.wait_until(lambda: set(presses) <= set(standin.callback_answers))
    # Records and votes are written in the background after the reply; wait until they landed.
    await eventually(lambda: rows(db, "SELECT count(*) FROM questions") == [(3,)])
    await eventually(lambda: rows(db, "SELECT count(*) FROM feedback") == [(4,)])

    forget = standin.send_text("/forget", user_id=me)
    # My 2 questions, my 2 votes, their vote on my answer; my rate-limit events stay (issue 10).
    assert (await standin.reply_to(forget)).visible == texts.forgotten(5)
    await bot.stop()

    assert rows(db, "SELECT user_id, question FROM questions") == [(other, f"{ANSWERABLE[1]}")]
    assert rows(db, "SELECT user_id, vote FROM feedback") == [(other, 1)]
    assert sorted(rows(db, "SELECT user_id FROM rate_events")) == [(me,), (me,), (other,)]
    assert not rows(db, "SELECT 1 FROM questions WHERE user_id = ? OR chat_id = ?", (me, me))


async def test_rate_limit_end_to_end(standin, start_bot, db: Path):
    limited_store = await Store.open(db, rate_limit_per_hour=2)
    try:
        bot = await start_bot(store=limited_store)
        replies = [await standin.reply_to(standin.send_text(ANSWERABLE[0], user_id=71)) for _ in range(3)]
        await bot.stop()
    finally:
        await limited_store.close()
    assert [r.visible == texts.RATE_LIMITED for r in replies] == [False, False, True]
    assert rows(db, "SELECT count(*) FROM questions") == [(2,)]


async def test_admin_stats_end_to_end(standin, start_bot, store: Store, db: Path):
    bot = await start_bot(settings=make_settings(standin, admin_ids=frozenset({42})), store=store)
    await standin.reply_to(standin.send_text(ANSWERABLE[0], user_id=81))
    await standin.reply_to(standin.send_text(UNANSWERABLE[0], user_id=82))
    await standin.reply_to(standin.send_text(UNANSWERABLE[0], user_id=83))
    await eventually(lambda: rows(db, "SELECT count(*) FROM questions") == [(3,)])
    stats = await standin.reply_to(standin.send_text("/stats", user_id=42))
    await bot.stop()
    assert "المجموع: 3" in stats.visible
    assert f"{UNANSWERABLE[0]} (2)" in stats.visible
    assert "نسبة الإجابة: 33%" in stats.visible


async def test_sigkill_of_the_bot_mid_load_keeps_every_question_whose_reply_was_sent(standin, tmp_path: Path):
    """`storybot telegram` as a process, killed while 600 questions are in flight."""
    db = tmp_path / "storybot.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "STORYBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_BASE_URL=standin.base_url,
        STORYBOT_DB=str(db),
        STORYBOT_RATE_LIMIT="0",
        STORYBOT_LOG_LEVEL="WARNING",
    )
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "telegram", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    try:
        await standin.wait_until(lambda: bool(standin.calls_to("getUpdates")), timeout=60)
        questions = ANSWERABLE + UNANSWERABLE
        for i in range(600):
            standin.send_text(questions[i % len(questions)], user_id=300_000 + i)
        await standin.wait_until(lambda: len(standin.sent) >= 150, timeout=60)
    finally:
        child.send_signal(signal.SIGKILL)
        stderr = (await child.communicate())[1].decode("utf-8", "replace")
    assert child.returncode == -signal.SIGKILL, stderr[-2000:]

    # Every reply the stand-in received, i.e. every reply that was sent before the kill.
    sent_ids = {answer_id_of(s) for s in list(standin.sent) if s.buttons()}
    assert len(sent_ids) >= 150
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]  # opening recovers the WAL the kill left
    stored = {a for (a,) in rows(db, "SELECT answer_id FROM questions")}
    assert sent_ids <= stored, f"{len(sent_ids - stored)} sent replies have no stored question"
