"""Arabic synonyms from Debian's mythes-ar (data/thesaurus_ar.tsv.gz, built by
scripts/build_thesaurus.py), keyed by the index's form of a word; read on first use."""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "thesaurus_ar.tsv.gz"


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    table = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        for line in lines:
            key, sep, synonyms = line.rstrip("\n").partition("\t")
            if sep and not key.startswith("#"):
                table[key] = tuple(synonyms.split("|"))
    return table


def synonyms(term: str) -> tuple[str, ...]:
    """Normalised single-word synonyms of an index term (light-stemmed, normalised)."""
    return _table().get(term, ())
