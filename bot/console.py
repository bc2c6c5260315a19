"""`storybot console` and `storybot ask`: the story's answers in a terminal or a pipe.

Three ways in, one engine call (`bot.core.answer.answer`) and one renderer (`bot.render`):

* interactive (stdin is a terminal, no ``--json``): a prompt with line editing and history
  (stdlib readline, history in ~/.storybot_history), ``/help``, ``/about``, ``/new``,
  ``/quit``; Ctrl-D and /quit leave with exit status 0, Ctrl-C with 130 (interrupted, as
  for a piped run and as the shell counts it). The whole session is one
  conversation, so follow-up questions lean on the previous one.
* piped (stdin is not a terminal, or ``--json``): one question per input line, one answer per
  question, in order, flushed as soon as it is ready. Empty lines are skipped: they ask
  nothing, and a script often ends its input with one. Every other line is answered, so
  ``--json`` gives exactly one object per non-empty line (what ``grep -c .`` counts); a line
  of spaces only gets the help reply, as any empty message does. Lines are not commands here (a line "/help" is a question like any other), so a
  script's input is never interpreted. Each line is its own conversation unless
  ``--conversation``. With ``--json`` stdout carries nothing but the JSON objects.
* ``ask``: the words of the question joined by spaces, one answer, exit.

Which story answers (`Source`): ``--story ID`` that story alone (from the catalogue in
STORYBOT_DB or an ``--article`` file named ID); ``--article`` files without ``--story`` those
files; else, when the catalogue holds more than the embedded story, each question the story
that best matches it, named on the reply's first line (JSON: ``story``, ``story_title``);
else the embedded story. Answering never creates the database file.

Exit status: 0 ok (also when the reader of our output goes away: ``| head -1``), 1 an
unexpected error or a catalogue that cannot be read (corrupt, foreign, newer), 2 bad input
(an article file that is missing, unreadable or not an article; an unknown ``--story``),
130 when interrupted (Ctrl-C).

Never imports telegram, httpx, aiosqlite or asyncio: start-up stays fast and the console
works without the bot's dependencies being usable.
"""

from __future__ import annotations

import json
import os
import sys
from argparse import Namespace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Iterable, TextIO

from bot.cli import silence_stdout
from bot.conversation import texts
from bot.core.answer import Conversation, Story, answer, load_story
from bot.core.answer_types import Answer, Kind
from bot.render import BULLET, DISCLAIMER_LABEL, answer_to_json, quoted_title, render_plain
from index.article import ArticleError

if TYPE_CHECKING:
    from bot.newsroom import Choice, Newsroom
    from bot.store.catalogue import Catalogue

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3  # a malformed setting, as for every storybot command (bot.cli)
EXIT_INTERRUPTED = 130  # the shell's convention for a run stopped by SIGINT

HISTORY_FILE = Path("~/.storybot_history")
HISTORY_LENGTH = 1000
PROMPT = "سؤالك: "

QUIT_COMMANDS = frozenset({"/quit", "/exit", "/q", "/خروج"})
HELP_COMMANDS = frozenset({"/help", "/?", "/مساعدة"})
ABOUT_COMMANDS = frozenset({"/about", "/عن"})
NEW_COMMANDS = frozenset({"/new", "/جديد"})
STORIES_COMMANDS = frozenset({"/stories", "/أخبار"})
STORIES_LISTED = 10  # as many as an unknown --story lists

COMMANDS_HELP = "\n".join(
    [
        "الأوامر:",
        BULLET + "/help  هذه المساعدة",
        BULLET + "/about  عنوان المقال ومصدره وتنبيه الموقع",
        BULLET + "/new  محادثة جديدة (تنسى الأسئلة السابقة)",
        BULLET + "/stories  آخر الأخبار المضافة ومعرّفاتها (لـ --story)",
        BULLET + "/quit  الخروج (أو Ctrl-D)",
    ]
)
# The engine is asked for its own help reply (examples fitted to the article); this is the
# question used to ask it.
_HELP_QUESTION = "مساعدة"
_UNEXPECTED = "عذرًا، حدث خطأ غير متوقع أثناء الإجابة. جرّب سؤالًا آخر."


