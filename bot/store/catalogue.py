"""The newsroom's catalogue of stories, in the same SQLite file as the conversation store.

Design, in short:

- A story is parsed once, when it is added, and kept as JSON (`stories.article`): the exact
  text with the spans of every paragraph and sentence, so a quote is still
  `article.text[start:end]` and nothing is re-parsed or re-split when the story is opened.
  No index is built here: `bot.newsroom` builds one on a story's first question.
- Each story's analysed terms (index.analysis, the same analyser questions go through) are
  kept in an FTS5 table (`story_terms`, its rowid the story's rowid), with its title's and
  sentences' distinct terms (`story_words`) and the spelling keys of the catalogue's terms
  (`term_keys`), so that the story a question is about is chosen over the whole catalogue
  (bot.store.story_search: FTS5's bm25 for candidates, then bot.core.matching's scoring)
  without anything being loaded at start-up.
- The embedded story (`lecun-meta`) is always there: opening the catalogue stores it, and
  stores it again when the package's copy changed (its digest is in `catalogue_meta`). It
  cannot be removed.
- Opening goes through the store's own checks and migrations (bot.store.database): a file
  that is not SQLite, another program's, corrupt or from a newer storybot is refused with a
  clear message and left unchanged.
- Synchronous sqlite3: the CLI and per-question look-ups by primary key or FTS5 take well
  under a millisecond to a few milliseconds (benchmarks/bench_newsroom.py). One connection,
  used by the thread that opened it.

Story ids are what a Telegram deep link can carry: 1 to 64 of `A-Z a-z 0-9 _ -`.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Iterable, Iterator, Sequence

from bot.store import damage
from bot.store.schema import EMBEDDED_STORY_ID, StoreError, _check_file, _open_writer, open_reader
from index.article import EMBEDDED_STORY, MAX_ARTICLE_BYTES, Article, ArticleError, Paragraph, Sentence, parse_article

STORY_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")  # \Z, not $: "$" also matches before a final newline


def _search() -> ModuleType:
    """bot.store.story_search, imported when a story's words are stored or searched: reading one
    story (`ask --story ID`, a deep link) never compiles and runs it (3-4 ms of a start-up)."""
    from bot.store import story_search

    return story_search


# The module's interface before v6 (bot.store.story_search's), found there on first use.
_SEARCH_NAMES = frozenset({"forget_words", "match_expression", "search_analyzer", "search_terms", "store_words", "text_terms"})


def __getattr__(name: str) -> Any:
    if name in _SEARCH_NAMES:
        return getattr(_search(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
MAX_STORY_ID = 64
ARTICLE_FORMAT = 1  # version of the JSON kept in stories.article
_BATCH = 500  # stories per transaction when adding many
_EMBEDDED_DIGEST_KEY = "embedded_digest"


class StoryIdError(ValueError):
    """A story id that a deep link could not carry; the message says what is allowed."""


def check_story_id(story_id: str) -> str:
    if not STORY_ID_RE.match(story_id):
        raise StoryIdError(
            f"invalid story id {story_id!r}: use 1 to {MAX_STORY_ID} characters of A-Z, a-z, 0-9, _ and - "
            "(what a Telegram deep link can carry)"
        )
    return story_id


def check_new_story_id(story_id: str) -> str:
    """check_story_id for a story to add: the embedded story's id is taken. Adding it would
    replace that story for good (the catalogue restores it only when the package's file
    changes), which is what remove refuses too."""
    if check_story_id(story_id) == EMBEDDED_STORY_ID:
        raise StoryIdError(f"{EMBEDDED_STORY_ID} is the embedded story; it cannot be replaced: give this story another id (--id)")
    return story_id


def story_id_from_name(name: str, text: str = "") -> str:
    """An id from a file name: its characters outside A-Z a-z 0-9 _ - become '-'; a name with
    none of them left (an Arabic file name) gets 'story-' and a digest of the text."""
    candidate = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:MAX_STORY_ID].strip("-")
    if candidate:
        return candidate
    import hashlib  # here, not at the top: the console's start-up does not pay for it

    return "story-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# ---------------------------------------------------------------- articles as JSON


def article_to_json(article: Article) -> str:
    """The parsed article with its exact spans; texts of paragraphs and sentences are not
    repeated (they are slices of `text`)."""
    return json.dumps(
        {
            "format": ARTICLE_FORMAT,
            "name": article.name,
            "text": article.text,
            "title": article.title,
            "title_span": article.title_span,
            "disclaimer": article.disclaimer,
            "disclaimer_span": article.disclaimer_span,
            "source": article.source,
            "source_span": article.source_span,
            "headings": article.headings,
            "paragraphs": [
                [p.number, p.heading, p.start, p.end, [[s.start, s.end] for s in p.sentences]]
                for p in article.paragraphs
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def article_from_json(data: str) -> Article:
    obj = json.loads(data)
    if obj.get("format") != ARTICLE_FORMAT:
        raise StoreError(f"a stored story has article format {obj.get('format')!r}, not {ARTICLE_FORMAT}")
    text = obj["text"]
    paragraphs = tuple(
        Paragraph(
            number,
            heading,
            text[start:end],
            start,
            end,
            tuple(Sentence(text[s:e], s, e, number, i) for i, (s, e) in enumerate(spans)),
        )
        for number, heading, start, end, spans in obj["paragraphs"]
    )
    span = lambda value: tuple(value) if value is not None else None  # noqa: E731
    return Article(
        name=obj["name"],
        text=text,
        title=obj["title"],
        title_span=span(obj["title_span"]),
        disclaimer=obj["disclaimer"],
        disclaimer_span=span(obj["disclaimer_span"]),
        source=obj["source"],
        source_span=span(obj.get("source_span")),  # absent in stories stored before source lines were quoted
        paragraphs=paragraphs,
        headings=tuple(obj["headings"]),
    )


# ---------------------------------------------------------------- what is added


@dataclass(frozen=True)
class NewStory:
    """A story to add: its id, the parsed article, and what the newsroom knows beside it."""

    id: str
    article: Article
    url: str = ""
    date: str = ""
    source: str = ""  # the site; the article's own source line when empty


def check_date(text: str) -> str:
    """A story's date as lists and the dashboard show it: a calendar date written YYYY-MM-DD,
    or "" for none (`add --date` and a batch's `date` alike). ValueError says the form."""
    from datetime import date

    try:
        if text and not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) and date.fromisoformat(text)):
            raise ValueError
    except ValueError:
        raise ValueError(f"must be a date like 2015-07-30, got {text!r}") from None
    return text


