"""Choosing the story of a question with none chosen, on a real SQLite catalogue of real
articles: the eight SaudiNewsNet articles of tests/data/fresh-2026-12-01, the embedded story
and the two made-up ones, against their own question sets (more than one article, many
questions, none singled out). Figures over the 5k corpus are benchmarks/bench_newsroom.py's."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bot.core.matching import Concept, StoryWords, match_score
from bot.core.shelf import shelf_of
from bot.core.story import story_of
from bot.store.catalogue import Catalogue, NewStory
from bot.store.schema import SCHEMA_VERSION
from index.article import parse_article
from old_files import old_catalogue
from sample_articles import COFFEE, RAINS, VOLCANO, VOLCANO_AGAIN

FRESH = Path(__file__).parent / "data" / "fresh-2026-12-01"
ARTICLES = [f"h{i}" for i in range(1, 9)]


def _article(name: str):
    return parse_article((FRESH / f"{name}.txt").read_text(encoding="utf-8"), name=name)


def _questions(kinds: set[str]) -> list[tuple[str, str]]:
    """(article, question) for the answerable questions of these kinds in the eight sets."""
    found = []
    for name in ARTICLES:
        for line in (FRESH / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["answerable"] and record["kind"] in kinds:
                found.append((name, record["question"]))
    return found


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("choice") / "storybot.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add_many(
            [NewStory(name, _article(name)) for name in ARTICLES]
            + [NewStory("coffee", parse_article(COFFEE, "coffee")), NewStory("volcano", parse_article(VOLCANO, "volcano"))]
        )
    with Catalogue.open(path) as catalogue:  # what was stored is what is read back
        yield catalogue


def _share_right(catalogue: Catalogue, questions: list[tuple[str, str]]) -> float:
    right = 0
    for name, question in questions:
        best = catalogue.best_matches(question, limit=1)
        right += bool(best) and best[0][0] == name
    return right / len(questions)


def test_arabic_questions_go_to_their_own_article(newsroom: Catalogue) -> None:
    # Formal, dialect, misspelt and numeric questions: 92 of the 96 (0.96) when written.
    assert _share_right(newsroom, _questions({"msa", "dialect", "typo", "numeric"})) >= 0.85


def test_english_and_arabizi_questions_meet_the_arabic_article(newsroom: Catalogue) -> None:
    # By the dictionary's glosses and the names' spelling keys: 33 of the 40 when written; the
    # words themselves alone (no Latin word is in an Arabic article) would find none.
    assert _share_right(newsroom, _questions({"english", "arabizi"})) >= 0.6


@pytest.mark.parametrize(
    ("question", "story"),
    [
        ("Who is Jones?", "h5"),  # a Latin name meets جونز
        ("What did Zintan do?", "h5"),  # meets الزنتان behind its article
        ("Adrian?", "h1"),  # أدريان
        ("el nasr?", "h1"),  # Arabizi: النصر
        ("هزاذي؟", "h1"),  # a misspelt name (ذ for ز) meets هزازي by its strict key
        ("When is the honey festival?", "h4"),  # glosses: عسل، مهرجان
    ],
)
def test_a_name_or_word_in_another_script_or_spelling_finds_its_article(
    newsroom: Catalogue, question: str, story: str
) -> None:
    assert newsroom.best_matches(question, limit=1)[0][0] == story


def test_a_removed_story_leaves_nothing_to_choose(tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "s.db") as catalogue:
        catalogue.add(NewStory("h5", _article("h5")))
        assert catalogue.best_matches("Who is Jones?", limit=1)[0][0] == "h5"
        catalogue.remove("h5")
        assert catalogue.best_matches("Who is Jones?") == []
        left = catalogue._db.execute("SELECT count(*) FROM story_words").fetchone()[0]
        assert left == len(catalogue)  # the embedded story's words only


def test_a_v5_file_is_migrated_and_its_stories_chosen(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_catalogue(path, 5, "h1", _article("h1").title, _article("h1"))  # as storybot wrote it before v6
    with Catalogue.open(path) as catalogue:
        assert catalogue.best_matches("Adrian?", limit=1)[0][0] == "h1"  # term_keys filled from it
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("SELECT count(*) FROM story_words").fetchone()[0] == 2  # h1 and the embedded story
    db.close()


def test_a_v6_file_has_its_stories_analysed_again(tmp_path: Path) -> None:
    # v7 changed no table but the analyser's terms (ألمانيا is no ال + مانيا): the terms a v6
    # storybot stored are made again, as the current analyser gives them.
    path = tmp_path / "old.db"
    old_catalogue(path, 6, "h1", _article("h1").title, _article("h1"))
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO story_words (rowid, title, passages) SELECT rowid, 'مانيا', 'مانيا' FROM stories")
        db.execute("INSERT INTO term_keys (loose, strict, term) VALUES ('MN', 'MN', 'مانيا')")
    db.close()
    with Catalogue.open(path) as catalogue:
        assert catalogue.best_matches("Adrian?", limit=1)[0][0] == "h1"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
        titles = [row[0] for row in db.execute("SELECT title FROM story_words")]
        stale_keys = db.execute("SELECT count(*) FROM term_keys WHERE term = 'مانيا'").fetchone()[0]
        keys = db.execute("SELECT count(*) FROM term_keys").fetchone()[0]
    db.close()
    assert len(titles) == 2 and "مانيا" not in titles
    assert stale_keys == 0 and keys > 0  # the stories' own keys made again, the old one gone


def test_the_shelf_and_the_catalogue_score_alike() -> None:
    """One scoring (bot.core.matching): holding a rarer word, or the same words in one
    passage rather than apart, or in the title, ranks a story higher, whichever chooser."""
    weight = {"نصر": 1.0, "لندن": 3.0, "معسكر": 2.0}.get
    concepts = [Concept("النصر", (("نصر", 1.0),)), Concept("لندن", (("لندن", 1.0),)), Concept("معسكر", (("معسكر", 0.5),))]
    together = StoryWords.of([], [["نصر", "لندن"], ["اخر"]])
    apart = StoryWords.of([], [["نصر"], ["لندن"]])
    titled = StoryWords.of(["لندن"], [["نصر"], ["لندن"]])
    assert match_score(concepts, together, weight) > match_score(concepts, apart, weight)
    assert match_score(concepts, titled, weight) > match_score(concepts, apart, weight)
    assert match_score(concepts, StoryWords.of([], [["لندن"]]), weight) > match_score(concepts, StoryWords.of([], [["نصر"]]), weight)
    # A stand-in counts by how sure it is: معسكر (idf 2.0) at 0.5 weighs as much as نصر (1.0) itself.
    assert match_score(concepts, StoryWords.of([], [["معسكر"]]), weight) == match_score(concepts, StoryWords.of([], [["نصر"]]), weight)
    shelf = shelf_of([story_of(_article(name)) for name in ("h1", "h5", "h8")])
    assert shelf.best_for("متى تغادر بعثة النصر إلى لندن؟").id == "h1"
    assert shelf.best_for("ما الحكم على سيف الإسلام القذافي؟").id == "h5"


def test_a_passage_holding_one_rare_word_alone_adds_nothing_for_it() -> None:
    """"Together" counts the concepts a passage holds together, each up to its second one's
    weight: a sentence with only one rare word does not count that word twice."""
    weight = {"نصر": 1.0, "لندن": 3.0, "ندر": 8.0}.get
    concepts = [Concept(w, ((w, 1.0),)) for w in ("نصر", "لندن", "ندر")]
    lone = StoryWords.of([], [["ندر"], ["نصر"], ["لندن"]])
    paired = StoryWords.of([], [["ندر", "نصر"], ["لندن"]])
    assert match_score(concepts, lone, weight) == 12.0  # held, not held together
    assert match_score(concepts, paired, weight) == 12.0 + 2.0  # ندر counts as much as نصر beside it
    assert match_score(concepts, StoryWords.of([], [["نصر", "لندن", "ندر"]]), weight) == 12.0 + 7.0


def test_a_word_behind_a_proclitic_meets_the_question_word(tmp_path: Path) -> None:
    """The analyser leaves و ب ل ف ك on a word without ال (وأخلت, بارتفاع): the catalogue
    reads them as the question's word, at that word's weight; and a question's للمهرجان is
    its المهرجان, weighing no more."""
    from bot.store.story_search import QuestionReader, _bare_spelling

    path = tmp_path / "storybot.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add_many([NewStory("volcano", parse_article(VOLCANO, "volcano")),
                            NewStory("volcano-again", parse_article(VOLCANO_AGAIN, "volcano-again"))])
        scores = dict(catalogue.best_matches("كم قرية أخلت السلطات؟"))
        assert abs(scores["volcano"] - scores["volcano-again"]) < 0.15 * scores["volcano"]  # وأخلت is أخلت
    with Catalogue.open(path) as catalogue:
        reader = QuestionReader(catalogue._db)
        concepts, counts = reader.concepts("كم قرية أخلت السلطات؟")
        evacuated = next(c for c in concepts if c.word == "اخلت")
        assert dict(evacuated.alternatives) == {"اخلت": 1.0, "واخلت": 1.0}  # both held by one story
        assert "واخلت" in reader.unsearched  # not a rare term of stage one
    assert [_bare_spelling(w) for w in ("للمهرجان", "بالبعثه", "والخامسه", "عالرياض", "البعثه", "ومهندسين", "عالمي")] == [
        "المهرجان", "البعثه", "الخامسه", "الرياض", None, None, None]


def test_a_best_match_names_the_other_versions_of_its_news(tmp_path: Path) -> None:
    """Two papers' versions of one news: the question goes to one, the other is offered
    (console: a line and `other_stories`); a question only one story holds offers none."""
    from bot.console import OTHERS_LINE, format_reply
    from bot.core.answer import answer
    from bot.newsroom import OFFERED, Newsroom

    path = tmp_path / "storybot.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add_many([NewStory(name, _article(name)) for name in ARTICLES] + [
            NewStory("coffee", parse_article(COFFEE, "coffee")), NewStory("volcano", parse_article(VOLCANO, "volcano")),
            NewStory("volcano-again", parse_article(VOLCANO_AGAIN, "volcano-again"))])
        newsroom = Newsroom(catalogue)
        choice = newsroom.choose("كم قرية أخلت السلطات قرب البركان؟")
        assert choice.how == "best_match" and {choice.id, *(i.id for i in choice.others)} == {"volcano", "volcano-again"}
        reply = answer(newsroom.story(choice.id), "كم قرية أخلت السلطات قرب البركان؟")
        assert json.loads(format_reply(reply, choice, as_json=True, with_article=False))["other_stories"] == [
            i.id for i in choice.others]
        plain = format_reply(reply, choice, as_json=False, with_article=False)
        assert plain.splitlines()[-1].startswith(OTHERS_LINE) and f"({choice.others[0].id})" in plain
        clear = newsroom.choose("ما أكبر دولة منتجة للبن في العالم؟")
        assert clear.id == "coffee" and clear.others == ()
        assert json.loads(format_reply(reply, clear, as_json=True, with_article=False))["other_stories"] == []
        for name, question in _questions({"msa", "dialect"}):
            picked = newsroom.choose(question)
            assert picked.id not in {i.id for i in picked.others} and len(picked.others) <= OFFERED


def _with_rains() -> list[NewStory]:
    """The eight fresh articles, five cities' rain news in shared words (RAINS), and two
    papers' versions of the volcano news."""
    rains = [NewStory(f"rain-{i}", parse_article(text, f"rain-{i}")) for i, text in enumerate(RAINS)]
    return [NewStory(name, _article(name)) for name in ARTICLES] + rains + [
        NewStory("volcano", parse_article(VOLCANO, "volcano")),
        NewStory("volcano-again", parse_article(VOLCANO_AGAIN, "volcano-again"))]


