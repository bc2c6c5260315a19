"""`storybot` command line: dispatches to console, ask, telegram, stats, export, replay-held,
dashboard, and the catalogue's add, stories and remove.

Each sub-command's module is imported only when that command runs, so the console never
loads the Telegram stack.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Sequence, TextIO

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3


def _iso_date(text: str) -> str:
    """--date: a calendar date as YYYY-MM-DD (what lists and the dashboard show), kept as typed;
    "" (the default, which argparse passes through here too) for none. The rule is the
    catalogue's (check_date), which a batch's `date` meets too: the text is stored as typed,
    so no white space around it and two digits for the month and the day."""
    from bot.store.catalogue import check_date  # here: only `add --date` pays for the import

    try:
        return check_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    """--limit: a whole number, 0 or more (a negative limit would list everything)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storybot",
        description="Answers questions about an Arabic news story by quoting it.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add_article_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--article",
            action="append",
            default=[],
            metavar="FILE",
            help="an article file (UTF-8; repeatable). Without --story these files alone answer, instead of the "
                 "embedded story and the catalogue: each question from the article it is about, named in the reply "
                 "when there are several. With --story each file is a story beside the catalogue's, its id from its name",
        )

    def add_story_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--story",
            metavar="ID",
            help="answer from this story of the catalogue (STORYBOT_DB) or of the --article files",
        )

    console = sub.add_parser("console", help="interactive console; one answer per line when piped")
    add_article_flag(console)
    add_story_flag(console)
    console.add_argument("--json", action="store_true", help="one JSON object per input line")
    console.add_argument(
        "--conversation",
        action="store_true",
        help="piped lines form one conversation (follow-up questions lean on earlier ones)",
    )

    ask = sub.add_parser("ask", help="answer one question and exit")
    add_article_flag(ask)
    add_story_flag(ask)
    ask.add_argument("question", nargs="+", help="the question")
    ask.add_argument("--json", action="store_true", help="print the answer as one JSON object")

    sub.add_parser("telegram", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")

    stats = sub.add_parser("stats", help="what readers asked, from the conversation store")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.add_argument("--story", metavar="ID", help="one story's figures (an id of `storybot stories`)")

    export = sub.add_parser("export", help="export stored questions as CSV")
    export.add_argument("--unanswered", action="store_true", help="only unanswered questions")
    export.add_argument("--since", metavar="DATE", help="only questions on or after DATE (YYYY-MM-DD)")
    export.add_argument("--story", metavar="ID", help="only questions about this story (an id of `storybot stories`)")

    replay = sub.add_parser("replay-held", help="write the writes held while the store was damaged into its restored copy")
    replay.add_argument("--dry-run", action="store_true", help="say what would be written; write nothing, move nothing")
    replay.add_argument("--json", action="store_true", help="print one JSON object")

    sub.add_parser("dashboard", help="serve the editors' web dashboard (needs STORYBOT_DASHBOARD_TOKEN)")
    add = sub.add_parser("add", help="add article files (or a JSONL batch) to the catalogue")
    add.add_argument("files", nargs="*", metavar="FILE", help="article files (UTF-8, either format)")
    add.add_argument("--jsonl", metavar="FILE", help="a batch: one JSON story a line, plain or .gz")
    add.add_argument("--id", dest="story_id", metavar="ID", help="the story's id (one file only); A-Z a-z 0-9 _ -, up to 64")
    add.add_argument("--url", default="", help="where the story is published")
    add.add_argument("--date", default="", type=_iso_date, help="when the story was published (YYYY-MM-DD)")
    stories = sub.add_parser("stories", help="list the catalogue's stories, newest first")
    stories.add_argument("--json", action="store_true", help="one JSON array")
    stories.add_argument("--limit", type=_count, default=None, help="at most this many")
    remove = sub.add_parser("remove", help="remove a story from the catalogue")
    remove.add_argument("story_id", metavar="ID", help="the id of the story to remove, as `storybot stories` lists it "
                                                         "(the embedded story cannot be removed)")
    return parser


CATALOGUE_COMMANDS = ("add", "stories", "remove")  # bot.store.catalogue_cli
STORE_COMMANDS = (*CATALOGUE_COMMANDS, "stats", "export", "replay-held")  # and bot.store.cli


def silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's last flush is quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class _ReaderMayLeave:
    """sys.stdout while a store command runs. A reader that leaves (EPIPE: `| head -1`) ends
    the output, not the command: it goes on to its end and its own exit code (2 when `add` or
    `replay-held` skipped lines, which stderr still lists), rather than 0 from wherever the
    pipe broke. What is written after that is dropped."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.left = False

    def write(self, text: str) -> int:
        if not self.left:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._leave()
        return len(text)

    def flush(self) -> None:
        if not self.left:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._leave()

    def _leave(self) -> None:
        self.left = True
        silence_stdout()  # what the stream still buffers goes to /dev/null at exit

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _run_store_command(args: argparse.Namespace) -> int:
    """The store's and the catalogue's commands (STORE_COMMANDS); a reader that leaves
    (`storybot stories | head -1`) ends them with no traceback and their own exit code
    (0 when all went well), as it ends the console."""
    stdout = sys.stdout
    if stdout is not None:
        sys.stdout = _ReaderMayLeave(stdout)  # type: ignore[assignment]
    try:
        if args.command in CATALOGUE_COMMANDS:
            from bot.store import catalogue_cli

            return catalogue_cli.run(args)
        from bot.store import cli as store_cli

        return store_cli.run(args)
    except BrokenPipeError:  # written past sys.stdout (its file descriptor): nothing more to say
        silence_stdout()
        return EXIT_OK
    finally:
        sys.stdout = stdout


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if args.command in ("console", "ask"):
        from bot import console

        return console.run(args)
    if args.command == "telegram":
        from bot.telegram import app as telegram_app

        return telegram_app.run()
    if args.command in STORE_COMMANDS:
        return _run_store_command(args)
    if args.command == "dashboard":
        from bot.dashboard import server as dashboard_server

        return dashboard_server.run()
    parser.error(f"unknown command {args.command!r}")
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
