"""`storybot dashboard`: the editors' web dashboard, on tornado (already here through PTB's webhooks extra).

Routes:
  GET  /                               all stories: figures, chart, top unanswered, latest, the story list (?page=N)
  GET  /story/<id>                     the same for one story
  GET  /unanswered.csv                 `storybot export --unanswered`, all stories
  GET  /story/<id>/unanswered.csv      the same for one story
  GET  /login, POST /login             the token, once, for a session cookie
  POST /logout                         drops the cookie
  GET  /healthz                        for a process supervisor (no login; see bot.health)

Access: `STORYBOT_DASHBOARD_TOKEN`, sent as `Authorization: Bearer <token>` (scripts), or
typed once into the login form, which sets a signed session cookie (Secure, HttpOnly,
SameSite=Strict; tornado's signed cookies, keyed by a secret derived from the token, so
changing the token ends every session). Tokens are compared in constant time (on their
SHA-256, so not even the length leaks); a wrong one gets no page, after a short delay that
slows guessing. POSTs carry tornado's XSRF token. The token is never logged, printed, or put
in a page (the log redacts it anyway, with the Telegram wing's redaction).

Every page sets a Content-Security-Policy without scripts (`default-src 'none'`): the
dashboard needs no JavaScript, so an injected script could not run even if escaping failed.
Questions are readers' input: the templates escape everything (tornado's autoescape).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import logging
import re
import signal
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any, Callable, Optional

import tornado.httpserver
import tornado.httputil
import tornado.web

from bot.config import ConfigError, Settings, load_settings
from bot.dashboard import queries
from bot.dashboard.chart import daily_chart_svg
from bot.health import HealthHandler
from bot.dashboard.views import TEMPLATE_HELPERS, safe_next
from bot.store import damage, page_check
from bot.store.database import StoreError

logger = logging.getLogger("storybot.dashboard")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_CONFIG = 3

SESSION_COOKIE = "storybot_session"
SESSION_DAYS = 7
# Any id the store holds, not only the catalogue's alphabet (A-Z a-z 0-9 _ -, 1 to 64): a
# question's story may be a file's (`--article`, `NAME-2` past 64 characters) or an older
# version's, and a story the overview lists must open. Tornado hands the handler the segment
# percent-decoded; an id no question and no story has is a 404 (queries.read_story).
STORY_ID = r"([^/]{1,256})"
TOP_UNANSWERED = 20
_HERE = Path(__file__).resolve().parent
_COOKIE_FLAGS: dict[str, Any] = {"httponly": True, "secure": True, "samesite": "Strict"}
_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def token_matches(candidate: str, token: str) -> bool:
    """Constant-time comparison (of digests, so the time says nothing about the length either)."""
    return hmac.compare_digest(_digest(candidate), _digest(token))


def cookie_secret_for(token: str) -> str:
    """The session cookies' signing key: derived from the token, never the token itself."""
    return hmac.new(token.encode("utf-8"), b"storybot-dashboard-session-v1", hashlib.sha256).hexdigest()


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, else None."""
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


class BaseHandler(tornado.web.RequestHandler):
    """Security headers, authentication, and error pages that never carry exception text."""

    requires_login = True

    def initialize(self, db_path: Path, token: str, failure_delay_s: float, clock: Callable[[], float]) -> None:
        self.db_path = db_path
        self.token = token
        self.failure_delay_s = failure_delay_s
        self.clock = clock

    def set_default_headers(self) -> None:
        self.clear_header("Server")
        self.set_header("Content-Security-Policy", _CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")  # pages hold what readers asked

    def get_current_user(self) -> Optional[str]:
        header = self.request.headers.get("Authorization")
        if header is not None:  # a script: the header decides, never the cookie
            candidate = bearer_token(header)
            return "bearer" if candidate is not None and token_matches(candidate, self.token) else None
        session = self.get_signed_cookie(SESSION_COOKIE, max_age_days=SESSION_DAYS)
        return "session" if session == b"editor" else None

    def get_template_namespace(self) -> dict[str, Any]:
        namespace = super().get_template_namespace()
        namespace.update(TEMPLATE_HELPERS)
        return namespace

    async def prepare(self) -> None:
        if not self.requires_login or self.current_user:
            return
        if "Authorization" in self.request.headers:
            await asyncio.sleep(self.failure_delay_s)
            self.set_header("WWW-Authenticate", 'Bearer realm="storybot dashboard"')
            self.set_status(401)
            self.finish("401: a valid bearer token is required\n")
        elif self.request.method in ("GET", "HEAD"):
            self.redirect("/login?" + tornado.httputil.urlencode({"next": self.request.uri}))
        else:
            raise tornado.web.HTTPError(403)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        headings = {404: "الصفحة غير موجودة", 403: "غير مسموح"}
        self.render(
            "error.html",
            heading=headings.get(status_code, "خطأ"),
            message=f"رمز الخطأ {status_code}.",
        )

    def store_unavailable(self, exc: StoreError) -> None:
        """503: an Arabic page that says why in the editors' words (no file, a damaged file, a
        file it cannot read); the store's own explanation, with its path, goes to the log."""
        logger.warning("conversation store not readable: %s", exc)
        self.set_status(503)
        self.render("error.html", heading="مخزن المحادثات غير متاح", message=unavailable_message(self.db_path))


