"""Build index/language/data/broken_plurals.tsv.gz from Arramooz's Arabic dictionary (PyPI
arramooz-pysqlite, GPL-3).

    pip download --no-deps arramooz-pysqlite==0.4.2
    python scripts/build_broken_plurals.py arramooz_pysqlite-0.4.2-py3-none-any.whl

A broken plural shares no ending with its singular (مشاريع / مشروع, أسعار / سعر, أنظمة / نظام),
so no light stemmer joins them. Arramooz's noun table gives both directions: a plural's row names
its singular (number = جمع تكسير, single), a singular's row lists its broken plurals. The table
keeps `plural<TAB>singular`, both normalised as index.analysis.normalize does, and leaves out
a plural that is also written as a singular noun or a verb of the dictionary (كتب "wrote" /
كتب "books", أعمال / إعمال): there the stemmer's reading stays. A plural of two singulars keeps
the shortest (رجال: رجل, not راجل). The source's licence is in broken_plurals.LICENSE beside it.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from index.analysis import normalize  # noqa: E402
from scripts.arramooz_tables import arramooz_database, write_gzip_lines  # noqa: E402

OUT = ROOT / "index" / "language" / "data" / "broken_plurals.tsv.gz"
BROKEN = "جمع تكسير"
_WORD = re.compile(r"^[\u0621-\u064a]+$")
MIN_LETTERS = 3  # a two-letter singular (حب of حبوب) is no key of its own


def pairs(db: sqlite3.Connection) -> dict[str, str]:
    """plural -> singular, normalised, without the plurals that are also another word."""
    found: dict[str, set[str]] = defaultdict(set)

    def add(plural: str, singular: str) -> None:
        plural, singular = normalize(plural), normalize(singular)
        if not (_WORD.match(plural) and _WORD.match(singular)):
            return  # the source's notes: "(مذكر)", "(5)"
        if min(len(plural), len(singular)) >= MIN_LETTERS and plural != singular:
            found[plural].add(singular)

    for plural, single in db.execute("SELECT unvocalized, single FROM nouns WHERE number = ? AND single != ''", (BROKEN,)):
        add(plural, single)
    for singular, plurals in db.execute("SELECT unvocalized, broken_plural FROM nouns WHERE broken_plural != ''"):
        for plural in plurals.replace(";", " ").split():
            if not plural.startswith("+"):  # "+ات": a sound plural, which the stemmer meets
                add(plural, singular)
    other_words = {normalize(w) for (w,) in db.execute("SELECT unvocalized FROM nouns WHERE number != ?", (BROKEN,))}
    other_words |= {normalize(w) for (w,) in db.execute("SELECT unvocalized FROM verbs")}
    return {
        plural: min(singulars, key=lambda s: (len(s), s))
        for plural, singulars in sorted(found.items())
        if plural not in other_words
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with arramooz_database(argv[0]) as db:
        table = pairs(db)
    lines = [f"{plural}\t{singular}" for plural, singular in table.items()]
    write_gzip_lines(OUT, lines)
    print(f"{OUT}: {len(lines)} plurals, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
