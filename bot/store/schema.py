"""The file's schema and how it is opened, shared by the conversation store and the catalogue.

Synchronous and free of asyncio and aiosqlite, so that the console and the catalogue's CLI
open the file without loading the bot's async stack (start-up time). Each migration brings
the file from version N-1 to N and runs in one transaction together with
`PRAGMA user_version = N`, so a crash leaves either the old or the new version, never half
of one. A file that is not SQLite, not ours, or newer than this code is refused before
anything is written to it.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any, Callable

logger = logging.getLogger("storybot.store")

SCHEMA_VERSION = 7
# PRAGMA application_id marks a file as ours ("STBY"), so another program's SQLite file is
# refused rather than having our tables added to it.
APPLICATION_ID = 0x53544259
EMBEDDED_STORY_ID = "lecun-meta"  # the catalogue id of the story shipped in the package
_SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """The conversation store cannot be opened or cannot do what was asked; the message says why."""


# Harakat, Quranic marks, superscript alef and tatweel: readers type them inconsistently,
# so they would split one question into several rows of the "top unanswered" list.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_EDGE_PUNCT = " \t\r\n?\u061f!.,\u060c;\u061b:\u2026\"'\u00ab\u00bb()-"


def normalise_question(text: str) -> str:
    """Light normalisation for grouping questions: NFKC, no diacritics, one space, casefold."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text)
    text = " ".join(text.split())
    return text.strip(_EDGE_PUNCT).casefold()


# ---------------------------------------------------------------------------------------
# Schema and migrations. Each migration brings the file from version N-1 to N and runs in
# one transaction together with `PRAGMA user_version = N`, so a crash leaves either the old
# or the new version, never half of one. DDL is executed statement by statement because
# sqlite3's executescript() would COMMIT the surrounding transaction first.

Migration = Callable[[sqlite3.Connection], None]

_V1_DDL = (
    """CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        answer_id TEXT NOT NULL UNIQUE,
        chat_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL,
        question TEXT NOT NULL,
        kind TEXT NOT NULL,
        quotes TEXT NOT NULL DEFAULT '[]',
        top_score REAL,
        latency_ms REAL NOT NULL DEFAULT 0,
        asked_at REAL NOT NULL
    )""",
    "CREATE INDEX questions_asked_at ON questions(asked_at)",
    "CREATE INDEX questions_user ON questions(user_id)",
    """CREATE TABLE feedback (
        answer_id TEXT NOT NULL,
        user_id INTEGER NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        voted_at REAL NOT NULL,
        PRIMARY KEY (answer_id, user_id)
    )""",
    f"PRAGMA application_id = {APPLICATION_ID}",
)

# v2: rate-limit events move from memory into the file (so the limit survives restarts),
# and questions get a normalised form for grouping the unanswered ones.
_V2_DDL = (
    "ALTER TABLE questions ADD COLUMN question_norm TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX questions_kind_norm ON questions(kind, question_norm)",
    "CREATE INDEX feedback_user ON feedback(user_id)",
    "CREATE TABLE rate_events (user_id INTEGER NOT NULL, at REAL NOT NULL)",
    "CREATE INDEX rate_events_user_at ON rate_events(user_id, at)",
)


