"""Where updates come from (long polling or a webhook), and the durable inbox they pass through.

The Application is built with `.updater(None)`: updates reach it through `Intake.accept`,
the seam python-telegram-bot's custom-webhook example shows (``application.update_queue``).
That seam is what makes a crash lose nothing:

* every received update is committed to the store's inbox *before* it is confirmed to
  Telegram (polling: the next getUpdates, whose offset confirms it, is sent only after the
  commit; webhook: the HTTP 200 is sent only after the commit);
* `StoryApplication.process_update` marks it done once handled (answered, refused or ignored);
* at start-up, what was received within `Tuning.inbox_max_age_s` and never handled is handled
  now (`Intake.recover`); older updates are given up, logged with their number: an answer
  that comes that late is more confusing than none;
* at most `Tuning.max_in_hand` updates are received and not yet handled (their done mark
  committed) at a time, which also bounds how many a crash can answer twice: polling
  asks for no more than the room left, the webhook waits for room before it answers, so what
  is fetched can be answered soon (replies are capped near 30/s by flood control).

Malformed updates (a `text` that is not a string, a message without a chat, JSON that is not
an update) are refused here, before any handler sees them: the webhook answers 400 (a client
error, where a 5xx would say the bot is failing), and polling logs and skips them.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import warnings
from collections import OrderedDict
from typing import Any, Callable

import tornado.httpserver
import tornado.web
from telegram import CallbackQuery, InlineQuery, Message, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot.health import HealthHandler
from bot.config import Settings
from bot.store.database import Store, StoreError
from bot.telegram.state import Tuning

LOGGER = logging.getLogger("storybot.telegram")

ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "inline_query")

# poll() asks for getUpdates' raw JSON (do_api_request), which PTB flags for any method it
# wraps itself; this use is deliberate.
warnings.filterwarnings("ignore", message="Please use 'Bot.getUpdates'", category=PTBUserWarning)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class StoryApplication(Application):  # type: ignore[type-arg]
    """PTB's Application, telling the intake when each update has been handled.

    Without persistence, PTB still remembers every chat and user id it has seen "to be
    updated in persistence" and never forgets them: unbounded memory (issue 10, point 8), so
    that bookkeeping is skipped when there is no persistence.
    """

    on_handled: Callable[[Update], None] | None = None

    async def process_update(self, update: object) -> None:
        try:
            await super().process_update(update)
        finally:
            if isinstance(update, Update) and self.on_handled is not None:
                self.on_handled(update)

    def _mark_for_persistence_update(self, *, update: object | None = None, job: Any = None) -> None:
        if self.persistence is not None:
            super()._mark_for_persistence_update(update=update, job=job)


# --------------------------------------------------------------------------- well-formed updates


def _message_ok(message: Message | None) -> bool:
    if message is None:
        return True
    chat = message.chat
    return (
        chat is not None
        and isinstance(chat.id, int)
        and isinstance(message.message_id, int)
        and all(isinstance(v, str) for v in (message.text, message.caption) if v is not None)
        and (message.from_user is None or isinstance(message.from_user.id, int))
    )


def _query_ok(query: CallbackQuery | InlineQuery | None, text: str | None) -> bool:
    if query is None:
        return True
    return query.from_user is not None and isinstance(query.from_user.id, int) and (text is None or isinstance(text, str))


def well_formed(update: Update) -> bool:
    """The fields the handlers rely on have the types the Bot API promises."""
    callback, inline = update.callback_query, update.inline_query
    return (
        isinstance(update.update_id, int)
        and all(_message_ok(m) for m in (update.message, update.edited_message, update.channel_post,
                                         update.edited_channel_post))
        and _query_ok(callback, callback.data if callback else None)
        and _query_ok(inline, inline.query if inline else "")
    )


def parse_update(data: object, app: Application) -> Update | None:  # type: ignore[type-arg]
    """An Update from decoded JSON, or None when it is not a well-formed update."""
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return None
    try:
        update = Update.de_json(data, app.bot)
    except Exception:  # PTB's constructors raise all sorts on wrong shapes
        return None
    return update if update is not None and well_formed(update) else None


# --------------------------------------------------------------------------- the intake


class Intake:
    """Updates in: committed to the inbox, fed to the Application, counted until handled."""

    def __init__(self, app: StoryApplication, store: Store | None, tuning: Tuning) -> None:
        self._app, self._store, self._tuning = app, store, tuning
        self.in_hand = 0
        self._room = asyncio.Condition()
        self._writes: set[asyncio.Task[None]] = set()
        self.ready = asyncio.Event()  # receiving (the first poll was sent, or the webhook listens)
        self._inbox_failing = False  # an inbox write failed and none has succeeded since
        app.on_handled = self._handled

    async def accept(self, received: list[tuple[Update, str]]) -> None:
        """Commit the updates (each with its JSON as received) to the inbox, then hand the new
        ones to the Application."""
        new = [update for update, _ in received]
        if self._store is not None and received:
            rows = [(update.update_id, body) for update, body in received]
            try:
                fresh = set(await self._store.receive(rows))
            except StoreError as exc:
                self._inbox_failed(f"{exc}; handling the updates without it")
            else:
                self._inbox_works()
                new = [u for u in new if u.update_id in fresh]
        for update in new:
            await self._feed(update)

    async def accept_new(self, received: list[tuple[Update, str]]) -> None:
        """Updates known to be new (polling, once past the first batch): handed to the
        Application at once, returning once they are committed to the inbox. The commit, not
        the handling, is what must come before they are confirmed."""
        committed = None
        if self._store is not None and received:
            try:
                committed = self._store.receive_soon([(u.update_id, body) for u, body in received])
            except StoreError as exc:
                self._inbox_failed(f"{exc}; handling the updates without it")
        for update, _ in received:
            await self._feed(update)
        if committed is not None:
            try:
                await asyncio.shield(committed)
            except Exception as exc:
                self._inbox_failed(f"{exc}; the updates are handled without it")
            else:
                self._inbox_works()

    def _inbox_failed(self, why: str) -> None:
        """An inbox write failed: one ERROR line per outage, not one per update (a webhook
        brings one update a request); the repeats at DEBUG."""
        LOGGER.log(logging.DEBUG if self._inbox_failing else logging.ERROR, "inbox: %s", why)
        self._inbox_failing = True

    def _inbox_works(self) -> None:
        if self._inbox_failing:
            LOGGER.warning("inbox: updates are kept again")
            self._inbox_failing = False

    async def recover(self) -> None:
        """Handle what a previous run received and never handled (see the module docstring)."""
        if self._store is None:
            return
        try:
            bodies, expired = await self._store.pending_updates(self._tuning.inbox_max_age_s)
        except StoreError as exc:
            LOGGER.error("inbox: %s; nothing recovered", exc)
            return
        if expired:
            LOGGER.warning("inbox: %d updates received more than %ds ago were never handled; given up",
                           expired, self._tuning.inbox_max_age_s)
        updates = [u for u in (parse_update(json.loads(b), self._app) for b in bodies) if u is not None]
        if updates:
            LOGGER.warning("inbox: handling %d updates received before a restart and never handled", len(updates))
        for update in updates:
            await self._feed(update)

    async def _feed(self, update: Update) -> None:
        self.in_hand += 1
        await self._app.update_queue.put(update)

    def _handled(self, update: Update) -> None:
        task = asyncio.get_running_loop().create_task(self._after(update.update_id), name="storybot-handled")
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    async def _after(self, update_id: int) -> None:
        # The room is given back once the done mark is committed, not when the reply left: a
        # crash answers again what was replied to and not yet marked, so on a slow disk that
        # window must stay within max_in_hand instead of growing with the load.
        try:
            if self._store is not None:
                await self._store.mark_done(update_id)
        finally:
            self.in_hand -= 1
            async with self._room:
                self._room.notify_all()

    def room(self) -> int:
        return max(0, self._tuning.max_in_hand - self.in_hand)

    async def wait_for_room(self, timeout: float | None = None) -> None:
        async with self._room:
            await asyncio.wait_for(self._room.wait_for(lambda: self.room() > 0), timeout)

    async def drain(self) -> None:
        """Wait for the inbox writes still in flight (before the store is closed)."""
        await asyncio.gather(*self._writes, return_exceptions=True)


# --------------------------------------------------------------------------- long polling


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except asyncio.TimeoutError:
        pass


async def poll(app: Application, intake: Intake, tuning: Tuning, stop: asyncio.Event) -> None:  # type: ignore[type-arg]
    """getUpdates until `stop`: ask only for the room left; commit each batch before the next call confirms it."""
    await app.bot.delete_webhook()
    offset = 0
    failures = 0
    first = True  # the first batch may repeat what the inbox already holds (a restart): dedupe it
    while not stop.is_set():
        room = intake.room()
        if room == 0:
            try:
                await intake.wait_for_room(timeout=1.0)
            except asyncio.TimeoutError:
                pass
            continue
        # The raw JSON, not Update objects: it is what the inbox keeps (re-encoding an Update
        # costs more than the rest of its intake).
        fetch = asyncio.ensure_future(app.bot.do_api_request(
            "getUpdates",
            api_kwargs={"offset": offset, "limit": min(100, room), "timeout": tuning.poll_timeout_s,
                        "allowed_updates": list(ALLOWED_UPDATES)},
            read_timeout=tuning.poll_timeout_s + tuning.read_timeout_s,
        ))
        intake.ready.set()
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():  # stopping: what this call would fetch stays unconfirmed at Telegram
            fetch.cancel()
            await asyncio.gather(fetch, return_exceptions=True)
            return
        try:
            raw = list(fetch.result())
        except InvalidToken:
            raise
        except TelegramError as exc:
            failures += 1
            delay = min(tuning.bootstrap_backoff_s * 2 ** min(failures - 1, 5), 30.0)
            LOGGER.warning("getUpdates failed (%s); next try in %.1fs", type(exc).__name__, delay)
            await _pause(stop, delay)
            continue
        failures = 0
        if not raw:
            continue
        ids = [d.get("update_id") for d in raw if isinstance(d, dict) and isinstance(d.get("update_id"), int)]
        if not ids:
            LOGGER.warning("skipped %d updates without an update_id", len(raw))
            continue
        offset = max(ids) + 1
        parsed = [(parse_update(d, app), d) for d in raw]
        good = [(update, json.dumps(d)) for update, d in parsed if update is not None]
        if len(good) < len(raw):
            LOGGER.warning("skipped %d malformed updates", len(raw) - len(good))
        # Past the first batch every update is new: the offset has moved beyond what was confirmed.
        await (intake.accept(good) if first else intake.accept_new(good))
        first = False


# --------------------------------------------------------------------------- webhook


class Refusals:
    """The webhook's refusals seen lately, so that each is logged once. Telegram retries an
    update it could not deliver (a body the bot refuses is sent again and again, for hours): the
    first refusal of it is a WARNING, its repeats DEBUG. An update is told by a digest of its
    body (nothing of the body is kept or logged), a body too large to read by its length.
    Bounded: the `keep` seen last."""

    def __init__(self, keep: int = 1024) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._keep = keep

    def first(self, key: str) -> bool:
        """True the first time `key` is refused (of the `keep` last ones), False for a repeat."""
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        if len(self._seen) > self._keep:
            self._seen.popitem(last=False)
        return True


def _update_id(data: Any) -> int | None:
    """The update_id of a body refused as malformed, for the log line (a number, nothing a reader wrote)."""
    update_id = data.get("update_id") if isinstance(data, dict) else None
    return update_id if isinstance(update_id, int) and not isinstance(update_id, bool) else None


@tornado.web.stream_request_body
class _WebhookHandler(tornado.web.RequestHandler):
    """One POST per update: secret checked, body bounded, JSON checked, committed, then 200."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, intake: Intake, app: Application, secret: str, max_body: int,  # type: ignore[type-arg]
                   refusals: Refusals) -> None:
        self._intake, self._app, self._secret, self._max_body = intake, app, secret, max_body
        self._refusals = refusals
        self._body = bytearray()
        self._too_large = False

    def prepare(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self._secret.encode()):
            self._refuse(403)
            return
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > self._max_body):
            self._refuse(413, f"length:{length[:20]}", "over the bound on a body")

    def data_received(self, chunk: bytes) -> None:
        if self._too_large or len(self._body) + len(chunk) > self._max_body:
            self._too_large = True
            self._body.clear()
            return
        self._body.extend(chunk)

    async def post(self) -> None:
        if self._too_large:
            self._refuse(413, "length:unsaid", "over the bound on a body")
            return
        digest = hashlib.sha256(self._body).hexdigest()
        try:
            data = json.loads(bytes(self._body))
        except ValueError:  # not JSON, or not UTF-8
            self._refuse(400, digest, "not JSON")
            return
        update = parse_update(data, self._app)
        if update is None:
            update_id = _update_id(data)
            self._refuse(400, digest, "not a well-formed update" + (f", update_id {update_id}" if update_id is not None else ""))
            return
        if self._intake.room() == 0:
            try:  # holding the answer makes Telegram wait: the webhook's back-pressure
                await self._intake.wait_for_room(timeout=10.0)
            except asyncio.TimeoutError:
                pass
        await self._intake.accept([(update, bytes(self._body).decode("utf-8", "replace"))])
        self.set_status(200)
        self.finish()

    def _refuse(self, status: int, key: str = "", why: str = "") -> None:
        """Answer `status`; a 400 or 413 is logged once per update (`key`), its repeats at
        DEBUG. The 403 of a forged request is not logged (anyone can send those)."""
        if status != 403:
            first = self._refusals.first(f"{status}:{key}")
            LOGGER.log(logging.WARNING if first else logging.DEBUG,
                       "webhook: refused an update (HTTP %d: %s)%s", status, why,
                       "; Telegram may send it again, and its repeats are logged at DEBUG" if first else ", again")
        self.set_status(status)
        self.finish()

    def log_exception(self, *args: Any) -> None:  # tornado's own logging would show the URL path
        LOGGER.error("webhook: request failed", exc_info=args if len(args) == 3 else None)


