"""Latin-script Arabic (Arabizi: "dafa3et kam") to a rough Arabic-script spelling.

Only consonants and long vowels are written, as Arabic spelling does; the result is then
analysed like any Arabic word, so the light stemmer and character n-grams do the rest.
"""

from __future__ import annotations

import re

_DIGRAPHS = {
    "sh": "ش", "ch": "ش", "kh": "خ", "gh": "غ", "th": "ث", "dh": "ذ",
    "ee": "ي", "ii": "ي", "oo": "و", "ou": "و", "aa": "ا",
}
_SINGLE = {
    "2": "", "3": "ع", "5": "خ", "6": "ط", "7": "ح", "8": "ق", "9": "ص",
    "b": "ب", "t": "ت", "g": "ج", "j": "ج", "h": "ه", "d": "د", "r": "ر", "z": "ز",
    "s": "س", "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "w": "و",
    "y": "ي", "v": "ف", "p": "ب", "x": "كس", "c": "ك",
    "a": "", "e": "", "i": "ي", "o": "و", "u": "و", "'": "",
}
_ARABIZI_MARK = re.compile(r"[a-z][2356789]|[2356789][a-z]")


def looks_arabizi(tokens: list[str]) -> bool:
    """True when some Latin token mixes letters with the digits Arabizi uses for ع ح خ …"""
    return any(_ARABIZI_MARK.search(t) for t in tokens)


def to_arabic(word: str) -> str:
    word = word.lower()
    out = []
    if word.startswith(("el", "al")) and len(word) > 4:
        out.append("ال")
        word = word[2:]
    elif word[:1] in "aei" and len(word) > 1:
        out.append("ا")
        word = word[1:]
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            i += 2
            continue
        out.append(_SINGLE.get(word[i], ""))
        i += 1
    return "".join(out)
