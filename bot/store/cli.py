"""`storybot stats`, `storybot export --unanswered` and `storybot replay-held`: the
conversation store for editors and operators.

Decisions:
- The database is `STORYBOT_DB` (default ./storybot.db). A missing file is an error (exit 1)
  rather than zeros, and nothing is created: a typo in STORYBOT_DB should not look like
  "nobody asked anything", nor leave an empty database behind.
- `export` needs `--unanswered`: that list (question, count, last asked) is what editors use
  to improve the article; a dump of every question with chat and user ids would be personal
  data leaving the store's retention and /forget, so there is no such export.
- A read command never writes: the file is opened read-only (`StoreReader`), so an empty
  file, an older schema (the bot upgrades it when it starts) or a file that is not a
  storybot database is reported and left unchanged.
- `replay-held` writes what was held while the file was damaged into its restored copy
  (bot.store.replay); it refuses a file still damaged or newer than this storybot (exit 1,
  nothing written, no side file moved) and exits 2 when it skipped malformed lines (the
  others are written; the skipped ones stay in the file kept aside).

Exit codes: 0 ok, 1 database error (message on stderr), 2 usage or malformed held lines,
3 configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import sys
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from bot.config import STORE_SETTINGS, ConfigError, load_settings
from bot.store.database import StoreError, StoreReader

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3


def parse_day(text: str) -> float:
    """YYYY-MM-DD -> unix time of that day's midnight UTC; ValueError with a clear message."""
    try:
        day = datetime.strptime(text.strip(), "%Y-%m-%d")
    except ValueError:
        raise ValueError(f"--since must be a date like 2026-11-29, got {text!r}") from None
    return day.replace(tzinfo=timezone.utc).timestamp()


def one_line_shown(text: str) -> str:
    """A reader's question (or a batch's title) as a terminal line: white space (line breaks,
    tabs too) as one space, and every other control character (ESC, BEL, the C1 range) as
    U+FFFD, so that an escape sequence someone typed is shown, never run by the terminal."""
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" else c for c in " ".join(text.split()))


def format_stats(stats: dict[str, Any]) -> str:
    """A readable summary of Store.stats() for a terminal."""
    share = stats.get("share_answered")
    share_text = "n/a" if share is None else f"{share:.0%}"
    lines = [
        f"questions:      {stats['questions']} (today {stats['questions_today']}, last 7 days {stats['questions_7d']})",
        f"answered:       {stats['answered']}",
        f"unanswered:     {stats['unanswered']}",
        f"small talk:     {stats['other']} (greetings, thanks, help; not in the share)",
        f"share answered: {share_text}",
        f"feedback:       +{stats['feedback_up']} / -{stats['feedback_down']}",
        f"users:          {stats['users']}",
    ]
    if stats["top_unanswered"]:
        lines.append("most asked without an answer:")
        lines.extend(f"  {count:>4}  {one_line_shown(question)}" for question, count in stats["top_unanswered"])
    return "\n".join(lines)


# A cell a spreadsheet would read as a formula: readers write the questions, editors open the
# file in Excel or LibreOffice (OWASP's "CSV injection": `=HYPERLINK(...)`, `@SUM(...)`).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(question: str) -> str:
    """A question as a spreadsheet shows it, never run: a leading apostrophe, which spreadsheets
    take as "text" and do not display, before a formula's first character."""
    return "'" + question if question.startswith(_FORMULA_START) else question


def write_unanswered_csv(rows: list[tuple[str, int, str]], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("question", "count", "last_asked"))
    writer.writerows((_inert(question), count, last) for question, count, last in rows)


async def _unknown(store: StoreReader, command: str, story: str | None) -> bool:
    """An unknown --story is said (exit 2), not shown as zeros that would hide a typo."""
    if story is None or await store.knows_story(story):
        return False
    print(f"storybot {command}: no story has the id {story!r} (see `storybot stories`)", file=sys.stderr)
    return True


async def _stats(path: Path, as_json: bool, story: str | None = None) -> int:
    async with await StoreReader.open(path) as store:
        if await _unknown(store, "stats", story):
            return EXIT_USAGE
        stats = await store.stats(story=story)
    if as_json:
        print(json.dumps(stats, ensure_ascii=False))
    else:
        print(format_stats(stats))
    return EXIT_OK


async def _export(path: Path, since: float | None, story: str | None = None) -> int:
    async with await StoreReader.open(path) as store:
        if await _unknown(store, "export", story):
            return EXIT_USAGE
        rows = await store.export_unanswered(since, story=story)
    write_unanswered_csv(rows, sys.stdout)
    return EXIT_OK


def _replay_held(path: Path, dry_run: bool, as_json: bool) -> int:
    from bot.store.replay import format_report, replay

    report = replay(path, dry_run=dry_run)
    print(json.dumps(report.to_json(), ensure_ascii=False) if as_json else format_report(report))
    return EXIT_USAGE if report.malformed() else EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Entry point for `storybot stats`, `export` and `replay-held` (dispatched from bot.cli)."""
    try:
        db_path = load_settings(only=STORE_SETTINGS).db_path
    except ConfigError as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if args.command == "replay-held":
        try:
            return _replay_held(db_path, args.dry_run, args.json)
        except (StoreError, OSError) as exc:  # OSError: a side file that cannot be read or moved
            print(f"storybot replay-held: {exc}", file=sys.stderr)
            return EXIT_ERROR
    if args.command == "stats":
        job = _stats(db_path, args.json, args.story)
    elif args.command == "export":
        if not args.unanswered:
            print(
                "storybot export: only `storybot export --unanswered [--since YYYY-MM-DD] [--story ID]` exists; "
                "a full dump of questions with user ids is not offered (privacy)",
                file=sys.stderr,
            )
            return EXIT_USAGE
        since_text = args.since
        try:
            since = parse_day(since_text) if since_text else None
        except ValueError as exc:
            print(f"storybot export: {exc}", file=sys.stderr)
            return EXIT_USAGE
        job = _export(db_path, since, args.story)
    else:
        print(f"storybot: unknown store command {args.command!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return asyncio.run(job)
    except StoreError as exc:
        print(f"storybot {args.command}: {exc}", file=sys.stderr)
        return EXIT_ERROR
