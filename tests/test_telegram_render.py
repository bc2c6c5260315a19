"""The Telegram renderer: pure functions, checked against the stand-in's Telegram-HTML parser."""

from __future__ import annotations

import pytest
from standin import EntityError, parse_html, utf16_len

from bot.telegram import render as tr
from bot.core.answer_types import Answer, Kind, Quote

DISCLAIMER = "قد تحتوي هذه الصفحة على محتوى من جهات خارجية."


def make_quote(text: str, paragraph: int = 1, heading: str | None = None, start: int = 0) -> Quote:
    return Quote(text=text, article="a", paragraph=paragraph, heading=heading, start=start, end=start + len(text), score=1.0)


def make_answer(*quotes: Quote, kind: Kind = Kind.ANSWER, lead: str = "هذا ما يقوله المقال:", **kw) -> Answer:
    return Answer(question="سؤال؟", kind=kind, lead=lead, quotes=quotes, disclaimer=DISCLAIMER if quotes else None, **kw)


def visible(chunks: list[str]) -> list[str]:
    """Every chunk must be valid Telegram HTML within 4096 UTF-16 units; returns the visible texts."""
    out = []
    for chunk in chunks:
        text = parse_html(chunk)
        assert 1 <= utf16_len(text) <= tr.MAX_MESSAGE
        out.append(text)
    return out


def test_quotes_in_blockquotes_and_disclaimer_expandable():
    chunks = tr.render_answer(make_answer(make_quote("جملة أولى.", 2, "قسم"), make_quote("جملة ثانية.", 3)))
    assert len(chunks) == 1
    html = chunks[0]
    assert html.count("<blockquote>") == 2
    assert f"<blockquote expandable>{DISCLAIMER}</blockquote>" in html
    text = visible(chunks)[0]
    assert "جملة أولى." in text and "جملة ثانية." in text and "الفقرة 2" in text


def test_article_and_user_text_is_escaped():
    nasty = 'a <b>bold</b> & <script>x</script> "q" 5 > 3'
    answer = Answer(question=nasty, kind=Kind.NOT_FOUND, lead=nasty, reason=nasty, hints=(nasty,))
    chunks = tr.render_answer(make_answer(make_quote(nasty), lead=nasty))
    assert "<script>" not in "".join(chunks)
    assert visible(chunks)[0].count(nasty) == 2  # the lead and the quote, verbatim for the reader
    assert visible(tr.render_answer(answer))[0].count(nasty) == 3


def test_long_answers_split_at_quote_boundaries_in_order():
    quotes = [make_quote(f"الجملة رقم {i} " + "كلمة " * 120 + ".", i % 8 + 1, start=i * 1000) for i in range(40)]
    chunks = tr.render_answer(make_answer(*quotes))
    texts = visible(chunks)
    assert len(chunks) > 1
    for q in quotes:  # each quote whole, in exactly one message
        assert sum(q.text in t for t in texts) == 1
    order = [next(i for i, t in enumerate(texts) if q.text in t) for q in quotes]
    assert order == sorted(order)
    assert DISCLAIMER in texts[-1]
    for chunk in chunks:  # never cut inside a blockquote
        assert chunk.count("<blockquote") == chunk.count("</blockquote>")


def test_a_quote_longer_than_a_message_is_cut_at_spaces():
    words = [f"كلمة{i}" for i in range(2000)]
    quote = make_quote(" ".join(words))
    texts = visible(tr.render_answer(make_answer(quote)))
    assert len(texts) >= 3
    seen = " ".join(texts).split()
    assert [w for w in seen if w.startswith("كلمة") and w[4:].isdigit()] == words


def test_a_first_quote_longer_than_a_message_starts_under_the_lead():
    """The first message of a reply whose first quote alone is over 4,096 characters holds the
    lead, the quote's place and the quote's beginning, not the lead line alone; the same under
    a newsroom's story line (a smaller limit, the line put on top), and for a later long quote."""
    words = [f"كلمة{i}" for i in range(2000)]
    answer = make_answer(make_quote(" ".join(words), 3))
    head = "من خبر «عنوان»"
    for limit, top in ((tr.MAX_MESSAGE, ""), (tr.MAX_MESSAGE - len(head) - 2, head)):
        chunks = tr.render_answer(answer, limit=limit)
        if top:
            chunks[0] = f"{top}\n\n{chunks[0]}"
        texts = visible(chunks)
        first = texts[0].splitlines()
        expected = [*([top, ""] if top else []), "هذا ما يقوله المقال:", "", "الفقرة 3"]
        assert first[:len(expected)] == expected and texts[0].count("كلمة") > 400
        seen = " ".join(texts).split()
        assert [w for w in seen if w.startswith("كلمة") and w[4:].isdigit()] == words
    short_then_long = visible(tr.render_answer(make_answer(make_quote("جملة قصيرة.", 1), make_quote(" ".join(words), 2, start=20))))
    assert "جملة قصيرة." in short_then_long[0] and "2. الفقرة 2" in short_then_long[0]