# ---------------------------------------------------------------- the story and its articles


def names_articles(story: Story) -> bool:
    """Quotes name their article only when there is more than one to tell apart."""
    return len(story.articles) > 1


class Source:
    """What the console answers from: one fixed story (the embedded one, the --article
    files, or --story ID), or a newsroom's catalogue, where each question is answered from
    the story that best matches it and the reply names that story."""

    def __init__(self, story: Story | None = None, newsroom: Newsroom | None = None, given: Choice | None = None) -> None:
        self.fixed = story
        self.newsroom = newsroom
        self.given = given  # --story ID: answers carry the story's id in JSON

    def pick(self, question: str, previous: str | None = None,
             conversation: Conversation | None = None) -> tuple[Story, Choice | None]:
        if self.fixed is not None:
            return self.fixed, self.given
        assert self.newsroom is not None
        choice = self.newsroom.choose(question, previous=previous, conversation=conversation)
        return self.newsroom.story(choice.id), choice

    def default_story(self) -> Story:
        return self.pick("")[0]

    def failed_story_keys(self) -> dict[str, object]:
        """The story keys of a JSON `error` line, where replies name their story: the keys do
        not change from one line to the next (the story is unknown when choosing it failed)."""
        if self.given is not None:
            return {"story": self.given.id, "story_title": self.given.info.title, "other_stories": []}
        if self.newsroom is not None:
            return {"story": None, "story_title": None, "other_stories": []}
        return {}


def story_line(choice: Choice) -> str:
    """The line that names the story a reply comes from when the reader did not choose it."""
    return f"من خبر {quoted_title(choice.info.title)} ({choice.id}):"


OTHERS_LINE = "وقد يكون السؤال عن:"


def others_line(choice: Choice) -> str:
    """The other stories a best match may be (Choice.others), with their ids for --story."""
    return OTHERS_LINE + " " + "، ".join(f"{quoted_title(i.title)} ({i.id})" for i in choice.others)


def format_reply(result: Answer, choice: Choice | None, *, as_json: bool, with_article: bool) -> str:
    """One answer as written to stdout, without the final newline (JSON on one line, UTF-8 as
    is), naming the story it came from when a newsroom chose it rather than the reader, and
    the other stories it may be about (JSON: `other_stories`, ids; an empty list when none,
    so that the keys do not change from one reply to the next)."""
    if as_json:
        obj = answer_to_json(result, with_article=with_article)
        if choice is not None:
            obj["story"] = choice.id
            obj["story_title"] = choice.info.title
            obj["other_stories"] = [i.id for i in choice.others]  # always there, [] when none
        return json.dumps(obj, ensure_ascii=False)
    text = render_plain(result, with_article=with_article)
    if choice is not None and choice.how != "given":
        # A crowded question: many stories share its words, and the reply says the choice is a guess.
        head = [story_line(choice), *([texts.NOT_SINGLED_OUT] if choice.crowded else [])]
        text = "\n".join([*head, text])
        if choice.others:
            text = f"{text}\n{others_line(choice)}"
    return text


class _Dialogue:
    """One conversation over a Source: follow-ups lean on the previous question while the
    questions stay on one story; a question about another story starts afresh."""

    def __init__(self, source: Source, remember: bool = True) -> None:
        self.source = source
        self.remember = remember
        self.state: Conversation | None = Conversation() if remember else None
        self.story_id: str | None = None

    def ask(self, question: str) -> tuple[Answer, Choice | None, Story]:
        story, choice = self.source.pick(question, previous=self.story_id, conversation=self.state)
        if choice is not None and choice.id != self.story_id and self.remember:
            self.state = Conversation()
        result = answer(story, question, self.state)
        if self.state is not None:
            self.state = self.state.after(result)
        if choice is not None:
            self.story_id = choice.id
        return result, choice, story

    def reset(self) -> None:
        self.state = Conversation() if self.remember else None


# ---------------------------------------------------------------- fixed texts


