"""Parse an article file into title, disclaimer, headed paragraphs and sentences with spans.

Two formats are read:

* the captured page (like the embedded story): body, a "view original" line, the site's
  disclaimer, the title, then the body again. The body is kept once, from its first copy.
* a simple text file: optional header lines ``title:``, ``source:``, ``disclaimer:``
  (or ``العنوان:``, ``المصدر:``, ``إخلاء المسؤولية:``), a blank line, then the body, one
  paragraph per line (blank lines between paragraphs are allowed).

Every span is a (start, end) pair of character offsets into ``Article.text``, the file's
exact text, so a quote is always ``article.text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from index.sentences import split_sentences

VIEW_ORIGINAL_LINES = ("شاهد النسخة الأصلية", "عرض النسخة الأصلية", "view original")
_HEADER_KEYS = {
    "title": "title",
    "العنوان": "title",
    "source": "source",
    "المصدر": "source",
    "disclaimer": "disclaimer",
    "إخلاء المسؤولية": "disclaimer",
    "اخلاء المسؤولية": "disclaimer",
}
_HEADER_RE = re.compile(r"^\s*(" + "|".join(map(re.escape, _HEADER_KEYS)) + r")\s*:\s*(.*?)\s*$", re.I)
_SENTENCE_END = (".", "!", "?", "؟", "…", ":", "؛", "،", ",", '"', "”", "»")
_MAX_HEADING_WORDS = 9
# A page's footer restating the headline ("رابط الخبر بصحيفة الوئام: <title>", 6% of a 2015
# Saudi press archive) is the title again under a short label, not a sentence of the story.
_ECHO_LABEL_WORDS = 6
_ECHO_PUNCTUATION = re.compile(r"[«»“”\"'()]")


# An article file or record larger than this is refused: the longest of the 5,000 SaudiNewsNet
# articles is 35 KB, and a 24 MB file (a log, a whole dump given by mistake) took 34 s and
# 1.3 GB to index before failing no one's question.
MAX_ARTICLE_BYTES = 1 << 20


class ArticleError(ValueError):
    """The file cannot be read as an article; the message says why."""


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int  # 1-based body paragraph number; 0 for the title and the disclaimer
    index: int  # 0-based position inside its paragraph


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, counting body paragraphs only (headings are not paragraphs)
    heading: str | None
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    title: str
    title_span: tuple[int, int] | None
    disclaimer: str | None
    disclaimer_span: tuple[int, int] | None
    source: str | None
    paragraphs: tuple[Paragraph, ...]
    headings: tuple[str, ...]
    source_span: tuple[int, int] | None = None  # the header's source line, when there is one

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with their spans, surrounding white space trimmed off the span. A line
    ends at LF, CRLF or a CR alone (a classic Mac or some exporters' file)."""
    lines = []
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        lines.append(_Line(stripped, start, start + len(stripped)))
    return lines


def is_heading(line: str) -> bool:
    """A short line with no sentence-ending punctuation labels the paragraphs after it."""
    words = line.split()
    return 0 < len(words) <= _MAX_HEADING_WORDS and not line.rstrip().endswith(_SENTENCE_END)


def _is_view_original(line: str) -> bool:
    return line.strip().lower() in VIEW_ORIGINAL_LINES


def _split_captured(lines: list[_Line]) -> tuple[list[_Line], _Line | None, _Line | None] | None:
    """Body (first copy), disclaimer and title of a captured page, or None if not one."""
    marker = next((i for i, line in enumerate(lines) if _is_view_original(line.text)), None)
    if marker is None:
        return None
    body = lines[:marker]
    after = lines[marker + 1 :]
    if not body:
        raise ArticleError("the page has a 'view original' line but no body before it")
    # The second copy of the body starts where the first body line appears again.
    copy_at = next((i for i, line in enumerate(after) if line.text == body[0].text), len(after))
    between = after[:copy_at]
    title = between[-1] if between else None
    disclaimer_lines = between[:-1]
    disclaimer = None
    if disclaimer_lines:
        first, last = disclaimer_lines[0], disclaimer_lines[-1]
        disclaimer = _Line(" ".join(l.text for l in disclaimer_lines), first.start, last.end)
        if len(disclaimer_lines) > 1:  # keep the span exact: one line only is verbatim
            disclaimer = first
    return body, disclaimer, title


def _plain(text: str) -> str:
    return " ".join(_ECHO_PUNCTUATION.sub("", text).split()).rstrip(".")


def echoes_title(sentence: str, title: str | None) -> bool:
    """The sentence is the headline again, alone or after a short label ending in a colon."""
    if not title or len(title.split()) < 3:
        return False
    plain, headline = _plain(sentence), _plain(title)
    if plain == headline:
        return True
    label = plain[: len(plain) - len(headline)]
    return plain.endswith(headline) and label.rstrip().endswith(":") and len(label.split()) <= _ECHO_LABEL_WORDS


