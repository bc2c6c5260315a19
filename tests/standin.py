"""A stand-in for the Telegram Bot API, over real HTTP on 127.0.0.1, for end-to-end tests.

The bot under test runs the real python-telegram-bot stack and is pointed here with
``base_url=standin.base_url`` (what ``TELEGRAM_API_BASE_URL`` sets in production). The
stand-in checks what Telegram checks and answers the way Telegram answers:

* the token in the URL: a wrong one gives 401 Unauthorized, a malformed one 404;
* HTML messages: only Telegram's tags, balanced, with ``<``, ``>`` and ``&`` escaped
  everywhere else (else 400 "Bad Request: can't parse entities: ..."); the text must be
  1..4096 UTF-16 code units after entity parsing;
* inline keyboards: callback_data 1..64 bytes ("BUTTON_DATA_INVALID");
* callback and inline query ids must exist and be answered once.

It records every call (``calls``) and every message the bot sent (``sent``), pushes updates
to a polling client (long polling with offsets) or POSTs them to a webhook, and injects
faults (HTTP 5xx, 429 with retry_after, dropped connections, slow responses) for a given
number of calls. Small factories build the updates, so tests read like specifications.

Run as a script (``python tests/standin.py``) it serves on an ephemeral port, prints
``PORT <n>`` and takes commands over ``/_standin/...`` (used by the benchmark, which needs
the stand-in in its own process so it does not share a core with the bot it measures).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import socket
import struct
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable

import httpx
import tornado.httpserver
import tornado.netutil
import tornado.web

TEST_TOKEN = "123456:TEST-TOKEN"  # obviously fake; the stand-in accepts only this one by default
BOT_ID = 123456
BOT_USERNAME = "story_test_bot"

MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")

# Form fields whose values python-telegram-bot JSON-encodes (strings are sent raw).
_JSON_FIELDS = frozenset(
    {
        "chat_id", "message_id", "offset", "limit", "timeout", "allowed_updates",
        "reply_markup", "reply_parameters", "reply_to_message_id", "results", "commands",
        "scope", "link_preview_options", "entities", "show_alert", "is_personal",
        "cache_time", "drop_pending_updates", "max_connections", "disable_notification",
        "allow_sending_without_reply", "message_thread_id", "protect_content", "button",
    }
)


# --------------------------------------------------------------------------- HTML checking


class EntityError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's wording."""


_ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
     "a", "code", "pre", "blockquote", "tg-emoji"}
)
_TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ATTR = re.compile(r"([A-Za-z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
            for m in _ATTR.finditer(raw)}


def _check_attrs(name: str, attrs: dict[str, str], offset: int) -> None:
    ok = {
        "a": lambda a: "href" in a and set(a) == {"href"},
        "span": lambda a: a == {"class": "tg-spoiler"},
        "blockquote": lambda a: set(a) <= {"expandable"},
        "tg-emoji": lambda a: "emoji-id" in a,
        "code": lambda a: set(a) <= {"class"},
    }.get(name, lambda a: not a)
    if not ok(attrs):
        raise EntityError(f"can't parse entities: Unsupported attributes of tag \"{name}\" at byte offset {offset}")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def parse_html(text: str) -> str:
    """The visible text of a Telegram-HTML message; raises EntityError like Telegram."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if not m:
                raise EntityError(
                    f"can't parse entities: Unexpected end of name token at byte offset {_byte_offset(text, i)}"
                )
            closing, name = m.group(1) == "/", m.group(2).lower()
            if name not in _ALLOWED_TAGS:
                raise EntityError(
                    f"can't parse entities: Unsupported start tag \"{name}\" at byte offset {_byte_offset(text, i)}"
                )
            if closing:
                if not stack or stack[-1] != name:
                    raise EntityError(
                        f"can't parse entities: Unmatched end tag at byte offset {_byte_offset(text, i)}, expected \"</{stack[-1] if stack else ''}>\", found \"</{name}>\""
                    )
                stack.pop()
            else:
                _check_attrs(name, _attrs(m.group(3)), _byte_offset(text, i))
                if name == "blockquote" and "blockquote" in stack:
                    raise EntityError("can't parse entities: Blockquote entities can't be nested")
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _ENTITY.match(text, i)
            if not m:
                raise EntityError(
                    f"can't parse entities: Character '&' is reserved and must be escaped at byte offset {_byte_offset(text, i)}"
                )
            ref = m.group(1)
            if ref in _NAMED:
                out.append(_NAMED[ref])
            else:
                out.append(chr(int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])))
            i = m.end()
        elif ch == ">":
            raise EntityError(
                f"can't parse entities: Character '>' is reserved and must be escaped at byte offset {_byte_offset(text, i)}"
            )
        else:
            out.append(ch)
            i += 1
    if stack:
        raise EntityError(f"can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1]}\"")
    return "".join(out)


def utf16_len(text: str) -> int:
    """Telegram measures text in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


