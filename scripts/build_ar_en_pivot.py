"""Build index/language/data/ar_en.tsv.gz, the Arabic → English side of the vendored FreeDict
table (index/language/data/en_ar.tsv.gz, itself built by scripts/build_freedict.py).

    python scripts/build_ar_en_pivot.py

For every one-word Arabic gloss of en_ar.tsv.gz, keyed by its light stem (index.analysis.
light_stem, the index's own stemmer, so a question's term and an article's term look it up as
they are), the English headwords it glosses: `stem<TAB>english|english|…`, sorted by stem for a
bisection. index.language.pivot joins a question's Arabic word to an article's through these
English words (and their WordNet synonyms). A stem glossing more than MAX_ENGLISH English words
is a word of every meaning (عمل, حال): it is left out, since it would join everything.
Same source and licence as en_ar.tsv.gz (FreeDict, GPL-2+; ar_en.LICENSE beside it).
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from index.analysis import light_stem, stopwords  # noqa: E402
from index.language.bilingual import english_forms  # noqa: E402

SOURCE = ROOT / "index" / "language" / "data" / "en_ar.tsv.gz"
OUT = ROOT / "index" / "language" / "data" / "ar_en.tsv.gz"
MAX_ENGLISH = 24
MIN_STEM = 3  # a two-letter stem is what is left of many unrelated words


def _lemma(word: str, headwords: set[str]) -> str:
    """The word's shortest uninflected form that is itself a headword (costs → cost), so that
    two inflections of one English word are one path, not two."""
    forms = [f for f in english_forms(word) if f in headwords]
    return min(forms, key=len) if forms else word


def build(lines: list[str]) -> dict[str, list[str]]:
    """stem → English words, from en_ar's `english<TAB>gloss|gloss` lines."""
    table: dict[str, set[str]] = defaultdict(set)
    stopped = stopwords()
    rows = [line.split("\t", 1) for line in lines if not line.startswith("#") and "\t" in line]
    headwords = {english for english, _ in rows}
    for english, glosses in rows:
        english = _lemma(english, headwords)
        if english in stopped:
            continue
        for gloss in glosses.split("|"):
            if " " in gloss or gloss in stopped:
                continue
            stem = light_stem(gloss)
            if len(stem) >= MIN_STEM and stem not in stopped:
                table[stem].add(english)
    return {s: sorted(e) for s, e in table.items() if len(e) <= MAX_ENGLISH}


def main() -> None:
    with gzip.open(SOURCE, "rt", encoding="utf-8") as source:
        lines = source.read().splitlines()
    table = build(lines)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# Arabic light stem<TAB>English words it glosses, '|'-separated. Built by scripts/build_ar_en_pivot.py\n")
        for stem in sorted(table):
            out.write(f"{stem}\t{'|'.join(table[stem])}\n")
    print(f"{len(table)} stems -> {OUT}")


if __name__ == "__main__":
    main()