def _section_labels(body: list[_Line]) -> list[str | None]:
    """For each body line, the heading of the section it stands in (None before any).

    Only headings that mark sections count: a heading-like line with no paragraph after it
    (a wire service's end mark, a tag line after the story) is page furniture, and so is the
    only heading when it stands above the first paragraph (a dateline, a byline, a caption):
    it would label the whole story, not a part of it.
    """
    is_head = [is_heading(line.text) for line in body]
    labelling = [
        i for i, head in enumerate(is_head) if head and i + 1 < len(body) and not is_head[i + 1]
    ]
    if len(labelling) == 1 and not any(is_head[i] is False for i in range(labelling[0])):
        labelling = []
    labels: list[str | None] = []
    current: str | None = None
    for i, line in enumerate(body):
        if i in labelling:
            current = line.text
        labels.append(current)
    return labels


def _paragraphs(
    text: str, body: list[_Line], title: str | None = None
) -> tuple[tuple[Paragraph, ...], tuple[str, ...]]:
    paragraphs: list[Paragraph] = []
    headings: list[str] = []
    labels = _section_labels(body)
    for line, heading in zip(body, labels):
        if is_heading(line.text):
            if heading == line.text:
                headings.append(heading)
            continue
        spans = [
            (s, e) for s, e in split_sentences(text, line.start, line.end) if not echoes_title(text[s:e], title)
        ]
        if not spans:
            continue
        number = len(paragraphs) + 1
        sentences = tuple(Sentence(text[s:e], s, e, number, at) for at, (s, e) in enumerate(spans))
        paragraphs.append(Paragraph(number, heading, line.text, line.start, line.end, sentences))
    return tuple(paragraphs), tuple(headings)


def _too_large(where: str) -> ArticleError:
    return ArticleError(f"{where}: over {MAX_ARTICLE_BYTES // (1 << 20)} MiB, too large for one news article")


def _check_nul(text: str, where: str) -> None:
    """Refuse NUL characters: binary data, or UTF-16 read as UTF-8, which would reach titles
    and quotes."""
    if "\x00" in text:
        raise ArticleError(f"{where}: holds NUL characters, so it is not text (a binary or UTF-16 file? save it as UTF-8)")


def _check_text(text: str, where: str) -> None:
    """Refuse what cannot be one news article: NUL characters and a text over MAX_ARTICLE_BYTES
    (read_article_text makes the same checks on a file's bytes)."""
    _check_nul(text, where)
    if len(text) * 4 > MAX_ARTICLE_BYTES and len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise _too_large(where)


def parse_article(text: str, name: str = "article", where: str | None = None) -> Article:
    """Parse article text (either format) into an Article. Raises ArticleError, whose message
    starts with `where` (the file's path, say; default: the name)."""
    where = where or name
    _check_text(text, where)
    return _parse_checked(text, name, where)


def _parse_checked(text: str, name: str, where: str) -> Article:
    """parse_article of a text that _check_text (or read_article_text) has let through."""
    text = text.lstrip("\ufeff")
    lines = _lines(text)
    if not lines:
        raise ArticleError(f"{where}: the file is empty")
    header: dict[str, _Line] = {}
    try:
        captured = _split_captured(lines)
    except ArticleError as exc:
        raise ArticleError(f"{where}: {exc}") from None
    if captured is not None:
        body, disclaimer_line, title_line = captured
    else:
        body = list(lines)
        while body and (m := _HEADER_RE.match(body[0].text)):
            key = _HEADER_KEYS[m.group(1).lower()] if m.group(1).lower() in _HEADER_KEYS else _HEADER_KEYS[m.group(1)]
            value_start = body[0].start + m.start(2)
            header[key] = _Line(m.group(2), value_start, value_start + len(m.group(2)))
            body.pop(0)
        title_line = header.get("title")
        disclaimer_line = header.get("disclaimer")
        if title_line is None and len(body) > 1 and is_heading(body[0].text):
            title_line = body.pop(0)
    paragraphs, headings = _paragraphs(text, body, title_line.text if title_line else None)
    if not paragraphs:
        raise ArticleError(f"{where}: no paragraph of body text was found")
    title = title_line.text if title_line else name
    return Article(
        name=name,
        text=text,
        title=title,
        title_span=(title_line.start, title_line.end) if title_line else None,
        disclaimer=disclaimer_line.text if disclaimer_line else None,
        disclaimer_span=(disclaimer_line.start, disclaimer_line.end) if disclaimer_line else None,
        source=header["source"].text if "source" in header else None,
        paragraphs=paragraphs,
        headings=headings,
        source_span=(header["source"].start, header["source"].end) if "source" in header else None,
    )


def read_article_text(path: str | Path) -> str:
    """An article file's text; ArticleError says why when it cannot be read as UTF-8 text of
    one article. Reads at most MAX_ARTICLE_BYTES + 1 bytes, whatever the file's size."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_ARTICLE_BYTES:  # the size on the bytes read, so the text's is not measured again
        raise _too_large(str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleError(
            f"{path}: not UTF-8 text (convert it first, e.g. `iconv -f WINDOWS-1256 -t UTF-8` or `-f UTF-16`)"
        ) from None
    _check_nul(text, str(path))
    return text


def load_article(path: str | Path) -> Article:
    """The article of a file; its text is checked once, as it is read (read_article_text)."""
    path = Path(path)
    return _parse_checked(read_article_text(path), path.stem, str(path))


EMBEDDED_STORY = Path(__file__).with_name("stories") / "lecun-meta.txt"


def load_embedded_story() -> Article:
    return load_article(EMBEDDED_STORY)