# ------------------------------------------------------------------------------ factories


@dataclass(frozen=True)
class Chat:
    id: int
    type: str = "private"
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title:
            d["title"] = self.title
        if self.type == "private":
            d["first_name"] = f"Reader{self.id}"
        return d


def user_dict(user_id: int, *, is_bot: bool = False, username: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": f"Reader{user_id}", "language_code": "ar"}
    if username:
        d["username"] = username
    return d


def private_chat(user_id: int) -> Chat:
    return Chat(user_id, "private")


def group_chat(chat_id: int = -1001, title: str = "قراء القصة") -> Chat:
    return Chat(chat_id, "supergroup", title)


def channel_chat(chat_id: int = -1002, title: str = "قناة الأخبار") -> Chat:
    return Chat(chat_id, "channel", title)


def text_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entity for a leading /command and mention entities for @names (UTF-16 offsets)."""
    entities = []
    for m in re.finditer(r"(?<![\w@])(/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?|@[A-Za-z0-9_]{3,})", text):
        kind = "bot_command" if m.group().startswith("/") else "mention"
        if kind == "bot_command" and m.start() != 0:
            continue
        entities.append(
            {"type": kind, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        )
    return entities


# ------------------------------------------------------------------------------- records


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int = 0
    description: str | None = None


@dataclass
class Sent:
    """A message the bot sent (or edited), as the stand-in accepted it."""

    message_id: int
    chat_id: int
    text: str  # as sent (HTML when parse_mode is HTML)
    visible: str  # after entity parsing
    parse_mode: str | None
    reply_to: int | None
    reply_markup: dict[str, Any] | None
    method: str = "sendMessage"

    def buttons(self) -> list[dict[str, Any]]:
        if not self.reply_markup:
            return []
        return [b for row in self.reply_markup.get("inline_keyboard", []) for b in row]

    def button(self, text: str) -> dict[str, Any]:
        return next(b for b in self.buttons() if b["text"] == text)


@dataclass
class Fault:
    """Make the next `count` calls of `method` (or any method but getUpdates) misbehave.

    kind: "status" (HTTP `status`, e.g. 500), "retry_after" (429 with parameters.retry_after),
    "drop" (the request arrived whole, then the connection closes without an answer and the
    call is not processed), "drop_after" (the call is processed, e.g. the message is
    delivered, then the connection closes without an answer: what the bot sees is the same as
    for "drop"), "slow" (sleep `delay` seconds, before processing or, with after=True, after
    processing but before answering), "hold" (wait for `gate` to be set, then process).

    "refuse" is a connection fault, not a call fault: the next `count` connections the bot
    opens are reset as soon as they are accepted, before any request is written on them.
    While it is armed, the stand-in closes each connection after its answer (getUpdates'
    excepted), so the bot's next calls need new connections and meet the fault. `method`
    plays no part in it (no request is read).
    """

    kind: str
    method: str | None = None
    count: int = 1
    status: int = 500
    retry_after: int = 1
    delay: float = 0.0
    after: bool = False
    gate: asyncio.Event | None = None
    match: Callable[[dict[str, Any]], bool] | None = None
    hits: int = 0

    @property
    def armed(self) -> bool:
        return self.hits < self.count

    def applies(self, method: str, params: dict[str, Any]) -> bool:
        if self.kind == "refuse" or self.hits >= self.count:
            return False
        if self.method is None and method == "getUpdates":
            return False
        if self.method is not None and self.method != method:
            return False
        return self.match is None or self.match(params)


class BadRequest(Exception):
    def __init__(self, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.description = description
        self.status = status


# ------------------------------------------------------------------------------ the server


class _Server(tornado.httpserver.HTTPServer):
    """Tornado's server, with the "refuse" fault applied to connections as they are accepted."""

    standin: "StandIn"

    def handle_stream(self, stream: Any, address: tuple[str, int]) -> None:
        fault = next((f for f in self.standin.faults if f.kind == "refuse" and f.armed), None)
        if fault is None:
            self.standin._streams = [s for s in self.standin._streams if not s.closed()] + [stream]
            super().handle_stream(stream, address)
            return
        fault.hits += 1
        # SO_LINGER 0: close with RST, as a failing network path or a refusing peer would.
        stream.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        stream.close()


class StandIn:
    """The fake Bot API. `await start()` in a running loop, `await stop()` at the end."""

    def __init__(self, token: str = TEST_TOKEN, *, bot_id: int = BOT_ID, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_id = bot_id
        self.username = username
        self.port = 0
        self.calls: list[Call] = []
        self.sent: list[Sent] = []
        self._replies: dict[tuple[int, int], list[Sent]] = {}  # (chat, message replied to) -> sent
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}  # (chat, message id) -> a reader's message
        self.faults: list[Fault] = []
        self.commands: list[dict[str, Any]] = []
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.inline_answers: dict[str, dict[str, Any]] = {}
        self.webhook: dict[str, Any] | None = None
        self.webhook_statuses: list[int] = []
        self.allowed_updates: list[str] | None = None
        self._pending: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._query_ids = itertools.count(1)
        self._open_callbacks: set[str] = set()
        self._open_inline: set[str] = set()
        self._reply_waiters: dict[tuple[int, int], asyncio.Future[Sent]] = {}
        self._server: tornado.httpserver.HTTPServer | None = None
        self._changed: asyncio.Condition | None = None
        self._closing = False
        self._webhook_client: httpx.AsyncClient | None = None
        self._webhook_tasks: set[asyncio.Task[None]] = set()
        self._streams: list[Any] = []  # the bot's connections (settled() waits for them to close)
        self._in_flight = 0  # calls being handled

    # -- life cycle ------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """What the bot uses as TELEGRAM_API_BASE_URL (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self, port: int = 0) -> "StandIn":
        self._changed = asyncio.Condition()
        app = tornado.web.Application(
            [
                (r"/bot([^/]*)/([A-Za-z]+)", _ApiHandler, {"standin": self}),
                (r"/_standin/([a-z_]+)", _ControlHandler, {"standin": self}),
            ],
            log_function=lambda handler: None,  # access lines would print the token in the path
        )
        sockets = tornado.netutil.bind_sockets(port, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        self._server = _Server(app, idle_connection_timeout=30)
        self._server.standin = self
        self._server.add_sockets(sockets)
        self._webhook_client = httpx.AsyncClient(timeout=10)
        return self

    async def stop(self) -> None:
        self._closing = True
        await self._notify()  # wake long polls so they answer before the server goes
        for task in list(self._webhook_tasks):
            task.cancel()
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
        if self._webhook_client is not None:
            await self._webhook_client.aclose()

    async def __aenter__(self) -> "StandIn":
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- waiting ---------------------------------------------------------------------

    async def _notify(self) -> None:
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 20.0) -> None:
        """Wait until `predicate()` holds; the timeout only turns a hang into a failure."""
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def settled(self, timeout: float = 60.0) -> None:
        """Wait until a bot that is gone (killed) has nothing left here: every connection it
        opened closed and every call it made handled. A call it wrote before it died may still
        be in a socket's buffer or in a handler (a loaded machine runs the stand-in late), and
        its reply counts as sent before the kill, not after the restart. Polled: nothing
        notifies a connection's close."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._in_flight or any(not s.closed() for s in self._streams):
            if loop.time() > deadline:
                open_ = sum(not s.closed() for s in self._streams)
                raise TimeoutError(f"{open_} connections open, {self._in_flight} calls in hand after {timeout} s")
            await asyncio.sleep(0.01)

    async def reply_to(self, message: dict[str, Any], timeout: float = 20.0) -> Sent:
        """The first message the bot sends in reply to `message`."""
        await self.wait_until(lambda: bool(self.replies_to(message)), timeout)
        return self.replies_to(message)[0]

    def replies_to(self, message: dict[str, Any]) -> list[Sent]:
        """What the bot sent in reply to `message` (indexed: tests poll this under load)."""
        return list(self._replies.get((message["chat"]["id"], message["message_id"]), ()))

    def sent_to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id]

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def inject(self, kind: str, method: str | None = "sendMessage", **kwargs: Any) -> Fault:
        fault = Fault(kind, method, **kwargs)
        self.faults.append(fault)
        return fault

    # -- updates ---------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates, or POST it to the webhook if one is set."""
        update = {"update_id": next(self._update_ids), **update}
        if self.webhook:
            task = asyncio.get_running_loop().create_task(self._post_webhook(update))
            self._webhook_tasks.add(task)
            task.add_done_callback(self._webhook_tasks.discard)
        else:
            self._pending.append(update)
            asyncio.get_running_loop().create_task(self._notify())
        return update

    async def _post_webhook(self, update: dict[str, Any]) -> None:
        """POST one update; as Telegram does, repeat it (every 0.2 s, a minute at most) until the
        bot answers 2xx: an update the bot did not accept is not lost at Telegram's side."""
        for _ in range(300):
            if self._closing or self.webhook is None:
                return
            headers = {}
            if self.webhook.get("secret_token"):
                headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
            try:
                status = await self.post_webhook_raw(update, headers)
            except httpx.TransportError:
                status = -1  # the bot is not listening (not yet, or it was killed)
            self.webhook_statuses.append(status)
            if 200 <= status < 300:
                return
            await asyncio.sleep(0.2)

    async def post_webhook_raw(self, update: dict[str, Any] | bytes, headers: dict[str, str] | None = None, *,
                               secret: bool = False) -> int:
        """POST an update (or any bytes) to the webhook URL the bot set, with the given headers
        (forgeries too); secret=True adds the right secret header, as Telegram does."""
        assert self.webhook is not None and self._webhook_client is not None
        headers = dict(headers or {})
        if secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        body = update if isinstance(update, bytes) else json.dumps(update).encode()
        headers.setdefault("Content-Type", "application/json")
        response = await self._webhook_client.post(self.webhook["url"], content=body, headers=headers)
        return response.status_code

    def message(
        self,
        text: str | None,
        *,
        user_id: int,
        chat: Chat | None = None,
        reply_to: dict[str, Any] | Sent | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A message dict from `user_id` in `chat` (default: their private chat)."""
        chat = chat or private_chat(user_id)
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat.to_dict(),
            "from": user_dict(user_id),
        }
        self._messages[(chat.id, msg["message_id"])] = msg
        if text is not None:
            msg["text"] = text
            entities = text_entities(text)
            if entities:
                msg["entities"] = entities
        if reply_to is not None:
            msg["reply_to_message"] = self._as_message(reply_to)
        msg.update(extra)
        return msg

    def _as_message(self, m: dict[str, Any] | Sent) -> dict[str, Any]:
        if isinstance(m, Sent):
            return {
                "message_id": m.message_id,
                "date": int(time.time()),
                "chat": {"id": m.chat_id, "type": "private" if m.chat_id > 0 else "supergroup", "title": "g"},
                "from": user_dict(self.bot_id, is_bot=True, username=self.username),
                "text": m.visible,
            }
        return m

    def send_text(self, text: str, *, user_id: int = 1, chat: Chat | None = None,
                  reply_to: dict[str, Any] | Sent | None = None) -> dict[str, Any]:
        """A reader sends `text`; returns the message (to find the bot's reply)."""
        msg = self.message(text, user_id=user_id, chat=chat, reply_to=reply_to)
        self.push({"message": msg})
        return msg

    def send_sticker(self, *, user_id: int = 1, chat: Chat | None = None) -> dict[str, Any]:
        sticker = {"file_id": "STICKER1", "file_unique_id": "S1", "type": "regular",
                   "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": "😀"}
        msg = self.message(None, user_id=user_id, chat=chat, sticker=sticker)
        self.push({"message": msg})
        return msg

    def send_photo(self, *, user_id: int = 1, chat: Chat | None = None, caption: str | None = None) -> dict[str, Any]:
        photo = [{"file_id": "PHOTO1", "file_unique_id": "P1", "width": 90, "height": 90}]
        extra: dict[str, Any] = {"photo": photo}
        if caption:
            extra["caption"] = caption
        msg = self.message(None, user_id=user_id, chat=chat, **extra)
        self.push({"message": msg})
        return msg

    def edit_text(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        edited = {**message, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        if text_entities(text):
            edited["entities"] = text_entities(text)
        self.push({"edited_message": edited})
        return edited

    def channel_post(self, text: str, chat: Chat | None = None) -> dict[str, Any]:
        chat = chat or channel_chat()
        post = {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": chat.to_dict(), "text": text}
        self.push({"channel_post": post})
        return post

    def press(self, sent: Sent, data: str, *, user_id: int = 1) -> str:
        """A reader presses the inline button with `data` under `sent`; returns the query id.
        As Telegram does, the message carries the one it replies to (a reader's message)."""
        query_id = f"cq{next(self._query_ids)}"
        self._open_callbacks.add(query_id)
        message = self._as_message(sent)
        replied = self._messages.get((sent.chat_id, sent.reply_to)) if sent.reply_to is not None else None
        if replied is not None:
            message["reply_to_message"] = {k: v for k, v in replied.items() if k != "reply_to_message"}
        self.push({"callback_query": {"id": query_id, "from": user_dict(user_id),
                                      "chat_instance": "ci1", "data": data,
                                      "message": message}})
        return query_id

    def inline_query(self, query: str, *, user_id: int = 1) -> str:
        query_id = f"iq{next(self._query_ids)}"
        self._open_inline.add(query_id)
        self.push({"inline_query": {"id": query_id, "from": user_dict(user_id), "query": query, "offset": ""}})
        return query_id

    # -- the benchmark driver ----------------------------------------------------------

    async def drive(self, questions: list[str], n: int, in_flight: int, first_user: int = 10_000,
                    users: int | None = None) -> float:
        """Closed loop: `in_flight` readers each ask, wait for the reply, ask again; n in all.
        Question k comes from user first_user + k % users (default: one user per reader).

        Returns the seconds from the first question to the last reply.
        """
        loop = asyncio.get_running_loop()

        async def reader(slot: int) -> None:
            for k in range(slot, n, in_flight):
                user = first_user + (k % users if users else slot)
                msg = self.message(questions[k % len(questions)], user_id=user)
                key = (msg["chat"]["id"], msg["message_id"])
                self._reply_waiters[key] = loop.create_future()
                self.push({"message": msg})
                await self._reply_waiters[key]
                del self._reply_waiters[key]

        start = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(reader(i) for i in range(in_flight))), 600)
        return time.perf_counter() - start

    # -- the API -----------------------------------------------------------------------

    async def handle(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if not _TOKEN_SHAPE.match(token):
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        if token != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        try:
            result = await handler(params)
        except BadRequest as exc:
            code = exc.status
            desc = exc.description if code != 400 else f"Bad Request: {exc.description}"
            return code, {"ok": False, "error_code": code, "description": desc}
        return 200, {"ok": True, "result": result}

    def _bot_user(self) -> dict[str, Any]:
        return user_dict(self.bot_id, is_bot=True, username=self.username)

    async def api_getMe(self, p: dict[str, Any]) -> dict[str, Any]:
        return {**self._bot_user(), "first_name": "StoryBot", "can_join_groups": True,
                "can_read_all_group_messages": False, "supports_inline_queries": True}

    async def api_getUpdates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook:
            raise BadRequest("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", 409)
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        timeout = float(p.get("timeout") or 0)
        if "allowed_updates" in p and p["allowed_updates"] is not None:
            self.allowed_updates = list(p["allowed_updates"]) or None
        if offset:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]

        def ready() -> list[dict[str, Any]]:
            wanted = self.allowed_updates
            return [u for u in self._pending if wanted is None or any(k in u for k in wanted)][:limit]

        if not ready() and timeout > 0 and not self._closing:
            try:
                await self.wait_until(lambda: bool(ready()) or self._closing, timeout)
            except asyncio.TimeoutError:
                pass
        return ready()

    async def api_setWebhook(self, p: dict[str, Any]) -> bool:
        if not str(p.get("url", "")):
            self.webhook = None
            return True
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise BadRequest("secret token contains unallowed characters")
        self.webhook = {"url": str(p["url"]), "secret_token": secret}
        if p.get("drop_pending_updates"):
            self._pending.clear()
        # Updates queued while polling are delivered to the new webhook, as Telegram does.
        pending, self._pending = self._pending, []
        for u in pending:
            task = asyncio.get_running_loop().create_task(self._post_webhook(u))
            self._webhook_tasks.add(task)
            task.add_done_callback(self._webhook_tasks.discard)
        return True

    async def api_deleteWebhook(self, p: dict[str, Any]) -> bool:
        self.webhook = None
        if p.get("drop_pending_updates"):
            self._pending.clear()
        return True

    async def api_getWebhookInfo(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self._pending)}

    async def api_setMyCommands(self, p: dict[str, Any]) -> bool:
        commands = p.get("commands") or []
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c.get("command", "")) or not 1 <= len(c.get("description", "")) <= 256:
                raise BadRequest("BOT_COMMAND_INVALID")
        self.commands = commands
        return True

    async def api_sendChatAction(self, p: dict[str, Any]) -> bool:
        if p.get("action") not in {"typing", "upload_photo", "record_video", "upload_video", "record_voice",
                                   "upload_voice", "upload_document", "choose_sticker", "find_location",
                                   "record_video_note", "upload_video_note"}:
            raise BadRequest("wrong parameter action in request")
        return True

    def _check_text(self, text: str, parse_mode: str | None) -> str:
        if parse_mode is None:
            visible = text
        elif str(parse_mode).upper() == "HTML":
            try:
                visible = parse_html(text)
            except EntityError as exc:
                raise BadRequest(str(exc)) from None
        else:
            raise BadRequest("unsupported parse_mode in this stand-in")
        if not visible.strip():
            raise BadRequest("message text is empty")
        if utf16_len(visible) > MAX_TEXT:
            raise BadRequest("message is too long")
        return visible

    def _check_markup(self, markup: Any) -> dict[str, Any] | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise BadRequest("can't parse reply keyboard markup JSON object")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if not button.get("text"):
                    raise BadRequest("BUTTON_TEXT_EMPTY")
                if "callback_data" in button:
                    size = len(str(button["callback_data"]).encode("utf-8"))
                    if not 1 <= size <= MAX_CALLBACK_DATA:
                        raise BadRequest("BUTTON_DATA_INVALID")
        return markup

    async def api_sendMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        if "chat_id" not in p or "text" not in p:
            raise BadRequest("message text is empty" if "text" not in p else "chat not found")
        text, parse_mode = str(p["text"]), p.get("parse_mode")
        visible = self._check_text(text, parse_mode)
        markup = self._check_markup(p.get("reply_markup"))
        reply_to = (p.get("reply_parameters") or {}).get("message_id") or p.get("reply_to_message_id")
        chat_id = int(p["chat_id"])
        sent = Sent(next(self._message_ids), chat_id, text, visible, parse_mode, reply_to, markup)
        self.sent.append(sent)
        if reply_to:
            self._replies.setdefault((chat_id, int(reply_to)), []).append(sent)
        waiter = self._reply_waiters.get((chat_id, reply_to)) if reply_to else None
        if waiter is not None and not waiter.done():
            waiter.set_result(sent)
        result = {"message_id": sent.message_id, "date": int(time.time()),
                  "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                  "from": self._bot_user(), "text": visible}
        if markup:
            result["reply_markup"] = markup
        return result

    async def api_editMessageText(self, p: dict[str, Any]) -> dict[str, Any]:
        visible = self._check_text(str(p.get("text", "")), p.get("parse_mode"))
        markup = self._check_markup(p.get("reply_markup"))
        chat_id, message_id = int(p["chat_id"]), int(p["message_id"])
        self.sent.append(Sent(message_id, chat_id, str(p["text"]), visible, p.get("parse_mode"), None, markup, "editMessageText"))
        return {"message_id": message_id, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"}, "text": visible}

    async def api_editMessageReplyMarkup(self, p: dict[str, Any]) -> dict[str, Any] | bool:
        self._check_markup(p.get("reply_markup"))
        return True

    async def api_answerCallbackQuery(self, p: dict[str, Any]) -> bool:
        query_id = str(p.get("callback_query_id"))
        if query_id not in self._open_callbacks:
            raise BadRequest("query is too old and response timeout expired or query ID is invalid")
        self._open_callbacks.discard(query_id)
        if len(str(p.get("text", ""))) > 200:
            raise BadRequest("MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = p
        return True

    async def api_answerInlineQuery(self, p: dict[str, Any]) -> bool:
        query_id = str(p.get("inline_query_id"))
        if query_id not in self._open_inline:
            raise BadRequest("query is too old and response timeout expired or query ID is invalid")
        results = p.get("results") or []
        if len(results) > 50:
            raise BadRequest("RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise BadRequest("RESULT_ID_INVALID")
        for r in results:
            if r.get("type") != "article" or not r.get("title"):
                raise BadRequest("RESULT_TITLE_EMPTY")
            content = r.get("input_message_content") or {}
            self._check_text(str(content.get("message_text", "")), content.get("parse_mode"))
            self._check_markup(r.get("reply_markup"))
        self._open_inline.discard(query_id)
        self.inline_answers[query_id] = p
        return True


def _decode_params(handler: tornado.web.RequestHandler) -> dict[str, Any]:
    content_type = handler.request.headers.get("Content-Type", "")
    if content_type.startswith("application/json"):
        return json.loads(handler.request.body or b"{}")
    params: dict[str, Any] = {}
    for name, values in {**handler.request.query_arguments, **handler.request.body_arguments}.items():
        raw = values[-1].decode("utf-8")
        if name in _JSON_FIELDS:
            try:
                params[name] = json.loads(raw)
            except ValueError:
                params[name] = raw
        else:
            params[name] = raw
    return params


class _ApiHandler(tornado.web.RequestHandler):
    def initialize(self, standin: StandIn) -> None:
        self.standin = standin

    async def post(self, token: str, method: str) -> None:
        self.standin._in_flight += 1
        try:
            await self._post(token, method)
        finally:
            self.standin._in_flight -= 1

    async def _post(self, token: str, method: str) -> None:
        standin = self.standin
        params = _decode_params(self)
        fault = next((f for f in standin.faults if f.applies(method, params)), None)
        if fault is not None:
            fault.hits += 1
        call = Call(method, params)  # recorded on arrival (status 0 until answered)
        standin.calls.append(call)
        await standin._notify()
        if fault is not None and fault.kind == "drop":
            call.status, call.description = -1, "dropped"
            self._drop()
            return
        if fault is not None and fault.kind in ("status", "retry_after"):
            code = 429 if fault.kind == "retry_after" else fault.status
            if code == 429:
                description = f"Too Many Requests: retry after {fault.retry_after}"
            elif code == 400:
                description = "Bad Request: injected fault"
            else:
                description = {502: "Bad Gateway", 503: "Service Unavailable"}.get(code, "Internal Server Error")
            body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
            if code == 429:
                body["parameters"] = {"retry_after": fault.retry_after}
            call.status, call.description = code, body["description"]
            await standin._notify()
            self._write(code, body)
            return
        if fault is not None and fault.kind == "hold" and fault.gate is not None:
            await fault.gate.wait()
        if fault is not None and fault.kind == "slow" and not fault.after:
            await asyncio.sleep(fault.delay)
        code, body = await standin.handle(token, method, params)
        call.status, call.description = code, body.get("description")
        await standin._notify()
        if fault is not None and fault.kind == "drop_after":
            call.description = f"{call.description or 'processed'}; then dropped"
            self._drop()
            return
        if fault is not None and fault.kind == "slow" and fault.after:
            await asyncio.sleep(fault.delay)
        written = self._write(code, body)
        if written is not None and method != "getUpdates" and any(f.kind == "refuse" and f.armed for f in standin.faults):
            await written  # the answer is out; now the next call needs a new connection
            self.request.connection.close()  # type: ignore[attr-defined]

    get = post

    def _drop(self) -> None:
        """Close the connection with no answer at all."""
        self.request.connection.detach().close()  # type: ignore[attr-defined]
        self._finished = True  # nothing more to write: tornado must not try to finish it

    def _write(self, code: int, body: dict[str, Any]) -> "asyncio.Future[None] | None":
        if self.request.connection is None or self._finished:
            return None
        self.set_status(code)
        self.set_header("Content-Type", "application/json")
        try:
            # ASCII JSON, as Telegram sends: a lone surrogate in a text travels as "\ud800".
            return self.finish(json.dumps(body))
        except Exception:  # the client went away (e.g. it timed out); nothing to answer
            return None


class _ControlHandler(tornado.web.RequestHandler):
    """Commands for a stand-in in another process (the benchmark)."""

    def initialize(self, standin: StandIn) -> None:
        self.standin = standin

    async def post(self, command: str) -> None:
        body = json.loads(self.request.body or b"{}")
        s = self.standin
        if command == "wait_polling":
            polls = len(s.calls_to("getUpdates"))
            await s.wait_until(lambda: len(s.calls_to("getUpdates")) > polls, 60)
            result: Any = True
        elif command == "drive":
            result = {"elapsed": await s.drive(body["questions"], body["n"], body["in_flight"],
                                               body.get("first_user", 10_000), body.get("users"))}
        elif command == "stats":
            counts: dict[str, int] = {}
            for c in s.calls:
                counts[c.method] = counts.get(c.method, 0) + 1
            result = {"calls": counts, "sent": len(s.sent),
                      "errors": [c.description for c in s.calls if c.status not in (0, 200, -1)][:20]}
        elif command == "reset":
            s.calls.clear()
            s.sent.clear()
            s._replies.clear()
            result = True
        else:
            self.set_status(404)
            result = None
        self.finish(json.dumps({"ok": True, "result": result}))


async def _serve_forever(port: int) -> None:
    standin = await StandIn().start(port)
    print(f"PORT {standin.port}", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(_serve_forever(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
    except KeyboardInterrupt:
        pass
