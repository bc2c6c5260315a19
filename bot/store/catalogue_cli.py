"""`storybot add`, `storybot stories` and `storybot remove`: the newsroom's catalogue.

The catalogue is in `STORYBOT_DB` (default ./storybot.db), the conversation store's file;
`add` creates it when missing, `stories` and `remove` do not (a typo in STORYBOT_DB should
not look like an empty catalogue).

- `add FILE…`: article files in either format (index.article); the id is `--id` (one file
  only) or derived from the file name. `--url` and `--date` say where and when it was
  published. Adding an id again updates that story.
- `add --jsonl FILE`: a batch, one JSON object a line (`id`, `title`, `source`, `url`,
  `date`, `paragraphs`), plain or gzip-compressed. A line that is not a story is reported
  as `FILE:LINE: why; skipped` and skipped; the others are stored. An id on several lines is stored
  once, from its last line (as adding a story again updates it), and reported with the
  lines that gave it: a batch holding one id twice is most often a mistake in its making.

Exit codes: 0 ok, 1 database error (message on stderr; the file is left unchanged),
2 bad input (a file that is not an article, a bad id, a line that is not a story, an
unknown id to remove), 3 configuration.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from bot.config import STORE_SETTINGS, ConfigError, load_settings
from bot.store.catalogue import (
    AddResult,
    BatchDamaged,
    Catalogue,
    NewStory,
    StoryIdError,
    StoryInfo,
    article_from_record,
    check_new_story_id,
    open_jsonl,
    read_jsonl,
    story_id_from_name,
)
from bot.store.cli import one_line_shown
from bot.store.schema import EMBEDDED_STORY_ID, StoreError
from index.article import ArticleError, parse_article, read_article_text

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3
_MAX_REPORTED = 20  # bad lines listed one by one; beyond that, only counted


def _err(command: str, message: str) -> None:
    print(f"storybot {command}: {message}", file=sys.stderr)


def _file_stories(args: argparse.Namespace) -> list[NewStory]:
    """Parse every file first: one bad file stores nothing, and says which."""
    if args.story_id is not None and len(args.files) != 1:
        raise StoryIdError("--id names one story: give exactly one FILE with it")
    stories = []
    named: dict[str, str] = {}  # id -> the file that gave it
    for name in args.files:
        path = Path(name)
        text = read_article_text(path)
        story_id = check_new_story_id(args.story_id if args.story_id else story_id_from_name(path.stem, text))
        if story_id in named and Path(named[story_id]).resolve() != path.resolve():
            # Two files, one id (a/index.txt, b/index.txt): the second would replace the first.
            raise StoryIdError(
                f"{named[story_id]} and {name} would both get the id {story_id!r}, and the second would "
                "replace the first: add them one at a time with --id"
            )
        named[story_id] = name
        article = parse_article(text, name=story_id, where=name)
        stories.append(NewStory(story_id, article, url=args.url, date=args.date))
    return stories


class _Batch:
    """The stories of a JSONL file, the bad lines counted and reported as they are met."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.bad = 0
        self.damaged: BatchDamaged | None = None  # the file stopped being readable there
        self.lines: dict[str, list[int]] = {}  # id -> the lines that gave it

    @property
    def repeated(self) -> dict[str, list[int]]:
        """The ids given on more than one line, with those lines (the last one is stored)."""
        return {story_id: lines for story_id, lines in self.lines.items() if len(lines) > 1}

    def __iter__(self) -> Iterator[NewStory]:
        lines = read_jsonl(self.path)
        while True:
            try:
                number, item = next(lines)
            except StopIteration:
                return
            except BatchDamaged as exc:  # the stories read before it are still stored
                self.damaged = exc
                return
            where = f"{self.path}:{number}"
            try:
                if isinstance(item, Exception):
                    raise item
                story = article_from_record(item, where=where)
            except (ArticleError, StoryIdError) as exc:
                self.bad += 1
                if self.bad <= _MAX_REPORTED:
                    _err("add", f"{_located(str(exc), where)}; skipped")
                continue
            self.lines.setdefault(story.id, []).append(number)
            yield story


def _located(message: str, where: str) -> str:
    """One form for a skipped line, `FILE:LINE: why`: the reader's and the record's messages
    start with it already; any other gets it in front."""
    return message if message.startswith(f"{where}:") else f"{where}: {message}"


