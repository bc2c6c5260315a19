"""Damage a query met in a store file, remembered per file for `/healthz` (bot.health).

A probe must stay cheap, so it never reads every page (PRAGMA quick_check takes 0.3 s on a
catalogue of thousands of stories); but a file whose header and first pages read well can
have lost others, which only the queries that need them meet. So every reader (the
dashboard's queries, the bot's store) reports the error it met here, and so does the
background check of every page (bot.store.page_check), and a probe asks.

Only damage counts (SQLITE_CORRUPT "database disk image is malformed", SQLITE_NOTADB): a
busy or locked file, a full disk or a closed store are passing troubles, not a broken file.
What was met is kept until the process ends or the file is replaced (another inode: the
restored copy moved into place); then the next query that meets damage reports it again.
Thread-safe: the bot's writer and the dashboard's executor report from their threads.

A damaged file is never written again by this process: besides the store holding its writes
(bot.store.database), the file is *pinned* here by a read-only connection for as long as it is
known damaged. In WAL mode SQLite folds the WAL into the database file (a checkpoint) when the
last connection to it closes, and a read-only connection cannot checkpoint; so while the pin is
open, no connection of this process closing (the store's writer at shutdown, the catalogue's)
writes pending pages into the damaged file, and the WAL, with what was committed before the
damage was known, stays beside it for a restore.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.store.schema import read_only_uri

# Primary result codes (the low byte of an extended code) that mean the file itself is bad.
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


@dataclass(frozen=True)
class Damage:
    error: str  # what SQLite said (for the log; never in an unauthenticated reply)
    file: tuple[int, int]  # (st_dev, st_ino) of the file it was met in


_met: dict[str, Damage] = {}
_pins: dict[str, sqlite3.Connection] = {}  # a read-only connection per damaged file (see above)
_lock = threading.Lock()


def is_damage(exc: BaseException) -> bool:
    """True for an sqlite3 error that says the file is damaged."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.DatabaseError) and code is not None and code & 0xFF in _DAMAGE_CODES


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.abspath(path)


def file_id(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(st_dev, st_ino) of the file now at `path`, or None if there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def note(path: str | os.PathLike[str], exc: BaseException) -> None:
    """Remember `exc` for `path` when it is damage (anything else is ignored)."""
    if is_damage(exc) and (file := file_id(path)) is not None:
        mark(path, str(exc), file)


def mark(path: str | os.PathLike[str], error: str, file: tuple[int, int]) -> None:
    """Remember damage found in the file `file` (its id taken before it was read), if that file
    is still the one at `path`: a restored copy moved into place meanwhile is not damaged."""
    if file_id(path) != file:
        return
    key = _key(path)
    with _lock:
        _met[key] = Damage(error, file)
        if key not in _pins and (pin := _pin(path)) is not None:
            _pins[key] = pin


def _pin(path: str | os.PathLike[str]) -> sqlite3.Connection | None:
    """A read-only connection holding the file's shared lock (a read opens the WAL and takes
    it, and SQLite keeps it until close), so that no other connection of this process is the
    last to close and checkpoints. None if the file cannot be opened even so."""
    try:
        pin = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        pin.execute("PRAGMA schema_version").fetchall()  # reads the header only, not a damaged page
    except sqlite3.Error:
        pass  # a header too broken to read: kept open all the same (it may hold the lock)
    return pin


def _unpin(key: str) -> None:
    """Close the pin of a file no longer known damaged (called with _lock held)."""
    pin = _pins.pop(key, None)
    if pin is not None:
        pin.close()


def met(path: str | os.PathLike[str]) -> Damage | None:
    """The damage a query met in this very file (not in one since moved into its place), or None."""
    key = _key(path)
    with _lock:
        damage = _met.get(key)
        if damage is not None and file_id(path) != damage.file:
            del _met[key]
            _unpin(key)  # the old file is gone from this path; the restored one is not damaged
            return None
    return damage


def forget(path: str | os.PathLike[str] | Path) -> None:
    """Drop what was met in `path` (tests; a process that checked the whole file again)."""
    with _lock:
        _met.pop(_key(path), None)
        _unpin(_key(path))