def test_a_question_many_stories_match_alike_is_crowded(tmp_path: Path) -> None:
    """Choice.crowded: more stories come within OFFER_SHARE of the best than a reply can offer.
    Five cities' rain news beside the eight fresh articles: a question in their shared words
    is crowded whichever of them is chosen; naming a city, or asking about another story
    (two versions of one news, or one story alone), is not."""
    from bot.console import format_reply
    from bot.conversation import texts
    from bot.core.answer import answer
    from bot.newsroom import OFFERED, Newsroom

    path = tmp_path / "storybot.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add_many(_with_rains())
        newsroom = Newsroom(catalogue)
        for question in ("هل أغلقت المدارس بسبب الأمطار الغزيرة؟", "لماذا أغلقت إدارة التعليم المدارس؟"):
            crowded = newsroom.choose(question)
            assert crowded.id.startswith("rain-") and crowded.crowded and len(crowded.others) == OFFERED
        named = newsroom.choose("متى أغلقت المدارس في تبوك؟")
        assert named.id == "rain-0" and not named.crowded
        # The console says so on the line after the one naming the story.
        reply = answer(newsroom.story(crowded.id), "لماذا أغلقت إدارة التعليم المدارس؟")
        assert format_reply(reply, crowded, as_json=False, with_article=False).splitlines()[1] == texts.NOT_SINGLED_OUT
        reply = answer(newsroom.story(named.id), "متى أغلقت المدارس في تبوك؟")
        assert texts.NOT_SINGLED_OUT not in format_reply(reply, named, as_json=False, with_article=False)
        versions = newsroom.choose("كم قرية أخلت السلطات قرب البركان؟")
        assert versions.others and not versions.crowded
        alone = newsroom.choose("ما اسم الحمية الغذائية التي تناولتها الدراسة؟")
        assert alone.id == "h7" and not alone.crowded
        assert not newsroom.choose("ما اسم الحمية؟", given="h7").crowded  # a story given is never crowded


