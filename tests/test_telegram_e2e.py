"""End to end: the real PTB stack over real HTTP against the Bot API stand-in."""

from __future__ import annotations

from conftest import FakeStore, make_settings, webhook_settings


async def test_private_question_is_answered_with_quotes_as_a_reply(standin, start_bot):
    await start_bot()
    question = standin.send_text("كم أنفقت ميتا للحصول على ألكسندر وانغ؟", user_id=7)
    reply = await standin.reply_to(question)
    assert reply.parse_mode == "HTML"
    assert "<blockquote>" in reply.text and "<blockquote expandable>" in reply.text
    assert "14.3 مليار دولار" in reply.visible
