"""The stand-in checks what Telegram checks: a plain PTB Bot, over HTTP, gets Telegram's errors."""

from __future__ import annotations

import asyncio

import pytest
from standin import TEST_TOKEN
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, InvalidToken, NetworkError


@pytest.fixture
async def bot(standin):
    async with Bot(TEST_TOKEN, base_url=standin.base_url) as b:
        yield b


async def test_html_is_parsed_like_telegram(bot, standin):
    with pytest.raises(BadRequest, match="(?i)parse entities"):
        await bot.send_message(1, "5 < 6", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)unsupported start tag"):
        await bot.send_message(1, "<div>x</div>", parse_mode="HTML")
    await bot.send_message(1, "5 &lt; 6 <blockquote expandable>x</blockquote>", parse_mode="HTML")
    assert standin.sent[-1].visible == "5 < 6 x"


async def test_text_length_is_checked_after_entity_parsing(bot, standin):
    await bot.send_message(1, "<b>" + "ا" * 4096 + "</b>", parse_mode="HTML")  # 4096 visible: fine
    with pytest.raises(BadRequest, match="(?i)too long"):
        await bot.send_message(1, "ا" * 4097)
    with pytest.raises(BadRequest, match="(?i)empty"):
        await bot.send_message(1, "<b> </b>", parse_mode="HTML")


async def test_callback_data_size_is_checked(bot):
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="a" * 64)]])
    await bot.send_message(1, "x", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="ب" * 33)]])  # 66 bytes
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(1, "x", reply_markup=too_long)


async def test_wrong_token_is_refused(standin):
    bot = Bot("999:WRONG-TOKEN", base_url=standin.base_url)
    try:
        with pytest.raises(InvalidToken):
            await bot.initialize()  # getMe
    finally:
        await bot.shutdown()
    assert standin.calls_to("getMe")[0].status == 401


async def test_long_polling_waits_for_updates_and_honours_offsets(bot, standin):
    waiting = asyncio.ensure_future(bot.get_updates(timeout=10))
    await standin.wait_until(lambda: bool(standin.calls_to("getUpdates")))
    assert not waiting.done()
    standin.send_text("سؤال", user_id=5)
    (update,) = await waiting
    assert update.message.text == "سؤال"
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_injected_faults(bot, standin):
    standin.inject("status", method="sendMessage", status=500, count=1)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(1, "x")
    standin.inject("drop", method="sendMessage", count=1)
    with pytest.raises(NetworkError, match="RemoteProtocolError"):
        await bot.send_message(1, "x")
    await bot.send_message(1, "x")
    assert [c.status for c in standin.calls_to("sendMessage")] == [500, -1, 200]


async def test_drop_after_delivers_then_closes_and_refuse_resets_before_any_request(bot, standin):
    standin.inject("drop_after", method="sendMessage", count=1)
    with pytest.raises(NetworkError, match="RemoteProtocolError"):
        await bot.send_message(1, "delivered")
    assert [s.visible for s in standin.sent] == ["delivered"]  # processed, though unanswered
    await bot.send_message(1, "new connection")
    standin.inject("refuse", count=1)
    await bot.send_message(1, "keep-alive")  # on the open connection, closed after this answer
    with pytest.raises(NetworkError, match="ConnectError"):
        await bot.send_message(1, "never written")
    assert [s.visible for s in standin.sent] == ["delivered", "new connection", "keep-alive"]
    assert standin.faults[-1].hits == 1
    await bot.send_message(1, "again")
    assert standin.sent[-1].visible == "again"
