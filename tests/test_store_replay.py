"""`storybot replay-held` (bot.store.replay) on real SQLite files: a store damaged while it
runs holds its writes in the side file (bot.store.database's WHILE_DAMAGED); a copy is
restored; the replay writes each held line once, in order, and keeps the side file aside."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_store_damage import digest, folded, held, lose_page, record, root_page

from bot.cli import main
from bot.store import damage, database, replay
from bot.store.database import WHILE_DAMAGED, Store, StoreError, held_path, replaying_path
from bot.store.page_check import check_pages

KINDS = ("question", "vote", "chat_story", "forget")


def rows(db: Path) -> dict[str, list[tuple]]:
    ro = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            "questions": ro.execute("SELECT answer_id, user_id FROM questions ORDER BY answer_id").fetchall(),
            "feedback": ro.execute("SELECT answer_id, user_id, vote FROM feedback ORDER BY answer_id, user_id").fetchall(),
            "chat_stories": ro.execute("SELECT chat_id, story FROM chat_stories ORDER BY chat_id").fetchall(),
        }
    finally:
        ro.close()


async def damaged_with_held_writes(db: Path) -> Path:
    """A store with one question of user 7 (`before…`), a backup of it taken then, and the file
    damaged while the store ran: the writes after the damage held in the side file, in order.
    Returns the backup (the copy to restore)."""
    await folded(db)
    backup = db.with_name("backup.db")
    shutil.copy(db, backup)
    store = await Store.open(db)
    try:
        lose_page(db, root_page(db, "feedback"))
        assert check_pages(db) is not None  # the background check finds it: every write is held
        await store.record_question(record("q1user8000000001", "ما الخبر؟", user_id=8))
        await store.record_question(record("q2user7000000001", "من قال ذلك؟", user_id=7))
        assert await store.record_feedback("q1user8000000001", 9, 1)
        assert await store.record_feedback("before0000000001", 8, -1)  # another user's vote on user 7's answer
        assert await store.set_chat_story(7, "lecun-meta")
        with pytest.raises(StoreError, match="held"):
            await store.forget(7)
        await store.record_question(record("q3user7000000001", "وماذا بعد؟", user_id=7))  # asked after the /forget
        assert await store.set_chat_story(8, "lecun-meta")
        assert store.damaged is not None
    finally:
        await store.close()
    assert [line["held"] for line in held(db)] == [
        "question", "question", "vote", "vote", "chat_story", "forget", "question", "chat_story"]
    return backup


def restore(db: Path, backup: Path) -> None:
    """The damaged file and its WAL moved aside, the backup moved into place."""
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db}{suffix}")
        if part.exists():
            part.replace(db.with_name(f"damaged{suffix}.db"))
    backup.replace(db)
    damage.forget(db)


def append(side: Path, *lines: str) -> None:
    with side.open("a", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)


# ------------------------------------------------------------------ the table and the lines, pure


def test_every_kind_the_store_holds_is_replayed_through_the_same_write() -> None:
    held_kinds = {row.held_as: func for func, row in WHILE_DAMAGED.items() if row.held_as is not None}
    assert set(held_kinds) == set(replay.REPLAYED) == set(KINDS)
    assert all(replay.REPLAYED[kind].write is func for kind, func in held_kinds.items())


@pytest.mark.parametrize("raw, why", [
    (b'{"held": "vote", "held_at": 1.0, "answer_id": "a", "user_id": 3, "vote"', "not a line of JSON"),
    (b"\xff\xfe", "not a line of JSON"),
    (b'["vote"]', "known kind"),
    (b'{"held": "purge", "held_at": 1.0}', "known kind"),
    (b'{"held": "vote", "held_at": 1.0, "answer_id": "a", "user_id": 3, "now": 1.0}', "lacks vote"),
    (b'{"held": "vote", "held_at": 1.0, "answer_id": "a", "user_id": true, "vote": 1, "now": 1.0}', "user_id is not int"),
    (b'{"held": "forget", "held_at": "today", "user_id": 3}', "held_at is not"),
    (b'{"held": "forget", "held_at": 1.0, "user_id": 3, "chat_id": 4}', "does not know: chat_id"),
    (b'{"held": "question", "held_at": 1.0, "rec": {"answer_id": "a"}}', "its rec lacks"),
])
def test_a_line_that_is_not_a_held_write_says_why(raw: bytes, why: str) -> None:
    with pytest.raises(replay.Malformed, match=why):
        replay.parse_line(1, raw)


def test_a_held_forget_deletes_only_what_was_stored_when_it_was_asked() -> None:
    line = b'{"held": "forget", "held_at": 50.0, "user_id": 3}'
    assert replay.parse_line(4, line) == replay.Held(4, "forget", {"user_id": 3, "until": 50.0})


# ------------------------------------------------------------------ damage, restore, replay: real files


async def test_damage_then_restore_then_replay_writes_each_held_line_once(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = await damaged_with_held_writes(env)
    restore(env, backup)
    side = held_path(env)
    append(side, '{"held": "vote", "held_at": 1.0, "answer_id"', "")  # cut short by a crash; a blank line
    before = side.read_bytes()

    assert main(["replay-held", "--json"]) == 2  # written, but one line was malformed
    report = json.loads(capsys.readouterr().out)
    assert report["applied"] == {"question": 3, "vote": 2, "chat_story": 2, "forget": 1}
    assert report["unchanged"] == {kind: 0 for kind in KINDS}
    assert report["malformed"] == 1 and report["malformed_lines"][0]["line"] == 9
    # The /forget deleted what it deletes, as asked after the lines held before it: user 7's
    # questions (the backup's and the held one), the vote on their answer, their chosen story.
    assert report["rows_deleted"] == 4
    assert rows(env) == {
        "questions": [("q1user8000000001", 8), ("q3user7000000001", 7)],  # q3 was asked after the /forget
        "feedback": [("q1user8000000001", 9, 1)],
        "chat_stories": [(8, "lecun-meta")],
    }
    # Kept aside, whole, never deleted; nothing left to replay.
    assert not side.exists() and not replaying_path(env).exists()
    kept = Path(report["files"][0]["kept_as"])
    assert kept.name.startswith("storybot.db-held.jsonl.replayed-") and kept.read_bytes() == before
    assert report["files"][0]["lines"] == 9

    assert main(["replay-held", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["files"] == [] and sum(again["applied"].values()) == 0
    assert main(["replay-held"]) == 0
    assert "nothing to replay" in capsys.readouterr().out


async def test_a_dry_run_counts_the_same_and_writes_nothing(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    restore(env, await damaged_with_held_writes(env))
    known, side = digest(env), held_path(env).read_bytes()
    assert main(["replay-held", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "question       3 would be applied" in out and "forget         1 would be applied, 4 rows deleted" in out
    assert "left where it is (dry run)" in out
    assert digest(env) == known and held_path(env).read_bytes() == side
    assert main(["replay-held", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["applied"] == {"question": 3, "vote": 2, "chat_story": 2, "forget": 1}


async def test_a_replay_stopped_midway_takes_up_where_it_stopped(env: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Batches of 2 lines; the third batch fails (a full disk): the two before it are written
    and counted, the file stays taken aside; the next run writes lines 5-8 only, each once."""
    restore(env, await damaged_with_held_writes(env))
    monkeypatch.setattr(replay, "BATCH_LINES", 2)
    apply_line = replay.apply_line

    def full_at_line_5(db: sqlite3.Connection, line: replay.Held) -> replay.Outcome:
        if line.number == 5:
            raise sqlite3.OperationalError("database or disk is full")
        return apply_line(db, line)

    monkeypatch.setattr(replay, "apply_line", full_at_line_5)
    assert main(["replay-held"]) == 1
    assert "run it again" in capsys.readouterr().err
    assert rows(env)["questions"] == [("before0000000001", 7), ("q1user8000000001", 8), ("q2user7000000001", 7)]
    assert replaying_path(env).exists() and not held_path(env).exists()

    monkeypatch.setattr(replay, "apply_line", apply_line)
    assert main(["replay-held", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["already_replayed"] == 4
    assert report["applied"] == {"question": 1, "vote": 0, "chat_story": 2, "forget": 1}
    assert rows(env)["questions"] == [("q1user8000000001", 8), ("q3user7000000001", 7)]
    assert rows(env)["feedback"] == [("q1user8000000001", 9, 1)]


async def test_a_replay_killed_before_it_moved_the_file_writes_nothing_twice(
        env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    restore(env, await damaged_with_held_writes(env))
    real_replace = os.replace

    def killed_at_the_last_move(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        if ".replayed-" in str(dst):
            raise OSError("killed")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", killed_at_the_last_move)
    assert main(["replay-held"]) == 1
    capsys.readouterr()
    written = rows(env)
    monkeypatch.setattr(os, "replace", real_replace)
    # Meanwhile the bot, restarted on the file, stored a new question of user 8 and a new vote.
    with sqlite3.connect(env) as db:
        db.execute("INSERT INTO questions (answer_id, chat_id, user_id, question, kind, asked_at) "
                   "VALUES ('q4user8000000001', 8, 8, 'س', 'answer', 9e9)")
    db.close()
    assert main(["replay-held", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["already_replayed"] == 8 and sum(report["applied"].values()) == 0
    assert rows(env)["questions"] == sorted(written["questions"] + [("q4user8000000001", 8)])
    assert not replaying_path(env).exists()


async def test_a_held_forget_leaves_what_the_user_asked_after_the_restart(env: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    restore(env, await damaged_with_held_writes(env))
    async with await Store.open(env) as store:  # the bot restarted on the restored file before the replay
        await store.record_question(record("q5user7000000001", "سؤال جديد", user_id=7))
    assert main(["replay-held"]) == 0
    assert ("q5user7000000001", 7) in rows(env)["questions"]
    assert ("before0000000001", 7) not in rows(env)["questions"]


async def test_a_forget_asked_after_the_restart_is_not_undone_by_the_replay(env: Path) -> None:
    """User 8 sends /forget to the bot running on the restored file before the operator replays:
    their held question, vote and chosen story must not come back; the others' still do."""
    restore(env, await damaged_with_held_writes(env))
    side = held_path(env).read_bytes()
    async with await Store.open(env) as store:
        await store.forget(8)
        assert held_path(env).read_bytes().startswith(side)  # the request after the held lines
        await store.record_question(record("q6user8000000001", "سؤال بعد النسيان", user_id=8))
    assert main(["replay-held"]) == 0
    assert rows(env) == {
        "questions": [("q3user7000000001", 7), ("q6user8000000001", 8)],
        "feedback": [],
        "chat_stories": [],  # 7: its own held /forget; 8: the one after the restart
    }


async def test_a_forget_with_nothing_held_beside_the_file_adds_no_side_file(env: Path) -> None:
    await folded(env)
    async with await Store.open(env) as store:
        assert await store.forget(7) >= 1
    assert not held_path(env).exists() and not replaying_path(env).exists()


async def test_a_file_still_damaged_is_refused_and_nothing_moves(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    await damaged_with_held_writes(env)  # not restored
    damage.forget(env)  # a new process: it knows nothing of the damage until it checks
    known, side = digest(env), held_path(env).read_bytes()
    assert main(["replay-held"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and str(env) in err
    assert digest(env) == known and held_path(env).read_bytes() == side and not replaying_path(env).exists()


async def test_a_newer_schema_is_refused_and_nothing_moves(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    restore(env, await damaged_with_held_writes(env))
    with sqlite3.connect(env) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    known, side = digest(env), held_path(env).read_bytes()
    for command in (["replay-held"], ["replay-held", "--dry-run"]):
        assert main(command) == 1
        assert "newer than this storybot" in capsys.readouterr().err
    assert digest(env) == known and held_path(env).read_bytes() == side


def test_no_store_file_is_an_error_and_creates_nothing(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    held_path(env).write_text('{"held": "forget", "held_at": 1.0, "user_id": 3}\n', encoding="utf-8")
    assert main(["replay-held"]) == 1
    assert "no conversation store at" in capsys.readouterr().err
    assert sorted(p.name for p in env.parent.iterdir()) == [held_path(env).name]


async def test_a_vote_the_file_refuses_is_counted_as_malformed(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    await folded(env)
    append(held_path(env),
           '{"held": "vote", "held_at": 2.0, "answer_id": "before0000000001", "user_id": 5, "vote": 3, "now": 1.0}',
           '{"held": "vote", "held_at": 2.0, "answer_id": "nosuchanswer0001", "user_id": 5, "vote": 1, "now": 1.0}',
           '{"held": "vote", "held_at": 2.0, "answer_id": "before0000000001", "user_id": 5, "vote": -1, "now": 1.0}')
    assert main(["replay-held", "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["malformed_lines"][0]["line"] == 1 and "refused by the file" in report["malformed_lines"][0]["why"]
    assert report["applied"]["vote"] == 1 and report["unchanged"]["vote"] == 1  # an answer the file does not hold
    assert rows(env)["feedback"] == [("before0000000001", 5, -1)]


async def test_a_held_vote_or_story_does_not_undo_one_made_after_the_restart(env: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The bot ran on the restored file before the replay: the reader voted and chose a story
    again at t=100. A held line from t=50 (the damage) changes nothing; one from t=150 still wins."""
    await folded(env)
    async with await Store.open(env) as store:
        assert await store.record_feedback("before0000000001", 5, 1, now=100.0)
        assert await store.record_feedback("before0000000001", 6, 1, now=100.0)
        assert await store.set_chat_story(5, "newer-story", now=100.0)
        assert await store.set_chat_story(6, "newer-story", now=100.0)
    append(held_path(env),
           '{"held": "vote", "held_at": 50.0, "answer_id": "before0000000001", "user_id": 5, "vote": -1, "now": 50.0}',
           '{"held": "chat_story", "held_at": 50.0, "chat_id": 5, "story": "older-story", "now": 50.0}',
           '{"held": "vote", "held_at": 150.0, "answer_id": "before0000000001", "user_id": 6, "vote": -1, "now": 150.0}',
           '{"held": "chat_story", "held_at": 150.0, "chat_id": 6, "story": "later-story", "now": 150.0}')
    assert main(["replay-held", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unchanged"] == {"question": 0, "vote": 1, "chat_story": 1, "forget": 0}
    assert report["applied"] == {"question": 0, "vote": 1, "chat_story": 1, "forget": 0}
    assert rows(env)["feedback"] == [("before0000000001", 5, 1), ("before0000000001", 6, -1)]
    assert rows(env)["chat_stories"] == [(5, "newer-story"), (6, "later-story")]


def test_a_reader_that_goes_away_does_not_hide_the_malformed_lines_of_a_replay(env: Path) -> None:
    """`storybot replay-held | head`: the pipe is closed before the report is written; the
    replay still writes the good line and exits 2 for the malformed one."""
    asyncio.run(folded(env))
    append(held_path(env), '{"held": "forget", "held_at": 9e9, "user_id": 7}', '{"held": "vote", "held_at"')
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, "-m", "bot", "replay-held"], stdout=write_end, stderr=subprocess.PIPE,
                              timeout=120, env={**os.environ, "STORYBOT_DB": str(env)}, cwd=env.parent)
    finally:
        os.close(write_end)
    assert proc.returncode == 2, proc.stderr
    assert b"Traceback" not in proc.stderr and b"BrokenPipe" not in proc.stderr, proc.stderr
    assert rows(env)["questions"] == [] and not held_path(env).exists()  # the forget was written


async def test_a_side_file_another_run_takes_after_the_listing_is_told_not_an_error(
        env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Two runs at once: the second takes the side file (and replays it) right after the first
    saw it. The first says so, exits 0 and writes nothing twice."""
    restore(env, await damaged_with_held_writes(env))
    exists, side, other = Path.exists, held_path(env), []

    def another_run_takes_it(self: Path) -> bool:
        found = exists(self)
        if self == side and found and not other:
            other.append(None)
            other[0] = replay.replay(env)  # between this look and the taking
        return found

    monkeypatch.setattr(Path, "exists", another_run_takes_it)
    assert main(["replay-held"]) == 0
    captured = capsys.readouterr()
    assert "another run of replay-held took it" in captured.out and captured.err == ""
    assert sum(other[0].count("applied").values()) == 8
    assert rows(env)["questions"] == [("q1user8000000001", 8), ("q3user7000000001", 7)]


async def test_a_line_the_bot_appends_while_the_replay_reads_is_not_lost(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bot (still on the damaged copy) opened the side file to append a line; the replay
    renames and reads it before the line is written. The line must not land in the file kept
    aside as replayed: the writer finds the file moved and starts a new side file with it."""
    await folded(env)
    side = held_path(env)
    append(side, '{"held": "forget", "held_at": 1.0, "user_id": 3}')
    late = '{"held": "forget", "held_at": 9e9, "user_id": 7}'
    real_open, reports = os.open, []

    def opened_then_replayed(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        fd = real_open(path, flags, *args)
        if Path(path) == side and not reports:
            reports.append(None)
            reports[0] = replay.replay(env)  # between the writer's open and its write
        return fd

    monkeypatch.setattr(os, "open", opened_then_replayed)
    assert database._append_held(side, [late]) == set()  # none dropped
    monkeypatch.setattr(os, "open", real_open)
    assert reports[0].files[0].lines == 1
    assert side.read_text(encoding="utf-8") == late + "\n"  # waiting for the next replay
    assert rows(env)["questions"] == [("before0000000001", 7)]
    assert main(["replay-held"]) == 0 and rows(env)["questions"] == []


# ------------------------------------------------------------------ the bot's start-up


async def test_a_sound_store_says_once_that_held_writes_wait(env: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="storybot.store")
    await folded(env)
    assert not [r for r in caplog.records if "replay-held" in r.getMessage()]
    append(held_path(env), '{"held": "forget", "held_at": 1.0, "user_id": 3}')
    async with await Store.open(env):
        pass
    said = [r.getMessage() for r in caplog.records if "replay-held" in r.getMessage()]
    assert len(said) == 1 and str(held_path(env)) in said[0]
    assert held_path(env).exists() and rows(env)["questions"] == [("before0000000001", 7)]  # not replayed by itself
