"""Broken plurals and their singulars (مشاريع → مشروع, أسعار → سعر, أنظمة → نظام), which no
light stemmer joins: Arramooz's noun dictionary (PyPI arramooz-pysqlite, GPL-3), compiled by
scripts/build_broken_plurals.py into data/broken_plurals.tsv.gz (5,241 plurals, 31 KB), looked
up where it lies (index.language.tables). index.language.lexicon lets a question's word meet the
article's other number when the article lacks the word itself (and an English word's gloss
likewise: project → مشروع meets the article's مشاريع).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from index.language.tables import Table, table

DATA = Path(__file__).with_name("data") / "broken_plurals.tsv.gz"


def singulars() -> Table:
    """Normalised broken plural -> its normalised singular."""
    return table(DATA)


def singular(word: str) -> str | None:
    """The singular of a normalised broken plural, or None."""
    return table(DATA).get(word)


@lru_cache(maxsize=1)
def singular_forms() -> frozenset[str]:
    """Every singular the table gives a plural."""
    return frozenset(s for _, s in table(DATA).items())
