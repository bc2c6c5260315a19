"""`/healthz` for a process supervisor: 200 and a small JSON when the store is readable, else 503.

Mountable anywhere tornado serves (the dashboard does; the Telegram wing's webhook server can):
`(r"/healthz", HealthHandler, {"db_path": settings.db_path})`. `store_health` is the same check
for any other web stack. No authentication, so the body says nothing but the status: no path,
no counts, no error text (those go to the log).
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import tornado.web

from bot.dashboard.queries import check_readable
from bot.store.database import StoreError

logger = logging.getLogger("storybot.dashboard")


def store_health(db_path: Path) -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON body) of the store's health; reads the file, writes nothing."""
    try:
        version = check_readable(Path(db_path))
    except StoreError as exc:
        logger.warning("health check: the conversation store is not readable: %s", exc)
        return 503, {"status": "unavailable", "store": "unreadable"}
    return 200, {"status": "ok", "store": "readable", "schema": version}


class HealthHandler(tornado.web.RequestHandler):
    """GET/HEAD /healthz."""

    def initialize(self, db_path: Path) -> None:
        self.db_path = Path(db_path)

    def check_xsrf_cookie(self) -> None:  # GET only; nothing to protect
        return None

    async def get(self) -> None:
        status, body = await asyncio.get_running_loop().run_in_executor(None, store_health, self.db_path)
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))

    async def head(self) -> None:
        status, _ = await asyncio.get_running_loop().run_in_executor(None, store_health, self.db_path)
        self.set_status(status)
        self.set_header("Cache-Control", "no-store")
        self.finish()
