"""A shelf of stories: the story beside six other articles answers as it does alone, and a
question about one of those articles is answered from it and names it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.answer import (
    Conversation, Kind, UnknownStory, answer, answer_from_shelf, load_shelf, load_story,
)
from index.article import EMBEDDED_STORY

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "eval" / "articles"
pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason="the shared development articles are not here")


@pytest.fixture(scope="module")
def shelf():
    return load_shelf([EMBEDDED_STORY, *sorted(ARTICLES.glob("d*.txt"))])


@pytest.fixture(scope="module")
def alone():
    return load_story()


def story_questions() -> list[str]:
    return [
        json.loads(line)["question"]
        for path in sorted((ROOT / "tests" / "data").glob("story_*.jsonl"))  # not the conversations
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_the_story_beside_six_articles_answers_every_question_as_alone(shelf, alone):
    about_the_story = Conversation(story="lecun-meta")
    differ = []
    for question in story_questions():
        expected = answer(alone, question)
        for got in (answer(shelf, question, about_the_story), answer_from_shelf(shelf, question, story_id="lecun-meta")):
            if (got.kind, got.lead, got.quotes, got.disclaimer) != (expected.kind, expected.lead, expected.quotes, expected.disclaimer):
                differ.append(question)
    assert not differ, differ[:5]


def test_facts_of_a_story_do_not_change_beside_other_articles(shelf, alone):
    story = shelf.story("lecun-meta")
    assert story.protagonists == alone.protagonists and story.protagonists
    assert story.quoted_people == alone.quoted_people
    assert story.disclaimer_terms == alone.disclaimer_terms


@pytest.mark.parametrize(
    "question, story_id, words",
    [
        ("من فاز بجائزة المجر الكبرى؟", "d5", "فيتيل"),
        ("كم كان متوسط سعر برنت في 2014؟", "d3", "دولار"),
        ("منذ متى لم يزر وزير خارجية فرنسي إيران؟", "d4", "منذ 12 عاما"),
        ("كم بلغ صافي ربح سابك في الربع الثاني؟", "d2", "سابك"),
    ],
)
def test_a_question_about_another_article_is_answered_from_it_and_names_it(shelf, question, story_id, words):
    reply = answer(shelf, question)
    article = shelf.story(story_id).primary
    assert reply.kind is Kind.ANSWER and reply.story == story_id
    assert all(q.article == story_id for q in reply.quotes) and words in reply.quotes[0].text
    assert article.title in reply.lead
    assert reply.disclaimer == article.disclaimer


def test_title_and_summary_are_of_the_article_asked_about(shelf):
    title = answer(shelf, "ما عنوان مقال سابك؟")
    assert title.kind is Kind.META and title.quotes[0].text == shelf.story("d2").primary.title
    summary = answer(shelf, "لخص لي مقال فيتيل وهاميلتون")
    assert summary.kind is Kind.SUMMARY and summary.story == "d5"


def test_a_follow_up_stays_with_the_article_of_the_last_reply(shelf):
    conversation = Conversation()
    first = answer(shelf, "من فاز بجائزة المجر الكبرى؟", conversation)
    conversation = conversation.after(first)
    follow_up = answer(shelf, "ومتى؟", conversation)
    assert first.story == follow_up.story == "d5"
    end = answer(shelf, "ماذا يقول الكاتب في نهاية المقال؟", conversation.after(follow_up))
    assert end.story == "d5"
    assert end.quotes[0].paragraph == len(shelf.story("d5").primary.paragraphs)


def test_a_follow_up_keeps_the_kind_it_asks(alone):
    conversation = Conversation().after(answer(alone, "كم عاملاً فصلت ميتا؟"))
    # The article says how many, not when: the follow-up asks a time and is declined,
    # as the whole question is.
    assert answer(alone, "ومتى؟", conversation).kind is Kind.NOT_FOUND
    assert answer(alone, "متى فصلت ميتا 600 عامل؟").kind is Kind.NOT_FOUND


def test_an_unknown_story_id_lists_the_ids(shelf):
    with pytest.raises(UnknownStory) as error:
        answer_from_shelf(shelf, "ما عنوان المقال؟", story_id="nope")
    assert "lecun-meta" in str(error.value) and "d6" in str(error.value)
    assert shelf.ids[0] == "lecun-meta" and len(shelf.ids) == 7


def test_an_honest_partial_reply_shows_what_the_article_says_of_the_subject(alone):
    # The article names Llama but no date of Llama 5: nothing is quoted as an answer; what
    # it says about Llama comes as related quotes, with the disclaimer.
    reply = answer(alone, "متى ستطلق ميتا نموذج لاما 5؟")
    assert reply.kind is Kind.NOT_FOUND and reply.quotes == ()
    assert reply.related and "لاما" in reply.related[0].text
    assert reply.disclaimer == alone.primary.disclaimer
    for quote in reply.related:
        assert alone.primary.text[quote.start : quote.end] == quote.text
    # A question about nothing the article names gets no related quotes and no disclaimer.
    unrelated = answer(alone, "ما عاصمة فرنسا؟")
    assert unrelated.kind is Kind.NOT_FOUND and unrelated.related == () and unrelated.disclaimer is None


def test_the_source_line_answers_who_published(shelf):
    reply = answer_from_shelf(shelf, "أي صحيفة نشرت هذا الخبر؟", story_id="d1")
    article = shelf.story("d1").primary
    assert reply.kind is Kind.META and reply.quotes[0].place == "source"
    assert "عكاظ" in reply.quotes[0].text and article.text[reply.quotes[0].start : reply.quotes[0].end] == reply.quotes[0].text
    # Advice questions keep the disclaimer; the embedded story has no source line.
    assert answer_from_shelf(shelf, "هل هذه نصيحة مالية؟", story_id="d1").quotes[0].place == "disclaimer"
    assert answer_from_shelf(shelf, "من نشر هذا المقال؟", story_id="lecun-meta").quotes[0].place == "disclaimer"


def test_a_title_is_quoted_once_in_the_lead(shelf):
    # d2's title opens with a quoted name («سابك» السعودية …): no second « before it; d5's
    # title has no quotation marks and is put between « ».
    sabic = answer(shelf, "كم بلغ صافي ربح سابك في الربع الثاني؟")
    title = shelf.story("d2").primary.title
    assert title.startswith("«") and sabic.lead.startswith(f"من مقال {title}:")
    vettel = answer(shelf, "من فاز بجائزة المجر الكبرى؟")
    assert vettel.lead.startswith(f"من مقال «{shelf.story('d5').primary.title}»:")
    assert "««" not in sabic.lead + vettel.lead and "»»" not in sabic.lead + vettel.lead
