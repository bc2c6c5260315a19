"""Arabic synonyms from the definitions of Arramooz's dictionary (PyPI arramooz-pysqlite,
GPL-3): data/ar_synonyms.tsv.gz, built by scripts/build_arabic_synonyms.py (4,211 words,
33 KB), looked up where it lies (index.language.tables).

FreeDict glosses an English word with one Arabic word of its sense (wheat → الحنطة, oil →
النفط, exam → الامتحان) where an article may write its synonym (القمح, البترول, الاختبارات);
index.language.lexicon lets such a gloss, when the article lacks it, meet the article's
synonyms of it.
"""

from __future__ import annotations

from pathlib import Path

from index.language.tables import table

DATA = Path(__file__).with_name("data") / "ar_synonyms.tsv.gz"


def bare(word: str) -> str:
    """A normalised word without the article, as the table keys it (القمح → قمح)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def synonyms(word: str) -> tuple[str, ...]:
    """The dictionary's synonyms of a normalised Arabic word (with or without the article)."""
    found = table(DATA).get(bare(word))
    return tuple(found.split("|")) if found else ()
