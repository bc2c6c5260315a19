"""Broken plurals and their singulars (مشاريع → مشروع, أسعار → سعر, أنظمة → نظام), which no
light stemmer joins: Arramooz's noun dictionary (PyPI arramooz-pysqlite, GPL-3), compiled by
scripts/build_broken_plurals.py into data/broken_plurals.tsv.gz (5,241 plurals, 31 KB), read on
first use. index.language.lexicon lets a question's word meet the article's other number when
the article lacks the word itself (and an English word's gloss likewise: project → مشروع meets
the article's مشاريع).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "broken_plurals.tsv.gz"


@lru_cache(maxsize=1)
def singulars() -> dict[str, str]:
    """Normalised broken plural -> its normalised singular."""
    with gzip.open(DATA, "rt", encoding="utf-8") as data:
        return dict(line.split("\t", 1) for line in data.read().splitlines() if "\t" in line)


def singular(word: str) -> str | None:
    """The singular of a normalised broken plural, or None."""
    return singulars().get(word)
