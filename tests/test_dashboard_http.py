"""The dashboard over real HTTP (tornado on 127.0.0.1, httpx as the client), on a real store.

httpx's cookie jar never sends a Secure cookie over plain http, so the tests carry cookies by
hand: that also lets them check the cookie's attributes exactly.
"""

from __future__ import annotations

import asyncio
import codecs
import csv
import hashlib
import io
import json
import logging
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import AsyncIterator

import httpx
import pytest
import tornado.httpserver

from bot.store.schema import SCHEMA_VERSION
from bot.dashboard import server
from bot.dashboard.server import SESSION_COOKIE, make_app
from conftest import eventually, free_port
from dashboard_store import HOSTILE, NOW, fill

TOKEN = "dashboard-test-token-0123456789"
WRONG = "dashboard-wrong-token-987654321"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Served:
    base: str
    db_path: Path
    client: httpx.AsyncClient


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    path = tmp_path / "storybot.db"
    await fill(path)
    app = make_app(path, TOKEN, failure_delay_s=0.0, clock=lambda: NOW)
    server = tornado.httpserver.HTTPServer(app)
    port = free_port()
    server.listen(port, "127.0.0.1")
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, follow_redirects=False, timeout=10) as client:
        yield Served(base, path, client)
    server.stop()
    await server.close_all_connections()


def bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def set_cookies(response: httpx.Response) -> dict[str, str]:
    """name -> the whole Set-Cookie line."""
    return {line.split("=", 1)[0]: line for line in response.headers.get_list("set-cookie")}


def cookie_value(line: str) -> str:
    return line.split(";", 1)[0].split("=", 1)[1]


async def xsrf(client: httpx.AsyncClient) -> tuple[str, str]:
    """(the _xsrf cookie, the form's _xsrf field) from the login page."""
    page = await client.get("/login")
    form_value = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    return cookie_value(set_cookies(page)["_xsrf"]), form_value


async def login(client: httpx.AsyncClient, token: str = TOKEN, next_url: str = "/") -> httpx.Response:
    cookie, form_value = await xsrf(client)
    return await client.post(
        "/login",
        data={"token": token, "_xsrf": form_value, "next": next_url},
        headers={"Cookie": f"_xsrf={cookie}"},
    )


async def session_cookie(client: httpx.AsyncClient) -> str:
    response = await login(client)
    assert response.status_code == 303
    return f"{SESSION_COOKIE}={cookie_value(set_cookies(response)[SESSION_COOKIE])}"


# ---------------------------------------------------------------- authentication


async def test_no_token_no_page(served: Served) -> None:
    for path in ("/", "/story/gulf-rain", "/unanswered.csv", "/story/gulf-rain/unanswered.csv"):
        response = await served.client.get(path)
        assert response.status_code == 302, path
        assert response.headers["location"].startswith("/login?next=")
        assert "المدارس" not in response.text and "question" not in response.text