# v3: one file is one deployment of a newsroom: the catalogue of stories (each article parsed
# once, kept as JSON), the story each chat is about, and the story of every question.
_V3_DDL = (
    f"ALTER TABLE questions ADD COLUMN story TEXT NOT NULL DEFAULT '{EMBEDDED_STORY_ID}'",
    "CREATE INDEX questions_story_asked ON questions(story, asked_at)",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        article TEXT NOT NULL,
        added_at REAL NOT NULL,
        updated_at REAL NOT NULL
    )""",
    "CREATE INDEX stories_added ON stories(added_at)",
    """CREATE TABLE chat_stories (
        chat_id INTEGER PRIMARY KEY,
        story TEXT NOT NULL,
        chosen_at REAL NOT NULL
    )""",
)


# v4: the durable inbox (issue 10: nothing received is lost in a crash), and where each
# question came from. Independent of v3's catalogue tables.
_V4_DDL = (
    """CREATE TABLE inbox (
        update_id INTEGER PRIMARY KEY,
        received_at REAL NOT NULL,
        body TEXT NOT NULL,
        done_at REAL
    )""",
    "CREATE INDEX inbox_pending ON inbox(received_at) WHERE done_at IS NULL",
    "CREATE INDEX inbox_done ON inbox(done_at) WHERE done_at IS NOT NULL",
    "ALTER TABLE questions ADD COLUMN via TEXT NOT NULL DEFAULT 'chat'",
)


# v5: the catalogue's search table (issue 11): the search terms of each story (title and
# body, one column: measured better than a title column weighted apart), so that the story a
# question is about is chosen by SQLite's FTS5 (bm25) without building any index at start-up.
# Its rowid is the story's rowid in `stories` (kept by upserts). Terms are already normalised
# by index.analysis; FTS5 only splits them at spaces ('_' joins the words of a synonym
# group's term, '.' and '%' belong to numbers).
# catalogue_meta holds small facts about the file (the embedded story's digest; how many lines of a
# side file of held writes `storybot replay-held` has written, bot.store.replay).
_V5_DDL = (
    """CREATE VIRTUAL TABLE story_terms USING fts5(
        terms, tokenize = "unicode61 remove_diacritics 0 tokenchars '_.%'"
    )""",
    "CREATE TABLE catalogue_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


# v6: choosing the story of a question in two stages (bot.store.story_search): each story's
# distinct search terms, of its title and of each passage (a heading, a sentence; read back for
# the few candidates FTS5 picks, to count the question's words held and held together), and the spelling keys of
# every term (index.language.names), so that an English or Arabizi name or a misspelt one
# meets the catalogue's spelling by an indexed look-up. Filled from the stored stories.
_V6_DDL = (
    """CREATE TABLE story_words (
        rowid INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        passages TEXT NOT NULL
    )""",
    """CREATE TABLE term_keys (
        loose TEXT NOT NULL,
        strict TEXT NOT NULL,
        term TEXT NOT NULL,
        PRIMARY KEY (loose, strict, term)
    ) WITHOUT ROWID""",
    "CREATE INDEX term_keys_strict ON term_keys(strict) WHERE strict != ''",
)


def _migrate_to_v1(db: sqlite3.Connection) -> None:
    for statement in _V1_DDL:
        db.execute(statement)


def _migrate_to_v2(db: sqlite3.Connection) -> None:
    for statement in _V2_DDL:
        db.execute(statement)
    # Backfill in Python: the normalisation is Python code, not SQL.
    rows = db.execute("SELECT id, question FROM questions").fetchall()
    db.executemany(
        "UPDATE questions SET question_norm = ? WHERE id = ?",
        [(normalise_question(question), row_id) for row_id, question in rows],
    )


def _migrate_to_v3(db: sqlite3.Connection) -> None:
    for statement in _V3_DDL:
        db.execute(statement)


def _migrate_to_v4(db: sqlite3.Connection) -> None:
    for statement in _V4_DDL:
        db.execute(statement)


def _migrate_to_v5(db: sqlite3.Connection) -> None:
    for statement in _V5_DDL:
        try:
            db.execute(statement)
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower():
                raise StoreError(
                    f"this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5, which the catalogue of "
                    "stories needs; use a Python built with a standard SQLite (Debian's has it)"
                ) from exc
            raise
    # Stories stored before get their search terms now (analysis is Python code).
    from bot.store.catalogue import index_stored_stories

    index_stored_stories(db)


def _migrate_to_v6(db: sqlite3.Connection) -> None:
    for statement in _V6_DDL:
        db.execute(statement)
    from bot.store.catalogue import store_stored_words

    store_stored_words(db)


def _migrate_to_v7(db: sqlite3.Connection) -> None:
    # No table changes: the analyser changed the terms it gives (a hamza'd alif before ل is no
    # article, ماء keeps its hamza), so every stored story's search terms and words are made again.
    # The spelling keys are only ever added to, so the old analyser's terms (مانيا) are cleared
    # first: they would count toward a key's look-up limit though no story holds them any more.
    from bot.store.catalogue import store_stored_words

    db.execute("DELETE FROM term_keys")
    store_stored_words(db)


MIGRATIONS: tuple[Migration, ...] = (
    _migrate_to_v1, _migrate_to_v2, _migrate_to_v3, _migrate_to_v4, _migrate_to_v5, _migrate_to_v6,
    _migrate_to_v7,
)  # index i: to version i+1
assert len(MIGRATIONS) == SCHEMA_VERSION


# The files (device, inode) this process has let SQLite open, after _check_file. POSIX advisory
# locks belong to the process, and closing any descriptor of a file drops all of them
# (https://www.sqlite.org/howtocorrupt.html, 2.2): reading the header with open()/close()
# again while a connection of this process is on the file (the bot opens its store, then the
# catalogue in the same file) dropped the store's locks, so that another process (`storybot
# remove`) found itself the file's last connection, checkpointed and deleted the WAL and
# shared memory that the bot's connections still used: their later writes went into an
# unlinked WAL (lost), and reads failed with SQLITE_IOERR_SHORT_READ. Such a file is probed
# through SQLite instead, whose own descriptors wait for the process's locks before closing.
_OPENED_HERE: set[tuple[int, int]] = set()


def _file_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino


def _header_through_sqlite(path: Path) -> bool:
    """Whether SQLite reads the file as a database (read-only; nothing written)."""
    db = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    try:
        db.execute("PRAGMA schema_version").fetchone()
        return True
    except sqlite3.DatabaseError as exc:
        if exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_NOTADB:
            return False
        raise StoreError(f"cannot read {path}: {exc}") from exc
    finally:
        db.close()


def _check_file(path: Path, create: bool) -> None:
    """Refuse, before SQLite touches it, a path that is a directory or a file that is not SQLite."""
    _check_path(path, create)
    _OPENED_HERE.add(_file_key(path))


def _check_path(path: Path, create: bool) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file; set STORYBOT_DB to a file path")
    if not path.exists():
        if not create:
            raise StoreError(f"no conversation store at {path} (set STORYBOT_DB to the bot's database)")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create {path}: the directory {path.parent} does not exist")
        _create_private(path)
        return
    if _file_key(path) in _OPENED_HERE:
        sqlite = _header_through_sqlite(path)  # never open() a file this process holds locks on
    else:
        try:
            with path.open("rb") as f:
                header = f.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
        # An empty file is an empty database to SQLite; there is nothing in it to lose.
        sqlite = not header or header == _SQLITE_MAGIC
    if not sqlite:
        raise StoreError(
            f"{path} is not a SQLite database; refusing to use it (it was left unchanged). "
            "Move it away or set STORYBOT_DB to another path."
        )
    if create and not os.access(path, os.W_OK):
        raise StoreError(_read_only_message(path))


def _read_only_message(path: Path) -> str:
    return (
        f"{path} is read-only: questions could not be stored and the rate limit would be off. "
        "Make it writable by the bot's user or set STORYBOT_DB to another file."
    )


def _check_writable(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a file SQLite can only read (a read-only file or mount; chmod does not stop root,
    an immutable file does): write the schema version back inside a transaction rolled back."""
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(f"PRAGMA user_version = {int(_pragma(db, 'user_version'))}")
        finally:
            db.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise StoreError(_read_only_message(path)) from exc
        raise