def _one_line(value: Any) -> str:
    return " ".join(str(value or "").split())


def article_from_record(record: dict[str, Any], where: str = "record") -> NewStory:
    """A story from one JSON object of a batch (`id`, `title`, `source`, `url`, `date`,
    `paragraphs`, optionally `disclaimer`), written out in the simple article format and parsed
    by index.article like any file. Raises ArticleError or StoryIdError."""
    if not isinstance(record, dict):
        raise ArticleError(f"{where}: not a JSON object")
    try:
        story_id = check_new_story_id(str(record.get("id", "")))
    except StoryIdError as exc:
        raise StoryIdError(f"{where}: {exc}") from None
    title = _one_line(record.get("title"))
    paragraphs = record.get("paragraphs")
    # Every message starts `where: ` (a batch's file:line), then the story's id when it has one.
    where = f"{where}: {story_id}"
    if not title:
        raise ArticleError(f"{where}: no title")
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
        raise ArticleError(f"{where}: 'paragraphs' must be a list of strings")
    body = [_one_line(p) for p in paragraphs]
    body = [p for p in body if p]
    if not body:
        raise ArticleError(f"{where}: no paragraph of body text")
    source, url = _one_line(record.get("source")), _one_line(record.get("url"))
    header = [f"title: {title}"]
    if source_line := "، ".join(part for part in (source, url) if part):
        header.append(f"source: {source_line}")
    if disclaimer := _one_line(record.get("disclaimer")):
        header.append(f"disclaimer: {disclaimer}")
    try:
        day = check_date(_one_line(record.get("date")))
    except ValueError as exc:
        raise ArticleError(f"{where}: 'date' {exc}") from None
    article = parse_article("\n".join(header) + "\n\n" + "\n".join(body) + "\n", name=story_id, where=where)
    return NewStory(story_id, article, url=url, date=day, source=source)


