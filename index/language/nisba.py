"""The nisba adjectives that tell a nationality (الروسي، المصري، الألماني): data/ar_nisba.tsv,
built by scripts/build_nisba.py from iso-codes' country names and FreeDict's glosses."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from index.analysis import normalize
from index.wordtables import read_rows

NISBA = Path(__file__).with_name("data") / "ar_nisba.tsv"
_PROCLITICS = ("و", "ف")  # not ب: «بالفرنسية» is a language spoken


@lru_cache(maxsize=1)
def nisbas() -> frozenset[str]:
    """The table's nisbas, normalised (روسي، الماني, each as the table writes it)."""
    return frozenset(normalize(row[0]) for row in read_rows(NISBA, 4))


@lru_cache(maxsize=1)
def _feminine() -> frozenset[str]:
    """The nisbas whose feminine tells a nationality too (الروسية; not السعودية, a country)."""
    return frozenset(normalize(row[0]) for row in read_rows(NISBA, 4) if row[3] == "yes")


def is_nisba(word: str) -> bool:
    """A written word (normalised) that is a nisba of the table, bare or with its article, a
    one-letter proclitic, the feminine ending (الروسي، والمصري، للسويسري، ألماني، الروسيه)."""
    forms = {word}
    if word[:1] in _PROCLITICS:
        forms.add(word[1:])
    forms |= {form[2:] for form in forms if form.startswith(("لل", "ال"))}
    return bool(forms & nisbas()) or bool({f[:-1] for f in forms if f.endswith("يه")} & _feminine())
