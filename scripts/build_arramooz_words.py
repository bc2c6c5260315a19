"""Build two tables of index/language/data/ from Arramooz's Arabic dictionary (PyPI
arramooz-pysqlite, GPL-3, the source of broken_plurals.tsv.gz too):

    pip download --no-deps arramooz-pysqlite==0.4.2
    python scripts/build_arramooz_words.py arramooz_pysqlite-0.4.2-py3-none-any.whl

* ``ar_roots.tsv.gz``: `stem<TAB>root` for the dictionary's nouns and verbs (its own root
  column), keyed by the index's light stem of the normalised word (ارتفاع → رفع, وفاة → وفا →
  وفي, توفى → توف → وفي, باع → بيع). index.language.roots reads it before Tashaphyne, whose
  segmentation misses the derived forms (ارتفاع → رتفع) and the hollow and defective verbs
  (باع → بوع, توفي → توف). A root's hamza is written ا (تأسس → اسس, بدأ → بدا). A stem that two
  roots claim equally has no root (Tashaphyne decides), but for the one without a hamza where the
  other has one; it stays listed as a word of the dictionary (bot.core.verdict tells a family
  name by its absence).
* ``ar_accusative.txt.gz``: the nouns and adjectives that take the indefinite accusative's alif
  (شخص of شخصًا, مواطن of مواطنا, بالغ of بالغا): a dictionary noun whose form with a final alif
  is no noun or verb of the dictionary nor a word of FreeDict's Arabic list (data/ar_words.txt.gz:
  روسيا, دنيا, اسما stay). index.analysis takes the alif off such a word when it is written
  without its tanween (كم شخصا → شخص), before the stemmer reads نا as "our" (مواطنا → مواط).

Both normalised as index.analysis.normalize does. The licence is in ar_arramooz.LICENSE beside them.
"""

from __future__ import annotations

import gzip
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from index.analysis import light_stem, normalize, stopwords  # noqa: E402
from scripts.arramooz_tables import arramooz_database, write_gzip_lines  # noqa: E402

DATA = ROOT / "index" / "language" / "data"
_WORD = re.compile(r"^[\u0621-\u064a]+$")
MIN_LETTERS = 3
# A root's hamza is one radical whatever its seat: the verbs write it ء (ءسس, بدء, سءل), the
# nouns mostly أ (أسس, سأل); normalize drops a bare ء, which left تأسس and بدأ no root of three
# letters (سس, بد). Both are written ا, as normalize writes أ: تأسس and تأسيس → اسس, بدأ → بدا.
_ROOT_HAMZA = str.maketrans(dict.fromkeys("ءأإآئؤ", "ا"))


def _write(path: Path, lines: list[str]) -> None:
    write_gzip_lines(path, lines)
    print(f"{path}: {len(lines)} lines, {path.stat().st_size} bytes")


def roots(db: sqlite3.Connection) -> dict[str, str]:
    """light stem -> root, where one root holds most of the stem's dictionary words."""
    found: dict[str, Counter] = defaultdict(Counter)
    hamza: set[str] = set()  # the roots written with a hamza, as normalised
    for table in ("nouns", "verbs"):
        for word, root in db.execute(f"SELECT unvocalized, root FROM {table}"):
            word = normalize(word)
            stem = light_stem(word)
            if not _WORD.match(word) or len(stem) < MIN_LETTERS:
                continue
            found[stem]  # a word of the dictionary, with or without a root it gives
            # Left out: a noun's own word given as its root (بيعة), two roots in one (أحد،وحد).
            if "ة" in root or len(root) > 4 or not _WORD.match(root):
                continue
            plain = normalize(root.translate(_ROOT_HAMZA))
            if plain != root:
                hamza.add(plain)
            if len(plain) >= MIN_LETTERS:
                found[stem][plain] += 1
    return {stem: _chosen(counts, hamza) for stem, counts in sorted(found.items())}


def _chosen(counts: Counter, hamza: set[str]) -> str:
    """The root most of the stem's words give; between equals, one without a hamza (ابق: أبقى's
    بقي, not أبق's ابق), as before the hamza roots were read; "" when that ties too
    (Tashaphyne decides)."""
    rank = {root: (-n, root in hamza) for root, n in counts.items()}
    ranked = sorted(rank, key=rank.__getitem__)
    if not ranked or len(ranked) > 1 and rank[ranked[0]] == rank[ranked[1]]:
        return ""
    return ranked[0]


def accusative(db: sqlite3.Connection, known: set[str]) -> list[str]:
    """Nouns whose form with a final alif is no other word: not a word of the dictionaries or
    a stopword, nor one with ما or نا after it (طالما, بدأنا), nor و or ف before one (وبدا, والا)."""
    nouns = {normalize(w) for (w,) in db.execute("SELECT unvocalized FROM nouns")}
    verbs = {normalize(w) for (w,) in db.execute("SELECT unvocalized FROM verbs")}
    words = nouns | verbs | known | stopwords()

    def other_word(noun: str) -> bool:
        with_alif = noun + "ا"
        if with_alif in words:
            return True
        if noun.endswith(("م", "ن")) and len(noun) >= 4 and noun[:-1] in words:
            return True
        return noun[0] in "وف" and with_alif[1:] in words

    return sorted(
        n for n in nouns
        if _WORD.match(n) and len(n) >= MIN_LETTERS and not n.endswith(("ا", "ه", "ي")) and not other_word(n)
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with gzip.open(DATA / "ar_words.txt.gz", "rt", encoding="utf-8") as data:
        known = {normalize(line.strip()) for line in data if line.strip()}
    with arramooz_database(argv[0]) as db:
        root_table = roots(db)
        bare = accusative(db, known)
    _write(DATA / "ar_roots.tsv.gz", [f"{stem}\t{root}" for stem, root in root_table.items()])
    _write(DATA / "ar_accusative.txt.gz", bare)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
