"""Build index/language/data/en_ordinals.tsv from num2words (PyPI, LGPL-2.1).

    pip install num2words        # only to build the table; the engine never imports it
    python scripts/build_ordinals.py

FreeDict glosses an English ordinal with the fraction it also names (fourth → الربع, third →
الثلث, second → الثانية, the unit of time) or an adverb (first → أولا), while an article writes
the ordinal (الرابع، المركز الثالث، الأول). num2words writes both: for 1 to 20, the English
ordinal of one word and its Arabic ordinal (normalised): `fourth<TAB>رابع`. num2words is
© its authors under the GNU LGPL 2.1 (en_ordinals.LICENSE), which allows the table's use in this
GPL-3.0-or-later package (LGPL 2.1, section 3).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index.analysis import normalize  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "index" / "language" / "data" / "en_ordinals.tsv"
LAST = 20  # beyond it num2words' Arabic "ordinal" is a cardinal (عشرون) and English writes two words
_WORD = re.compile(r"^[a-z]+$")


def ordinals(num2words, last: int = LAST) -> list[tuple[str, str]]:
    """(English ordinal, Arabic ordinal) for 1 … last, single English words only."""
    rows = []
    for n in range(1, last + 1):
        english = num2words(n, to="ordinal")
        arabic = normalize(num2words(n, lang="ar", to="ordinal"))
        if _WORD.match(english) and arabic:
            rows.append((english, arabic))
    return rows


def main(argv: list[str]) -> int:
    from num2words import num2words

    rows = ordinals(num2words)
    header = "# English ordinal<TAB>Arabic ordinal (normalised); built by scripts/build_ordinals.py from num2words (LGPL-2.1)\n"
    OUT.write_text(header + "".join(f"{e}\t{a}\n" for e, a in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} ordinals")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
