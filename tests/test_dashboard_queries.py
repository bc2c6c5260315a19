"""The dashboard's queries on a real SQLite file made by the Store and filled by the tests."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bot.dashboard import queries
from bot.store.database import Store, StoreError
from bot.store.schema import SCHEMA_VERSION
from dashboard_store import HOSTILE, NOW, fill
from index.article import load_embedded_story


@pytest.fixture
async def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "storybot.db"
    await fill(path)
    return path


async def test_summary_per_story_counts_kinds_as_storybot_stats_does(db_path: Path) -> None:
    async with queries.open_read_only(db_path) as db:
        gulf = await queries.read_summary(db, "gulf-rain", NOW)
        lecun = await queries.read_summary(db, "lecun-meta", NOW)
    assert (gulf["questions"], gulf["answered"], gulf["unanswered"], gulf["other"]) == (8, 2, 5, 1)
    assert gulf["share_answered"] == round(2 / 7, 4)
    assert (gulf["feedback_up"], gulf["feedback_down"]) == (2, 1)
    assert gulf["questions_today"] == 3  # 23:00 yesterday UTC is not today
    assert gulf["top_unanswered"][0] == ["متى تفتح المدارس؟", 3]  # three wordings, one normalised form
    # 'summary' is answered; 'help' and a kind this code does not know are neither
    assert (lecun["answered"], lecun["unanswered"], lecun["other"]) == (2, 1, 2)
    assert (lecun["feedback_up"], lecun["feedback_down"]) == (1, 0)


async def test_summary_for_all_stories_is_storybot_stats(db_path: Path) -> None:
    async with queries.open_read_only(db_path) as db:
        everything = await queries.read_summary(db, None, NOW)
    async with await Store.open(db_path, create=False) as store:
        stats = await store.stats(now=NOW)
    assert everything == stats
    assert (everything["questions"], everything["answered"], everything["unanswered"]) == (16, 5, 7)
    assert (everything["feedback_up"], everything["feedback_down"]) == (3, 2)


async def test_unanswered_rows_are_the_export_rows(db_path: Path) -> None:
    async with queries.open_read_only(db_path) as db:
        all_rows = await queries.read_unanswered(db, None)
        gulf = await queries.read_unanswered(db, "gulf-rain")
        top_one = await queries.read_unanswered(db, "gulf-rain", limit=1)
    async with await Store.open(db_path, create=False) as store:
        assert all_rows == await store.export_unanswered()
    assert [(q, n) for q, n, _ in gulf] == [("متى تفتح المدارس؟", 3), (HOSTILE, 1), ("هل أغلقت الطرق؟", 1)]
    assert top_one == gulf[:1]
    assert gulf[0][2] == "2026-11-20T09:00:00+00:00"


async def test_days_are_utc_days_ending_today_with_empty_days(db_path: Path) -> None:
    async with queries.open_read_only(db_path) as db:
        days = await queries.read_days(db, "gulf-rain", NOW)
        all_days = await queries.read_days(db, None, NOW, days=7)
    assert len(days) == queries.CHART_DAYS
    assert days[-1].day == date(2026, 11, 20) and days[0].day == date(2026, 10, 22)
    by_day = {d.day: (d.questions, d.answered, d.unanswered, d.other) for d in days}
    assert by_day[date(2026, 11, 20)] == (3, 2, 1, 0)
    assert by_day[date(2026, 11, 19)] == (2, 0, 1, 1)  # 23:00 UTC belongs to the 19th
    assert by_day[date(2026, 11, 17)] == (2, 0, 2, 0)
    assert by_day[date(2026, 11, 16)] == (0, 0, 0, 0)
    assert sum(d.questions for d in days) == 8
    # all stories, one week: the question 40 days ago is outside
    assert len(all_days) == 7 and sum(d.questions for d in all_days) == 15


async def test_latest_newest_first_for_one_story_and_all(db_path: Path) -> None:
    async with queries.open_read_only(db_path) as db:
        latest = await queries.read_latest(db, "oil-prices")
        all_latest = await queries.read_latest(db, None, limit=3)
    assert [a.question for a in latest] == ["شكرا", "كم سعر البرميل؟", "من هو وزير النفط؟"]
    assert {a.story for a in latest} == {"oil-prices"}
    assert len(all_latest) == 3
    assert all(a.asked_at == NOW - 3600 for a in all_latest)
    titles = {a.story: a.story_title for a in await _latest_all(db_path)}
    assert titles["oil-prices"] == "أسعار النفط ترتفع"
    assert titles["lecun-meta"] == load_embedded_story().title  # no catalogue row


async def _latest_all(db_path: Path) -> tuple[queries.Asked, ...]:
    async with queries.open_read_only(db_path) as db:
        return await queries.read_latest(db, None, limit=100)


async def test_story_list_newest_first_with_the_embedded_story_last(db_path: Path) -> None:
    async with queries.open_read_only(db_path) as db:
        page = await queries.read_stories(db)
    assert [s.id for s in page.stories] == ["quiet-story", "gulf-rain", "oil-prices", "lecun-meta"]
    quiet, gulf, oil, lecun = page.stories
    assert (quiet.questions, quiet.share_answered, quiet.last_asked) == (0, None, None)
    assert (gulf.questions, gulf.answered, gulf.unanswered) == (8, 2, 5)
    assert gulf.title == "أمطار غزيرة في الخليج <b>عاجل</b>"  # raw here; the page escapes it
    assert lecun.title == load_embedded_story().title  # no row: the package's title
    assert lecun.in_catalogue and page.total == 4


async def test_story_list_pages(db_path: Path) -> None:
    async with queries.open_read_only(db_path) as db:
        first = await queries.read_stories(db, page=1, per_page=3)
        second = await queries.read_stories(db, page=2, per_page=3)
        beyond = await queries.read_stories(db, page=99, per_page=3)
    assert [s.id for s in first.stories] == ["quiet-story", "gulf-rain", "oil-prices"]
    assert [s.id for s in second.stories] == ["lecun-meta"]
    assert (first.pages, beyond.page) == (2, 2)


async def test_a_batch_is_listed_in_the_order_storybot_stories_lists_it(tmp_path: Path) -> None:
    """One batch (`add --jsonl`, Catalogue.add_many) shares its added_at: the page listed it by
    id (the first line first) while `storybot stories` lists the last line first; both now agree."""
    from bot.store.catalogue import Catalogue, NewStory
    from index.article import parse_article
    from sample_articles import COFFEE, VOLCANO

    path = tmp_path / "s.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add_many([NewStory(i, parse_article(text, i)) for i, text in
                            (("b-3", COFFEE), ("b-1", VOLCANO), ("b-2", COFFEE))])
        listed = [i.id for i in catalogue.newest(10)]
    async with queries.open_read_only(path) as db:
        page = await queries.read_stories(db)
    assert listed[:3] == ["b-2", "b-1", "b-3"]
    assert [s.id for s in page.stories][:3] == listed[:3]


async def test_a_removed_story_with_questions_is_still_listed(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    await fill(path, catalogue=())
    async with queries.open_read_only(path) as db:
        page = await queries.read_stories(db)
        gone = await queries.read_story(db, "gulf-rain")
        unknown = await queries.read_story(db, "no-such-story")
    assert {s.id for s in page.stories} == {"gulf-rain", "oil-prices", "lecun-meta"}
    assert gone is not None and not gone.in_catalogue and gone.title == "gulf-rain"
    assert unknown is None


async def test_reading_changes_nothing_and_cannot_write(db_path: Path) -> None:
    before = db_path.read_bytes()
    async with queries.open_read_only(db_path) as db:
        await queries.read_summary(db, None, NOW)
        with pytest.raises(sqlite3.OperationalError):
            await db.execute("DELETE FROM questions")
    assert db_path.read_bytes() == before


def test_a_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no conversation store"):
        queries.check_readable(path)
    assert not path.exists()


def test_a_file_that_is_not_sqlite_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database\n")
    with pytest.raises(StoreError, match="not a SQLite database"):
        queries.check_readable(path)
    assert path.read_text() == "not a database\n"


def test_a_corrupt_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StoreError):
        queries.check_readable(path)


async def test_newer_and_older_schemas_are_refused_unchanged(tmp_path: Path) -> None:
    for version, message in ((SCHEMA_VERSION + 1, "newer than this storybot"), (2, "start the bot")):
        path = tmp_path / f"v{version}.db"
        await fill(path, [], catalogue=(), votes=())
        with sqlite3.connect(path) as db:
            db.execute(f"PRAGMA user_version = {version}")
        db.close()
        before = path.read_bytes()
        with pytest.raises(StoreError, match=message):
            queries.check_readable(path)
        assert path.read_bytes() == before


async def test_an_empty_file_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="start the bot once"):
        queries.check_readable(path)
    assert path.read_bytes() == b""
