"""One frozen Settings object, built once at start-up from the environment and .env."""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
# A dashboard token shorter than this is refused: it guards what readers asked, over a network.
MIN_DASHBOARD_TOKEN_LENGTH = 16
# What Telegram's setWebhook accepts as secret_token; anything else it refuses with a 400 at
# start-up, which would otherwise read as a Bot API failure rather than a setting to fix.
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
MAX_PORT = 65535  # a larger number is not a port: the OS would bind it modulo 65536


class ConfigError(Exception):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    telegram_bot_token: str | None = field(default=None, repr=False)
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    telegram_mode: str = "polling"
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    db_path: Path = Path("storybot.db")
    rate_limit_per_hour: int = 30
    retention_days: int = 90
    admin_ids: frozenset[int] = frozenset()
    articles: tuple[Path, ...] = ()
    log_level: str = "INFO"
    dashboard_listen: str = "127.0.0.1"
    dashboard_port: int = 8080
    dashboard_token: str | None = field(default=None, repr=False)
    story_cache: int = 64  # opened stories whose index is kept in memory (bot.newsroom)

    def require_token(self) -> str:
        if not self.telegram_bot_token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: put it in the environment or in .env "
                "(see .env.example). Console mode needs no token: `storybot console`."
            )
        return self.telegram_bot_token

    def require_dashboard_token(self) -> str:
        """The editors' dashboard token; ConfigError (never showing the value) when missing or short."""
        token = self.dashboard_token
        if not token:
            raise ConfigError(
                "STORYBOT_DASHBOARD_TOKEN is not set: put it in the environment or in .env "
                "(see .env.example); make one with "
                "`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`."
            )
        if len(token) < MIN_DASHBOARD_TOKEN_LENGTH:
            raise ConfigError(
                f"STORYBOT_DASHBOARD_TOKEN is too short ({len(token)} characters; at least "
                f"{MIN_DASHBOARD_TOKEN_LENGTH}): make one with "
                "`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`."
            )
        return token


def _int(
    env: Mapping[str, str], name: str, default: int, minimum: int = 0, maximum: int | None = None
) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name} must be at most {maximum}, got {value}")
    return value


