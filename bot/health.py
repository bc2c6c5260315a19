"""`/healthz` for a process supervisor: 200 and a small JSON when the store is readable, else 503.

Mountable anywhere tornado serves (the dashboard does; the Telegram wing's webhook server can):
`(r"/healthz", HealthHandler, {"db_path": settings.db_path})`, with `"ready": callable` added
when the process has more to report than the store (the bot: `lambda: application.running`).
`store_health` is the same check for any other web stack. No authentication, so the body says
nothing but the status: no path, no counts, no error text (those go to the log).
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any, Callable

import tornado.web

from bot.dashboard.queries import check_readable
from bot.store import damage
from bot.store.database import StoreError

logger = logging.getLogger("storybot.dashboard")
_told: dict[str, str] = {}  # path -> the unhealthy cause last logged at WARNING


def _tell(db_path: Path, cause: str) -> None:
    """Log why the store is unhealthy: at WARNING when the cause is new, at DEBUG while it
    stays the same (a supervisor probes every few seconds; one line per probe buries the log)."""
    key = str(db_path)
    level = logging.DEBUG if _told.get(key) == cause else logging.WARNING
    _told[key] = cause
    logger.log(level, "%s", cause)


def store_health(db_path: Path, ready: Callable[[], bool] | None = None) -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON body): 200 when the store is readable (and `ready()`, if given); writes nothing."""
    if ready is not None and not ready():
        return 503, {"status": "unavailable", "process": "not ready"}
    # A damaged page the probe's own small read would not reach, met by a query of the
    # dashboard or the bot (bot.store.damage): reading every page per probe would cost too much.
    if (met := damage.met(db_path)) is not None:
        _tell(db_path, f"health check: a query met damage in the conversation store: {met.error}")
        return 503, {"status": "unavailable", "store": "damaged"}
    try:
        version = check_readable(Path(db_path))
    except StoreError as exc:
        _tell(db_path, f"health check: the conversation store is not readable: {exc}")
        return 503, {"status": "unavailable", "store": "unreadable"}
    _told.pop(str(db_path), None)
    return 200, {"status": "ok", "store": "readable", "schema": version}


class HealthHandler(tornado.web.RequestHandler):
    """GET/HEAD /healthz."""

    def initialize(self, db_path: Path, ready: Callable[[], bool] | None = None) -> None:
        self.db_path = Path(db_path)
        self.ready = ready

    async def _check(self) -> tuple[int, dict[str, Any]]:
        # `ready` runs here, on the loop (it may look at loop-bound state); the file check in a thread.
        if self.ready is not None and not self.ready():
            return store_health(self.db_path, self.ready)
        return await asyncio.get_running_loop().run_in_executor(None, store_health, self.db_path)

    def check_xsrf_cookie(self) -> None:  # GET only; nothing to protect
        return None

    async def get(self) -> None:
        status, body = await self._check()
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))

    async def head(self) -> None:
        status, _ = await self._check()
        self.set_status(status)
        self.set_header("Cache-Control", "no-store")
        self.finish()
