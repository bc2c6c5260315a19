"""SIGKILL in the middle of a load: the file stays sound and keeps every committed question."""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from bot.store.database import QuestionRecord, Store

HELPER = Path(__file__).with_name("store_writer_proc.py")
REPO = Path(__file__).resolve().parent.parent
# A guard against a hung child, not a claim about speed: generous on purpose.
LINE_GUARD_S = 60


def _start_writer(db: Path, workers: int) -> tuple[subprocess.Popen[str], queue.Queue[str | None]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(HELPER), str(db), str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        # Keeps partial lines distinguishable: only "...\n" lines are complete promises.
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def _kill_after(proc: subprocess.Popen[str], lines: queue.Queue[str | None], committed: int) -> list[str]:
    """Read promises until `committed` have arrived, SIGKILL, then collect the ones in the pipe."""
    promised: list[str] = []
    while len(promised) < committed:
        line = lines.get(timeout=LINE_GUARD_S)
        assert line is not None, f"writer exited early: {proc.stderr.read()}"  # type: ignore[union-attr]
        if line.endswith("\n") and line != "ready\n":
            promised.append(line.strip())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    while (line := lines.get(timeout=LINE_GUARD_S)) is not None:
        if line.endswith("\n"):
            promised.append(line.strip())
    stderr = proc.stderr.read()  # type: ignore[union-attr]
    assert "not stored" not in stderr, stderr  # the store logged a failed write
    assert proc.returncode == -signal.SIGKILL
    return promised


def test_sigkill_mid_load_keeps_integrity_and_every_committed_question(tmp_path: Path) -> None:
    db = tmp_path / "storybot.db"
    all_promised: set[str] = set()
    for round_no in range(3):  # three kills, each landing at a different point of a commit
        proc, lines = _start_writer(db, workers=16)
        promised = _kill_after(proc, lines, committed=300 + 97 * round_no)
        all_promised.update(promised)
        assert len(promised) >= 300

        with sqlite3.connect(db) as conn:  # opening recovers the hot WAL the kill left behind
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = {a for (a,) in conn.execute("SELECT answer_id FROM questions")}
            orphan_votes = conn.execute(
                "SELECT count(*) FROM feedback WHERE answer_id NOT IN (SELECT answer_id FROM questions)"
            ).fetchone()[0]
        conn.close()
        missing = all_promised - stored
        assert not missing, f"round {round_no}: {len(missing)} committed questions lost"
        assert orphan_votes == 0


async def test_store_reopens_a_killed_file_and_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "storybot.db"
    proc, lines = _start_writer(db, workers=4)
    promised = _kill_after(proc, lines, committed=100)
    store = await Store.open(db)
    try:
        rows = await store.count_rows()
        assert rows["questions"] >= len(promised)
        await store.record_question(QuestionRecord("after-kill", 1, 1, "بعد", "answer", [], None, 1.0, 0.0))
        assert (await store.count_rows())["questions"] == rows["questions"] + 1
    finally:
        await store.close()