async def test_wrong_bearer_token_no_page(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for headers in (bearer(WRONG), {"Authorization": "Bearer"}, {"Authorization": f"Basic {TOKEN}"}, bearer(TOKEN + "x")):
        response = await served.client.get("/", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "المدارس" not in response.text
    # a valid session cookie does not rescue a wrong Authorization header
    cookie = await session_cookie(served.client)
    response = await served.client.get("/", headers={**bearer(WRONG), "Cookie": cookie})
    assert response.status_code == 401
    assert TOKEN not in caplog.text and WRONG not in caplog.text


async def test_bearer_token_gets_the_page(served: Served) -> None:
    response = await served.client.get("/", headers=bearer())
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.text
    assert "متى تفتح المدارس؟" in response.text
    assert response.headers["cache-control"] == "no-store"
    assert "script-src" not in response.headers["content-security-policy"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


async def test_login_form_sets_a_secure_httponly_samesite_cookie(served: Served) -> None:
    response = await login(served.client, next_url="/story/gulf-rain")
    assert response.status_code == 303 and response.headers["location"] == "/story/gulf-rain"
    line = set_cookies(response)[SESSION_COOKIE]
    attributes = {a.strip().split("=")[0].lower() for a in line.split(";")[1:]}
    assert {"secure", "httponly", "samesite", "path", "expires"} <= attributes
    assert "samesite=strict" in line.lower()
    assert TOKEN not in line  # the cookie is a signed session, not the token
    cookie = f"{SESSION_COOKIE}={cookie_value(line)}"
    page = await served.client.get("/story/gulf-rain", headers={"Cookie": cookie})
    assert page.status_code == 200 and "أمطار غزيرة" in page.text


async def test_wrong_token_in_the_form_no_cookie_no_page(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    response = await login(served.client, token=WRONG)
    assert response.status_code == 403
    assert SESSION_COOKIE not in set_cookies(response)
    assert "الرمز غير صحيح" in response.text and "المدارس" not in response.text
    assert WRONG not in response.text and TOKEN not in response.text
    assert WRONG not in caplog.text and TOKEN not in caplog.text


async def test_login_without_the_xsrf_field_is_refused(served: Served) -> None:
    response = await served.client.post("/login", data={"token": TOKEN})
    assert response.status_code == 403
    assert SESSION_COOKIE not in set_cookies(response)


async def test_a_forged_or_tampered_cookie_is_not_a_session(served: Served) -> None:
    cookie = await session_cookie(served.client)
    for forged in (f"{SESSION_COOKIE}=editor", cookie[:-2] + ("00" if not cookie.endswith("00") else "11")):
        response = await served.client.get("/", headers={"Cookie": forged})
        assert response.status_code == 302


async def test_logout_clears_the_cookie(served: Served) -> None:
    cookie = await session_cookie(served.client)
    login_page = await served.client.get("/login", headers={"Cookie": cookie})
    assert login_page.status_code == 302  # already logged in
    page = await served.client.get("/", headers={"Cookie": cookie})
    form_value = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)  # the logout button's form
    xsrf_cookie = cookie_value(set_cookies(page)["_xsrf"])
    response = await served.client.post(
        "/logout", data={"_xsrf": form_value}, headers={"Cookie": f"{cookie}; _xsrf={xsrf_cookie}"}
    )
    assert response.status_code == 303 and response.headers["location"] == "/login"
    cleared = set_cookies(response)[SESSION_COOKIE]
    assert cookie_value(cleared) in ("", '""') and "expires=" in cleared.lower()


async def test_login_never_redirects_off_site(served: Served) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = await login(served.client, next_url=target)
        assert response.status_code == 303 and response.headers["location"] == "/"


# ---------------------------------------------------------------- pages


async def test_overview_shows_the_store_figures(served: Served) -> None:
    page = (await served.client.get("/", headers=bearer())).text
    assert re.search(r'id="questions">16<', page)
    assert re.search(r'id="unanswered">7<', page) and re.search(r'id="answered">5<', page)
    assert re.search(r'id="share-answered">42%<', page)  # 5 of 12 decided
    assert re.search(r'id="votes-up">3<', page) and re.search(r'id="votes-down">2<', page)
    assert re.search(r'id="questions-today">4<', page)
    assert page.count('<g class="day"') == 30
    stories = page[page.index('id="stories"'):]
    order = [m for m in re.findall(r'href="/story/([^"]+)"', stories)]
    assert order == ["quiet-story", "gulf-rain", "oil-prices", "lecun-meta"]


async def test_story_page_is_that_story_only(served: Served) -> None:
    page = (await served.client.get("/story/oil-prices", headers=bearer())).text
    assert "<h1 id=\"page-title\">أسعار النفط ترتفع</h1>" in page
    assert re.search(r'id="questions">3<', page) and re.search(r'id="share-answered">50%<', page)
    assert "من هو وزير النفط؟" in page and "المدارس" not in page
    assert 'href="/story/oil-prices/unanswered.csv"' in page


async def test_the_embedded_story_has_its_title_without_a_catalogue_row(served: Served) -> None:
    from html import escape

    from index.article import load_embedded_story

    page = (await served.client.get("/story/lecun-meta", headers=bearer())).text
    assert f'<h1 id="page-title">{escape(load_embedded_story().title)}</h1>' in page


async def test_unknown_or_malformed_story_is_404(served: Served) -> None:
    for path in ("/story/no-such-story", "/story/a.b", "/story/" + "x" * 65, "/nowhere"):
        response = await served.client.get(path, headers=bearer())
        assert response.status_code == 404, path
        assert "Traceback" not in response.text


async def test_questions_and_titles_are_escaped(served: Served) -> None:
    for path in ("/", "/story/gulf-rain"):
        page = (await served.client.get(path, headers=bearer())).text
        assert "<script" not in page.lower() and "<img" not in page.lower() and "<b>" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "أمطار غزيرة في الخليج &lt;b&gt;عاجل&lt;/b&gt;" in page


async def test_long_questions_are_capped_on_the_page(served: Served) -> None:
    page = (await served.client.get("/story/lecun-meta", headers=bearer())).text
    runs = re.findall(r"x{50,}", page)
    assert runs and max(len(r) for r in runs) <= 300
    assert "x" * 299 + "…" in page and "x" * 300 not in page  # 300 characters, the last an ellipsis
    assert "future_kind" in page  # a kind this code does not know is shown as itself


async def test_store_figures_change_with_the_store(served: Served) -> None:
    from bot.store.database import QuestionRecord, Store

    async with await Store.open(served.db_path) as store:
        await store.record_question(
            QuestionRecord("new1", 1, 1, "سؤال جديد عن النفط", "not_found", [], None, 1.0, NOW - 60, story="oil-prices")
        )
    page = (await served.client.get("/story/oil-prices", headers=bearer())).text
    assert re.search(r'id="questions">4<', page) and "سؤال جديد عن النفط" in page


# ---------------------------------------------------------------- CSV


def export_csv(db_path: Path) -> str:
    """What `storybot export --unanswered` prints for this file (its own process, as an editor runs it)."""
    result = run_storybot(["export", "--unanswered"], clean_env(STORYBOT_DB=str(db_path)), db_path.parent)
    assert result.returncode == 0, result.stderr
    return result.stdout


async def test_csv_is_storybot_export_unanswered(served: Served) -> None:
    response = await served.client.get("/unanswered.csv", headers=bearer())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="unanswered.csv"' in response.headers["content-disposition"]
    # The same rows as `storybot export --unanswered`, after the UTF-8 byte order mark a
    # spreadsheet needs to read Arabic: Excel opens a CSV without one in the system's code
    # page (Windows-1252 or -1256) and shows every question garbled.
    assert response.content.startswith(codecs.BOM_UTF8)
    assert response.content.removeprefix(codecs.BOM_UTF8).decode("utf-8") == export_csv(served.db_path)


async def test_story_csv_has_that_story_whole(served: Served) -> None:
    cookie = await session_cookie(served.client)
    response = await served.client.get("/story/lecun-meta/unanswered.csv", headers={"Cookie": cookie})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["question", "count", "last_asked"]
    assert rows[1:] == [["ما رأيه في الطقس؟", "1", "2026-11-19T10:00:00+00:00"]]
    gulf = list(csv.reader(io.StringIO((await served.client.get("/story/gulf-rain/unanswered.csv", headers=bearer())).content.decode("utf-8-sig"))))
    assert [HOSTILE, "1"] == gulf[2][:2]  # the CSV keeps the text as it was typed


# ---------------------------------------------------------------- store trouble and health


async def test_healthz(served: Served) -> None:
    response = await served.client.get("/healthz")  # no token needed
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "store": "readable", "schema": SCHEMA_VERSION}
    assert response.headers["cache-control"] == "no-store"
    assert (await served.client.head("/healthz")).status_code == 200


async def test_healthz_and_pages_when_the_store_breaks(served: Served) -> None:
    served.db_path.rename(served.db_path.with_suffix(".moved"))
    response = await served.client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"
    assert str(served.db_path) not in response.text  # unauthenticated: says nothing more
    page = await served.client.get("/", headers=bearer())
    assert page.status_code == 503 and unavailable_page(page, served) == server.STORE_MISSING
    assert not served.db_path.exists()  # the dashboard created nothing
    served.db_path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50 + b"garbage" * 100)
    assert (await served.client.get("/healthz")).status_code == 503
    csv = await served.client.get("/unanswered.csv", headers=bearer())
    assert csv.status_code == 503 and unavailable_page(csv, served) == server.STORE_DAMAGED
    foreign = served.db_path.with_suffix(".foreign")  # another file moved into place
    foreign.write_bytes(b"not a database at all\n")
    foreign.replace(served.db_path)
    page = await served.client.get("/story/lecun-meta", headers=bearer())
    assert page.status_code == 503 and unavailable_page(page, served) == server.STORE_UNREADABLE


def unavailable_page(page: httpx.Response, served: Served) -> str:
    """The message of a 503 page, checked to be the Arabic, right-to-left error page that
    names neither the file nor the token (what SQLite said goes to the log)."""
    import re
    from html import unescape

    text = page.text
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in text and "مخزن المحادثات غير متاح" in text
    assert str(served.db_path) not in text and served.db_path.name not in text and TOKEN not in text
    assert not re.search(r"(malformed|database|schema|SQLite|STORYBOT_DB=)", text)
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', text, re.S)
    assert found is not None
    return unescape(found.group(1)).strip()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lose_page(path: Path, number: int) -> None:
    """Zero one page (1-based) of the closed store: its header and the other pages still read well.
    No newer copy of it in a WAL (a read-only reader leaves an empty one behind)."""
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with path.open("r+b") as f:
        f.seek((number - 1) * 4096)
        f.write(bytes(4096))


async def test_healthz_says_503_once_a_page_met_damage_the_probe_does_not_read(served: Served) -> None:
    import sqlite3

    from bot.store import damage

    with sqlite3.connect(served.db_path) as db:
        feedback = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'feedback'").fetchone()[0]
    db.close()
    _lose_page(served.db_path, feedback)  # the votes' table: the probe's small read never gets there
    assert (await served.client.get("/healthz")).status_code == 200  # no full scan per probe
    page = await served.client.get("/", headers=bearer())
    assert page.status_code == 503 and unavailable_page(page, served) == server.STORE_DAMAGED
    response = await served.client.get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "unavailable", "store": "damaged"}
    assert "malformed" not in response.text  # unauthenticated: says nothing more
    assert (await served.client.head("/healthz")).status_code == 503
    # A restored copy moved into place (another file) is probed afresh.
    await fill(served.db_path.with_suffix(".restored"))
    served.db_path.with_suffix(".restored").replace(served.db_path)
    assert damage.met(served.db_path) is None
    assert (await served.client.get("/healthz")).status_code == 200


