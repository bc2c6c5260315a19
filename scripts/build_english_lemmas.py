"""Build index/language/data/en_lemmas.tsv.gz from Debian's WordNet (wordnet-base).

    apt-get download wordnet-base
    python scripts/build_english_lemmas.py wordnet-base_*.deb

FreeDict's headwords are base forms, and taking an ending off reaches the base of a regular
word only (points → point); an irregular form (came, got, stood, taken, children)
meets no headword that way. WordNet's morphological exception lists (noun.exc, verb.exc,
the lists its own lemmatiser, morphy, reads before its ending rules; their adjectives and
adverbs are left out) give the base forms of those words. The table keeps each single-word form whose base FreeDict glosses
(data/en_ar.tsv.gz) or WordNet's synonyms list (data/en_synonyms.tsv.gz): `form<TAB>base|base`,
sorted. WordNet 3.0 is © Princeton University under the WordNet licence (en_lemmas.LICENSE
beside the table, the same text as en_synonyms.LICENSE).
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "index" / "language" / "data"
OUT = DATA / "en_lemmas.tsv.gz"
# A verb's base first (left → leave); not the adjectives' and adverbs' lists: an irregular
# comparative is another word in Arabic too (worse → الأسوأ, not bad → سيئ; measured: the
# adjectives' list lost a fresh English question, k3-11, and won none).
POS = ("verb", "noun")
_WORD = re.compile(r"^[a-z]{2,}$")


def read_exceptions(text: str) -> list[tuple[str, list[str]]]:
    """(inflected form, its base forms) of one WordNet exception list."""
    rows = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2:
            rows.append((fields[0], fields[1:]))
    return rows


def known_words() -> set[str]:
    words: set[str] = set()
    for name in ("en_ar.tsv.gz", "en_synonyms.tsv.gz"):
        with gzip.open(DATA / name, "rt", encoding="utf-8") as data:
            words.update(line.split("\t", 1)[0] for line in data)
    return words


def lemma_table(lists: list[list[tuple[str, list[str]]]], known: set[str]) -> dict[str, list[str]]:
    """Form → its known base forms, in the order of ``lists`` (verbs first)."""
    table: dict[str, list[str]] = defaultdict(list)
    for rows in lists:
        for form, bases in rows:
            if not _WORD.match(form):
                continue
            for base in bases:
                if base != form and _WORD.match(base) and base in known and base not in table[form]:
                    table[form].append(base)
    return {f: b for f, b in table.items() if b}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", argv[0], tmp], check=True)
        base = Path(tmp) / "usr" / "share" / "wordnet"
        lists = [read_exceptions((base / f"{p}.exc").read_text(encoding="latin-1")) for p in POS]
    table = lemma_table(lists, known_words())
    lines = [f"{w}\t{'|'.join(b)}" for w, b in sorted(table.items())]
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")
    print(f"{OUT}: {len(lines)} forms, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
