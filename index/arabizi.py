"""Latin-script Arabic (Arabizi: "dafa3et kam") to a rough Arabic-script spelling.

Only consonants and long vowels are written, as Arabic spelling does; the result is then
analysed like any Arabic word, so the light stemmer and character n-grams do the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from index.wordtables import read_rows

_DIGRAPHS = {
    "sh": "ش", "ch": "ش", "kh": "خ", "gh": "غ", "th": "ث", "dh": "ذ",
    "ee": "ي", "ii": "ي", "ei": "ي", "ay": "ي", "ai": "ي", "oo": "و", "ou": "و", "aa": "ا",
}
_SINGLE = {
    "2": "", "3": "ع", "5": "خ", "6": "ط", "7": "ح", "8": "ق", "9": "ص",
    "b": "ب", "t": "ت", "g": "ج", "j": "ج", "h": "ه", "d": "د", "r": "ر", "z": "ز",
    "s": "س", "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "w": "و",
    "y": "ي", "v": "ف", "p": "ب", "x": "كس", "c": "ك",
    # Short vowels are not written in Arabic.
    "a": "", "e": "", "i": "", "o": "", "u": "", "'": "",
}
_ARABIZI_MARK = re.compile(r"[a-z][2356789]|[2356789][a-z]")
# Function words that only Arabizi writes (so "shu esm el mokhtabar" is Arabizi too).
ARABIZI_WORDS = frozenset(
    "shu sho shou shnou chnou shnu shno chno esh eish eh leh leish lesh ezay izzay emta imta fein fen wein wen meen mnin "
    "elli illi eli ya3ni yaani kaman bas msh mesh mish mush ma3 3ala 3an 3shan 3ashan "
    "howa hiya homma hwe hya ana enta enti ahu aho di da dah deh hay hayda haida".split()
)


def looks_arabizi(tokens: list[str]) -> bool:
    """True when some Latin token mixes letters with the digits Arabizi uses for ع ح خ …,
    or is a function word only Arabizi writes."""
    # One search over the words joined by spaces (a space parts a letter from a digit, so no
    # mark spans two words), not one a word: a question reads its tokens so some ten times.
    return bool(_ARABIZI_MARK.search(" ".join(tokens))) or not ARABIZI_WORDS.isdisjoint(tokens)


# Frequent Arabizi words with their Arabic spelling (arabizikit's lexicon, MIT; rebuilt by
# scripts/build_dialect_lexicon.py): what the letter rules below cannot know, a 2 that is a
# glottal ق (2al → قال, fo2 → فوق) and the long vowels (yom → يوم, sa3a → ساعه).
ARABIZI_FILE = Path(__file__).with_name("lexicon") / "arabizi.tsv"


@lru_cache(maxsize=1)
def known_spellings() -> dict[str, str]:
    """Latin word -> its Arabic spelling (normalised)."""
    return dict(read_rows(ARABIZI_FILE, 2))


def to_arabic(word: str, glottal_qaf: bool = False) -> str:
    """Arabic letters for an Arabizi word: its spelling when the Arabizi lexicon knows the
    word, else by the letter rules. In Egyptian and Levantine speech ق is a glottal stop,
    written 2 like a hamza: glottal_qaf=True reads 2 as ق (2esm → قسم)."""
    word = word.lower()
    known = known_spellings().get(word)
    if known is not None:
        return known
    out = []
    if word.startswith(("el", "al")) and len(word) > 4:
        out.append("ال")
        word = word[2:]
    elif word[:1] in "aeiou" and len(word) > 1:
        out.append("ا")
        word = word[1:]
    i = 0
    previous = ""
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _DIGRAPHS:
            letter = _DIGRAPHS[pair]
            i += 2
        else:
            letter = "ق" if (glottal_qaf and word[i] == "2") else _SINGLE.get(word[i], "")
            i += 1
        if letter and letter != previous:  # a doubled consonant is written once (assaso → اسس)
            out.append(letter)
        previous = letter
    return "".join(out)


# The Arabic letters a Latin letter of Arabizi may stand for: readers write one Latin letter
# for the plain and the emphatic consonant (s: س ص, t: ت ط, d: د ض, z: ز ذ ظ, h: ه ح) and a
# vowel for a long vowel or for none (defa3: دفاع, shari7a: شريحة, nasr: نصر).
_CHOICES_DIGRAPHS = {
    "sh": "ش", "ch": "ش", "kh": "خ", "gh": "[غق]", "th": "[ثتذ]", "dh": "[ذضظد]",
}
_CHOICES = {
    "b": "ب", "p": "ب", "t": "[تط]", "d": "[دض]", "s": "[سصث]", "z": "[زظذ]", "h": "[هح]",
    "g": "[جقغ]", "j": "ج", "k": "[كق]", "q": "ق", "r": "ر", "l": "ل", "m": "م", "n": "ن",
    "f": "ف", "v": "ف", "w": "و", "y": "ي", "x": "كس", "c": "[كس]",
    "2": "[اقوي]?", "3": "ع", "5": "خ", "6": "ط", "7": "ح", "8": "ق", "9": "ص",
}
# A final t is the feminine ending as often as a ت: ة, which is ه in normalised text
# (sharikat: شركة, wezaret: وزارة; dafa3et: دفعت).
_FINAL_T = "[تطه]"
# The long vowel each Latin vowel may stand for, or none; normalised text: ى is ي, ة is ه
# (a final a: شريحة), the hamza forms are ا و ي (a first vowel may be any: eskan, oula).
_VOWELS = {"a": "[اهي]?", "e": "[يا]?", "i": "ي?", "o": "و?", "u": "و?"}
_FIRST_VOWEL = "[اوي]?"


def spelling_pattern(word: str) -> str | None:
    """A regular expression for the Arabic spellings an Arabizi word may stand for (its
    consonants in their letter classes, each vowel a long vowel or nothing); None for a word
    with fewer than two consonants, which would match too many words."""
    word = re.sub(r"(.)\1+", r"\1", word.lower())  # a doubled letter is written once
    parts: list[str] = []
    consonants = 0
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _CHOICES_DIGRAPHS:
            parts.append(_CHOICES_DIGRAPHS[pair])
            consonants += 1
            i += 2
            continue
        letter = word[i]
        i += 1
        if letter in _VOWELS:
            if not parts:
                parts.append(_FIRST_VOWEL)
            elif parts[-1] not in _VOWELS.values():
                parts.append(_VOWELS[letter])
        elif letter in _CHOICES:
            parts.append(_FINAL_T if letter == "t" and i == len(word) else _CHOICES[letter])
            consonants += letter != "2"
        else:
            return None
    return "".join(parts) if consonants >= 2 else None