_HOW_TO_ASK = "اكتب سؤالك ثم Enter، أو /help للمساعدة، أو /quit للخروج."


def stories_count(n: int) -> str:
    return texts.count_of(n, "خبر", "خبران", "أخبار", "خبرًا")


def welcome_text(story: Story | None, count: int = 1) -> str:
    """The first lines: the story answered from, or, for a catalogue's best match (story
    None), how many stories there are and that each reply names the one it quotes."""
    if story is None:
        return (
            f"مرحبًا! أجيب عن أسئلتك حول أخبار الفهرس ({stories_count(count)}) باقتباس جملها كما وردت: "
            "أختار لكل سؤال الخبر الأقرب إليه وأسمّيه في أول الرد.\n"
            "لتسأل عن خبر بعينه: /stories لمعرّفاتها، ثم storybot console --story المعرّف.\n"
            + _HOW_TO_ASK
        )
    title = story.primary.title
    return f"مرحبًا! أجيب عن أسئلتك حول مقال {quoted_title(title)} باقتباس جمله كما وردت.\n" + _HOW_TO_ASK


NO_STORY_YET = "لم أختر خبرًا بعد: أختار لكل سؤال الخبر الأقرب إليه. /stories لآخر الأخبار المضافة."


def stories_text(source: Source) -> str:
    """/stories: the catalogue's stories added last, with the ids --story takes; with one
    fixed story (the embedded one, --article files, --story ID), that story."""
    if source.fixed is not None:
        title = source.given.info.title if source.given is not None else source.fixed.primary.title
        return f"أجيب من هذا الخبر وحده: {quoted_title(title)}"
    assert source.newsroom is not None
    infos = source.newsroom.newest(STORIES_LISTED)
    lines = [f"آخر الأخبار المضافة ({len(infos)} من {stories_count(source.newsroom.count())}):"]
    lines += [f"{BULLET}{info.id}  {quoted_title(info.title)}" for info in infos]
    lines.append("لتسأل عن أحدها وحده: storybot console --story المعرّف (القائمة كاملة: storybot stories).")
    return "\n".join(lines)


def about_text(story: Story) -> str:
    """Title, source and disclaimer of every article, the disclaimer verbatim."""
    blocks = []
    for article in story.articles:
        lines = [f"العنوان: {article.title}", f"المصدر: {article.source or 'غير مذكور'}"]
        if article.disclaimer:
            lines += [DISCLAIMER_LABEL, article.disclaimer]
        else:
            lines.append("لا يحمل المقال تنبيهًا من مصدره.")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def help_text(story: Story) -> str:
    """The console's commands, then the engine's own help (what to ask, with examples)."""
    engine_help = answer(story, _HELP_QUESTION)
    if engine_help.kind is Kind.HELP:
        return f"{render_plain(engine_help)}\n\n{COMMANDS_HELP}"
    return COMMANDS_HELP


# ---------------------------------------------------------------- modes


def emit(out: TextIO, text: str) -> None:
    """Write one reply and flush it at once, so a reader on a pipe gets it now."""
    out.write(text + "\n")
    out.flush()


def explain_failure(exc: Exception) -> None:
    """On stderr: a file the answer had to read that failed (a damaged catalogue: StoreError)
    is one line naming it, as at start-up; anything else is a bug, and gets its trace."""
    import traceback  # here: only a failure pays for it (and logging's, 5-8 ms at start-up)

    if isinstance(exc, _store_error()):
        print(f"storybot: {exc}", file=sys.stderr)
    else:
        traceback.print_exception(exc, file=sys.stderr)


def ask_once(source: Source, question: str, out: TextIO, *, as_json: bool) -> None:
    result, choice, story = _Dialogue(source, remember=False).ask(question)
    emit(out, format_reply(result, choice, as_json=as_json, with_article=names_articles(story)))


