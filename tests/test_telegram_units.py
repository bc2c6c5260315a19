"""The Telegram layer's plain functions: addressing, retry decisions, memory, redaction."""

from __future__ import annotations

import logging

import pytest

from bot.telegram.delivery import IDEMPOTENT, may_resend
from bot.telegram.handlers import asked_question, command_argument, command_target, group_question
from bot.telegram.redaction import Redactor


@pytest.mark.parametrize(
    "text, replying, expected",
    [
        ("@Story_Bot لماذا غادر؟", False, "لماذا غادر؟"),
        ("لماذا غادر @story_bot؟", False, "لماذا غادر ؟"),
        ("لماذا غادر؟", True, "لماذا غادر؟"),
        ("لماذا غادر؟", False, None),
        ("@story_bot_fan لماذا؟", False, None),  # another account whose name starts like ours
        ("mail@story_bot لماذا؟", False, None),  # not a mention
    ],
)
def test_group_question(text, replying, expected):
    assert group_question(text, "story_bot", replying) == expected


@pytest.mark.parametrize("text,expected", [
    ("لماذا غادر؟", "لماذا غادر؟"),
    ("@story_bot لماذا غادر؟", "لماذا غادر؟"),
    ("/ask لماذا غادر؟", "لماذا غادر؟"),
    ("/ask@story_bot لماذا غادر؟", "لماذا غادر؟"),
    ("/stories", ""),
    ("/start d3", ""),
    ("", ""),
])
def test_asked_question(text, expected):
    """The question a reader's message asked, to answer it again from another story."""
    assert asked_question(text, "story_bot") == expected


def test_group_question_without_a_username_needs_a_reply():
    assert group_question("@x سؤال", None, False) is None
    assert group_question("سؤال", None, True) == "سؤال"


def test_commands():
    assert command_target("/stats@Story_Bot now") == "Story_Bot"
    assert command_target("/stats") is None
    assert command_argument("/ask   لماذا\nغادر؟ ") == "لماذا\nغادر؟"
    assert command_argument("/ask@story_bot") == ""


@pytest.mark.parametrize(
    "method, written, resend",
    [
        ("sendMessage", False, True),  # never left whole: connecting or writing failed, or no free connection
        ("sendMessage", True, False),  # written, then no answer: Telegram may have delivered it
        ("getMe", True, True),  # asking twice changes nothing
        ("sendChatAction", True, True),
        ("answerCallbackQuery", True, True),  # a second answer is refused harmlessly
    ],
)
def test_resend_only_what_cannot_show_twice(method, written, resend):
    assert may_resend(method, written) is resend


def test_no_method_that_sends_a_message_is_taken_as_idempotent():
    assert not {m for m in IDEMPOTENT if m.startswith(("send", "forward", "copy"))} - {"sendChatAction"}


def test_redactor_redacts_exception_text_of_a_record():
    token = "123456:SECRET-part-xyz"
    redactor = Redactor([token])
    try:
        raise ValueError(f"The token `{token}` was rejected by the server.")
    except ValueError as exc:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed for %s", (token,), (type(exc), exc, exc.__traceback__))
    redactor.record(record)
    formatted = logging.Formatter().format(record)
    assert "SECRET-part-xyz" not in formatted and "[REDACTED]" in formatted
    assert "was rejected by the server" in formatted  # the rest of the message stays useful
