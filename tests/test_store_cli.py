"""`storybot stats` and `storybot export --unanswered` on real database files."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.store.database import QuestionRecord, Store

NOW = 1_790_000_000.0  # 2026-09-21 14:13:20 UTC
DAY = 86400.0
REPO = Path(__file__).resolve().parent.parent


def rec(answer_id: str, question: str, kind: str, user_id: int, asked_at: float) -> QuestionRecord:
    return QuestionRecord(answer_id, user_id, user_id, question, kind, [], None, 5.0, asked_at)


async def _fill(path: Path) -> None:
    async with await Store.open(path) as store:
        for r in (
            rec("a1", "ما الخبر؟", "answer", 1, NOW - 60),
            rec("a2", "لخص المقال", "summary", 2, NOW - 60),
            rec("a3", "ما لون السماء؟", "not_found", 2, NOW - 3 * DAY),
            rec("a4", "ما لَوْنُ السماء", "not_found", 3, NOW - 1 * DAY),
            rec("a5", 'سؤال فيه "اقتباس"، وفاصلة', "not_found", 3, NOW - 10 * DAY),
            rec("a6", "مرحبا", "greeting", 4, NOW - 60),
        ):
            await store.record_question(r)
        await store.record_feedback("a1", 9, 1)
        await store.record_feedback("a2", 9, -1)
        await store.record_feedback("a2", 8, -1)


@pytest.fixture
def filled(env: Path) -> Path:
    asyncio.run(_fill(env))
    return env


def test_stats_json_is_one_object_with_the_counts(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json"]) == 0
    out = capsys.readouterr().out
    stats = json.loads(out)
    assert out.count("\n") == 1
    assert {k: stats[k] for k in ("questions", "answered", "unanswered", "feedback_up", "feedback_down", "users")} == {
        "questions": 6,
        "answered": 2,
        "unanswered": 3,
        "feedback_up": 1,
        "feedback_down": 2,
        "users": 4,
    }
    assert stats["top_unanswered"][0] == ["ما لَوْنُ السماء", 2]


def test_stats_text_is_readable(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "questions:      6" in out
    assert "share answered: 40%" in out
    assert "+1 / -2" in out
    assert "   2  ما لَوْنُ السماء" in out


def test_stats_text_prints_no_control_character_a_reader_typed(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Readers write the questions; an editor reads `storybot stats` in a terminal. A question
    carrying escape sequences (clear the screen, set the window title, ring the bell) or line
    breaks is printed on its one line with them made harmless, not run by the terminal."""
    question = "\x1b]0;owned\x07\x1b[2Jما سعر الذهب؟\nسطر ثان\r\x9b31m"

    async def fill() -> None:
        async with await Store.open(env) as store:
            await store.record_question(rec("c1", question, "not_found", 1, NOW - 60))

    asyncio.run(fill())
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) < 0xA0 for c in out), repr(out)
    line = next(line for line in out.splitlines() if "ما سعر الذهب؟" in line)
    assert "سطر ثان" in line and line.startswith("     1  ")


