"""A sweep of bad input through the real stack and the Bot API stand-in: what tests elsewhere
do not already send (stickers, photos, edits and unknown commands are in test_telegram_e2e;
an unknown story id in test_telegram_newsroom; a button the bot never made in
test_telegram_reliability). Each gets a short fixed Arabic reply, or is ignored as README
says, never the error handler's apology or a traceback, and the bot answers afterwards."""

from __future__ import annotations

import pytest
from test_telegram_e2e import ANSWER_TEXT, QUESTION
from test_telegram_newsroom import deployment, start  # noqa: F401 (deployment: the newsroom's fixture)

from bot.conversation import texts
from bot.telegram import render as tr
from bot.telegram import stories as ts


def arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def no_failure(logs) -> None:
    """No handler raised: the error handler (which logs this, then apologises) never ran."""
    assert "an update failed" not in logs.text
    assert "Traceback" not in logs.text


async def test_a_question_near_telegrams_limit_and_one_holding_html_are_answered_as_text(
        standin, start_bot, redacted_logs):
    """4,000 characters (under Telegram's 4,096) and a question with HTML in it: answered, the
    HTML shown as the reader typed it (escaped), never parsed by Telegram as the bot's markup."""
    bot = await start_bot()
    long = await standin.reply_to(standin.send_text(("ما ملخص المقال؟ " * 300)[:4000], user_id=501))
    html = "<b>كم</b> أنفقت ميتا <script>alert(1)</script> للحصول على ألكسندر وانغ؟ &amp; </blockquote>"
    tagged = await standin.reply_to(standin.send_text(html, user_id=502))
    marker = await standin.reply_to(standin.send_text(QUESTION, user_id=503))
    await bot.stop()
    for sent in standin.sent:
        assert len(sent.visible) <= 4096 and arabic(sent.visible)
        assert texts.APOLOGY not in sent.visible
    assert arabic(long.visible)
    assert ANSWER_TEXT in tagged.visible and "<script>" not in tagged.text
    assert ANSWER_TEXT in marker.visible
    no_failure(redacted_logs)


@pytest.mark.parametrize("payload", [
    "x" * 65,  # over the 64 characters a deep link carries
    "كوفي",  # outside A-Z a-z 0-9 _ -
    "coffee%20volcano",
    "../coffee",
    "coffee;drop",
    "<b>coffee</b>",
])
async def test_a_deep_link_with_an_invalid_payload_gets_the_list_not_an_error(
        standin, start_bot, deployment, redacted_logs, payload):
    bot = await start(start_bot, deployment)
    reply = await standin.reply_to(standin.send_text(f"/start {payload}", user_id=511))
    assert reply.visible.startswith(ts.UNKNOWN_STORY)
    assert {"st:coffee", "st:volcano"} <= {b.get("callback_data") for b in reply.buttons()}
    marker = await standin.reply_to(standin.send_text("/start volcano", user_id=511))
    assert ts.OPENED in marker.visible
    await bot.stop()
    assert deployment.rows("SELECT story FROM chat_stories WHERE chat_id = 511") == [("volcano",)]
    no_failure(redacted_logs)


GARBLED = [
    "fb:up:",  # no answer id
    "fb:sideways:00ff",
    "fb:up:" + "f" * 41,  # longer than any answer id
    "para:",
    "para:x:1",
    "para:0:",
    "para:0:²",  # a digit to str.isdigit, not to int()
    "para:٠:١",  # Arabic-Indic digits
    "para:-1:1",
    "para:99:1",
    "para:0:99999999999999999999",
    "st:",
    "st:no-such-story",
    "st:" + "x" * 61,
    "st:كوفي",
    "sa:",
    "sa:no-such-story",
    "sa:كوفي",
    "ps:",
    "ps:coffee",
    "ps:coffee:",
    "ps:coffee:²",
    "ps:coffee:٣",
    "ps:coffee:999999",
    "ps:no-such-story:1",
    "ps:كوفي:1",
    "st:coffee\n",  # a story id, then a newline
    "sa:coffee\n",
    "ps:coffee\n:1",
    ":",
    "\u200f",
]


async def test_stale_or_garbled_buttons_get_a_short_arabic_notice(standin, start_bot, deployment, redacted_logs):
    """A button from an old message (a story removed since, a paragraph renumbered) or data a
    client made up: each press gets a short Arabic notice (and the spinner stops), never the
    apology, and the bot goes on answering."""
    bot = await start(start_bot, deployment)
    reply = await standin.reply_to(standin.send_text("/start coffee", user_id=521))
    pressed = {data: standin.press(reply, data, user_id=521) for data in GARBLED}
    await standin.wait_until(lambda: set(pressed.values()) <= set(standin.callback_answers), timeout=30)
    marker = await standin.reply_to(standin.send_text("/start volcano", user_id=521))
    assert ts.OPENED in marker.visible
    await bot.stop()
    for data, query_id in pressed.items():
        notice = standin.callback_answers[query_id].get("text") or ""
        assert notice != texts.APOLOGY[:200], data
        if notice:
            assert arabic(notice) and len(notice) <= 200, (data, notice)
    assert not any(texts.APOLOGY in s.visible for s in standin.sent)
    no_failure(redacted_logs)


async def test_garbled_buttons_without_a_newsroom_get_a_notice_too(standin, start_bot, redacted_logs):
    """The one-story bot (no catalogue): the newsroom's buttons mean nothing there."""
    bot = await start_bot()
    reply = await standin.reply_to(standin.send_text(QUESTION, user_id=531))
    pressed = {data: standin.press(reply, data, user_id=531) for data in GARBLED}
    await standin.wait_until(lambda: set(pressed.values()) <= set(standin.callback_answers), timeout=30)
    assert ANSWER_TEXT in (await standin.reply_to(standin.send_text(QUESTION, user_id=531))).visible
    await bot.stop()
    for data, query_id in pressed.items():
        notice = standin.callback_answers[query_id].get("text") or ""
        assert notice and arabic(notice) and notice != texts.APOLOGY[:200], (data, notice)
    no_failure(redacted_logs)


async def test_an_edited_message_that_becomes_a_command_or_a_sticker_caption_is_not_a_crash(
        standin, start_bot, redacted_logs):
    """Edits: a question edited into an unknown command, into HTML, into nothing but spaces."""
    bot = await start_bot()
    original = standin.send_text("ما هذا", user_id=541)
    await standin.reply_to(original)
    standin.edit_text(original, "/frobnicate")
    standin.edit_text(original, "<i>ما</i> ملخص المقال؟")
    standin.edit_text(original, "   ")
    marker = await standin.reply_to(standin.send_text(QUESTION, user_id=542))
    assert ANSWER_TEXT in marker.visible
    await bot.stop()
    for sent in standin.replies_to(original):
        assert arabic(sent.visible) and texts.APOLOGY not in sent.visible
    no_failure(redacted_logs)


def test_the_sweep_sends_what_the_paragraph_parsers_refuse():
    """The parsers themselves: data they did not make is None, never an exception."""
    for data in GARBLED:
        tr.parse_callback(data)
        ts.parse_paragraph(data)
        ts.other_story_id(data)
