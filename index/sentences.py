"""Split a paragraph into sentences with exact spans, keeping numbers and short cries whole."""

from __future__ import annotations

import re

# A terminator ends a sentence unless it sits between digits (14.3, 12.6%, 1,000).
_BOUNDARY = re.compile(r"(?<!\d)[.!?؟…]+|(?<=\d)[.!?؟…]+(?!\d)|\n")
_CLOSERS = "\"'”’»)]"
_MIN_WORDS = 3  # a fragment of one or two words is joined to its neighbour


def _raw_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for match in _BOUNDARY.finditer(text, start, end):
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
