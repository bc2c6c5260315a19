"""How figures and questions read on the page: pure formatting helpers the templates call.

The templates (bot/dashboard/templates/) escape every value they print (tornado's
autoescape); these helpers only shape text, they never build markup.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

QUESTION_CHARS = 300  # what a page prints of one question; the CSV keeps it whole

# One row per kind the store records; a kind not listed (a newer bot) shows as itself.
KIND_LABELS: dict[str, str] = {
    "answer": "أُجيب",
    "summary": "ملخّص",
    "meta": "عن المقال",
    "not_found": "بلا جواب",
    "greeting": "تحية",
    "thanks": "شكر",
    "help": "مساعدة",
}


def clip(text: str, limit: int = QUESTION_CHARS) -> str:
    """`text` cut to `limit` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def percent(share: float | None) -> str:
    """0.8571 -> '86%'; no decided question yet -> '—'."""
    return "—" if share is None else f"{share:.0%}"


def utc_time(ts: float | None) -> str:
    """Unix seconds -> '2026-12-01 18:05 UTC'."""
    if ts is None:
        return "—"
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def iso_to_utc_time(iso: str) -> str:
    """The store's ISO-8601 UTC text ('2026-12-01T18:05:00+00:00') as utc_time prints it."""
    return utc_time(datetime.fromisoformat(iso).timestamp())


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site only (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


TEMPLATE_HELPERS: dict[str, Any] = {
    "clip": clip,
    "kind_label": kind_label,
    "percent": percent,
    "utc_time": utc_time,
    "iso_to_utc_time": iso_to_utc_time,
}