class BatchDamaged(ArticleError):
    """A JSONL file that cannot be read past a line (a gzip cut short, a disk error): the
    lines before it were read; `line` is the last of them."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


# A JSON line may spell each Arabic letter as a six-byte \\uXXXX escape: room for an article of
# MAX_ARTICLE_BYTES so written, and a line longer than that is skipped, never held whole.
_MAX_JSONL_LINE = 8 * MAX_ARTICLE_BYTES


def _raw_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Each line's bytes, or None for a line over `limit` bytes (read through in pieces: a
    binary file given by mistake, with no newline in it, is never held in memory whole)."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | Exception]]:
    """(line number, object or the error that line gave) for each non-blank line of a JSONL
    file, plain or gzip-compressed (told by its first bytes, not its name). Each line is
    decoded on its own, so one line that is not UTF-8 is that line's error; a file that stops
    being readable (a truncated gzip) raises BatchDamaged after the lines read before it."""
    import gzip
    import zlib

    path = Path(path)
    gzipped = open_jsonl(path)
    opener = gzip.open if gzipped else open
    number = 0
    try:
        stream: IO[bytes]
        with opener(path, "rb") as stream:  # type: ignore[operator]
            for number, raw in enumerate(_raw_lines(stream, _MAX_JSONL_LINE), 1):
                if raw is None:
                    yield number, ArticleError(f"{path}:{number}: a line over {_MAX_JSONL_LINE >> 20} MiB, not one story")
                    continue
                try:
                    # utf-8-sig on the first line: a byte order mark that a Windows tool
                    # wrote is not the story's (article files drop it too).
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    yield number, ArticleError(f"{path}:{number}: not UTF-8 text")
                    continue
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, ArticleError(f"{path}:{number}: not JSON ({exc.msg})")
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        if number == 0:
            raise ArticleError(f"{path}: cannot be read as JSON lines ({exc})") from None
        raise BatchDamaged(f"{path}: cannot be read past line {number}: cut short or damaged ({exc})", number) from None


def open_jsonl(path: Path) -> bool:
    """Whether a JSONL file is gzip-compressed; ArticleError when it cannot be opened (checked
    before the catalogue is opened, so a typo in its name creates no database)."""
    try:
        with path.open("rb") as raw:
            return raw.read(2) == b"\x1f\x8b"
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror or exc})") from None


# ---------------------------------------------------------------- search terms
# What is stored for choosing a story, and the choice itself: bot.store.story_search.


def _index_terms(db: sqlite3.Connection, rowid: int, article: Article) -> None:
    _search().store_words(db, rowid, article)


def index_stored_stories(db: sqlite3.Connection) -> None:
    """Fill story_terms for stories stored before it existed (the migration to v5, which made
    it; story_words and term_keys came with v6, whose migration fills all three)."""
    for rowid, data in db.execute("SELECT rowid, article FROM stories").fetchall():
        db.execute("DELETE FROM story_terms WHERE rowid = ?", (rowid,))
        db.execute("INSERT INTO story_terms (rowid, terms) VALUES (?, ?)", (rowid, _search().search_terms(article_from_json(data))))


def store_stored_words(db: sqlite3.Connection) -> None:
    """Store every stored story's search words anew (the migration to v6)."""
    for rowid, data in db.execute("SELECT rowid, article FROM stories").fetchall():
        _search().store_words(db, rowid, article_from_json(data))


