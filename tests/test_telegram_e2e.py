"""End to end: the real PTB stack over real HTTP against the Bot API stand-in.

Silence (the bot does not answer something) is asserted only after the bot was stopped,
which waits for every update in hand, so no test relies on timing.
"""

from __future__ import annotations

import asyncio

from conftest import (
    WEBHOOK_SECRET,
    CommittingFakeStore,
    FakeStore,
    eventually,
    fast_tuning,
    make_settings,
    webhook_settings,
)
from standin import group_chat

from bot.conversation import texts
from bot.telegram import render as tr

QUESTION = "كم أنفقت ميتا للحصول على ألكسندر وانغ؟"
ANSWER_TEXT = "14.3 مليار دولار"


def vote_data(sent, vote: str) -> str:
    return sent.button(tr.VOTE_UP if vote == "up" else tr.VOTE_DOWN)["callback_data"]


# ------------------------------------------------------------------ private chats


async def test_private_question_is_answered_with_quotes_as_a_reply(standin, start_bot):
    await start_bot()
    question = standin.send_text(QUESTION, user_id=7)
    reply = await standin.reply_to(question)
    assert reply.parse_mode == "HTML"
    assert "<blockquote>" in reply.text and "<blockquote expandable>" in reply.text
    assert ANSWER_TEXT in reply.visible
    assert [b["text"] for b in reply.buttons()] == [tr.PARAGRAPH_BUTTON, tr.VOTE_UP, tr.VOTE_DOWN]
    actions = [c for c in standin.calls_to("sendChatAction") if c.params["chat_id"] == 7]
    assert actions and actions[0].params["action"] == "typing"


async def test_stories_without_a_newsroom_lists_the_story_answered_from(standin, start_bot, story):
    from bot.telegram import stories

    await start_bot()  # no catalogue: the embedded story answers every question
    listed = await standin.reply_to(standin.send_text("/stories", user_id=8))
    assert stories.NO_STORIES not in listed.visible
    assert stories.ANSWERS_FROM in listed.visible and story.primary.title in listed.visible


async def test_typing_shows_while_work_is_slow_and_its_failure_does_not_stop_the_answer(standin, start_bot):
    gate = asyncio.Event()
    store = FakeStore(gate=gate)  # allow() hangs until the gate opens: slow work
    await start_bot(store=store, tuning=fast_tuning(typing_delay_s=0.05, store_timeout_s=60))
    standin.inject("status", method="sendChatAction", status=500, count=1)
    question = standin.send_text(QUESTION, user_id=6)
    await standin.wait_until(lambda: any(c.params.get("chat_id") == 6 for c in standin.calls_to("sendChatAction")))
    assert standin.replies_to(question) == []  # typing came while the work was still going on
    gate.set()
    assert ANSWER_TEXT in (await standin.reply_to(question)).visible
    assert standin.faults[0].hits == 1


async def test_commands_are_registered_and_answered(standin, start_bot, story):
    bot = await start_bot()
    assert [c["command"] for c in standin.commands] == ["start", "help", "about", "stories", "ask", "privacy", "forget"]
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in c["description"]) for c in standin.commands)
    start = await standin.reply_to(standin.send_text("/start", user_id=3))
    assert story.primary.title in start.visible and "مرحبًا" in start.visible
    helped = await standin.reply_to(standin.send_text("/help", user_id=3))
    assert "/ask" in helped.visible
    about = await standin.reply_to(standin.send_text("/about", user_id=3))
    assert story.primary.disclaimer in about.visible and "<blockquote expandable>" in about.text
    usage = await standin.reply_to(standin.send_text("/ask", user_id=3))
    assert usage.visible == texts.ASK_USAGE
    asked = await standin.reply_to(standin.send_text(f"/ask {QUESTION}", user_id=3))
    assert ANSWER_TEXT in asked.visible
    unknown = await standin.reply_to(standin.send_text("/frobnicate", user_id=3))
    assert unknown.visible == texts.UNKNOWN_COMMAND
    await bot.stop()


async def test_non_text_messages_in_private_get_a_hint(standin, start_bot):
    await start_bot()
    sticker = await standin.reply_to(standin.send_sticker(user_id=5))
    photo = await standin.reply_to(standin.send_photo(user_id=5, caption="ما هذا؟"))
    assert sticker.visible == photo.visible == texts.NON_TEXT_HINT


