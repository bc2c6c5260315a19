"""The dashboard in a real browser: Debian's headless Chromium, driven by selenium and chromium-driver.

`storybot dashboard` runs as its own process (the real command, as systemd would start it) on
a store filled by the test; the test logs in through the form and checks what an editor sees.
A screenshot of the overview is kept in the test's temporary folder, or in
$STORYBOT_SCREENSHOT_DIR when that is set.

Without chromium and chromium-driver (apt-get install chromium chromium-driver) the test is
skipped on a developer's machine, and fails in CI (CI=true), where .ci/run installs them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from conftest import free_port
from dashboard_store import GULF_TITLE, HOSTILE, catalogue_rows, fill_sync, questions

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TOKEN = "browser-test-token-abcdefghijklmnop"
ROOT = Path(__file__).resolve().parent.parent
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,1600", "--lang=ar",
)


def _require_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    if not missing:
        return
    message = "the browser test needs " + ", ".join(missing) + " (apt-get install -y chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def dashboard(tmp_path: Path) -> Iterator[str]:
    db = tmp_path / "storybot.db"
    now = time.time()
    fill_sync(db, questions(now), catalogue=catalogue_rows(now))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "TELEGRAM_"))}
    env.update(
        PYTHONPATH=str(ROOT), STORYBOT_DB=str(db), STORYBOT_DASHBOARD_TOKEN=TOKEN,
        STORYBOT_DASHBOARD_PORT=str(port), STORYBOT_DASHBOARD_LISTEN="127.0.0.1",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "dashboard"], cwd=tmp_path, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "storybot dashboard did not start"
            time.sleep(0.1)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert TOKEN not in err


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tmp_path / "chromium-profile"  # fresh: no cookies from another run
    profile.mkdir()
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_an_editor_logs_in_and_reads_the_dashboard(dashboard: str, browser, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    text = lambda css: driver.find_element(By.CSS_SELECTOR, css).text  # noqa: E731

    def click_and_wait(css: str, condition) -> None:
        """Click, then wait for the page that the click loads (a click does not wait for it)."""
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.CSS_SELECTOR, css).click()
        WebDriverWait(driver, 20).until(lambda _: _left(old))
        WebDriverWait(driver, 20).until(condition)

    def _left(old) -> bool:
        """Whether the old page's element is gone: Chromium may say so as a stale reference or,
        while the new document replaces it, as an inspector error ("Node with given id does not
        belong to the document"), which EC.staleness_of does not catch."""
        try:
            old.is_enabled()
        except WebDriverException:  # StaleElementReferenceException is one
            return True
        return False

    # No session: the login form, and nothing else.
    driver.get(dashboard + "/")
    assert "/login" in driver.current_url
    assert driver.title.startswith("الدخول")
    assert not driver.find_elements(By.ID, "questions")

    # A wrong token: still the form, with the error.
    driver.find_element(By.ID, "token").send_keys("not-the-token-at-all")
    click_and_wait("section.login button", EC.presence_of_element_located((By.CSS_SELECTOR, "p.error")))
    assert "الرمز غير صحيح" in text("p.error")
    assert not driver.find_elements(By.ID, "questions")

    # The right token: the overview.
    driver.find_element(By.ID, "token").send_keys(TOKEN)
    click_and_wait("section.login button", EC.presence_of_element_located((By.ID, "questions")))
    assert driver.title == "كل القصص — storybot"
    html = driver.find_element(By.TAG_NAME, "html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert driver.find_element(By.TAG_NAME, "body").value_of_css_property("direction") == "rtl"
    assert text("#page-title") == "كل القصص"
    assert text("#questions") == "16"
    assert text("#share-answered") == "42%"
    assert (text("#votes-up"), text("#votes-down")) == ("3", "2")

    # The chart is there and drawn.
    chart = driver.find_element(By.CSS_SELECTOR, "svg.chart")
    assert chart.is_displayed() and chart.size["width"] > 400 and chart.size["height"] > 100
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.chart g.day")) == 30
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar.unanswered")

    # The most asked unanswered question first, laid out right to left: the question column
    # stands to the right of its count.
    first_row = driver.find_elements(By.CSS_SELECTOR, "#top-unanswered tbody tr")[0]
    question, count = first_row.find_elements(By.TAG_NAME, "td")[:2]
    assert (question.text, count.text) == ("متى تفتح المدارس؟", "3")
    assert question.location["x"] > count.location["x"]
    title = driver.find_element(By.ID, "page-title")
    assert title.location["x"] + title.size["width"] > driver.get_window_size()["width"] / 2

    # A question with HTML in it is shown as text, and no script ran.
    shown = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#top-unanswered td.q")]
    assert HOSTILE in shown
    assert not driver.find_elements(By.CSS_SELECTOR, "main img")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018

    # The session cookie as the browser stored it.
    cookies = {c["name"]: c for c in driver.get_cookies()}
    session = cookies["storybot_session"]
    assert session["httpOnly"] and session["secure"] and session["sameSite"] == "Strict"
    assert TOKEN not in session["value"]

    shot = Path(os.environ.get("STORYBOT_SCREENSHOT_DIR") or tmp_path) / "dashboard-overview.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000

    # One story: its own figures, its title as text.
    stories = driver.find_elements(By.CSS_SELECTOR, "#stories tbody a")
    assert [a.text for a in stories][:2] == ["قصة لم يسأل عنها أحد", GULF_TITLE]
    click_and_wait("#stories tbody tr:nth-child(2) a", EC.title_contains("أمطار"))
    assert text("#page-title") == GULF_TITLE
    assert text("#questions") == "8"
    assert driver.find_element(By.CSS_SELECTOR, "a.download").get_attribute("href").endswith(
        "/story/gulf-rain/unanswered.csv"
    )
    if os.environ.get("STORYBOT_SCREENSHOT_DIR"):
        driver.save_screenshot(str(shot.with_name("dashboard-story.png")))

    # Logging out ends the session.
    click_and_wait("form.logout button", EC.url_contains("/login"))
    driver.get(dashboard + "/")
    assert "/login" in driver.current_url and not driver.find_elements(By.ID, "questions")


def test_a_missing_browser_fails_in_ci_and_is_skipped_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install"):
        _require_browser()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _require_browser()
