"""`storybot replay-held`: the writes held while the store file was damaged, written into its
restored copy.

While a damaged file is known (bot.store.database's WHILE_DAMAGED), questions, votes, chosen
stories and /forget requests go as JSON lines to the side file `STORYBOT_DB-held.jsonl`. Once
the file is restored (a backup, `sqlite3 FILE .recover`), this writes them into it:

* only into a sound file of this storybot's schema: opened as the bot's writer opens it
  (bot.store.schema._open_writer: PRAGMA quick_check, schema version, writable; an older
  schema is migrated, as the bot would at start-up), so a file still damaged, newer than this
  storybot or another program's is refused with the writer's own message, before any side
  file is touched;
* each line once, in the order held (a /forget after the questions held before it, so that it
  deletes them; `_delete_user`'s `until` is the time it was asked, so it leaves what the user
  asked after the bot restarted on the restored file), through the very functions the bot's
  writer runs (one row of `REPLAYED` per kind the side file holds); a held vote or chosen
  story does not replace one the user made later (after that restart);
* `BATCH_LINES` lines a transaction, each in its own savepoint; the lines applied so far are
  counted in the same transaction, in `catalogue_meta` under the side file's SHA-256 (the one
  table of small facts; no schema change). A run stopped midway (killed, a full disk) takes
  up where it stopped; two runs at once write each line once (each batch reads the count
  under the write lock);
* the side file is first moved to `…-held.jsonl.replaying` (so that a process still holding
  writes starts a new one rather than adding to the one being read; never over one another
  run took), then read under its lock (flock: a writer that opened it before the move finds
  it moved once it holds the lock, and starts the new one, so no line lands in a file already
  read), and once every line is applied, moved to `…-held.jsonl.replayed-<UTC time>`: kept,
  never deleted, its lines that were not applied (malformed) still in it. A second run finds
  nothing to replay; one that finds the file taken or moved by a run at the same time says so
  (exit 0: that run writes each line once);
* a line that is not one of the kinds with the fields its write takes (cut short by a crash,
  edited by hand, from another storybot) is skipped and counted with its number and why, as
  is one the file refuses (a vote neither +1 nor -1 breaks its CHECK);
* `--dry-run` does all of it on a copy of the file in memory (SQLite's backup API; as large
  as the file): the same counts, nothing written, no side file moved.

Not replayed automatically when the bot starts: whether the lines belong in the file at
STORYBOT_DB (the restored copy, not a fresh one) is for the operator to say; the bot logs one
line when a side file waits (bot.store.database._tell_of_held), and adds to it any /forget it
is sent meanwhile (Store._forget_held_too, before that /forget commits: one that cannot be added
deletes nothing), so that the replay does not bring back what the user asked it to delete.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
from collections import Counter
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from bot.store.database import (
    WHILE_DAMAGED,
    QuestionRecord,
    _delete_user,
    _insert_question,
    _set_chat_story,
    _upsert_vote,
    held_path,
    replaying_path,
)
from bot.store.schema import StoreError, _check_file, _check_intact, _check_schema, _migrate, _open_writer, read_only_uri

BATCH_LINES = 256  # lines a transaction: as the bot's group commits (database._MAX_BATCH)
_DONE_KEY = "held-replay:"  # + the side file's SHA-256: how many of its lines are applied

_NUMBER = (int, float)
_Types = tuple[type, ...]


class Malformed(ValueError):
    """A held line that cannot be replayed; the message says why."""


def _check(obj: Any, expected: Mapping[str, _Types], what: str) -> dict[str, Any]:
    """`obj` as a dict with exactly the fields `expected`, each of its types (a bool is no number)."""
    if not isinstance(obj, dict):
        raise Malformed(f"{what} is not a JSON object")
    if missing := sorted(expected.keys() - obj.keys()):
        raise Malformed(f"{what} lacks {', '.join(missing)}")
    if unknown := sorted(obj.keys() - expected.keys()):
        raise Malformed(f"{what} has fields this storybot does not know: {', '.join(unknown)}")
    for name, types in expected.items():
        value = obj[name]
        if isinstance(value, bool) or not isinstance(value, types):
            raise Malformed(f"{what}'s {name} is not {' or '.join(t.__name__ for t in types)}")
    return obj


# A held question's record: QuestionRecord's fields, as the side file keeps them (asdict).
_RECORD: Mapping[str, _Types] = {
    "answer_id": (str,), "chat_id": (int,), "user_id": (int,), "question": (str,), "kind": (str,),
    "quotes": (list,), "top_score": (*_NUMBER, type(None)), "latency_ms": _NUMBER, "asked_at": _NUMBER,
    "story": (str,), "via": (str,),
}
assert set(_RECORD) == {f.name for f in fields(QuestionRecord)}


@dataclass(frozen=True)
class Replayed:
    """How a held line of one kind is written again: the bot's own write function, the line's
    fields besides `held` and `held_at`, and the keyword arguments they make."""

    write: Callable[..., Any]
    fields: Mapping[str, _Types]
    args: Callable[[dict[str, Any]], dict[str, Any]]


def _given(line: dict[str, Any]) -> dict[str, Any]:
    """The line's own fields are the write's arguments (the job's keyword arguments, held as they were)."""
    return {k: v for k, v in line.items() if k not in ("held", "held_at")}


def _not_over_newer(line: dict[str, Any]) -> dict[str, Any]:
    """_given, and newer_only: the bot may have run on the restored file before the replay; a vote
    or a chosen story held then must not undo one the user made since."""
    return {**_given(line), "newer_only": True}


REPLAYED: Mapping[str, Replayed] = {
    "question": Replayed(_insert_question, {"rec": (dict,)},
                         lambda line: {"rec": QuestionRecord(**_check(line["rec"], _RECORD, "its rec"))}),
    "vote": Replayed(_upsert_vote, {"answer_id": (str,), "user_id": (int,), "vote": (int,), "now": _NUMBER},
                     _not_over_newer),
    "chat_story": Replayed(_set_chat_story, {"chat_id": (int,), "story": (str,), "now": _NUMBER}, _not_over_newer),
    # What it would have deleted when it was asked (see _delete_user), after what was held before it.
    "forget": Replayed(_delete_user, {"user_id": (int,)}, lambda line: {**_given(line), "until": line["held_at"]}),
}
assert {row.held_as: func for func, row in WHILE_DAMAGED.items() if row.held_as} == {
    kind: row.write for kind, row in REPLAYED.items()}, "every kind held has its replay, through the same write"


@dataclass(frozen=True)
class Held:
    """One line of the side file, ready to be written again."""

    number: int  # 1-based, in its side file
    kind: str
    args: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    """What replaying one line did: "applied" (it changed `rows` rows), "unchanged" (already
    there, a vote on an answer the file does not hold, or a vote or chosen story the user made
    again since) or "malformed" (skipped, `why`)."""

    number: int
    kind: str | None
    effect: str
    rows: int = 0
    why: str = ""


def parse_line(number: int, raw: bytes) -> Held:
    """The held line `raw` (without its newline); Malformed says why it cannot be replayed."""
    try:
        line = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Malformed("not a line of JSON (cut short?)") from None
    if not isinstance(line, dict) or line.get("held") not in REPLAYED:
        raise Malformed(f"not a held write of a known kind ({', '.join(REPLAYED)})")
    row = REPLAYED[line["held"]]
    _check(line, {"held": (str,), "held_at": _NUMBER, **row.fields}, f"a held {line['held']}")
    try:
        return Held(number, line["held"], row.args(line))
    except TypeError as exc:  # a record the dataclass will not take
        raise Malformed(f"a held {line['held']}: {exc}") from None


def _split(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline that ends the last line
    return lines


def count_lines(data: bytes) -> int:
    """The side file's lines that hold something (blank ones are not counted)."""
    return sum(1 for raw in _split(data) if raw.strip())


def read_lines(data: bytes) -> list[Held | Outcome | None]:
    """Every line of a side file by its place (blank: None; unreadable: its Outcome already)."""
    parsed: list[Held | Outcome | None] = []
    for number, raw in enumerate(_split(data), 1):
        if not raw.strip():
            parsed.append(None)
            continue
        try:
            parsed.append(parse_line(number, raw))
        except Malformed as exc:
            parsed.append(Outcome(number, None, "malformed", why=str(exc)))
    return parsed


def apply_line(db: sqlite3.Connection, held: Held) -> Outcome:
    """Write one held line inside the caller's transaction, in its own savepoint."""
    before = db.total_changes
    db.execute("SAVEPOINT line")
    try:
        REPLAYED[held.kind].write(db, **held.args)
    except sqlite3.IntegrityError as exc:  # refused by the schema (a vote neither +1 nor -1)
        db.execute("ROLLBACK TO line")
        db.execute("RELEASE line")
        return Outcome(held.number, held.kind, "malformed", why=f"refused by the file: {exc}")
    db.execute("RELEASE line")
    rows = db.total_changes - before
    return Outcome(held.number, held.kind, "applied" if rows else "unchanged", rows)


def _lines_done(db: sqlite3.Connection, key: str) -> int:
    row = db.execute("SELECT value FROM catalogue_meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def replay_data(db: sqlite3.Connection, data: bytes) -> list[Outcome]:
    """Write the lines of one side file's bytes not yet written, BATCH_LINES a transaction;
    the outcomes of the lines this call wrote (or skipped), in order."""
    key = _DONE_KEY + hashlib.sha256(data).hexdigest()
    lines = read_lines(data)
    outcomes: list[Outcome] = []
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            done = _lines_done(db, key)  # under the write lock: another run's batches count too
            batch = lines[done:done + BATCH_LINES]
            if not batch:
                db.execute("ROLLBACK")
                return outcomes
            for line in batch:
                if isinstance(line, Held):
                    outcomes.append(apply_line(db, line))
                elif line is not None:
                    outcomes.append(line)
            db.execute("INSERT INTO catalogue_meta (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, str(done + len(batch))))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


# ------------------------------------------------------------------ files


@dataclass(frozen=True)
class FileReplayed:
    held: str  # where its lines were read
    kept_as: str | None  # where it is now (None: a dry run left it where it was, or another run moved it)
    lines: int  # lines that hold something (blank ones not counted)
    outcomes: tuple[Outcome, ...]
    # Another run of replay-held took the file before this one read it (lines 0), or moved it
    # aside before this one could: that run writes its lines, each once.
    by_another_run: bool = False


@dataclass(frozen=True)
class Report:
    db: str
    dry_run: bool
    files: tuple[FileReplayed, ...]

    def outcomes(self) -> Iterable[Outcome]:
        return (o for f in self.files for o in f.outcomes)

    def count(self, effect: str) -> dict[str, int]:
        """Lines of each kind with this effect (every kind named, 0 included)."""
        counts = Counter(o.kind for o in self.outcomes() if o.effect == effect)
        return {kind: counts[kind] for kind in REPLAYED}

    def malformed(self) -> list[dict[str, Any]]:
        return [{"file": f.held, "line": o.number, "why": o.why} for f in self.files for o in f.outcomes
                if o.effect == "malformed"]

    def to_json(self) -> dict[str, Any]:
        written = sum(len(f.outcomes) for f in self.files)
        return {
            "db": self.db,
            "dry_run": self.dry_run,
            "files": [{"held": f.held, "kept_as": f.kept_as, "lines": f.lines, "by_another_run": f.by_another_run}
                      for f in self.files],
            "applied": self.count("applied"),
            "unchanged": self.count("unchanged"),
            "rows_deleted": sum(o.rows for o in self.outcomes() if o.kind == "forget"),
            "malformed": len(self.malformed()),
            "malformed_lines": self.malformed(),
            # Lines an earlier run wrote (it stopped before moving the file aside): not written again.
            "already_replayed": sum(f.lines for f in self.files) - written,
        }


def _kept_name(path: Path, now: datetime) -> Path:
    """`STORYBOT_DB-held.jsonl.replayed-<UTC time>`, a name no earlier replay took."""
    side = held_path(path)
    base = side.with_name(f"{side.name}.replayed-{now.strftime('%Y%m%dT%H%M%SZ')}")
    kept, n = base, 1
    while kept.exists():
        n += 1
        kept = base.with_name(f"{base.name}-{n}")
    return kept


def _open(path: Path, dry_run: bool, busy_timeout_ms: int) -> sqlite3.Connection:
    """The file as the bot's writer opens it; for a dry run, a copy of it in memory (the same
    checks first, on a read-only connection)."""
    _check_file(path, create=False)
    if not dry_run:
        return _open_writer(path, busy_timeout_ms)
    ro = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None, timeout=busy_timeout_ms / 1000)
    try:
        _check_schema(ro, path)
        _check_intact(ro, path)
        copy = sqlite3.connect(":memory:", isolation_level=None)
        ro.backup(copy)
    finally:
        ro.close()
    _migrate(copy, path)
    return copy


def replay(path: Path, *, dry_run: bool = False, busy_timeout_ms: int = 5000,
           clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> Report:
    """Replay the side files of the store file at `path` into it (see the module's docstring).
    StoreError (nothing written, no side file moved) if the file cannot be written."""
    try:
        db = _open(path, dry_run, busy_timeout_ms)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the conversation store {path}: {exc}") from exc
    files = []
    try:
        taken, side = replaying_path(path), held_path(path)
        # One taken aside by a run that stopped midway first: its lines were held before the new ones.
        for source in (taken, side):
            if source.exists():
                files.append(_replay_file(db, path, source, taken, dry_run, clock))
    finally:
        db.close()
    return Report(str(path), dry_run, tuple(files))


def read_locked(side: Path) -> bytes:
    """The side file's bytes, read under its lock: a writer in the middle of appending a line
    (bot.store.database.open_held_locked) finishes it first, and one that comes after finds
    the file renamed and starts a new one."""
    with side.open("rb") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        return f.read()


def _take(side: Path, taken: Path) -> None:
    """Rename the side file to `taken`, never over one: os.replace would drop the lines of a
    file another run took a moment ago and has not read yet. FileExistsError: another run is
    replaying (`side` is then left for the next run); FileNotFoundError: it took this one."""
    os.link(side, taken)
    os.unlink(side)


def _replay_file(db: sqlite3.Connection, path: Path, source: Path, taken: Path, dry_run: bool,
                 clock: Callable[[], datetime]) -> FileReplayed:
    """Replay one side file: renamed to `taken` first (unless dry), then read, written, kept
    aside. A file gone meanwhile (FileNotFoundError: another run of replay-held took it, or
    moved it aside once done, and writes each line once as this one would) is told, not an error."""
    reading = source
    try:
        if source != taken and not dry_run:
            _take(source, taken)  # a process still holding writes now starts a new side file
            reading = taken
        data = read_locked(reading)
    except (FileNotFoundError, FileExistsError):
        return FileReplayed(str(source), None, 0, (), by_another_run=True)
    try:
        outcomes = replay_data(db, data)
    except sqlite3.Error as exc:  # a full disk, a busy file: the batches committed before are counted
        raise StoreError(f"could not write the held lines of {reading} into {path} ({exc}); "
                         "run it again: what was written is not written twice") from exc
    kept, by_another_run = None, False
    if not dry_run:
        kept = _kept_name(path, clock())
        try:
            os.replace(reading, kept)
        except FileNotFoundError:  # another run wrote the same lines (each once) and moved it first
            kept, by_another_run = None, True
    return FileReplayed(str(source), None if kept is None else str(kept), count_lines(data), tuple(outcomes),
                        by_another_run)


def _where_now(f: FileReplayed, dry_run: bool) -> str:
    if f.by_another_run and not f.outcomes and not f.lines:
        return ("another run of replay-held took it, or is replaying one before it (then it waits for "
                "the next run); nothing read from it here")
    if f.by_another_run:
        return f"{f.lines} lines, moved aside by another run of replay-held, which wrote the same lines (each once)"
    return f"{f.lines} lines, " + ("left where it is (dry run)" if dry_run else f"kept as {f.kept_as}")


def format_report(report: Report) -> str:
    """What a replay did (or, dry, would do), for a terminal."""
    if not report.files:
        return f"nothing held beside {report.db}: nothing to replay"
    lines = [f"{f.held}: {_where_now(f, report.dry_run)}" for f in report.files]
    applied, unchanged, summary = report.count("applied"), report.count("unchanged"), report.to_json()
    done = "would be applied" if report.dry_run else "applied"
    for kind in REPLAYED:
        deleted = f", {summary['rows_deleted']} rows deleted" if kind == "forget" and summary["rows_deleted"] else ""
        lines.append(f"  {kind:<10} {applied[kind]:>5} {done}{deleted}, {unchanged[kind]} changing nothing")
    if summary["already_replayed"]:
        lines.append(f"  {summary['already_replayed']} lines written by an earlier run were not written again")
    if bad := report.malformed():
        lines.append(f"  {len(bad)} malformed line{'s' if len(bad) > 1 else ''} skipped (kept in the file):")
        lines.extend(f"    line {b['line']}: {b['why']}" for b in bad[:20])
    return "\n".join(lines)
