"""The Telegram layer's logging: configured once, and no secret ever reaches a log line.

The bot token travels in every Bot API URL, and PTB's InvalidToken message repeats it; the
webhook secret is in the webhook's configuration. `install_redaction` replaces both in every
log record this process makes.
"""

from __future__ import annotations

import logging
import re
import urllib.parse
from typing import Any, Callable, Iterable

from bot.config import Settings


class Redactor:
    """Replaces secrets (the bot token, the webhook secret) in text."""

    def __init__(self, secrets_: Iterable[str | None]) -> None:
        variants: set[str] = set()
        for s in secrets_:
            if not s or len(s) < 6:
                continue
            variants.update({s, urllib.parse.quote(s, safe=""), urllib.parse.quote(s)})
            if ":" in s:  # a bot token is "<bot id>:<secret>"; the secret part alone is still secret
                tail = s.split(":", 1)[1]
                if len(tail) >= 6:
                    variants.add(tail)
        ordered = sorted(variants, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def __call__(self, text: str) -> str:
        return self._pattern.sub("[REDACTED]", text) if self._pattern else text

    def record(self, record: logging.LogRecord) -> logging.LogRecord:
        """Redact a log record in place: its message, its exception text and stack."""
        if self._pattern is None:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what we can, redacted
            message = f"{record.msg!s} {record.args!r}"
        record.msg, record.args = self(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = self(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None  # handlers must use the redacted exc_text, not the exception
        elif record.exc_text:
            record.exc_text = self(record.exc_text)
        if record.stack_info:
            record.stack_info = self(record.stack_info)
        return record


def install_redaction(secrets_: Iterable[str | None]) -> Callable[[], None]:
    """Redact secrets from every log record of this process; returns the undo function.

    A log-record factory rather than a handler filter: it acts when the record is made, so
    every handler (including ones added later, and pytest's capture) sees only the redacted
    record. httpx logs request URLs, which carry the token, and PTB's InvalidToken message
    repeats the token: both are caught here.
    """
    redactor = Redactor(secrets_)
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redactor.record(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)

    def undo() -> None:
        if logging.getLogRecordFactory() is factory:
            logging.setLogRecordFactory(previous)

    return undo


def setup_logging(settings: Settings) -> Callable[[], None]:
    """Logging configured once: level from settings, httpx quiet, secrets redacted."""
    undo = install_redaction([settings.telegram_bot_token, settings.webhook_secret])
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        level=logging.getLevelNamesMapping().get(settings.log_level, logging.INFO),
    )
    # At INFO httpx logs every request URL, and the URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # At DEBUG aiosqlite logs every statement with its parameters: readers' questions.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    return undo