# Every page read once, the first three problems reported (_check_intact; StoreReader.open
# runs it through aiosqlite): a damaged file is told by damage_error.
QUICK_CHECK = "PRAGMA quick_check(3)"


def damage_error(path: Path, report: list[str], *, writing: bool = True) -> StoreError | None:
    """The StoreError for a file whose `PRAGMA quick_check` said `report`, or None if "ok"."""
    # One line for the message: the check's report spans lines and names the schema first.
    problems = [" ".join(line.split()) for row in report for line in row.splitlines() if not line.startswith("***")]
    if problems == ["ok"]:
        return None
    refusal = "refusing to write to it" if writing else "its figures cannot be trusted"
    return StoreError(
        f"{path} is damaged ({'; '.join(problems)}); {refusal} (it was left unchanged). Restore it "
        "from a backup (`sqlite3 FILE .recover` may save its rows) or set STORYBOT_DB to another file."
    )


def _check_intact(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged file before the first write: a header that reads well can still hide
    broken pages (a disk error, a file copied while written), and writing on top of them
    spreads the damage. PRAGMA quick_check reads every page once (0.3 s for a catalogue of
    5,000 stories, 110 MB), so it runs only where a writer opens the file (and in the one-shot
    `stats` / `export`), never per question or per dashboard page."""
    try:
        report = [str(row[0]) for row in db.execute(QUICK_CHECK).fetchall()]
    except sqlite3.DatabaseError as exc:  # so broken that the check itself cannot run
        report = [str(exc)]
    if (error := damage_error(path, report)) is not None:
        raise error


def _create_private(path: Path) -> None:
    """Create the empty database file readable by its owner only: it holds what readers asked.

    SQLite gives the -wal and -shm files the same permissions as the database file.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # created meanwhile by another process: open it as it is
    except OSError as exc:
        raise StoreError(f"cannot create {path}: {exc.strerror}") from exc


def _pragma(db: sqlite3.Connection, name: str) -> Any:
    row = db.execute(f"PRAGMA {name}").fetchone()
    return row[0] if row else None


def _check_schema(db: sqlite3.Connection, path: Path) -> int:
    """Read-only checks that the file is ours and not from a newer storybot; returns the version."""
    version = _pragma(db, "user_version")
    app_id = _pragma(db, "application_id")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has conversation-store schema version {version}, newer than this storybot "
            f"knows ({SCHEMA_VERSION}); upgrade storybot or set STORYBOT_DB to another file. "
            "The file was left unchanged."
        )
    if app_id not in (0, APPLICATION_ID):
        raise StoreError(f"{path} is another program's SQLite database (application_id {app_id}); left unchanged")
    if version == 0:
        tables = db.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
        if tables:
            raise StoreError(
                f"{path} is a SQLite database with tables but no storybot schema; "
                "refusing to add ours to it (it was left unchanged)"
            )
    return version


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    while True:
        # BEGIN IMMEDIATE takes the write lock first, then the version is re-read, so two
        # processes opening the same old file cannot both run the same migration.
        db.execute("BEGIN IMMEDIATE")
        try:
            version = _pragma(db, "user_version")
            if version >= SCHEMA_VERSION:
                db.execute("ROLLBACK")
                if version > SCHEMA_VERSION:
                    _check_schema(db, path)  # raises with the explanation
                return
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        logger.info("conversation store %s migrated to schema version %d", path, version + 1)


