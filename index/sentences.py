"""Split a paragraph into sentences with exact spans, keeping numbers and short cries whole."""

from __future__ import annotations

import re

# Invisible direction marks a page may put inside a number: SaudiNews writes a decimal as
# "77.\u200f1" (the right-to-left mark after the point; 106 of its 5,000 articles), which is one
# number, not a sentence ending on 77.
_MARKS = "\u200e\u200f\u061c\u2066-\u2069"
# A terminator ends a sentence unless it sits between digits (14.3, 12.6%, 1,000, 77.\u200f1).
_BOUNDARY = re.compile(rf"(?<!\d)[.!?؟…]+|(?<=\d)[.!?؟…]+(?![{_MARKS}]*\d)|\n")
# Where a message is cut into pieces that each end in their terminator (reading.question_part):
# after every terminator, but never inside a number (a question quoting 14.3 مليار).
PIECE_CUT = re.compile(rf"(?<=[!?؟\n])|(?<=(?<!\d)\.)|(?<=\.)(?![{_MARKS}]*\d)")
_CLOSERS = "\"'”’»)]"
_MIN_WORDS = 3  # a fragment of one or two words is joined to its neighbour
# A full stop after an initial is not a sentence end: "جون سي. ميسنجر", "م. ثيو كيرني",
# "فريديريك و. موت", "J. Smith". An initial is one letter, or the Arabic spelling of a Latin
# letter's name (no Arabic sentence ends on these words).
_LETTER_NAMES = frozenset(
    "سي إس اس إل ال دي جي بي تي إف اف إم ام إن ان آر ار إتش اتش كيه أو او واي زد إكس اكس جيه".split()
)
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'«]))(\w+)$")


def _raw_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, match.start(), match.end(), start, end):
            continue
        stop = match.end()
        while stop < end and text[stop] in _CLOSERS:
            stop += 1
        spans.append((pos, stop))
        pos = stop
    spans.append((pos, end))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def _is_abbreviation(text: str, dot: int, after: int, start: int, end: int) -> bool:
    """A single full stop after an initial, or one glued to the next word ("إل.بي")."""
    if text[dot:after] != ".":
        return False
    if after < end and text[after].isalpha():
        return True  # no space after it: an abbreviation or a domain, not a sentence end
    if after >= end:
        return False
    word = _WORD_BEFORE.search(text, start, dot)
    if word is None:
        return False
    return len(word.group(1)) == 1 or word.group(1) in _LETTER_NAMES


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end]; fragments under three words join a neighbour."""
    end = len(text) if end is None else end
    spans = _raw_spans(text, start, end)
    merged: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None  # a short fragment waiting for the next sentence
    for s, e in spans:
        if pending is not None:
            s = pending[0]
            pending = None
        if _word_count(text[s:e]) < _MIN_WORDS:
            if merged and not _ends_with_question(text, merged[-1]):
                # A trailing fragment belongs to the sentence before it.
                merged[-1] = (merged[-1][0], e)
            else:
                pending = (s, e)
            continue
        merged.append((s, e))
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], pending[1])
        else:
            merged.append(pending)
    return merged


def _ends_with_question(text: str, span: tuple[int, int]) -> bool:
    return text[span[1] - 1] in "?؟"