def test_as_many_stories_alike_as_a_reply_offers_are_all_offered_not_crowded(tmp_path: Path) -> None:
    """One rain story fewer (OFFERED + 1 of them): the best match and the others offered are
    every one, so the reply names them all and does not say the question singles out none."""
    from bot.newsroom import OFFERED, Newsroom

    rains = [story for story in _with_rains() if story.id.startswith("rain-")][: OFFERED + 1]
    path = tmp_path / "storybot.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add_many([story for story in _with_rains() if not story.id.startswith("rain-")] + rains)
        newsroom = Newsroom(catalogue)
        for question in ("هل أغلقت المدارس بسبب الأمطار الغزيرة؟", "لماذا أغلقت إدارة التعليم المدارس؟"):
            choice = newsroom.choose(question)
            assert {choice.id, *(i.id for i in choice.others)} == {story.id for story in rains}
            assert not choice.crowded


def test_a_chat_stays_on_its_story_for_a_question_that_fits_it_as_well(tmp_path: Path) -> None:
    """A question that the chat's previous story matches about as well as the best (within
    OFFER_SHARE: a reply would offer it) stays on that story; one that names another leaves."""
    from bot.newsroom import Newsroom

    path = tmp_path / "storybot.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add_many(_with_rains())
        newsroom = Newsroom(catalogue)
        shared = "لماذا أغلقت إدارة التعليم المدارس؟"
        for story in ("rain-0", "rain-2", "rain-3"):
            kept = newsroom.choose(shared, previous=story)
            assert kept.id == story and kept.how == "best_match" and story not in {i.id for i in kept.others}
        assert newsroom.choose("هل هطلت أمطار غزيرة على أبها؟", previous="rain-0").id == "rain-1"
        both = "كم قرية أخلت السلطات؟"
        assert {newsroom.choose(both, previous=v).id for v in ("volcano", "volcano-again")} == {"volcano", "volcano-again"}
        assert newsroom.choose("ما اسم الحمية الغذائية التي تناولتها الدراسة؟", previous="rain-0").id == "h7"