def question_terms(question: str) -> list[str]:
    """The searchable terms of a question, as the stories' (see story_search.text_terms)."""
    return _search().text_terms(question)


# ---------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class StoryInfo:
    """What lists and replies say about a story (not its text)."""

    id: str
    title: str
    source: str
    url: str
    date: str
    added_at: float
    updated_at: float

    @classmethod
    def of_article(cls, story_id: str, article: Article) -> StoryInfo:
        """What lists say of a story that is a file (or the embedded one), not stored: no url,
        date or times."""
        return cls(story_id, article.title, article.source or "", "", "", 0.0, 0.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "date": self.date,
            "added_at": self.added_at,
            "updated_at": self.updated_at,
        }


_INFO_COLUMNS = "id, title, source, url, date, added_at, updated_at"


@dataclass(frozen=True)
class AddResult:
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()


class Catalogue:
    """Use `Catalogue.open(path)`; close() when done (or use it as a context manager)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self.path = path

    @classmethod
    def open(
        cls, path: str | Path, *, create: bool = True, read_only: bool = False, busy_timeout_ms: int = 5000,
        pages_checked: bool = False,
    ) -> Catalogue:
        """Open (creating and migrating as the store does) the catalogue; StoreError says why not.
        read_only: for listing and answering, which never write; a file that still needs a
        migration is opened as a writer all the same, once. pages_checked: the conversation
        store has just opened this file as a writer, which read every page (schema._check_intact)."""
        path = Path(path)
        _check_file(path, create and not read_only)
        if read_only:
            try:
                reader = open_reader(path, busy_timeout_ms)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open the catalogue {path}: {exc} (the file was left unchanged)") from exc
            if reader is not None:
                return cls(reader, path)
        try:
            db = _open_writer(path, busy_timeout_ms, check_pages=not pages_checked)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the catalogue {path}: {exc} (the file was left unchanged)") from exc
        catalogue = cls(db, path)
        try:
            catalogue._ensure_embedded()
        except BaseException:
            db.close()
            raise
        return catalogue

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------

    def _ensure_embedded(self) -> None:
        text = EMBEDDED_STORY.read_bytes()
        import hashlib

        digest = hashlib.sha256(text).hexdigest()
        row = self._db.execute("SELECT value FROM catalogue_meta WHERE key = ?", (_EMBEDDED_DIGEST_KEY,)).fetchone()
        if row and row[0] == digest and EMBEDDED_STORY_ID in self:
            return
        from index.article import load_embedded_story

        with self._transaction() as db:
            self._put(db, NewStory(EMBEDDED_STORY_ID, load_embedded_story()), time.time())
            db.execute(
                "INSERT INTO catalogue_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (_EMBEDDED_DIGEST_KEY, digest),
            )

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db)

    @staticmethod
    def _put(db: sqlite3.Connection, story: NewStory, now: float) -> bool:
        """Insert or update one story and its search terms; True if it is new."""
        check_story_id(story.id)
        article = story.article
        row = db.execute("SELECT rowid FROM stories WHERE id = ?", (story.id,)).fetchone()
        # An upsert, not INSERT OR REPLACE: REPLACE would give the row a new rowid, and the
        # search terms are keyed by it.
        db.execute(
            f"""INSERT INTO stories ({_INFO_COLUMNS}, article) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, source = excluded.source,
                    url = excluded.url, date = excluded.date, article = excluded.article,
                    updated_at = excluded.updated_at""",
            (
                story.id,
                article.title,
                story.source or article.source or "",
                story.url,
                story.date,
                now,
                now,
                article_to_json(article),
            ),
        )
        rowid = row[0] if row else db.execute("SELECT rowid FROM stories WHERE id = ?", (story.id,)).fetchone()[0]
        _index_terms(db, rowid, article)
        return row is None

    def add(self, story: NewStory) -> bool:
        """Add a story, or update it when its id is already there; True if it is new."""
        check_new_story_id(story.id)
        with self._transaction() as db:
            return self._put(db, story, time.time())

    def add_many(self, stories: Iterable[NewStory]) -> AddResult:
        """Add or update stories, a few hundred per transaction (an interrupted batch keeps
        what was committed)."""
        added: list[str] = []
        updated: list[str] = []
        batch: list[NewStory] = []

        def flush() -> None:
            now = time.time()
            with self._transaction() as db:
                for story in batch:
                    (added if self._put(db, story, now) else updated).append(story.id)
            batch.clear()

        for story in stories:
            check_new_story_id(story.id)
            batch.append(story)
            if len(batch) >= _BATCH:
                flush()
        if batch:
            flush()
        return AddResult(tuple(added), tuple(updated))

    def remove(self, story_id: str) -> bool:
        """Remove a story; False if there is no such story. Questions asked about it stay,
        with its id, for the figures; so do the choices of the chats that were on it
        (`chat_stories`): the bot tells such a chat on its next question that its story is gone,
        then clears the choice (bot.conversation.desk.StoryDesk._gone), in this run or after a
        restart alike. Deleting them here left a chat that asks after a restart unaware."""
        if story_id == EMBEDDED_STORY_ID:
            raise StoryIdError(f"{EMBEDDED_STORY_ID} is the embedded story; it is always there and cannot be removed")
        with self._transaction() as db:
            row = db.execute("SELECT rowid FROM stories WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                return False
            _search().forget_words(db, row[0])
            db.execute("DELETE FROM stories WHERE rowid = ?", (row[0],))
        return True

    # -- reading ------------------------------------------------------------------------

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            damage.note(self.path, exc)  # the store then holds its writes; /healthz says 503
            raise StoreError(f"could not read the catalogue {self.path}: {exc}") from exc

    def __contains__(self, story_id: object) -> bool:
        return bool(self._read("SELECT 1 FROM stories WHERE id = ?", (story_id,)))

    def __len__(self) -> int:
        return self._read("SELECT count(*) FROM stories")[0][0]

    def info(self, story_id: str) -> StoryInfo | None:
        rows = self._read(f"SELECT {_INFO_COLUMNS} FROM stories WHERE id = ?", (story_id,))
        return StoryInfo(*rows[0]) if rows else None

    def article(self, story_id: str) -> Article | None:
        rows = self._read("SELECT article FROM stories WHERE id = ?", (story_id,))
        return article_from_json(rows[0][0]) if rows else None

    def newest(self, limit: int | None = None, offset: int = 0) -> list[StoryInfo]:
        """Stories, the most recently added first."""
        rows = self._read(
            f"SELECT {_INFO_COLUMNS} FROM stories ORDER BY added_at DESC, rowid DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [StoryInfo(*row) for row in rows]

    def best_matches(self, question: str, limit: int = 3) -> list[tuple[str, float]]:
        """(story id, score) of the stories whose words best match the question, best first
        (of equal scores, the newest: a copy of the same news published again); empty when
        the question has no word any story holds. Two stages (bot.store.story_search): FTS5
        bm25 picks candidates, the shared scoring of bot.core.matching orders them; higher is
        better."""
        try:
            return _search().best_matches(self._db, question, limit)
        except sqlite3.Error as exc:
            damage.note(self.path, exc)
            raise StoreError(f"could not read the catalogue {self.path}: {exc}") from exc


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error); sqlite3 errors become StoreError."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"could not write to the catalogue: {exc}") from exc
        return self._db

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc_type is None:
            try:
                self._db.execute("COMMIT")
                return
            except sqlite3.Error as commit_error:
                exc = commit_error
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"could not write to the catalogue: {exc}") from exc
