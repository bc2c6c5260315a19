"""English → Arabic glosses from FreeDict (data/en_ar.tsv, built by scripts/build_freedict.py).

The table is read on first use only, so a start-up that never meets an English word pays
nothing; an English question word is looked up as written and then with its inflection off
(points → point, surrendered → surrender, studies → study), because the headwords are
inflected forms and a reader's word may be any of them.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "en_ar.tsv.gz"

# (ending, replacement): the forms an English word may stand in, tried in this order.
_INFLECTIONS = (
    ("ies", "y"), ("ied", "y"), ("ves", "f"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
    ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", ""),
)


@lru_cache(maxsize=1)
def _lines() -> list[str]:
    """The table's lines, sorted by word as the builder writes them: a look-up is a bisection,
    so a start-up that meets an English word pays the decompression and one split (about
    20 ms), not the 80 ms of building a dict of 83,725 entries."""
    with gzip.open(DATA, "rt", encoding="utf-8") as data:
        return data.read().splitlines()


def _entry(word: str) -> str:
    lines = _lines()
    key = f"{word}\t"
    i = bisect_left(lines, key)
    return lines[i][len(key) :] if i < len(lines) and lines[i].startswith(key) else ""


def english_forms(word: str) -> tuple[str, ...]:
    """The word and its uninflected candidates (at least three letters each)."""
    forms = [word]
    for ending, replacement in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) + len(replacement) >= 3:
            form = word[: len(word) - len(ending)] + replacement
            if len(form) >= 4 and form[-1] == form[-2] and form[-1] not in "aeiouls":
                form = form[:-1]  # stopped → stopp → stop, running → run
            if form not in forms:
                forms.append(form)
    return tuple(forms)


@lru_cache(maxsize=4096)
def glosses(word: str) -> tuple[str, ...]:
    """Arabic glosses (normalised text, one to three words) of an English word, the word's
    own entry first, then those of its uninflected forms."""
    found: list[str] = []
    for form in english_forms(word.lower()):
        for gloss in _entry(form).split("|"):
            if gloss and gloss not in found:
                found.append(gloss)
    return tuple(found)


ARABIC_WORDS = Path(__file__).with_name("data") / "ar_words.txt.gz"  # scripts/build_arabic_words.py


@lru_cache(maxsize=1)
def arabic_words() -> frozenset[str]:
    """The single Arabic words of the dictionary (normalised): words of the language, which
    another spelling of a name should not stand in for."""
    with gzip.open(ARABIC_WORDS, "rt", encoding="utf-8") as data:
        return frozenset(data.read().split())


SYNONYMS = Path(__file__).with_name("data") / "en_synonyms.tsv.gz"  # scripts/build_wordnet_synonyms.py


@lru_cache(maxsize=1)
def _synonym_lines() -> list[str]:
    with gzip.open(SYNONYMS, "rt", encoding="utf-8") as data:
        return data.read().splitlines()


@lru_cache(maxsize=4096)
def synonyms(word: str) -> tuple[str, ...]:
    """English words of the word's most frequent senses (WordNet), which FreeDict glosses:
    the word as written, then its uninflected forms (eyeing → eye)."""
    lines = _synonym_lines()
    found: list[str] = []
    for form in english_forms(word.lower()):
        key = f"{form}\t"
        i = bisect_left(lines, key)
        if i < len(lines) and lines[i].startswith(key):
            found.extend(s for s in lines[i][len(key) :].split("|") if s not in found and s != word)
    return tuple(found)