async def start_webhook(
    app: Application, intake: Intake, settings: Settings, tuning: Tuning,  # type: ignore[type-arg]
) -> tornado.httpserver.HTTPServer:
    """Listen on settings.webhook_listen:port/path, then tell Telegram the URL and the secret."""
    assert settings.webhook_secret is not None and settings.webhook_url is not None  # Settings checks both
    web = tornado.web.Application(
        [(rf"/{settings.webhook_path}/?", _WebhookHandler,
          dict(intake=intake, app=app, secret=settings.webhook_secret, max_body=tuning.max_webhook_body,
               refusals=Refusals())),
         # For a process supervisor: up while the application runs and the store can be read.
         (r"/healthz", HealthHandler, dict(db_path=settings.db_path, ready=lambda: app.running))],
        log_function=lambda handler: None,  # no access lines: nothing about requests in the log
    )
    # Bodies over the bound are refused by prepare() with 413; this closes the connection on
    # anything much larger without reading it.
    server = tornado.httpserver.HTTPServer(web, max_body_size=4 * tuning.max_webhook_body)
    try:
        server.listen(settings.webhook_port, settings.webhook_listen)
    except OSError as exc:  # a port in use, an address not on this machine: say which
        raise OSError(
            f"cannot listen for the webhook on {settings.webhook_listen}:{settings.webhook_port}: "
            f"{exc.strerror or exc} (TELEGRAM_WEBHOOK_LISTEN, TELEGRAM_WEBHOOK_PORT)"
        ) from None
    await app.bot.set_webhook(
        url=settings.webhook_url, secret_token=settings.webhook_secret,
        allowed_updates=list(ALLOWED_UPDATES), max_connections=tuning.webhook_connections,
    )
    intake.ready.set()
    return server