# The 503 page's message, by what is wrong with the store (bot.dashboard.server.unavailable_message).
STORE_MISSING = "لا يوجد مخزن للمحادثات بعد: لم يبدأ البوت بعد، أو أن إعداد المخزن يشير إلى ملف آخر."
STORE_DAMAGED = ("ملف مخزن المحادثات تالف، فلا تُعرض أرقامه لأنها قد تكون ناقصة. "
                 "استعِده من نسخة احتياطية؛ التفاصيل في سجلّ اللوحة.")
STORE_UNREADABLE = ("تعذّرت قراءة مخزن المحادثات: الملف ليس مخزنًا تقرؤه هذه النسخة "
                    "(أقدم منها أو أحدث، أو ليس ملف البوت). التفاصيل في سجلّ اللوحة.")


def unavailable_message(db_path: Path) -> str:
    """Why the store cannot be shown, for the page: never the path nor what SQLite said."""
    if not db_path.exists():
        return STORE_MISSING
    if damage.met(db_path) is not None:
        return STORE_DAMAGED
    return STORE_UNREADABLE


class PageHandler(BaseHandler):
    """All stories (no id) or one story."""

    async def get(self, story_id: str | None = None) -> None:
        now = self.clock()
        try:
            page = int(self.get_query_argument("page", "1"))
        except ValueError:
            page = 1
        try:
            async with queries.open_read_only(self.db_path) as db:
                story = None
                if story_id is not None:
                    story = await queries.read_story(db, story_id)
                    if story is None:
                        raise tornado.web.HTTPError(404)
                summary = await queries.read_summary(db, story_id, now)
                days = await queries.read_days(db, story_id, now)
                top = await queries.read_unanswered(db, story_id, limit=TOP_UNANSWERED)
                latest = await queries.read_latest(db, story_id)
                stories = await queries.read_stories(db, page) if story_id is None else None
        except StoreError as exc:
            self.store_unavailable(exc)
            return
        self.render(
            "dashboard.html",
            heading=story.title if story is not None else "كل القصص",
            story=story,
            summary=summary,
            days=days,
            chart=daily_chart_svg(days),
            top_unanswered=top,
            latest=latest,
            stories=stories,
            csv_url=f"/story/{story_id}/unanswered.csv" if story_id else "/unanswered.csv",
        )


def attachment(name: str) -> str:
    """A Content-Disposition for a download named `name`: a name beyond A-Z a-z 0-9 . _ -
    (an Arabic story id) goes in RFC 6266's filename* (UTF-8, percent-encoded), which tornado
    accepts in a header and browsers use, with a plain name beside it for older clients."""
    if re.fullmatch(r"[A-Za-z0-9._-]+", name):
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"unanswered-story.csv\"; filename*=UTF-8''{urllib.parse.quote(name, safe='')}"


class UnansweredCsvHandler(BaseHandler):
    """The rows of `storybot export --unanswered`, for all stories or one."""

    async def get(self, story_id: str | None = None) -> None:
        from bot.store.cli import write_unanswered_csv

        try:
            async with queries.open_read_only(self.db_path) as db:
                if story_id is not None and await queries.read_story(db, story_id) is None:
                    raise tornado.web.HTTPError(404)
                rows = await queries.read_unanswered(db, story_id)
        except StoreError as exc:
            self.store_unavailable(exc)
            return
        # A byte order mark first: a spreadsheet opened on the download (Excel) reads a CSV
        # without one in the system's code page and garbles every Arabic question.
        # `storybot export` writes none: its output goes to pipes and scripts.
        out = io.StringIO("\ufeff")
        out.seek(0, io.SEEK_END)
        write_unanswered_csv(rows, out)
        name = f"unanswered-{story_id}.csv" if story_id else "unanswered.csv"
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", attachment(name))
        self.finish(out.getvalue())


