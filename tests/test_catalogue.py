"""The newsroom's catalogue on a real SQLite file, its CLI (`storybot add/stories/remove`) and
`storybot ask/console --story`, run as real processes."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.answer import answer
from bot.core.answer_types import Kind
from bot.newsroom import Newsroom, UnknownStory, key_words
from bot.store.catalogue import (
    Catalogue,
    NewStory,
    StoryIdError,
    article_from_json,
    article_from_record,
    article_to_json,
    check_story_id,
    story_id_from_name,
)
from bot.store.schema import EMBEDDED_STORY_ID, SCHEMA_VERSION, StoreError
from index.article import ArticleError, load_embedded_story, parse_article
from old_files import old_catalogue
from sample_articles import COFFEE, VOLCANO
from test_store import (
    _damaged_pages,
    _marked_by_another_program,
    _newer_schema,
    _random_bytes,
    _sqlite_header_then_garbage,
    digest,
    siblings,
)

TIMEOUT = 120

RECORDS = [
    {
        "id": "rain-2015",
        "title": "أمطار غزيرة على جدة",
        "source": "okaz",
        "url": "http://example.org/rain",
        "date": "2015-07-30",
        "paragraphs": [
            "هطلت أمطار غزيرة على مدينة جدة مساء الأربعاء وأغلقت عدة أنفاق.",
            "وقال الدفاع المدني إن فرقه أنقذت أربعين شخصًا علقوا في سياراتهم.",
        ],
    },
    {
        "id": "falcons",
        "title": "مهرجان الصقور يفتتح أبوابه",
        "source": "alriyadh",
        "url": "http://example.org/falcons",
        "date": "2015-08-02",
        "paragraphs": ["افتتح مهرجان الصقور في الرياض بمشاركة ثلاثمئة صقار من دول الخليج."],
    },
]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "storybot.db"


@pytest.fixture
def catalogue(db_path: Path):
    with Catalogue.open(db_path) as opened:
        yield opened


def coffee_story(story_id: str = "coffee", text: str = COFFEE) -> NewStory:
    return NewStory(story_id, parse_article(text, name=story_id), url="https://example.org/coffee", date="2026-11-30")


# ------------------------------------------------------------------ the stored form


def test_article_json_round_trips_with_exact_spans() -> None:
    for article in (load_embedded_story(), parse_article(COFFEE, "coffee")):
        back = article_from_json(article_to_json(article))
        assert back == article
        for sentence in back.sentences:
            assert back.text[sentence.start : sentence.end] == sentence.text


def test_story_ids_are_deep_link_payloads() -> None:
    assert check_story_id("a-Z_09") == "a-Z_09"
    assert check_story_id("x" * 64)
    # "a\n": a final newline, which a regular expression's $ lets through (a JSONL id, `--id $'a\n'`).
    for bad in ("", "x" * 65, "مقال", "with space", "semi;colon", "a/b", "a\n", "a\r\n"):
        with pytest.raises(StoryIdError):
            check_story_id(bad)
    assert story_id_from_name("my story (2)") == "my-story-2"
    assert story_id_from_name("coffee news") == "coffee-news"
    derived = story_id_from_name("مقال", "نص")
    assert derived.startswith("story-") and check_story_id(derived)
    assert story_id_from_name("مقال", "نص") == derived  # the same text, the same id
    assert len(story_id_from_name("a" * 100)) == 64


def test_a_jsonl_record_becomes_a_parsed_article() -> None:
    story = article_from_record(RECORDS[0])
    assert story.id == "rain-2015" and story.url == "http://example.org/rain" and story.date == "2015-07-30"
    assert story.article.title == "أمطار غزيرة على جدة"
    assert [p.text for p in story.article.paragraphs] == RECORDS[0]["paragraphs"]
    assert "okaz" in (story.article.source or "")
    assert article_from_record({**RECORDS[0], "date": ""}).date == ""  # no date is no date
    assert article_from_record({k: v for k, v in RECORDS[0].items() if k != "date"}).date == ""
    for record, error in (
        ({**RECORDS[0], "id": "bad id"}, StoryIdError),
        ({**RECORDS[0], "paragraphs": []}, ArticleError),
        ({**RECORDS[0], "paragraphs": "one string"}, ArticleError),
        ({**RECORDS[0], "title": " "}, ArticleError),
        # `add --date`'s rule: a calendar date as YYYY-MM-DD, or none
        ({**RECORDS[0], "date": "2015-13-45"}, ArticleError),
        ({**RECORDS[0], "date": "yesterday"}, ArticleError),
        ({**RECORDS[0], "date": "30/07/2015"}, ArticleError),
    ):
        with pytest.raises(error):
            article_from_record(record)


# ------------------------------------------------------------------ the catalogue on a real file


def test_embedded_story_is_always_there_and_cannot_be_removed(catalogue: Catalogue) -> None:
    assert EMBEDDED_STORY_ID in catalogue and len(catalogue) == 1
    assert catalogue.article(EMBEDDED_STORY_ID) == load_embedded_story()
    with pytest.raises(StoryIdError):
        catalogue.remove(EMBEDDED_STORY_ID)
    assert EMBEDDED_STORY_ID in catalogue


def test_embedded_story_cannot_be_replaced_by_adding_its_id(tmp_path: Path, db_path: Path) -> None:
    """Adding lecun-meta again would replace the embedded story for good (the catalogue keeps
    it while the package's file is unchanged): a file named lecun-meta.txt, `--id lecun-meta`
    or a batch line with that id is refused like `remove lecun-meta`, and the story stays."""
    with Catalogue.open(db_path) as catalogue:
        with pytest.raises(StoryIdError):
            catalogue.add(NewStory(EMBEDDED_STORY_ID, parse_article(COFFEE, EMBEDDED_STORY_ID)))
        with pytest.raises(StoryIdError):
            catalogue.add_many([coffee_story(), NewStory(EMBEDDED_STORY_ID, parse_article(COFFEE, EMBEDDED_STORY_ID))])
        assert "coffee" not in catalogue  # nothing of the batch was stored
    with pytest.raises(StoryIdError):
        article_from_record({**RECORDS[0], "id": EMBEDDED_STORY_ID})
    copy = tmp_path / f"{EMBEDDED_STORY_ID}.txt"
    copy.write_text(COFFEE, encoding="utf-8")
    for args in (("add", str(copy)), ("add", str(tmp_path / "x.txt"), "--id", EMBEDDED_STORY_ID)):
        (tmp_path / "x.txt").write_text(COFFEE, encoding="utf-8")
        proc = storybot(*args, db=db_path)
        assert proc.returncode == 2 and "embedded story" in proc.stderr, proc.stderr
    batch = write_jsonl(tmp_path / "b.jsonl", [json.dumps({**RECORDS[0], "id": EMBEDDED_STORY_ID}, ensure_ascii=False),
                                               json.dumps(RECORDS[1], ensure_ascii=False)], False)
    proc = storybot("add", "--jsonl", str(batch), db=db_path)
    assert proc.returncode == 2 and "1 added, 0 updated, 1 skipped" in proc.stdout and f"{batch}:1: " in proc.stderr
    with Catalogue.open(db_path) as catalogue:
        assert catalogue.article(EMBEDDED_STORY_ID) == load_embedded_story()


def test_embedded_story_comes_back_if_deleted_behind_our_back(db_path: Path) -> None:
    Catalogue.open(db_path).close()
    with sqlite3.connect(db_path) as db:
        db.execute("DELETE FROM stories")
    db.close()
    with Catalogue.open(db_path) as catalogue:
        assert EMBEDDED_STORY_ID in catalogue


def test_add_update_remove(catalogue: Catalogue, db_path: Path) -> None:
    assert catalogue.add(coffee_story()) is True
    first = catalogue.info("coffee")
    assert first is not None and first.title == "القهوة في المرتفعات" and first.url == "https://example.org/coffee"
    changed = COFFEE.replace("القهوة في المرتفعات", "القهوة في الجبال")
    assert catalogue.add(coffee_story(text=changed)) is False  # the same id: an update
    second = catalogue.info("coffee")
    assert second.title == "القهوة في الجبال" and second.added_at == first.added_at
    assert second.updated_at >= first.updated_at
    assert len(catalogue) == 2
    assert catalogue.best_matches("البن في البرازيل")[0][0] == "coffee"  # search terms follow the update
    assert catalogue.remove("coffee") is True
    assert catalogue.remove("coffee") is False
    assert catalogue.info("coffee") is None and catalogue.article("coffee") is None
    assert "coffee" not in [story_id for story_id, _ in catalogue.best_matches("البن في البرازيل")]
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM story_terms").fetchone()[0] == 1  # the embedded story's
    db.close()


def test_stories_survive_reopening_and_list_newest_first(db_path: Path) -> None:
    with Catalogue.open(db_path) as catalogue:
        catalogue.add(coffee_story())
        catalogue.add(NewStory("volcano", parse_article(VOLCANO, "volcano")))
    with Catalogue.open(db_path, create=False) as catalogue:
        assert [i.id for i in catalogue.newest()] == ["volcano", "coffee", EMBEDDED_STORY_ID]
        assert [i.id for i in catalogue.newest(1)] == ["volcano"]
        article = catalogue.article("volcano")
        assert article == parse_article(VOLCANO, "volcano")


def test_best_match_chooses_the_story_a_question_is_about(catalogue: Catalogue) -> None:
    catalogue.add(coffee_story())
    catalogue.add(NewStory("volcano", parse_article(VOLCANO, "volcano")))
    catalogue.add_many(article_from_record(r) for r in RECORDS)
    assert catalogue.best_matches("كم قرية أخلت السلطات قرب البركان؟")[0][0] == "volcano"
    assert catalogue.best_matches("ما أكبر دولة منتجة للبن؟")[0][0] == "coffee"
    assert catalogue.best_matches("كم شخصا أنقذ الدفاع المدني في جدة؟")[0][0] == "rain-2015"
    assert catalogue.best_matches("لماذا يغادر ليكون ميتا؟")[0][0] == EMBEDDED_STORY_ID
    assert catalogue.best_matches("؟؟ 🙂") == []  # nothing to search for
    assert isinstance(catalogue.best_matches('"OR" NEAR( * AND'), list)  # FTS5 syntax in a question is no error


def test_migrating_a_v3_file_indexes_its_stories(db_path: Path) -> None:
    old_catalogue(db_path, 3, "volcano", "بركان في الجزيرة", parse_article(VOLCANO, "volcano"))
    with Catalogue.open(db_path) as catalogue:
        assert catalogue.best_matches("متى ثار البركان؟")[0][0] == "volcano"
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (_random_bytes, "not a SQLite database"),
        (_sqlite_header_then_garbage, "not a database"),
        (_marked_by_another_program, "another program"),
        (_newer_schema, "newer than this storybot"),
        (_damaged_pages, "is damaged"),
    ],
)
def test_corrupt_foreign_or_newer_catalogue_is_refused_untouched(db_path: Path, make_file, message: str) -> None:
    make_file(db_path)
    before, files_before = digest(db_path), siblings(db_path)
    with pytest.raises(StoreError, match=message):
        Catalogue.open(db_path)
    assert digest(db_path) == before and siblings(db_path) == files_before


def test_missing_file_is_not_created_when_reading(db_path: Path) -> None:
    with pytest.raises(StoreError, match="no conversation store"):
        Catalogue.open(db_path, create=False)
    assert not db_path.exists()


# ------------------------------------------------------------------ the newsroom: stories opened lazily


def test_newsroom_builds_each_story_once_and_keeps_a_bounded_cache(catalogue: Catalogue) -> None:
    catalogue.add(coffee_story())
    catalogue.add(NewStory("volcano", parse_article(VOLCANO, "volcano")))
    catalogue.add_many(article_from_record(r) for r in RECORDS)
    newsroom = Newsroom(catalogue, capacity=2)
    assert newsroom.opened == ()  # nothing is built before a question
    coffee = newsroom.story("coffee")
    assert newsroom.story("coffee") is coffee
    reply = answer(coffee, "ما أكبر منتج للبن في العالم؟")
    assert reply.kind is Kind.ANSWER
    for quote in reply.quotes:  # verbatim, from the stored spans
        assert coffee.primary.text[quote.start : quote.end] == quote.text
    newsroom.story("volcano")
    newsroom.story("falcons")
    assert newsroom.opened == ("volcano", "falcons")  # the least recently used went
    with pytest.raises(UnknownStory) as raised:
        newsroom.story("nope")
    assert "falcons" in str(raised.value) and "nope" in str(raised.value)


def test_newsroom_choice_given_best_match_previous(catalogue: Catalogue) -> None:
    catalogue.add(coffee_story())
    catalogue.add(NewStory("volcano", parse_article(VOLCANO, "volcano")))
    newsroom = Newsroom(catalogue)
    assert newsroom.choose("أي شيء", given="coffee").how == "given"
    choice = newsroom.choose("متى ثار البركان؟")
    assert (choice.id, choice.how) == ("volcano", "best_match")
    assert (newsroom.choose("ومتى؟", previous="coffee").how, newsroom.choose("ومتى؟", previous="coffee").id) == (
        "previous",
        "coffee",
    )
    assert newsroom.choose("مرحبا").how in ("default", "best_match")
    with pytest.raises(UnknownStory):
        newsroom.choose("سؤال", given="nope")


def test_example_questions_are_drawn_from_the_story_and_answered(catalogue: Catalogue) -> None:
    catalogue.add_many(article_from_record(r) for r in RECORDS)
    catalogue.add(coffee_story())
    newsroom = Newsroom(catalogue)
    for story_id in ("rain-2015", "coffee"):
        examples = newsroom.examples(story_id)
        assert len(examples) == 2
        story = newsroom.story(story_id)
        title_words = set(story.primary.title.split())
        drawn = [q for q in examples if any(w in q for w in title_words)]
        assert drawn, examples
        for question in drawn:
            assert answer(story, question).kind is Kind.ANSWER
    assert key_words(parse_article(COFFEE, "coffee"))[0] in COFFEE


# ------------------------------------------------------------------ the CLI, as real processes


def storybot(*args: str, db: Path, input: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "STORYBOT_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        env=env,
        cwd=db.parent,
    )


def write_jsonl(path: Path, lines: list[str], gz: bool) -> Path:
    data = "\n".join(lines) + "\n"
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_cli_add_jsonl_plain_and_gzip(tmp_path: Path, db_path: Path, gz: bool) -> None:
    batch = write_jsonl(tmp_path / ("batch.jsonl.gz" if gz else "batch.jsonl"), [json.dumps(r, ensure_ascii=False) for r in RECORDS], gz)
    proc = storybot("add", "--jsonl", str(batch), db=db_path)
    assert proc.returncode == 0, proc.stderr
    assert "2 added, 0 updated, 0 skipped" in proc.stdout
    again = storybot("add", "--jsonl", str(batch), db=db_path)
    assert again.returncode == 0 and "0 added, 2 updated" in again.stdout
    listed = json.loads(storybot("stories", "--json", db=db_path).stdout)
    assert {s["id"] for s in listed} == {"rain-2015", "falcons", EMBEDDED_STORY_ID}
    rain = next(s for s in listed if s["id"] == "rain-2015")
    assert rain["url"] == "http://example.org/rain" and rain["date"] == "2015-07-30" and rain["source"] == "okaz"


def test_cli_stories_prints_no_control_character_of_a_batch(tmp_path: Path, db_path: Path) -> None:
    # A batch is anybody's text: an escape sequence in a title must be shown, not run by the
    # editor's terminal, and a tab or line break must not shift or split the listing's columns.
    record = {**RECORDS[0], "title": "أمطار\x1b[2J غزيرة\tعلى\nجدة", "source": "ok\x07az"}
    batch = write_jsonl(tmp_path / "b.jsonl", [json.dumps(record, ensure_ascii=False)], False)
    assert storybot("add", "--jsonl", str(batch), db=db_path).returncode == 0
    listing = storybot("stories", db=db_path).stdout
    assert "\x1b" not in listing and "\x07" not in listing
    first = listing.splitlines()[0].split("\t")
    assert first[0] == "rain-2015" and len(first) == 4 and first[3] == "أمطار\ufffd[2J غزيرة على جدة"
    shown = storybot("stories", "--json", db=db_path).stdout
    assert "\x1b" not in shown and json.loads(shown)[0]["title"] == "أمطار\x1b[2J غزيرة على جدة"  # escaped by json


@pytest.mark.parametrize("gz", [False, True])
def test_cli_add_jsonl_written_with_a_byte_order_mark(tmp_path: Path, db_path: Path, gz: bool) -> None:
    """A batch saved by a Windows tool (Notepad, Excel's "CSV UTF-8" kin) opens with a UTF-8
    byte order mark: its first line is a story like the others, as an article file's is."""
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    lines[0] = "\ufeff" + lines[0]
    proc = storybot("add", "--jsonl", str(write_jsonl(tmp_path / ("b.jsonl.gz" if gz else "b.jsonl"), lines, gz)), db=db_path)
    assert proc.returncode == 0, proc.stderr
    assert "2 added, 0 updated, 0 skipped" in proc.stdout


def test_cli_add_jsonl_reports_bad_lines_and_keeps_the_good(tmp_path: Path, db_path: Path) -> None:
    lines = [json.dumps(RECORDS[0], ensure_ascii=False), "{not json", json.dumps({**RECORDS[1], "id": "bad id"}), json.dumps(RECORDS[1])]
    batch = write_jsonl(tmp_path / "b.jsonl", lines, False)
    proc = storybot("add", "--jsonl", str(batch), db=db_path)
    assert proc.returncode == 2
    assert "2 added, 0 updated, 2 skipped" in proc.stdout
    # One form, FILE:LINE: why (before, "skipped line 2: b.jsonl:2: not JSON", the line told twice).
    skipped = proc.stderr.splitlines()
    assert skipped[0].startswith(f"storybot add: {batch}:2: not JSON (") and skipped[0].endswith("; skipped")
    assert skipped[1].startswith(f"storybot add: {batch}:3: invalid story id 'bad id'")
    assert all(line.count(":2:") + line.count(":3:") == 1 and "line" not in line for line in skipped)
    assert "Traceback" not in proc.stderr


def test_cli_add_jsonl_an_id_on_two_lines_is_stored_once_from_the_last_and_told(tmp_path: Path, db_path: Path) -> None:
    """A batch that gives one id twice (an export run twice, a merge of two feeds): as adding
    a story again updates it, the last line's story is kept; the id and its lines are told
    and the story is counted once, not as added and updated."""
    changed = {**RECORDS[0], "title": "عنوان آخر للخبر نفسه"}
    lines = [json.dumps(r, ensure_ascii=False) for r in (RECORDS[0], RECORDS[1], changed)]
    batch = write_jsonl(tmp_path / "b.jsonl", lines, False)
    proc = storybot("add", "--jsonl", str(batch), db=db_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["added rain-2015", "added falcons",
                                        "2 added, 0 updated, 0 skipped, 1 id on more than one line (the last kept)"]
    assert "'rain-2015' is on lines 1, 3: the story of line 3 is stored" in proc.stderr
    listed = {s["id"]: s["title"] for s in json.loads(storybot("stories", "--json", db=db_path).stdout)}
    assert listed["rain-2015"] == "عنوان آخر للخبر نفسه"
    again = storybot("add", "--jsonl", str(batch), db=db_path)
    assert again.returncode == 0 and "0 added, 2 updated, 0 skipped, 1 id" in again.stdout
    plain = write_jsonl(tmp_path / "c.jsonl", lines[:2], False)  # no id twice: nothing said
    once = storybot("add", "--jsonl", str(plain), db=db_path)
    assert once.stdout.splitlines()[-1] == "0 added, 2 updated, 0 skipped" and once.stderr == ""


def batch_records(count: int) -> list[str]:
    return [
        json.dumps({**RECORDS[i % 2], "id": f"story-{i}", "title": f"{RECORDS[i % 2]['title']} {i}"}, ensure_ascii=False)
        for i in range(count)
    ]


def test_cli_add_jsonl_cut_short_stores_the_lines_before_and_says_so(tmp_path: Path, db_path: Path) -> None:
    """A gzip cut short (a copy interrupted): the stories before the cut are stored and the
    message says up to which line. Before, fewer than 500 read were dropped unsaid, and past 500
    the first 500 were kept while the message said only 'cannot be read'."""
    whole = gzip.compress(("\n".join(batch_records(60)) + "\n").encode("utf-8"))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    proc = storybot("add", "--jsonl", str(cut), db=db_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    stored = {s["id"] for s in json.loads(storybot("stories", "--json", db=db_path).stdout)} - {EMBEDDED_STORY_ID}
    read = len(stored)
    assert 0 < read < 60 and stored == {f"story-{i}" for i in range(read)}
    assert f"{read} added, 0 updated, 0 skipped" in proc.stdout
    assert f"past line {read}" in proc.stderr and f"lines 1-{read} were stored" in proc.stderr


def test_cli_add_jsonl_a_line_not_utf8_is_skipped_alone(tmp_path: Path, db_path: Path) -> None:
    lines = [line.encode("utf-8") for line in batch_records(3)]
    batch = tmp_path / "b.jsonl"
    batch.write_bytes(b"\n".join([lines[0], lines[1].replace("مهرجان".encode(), "مهرجان".encode("cp1256")), lines[2]]) + b"\n")
    proc = storybot("add", "--jsonl", str(batch), db=db_path)
    assert proc.returncode == 2, proc.stderr
    assert "2 added, 0 updated, 1 skipped" in proc.stdout
    assert f"storybot add: {batch}:2: not UTF-8 text; skipped" in proc.stderr.splitlines()


def test_cli_add_jsonl_missing_file_creates_no_database(tmp_path: Path, db_path: Path) -> None:
    proc = storybot("add", "--jsonl", str(tmp_path / "typo.jsonl"), db=db_path)
    assert proc.returncode == 2 and "cannot be read" in proc.stderr
    assert not db_path.exists()


def test_cli_add_names_the_file_not_the_id_it_would_get(tmp_path: Path, db_path: Path) -> None:
    headline_only = tmp_path / "draft.txt"
    headline_only.write_text("title: عنوان فقط\n", encoding="utf-8")
    proc = storybot("add", str(headline_only), "--id", "oil-2015", db=db_path)
    assert proc.returncode == 2 and str(headline_only) in proc.stderr and "no paragraph" in proc.stderr


@pytest.mark.parametrize("date", ["yesterday", "2015-30-07", "30/07/2015"])
def test_cli_add_refuses_a_date_that_is_not_yyyy_mm_dd(tmp_path: Path, db_path: Path, date: str) -> None:
    """Before, any text was stored as the story's date and shown as such in lists."""
    coffee = tmp_path / "coffee.txt"
    coffee.write_text(COFFEE, encoding="utf-8")
    proc = storybot("add", str(coffee), "--date", date, db=db_path)
    assert proc.returncode == 2 and "--date" in proc.stderr and "Traceback" not in proc.stderr
    assert not db_path.exists()


def test_cli_stories_refuses_a_negative_limit(tmp_path: Path, db_path: Path) -> None:
    """Before, --limit -1 listed every story."""
    filled_catalogue(tmp_path, db_path)
    proc = storybot("stories", "--limit", "-1", db=db_path)
    assert proc.returncode == 2 and "--limit" in proc.stderr and proc.stdout == ""
    assert len(storybot("stories", "--limit", "1", db=db_path).stdout.splitlines()) == 1


def test_cli_add_refuses_two_files_that_would_get_one_id(tmp_path: Path, db_path: Path) -> None:
    """`storybot add a/index.txt b/index.txt`: before, 'added index', 'updated index', exit 0,
    and the first story was gone."""
    for folder, text in (("a", COFFEE), ("b", VOLCANO)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(text, encoding="utf-8")
    first, second = str(tmp_path / "a" / "index.txt"), str(tmp_path / "b" / "index.txt")
    proc = storybot("add", first, second, db=db_path)
    assert proc.returncode == 2 and first in proc.stderr and second in proc.stderr and "--id" in proc.stderr
    assert not db_path.exists()  # nothing stored
    assert storybot("add", first, first, db=db_path).returncode == 0  # the same file twice is one story


def test_cli_add_files_ids_and_exit_codes(tmp_path: Path, db_path: Path) -> None:
    coffee = tmp_path / "coffee news.txt"
    coffee.write_text(COFFEE, encoding="utf-8")
    volcano = tmp_path / "volcano.txt"
    volcano.write_text(VOLCANO, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")

    assert storybot("add", str(empty), db=db_path).returncode == 2
    assert not db_path.exists()  # a bad file creates no database
    assert storybot("add", str(tmp_path / "missing.txt"), db=db_path).returncode == 2
    assert storybot("add", db=db_path).returncode == 2
    assert storybot("add", str(coffee), str(volcano), "--id", "one", db=db_path).returncode == 2
    assert storybot("add", str(coffee), "--id", "not valid!", db=db_path).returncode == 2

    proc = storybot("add", str(coffee), str(volcano), db=db_path)
    assert proc.returncode == 0 and "added coffee-news" in proc.stdout and "added volcano" in proc.stdout
    proc = storybot("add", str(volcano), "--id", "volcano_2", "--date", "2026-12-01", db=db_path)
    assert proc.returncode == 0 and "added volcano_2" in proc.stdout
    assert "updated volcano" in storybot("add", str(volcano), db=db_path).stdout

    listing = storybot("stories", db=db_path)
    assert listing.returncode == 0
    assert [line.split("\t")[0] for line in listing.stdout.splitlines()] == [
        "volcano_2", "volcano", "coffee-news", EMBEDDED_STORY_ID,
    ]
    assert storybot("remove", "volcano_2", db=db_path).returncode == 0
    assert storybot("remove", "volcano_2", db=db_path).returncode == 2
    assert storybot("remove", EMBEDDED_STORY_ID, db=db_path).returncode == 2


def test_listing_and_asking_only_read_the_catalogue(tmp_path: Path, db_path: Path) -> None:
    """`stories` and `ask` open the file read-only: they neither wait for nor disturb a bot
    that holds the write lock, and they leave the file as it was."""
    coffee = tmp_path / "coffee.txt"
    coffee.write_text(COFFEE, encoding="utf-8")
    assert storybot("add", str(coffee), db=db_path).returncode == 0
    before = (db_path.read_bytes(), db_path.stat().st_mtime_ns)
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # as the running bot does while it stores a question
    try:
        listed = storybot("stories", "--json", db=db_path)
        asked = storybot("ask", "--story", "coffee", "--json", "ما أكبر منتج للبن؟", db=db_path)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert listed.returncode == 0, listed.stderr
    assert {s["id"] for s in json.loads(listed.stdout)} == {"coffee", EMBEDDED_STORY_ID}
    assert asked.returncode == 0, asked.stderr
    assert "البرازيل" in json.loads(asked.stdout)["quotes"][0]["text"]
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before


def test_cli_stories_without_a_file_lists_the_embedded_story(db_path: Path) -> None:
    proc = storybot("stories", "--json", db=db_path)
    assert proc.returncode == 0
    assert [s["id"] for s in json.loads(proc.stdout)] == [EMBEDDED_STORY_ID]
    assert not db_path.exists()
    assert storybot("remove", "x", db=db_path).returncode == 1  # nothing to remove from


def test_cli_refuses_a_corrupt_catalogue_and_leaves_it(tmp_path: Path, db_path: Path) -> None:
    _sqlite_header_then_garbage(db_path)
    before = digest(db_path)
    coffee = tmp_path / "coffee.txt"
    coffee.write_text(COFFEE, encoding="utf-8")
    for args in (("add", str(coffee)), ("stories",), ("remove", "coffee"), ("ask", "--story", "coffee", "سؤال")):
        proc = storybot(*args, db=db_path)
        assert proc.returncode == 1, (args, proc.stderr)
        assert "not a database" in proc.stderr and "Traceback" not in proc.stderr
    assert digest(db_path) == before


def test_cli_refuses_to_write_to_a_damaged_catalogue(tmp_path: Path, db_path: Path) -> None:
    """A file whose header is fine but whose pages are broken: before, `add` and `remove`
    wrote into it (spreading the damage) and only `stats` said it was malformed."""
    _damaged_pages(db_path)
    before = digest(db_path)
    coffee = tmp_path / "coffee.txt"
    coffee.write_text(COFFEE, encoding="utf-8")
    batch = write_jsonl(tmp_path / "b.jsonl", [json.dumps(RECORDS[0], ensure_ascii=False)], False)
    for args in (("add", str(coffee)), ("add", "--jsonl", str(batch)), ("remove", EMBEDDED_STORY_ID + "-x")):
        proc = storybot(*args, db=db_path)
        assert proc.returncode == 1, (args, proc.stdout, proc.stderr)
        assert "is damaged" in proc.stderr and "left unchanged" in proc.stderr and "Traceback" not in proc.stderr
        assert "\n" not in proc.stderr.strip()  # one line, though SQLite's report spans several
    assert digest(db_path) == before


# ------------------------------------------------------------------ console and ask --story


def filled_catalogue(tmp_path: Path, db_path: Path) -> None:
    for name, text in (("coffee", COFFEE), ("volcano", VOLCANO)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        assert storybot("add", str(path), db=db_path).returncode == 0


def test_ask_story_answers_from_that_story(tmp_path: Path, db_path: Path) -> None:
    filled_catalogue(tmp_path, db_path)
    proc = storybot("ask", "--json", "--story", "volcano", "كم قرية أخليت؟", db=db_path)
    assert proc.returncode == 0, proc.stderr
    reply = json.loads(proc.stdout)
    assert reply["story"] == "volcano" and reply["kind"] == "answer"
    assert "ثلاث قرى" in reply["quotes"][0]["text"]
    plain = storybot("ask", "--story", "coffee", "ما أكبر منتج للبن؟", db=db_path)
    assert "البرازيل" in plain.stdout and "نص تجريبي كتب لاختبار البرنامج فقط." in plain.stdout


def test_ask_unknown_story_exits_2_listing_ids(tmp_path: Path, db_path: Path) -> None:
    filled_catalogue(tmp_path, db_path)
    proc = storybot("ask", "--story", "nope", "سؤال", db=db_path)
    assert proc.returncode == 2
    assert "nope" in proc.stderr and "volcano" in proc.stderr and "coffee" in proc.stderr
    assert proc.stdout == ""
    # without a catalogue file, only the embedded story exists
    bare = storybot("ask", "--story", "volcano", "سؤال", db=tmp_path / "none.db")
    assert bare.returncode == 2 and EMBEDDED_STORY_ID in bare.stderr


def test_ask_story_from_an_article_file_and_the_embedded_story(tmp_path: Path, db_path: Path) -> None:
    coffee = tmp_path / "coffee.txt"
    coffee.write_text(COFFEE, encoding="utf-8")
    proc = storybot("ask", "--json", "--article", str(coffee), "--story", "coffee", "ما أكبر منتج للبن؟", db=db_path)
    assert proc.returncode == 0 and json.loads(proc.stdout)["story"] == "coffee"
    assert not db_path.exists()  # answering never creates the database
    embedded = storybot("ask", "--json", "--story", EMBEDDED_STORY_ID, "لماذا يغادر ليكون ميتا؟", db=db_path)
    alone = storybot("ask", "--json", "لماذا يغادر ليكون ميتا؟", db=db_path)
    assert embedded.returncode == alone.returncode == 0
    with_story, without = json.loads(embedded.stdout), json.loads(alone.stdout)
    assert with_story.pop("story") == EMBEDDED_STORY_ID and with_story.pop("story_title")
    assert with_story.pop("other_stories") == []
    assert with_story == without  # the embedded story answers the same through the catalogue


def test_two_article_files_of_one_name_are_two_stories(tmp_path: Path, db_path: Path) -> None:
    """--article a/index.txt --article b/index.txt: before, `--story index` answered from the
    second and the first could not be reached; now the second is `index-2`, as on a shelf."""
    paths = []
    for folder, text in (("a", COFFEE), ("b", VOLCANO)):
        (tmp_path / folder).mkdir()
        paths += ["--article", str(tmp_path / folder / "index.txt")]
        (tmp_path / folder / "index.txt").write_text(text, encoding="utf-8")
    first = storybot("ask", "--json", *paths, "--story", "index", "ما أكبر منتج للبن؟", db=db_path)
    second = storybot("ask", "--json", *paths, "--story", "index-2", "كم قرية أخليت؟", db=db_path)
    assert first.returncode == 0 and second.returncode == 0, (first.stderr, second.stderr)
    assert "البرازيل" in json.loads(first.stdout)["quotes"][0]["text"]
    assert json.loads(second.stdout)["story"] == "index-2" and json.loads(second.stdout)["quotes"]


def test_console_without_story_answers_from_the_best_match_and_names_it(tmp_path: Path, db_path: Path) -> None:
    filled_catalogue(tmp_path, db_path)
    proc = storybot("console", "--json", input="كم قرية أخليت قرب البركان؟\nما أكبر منتج للبن في العالم؟\n", db=db_path)
    assert proc.returncode == 0, proc.stderr
    first, second = (json.loads(line) for line in proc.stdout.splitlines())
    assert first["story"] == "volcano" and "ثلاث قرى" in first["quotes"][0]["text"]
    assert second["story"] == "coffee" and "البرازيل" in second["quotes"][0]["text"]
    plain = storybot("ask", "كم قرية أخليت قرب البركان؟", db=db_path)
    assert plain.stdout.splitlines()[0] == "من خبر «بركان في الجزيرة» (volcano):"
    given = storybot("ask", "--story", "volcano", "كم قرية أخليت قرب البركان؟", db=db_path)
    assert "(volcano):" not in given.stdout  # a story the reader chose is not announced again


def test_newsroom_reopens_a_story_updated_while_running(db_path: Path) -> None:
    with Catalogue.open(db_path) as running, Catalogue.open(db_path) as cli:
        cli.add(coffee_story())
        newsroom = Newsroom(running)
        before = newsroom.story("coffee")
        assert newsroom.story("coffee") is before
        cli.add(coffee_story(text=COFFEE.replace("البرازيل، تليها فيتنام", "كولومبيا، تليها إثيوبيا")))
        after = newsroom.story("coffee")
        assert after is not before and "كولومبيا" in after.primary.text
        cli.remove("coffee")
        with pytest.raises(UnknownStory):
            newsroom.story("coffee")


def test_interactive_console_on_the_catalogue(tmp_path: Path) -> None:
    """`storybot console` at a terminal, STORYBOT_DB a catalogue (./storybot.db by default):
    without --story each question goes to its story, named; /about tells the last one."""
    from test_console_pty import PROMPT, Terminal

    with Catalogue.open(tmp_path / "storybot.db") as catalogue:
        catalogue.add(coffee_story())
        catalogue.add(NewStory("volcano", parse_article(VOLCANO, "volcano")))
    env_db = os.environ.pop("STORYBOT_DB", None)
    try:
        term = Terminal(["console"], tmp_path)
        try:
            term.expect(PROMPT)
            term.type("كم قرية أخليت قرب البركان؟")
            reply = term.expect(PROMPT)
            assert "من خبر «بركان في الجزيرة» (volcano):" in reply and "ثلاث قرى" in reply
            term.type("/about")
            assert "بركان في الجزيرة" in term.expect(PROMPT)
            term.type("/quit")
            assert term.wait() == 0
        finally:
            term.close()
        term = Terminal(["console", "--story", "coffee"], tmp_path)
        try:
            assert "القهوة في المرتفعات" in term.expect(PROMPT)  # the welcome names the story
            term.type("ما أكبر منتج للبن؟")
            reply = term.expect(PROMPT)
            assert "البرازيل" in reply and "من خبر" not in reply
            term.type("/quit")
            assert term.wait() == 0
        finally:
            term.close()
    finally:
        if env_db is not None:
            os.environ["STORYBOT_DB"] = env_db


def _conversation_store_only(db_path: Path) -> None:
    """A file the bot's conversation store made, that no catalogue writer has opened yet."""
    import asyncio

    from bot.store.database import Store

    async def make() -> None:
        store = await Store.open(db_path)
        await store.close()

    asyncio.run(make())


def test_stories_lists_the_embedded_story_of_an_empty_catalogue(db_path: Path) -> None:
    _conversation_store_only(db_path)
    with Catalogue.open(db_path, read_only=True) as empty:
        assert EMBEDDED_STORY_ID not in empty and empty.newest() == []
        assert [i.id for i in Newsroom(empty).newest()] == [EMBEDDED_STORY_ID]
        assert Newsroom(empty).info(EMBEDDED_STORY_ID).title == load_embedded_story().title
    listing = storybot("stories", db=db_path)
    assert listing.returncode == 0 and listing.stdout.split("\t")[0] == EMBEDDED_STORY_ID
    assert [s["id"] for s in json.loads(storybot("stories", "--json", db=db_path).stdout)] == [EMBEDDED_STORY_ID]
    assert json.loads(storybot("stories", "--json", "--limit", "0", db=db_path).stdout) == []
    db_path.unlink()  # and with no file at all
    assert [s["id"] for s in json.loads(storybot("stories", "--json", db=db_path).stdout)] == [EMBEDDED_STORY_ID]


@pytest.mark.parametrize("args", [("stories",), ("stories", "--json"), ("stats",), ("export", "--unanswered")])
def test_a_reader_that_goes_away_ends_the_listing_quietly(db_path: Path, args: tuple[str, ...]) -> None:
    """`storybot stories | head -1` (or stats, export): the reader closes the pipe before the
    listing is written; the command ends with 0 and no traceback, as the console does."""
    with Catalogue.open(db_path) as catalogue:
        for i in range(40):
            catalogue.add(coffee_story(f"coffee-{i}"))
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    proc = subprocess.run([sys.executable, "-m", "bot", *args], stdout=write_end, stderr=subprocess.PIPE,
                          timeout=TIMEOUT, env={**os.environ, "STORYBOT_DB": str(db_path)}, cwd=db_path.parent)
    os.close(write_end)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr and b"BrokenPipe" not in proc.stderr, proc.stderr


def _to_a_reader_gone(*args: str, db: Path) -> subprocess.CompletedProcess:
    """`storybot ARGS | head -0`: the reader closed the pipe before anything was written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "bot", *args], stdout=write_end, stderr=subprocess.PIPE,
                              timeout=TIMEOUT, env={**os.environ, "STORYBOT_DB": str(db)}, cwd=db.parent)
    finally:
        os.close(write_end)


def test_a_reader_that_goes_away_does_not_hide_the_lines_add_skipped(tmp_path: Path, db_path: Path) -> None:
    """`storybot add --jsonl b.jsonl | head`: the pipe breaks at the first "added" line; the
    command still stores the good lines and exits 2 for the skipped one, which stderr names."""
    lines = [json.dumps(RECORDS[0], ensure_ascii=False), "{not json", json.dumps(RECORDS[1], ensure_ascii=False)]
    proc = _to_a_reader_gone("add", "--jsonl", str(write_jsonl(tmp_path / "b.jsonl", lines, False)), db=db_path)
    assert proc.returncode == 2, proc.stderr
    assert b"b.jsonl:2: not JSON" in proc.stderr and b"Traceback" not in proc.stderr and b"BrokenPipe" not in proc.stderr
    with Catalogue.open(db_path, read_only=True) as catalogue:
        assert RECORDS[0]["id"] in catalogue and RECORDS[1]["id"] in catalogue


async def test_storybot_remove_while_the_bot_runs_loses_none_of_its_later_writes(db_path: Path) -> None:
    """The bot opens its store, then the catalogue in the same file; `storybot remove` runs in
    another process meanwhile. The bot's connections keep their locks (the catalogue's opening
    must not drop them by reading the file's header with open()/close()), so the other process
    does not take itself for the last one and delete the WAL under them: what the bot writes
    afterwards is in the file, which reads well."""
    from bot.store.database import Store

    with Catalogue.open(db_path) as catalogue:
        catalogue.add(coffee_story("coffee"))
        catalogue.add(coffee_story("volcano", VOLCANO))
    store = await Store.open(db_path)
    try:
        with Catalogue.open(db_path, create=False, pages_checked=True):
            assert await store.set_chat_story(1, "volcano")
            removed = storybot("remove", "volcano", db=db_path)
            assert removed.returncode == 0, removed.stderr
            assert await store.set_chat_story(2, "coffee")
            # Chat 1's choice stays: the bot tells it its story is gone when it next asks.
            with sqlite3.connect(db_path) as fresh:
                assert fresh.execute("SELECT chat_id, story FROM chat_stories").fetchall() == [(1, "volcano"), (2, "coffee")]
            fresh.close()
            assert Path(f"{db_path}-wal").exists()
    finally:
        await store.close()
    with sqlite3.connect(db_path) as fresh:
        assert fresh.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert fresh.execute("SELECT chat_id, story FROM chat_stories").fetchall() == [(1, "volcano"), (2, "coffee")]
    fresh.close()