def answer_lines(
    source: Source, lines: Iterable[str], out: TextIO, *, as_json: bool, conversation: bool
) -> int:
    """One answer per non-empty line, in order, each flushed before the next line is read.

    Flushing per answer lets another program hold a dialogue through a pipe. A question the
    engine fails on gets the apology (JSON: kind "error") and the lines after it are still
    answered; returns how many failed, for the exit status.
    """
    dialogue = _Dialogue(source, remember=conversation)
    failed = 0
    for line in lines:
        if not line.rstrip("\r\n"):
            continue
        question = line.strip()
        if not conversation:
            dialogue.story_id = None
        try:
            result, choice, story = dialogue.ask(question)
        except Exception as exc:  # one question's bug must not lose the answers to the rest
            explain_failure(exc)
            failed += 1
            error = {"question": question, "kind": "error", "quotes": [], "related": [], "reply": _UNEXPECTED,
                     **source.failed_story_keys()}
            text = json.dumps(error, ensure_ascii=False) if as_json else _UNEXPECTED
        else:
            text = format_reply(result, choice, as_json=as_json, with_article=names_articles(story))
        if not as_json:
            # Plain replies span several lines; the question above each one and a blank
            # line after it keep a transcript readable. Scripts should use --json.
            text = f"{PROMPT}{question}\n{text}\n"
        emit(out, text)
    return failed


def _setup_readline() -> tuple[ModuleType, Path] | None:
    """Line editing and history, if readline is available; failures are ignored."""
    try:
        import readline  # stdlib; importing it is what turns on line editing for input()
    except ImportError:  # e.g. Windows without pyreadline
        return None
    path = HISTORY_FILE.expanduser()
    try:
        readline.read_history_file(path)
    except (OSError, ValueError):  # missing, unreadable, or garbled history: start afresh
        pass
    readline.set_history_length(HISTORY_LENGTH)
    return readline, path


def _save_history(setup: tuple[ModuleType, Path] | None) -> None:
    if setup is None:
        return
    readline, path = setup
    try:
        readline.write_history_file(path)
        os.chmod(path, 0o600)  # the questions a reader asked are theirs alone
    except OSError:  # read-only home, full disk: history is a convenience, not a duty
        pass


def interactive(source: Source, out: TextIO) -> int:
    """The prompt loop: one conversation for the whole session."""
    setup = _setup_readline()
    dialogue = _Dialogue(source)
    # With a catalogue's best match there is no story until the first question chose one;
    # /help and /about then speak of the story of the last reply.
    story: Story | None = source.fixed
    count = source.newsroom.count() if source.newsroom is not None else 1
    emit(out, welcome_text(story, count) + "\n")
    status = EXIT_OK
    try:
        while True:
            try:
                line = input(PROMPT)
            except EOFError:  # Ctrl-D: leave cleanly
                out.write("\n")
                break
            text = line.strip()
            if not text:
                continue
            command = text.split(maxsplit=1)[0].lower()
            if command in QUIT_COMMANDS:
                break
            if command in HELP_COMMANDS:
                reply = help_text(story) if story is not None else f"{NO_STORY_YET}\n\n{COMMANDS_HELP}"
            elif command in ABOUT_COMMANDS:
                reply = about_text(story) if story is not None else NO_STORY_YET
            elif command in STORIES_COMMANDS:
                reply = stories_text(source)
            elif command in NEW_COMMANDS:
                dialogue.reset()
                reply = "بدأنا محادثة جديدة."
            elif command.startswith("/"):
                reply = f"أمر غير معروف: {command}\n{COMMANDS_HELP}"
            else:
                try:
                    result, choice, story = dialogue.ask(text)
                except Exception as exc:  # keep the session alive; the trace is for developers
                    explain_failure(exc)
                    reply = _UNEXPECTED
                else:
                    reply = format_reply(result, choice, as_json=False, with_article=names_articles(story))
            emit(out, reply + "\n")
    except KeyboardInterrupt:  # Ctrl-C at the prompt or while an answer was worked out
        out.write("\n")
        status = EXIT_INTERRUPTED
    finally:
        _save_history(setup)
    out.flush()
    return status


# ---------------------------------------------------------------- plumbing


