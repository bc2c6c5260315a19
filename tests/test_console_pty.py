"""The interactive console, driven through a pseudo-terminal like a person at a keyboard.

The console runs as a real process whose controlling terminal is a pty, so readline, Ctrl-C
(SIGINT from the terminal driver) and Ctrl-D (end of file) behave as they do for a user.
Every read has a deadline, so a console that stops answering fails the test instead of
hanging it; no assertion is about time.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from bot.render import DISCLAIMER_LABEL
from index.article import Article, load_embedded_story
from test_console import COFFEE, quoted_sentences

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

DEADLINE = 60.0  # seconds to wait for expected output; generous, only there to never hang
PROMPT = "سؤالك: "
CTRL_C, CTRL_D = b"\x03", b"\x04"


def _take_terminal() -> None:
    """In the child, after setsid: make the pty (already fd 0) the controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """A console process on a pty, with pexpect-like `expect` over its output."""

    def __init__(self, args: list[str], home: Path, env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        # a wide window so readline never wraps the echo of a question
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 250, 0, 0))
        env = {
            **os.environ,
            "HOME": str(home),
            "TERM": "xterm",
            "LC_ALL": "C.UTF-8",
            "INPUTRC": os.devnull,  # the developer's ~/.inputrc must not change the test
            **(env or {}),
        }
        env.pop("PYTHONSTARTUP", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            stdin=slave, stdout=slave, stderr=slave,
            env=env, cwd=home, start_new_session=True, preexec_fn=_take_terminal,
        )
        os.close(slave)
        self.master = master
        self.output = b""
        self.mark = 0  # `expect` searches after the previous match

    def text(self) -> str:
        return self.output.decode("utf-8", "replace").replace("\r\n", "\n")

    def _read(self, timeout: float) -> bool:
        """Read what is available; False once the console has closed the terminal."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: every slave fd is closed, the process is gone
            data = b""
        self.output += data
        return bool(data)

    def expect(self, needle: str) -> str:
        """Wait until `needle` appears after the last match; return the text up to it."""
        deadline = time.monotonic() + DEADLINE
        while True:
            text = self.text()
            found = text.find(needle, self.mark)
            if found >= 0:
                before = text[self.mark : found]
                self.mark = found + len(needle)
                return before
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                raise AssertionError(f"never saw {needle!r}; the terminal showed:\n{text[self.mark:]}")

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def type(self, line: str) -> None:
        self.send(line.encode("utf-8") + b"\r")

    def wait(self, deadline: float = DEADLINE) -> int:
        """Drain the terminal until the console exits; its exit status."""
        if not self._drain_until_exit(deadline):
            self.proc.kill()
            raise AssertionError(f"the console did not exit; it showed:\n{self.text()}")
        return self.proc.wait()

    def _drain_until_exit(self, seconds: float) -> bool:
        """Keep reading (so the console never blocks on a full pty); True once it exited."""
        deadline = time.monotonic() + seconds
        while self.proc.poll() is None or self._read(0):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._read(min(remaining, 0.2))
        return True

    def interrupt(self, presses: int = 5) -> int:
        """Press Ctrl-C until the console exits, as a person would; its exit status.

        CPython's input() can miss a SIGINT that lands just before its select() on the
        terminal (python/cpython#112585): the signal is then only acted on at the next key.
        Normally the first press is enough; a second press is what a person would do.
        """
        for _ in range(presses):
            self.send(CTRL_C)
            if self._drain_until_exit(DEADLINE / presses):
                return self.proc.wait()
        return self.wait(0)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


@pytest.fixture(scope="module")
def article() -> Article:
    return load_embedded_story()


@pytest.fixture
def console(tmp_path: Path):
    term = Terminal(["console"], tmp_path)
    yield term
    term.close()


def test_question_about_help_quit(console: Terminal, article: Article, tmp_path: Path) -> None:
    welcome = console.expect(PROMPT)
    assert article.title in welcome

    console.type("لماذا يغادر ليكون ميتا؟")
    reply = console.expect(PROMPT)
    assert quoted_sentences(reply, article), reply
    assert DISCLAIMER_LABEL in reply and article.disclaimer in reply

    console.type("/about")
    about = console.expect(PROMPT)
    assert article.title in about
    assert article.disclaimer in about

    console.type("/help")
    help_text = console.expect(PROMPT)
    assert "/quit" in help_text and "/about" in help_text
    assert not quoted_sentences(help_text, article)

    console.type("/quit")
    assert console.wait() == 0
    # readline kept the session's history in $HOME
    history = (tmp_path / ".storybot_history").read_text(encoding="utf-8", errors="replace")
    assert "لماذا يغادر ليكون ميتا؟" in history


def test_ctrl_d_exits_cleanly(console: Terminal) -> None:
    console.expect(PROMPT)
    console.send(CTRL_D)
    assert console.wait() == 0
    assert "Traceback" not in console.text()


def test_ctrl_c_exits_cleanly_with_130(console: Terminal) -> None:
    console.expect(PROMPT)
    console.send("نص لم يكتمل".encode("utf-8"))
    console.expect("نص لم يكتمل")  # the person sees their half-typed text, then presses Ctrl-C
    assert console.interrupt() == 130  # README: 130 interrupted (issue 10, point 7)
    assert "Traceback" not in console.text()
    assert "KeyboardInterrupt" not in console.text()


def test_session_is_one_conversation_until_new(console: Terminal, article: Article) -> None:
    console.expect(PROMPT)
    console.type("كم انخفضت أسهم ميتا في أواخر أكتوبر؟")
    assert quoted_sentences(console.expect(PROMPT), article)
    console.type("ومتى؟")  # leans on the previous question
    follow_up = console.expect(PROMPT)
    assert quoted_sentences(follow_up, article), follow_up
    console.type("/new")
    console.expect(PROMPT)
    console.type("ومتى؟")  # now there is nothing to lean on
    alone = console.expect(PROMPT)
    assert not quoted_sentences(alone, article), alone
    console.type("/quit")
    assert console.wait() == 0


def test_unknown_command_is_not_a_question(console: Terminal, article: Article) -> None:
    console.expect(PROMPT)
    console.type("/nonsense")
    unknown = console.expect(PROMPT)
    assert "/nonsense" in unknown and "/help" in unknown
    assert not quoted_sentences(unknown, article)  # a command is never sent to the engine
    console.send(CTRL_D)
    assert console.wait() == 0


def test_about_shows_a_loaded_article(tmp_path: Path) -> None:
    path = tmp_path / "coffee.txt"
    path.write_text(COFFEE, encoding="utf-8")
    term = Terminal(["console", "--article", str(path)], tmp_path)
    try:
        assert "القهوة في المرتفعات" in term.expect(PROMPT)
        term.type("/about")
        about = term.expect(PROMPT)
        assert "https://example.org/coffee" in about
        assert "نص تجريبي كتب لاختبار البرنامج فقط." in about
        term.type("أين تزرع القهوة؟")
        reply = term.expect(PROMPT)
        assert "«تزرع القهوة في المرتفعات الاستوائية منذ قرون طويلة.»" in reply
        term.type("/quit")
        assert term.wait() == 0
    finally:
        term.close()


def test_unusable_history_file_is_ignored(tmp_path: Path, article: Article) -> None:
    (tmp_path / ".storybot_history").mkdir()  # neither readable nor writable as a file
    term = Terminal(["console"], tmp_path)
    try:
        assert article.title in term.expect(PROMPT)
        term.type("مرحبا")
        term.expect(PROMPT)
        term.send(CTRL_D)
        assert term.wait() == 0
        assert "Traceback" not in term.text()
    finally:
        term.close()


def test_a_catalogue_console_says_it_chooses_a_story_per_question_and_lists_them(tmp_path: Path) -> None:
    """With a catalogue and no --story, each question is answered from its best-matching story:
    the welcome says so (it named the newest story as if it alone answered, and /about and
    /help spoke of it before any question), /stories lists the ids --story takes, and /about
    tells the story of the last reply."""
    from tests.sample_articles import COFFEE, VOLCANO
    from test_console import storybot

    env = {"STORYBOT_DB": str(tmp_path / "catalogue.db")}
    for name, text in (("coffee", COFFEE), ("volcano", VOLCANO)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        assert storybot("add", str(tmp_path / f"{name}.txt"), env=env).returncode == 0
    term = Terminal(["console"], tmp_path, env=env)
    try:
        welcome = term.expect(PROMPT)
        assert "3 أخبار" in welcome  # the two added and the embedded story
        assert "بركان في الجزيرة" not in welcome  # the newest story is not "the" story
        term.type("/about")
        assert "لم أختر خبرًا بعد" in term.expect(PROMPT)
        term.type("/stories")
        listed = term.expect(PROMPT)
        assert "volcano" in listed and "coffee" in listed and "lecun-meta" in listed
        assert listed.index("volcano") < listed.index("coffee")  # the last added first
        term.type("أين تزرع القهوة؟")
        assert "(coffee)" in term.expect(PROMPT)
        term.type("/about")
        assert "القهوة في المرتفعات" in term.expect(PROMPT)
        term.type("/quit")
        assert term.wait() == 0
    finally:
        term.close()


def test_stories_in_a_one_story_console_names_that_story(console: Terminal, article: Article) -> None:
    console.expect(PROMPT)
    console.type("/stories")
    assert article.title in console.expect(PROMPT)
    console.type("/quit")
    assert console.wait() == 0