async def test_edited_private_question_is_answered_again_edits_in_groups_are_not(standin, start_bot):
    bot = await start_bot()
    group = group_chat()
    original = standin.send_text("ما هذا", user_id=8)
    await standin.reply_to(original)
    group_question = standin.send_text(f"@{standin.username} ما هذا", user_id=8, chat=group)
    await standin.reply_to(group_question)
    standin.edit_text(original, QUESTION)
    standin.edit_text(group_question, f"@{standin.username} {QUESTION}")
    await standin.wait_until(lambda: len(standin.replies_to(original)) == 2)
    assert ANSWER_TEXT in standin.replies_to(original)[1].visible
    await bot.stop()
    assert len(standin.replies_to(group_question)) == 1


async def test_channel_posts_are_ignored(standin, start_bot):
    bot = await start_bot()
    standin.channel_post(QUESTION)
    marker = standin.send_text(QUESTION, user_id=9)  # processed after the post was offered
    await standin.reply_to(marker)
    await bot.stop()
    assert [s.chat_id for s in standin.sent] == [9]


async def test_each_chat_keeps_its_own_conversation(standin, start_bot):
    bot = await start_bot()
    first = standin.send_text(QUESTION, user_id=11)
    await standin.reply_to(first)
    await standin.reply_to(standin.send_text("مرحبا", user_id=12))
    memory = bot.app.bot_data["storybot"].conversations.memory
    assert memory.get(11).previous_question  # the follow-up context of chat 11
    assert not memory.get(12).previous_question  # a greeting leaves chat 12 without a subject


# ------------------------------------------------------------------ groups


async def test_groups_answer_only_when_addressed(standin, start_bot):
    bot = await start_bot()
    group = group_chat()
    chatter = standin.send_text(QUESTION, user_id=21, chat=group)
    other_bot_command = standin.send_text("/frobnicate", user_id=21, chat=group)
    sticker = standin.send_sticker(user_id=21, chat=group)
    mentioned = standin.send_text(f"@{standin.username.upper()} {QUESTION}", user_id=21, chat=group)
    by_mention = await standin.reply_to(mentioned)
    assert ANSWER_TEXT in by_mention.visible
    assert f"@{standin.username}".lower() not in by_mention.visible.lower()
    follow_up = standin.send_text("ولماذا غادر ليكون؟", user_id=22, chat=group, reply_to=by_mention)
    assert (await standin.reply_to(follow_up)).visible
    asked = standin.send_text(f"/ask@{standin.username} {QUESTION}", user_id=23, chat=group)
    assert ANSWER_TEXT in (await standin.reply_to(asked)).visible
    named_unknown = standin.send_text(f"/frobnicate@{standin.username}", user_id=23, chat=group)
    assert (await standin.reply_to(named_unknown)).visible == texts.UNKNOWN_COMMAND
    await bot.stop()
    for silent in (chatter, other_bot_command, sticker):
        assert standin.replies_to(silent) == []


# ------------------------------------------------------------------ buttons


async def test_whole_paragraph_button(standin, start_bot, story):
    await start_bot()
    question = standin.send_text(QUESTION, user_id=31)
    answer = await standin.reply_to(question)
    data = answer.button(tr.PARAGRAPH_BUTTON)["callback_data"]
    query_id = standin.press(answer, data, user_id=31)
    paragraph_msg = await standin.reply_to({"chat": {"id": 31}, "message_id": answer.message_id})
    _, article_index, number = data.split(":")
    paragraph = story.articles[int(article_index)].paragraphs[int(number) - 1]
    assert paragraph.text in paragraph_msg.visible
    assert story.primary.disclaimer in paragraph_msg.visible
    await standin.wait_until(lambda: query_id in standin.callback_answers)


async def test_stale_paragraph_button_is_acknowledged(standin, start_bot):
    await start_bot()
    answer = await standin.reply_to(standin.send_text(QUESTION, user_id=32))
    query_id = standin.press(answer, "para:7:999", user_id=32)
    await standin.wait_until(lambda: query_id in standin.callback_answers)
    assert standin.callback_answers[query_id]["text"] == texts.PARAGRAPH_GONE


async def test_feedback_buttons_store_votes_and_acknowledge(standin, start_bot):
    store = FakeStore()
    bot = await start_bot(store=store)
    question = standin.send_text(QUESTION, user_id=33)
    answer = await standin.reply_to(question)
    up = standin.press(answer, vote_data(answer, "up"), user_id=33)
    await standin.wait_until(lambda: up in standin.callback_answers)
    down = standin.press(answer, vote_data(answer, "down"), user_id=33)
    await standin.wait_until(lambda: down in standin.callback_answers)
    assert standin.callback_answers[up]["text"] == texts.FEEDBACK_THANKS
    await bot.stop()  # background store writes are awaited on stop
    (record,) = store.records
    assert vote_data(answer, "up") == f"fb:up:{record.answer_id}"
    assert store.votes == {(record.answer_id, 33): -1}  # the second press changed the vote
    assert record.question == QUESTION and record.chat_id == 33 and record.kind == "answer"
    assert record.quotes and record.top_score is not None and record.latency_ms >= 0