class LoginHandler(BaseHandler):
    requires_login = False

    def get(self) -> None:
        next_url = safe_next(self.get_query_argument("next", "/"))
        if self.current_user:
            self.redirect(next_url)
            return
        self.render("login.html", error=None, next_url=next_url)

    async def post(self) -> None:
        next_url = safe_next(self.get_body_argument("next", "/"))
        if token_matches(self.get_body_argument("token", ""), self.token):
            self.set_signed_cookie(SESSION_COOKIE, "editor", expires_days=SESSION_DAYS, path="/", **_COOKIE_FLAGS)
            self.redirect(next_url, status=303)
            return
        logger.info("dashboard login refused from %s", self.request.remote_ip)
        await asyncio.sleep(self.failure_delay_s)
        self.set_status(403)
        self.render("login.html", error="الرمز غير صحيح.", next_url=next_url)


class LogoutHandler(BaseHandler):
    requires_login = False

    def post(self) -> None:
        self.clear_cookie(SESSION_COOKIE, path="/", **_COOKIE_FLAGS)
        self.redirect("/login", status=303)


class NotFoundHandler(BaseHandler):
    requires_login = False

    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


def make_app(
    db_path: Path, token: str, *, failure_delay_s: float = 1.0, clock: Callable[[], float] = time.time
) -> tornado.web.Application:
    """The dashboard's tornado Application (tests serve it on a free port)."""
    shared = {"db_path": Path(db_path), "token": token, "failure_delay_s": failure_delay_s, "clock": clock}
    return tornado.web.Application(
        [
            (r"/", PageHandler, shared),
            (rf"/story/{STORY_ID}", PageHandler, shared),
            (r"/unanswered\.csv", UnansweredCsvHandler, shared),
            (rf"/story/{STORY_ID}/unanswered\.csv", UnansweredCsvHandler, shared),
            (r"/login", LoginHandler, shared),
            (r"/logout", LogoutHandler, shared),
            (r"/healthz", HealthHandler, {"db_path": Path(db_path)}),
        ],
        template_path=str(_HERE / "templates"),
        static_path=str(_HERE / "static"),
        cookie_secret=cookie_secret_for(token),
        xsrf_cookies=True,
        xsrf_cookie_kwargs=dict(_COOKIE_FLAGS),
        login_url="/login",
        default_handler_class=NotFoundHandler,
        default_handler_args=shared,
        autoescape="xhtml_escape",
        compiled_template_cache=True,
        serve_traceback=False,
    )


def _setup_logging(settings: Settings, token: str) -> None:
    from bot.telegram.redaction import install_redaction  # redaction only; loads no Telegram code

    install_redaction([token])
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        level=getattr(logging, settings.log_level, logging.INFO),
    )
    # At DEBUG aiosqlite logs every statement with its parameters: readers' questions.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)


async def serve(
    settings: Settings, token: str, stop: asyncio.Event, *, check_interval_s: float = page_check.CHECK_INTERVAL_S
) -> int:
    """Listen until `stop` is set; EXIT_ERROR if the address cannot be bound. Every page of the
    store is read now and every `check_interval_s` in the background, for /healthz (bot.store.page_check)."""
    app = make_app(settings.db_path, token)
    try:
        server = tornado.httpserver.HTTPServer(app, xheaders=False)
        server.listen(settings.dashboard_port, settings.dashboard_listen)
    except OSError as exc:
        print(
            f"storybot dashboard: cannot listen on {settings.dashboard_listen}:{settings.dashboard_port}: "
            f"{exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        queries.check_readable(settings.db_path)
    except StoreError as exc:  # serve anyway: the bot may create it later; /healthz says 503 until then
        logger.warning("the conversation store is not readable yet: %s", exc)
    async with page_check.watching(settings.db_path, interval_s=check_interval_s):
        logger.info("dashboard on http://%s:%d/", settings.dashboard_listen, settings.dashboard_port)
        await stop.wait()
    logger.info("dashboard stopping")
    server.stop()
    await server.close_all_connections()
    return EXIT_OK


async def _main(settings: Settings, token: str) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return await serve(settings, token, stop)


def run() -> int:
    """Entry point of `storybot dashboard` (dispatched from bot.cli)."""
    try:
        settings = load_settings()
        token = settings.require_dashboard_token()
    except ConfigError as exc:
        print(f"storybot dashboard: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    _setup_logging(settings, token)
    return asyncio.run(_main(settings, token))