def _use_utf8(stdin: TextIO, stdout: TextIO) -> None:
    """Read and write UTF-8 whatever the locale says.

    JSON is UTF-8 by definition, and an ASCII or Latin-1 locale would otherwise make the
    first Arabic letter a crash. Undecodable input bytes become U+FFFD, not an exception.
    """
    for stream in (stdin, stdout):
        reconfigure = getattr(stream, "reconfigure", None)  # absent on a replaced stream
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _open_catalogue(db_path: Path) -> "Catalogue | None":
    """The catalogue in STORYBOT_DB, or None when there is no such file (nothing is created)."""
    if not db_path.exists():
        return None
    from bot.store.catalogue import Catalogue  # SQLite and the newsroom only when there is one

    return Catalogue.open(db_path, create=False, read_only=True)


def _load(args: Namespace) -> Source:
    """--story ID: that story alone; --article files: those; else the catalogue's best
    match for each question when it holds more than the embedded story; else the embedded story."""
    from bot.config import CONSOLE_SETTINGS, load_settings

    paths = tuple(getattr(args, "article", None) or ())
    story_id = getattr(args, "story", None)
    if story_id is None and paths:
        return Source(load_story(paths=paths))
    settings = load_settings(only=CONSOLE_SETTINGS)
    catalogue = _open_catalogue(settings.db_path)
    if story_id is None and (catalogue is None or len(catalogue) <= 1):
        return Source(load_story())
    from bot.newsroom import Newsroom

    newsroom = Newsroom.from_paths(catalogue, paths, capacity=settings.story_cache)
    if story_id is not None:
        return Source(newsroom.story(story_id), newsroom, given=newsroom.choose("", given=story_id))
    return Source(newsroom=newsroom)


def run(args: Namespace) -> int:
    """Entry point for `storybot console` and `storybot ask`; returns the exit status."""
    try:
        return _run(args)
    except KeyboardInterrupt:  # Ctrl-C outside the prompt (loading, or a piped run)
        return EXIT_INTERRUPTED


def _store_error() -> type[Exception]:
    """bot.store.schema's StoreError, imported only when something failed: without a catalogue
    the console never opens SQLite, and the schema's import (sqlite3, logging) cost 8-12 ms of
    every start-up. An `except` clause evaluates it only when an exception reaches it."""
    from bot.store.schema import StoreError

    return StoreError


def _unknown_story() -> type[Exception]:
    """bot.newsroom's UnknownStory, imported only when loading failed: a one-shot `ask` on the
    embedded story never imports the newsroom and its SQLite catalogue (10-15 ms)."""
    from bot.newsroom import UnknownStory

    return UnknownStory


def _run(args: Namespace) -> int:
    _use_utf8(sys.stdin, sys.stdout)
    from bot.config import ConfigError

    try:
        source = _load(args)
    except (ArticleError, OSError, _unknown_story()) as exc:  # evaluated only when one is raised
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except _store_error() as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_ERROR
    as_json = bool(getattr(args, "json", False))
    if sys.stdout is None:  # started with fd 1 closed (`>&-`): Python then has no sys.stdout
        print("storybot: standard output is closed: there is nowhere to write the answers", file=sys.stderr)
        return EXIT_ERROR
    try:
        if args.command == "ask":
            ask_once(source, " ".join(args.question).strip(), sys.stdout, as_json=as_json)
            return EXIT_OK
        if sys.stdin is not None and sys.stdin.isatty() and not as_json:
            return interactive(source, sys.stdout)
        failed = answer_lines(
            source,
            sys.stdin if sys.stdin is not None else (),  # fd 0 closed (`<&-`): no questions, as for /dev/null
            sys.stdout,
            as_json=as_json,
            conversation=bool(getattr(args, "conversation", False)),
        )
        return EXIT_ERROR if failed else EXIT_OK
    except BrokenPipeError:  # the reader left (`| head -1`): nothing more to say
        silence_stdout()
        return EXIT_OK
    except Exception as exc:  # a damaged catalogue met by the answer (one line), or a bug (its trace)
        explain_failure(exc)
        return EXIT_ERROR