async def test_feedback_without_a_store_is_still_acknowledged(standin, start_bot):
    await start_bot()
    answer = await standin.reply_to(standin.send_text(QUESTION, user_id=34))
    query_id = standin.press(answer, vote_data(answer, "up"), user_id=34)
    await standin.wait_until(lambda: query_id in standin.callback_answers)


# ------------------------------------------------------------------ inline mode


async def test_inline_query_offers_top_quotes_each_with_the_disclaimer(standin, start_bot, story):
    await start_bot()
    query_id = standin.inline_query(QUESTION, user_id=41)
    nothing_id = standin.inline_query("ما عاصمة فرنسا؟", user_id=41)
    empty_id = standin.inline_query("", user_id=41)
    await standin.wait_until(lambda: {query_id, nothing_id, empty_id} <= set(standin.inline_answers))
    results = standin.inline_answers[query_id]["results"]
    assert 1 <= len(results) <= tr.MAX_INLINE_RESULTS
    assert ANSWER_TEXT in results[0]["input_message_content"]["message_text"]
    for answers in (query_id, empty_id):
        for result in standin.inline_answers[answers]["results"]:
            assert story.primary.disclaimer in result["input_message_content"]["message_text"]
    assert len(standin.inline_answers[nothing_id]["results"]) == 1


async def test_an_inline_query_of_invisible_characters_is_an_empty_one(standin, start_bot, story):
    """A query made only of zero-width and direction marks (U+200B, U+200F: left by a
    keyboard or a paste) shows nothing to the reader: it gets the empty query's summary and,
    like it, is neither counted nor stored, instead of being stored as a help question."""
    store = FakeStore()
    bot = await start_bot(store=store)
    empty_id = standin.inline_query("", user_id=44)
    await standin.wait_until(lambda: empty_id in standin.inline_answers)
    ids = [standin.inline_query(text, user_id=44) for text in ("\u200b", "\u200f\u200b", " \u200e\ufeff ")]
    await standin.wait_until(lambda: set(ids) <= set(standin.inline_answers))
    await bot.stop()
    for query_id in ids:
        assert standin.inline_answers[query_id]["results"] == standin.inline_answers[empty_id]["results"]
    assert store.records == [] and store.asked == {}


# ------------------------------------------------------------------ the store


async def test_rate_limited_reader_gets_a_polite_message_and_no_answer(standin, start_bot):
    store = FakeStore(allowed=1)
    bot = await start_bot(store=store)
    first = standin.send_text(QUESTION, user_id=51)
    await standin.reply_to(first)
    second = standin.send_text(QUESTION, user_id=51)
    limited = await standin.reply_to(second)
    assert limited.visible == texts.RATE_LIMITED
    # Told once: the refusals that follow within the notice interval get no message at all
    # (a flooding client would make the bot send one each); small talk still gets its reply.
    third = standin.send_text(QUESTION, user_id=51)
    greeting = await standin.reply_to(standin.send_text("مرحبا", user_id=51))
    await bot.stop()
    assert greeting.visible != texts.RATE_LIMITED
    assert standin.replies_to(third) == []
    assert len(store.records) == 2  # the first question and the greeting


async def test_a_failing_store_never_stops_the_answer(standin, start_bot, redacted_logs):
    store = FakeStore(fail=True)
    bot = await start_bot(store=store)
    answer = await standin.reply_to(standin.send_text(QUESTION, user_id=52))
    assert ANSWER_TEXT in answer.visible
    query_id = standin.press(answer, vote_data(answer, "up"), user_id=52)
    await standin.wait_until(lambda: query_id in standin.callback_answers)
    # Not thanked, and not told the answer is unknown: the store failed, and the reply says so.
    assert standin.callback_answers[query_id]["text"] == texts.FEEDBACK_FAILED
    await bot.stop()
    logged = redacted_logs.text
    assert "rate-limit check failed" in logged and "record_question failed" in logged and "record_feedback failed" in logged


async def test_the_question_is_committed_before_its_reply_is_sent(standin, start_bot):
    store = CommittingFakeStore()
    await start_bot(store=store)
    question = standin.send_text(QUESTION, user_id=53)
    reply = await standin.reply_to(question)
    (record,) = store.records  # already there when the reply arrived
    assert reply.button(tr.VOTE_UP)["callback_data"] == f"fb:up:{record.answer_id}"