async def _serving(path: Path, stop: asyncio.Event) -> tuple[str, asyncio.Task[int]]:
    """`storybot dashboard`'s own serve() on a free port, its pages checked every 0.05 s."""
    from bot.config import Settings
    from bot.dashboard.server import serve

    port = free_port()
    settings = Settings(db_path=path, dashboard_listen="127.0.0.1", dashboard_port=port, dashboard_token=TOKEN)
    task = asyncio.create_task(serve(settings, TOKEN, stop, check_interval_s=0.05))
    await asyncio.sleep(0)  # serve() listens before its first await
    assert not task.done(), task.result()
    return f"http://127.0.0.1:{port}", task


async def test_the_page_check_turns_healthz_503_before_any_page_meets_the_damage(
    tmp_path: Path, page_checks: list[str | None]
) -> None:
    """The background PRAGMA quick_check (bot.store.page_check): a sound file stays 200 check
    after check; a page lost while the dashboard runs turns /healthz 503 with nothing but
    /healthz asked, and the check wrote nothing to the file."""
    path = tmp_path / "storybot.db"
    await fill(path)
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
        feedback = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'feedback'").fetchone()[0]
    db.close()
    stop = asyncio.Event()
    base, task = await _serving(path, stop)
    try:
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            await eventually(lambda: len(page_checks) >= 3)
            assert page_checks[:3] == [None, None, None]  # the sound file: no damage found
            assert (await client.get("/healthz")).status_code == 200
            _lose_page(path, feedback)
            damaged = digest(path)
            await eventually(lambda: any(page_checks))
            response = await client.get("/healthz")
            assert response.status_code == 503 and response.json() == {"status": "unavailable", "store": "damaged"}
            assert "is damaged" in next(found for found in page_checks if found)
            assert digest(path) == damaged  # read, never written
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 30) == 0


