"""Every page of the store file read in the background, so that `/healthz` (bot.health) learns
of damage without waiting for a query to meet it (bot.store.damage).

A probe reads only the header and one row; a lost page elsewhere was known only once some
reader needed it. `watch_pages` runs PRAGMA quick_check (every page read once) at start-up and
then every `CHECK_INTERVAL_S`, and tells bot.store.damage what it found. It never holds up an
answer or a write and never writes the file:

* the check runs on a worker thread (sqlite3 lets go of the GIL while SQLite reads pages), on
  its own connection opened read-only (`mode=ro`, `query_only`); in WAL mode (the store's) a
  reader holds up neither the writer nor the other readers;
* stopped (its task cancelled: the bot or the dashboard shutting down), a check under way is
  interrupted and waited for, so that nothing reads or holds the file once the watch has ended
  (a thread cannot be cancelled, but SQLite's reading can: `Stop`);
* a file already known to be damaged is not read again (until another file is moved into its
  place: damage.met forgets it then), and a file that cannot be opened or is busy is left to
  the probe's own read, which says 503 "unreadable" for it;
* the interval keeps its cost small whatever the file's size: PRAGMA quick_check of the
  4,995-story catalogue (111 MB, in the page cache) takes 75 ms on the quiet 2-core machine,
  255 ms (86 ms of CPU) when it is loaded (`benchmarks/bench_dashboard.py --check FILE`
  prints it): 0.1-0.4 % of one core every minute; a file so large that one check takes over
  0.6 s waits 1 / MAX_SHARE times as long as the check took instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import AsyncIterator

from bot.store import damage
from bot.store.schema import QUICK_CHECK, damage_error, read_only_uri

logger = logging.getLogger("storybot.store")

# A supervisor learns of damage within this long of it (plus one check); a probe meeting it
# first (bot.health, a query) says so at once, as before.
CHECK_INTERVAL_S = 60.0
# The longest share of one core the checks may take: a check that took `t` seconds waits at
# least t / MAX_SHARE before the next (1 %: a 1 GB file, ~4 s a check, is read every ~7 minutes).
MAX_SHARE = 0.01
# A check meeting a busy file waits no longer than this: it is a passing trouble, not damage.
_BUSY_TIMEOUT_S = 1.0
# A stopped check is told again this often until its thread has ended: an interrupt that comes
# between two statements is forgotten when the next one starts (sqlite3_interrupt).
_RETELL_S = 0.05


def next_wait_s(took_s: float, interval_s: float = CHECK_INTERVAL_S) -> float:
    """Seconds to wait before the next check, after one that took `took_s`."""
    return max(interval_s, took_s / MAX_SHARE)


class Stop:
    """Tells a check reading the file on a worker thread to end, from the event loop's thread:
    no check begins once it is told, and the one under way is interrupted (sqlite3's
    Connection.interrupt, which ends even the one long step that walks every page)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # so that a connection is never interrupted once closed
        self._told = False
        self._reading: sqlite3.Connection | None = None

    @property
    def told(self) -> bool:
        return self._told

    def tell(self) -> None:
        with self._lock:
            self._told = True
            if self._reading is not None:
                self._reading.interrupt()

    def begin(self, db: sqlite3.Connection) -> bool:
        """Whether the check through `db` may begin; if so, `tell` interrupts it until `end`."""
        with self._lock:
            if not self._told:
                self._reading = db
            return not self._told

    def end(self) -> None:
        with self._lock:
            self._reading = None


def check_pages(path: Path, stop: Stop | None = None) -> str | None:
    """What PRAGMA quick_check found wrong with the file at `path` (one line), or None when it
    is sound or could not be checked now (missing, busy, or `stop` told before the check ended:
    not damage; the probe tells those).

    The file's id is taken before it is read, so that damage is remembered only for that file
    (bot.store.damage.mark), not for a restored copy moved into its place meanwhile."""
    file = damage.file_id(path)
    if file is None:
        return None
    try:
        db = sqlite3.connect(read_only_uri(path), uri=True, timeout=_BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return None
    stop = stop or Stop()
    try:
        if not stop.begin(db):
            return None
        db.execute("PRAGMA query_only = ON")
        report = [str(row[0]) for row in db.execute(QUICK_CHECK).fetchall()]
    except sqlite3.Error as exc:  # so broken that the check cannot run, or only busy or interrupted
        if not damage.is_damage(exc):
            return None
        report = [str(exc)]
    finally:
        stop.end()
        db.close()
    if stop.told:  # a check told to stop may have read only part of the file: it says nothing
        return None
    if (error := damage_error(Path(path), report, writing=False)) is None:
        return None
    damage.mark(path, str(error), file)
    return str(error)


async def watch_pages(path: Path, *, interval_s: float = CHECK_INTERVAL_S, first_after_s: float = 0.0) -> None:
    """Check the file's pages after `first_after_s`, then every next_wait_s, until cancelled.

    The bot passes first_after_s=interval_s: its store read every page when it opened the file
    (schema._check_intact), moments before; the dashboard checks at once."""
    stop = Stop()
    wait = first_after_s
    while True:
        await asyncio.sleep(wait)
        start = time.monotonic()
        try:
            if damage.met(path) is None and (error := await _check_on_a_thread(path, stop)) is not None:
                logger.error("the page check found the conversation store damaged: %s", error)
        except Exception:  # a check that failed in an unforeseen way must not end the checks
            logger.exception("the page check of the conversation store failed")
        wait = next_wait_s(time.monotonic() - start, interval_s)


@contextlib.asynccontextmanager
async def watching(path: Path, *, interval_s: float = CHECK_INTERVAL_S,
                   first_after_s: float = 0.0) -> AsyncIterator[asyncio.Task[None]]:
    """watch_pages for as long as the `async with` body runs, however it ends: on the way out
    the watch is cancelled and waited for, so that no check reads the file once the body is done
    (the bot's serve() in both its modes, the dashboard's)."""
    watch = asyncio.create_task(watch_pages(path, interval_s=interval_s, first_after_s=first_after_s),
                                name="storybot-page-check")
    try:
        yield watch
    finally:
        watch.cancel()
        await asyncio.gather(watch, return_exceptions=True)


async def _check_on_a_thread(path: Path, stop: Stop) -> str | None:
    """check_pages(path) on a worker thread. Cancelled, it tells the check to stop and waits for
    its thread to end before it passes the cancellation on: asyncio.to_thread alone would return
    at once and leave the thread reading the file after the bot or the dashboard has stopped."""
    check = asyncio.ensure_future(asyncio.to_thread(check_pages, path, stop))
    try:
        return await asyncio.shield(check)
    except asyncio.CancelledError:
        while not check.done():
            stop.tell()
            await asyncio.wait({check}, timeout=_RETELL_S)
        await asyncio.gather(check, return_exceptions=True)  # its result or error is of no use now
        raise
