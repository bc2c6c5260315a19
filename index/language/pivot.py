"""Arabic → English → Arabic: a question's Arabic word meets an article's Arabic word of the
same meaning (البترول / النفط through "petroleum"/"oil", الغاية / الهدف through "aim") by the
English words FreeDict glosses them with (data/ar_en.tsv.gz, scripts/build_ar_en_pivot.py, the
inverse of data/en_ar.tsv.gz) and those words' WordNet synonyms (data/en_synonyms.tsv.gz).

A path is one English word joining the two: a gloss both words share (direct), or a gloss of
one that is a WordNet synonym of a gloss of the other. ``links`` counts the distinct paths of
each article word; ``strong`` keeps those two paths support (two shared glosses, or a shared
gloss and a synonym), which a single ambiguous gloss (ثمن "eighth" and "price") cannot.
Pure functions over the tables and the article's vocabulary; the table is read on first use.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from index.analysis import clitic_variants, light_stem
from index.language import bilingual

DATA = Path(__file__).with_name("data") / "ar_en.tsv.gz"


@lru_cache(maxsize=1)
def _lines() -> list[str]:
    with gzip.open(DATA, "rt", encoding="utf-8") as data:
        return data.read().splitlines()


@lru_cache(maxsize=65536)
def english(term: str) -> tuple[str, ...]:
    """The English words FreeDict glosses an Arabic term (a light stem) with."""
    if not ("\u0621" <= term[:1] <= "\u064a"):
        return ()
    lines = _lines()
    key = f"{term}\t"
    i = bisect_left(lines, key)
    return tuple(lines[i][len(key) :].split("|")) if i < len(lines) and lines[i].startswith(key) else ()


# A verb's imperfect prefixes and subject endings, which the index's light stem keeps
# (تتضرر, يستقبل, تعهدت) while FreeDict's glosses are nouns and bare verbs (ضرر, استقبل, تعهد).
_VERB_PREFIXES = ("يت", "تت", "نت", "ي", "ت", "ن")
_VERB_SUFFIXES = ("وا", "ون", "ت")
MIN_FORM = 3


def forms(term: str) -> tuple[str, ...]:
    """The term and what remains of it without a verb's prefix, ending or both (three
    letters at least), in the order they are tried."""
    found = [term, light_stem(term)] + [v for v in list(clitic_variants(term))[1:] if len(v) >= MIN_FORM + 1]
    for suffix in ("",) + _VERB_SUFFIXES:
        base = term[: -len(suffix)] if suffix and term.endswith(suffix) else term
        if suffix and base == term:
            continue
        found.append(base)
        for prefix in _VERB_PREFIXES:
            if base.startswith(prefix):
                found.append(base[len(prefix) :])
    return tuple(dict.fromkeys(f for f in found if len(f) >= MIN_FORM))


@lru_cache(maxsize=65536)
def glosses_of(term: str) -> tuple[str, ...]:
    """The English words of the first of the term's forms that FreeDict glosses."""
    for form in forms(term):
        found = english(form)
        if found:
            return found
    return ()


def english_index(vocabulary: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """English word → the vocabulary's Arabic terms it glosses (one article's side of the pivot)."""
    found: dict[str, list[str]] = defaultdict(list)
    for term in sorted(vocabulary):
        for word in glosses_of(term):
            found[word].append(term)
    return {word: tuple(terms) for word, terms in found.items()}


@dataclass(frozen=True)
class Link:
    """An article term the pivot joins to a question term, with the English words of each path."""

    term: str
    direct: tuple[str, ...]  # glosses both share
    synonym: tuple[str, ...]  # glosses of the article term that are synonyms of the question term's

    @property
    def paths(self) -> int:
        return len(self.direct) + len(self.synonym)

    @property
    def strong(self) -> bool:
        """Two independent paths, at least one a shared gloss."""
        return bool(self.direct) and self.paths >= 2


def links(glosses: Iterable[str], by_english: Mapping[str, tuple[str, ...]], exclude: str = "") -> list[Link]:
    """The article terms joined to a question word whose English glosses are ``glosses``."""
    glosses = tuple(dict.fromkeys(glosses))
    direct: dict[str, list[str]] = defaultdict(list)
    synonym: dict[str, list[str]] = defaultdict(list)
    for word in glosses:
        for term in by_english.get(word, ()):
            direct[term].append(word)
    for word in glosses:
        for other in bilingual.synonyms(word):
            if other in glosses:
                continue
            for term in by_english.get(other, ()):
                if other not in synonym[term]:
                    synonym[term].append(other)
    terms = sorted((set(direct) | {t for t, s in synonym.items() if s}) - {exclude})
    return [Link(t, tuple(direct.get(t, ())), tuple(synonym.get(t, ()))) for t in terms]
