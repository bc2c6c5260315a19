"""Load and faults: every question answered exactly once, whatever the Bot API does.

"Exactly once" is checked after the bot has stopped (stopping waits for every update in
hand), so a late duplicate would be counted.
"""

from __future__ import annotations

import asyncio

import pytest
from conftest import FakeStore, fast_tuning
from e2e_common import QUESTIONS

from bot.conversation import texts
from bot.telegram import render as tr
from bot.core.answer import answer


def expected_messages(story, question: str) -> int:
    """How many messages the reply to a first question takes (each user asks once here)."""
    return len(tr.render_answer(answer(story, question)))


def assert_each_answered_once(standin, story, asked) -> None:
    for message in asked:
        replies = standin.replies_to(message)
        assert len(replies) == expected_messages(story, message["text"]), message["text"]
        assert all(r.visible != texts.APOLOGY for r in replies)


async def test_200_concurrent_users_each_answered_exactly_once(standin, start_bot, story):
    bot = await start_bot()
    asked = [standin.send_text(QUESTIONS[i % len(QUESTIONS)], user_id=1000 + i) for i in range(200)]
    await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), timeout=60)
    await bot.stop()
    assert_each_answered_once(standin, story, asked)
    assert {s.chat_id for s in standin.sent} == {1000 + i for i in range(200)}


@pytest.mark.parametrize(
    "fault",
    [
        dict(kind="status", status=500, count=6),
        dict(kind="status", status=502, count=3),
        dict(kind="retry_after", retry_after=1, count=2),
        dict(kind="refuse", count=6),
        dict(kind="slow", delay=0.3, count=10),
    ],
    ids=["500", "502", "429-retry-after", "connection-reset-before-the-request", "slow"],
)
async def test_faults_on_send_every_question_answered_once(standin, start_bot, story, fault):
    bot = await start_bot()
    standin.inject(method="sendMessage", **fault)
    asked = [standin.send_text(QUESTIONS[i % len(QUESTIONS)], user_id=2000 + i) for i in range(20)]
    await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), timeout=60)
    await bot.stop()
    assert standin.faults[0].hits == standin.faults[0].count  # the faults really happened
    assert_each_answered_once(standin, story, asked)


async def test_mixed_faults_on_every_method(standin, start_bot, story):
    bot = await start_bot()
    standin.inject("status", method="sendChatAction", status=500, count=100)  # typing always fails
    for kind, extra in (("status", {"status": 500}), ("refuse", {}), ("retry_after", {"retry_after": 1})):
        standin.inject(kind, method=None, count=4, **extra)  # then any other method but getUpdates
    asked = [standin.send_text(QUESTIONS[i % len(QUESTIONS)], user_id=3000 + i) for i in range(30)]
    await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), timeout=60)
    await bot.stop()
    assert all(f.hits == f.count for f in standin.faults[1:])
    assert_each_answered_once(standin, story, asked)


async def test_a_reply_whose_answer_was_lost_is_never_sent_twice(standin, start_bot, story):
    """Issue 10, point 1: 20% of the replies are delivered, then their connection drops."""
    bot = await start_bot()
    standin.inject("drop_after", method="sendMessage", count=40, match=lambda p: int(p["chat_id"]) % 5 == 0)
    asked = [standin.send_text(QUESTIONS[i % len(QUESTIONS)], user_id=7000 + i) for i in range(200)]
    await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), timeout=60)
    await bot.stop()
    assert standin.faults[0].hits == 40  # every fifth chat's reply was delivered, then dropped
    assert_each_answered_once(standin, story, asked)  # no second copy, no apology under it
    assert len(standin.sent) == sum(expected_messages(story, m["text"]) for m in asked)