def test_the_engine_answers_a_best_match_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's check of a best match asks the story as the reply will (with the reader's
    conversation when it is about that story), so the reply is that same answer, not a second."""
    import bot.core.answer as core
    from bot.console import Source, _Dialogue
    from bot.newsroom import Newsroom

    path = tmp_path / "storybot.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add_many([NewStory("coffee", parse_article(COFFEE, "coffee")),
                            NewStory("volcano", parse_article(VOLCANO, "volcano"))])
        dialogue = _Dialogue(Source(newsroom=Newsroom(catalogue)))
        computed: list[str] = []
        engine = core._answer
        monkeypatch.setattr(core, "_answer", lambda story, question, conversation=None: (
            computed.append(question), engine(story, question, conversation))[1])
        for question in ("ما أكبر دولة منتجة للبن في العالم؟", "كم طنا من البن صدرت البلاد؟"):
            computed.clear()
            _, choice, _ = dialogue.ask(question)
            assert choice is not None and choice.id == "coffee" and computed == [question]


def test_the_engine_is_asked_only_among_the_stories_a_reply_would_offer(tmp_path: Path) -> None:
    """The engine's answer picks between the best match and a runner-up only when the runner-up
    comes close (OFFER_SHARE, as a reply offers it): one far behind is not what the question is
    about even when the engine finds words to quote there. A question no other story comes close
    to opens no story while choosing; the two papers' versions of one news are weighed by it."""
    from bot.newsroom import Newsroom

    path = tmp_path / "storybot.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add_many(_with_rains())
        lone = 0
        for name, question in _questions({"msa", "dialect"}):
            newsroom = Newsroom(catalogue)
            choice = newsroom.choose(question)
            if not choice.others:
                lone += 1
                assert newsroom.opened == (), question
        assert lone >= 20  # most of the eight articles' questions single their story out
        newsroom = Newsroom(catalogue)
        versions = newsroom.choose("كم قرية أخلت السلطات قرب البركان؟")
        assert versions.others and versions.id in newsroom.opened


def test_article_files_of_one_name_get_valid_distinct_ids(tmp_path: Path) -> None:
    # --article files named alike (in different folders) each get an id, and every id stays a
    # valid one (64 characters at most: a deep link's payload), a long name's suffix included.
    from bot.newsroom import Newsroom
    from bot.store.catalogue import MAX_STORY_ID, check_story_id

    names = ["a" * MAX_STORY_ID, "a" * MAX_STORY_ID, "x", "x", "x-2"]
    paths = []
    for n, (name, text) in enumerate(zip(names, [COFFEE, RAINS[0], VOLCANO, COFFEE, RAINS[1]])):
        folder = tmp_path / str(n)
        folder.mkdir()
        paths.append(folder / f"{name}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    ids = [info.id for info in Newsroom.from_paths(None, paths).newest(limit=10)][: len(paths)]
    assert len(set(ids)) == len(paths)
    assert all(check_story_id(i) == i and len(i) <= MAX_STORY_ID for i in ids)
    assert "x" in ids and "x-2" in ids