def _connect_writer(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves; sqlite3's implicit transactions
    # would otherwise open and commit behind our back.
    db = sqlite3.connect(str(path), isolation_level=None, timeout=busy_timeout_ms / 1000)
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    return db


def _open_writer(path: Path, busy_timeout_ms: int, *, check_pages: bool = True) -> sqlite3.Connection:
    """Connect, check, configure and migrate; runs in the writer's thread. `check_pages`
    False: the caller's own writer has just run _check_intact on this file (the bot opens the
    store, then the catalogue in the same file), and reading every page again is 0.3 s."""
    db = _connect_writer(path, busy_timeout_ms)
    try:
        # Checks first: journal_mode=WAL already writes to the file header.
        _check_schema(db, path)
        if check_pages:
            _check_intact(db, path)
        _check_writable(db, path)
        _configure_writer(db, path)
        _migrate(db, path)
    except BaseException:
        db.close()
        raise
    return db


def read_only_uri(path: str | os.PathLike[str]) -> str:
    """The file's SQLite URI opened read-only (`mode=ro`, with uri=True): such a connection never
    writes the file, nor checkpoints its WAL into it at close."""
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def open_reader(path: Path, busy_timeout_ms: int = 5000) -> sqlite3.Connection | None:
    """A read-only connection (`mode=ro`) to a file already at this schema version; None
    when the file would need a migration first (the caller opens a writer). Reading never
    writes: listing the stories leaves the file, its mtime and its WAL alone. (Not
    query_only: that would forbid the temp fts5vocab table the story search reads.)"""
    db = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None,
                         timeout=busy_timeout_ms / 1000)
    try:
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if _check_schema(db, path) < SCHEMA_VERSION:
            db.close()
            return None
    except BaseException:
        db.close()
        raise
    return db


def _configure_writer(db: sqlite3.Connection, path: Path) -> None:
    mode = _pragma(db, "journal_mode = WAL")
    if str(mode).lower() != "wal":
        logger.warning("conversation store %s: WAL mode unavailable (journal_mode=%s)", path, mode)
    # FULL fsyncs the WAL at each commit: a stored question survives power loss too, and
    # group commit keeps the cost to one fsync per batch rather than one per question.
    db.execute("PRAGMA synchronous = FULL")
    # Overwrite deleted rows' content, so /forget and the retention purge really remove text.
    db.execute("PRAGMA secure_delete = ON")