def _once(result: AddResult) -> AddResult:
    """Each story once: one a batch gave twice is added (or updated) once, by its last line."""
    added = tuple(dict.fromkeys(result.added))
    return AddResult(added, tuple(i for i in dict.fromkeys(result.updated) if i not in set(added)))


def _report(result: AddResult) -> None:
    for story_id in result.added:
        print(f"added {story_id}")
    for story_id in result.updated:
        print(f"updated {story_id}")


def _report_repeated(repeated: dict[str, list[int]]) -> None:
    for story_id, lines in list(repeated.items())[:_MAX_REPORTED]:
        listed = ", ".join(map(str, lines))
        _err("add", f"the id {story_id!r} is on lines {listed}: the story of line {lines[-1]} is stored")


def _add_jsonl(catalogue: Catalogue, args: argparse.Namespace) -> int:
    batch = _Batch(args.jsonl)
    result = _once(catalogue.add_many(batch))
    if len(result.added) + len(result.updated) <= _MAX_REPORTED:
        _report(result)
    repeated = batch.repeated
    _report_repeated(repeated)
    twice = f", {len(repeated)} {'id' if len(repeated) == 1 else 'ids'} on more than one line (the last kept)" if repeated else ""
    print(f"{len(result.added)} added, {len(result.updated)} updated, {batch.bad} skipped{twice}")
    if batch.damaged is not None:
        _err("add", f"{batch.damaged}; the stories of lines 1-{batch.damaged.line} were stored, none after")
    return EXIT_USAGE if batch.bad or batch.damaged else EXIT_OK


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%d %H:%M") if ts else ""


def _embedded_info() -> StoryInfo:
    from index.article import load_embedded_story

    return StoryInfo.of_article(EMBEDDED_STORY_ID, load_embedded_story())


def _print_stories(infos: list[StoryInfo], args: argparse.Namespace) -> int:
    if args.json:
        print(json.dumps([info.to_json() for info in infos], ensure_ascii=False))
        return EXIT_OK
    for info in infos:
        # A title or source from a batch is anybody's text: one line, no control character run.
        print("\t".join((info.id, info.date or _when(info.added_at), one_line_shown(info.source), one_line_shown(info.title))))
    return EXIT_OK


def _stories(catalogue: Catalogue, args: argparse.Namespace) -> int:
    infos = catalogue.newest(args.limit)
    # The embedded story answers even when the file does not hold it (a conversation store the
    # catalogue was never opened on for writing): list it, last (it has no date), as the bot does.
    if EMBEDDED_STORY_ID not in catalogue and (args.limit is None or len(infos) < args.limit):
        infos.append(_embedded_info())
    return _print_stories(infos, args)


def _embedded_only(args: argparse.Namespace) -> int:
    return _print_stories([_embedded_info()][: args.limit], args)


def _remove(catalogue: Catalogue, args: argparse.Namespace) -> int:
    if catalogue.remove(args.story_id):
        print(f"removed {args.story_id}")
        return EXIT_OK
    _err("remove", f"no story has the id {args.story_id!r} (see `storybot stories`)")
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Entry point for `storybot add`, `stories` and `remove` (dispatched from bot.cli)."""
    command = args.command
    if command == "add" and bool(args.files) == bool(args.jsonl):
        _err("add", "give article FILEs or --jsonl FILE (one of the two)")
        return EXIT_USAGE
    try:
        db_path = load_settings(only=STORE_SETTINGS).db_path
    except ConfigError as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if command == "stories" and not db_path.exists():
        return _embedded_only(args)  # no catalogue yet: the embedded story is still there
    try:
        # Files are read before the catalogue is opened: a typo creates no database.
        stories = _file_stories(args) if command == "add" and args.files else None
        if command == "add" and args.jsonl:
            open_jsonl(Path(args.jsonl))
        with Catalogue.open(db_path, create=command == "add", read_only=command == "stories") as catalogue:
            if stories is not None:
                _report(catalogue.add_many(stories))
                return EXIT_OK
            return {"add": _add_jsonl, "stories": _stories, "remove": _remove}[command](catalogue, args)
    except (ArticleError, StoryIdError) as exc:
        _err(command, str(exc))
        return EXIT_USAGE
    except StoreError as exc:
        _err(command, str(exc))
        return EXIT_ERROR