def test_length_is_counted_in_utf16_units_like_telegram():
    emoji_quote = make_quote("😀" * 3000)  # 3000 code points, 6000 UTF-16 units
    for text in visible(tr.render_answer(make_answer(emoji_quote))):
        assert utf16_len(text) <= tr.MAX_MESSAGE


def test_small_talk_has_hints_and_no_disclaimer():
    answer = Answer(question="مرحبا", kind=Kind.GREETING, lead="أهلًا!", hints=("مثال 1؟", "مثال 2؟"))
    text = visible(tr.render_answer(answer))[0]
    assert "مثال 1؟" in text and tr.DISCLAIMER_LABEL not in text
    assert not tr.wants_feedback(answer)


def test_callback_data_round_trip_and_size():
    assert tr.parse_callback(tr.vote_data("a1b2c3d4e5f6", +1)) == tr.Vote("a1b2c3d4e5f6", 1)
    assert tr.parse_callback(tr.vote_data("a1b2c3d4e5f6", -1)) == tr.Vote("a1b2c3d4e5f6", -1)
    ref = tr.ParagraphRef(0, 12)
    assert tr.parse_callback(tr.paragraph_data(ref)) == ref
    for bogus in (None, "", "fb:maybe:abc", "para:x:1", "fb:up:<script>", "other"):
        assert tr.parse_callback(bogus) is None
    markup = tr.answer_keyboard("f" * 12, tr.ParagraphRef(999, 9999))
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert [b.text for row in markup.inline_keyboard for b in row] == [tr.PARAGRAPH_BUTTON, tr.VOTE_UP, tr.VOTE_DOWN]
    assert all(1 <= len(d.encode()) <= tr.MAX_CALLBACK_DATA for d in data)
    assert tr.answer_keyboard(None, None) is None


def test_inline_results_carry_the_disclaimer_each():
    quotes = [make_quote(f"جملة {i}.", i + 1, start=i * 10) for i in range(8)]
    results = tr.inline_results(make_answer(*quotes))
    assert len(results) == tr.MAX_INLINE_RESULTS
    assert len({r.id for r in results}) == len(results)
    for r in results:
        text = visible([r.input_message_content.message_text])[0]
        assert DISCLAIMER in text and r.title


def test_an_inline_result_keeps_its_disclaimer_even_for_a_giant_quote():
    giant = make_quote(" ".join(["كلمة"] * 3000))
    (result,) = tr.inline_results(make_answer(giant))
    text = visible([result.input_message_content.message_text])[0]
    assert text.endswith(DISCLAIMER) and "…" in text


def test_inline_result_when_nothing_is_quoted_explains_why():
    answer = Answer(question="؟", kind=Kind.NOT_FOUND, lead="لا يذكر المقال ذلك.", reason="لم أجد ما يجيب.")
    (result,) = tr.inline_results(answer)
    assert "لم أجد ما يجيب." in visible([result.input_message_content.message_text])[0]


def test_paragraph_message():
    chunks = tr.render_paragraph(3, "قسم <x>", "نص الفقرة & المزيد.", DISCLAIMER)
    text = visible(chunks)[0]
    assert "نص الفقرة & المزيد." in text and "قسم <x>" in text and DISCLAIMER in text


def test_fixed_texts_are_valid_html():
    card = tr.StoryCard(title="عنوان <مهم> & جديد", source=None, disclaimer=DISCLAIMER,
                        headings=("قسم 1", "قسم 2"), examples=("سؤال 1؟", "سؤال 2؟"), paragraphs=8)
    for html in (tr.welcome(card, "story_bot"), tr.help_text(card, "story_bot"), tr.about(card),
                 tr.privacy(90, stored=True), tr.privacy(90, stored=False), tr.forgotten(3)):
        visible([html])
    assert "عنوان <مهم> & جديد" in visible([tr.welcome(card, None)])[0]
    assert "90" in visible([tr.privacy(90, stored=True)])[0]


def test_stats_text():
    data = {"questions": 10, "answered": 6, "unanswered": 2, "feedback_up": 3, "feedback_down": 1, "users": 4,
            "questions_today": 5, "questions_7d": 10, "top_unanswered": [["ما <هذا>؟", 2], ["ومن؟", 1]]}
    text = visible([tr.stats(data)])[0]
    assert "75%" in text and "ما <هذا>؟ (2)" in text
    many = {**data, "top_unanswered": [["س" * 400, 1]] * 10}
    visible([tr.stats(many)])


@pytest.mark.parametrize("bad", ["a < b", "<foo>x</foo>", "<b>x", "<b>x</i>", "a & b", "x > y",
                                 '<span class="x">s</span>', "<blockquote><blockquote>x</blockquote></blockquote>"])
def test_the_standin_refuses_what_telegram_refuses(bad):
    with pytest.raises(EntityError, match="can't parse entities"):
        parse_html(bad)


def test_the_standin_accepts_telegram_html():
    assert parse_html('<b>a</b> &lt;&amp;&gt;&quot;&#39;<blockquote expandable>x</blockquote><a href="u">l</a>') == "a <&>\"'xl"