def _check_api_base_url(url: str) -> None:
    """An http(s) address with a host; what python-telegram-bot appends the token to."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket: "Invalid IPv6 URL"
        parts = urllib.parse.SplitResult("", "", "", "", "")
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise ConfigError(
            f"TELEGRAM_API_BASE_URL must be an http(s) address like {DEFAULT_API_BASE_URL}, got {url!r}"
        )
    try:
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError:
        raise ConfigError(f"TELEGRAM_API_BASE_URL has a malformed port: {url!r}") from None


def _admin_ids(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ConfigError(
                f"STORYBOT_ADMIN_IDS must be comma-separated numeric Telegram user ids, got {part!r}"
            ) from None
    return frozenset(ids)


_SECRET_SETTINGS = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "STORYBOT_DASHBOARD_TOKEN")


def _masked(text: str, env: Mapping[str, str]) -> str:
    """`text` with every secret setting's value (and a bot token's part after its colon)
    replaced, as log lines are (bot.telegram.redaction.Redactor): a message quoting a bad
    setting must not print the token pasted into it
    (TELEGRAM_API_BASE_URL=https://api.telegram.org/bot<token>, as Telegram's docs write it)."""
    from bot.telegram.redaction import Redactor  # redaction only; loads no Telegram code (it imports this module)

    return Redactor(env.get(name, "").strip() for name in _SECRET_SETTINGS)(text)


def settings_from_env(env: Mapping[str, str]) -> Settings:
    """Build and validate Settings from a mapping (pure: tests pass a dict). A ConfigError's
    message never holds a secret setting's value."""
    try:
        return _settings_from_env(env)
    except ConfigError as exc:
        raise ConfigError(_masked(str(exc), env)) from None


def _settings_from_env(env: Mapping[str, str]) -> Settings:
    mode = env.get("TELEGRAM_MODE", "polling").strip().lower() or "polling"
    if mode not in ("polling", "webhook"):
        raise ConfigError(f"TELEGRAM_MODE must be 'polling' or 'webhook', got {mode!r}")
    webhook_secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
    webhook_url = env.get("TELEGRAM_WEBHOOK_URL", "").strip() or None
    if mode == "webhook":
        if not webhook_secret:
            raise ConfigError(
                "TELEGRAM_WEBHOOK_SECRET is required in webhook mode "
                "(1-256 characters of A-Z, a-z, 0-9, _ and -)"
            )
        if not _WEBHOOK_SECRET.fullmatch(webhook_secret):
            # The value is a secret: its length is told, never the value itself.
            raise ConfigError(
                f"TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - "
                f"(the given one has {len(webhook_secret)} characters, some of them not allowed)"
            )
        if not webhook_url:
            raise ConfigError("TELEGRAM_WEBHOOK_URL is required in webhook mode (the public https URL)")
    api_base_url = env.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL
    _check_api_base_url(api_base_url)
    articles = tuple(
        Path(p) for p in env.get("STORYBOT_ARTICLES", "").split(os.pathsep) if p.strip()
    )
    return Settings(
        telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN", "").strip() or None,
        telegram_api_base_url=api_base_url,
        telegram_mode=mode,
        webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN", "").strip() or "127.0.0.1",
        webhook_port=_int(env, "TELEGRAM_WEBHOOK_PORT", 8443, minimum=1, maximum=MAX_PORT),
        webhook_path=env.get("TELEGRAM_WEBHOOK_PATH", "").strip().strip("/") or "telegram",
        webhook_url=webhook_url,
        webhook_secret=webhook_secret,
        db_path=Path(env.get("STORYBOT_DB", "").strip() or "storybot.db"),
        rate_limit_per_hour=_int(env, "STORYBOT_RATE_LIMIT", 30),
        retention_days=_int(env, "STORYBOT_RETENTION_DAYS", 90, minimum=1),
        admin_ids=_admin_ids(env.get("STORYBOT_ADMIN_IDS", "")),
        articles=articles,
        log_level=(env.get("STORYBOT_LOG_LEVEL", "").strip() or "INFO").upper(),
        dashboard_listen=env.get("STORYBOT_DASHBOARD_LISTEN", "").strip() or "127.0.0.1",
        dashboard_port=_int(env, "STORYBOT_DASHBOARD_PORT", 8080, minimum=1, maximum=MAX_PORT),
        dashboard_token=env.get("STORYBOT_DASHBOARD_TOKEN", "").strip() or None,
        story_cache=_int(env, "STORYBOT_STORY_CACHE", 64, minimum=1),
    )


# The settings a command reads, for load_settings(only=...): one shared .env serves the bot,
# the dashboard and the command line, and a malformed bot-only setting (STORYBOT_RATE_LIMIT=abc)
# must not stop a command that never reads it. The bot and the dashboard validate everything.
STORE_SETTINGS = frozenset({"STORYBOT_DB"})  # stats, export, add, stories, remove
CONSOLE_SETTINGS = frozenset({"STORYBOT_DB", "STORYBOT_STORY_CACHE"})  # console, ask


def load_settings(
    dotenv_path: str | os.PathLike[str] | None = ".env", only: frozenset[str] | None = None
) -> Settings:
    """Read .env (without overriding the real environment), then the environment. With `only`,
    the other settings are neither read nor validated: their fields keep their defaults."""
    merged: dict[str, str] = {}
    if dotenv_path is not None and Path(dotenv_path).is_file():
        from dotenv import dotenv_values  # here: without a .env, `storybot ask` skips its import (3-5 ms)

        merged.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    merged.update(os.environ)
    if only is not None:
        # Secret values stay, so that _masked still hides them from a message about another setting.
        merged = {k: v for k, v in merged.items() if k in only or k in _SECRET_SETTINGS}
    return settings_from_env(merged)
