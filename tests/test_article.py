"""The captured page parses into title, body once, headings, disclaimer and exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.article import ArticleError, load_article, load_embedded_story, parse_article
from index.sentences import split_sentences

SHARED_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "story" / "article.txt"


@pytest.fixture(scope="module")
def story():
    return load_embedded_story()


def test_embedded_copy_matches_the_shared_article(story):
    if not SHARED_ARTICLE.is_file():
        pytest.skip("shared/ is not beside this checkout")
    assert story.text == SHARED_ARTICLE.read_text(encoding="utf-8")


def test_title_and_disclaimer_are_recovered_verbatim(story):
    assert story.title.startswith("هجرة العقول العظيمة في الذكاء الاصطناعي")
    assert "نماذج العالم" in story.title
    assert story.disclaimer.startswith("قد تحتوي هذه الصفحة على محتوى من جهات خارجية")
    assert story.disclaimer.endswith("انظر إلى إخلاء المسؤولية للحصول على التفاصيل.")
    start, end = story.title_span
    assert story.text[start:end] == story.title
    start, end = story.disclaimer_span
    assert story.text[start:end] == story.disclaimer


def test_body_is_indexed_once_without_page_furniture(story):
    texts = [p.text for p in story.paragraphs]
    assert len(texts) == len(set(texts)) == 8
    everything = " ".join(texts)
    assert "شاهد النسخة الأصلية" not in everything
    assert "Gate" not in everything  # the disclaimer is kept apart
    assert story.title not in texts


def test_headings_label_the_paragraphs_after_them_and_are_never_paragraphs(story):
    assert story.headings == ("لماذا هذا مهم: الانقسام الفلسفي بين ليكون-زوكا", "تستمر الخروج", "ماذا يحدث بعد ذلك")
    assert [p.heading for p in story.paragraphs] == [None, None] + [story.headings[0]] * 2 + [story.headings[1]] * 2 + [story.headings[2]] * 2
    assert not any(p.text in story.headings for p in story.paragraphs)


def test_every_span_slices_the_original_text(story):
    for paragraph in story.paragraphs:
        assert story.text[paragraph.start : paragraph.end] == paragraph.text
        for sentence in paragraph.sentences:
            assert story.text[sentence.start : sentence.end] == sentence.text


def test_sentences_keep_numbers_whole_and_join_short_fragments(story):
    sentences = [s.text for s in story.sentences]
    assert any("14.3 مليار دولار" in s for s in sentences)
    assert any("12.6%" in s and "$100 مليار" in s for s in sentences)
    assert "السخرية؟" not in sentences
    assert any(s.startswith("السخرية؟ بينما يغادر ليكون") for s in sentences)


def test_split_sentences_on_arabic_and_latin_terminators():
    text = "جملة أولى هنا. هل هذه جملة ثانية؟ نعم! والثالثة بعد ذلك ثم 3.5 مليون"
    spans = split_sentences(text)
    parts = [text[s:e] for s, e in spans]
    # A one-word cry after a question opens the next sentence, as "السخرية؟ بينما …" does.
    assert parts == ["جملة أولى هنا.", "هل هذه جملة ثانية؟", "نعم! والثالثة بعد ذلك ثم 3.5 مليون"]


FRESH = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    "paragraph, sentences",
    [
        # A decimal written with a right-to-left mark after its point (SaudiNews's 77.\u200f1)
        # is one number: d4 (the shared development article) and k2 (fresh-2026-12-01c).
        (
            "وهبطت الواردات الفرنسية من إيران إلى 62 مليون يورو فقط في 2013، مقارنة مع 77.\u200f1 مليار في 2011. "
            "كما انخفضت الصادرات الفرنسية لإيران إلى 494 مليون يورو في 2013 من 66.\u200f1 مليار يورو في 2011.",
            2,
        ),
        ("وقطع فيتيل مسافة السباق (249.\u200f302 كلم) بزمن 985.\u200f09.\u200f46.\u200f1 ساعة بمعدل سرعة وسطي 816.\u200f170 كلم/ ساعة.", 1),
        # A year ending a sentence ends it (g7, fresh-2026-12-01b).
        ("وسجل أعلى معدل في عام 2014. مما يؤكد أن النتائج إيجابية في القطاع.", 2),
    ],
)
def test_a_digit_before_a_period(paragraph, sentences):
    spans = split_sentences(paragraph)
    assert len(spans) == sentences
    assert all(not paragraph[s:e].startswith("\u200f") for s, e in spans)


@pytest.mark.parametrize(
    "folder, name, number",
    [("fresh-2026-12-01c", "k2", "070.\u200f659"), ("fresh-2026-12-01c", "k2", "960.\u200f407.\u200f1")],
)
def test_a_marked_decimal_stays_inside_its_sentence(folder, name, number):
    article = load_article(FRESH / folder / f"{name}.txt")
    holding = [s.text for s in article.sentences if number in s.text]
    assert len(holding) == 1 and len(holding[0].split()) > 5


@pytest.mark.parametrize(
    "folder, name, ending, after",
    [
        ("fresh-2026-12-01b", "g7", "من عام 2014.", "مما يؤكد"),
        ("fresh-2026-12-02", "m1", "للفترة من عام 2013.", "وجاءت ذات"),
    ],
)
def test_a_year_ending_a_sentence_ends_it(folder, name, ending, after):
    sentences = [s.text for s in load_article(FRESH / folder / f"{name}.txt").sentences]
    at = next(i for i, s in enumerate(sentences) if s.endswith(ending))
    assert sentences[at + 1].startswith(after)


def test_simple_format_with_header_lines(tmp_path):
    path = tmp_path / "other.txt"
    path.write_text(
        "title: عنوان تجريبي\nsource: موقع ما\ndisclaimer: هذا تنبيه.\n\n"
        "الفقرة الأولى فيها جملة طويلة بما يكفي. وجملة ثانية.\n\nقسم جديد\nالفقرة الثانية هنا بعد القسم.\n",
        encoding="utf-8",
    )
    article = load_article(path)
    assert (article.name, article.title, article.source, article.disclaimer) == ("other", "عنوان تجريبي", "موقع ما", "هذا تنبيه.")
    assert [p.heading for p in article.paragraphs] == [None, "قسم جديد"]
    start, end = article.disclaimer_span
    assert article.text[start:end] == "هذا تنبيه."


@pytest.mark.parametrize(
    "body, headings",
    [
        # A dateline above the story labels all of it: not a section.
        ("عين اليوم – الرياض\nالفقرة الأولى من الخبر هنا.\nالفقرة الثانية من الخبر هنا.", ()),
        # A wire service's end mark and a tag line after the last paragraph label nothing.
        ("الفقرة الأولى من الخبر هنا.\nالفقرة الثانية من الخبر هنا.\n// انتهى //\nسمات القروض المصارف", ()),
        # Real sections keep their headings, the first one above the first paragraph too.
        ("مقدمة الخبر\nالفقرة الأولى من الخبر هنا.\nقسم ثان\nالفقرة الثانية من الخبر هنا.", ("مقدمة الخبر", "قسم ثان")),
    ],
)
def test_only_headings_that_mark_sections_are_headings(body, headings):
    article = parse_article("title: عنوان الخبر التجريبي\n\n" + body + "\n")
    assert article.headings == headings
    assert [p.heading for p in article.paragraphs] == ([None, None] if not headings else list(headings))
    assert len(article.paragraphs) == 2


def test_bad_files_raise_clear_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ArticleError, match="empty"):
        load_article(empty)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(ArticleError, match="UTF-8"):
        load_article(binary)
    with pytest.raises(ArticleError, match="cannot be read"):
        load_article(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="no paragraph"):
        parse_article("عنوان قصير\nقسم آخر", "x")
    # A NUL (binary data, UTF-16 read as UTF-8, a JSONL record's "\u0000") is no article text,
    # and the message starts with where the text came from.
    with pytest.raises(ArticleError, match=r"^batch.jsonl:3 \(x\): holds NUL"):
        parse_article("title: عنوان\n\nفقرة أولى\x00 عن المدينة.", "x", where="batch.jsonl:3 (x)")


@pytest.mark.parametrize(
    "title, body, kept",
    [
        # a footer line of its own under a label, and the same footer ending a paragraph
        ("شرطة الليث ترفض إطلاق سراح الموقوف",
         "قالت الشرطة إنها لن تطلق سراحه قبل انتهاء التحقيق.\nرابط الخبر بصحيفة الوئام: شرطة الليث ترفض إطلاق سراح “الموقوف”\n",
         ["قالت الشرطة إنها لن تطلق سراحه قبل انتهاء التحقيق."]),
        ("الجاسر: «الإخبارية» ستنفصل عن التلفزيون",
         "أكد المدير أن القناة ستنفصل قريبا. رابط الخبر بصحيفة الوئام: الجاسر: «الإخبارية» ستنفصل عن التلفزيون\n",
         ["أكد المدير أن القناة ستنفصل قريبا."]),
        # a sentence that merely holds the headline's words is the story's own
        ("ارتفاع أسعار النفط اليوم",
         "شهدت الأسواق ارتفاع أسعار النفط اليوم بعد قرار أوبك.\nوقال محلل: ارتفاع أسعار النفط اليوم متوقع.\n",
         ["شهدت الأسواق ارتفاع أسعار النفط اليوم بعد قرار أوبك.", "وقال محلل: ارتفاع أسعار النفط اليوم متوقع."]),
    ],
)
def test_a_footer_restating_the_headline_is_not_a_sentence_of_the_story(title, body, kept):
    article = parse_article(f"title: {title}\nsource: صحيفة\n\n{body}", name="footer")
    assert [s.text for s in article.sentences] == kept
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)
    assert [p.number for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_read_as_the_same_article(ending: str) -> None:
    """A file saved with CRLF (Windows) or CR alone (classic Mac, some exports) is the same
    article as with LF: the same title, paragraphs and headings, each quote still a slice
    of the text. Before, CR alone made the whole file one line: one paragraph, no title."""
    from index.article import EMBEDDED_STORY, parse_article

    text = EMBEDDED_STORY.read_text(encoding="utf-8")
    plain = parse_article(text, "lecun-meta")
    other = parse_article(text.replace("\n", ending), "lecun-meta")
    assert other.title == plain.title and other.disclaimer == plain.disclaimer
    assert [(p.number, p.heading, p.text) for p in other.paragraphs] == [(p.number, p.heading, p.text) for p in plain.paragraphs]
    for paragraph in other.paragraphs:
        for sentence in paragraph.sentences:
            assert other.text[sentence.start:sentence.end] == sentence.text