async def test_a_call_dropped_after_it_was_written_is_not_guessed_at(standin, start_bot, story):
    """The request arrived whole and the connection died: Telegram may have acted, so no resend
    and no apology (for a dropped reply this loses it; README's delivery guarantee says so)."""
    bot = await start_bot()
    standin.inject("drop", method="sendMessage", count=1, match=lambda p: int(p["chat_id"]) == 7301)
    lost = standin.send_text(QUESTIONS[0], user_id=7301)
    await standin.wait_until(lambda: standin.faults[0].hits == 1)
    marker = standin.send_text(QUESTIONS[1], user_id=7302)
    await standin.reply_to(marker)
    await bot.stop()
    assert [c.params["chat_id"] for c in standin.calls_to("sendMessage")].count(7301) == 1
    assert standin.replies_to(lost) == []


async def test_a_read_timeout_is_not_resent_blindly(standin, start_bot, story):
    """Telegram got the message but answered too late: no second copy, no apology."""
    bot = await start_bot(tuning=fast_tuning(read_timeout_s=0.3))
    standin.inject("slow", method="sendMessage", delay=1.0, after=True, count=1)
    question = standin.send_text(QUESTIONS[0], user_id=4001)
    await standin.wait_until(lambda: standin.faults[0].hits == 1)
    await standin.reply_to(question)
    marker = standin.send_text(QUESTIONS[1], user_id=4002)
    await standin.reply_to(marker)
    await bot.stop()
    assert len(standin.replies_to(question)) == 1
    assert not any(s.visible == texts.APOLOGY for s in standin.sent)


async def test_a_slow_call_does_not_hold_up_other_readers(standin, start_bot):
    bot = await start_bot()
    gate = asyncio.Event()
    standin.inject("hold", method="sendMessage", gate=gate, match=lambda p: int(p["chat_id"]) == 5001)
    held = standin.send_text(QUESTIONS[0], user_id=5001)
    await standin.wait_until(lambda: standin.faults[0].hits == 1)  # A's reply is stuck in flight
    others = [standin.send_text(QUESTIONS[1], user_id=5002 + i) for i in range(5)]
    await standin.wait_until(lambda: all(standin.replies_to(m) for m in others))
    assert standin.replies_to(held) == []
    gate.set()
    await standin.reply_to(held)
    await bot.stop()


async def test_start_up_survives_a_transient_api_failure(standin, start_bot):
    standin.inject("status", method="getMe", status=502, count=5)  # more than one attempt's retries
    standin.inject("drop", method="deleteWebhook", count=1)
    bot = await start_bot()
    assert (await standin.reply_to(standin.send_text(QUESTIONS[0], user_id=6001))).visible
    await bot.stop()
    assert standin.faults[0].hits == 5


async def test_polling_survives_get_updates_failures(standin, start_bot):
    bot = await start_bot()
    standin.inject("status", method="getUpdates", status=500, count=2)
    standin.inject("drop", method="getUpdates", count=1)
    asked = [standin.send_text(QUESTIONS[0], user_id=6100 + i) for i in range(3)]
    await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), timeout=30)
    await bot.stop()
    assert all(len(standin.replies_to(m)) == 1 for m in asked)


async def test_a_question_is_recorded_even_when_its_reply_timed_out(standin, start_bot):
    store = FakeStore()
    bot = await start_bot(store=store, tuning=fast_tuning(read_timeout_s=0.3))
    standin.inject("slow", method="sendMessage", delay=1.0, after=True, count=1)
    question = standin.send_text(QUESTIONS[0], user_id=4101)
    reply = await standin.reply_to(question)
    await bot.stop()
    (rec,) = store.records
    assert reply.button(tr.VOTE_UP)["callback_data"] == f"fb:up:{rec.answer_id}"


async def test_a_stop_during_start_up_retries_ends_quietly(standin, story):
    from bot.telegram.app import build_application, serve
    from conftest import make_settings

    standin.inject("status", method="getMe", status=503, count=1000)  # the API stays down
    settings, tuning = make_settings(standin), fast_tuning(bootstrap_retries=1000, bootstrap_backoff_s=0.01)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(build_application(settings, story, tuning=tuning), settings, stop, tuning=tuning))
    await standin.wait_until(lambda: len(standin.calls_to("getMe")) >= 10)  # several rounds of retries
    stop.set()
    await asyncio.wait_for(task, 30)  # returns, no exception
    assert not standin.calls_to("getUpdates")