async def test_a_hanging_commit_delays_the_reply_only_within_its_bound(standin, start_bot):
    gate = asyncio.Event()
    store = CommittingFakeStore(commit_gate=gate)
    bot = await start_bot(store=store, tuning=fast_tuning(record_wait_s=0.05))
    question = standin.send_text(QUESTION, user_id=54)
    assert ANSWER_TEXT in (await standin.reply_to(question)).visible
    assert store.records == []  # the commit is still hanging
    gate.set()
    await eventually(lambda: len(store.records) == 1)
    await bot.stop()


async def test_privacy_forget_and_stats(standin, start_bot):
    store = FakeStore()
    bot = await start_bot(settings=make_settings(standin, retention_days=45, admin_ids=frozenset({42})), store=store)
    await standin.reply_to(standin.send_text(QUESTION, user_id=42))
    await standin.reply_to(standin.send_text("ما عاصمة فرنسا؟", user_id=42))
    await eventually(lambda: len(store.records) == 2)
    privacy = await standin.reply_to(standin.send_text("/privacy", user_id=60))
    assert "45" in privacy.visible and "/forget" in privacy.visible
    stats = await standin.reply_to(standin.send_text("/stats", user_id=42))
    assert "المجموع: 2" in stats.visible and "ما عاصمة فرنسا؟ (1)" in stats.visible
    not_admin = await standin.reply_to(standin.send_text("/stats", user_id=60))
    assert not_admin.visible == texts.UNKNOWN_COMMAND
    forget = await standin.reply_to(standin.send_text("/forget", user_id=42))
    assert forget.visible == texts.forgotten(2)
    await bot.stop()
    assert store.forgotten == [42] and store.records == []


# ------------------------------------------------------------------ errors


async def test_error_handler_logs_and_apologises_without_the_exception_text(standin, start_bot, redacted_logs):
    await start_bot()
    standin.inject("status", "sendMessage", status=400, count=1)  # the answer is refused once
    question = standin.send_text(QUESTION, user_id=71)
    apology = await standin.reply_to(question)
    assert apology.visible == texts.APOLOGY
    assert "an update failed" in redacted_logs.text and "injected fault" in redacted_logs.text.lower()


# ------------------------------------------------------------------ webhook mode


async def test_webhook_mode_answers_and_refuses_forged_updates(standin, start_bot):
    settings = webhook_settings(standin)
    bot = await start_bot(settings=settings)
    assert standin.webhook == {"url": settings.webhook_url, "secret_token": WEBHOOK_SECRET}
    question = standin.send_text(QUESTION, user_id=81)  # POSTed by the stand-in with the secret
    assert ANSWER_TEXT in (await standin.reply_to(question)).visible
    forged = standin.message(QUESTION, user_id=82)
    no_header = await standin.post_webhook_raw({"update_id": 10_001, "message": forged})
    wrong = await standin.post_webhook_raw({"update_id": 10_002, "message": forged},
                                           {"X-Telegram-Bot-Api-Secret-Token": "guess"})
    assert no_header == wrong == 403
    standin.channel_post(QUESTION)  # delivered by webhook (not filtered here) and ignored
    marker = standin.send_text("/start", user_id=83)
    await standin.reply_to(marker)
    await bot.stop()
    assert standin.replies_to(forged) == []
    assert {s.chat_id for s in standin.sent} == {81, 83}
    assert all(status == 200 for status in standin.webhook_statuses)


# ------------------------------------------------------------------ several articles


async def test_several_articles_name_the_article_and_the_button_finds_its_paragraph(standin, start_bot, tmp_path):
    from bot.core.answer import load_story
    from index.article import EMBEDDED_STORY

    second = tmp_path / "cats.txt"
    second.write_text(
        "title: خبر عن القطط\nsource: مثال\ndisclaimer: نص تجريبي.\n\n"
        "القطط تنام كثيرا في النهار. وتصطاد الفئران ليلا.\nيعيش القط عادة خمسة عشر عاما.\n",
        encoding="utf-8",
    )
    story = load_story([EMBEDDED_STORY, second])
    await start_bot(story_=story)
    answer = await standin.reply_to(standin.send_text("كم يعيش القط؟", user_id=95))
    assert "يعيش القط عادة خمسة عشر عاما." in answer.visible and "«cats»" in answer.visible
    data = answer.button(tr.PARAGRAPH_BUTTON)["callback_data"]
    assert data == "para:1:2"
    standin.press(answer, data, user_id=95)
    whole = await standin.reply_to({"chat": {"id": 95}, "message_id": answer.message_id})
    assert whole.visible.count("يعيش القط عادة خمسة عشر عاما.") == 1 and "نص تجريبي." in whole.visible