def test_stats_on_a_missing_database_says_so_and_creates_nothing(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no conversation store at" in captured.err and str(env) in captured.err
    assert list(env.parent.iterdir()) == []


def test_stats_on_an_empty_file_writes_nothing(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env.write_bytes(b"")  # e.g. `touch storybot.db`: a read command must not create the schema in it
    assert main(["stats"]) == 1
    assert "is empty" in capsys.readouterr().err
    assert env.read_bytes() == b"" and [p.name for p in env.parent.iterdir()] == [env.name]


def test_stats_on_an_older_schema_does_not_upgrade_it(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    with sqlite3.connect(env) as db:
        db.execute("CREATE TABLE questions (id INTEGER PRIMARY KEY)")
        db.execute("PRAGMA user_version = 2")
    db.close()
    before = hashlib.sha256(env.read_bytes()).hexdigest()
    assert main(["stats"]) == 1
    assert "older schema version 2" in capsys.readouterr().err
    assert hashlib.sha256(env.read_bytes()).hexdigest() == before


def test_stats_on_a_file_that_is_not_a_database_leaves_it_alone(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env.write_text("notes, not a database\n", encoding="utf-8")
    before = hashlib.sha256(env.read_bytes()).hexdigest()
    assert main(["stats"]) == 1
    assert "not a SQLite database" in capsys.readouterr().err
    assert hashlib.sha256(env.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("command", [["stats"], ["stats", "--json"], ["export", "--unanswered"]])
def test_a_damaged_store_is_named_and_left_alone(env: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Before: 'could not read the conversation store: database disk image is malformed',
    without saying which file (STORYBOT_DB may come from a unit file or .env)."""
    from test_store import _damaged_pages, digest

    _damaged_pages(env)
    before = digest(env)
    assert main(command) == 1
    captured = capsys.readouterr()
    assert str(env) in captured.err and captured.out == ""
    assert digest(env) == before


def test_export_unanswered_is_csv_with_counts(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--unanswered"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [
        ["question", "count", "last_asked"],
        ["ما لَوْنُ السماء", "2", "2026-09-20T14:13:20+00:00"],
        ['سؤال فيه "اقتباس"، وفاصلة', "1", "2026-09-11T14:13:20+00:00"],
    ]


def test_export_never_hands_a_spreadsheet_a_formula(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Readers write the questions and editors open the CSV in a spreadsheet: before, a
    question `=HYPERLINK(...)` was a live formula there."""
    async def fill() -> None:
        async with await Store.open(env) as store:
            for i, question in enumerate(['=HYPERLINK("http://example.org/x","اضغط")', "@SUM(1+1)", "+966 رقم؟", "-5 درجات؟", "كم =؟"]):
                await store.record_question(rec(f"f{i}", question, "not_found", i, NOW - 60 - i))

    asyncio.run(fill())
    assert main(["export", "--unanswered"]) == 0
    questions = [row[0] for row in csv.reader(io.StringIO(capsys.readouterr().out))][1:]
    assert questions == ["'=HYPERLINK(\"http://example.org/x\",\"اضغط\")", "'@SUM(1+1)", "'+966 رقم؟", "'-5 درجات؟", "كم =؟"]


def test_export_since_a_day(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 2026-09-19 00:00 UTC: drops the question of the 11th and the older asking of the sky one.
    assert main(["export", "--unanswered", "--since", "2026-09-19"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["question", "count", "last_asked"], ["ما لَوْنُ السماء", "1", "2026-09-20T14:13:20+00:00"]]


@pytest.mark.parametrize("bad", ["19-09-2026", "2026-13-01", "yesterday"])
def test_export_with_a_bad_date_is_a_usage_error(filled: Path, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--unanswered", "--since", bad]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "must be a date like" in captured.err


def test_export_without_unanswered_is_a_usage_error(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 2
    assert "--unanswered" in capsys.readouterr().err


def test_a_bad_bot_only_setting_does_not_stop_stats(filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # stats reads STORYBOT_DB alone; the bot's settings are the bot's to refuse (exit 3 there).
    monkeypatch.setenv("STORYBOT_RATE_LIMIT", "lots")
    assert main(["stats"]) == 0
    assert "STORYBOT_RATE_LIMIT" not in capsys.readouterr().err
    from bot.config import ConfigError, load_settings

    with pytest.raises(ConfigError, match="STORYBOT_RATE_LIMIT"):
        load_settings()


def test_python_dash_m_bot_stats_json(filled: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "stats", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(REPO), "STORYBOT_DB": str(filled)},
        cwd=filled.parent,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["questions"] == 6


def test_stats_and_export_of_one_story(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A newsroom's operator asks about one story (`--story ID`, as the dashboard's story page):
    its figures and its unanswered questions only; an id that no story has (neither in the
    catalogue nor asked about) exits 2 instead of zeros that would hide a typo."""
    from dataclasses import replace

    async def fill() -> None:
        async with await Store.open(env) as store:
            for r, story in (
                (rec("b1", "كم سعر العسل؟", "answer", 1, NOW - 60), "honey"),
                (rec("b2", "كم عدد الزوار؟", "not_found", 2, NOW - 60), "honey"),
                (rec("b3", "كم عدد الزوار؟", "not_found", 3, NOW - 50), "honey"),
                (rec("b4", "من سجل الأهداف؟", "not_found", 2, NOW - 40), "cup"),
                (rec("b5", "مرحبا", "greeting", 4, NOW - 30), "cup"),
            ):
                await store.record_question(replace(r, story=story))

    asyncio.run(fill())
    assert main(["stats", "--json", "--story", "honey"]) == 0
    honey = json.loads(capsys.readouterr().out)
    assert (honey["questions"], honey["answered"], honey["unanswered"], honey["users"]) == (3, 1, 2, 3)
    assert honey["top_unanswered"] == [["كم عدد الزوار؟", 2]]
    assert main(["export", "--unanswered", "--story", "cup"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert [r[:2] for r in rows] == [["question", "count"], ["من سجل الأهداف؟", "1"]]
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["questions"] == 5  # without --story: every story
    for command in (["stats", "--story", "hony"], ["export", "--unanswered", "--story", "hony"]):
        assert main(command) == 2
        captured = capsys.readouterr()
        assert "no story has the id 'hony'" in captured.err and captured.out == ""
    assert main(["stats", "--json", "--story", "lecun-meta"]) == 0  # the embedded story, not asked about
    assert json.loads(capsys.readouterr().out)["questions"] == 0
