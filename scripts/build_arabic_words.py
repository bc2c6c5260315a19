"""Build index/language/data/ar_words.txt.gz: the single Arabic words of the FreeDict table
(index/language/data/en_ar.tsv.gz, itself built by scripts/build_freedict.py), one a line,
sorted. A question word found there is a word of the language, not another spelling of a
name (يقدر is "can", not a spelling of يغادر). Source and licence: FreeDict (GPL-2+), as
en_ar.LICENSE beside the table says.

    python scripts/build_arabic_words.py
"""

from __future__ import annotations

import gzip
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "index" / "language" / "data"


def main() -> int:
    words: set[str] = set()
    with gzip.open(DATA / "en_ar.tsv.gz", "rt", encoding="utf-8") as table:
        for line in table:
            if line.startswith("#") or "\t" not in line:
                continue
            words.update(g for g in line.rstrip("\n").split("\t", 1)[1].split("|") if g and " " not in g)
    with gzip.open(DATA / "ar_words.txt.gz", "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(sorted(words)) + "\n")
    print(f"{DATA / 'ar_words.txt.gz'}: {len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