# ---------------------------------------------------------------- the command


def run_storybot(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "TELEGRAM_"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def test_no_token_configured_exits_3(tmp_path: Path) -> None:
    result = run_storybot(["dashboard"], clean_env(), tmp_path)
    assert result.returncode == 3
    assert "STORYBOT_DASHBOARD_TOKEN is not set" in result.stderr


def test_a_short_token_exits_3_without_showing_it(tmp_path: Path) -> None:
    result = run_storybot(["dashboard"], clean_env(STORYBOT_DASHBOARD_TOKEN="short-secret"), tmp_path)
    assert result.returncode == 3
    assert "too short" in result.stderr and "short-secret" not in result.stderr


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = clean_env(STORYBOT_DASHBOARD_TOKEN=TOKEN, STORYBOT_DASHBOARD_PORT=str(port))
        result = run_storybot(["dashboard"], env, tmp_path)
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and TOKEN not in result.stderr


def test_storybot_dashboard_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    db = tmp_path / "storybot.db"
    import asyncio

    asyncio.run(fill(db))
    port = free_port()
    env = clean_env(
        STORYBOT_DB=str(db), STORYBOT_DASHBOARD_TOKEN=TOKEN, STORYBOT_DASHBOARD_PORT=str(port), STORYBOT_LOG_LEVEL="DEBUG"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "dashboard"], cwd=tmp_path, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "the dashboard did not start"
                time.sleep(0.1)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        page = httpx.get(f"http://127.0.0.1:{port}/", headers=bearer(), timeout=5)
        assert page.status_code == 200 and "كل القصص" in page.text
        assert httpx.get(f"http://127.0.0.1:{port}/", headers=bearer(WRONG), timeout=5).status_code == 401
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert f"http://127.0.0.1:{port}/" in err  # says where it listens
    assert TOKEN not in out + err and WRONG not in out + err
    assert json.loads(health.text)["schema"] == SCHEMA_VERSION


async def test_health_handler_mounts_in_another_tornado_app(tmp_path: Path) -> None:
    """As the Telegram wing's webhook server would mount it, with its own readiness."""
    import tornado.web

    from bot.health import HealthHandler

    path = tmp_path / "storybot.db"
    await fill(path, [], catalogue=(), votes=())
    running = {"value": False}
    app = tornado.web.Application([(r"/healthz", HealthHandler, {"db_path": path, "ready": lambda: running["value"]})])
    server = tornado.httpserver.HTTPServer(app)
    port = free_port()
    server.listen(port, "127.0.0.1")
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            not_ready = await client.get("/healthz")
            assert not_ready.status_code == 503 and not_ready.json() == {"status": "unavailable", "process": "not ready"}
            running["value"] = True
            assert (await client.get("/healthz")).json()["status"] == "ok"
            path.unlink()
            assert (await client.get("/healthz")).status_code == 503
    finally:
        server.stop()
        await server.close_all_connections()


async def test_damage_the_bots_store_meets_turns_its_healthz_503(tmp_path: Path) -> None:
    """The bot's /healthz (bot.telegram.intake mounts the same check): a read of the store that
    meets a lost page is remembered, a busy or missing file is not damage."""
    import sqlite3

    from bot.health import store_health
    from bot.store import damage
    from bot.store.database import Store, StoreError

    path = tmp_path / "storybot.db"
    await fill(path)
    store = await Store.open(path)
    try:
        assert store_health(path)[0] == 200
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
            feedback = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'feedback'").fetchone()[0]
        db.close()
        with path.open("r+b") as f:  # lost behind the open store's back, as a failing disk does
            f.seek((feedback - 1) * 4096)
            f.write(bytes(4096))
        with pytest.raises(StoreError, match="malformed"):
            await store.stats(now=NOW)
        assert store_health(path) == (503, {"status": "unavailable", "store": "damaged"})
    finally:
        await store.close()
    assert not damage.is_damage(sqlite3.OperationalError("database is locked"))


@pytest.mark.parametrize("story_id", ["خبر-عربي", "a.b c", "x" * 66, "gone-story"])
async def test_a_story_with_questions_opens_whatever_its_id(tmp_path: Path, story_id: str) -> None:
    """The overview lists every story questions were stored with: one removed from the
    catalogue, one whose id is outside the catalogue's alphabet (an Arabic or dotted name, a
    file's `NAME-2` past 64 characters). Its link opens its page and its CSV, instead of 404."""
    from urllib.parse import quote

    from dashboard_store import Q

    path = tmp_path / "storybot.db"
    await fill(path, [Q(story_id, "متى يصدر التقرير؟", "not_found", NOW - 60, 3),
                      Q("gulf-rain", "أين هطل المطر؟", "answer", NOW - 60, 4)], votes=())
    app = make_app(path, TOKEN, failure_delay_s=0.0, clock=lambda: NOW)
    server = tornado.httpserver.HTTPServer(app)
    port = free_port()
    server.listen(port, "127.0.0.1")
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10, headers=bearer()) as client:
            overview = await client.get("/")
            link = f"/story/{quote(story_id, safe='')}"
            assert overview.status_code == 200 and f'href="{link}"' in overview.text
            page = await client.get(link)
            assert page.status_code == 200 and "متى يصدر التقرير؟" in page.text
            assert "لم تعد في الفهرس" in page.text  # in no catalogue: said so
            csv = await client.get(f"{link}/unanswered.csv")
            assert csv.status_code == 200
            assert csv.content.decode("utf-8-sig").splitlines()[1].startswith("متى يصدر التقرير؟,1,")
            disposition = csv.headers["content-disposition"]
            assert disposition.startswith("attachment; filename=")
            if story_id.isascii() and " " not in story_id:
                assert disposition == f'attachment; filename="unanswered-{story_id}.csv"'
            else:  # the real name for the browser, percent-encoded UTF-8 (RFC 6266)
                assert f"filename*=UTF-8''{quote(f'unanswered-{story_id}.csv', safe='')}" in disposition
            assert (await client.get("/story/no-such-story")).status_code == 404
            assert (await client.get(f"/story/{quote('خبر-آخر', safe='')}/unanswered.csv")).status_code == 404
    finally:
        server.stop()
        await server.close_all_connections()


def test_an_unhealthy_store_is_logged_once_per_cause_not_per_probe(tmp_path: Path, caplog) -> None:
    """A supervisor probes /healthz every few seconds: a store that stays unreadable for the
    same reason is one WARNING (the repeats at DEBUG); another reason, or unhealthy again after
    being healthy, is a WARNING again."""
    from bot.health import store_health

    path = tmp_path / "storybot.db"
    caplog.set_level(logging.DEBUG, logger="storybot.dashboard")
    for _ in range(3):
        assert store_health(path)[0] == 503  # no file yet
    asyncio.run(fill(path))
    assert store_health(path)[0] == 200
    path.rename(tmp_path / "moved.db")
    assert store_health(path)[0] == 503
    assert store_health(path)[0] == 503
    warned = [r for r in caplog.records if r.name == "storybot.dashboard" and r.levelno >= logging.WARNING]
    assert len(warned) == 2 and all("not readable" in r.getMessage() for r in warned)
    assert len([r for r in caplog.records if r.name == "storybot.dashboard"]) == 5  # one line a probe
