"""The plain-text and JSON renderings of Answer records (pure; no process, no engine).

Answers are built by hand from the embedded article's own sentences, so these tests say what
the renderer must do whatever the answer composer decides.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.core.answer_types import Answer, Kind, Quote
from bot.render import DISCLAIMER_LABEL, answer_to_json, render_plain
from index.article import Article, load_embedded_story

JSON_KEYS = {"question", "kind", "quotes", "related", "reply"}
QUOTE_KEYS = {"text", "article", "paragraph", "heading", "score"}


@pytest.fixture(scope="module")
def article() -> Article:
    return load_embedded_story()


def body_quote(article: Article, paragraph: int, sentence: int = 0, score: float = 3.5) -> Quote:
    """A Quote of one sentence of the article, as the composer would make it."""
    para = article.paragraphs[paragraph - 1]
    s = para.sentences[sentence]
    return Quote(s.text, article.name, para.number, para.heading, s.start, s.end, score)


def title_quote(article: Article) -> Quote:
    start, end = article.title_span
    return Quote(article.text[start:end], article.name, 0, None, start, end, 9.0, place="title")


def disclaimer_quote(article: Article) -> Quote:
    start, end = article.disclaimer_span
    return Quote(article.text[start:end], article.name, 0, None, start, end, 9.0, place="disclaimer")


def make_answer(article: Article, kind: Kind, quotes: tuple[Quote, ...] = (), **fields) -> Answer:
    """An Answer with the disclaimer attached whenever it quotes, as the contract says."""
    fields.setdefault("lead", "هذا ما يقوله المقال:")
    return Answer(
        question=fields.pop("question", "سؤال"),
        kind=kind,
        quotes=quotes,
        disclaimer=article.disclaimer if quotes else None,
        article_title=article.title,
        **fields,
    )


def test_answer_quotes_are_verbatim_substrings_with_disclaimer(article: Article) -> None:
    quotes = (body_quote(article, 5, 0), body_quote(article, 5, 2))
    answer = make_answer(article, Kind.ANSWER, quotes)
    reply = render_plain(answer)
    assert reply.startswith(answer.lead)
    for q in quotes:
        assert q.text == article.text[q.start : q.end]
        assert f"«{q.text}»" in reply
    assert DISCLAIMER_LABEL in reply
    assert article.disclaimer in reply
    # the disclaimer comes after the quotes
    assert reply.index(article.disclaimer) > reply.index(quotes[-1].text)


def test_several_quotes_are_numbered_and_placed(article: Article) -> None:
    quotes = (body_quote(article, 5, 0), body_quote(article, 1, 0))
    reply = render_plain(make_answer(article, Kind.ANSWER, quotes))
    lines = reply.splitlines()
    first = next(line for line in lines if quotes[0].text in line)
    second = next(line for line in lines if quotes[1].text in line)
    assert first.startswith("1. «") and second.startswith("2. «")
    assert first.endswith("— الفقرة 5، قسم «تستمر الخروج»")
    assert second.endswith("— الفقرة 1")  # paragraph 1 has no heading above it


def test_single_quote_is_not_numbered(article: Article) -> None:
    quote = body_quote(article, 3, 1)
    reply = render_plain(make_answer(article, Kind.ANSWER, (quote,)))
    line = next(line for line in reply.splitlines() if quote.text in line)
    assert line.startswith("«")
    assert line.endswith(f"— الفقرة 3، قسم «{quote.heading}»")


def test_summary_quotes_title_and_lead(article: Article) -> None:
    quotes = (title_quote(article), body_quote(article, 1, 0))
    reply = render_plain(make_answer(article, Kind.SUMMARY, quotes, lead="ملخص المقال:"))
    assert f"«{article.title}» — عنوان المقال" in reply
    assert quotes[1].text in reply
    assert article.disclaimer in reply


def test_meta_quote_of_disclaimer_is_placed(article: Article) -> None:
    quote = disclaimer_quote(article)
    reply = render_plain(make_answer(article, Kind.META, (quote,)))
    assert f"«{article.disclaimer}» — تنبيه الموقع" in reply
    assert DISCLAIMER_LABEL in reply


def test_not_found_gives_reason_and_sections_and_no_disclaimer(article: Article) -> None:
    answer = make_answer(
        article,
        Kind.NOT_FOUND,
        lead="لا يذكر المقال ذلك.",
        reason="لم أجد في المقال ما يجيب عن عمر ليكون.",
        hints=article.headings,
    )
    reply = render_plain(answer)
    assert answer.reason in reply
    for heading in article.headings:
        assert heading in reply
    assert "«" not in reply.replace("»", "")  # nothing is quoted
    assert DISCLAIMER_LABEL not in reply
    assert article.disclaimer not in reply


@pytest.mark.parametrize("kind", [Kind.HELP, Kind.GREETING, Kind.THANKS])
def test_chitchat_gives_lead_and_examples(article: Article, kind: Kind) -> None:
    examples = ("لماذا يغادر ليكون ميتا؟", "كم أنفقت ميتا للحصول على ألكسندر وانغ؟")
    answer = make_answer(article, kind, lead="أهلًا! أجيب عن أسئلتك حول المقال.", hints=examples)
    reply = render_plain(answer)
    assert reply.startswith(answer.lead)
    for example in examples:
        assert example in reply
    assert DISCLAIMER_LABEL not in reply


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_renders_to_text_and_json(article: Article, kind: Kind) -> None:
    quotes = (body_quote(article, 2, 0),) if kind in (Kind.ANSWER, Kind.SUMMARY, Kind.META) else ()
    answer = make_answer(article, kind, quotes, hints=("مثال",), reason=None)
    reply = render_plain(answer)
    assert reply.strip()
    record = answer_to_json(answer)
    assert record["kind"] == kind.value
    assert record["reply"] == reply
    json.dumps(record, ensure_ascii=False)  # serialisable as is


def test_json_keys_are_exact(article: Article) -> None:
    quote = body_quote(article, 3, 2, score=2.718281828)
    answer = make_answer(article, Kind.ANSWER, (quote,), question="كم أنفقت ميتا؟")
    record = json.loads(json.dumps(answer_to_json(answer), ensure_ascii=False))
    assert set(record) == JSON_KEYS
    assert record["question"] == "كم أنفقت ميتا؟"
    assert record["kind"] == "answer"
    assert record["reply"] == render_plain(answer)
    [q] = record["quotes"]
    assert set(q) == QUOTE_KEYS
    assert q == {
        "text": quote.text,
        "article": article.name,
        "paragraph": 3,
        "heading": quote.heading,
        "score": 2.7183,
    }
    assert isinstance(q["paragraph"], int) and isinstance(q["score"], float)


def test_json_without_quotes_has_empty_list_and_null_heading_allowed(article: Article) -> None:
    record = answer_to_json(make_answer(article, Kind.NOT_FOUND, reason="لا يذكر المقال ذلك."))
    assert record["quotes"] == []
    head = answer_to_json(make_answer(article, Kind.ANSWER, (body_quote(article, 1),)))
    assert head["quotes"][0]["heading"] is None


def test_json_score_is_finite_and_plain_float(article: Article) -> None:
    quote = body_quote(article, 1, score=float("nan"))
    text = json.dumps(answer_to_json(make_answer(article, Kind.ANSWER, (quote,))), allow_nan=False)
    assert '"score": 0.0' in text


def test_no_bidi_controls_are_added(article: Article) -> None:
    quotes = (title_quote(article), body_quote(article, 4, 0))
    reply = render_plain(make_answer(article, Kind.SUMMARY, quotes, hints=article.headings))
    controls = {"\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"}
    assert not controls & set(reply)


def test_with_article_names_the_article(article: Article) -> None:
    quote = body_quote(article, 6)
    reply = render_plain(make_answer(article, Kind.ANSWER, (quote,)), with_article=True)
    assert f"من مقال «{article.name}»" in reply
    assert f"«{quote.text}»" in reply


def test_render_module_stays_free_of_io_stacks() -> None:
    code = (
        "import sys, bot.render; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'telegram', 'asyncio', 'aiosqlite', 'httpx'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "title, shown",
    [
        ("فيتيل يكسر هيمنة هاميلتون", "«فيتيل يكسر هيمنة هاميلتون»"),
        ("«سابك» السعودية تحقق أرباحًا", "«سابك» السعودية تحقق أرباحًا"),
        ("ماكرون يرد على «السترات الصفراء»", "ماكرون يرد على «السترات الصفراء»"),
        ("«لن نتراجع»", "«لن نتراجع»"),
    ],
)
def test_a_title_is_quoted_once(title: str, shown: str) -> None:
    from bot.render import quoted_title

    assert quoted_title(title) == shown
