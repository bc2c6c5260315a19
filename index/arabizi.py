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
    """True when some Latin token is an Arabizi word by its digits (arabizi_mark), or is a
    function word only Arabizi writes."""
    if not ARABIZI_WORDS.isdisjoint(tokens):
        return True
    # One search over the words joined by spaces first (a space parts a letter from a digit,
    # so no mark spans two words): a question reads its tokens so some ten times, and most
    # hold no letter beside a digit at all.
    if not _ARABIZI_MARK.search(" ".join(tokens)):
        return False
    marks = {arabizi_mark(t) for t in tokens}
    # Consonants alone around a digit are Arabizi written short (s3r, b3d) in an Arabizi
    # question, a code (MP3, PS5, 2nd) in an English one.
    return SURE in marks or (SHORT in marks and not _english_frame(tokens))


# An Arabizi word writes a digit for one Arabic letter inside a Latin word of Arabic shape:
# each digit alone among letters (sa3a, 7a2i2a, shari7a), two letters or more. A code is not
# (Q2, G20, 5G, 3D, A380, COVID-19): one letter, a run of digits, or a digit Arabizi never
# writes for a letter (0, 1, 4). A word of that shape with a vowel is surely Arabizi; one of
# consonants alone is Arabizi written short (s3r, b3d, 3ndk) or a code (MP3, PS5, B2B, 2nd),
# which the words around tell apart, unless the Arabizi lexicon knows it.
_ARABIC_SHAPE = re.compile(r"(?:[a-z]|[2356789](?![0-9]))+")
_VOWEL = re.compile(r"[aeiou]")
_MIN_LETTERS = 2
SURE, SHORT, NONE = "sure", "short", ""


@lru_cache(maxsize=8192)
def arabizi_mark(token: str) -> str:
    """SURE for a token that is an Arabizi word by its digits (see _ARABIC_SHAPE), SHORT for
    one of that shape without a vowel, NONE for a word without a digit or a code."""
    if not _ARABIZI_MARK.search(token):
        return NONE
    if token in known_spellings():
        return SURE
    if not _ARABIC_SHAPE.fullmatch(token) or sum(c.isalpha() for c in token) < _MIN_LETTERS:
        return NONE
    return SURE if _VOWEL.search(token) else SHORT


# Two English function words (Snowball's list) frame an English sentence ("what is the mp3
# player"); Arabizi writes none of them ("kam s3r el sahm").
_ENGLISH_FRAME = 2
ENGLISH_STOPWORDS_FILE = Path(__file__).with_name("lexicon") / "stopwords_en.txt"


@lru_cache(maxsize=1)
def _english_stopwords() -> frozenset[str]:
    return frozenset(row[0] for row in read_rows(ENGLISH_STOPWORDS_FILE, 1))


def _english_frame(tokens: list[str]) -> bool:
    words = _english_stopwords()
    return sum(t in words for t in tokens) >= _ENGLISH_FRAME


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
# A Latin spelling of an Arabic name writes no digit for ع: its first vowel may be one (Asiri:
# عسيري, Omar: عمر, Okaz: عكاظ), where Arabizi writes 3.
_NAME_FIRST_VOWEL = "[اويع]?"


def spelling_pattern(word: str, name: bool = False) -> str | None:
    """A regular expression for the Arabic spellings an Arabizi word may stand for (its
    consonants in their letter classes, each vowel a long vowel or nothing; with ``name``, a Latin
    spelling of an Arabic name, its first vowel may be ع); None for a word with fewer than two
    consonants, which would match too many words."""
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
                parts.append(_NAME_FIRST_VOWEL if name else _FIRST_VOWEL)
            elif parts[-1] not in _VOWELS.values() or (name and parts[-2:-1] and parts[-2] not in _VOWELS.values()):
                # A name's two vowels may be two letters (Digao: ديجاو), an Arabizi word's are one.
                parts.append(_VOWELS[letter])
        elif letter in _CHOICES:
            parts.append(_FINAL_T if letter == "t" and i == len(word) else _CHOICES[letter])
            consonants += letter != "2"
        else:
            return None
    return "".join(parts) if consonants >= 2 else None
