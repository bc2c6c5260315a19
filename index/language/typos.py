"""Misspelt question words: an index word one edit away (a letter left out, added, changed or
two swapped: ماهي النمازج, فابيس, روزبيرج), for a question word that matches nothing in the
article and is not an Arabic word in its own right (hunspell-ar's word list,
data/words_ar.txt.gz, built by scripts/build_wordlist.py): a real word the article does not
use is a question about something else, not a typo."""

from __future__ import annotations

import gzip
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

DATA = Path(__file__).with_name("data") / "words_ar.txt.gz"
MIN_LENGTH = 4  # in shorter words one edit makes another word too often


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_known(term: str) -> bool:
    return term in known_words()


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletions(long)


class EditIndex:
    """The words of one index by their one-letter deletions, to find those one edit away."""

    def __init__(self, words: Iterable[str]):
        self._by_key: dict[str, set[str]] = defaultdict(set)
        for word in words:
            if len(word) >= MIN_LENGTH and "\u0621" <= word[:1] <= "\u064a":
                for key in _deletions(word) | {word}:
                    self._by_key[key].add(word)

    def near(self, term: str) -> list[str]:
        if len(term) < MIN_LENGTH:
            return []
        found: set[str] = set()
        for key in _deletions(term) | {term}:
            found |= self._by_key.get(key, set())
        return sorted(w for w in found if w != term and within_one_edit(w, term))
