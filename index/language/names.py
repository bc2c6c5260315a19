"""Spelling keys for names: one key for the ways a foreign name is written in Arabic and Latin.

A name has no dictionary entry, and readers spell it as they hear it (دجيكو / دزيكو / Dzeko,
ليكون / LeCun, غوغل / جوجل / قوقل / Google). Its consonants survive every spelling, within a few
classes of letters that writers of Arabic use for one foreign sound (ج غ ق ك for g/k/q; ز ذ ظ س ص
for s or z; ت ط ث for t; د ض for d; تش ش for ch/sh; دج دز ج for j/dž) and the Latin
letters that stand for them, while vowels, long or short, come and go. The key is the word's
sequence of consonant classes with vowels and doubled letters dropped, so an index meets a
question's name by key, computed from the article's own words (never typed per article).
"""

from __future__ import annotations

# Arabic letters (normalised text: ة→ه, ى→ي, hamza forms gone) to consonant classes.
# Letters absent from the table (ا و ي ع ه ح ء) are the vowels and glides of a transliteration.
_ARABIC_CLASSES = {
    "ب": "b", "پ": "b", "ف": "f", "ڤ": "f", "ت": "t", "ط": "t", "ث": "t", "د": "d", "ض": "d", "ذ": "s",
    "ز": "s", "ظ": "s", "س": "s", "ص": "s", "ش": "c", "ج": "k", "غ": "k", "ق": "k", "ك": "k", "خ": "k",
    "ر": "r", "ل": "l", "م": "m", "ن": "n",
}
_ARABIC_DIGRAPHS = {"تش": "c", "دج": "k", "دز": "k"}
# Latin letter groups, longest first; vowels, h, w and y are dropped like Arabic long vowels.
_LATIN_GROUPS = (
    ("sch", "c"), ("tch", "c"), ("dzh", "k"),
    ("sh", "c"), ("ch", "c"), ("zh", "k"), ("dj", "k"), ("dz", "k"), ("kh", "k"), ("gh", "k"), ("ph", "f"),
    ("th", "t"), ("ck", "k"), ("qu", "k"), ("x", "ks"),
    ("b", "b"), ("p", "b"), ("f", "f"), ("v", "f"), ("t", "t"), ("d", "d"), ("z", "s"), ("s", "s"),
    ("c", "k"), ("k", "k"), ("g", "k"), ("j", "k"), ("q", "k"), ("r", "r"), ("l", "l"), ("m", "m"),
    ("n", "n"),
)
MIN_KEY = 3  # two consonants match far too many words


# Native Arabic consonants that a transliteration does not use for a vowel, and the z sounds
# Arabic tells from s: the strict key keeps them apart, so that a reader's spelling of an Arabic
# word (نمازج / نماذج) meets it but تلميح does not meet يتعلم, nor تنفيذي تنافسي.
# ك is kept apart too: Arabic writes a foreign g as ج, غ or ق, never as ك, so كامل does not
# meet إجمالي (a gloss of "completed" took the article's إجمالي for it).
_STRICT_EXTRA = {"ح": "h", "ع": "e", "خ": "x", "ز": "z", "ذ": "z", "ظ": "z", "ك": "c"}


def strict_arabic_key(word: str) -> str:
    """The spelling key of an Arabic word, for matching another Arabic spelling of it: the
    letter classes of arabic_key, with ح ع خ, a medial ه and ز ذ ظ (from س ص) kept apart."""
    return arabic_key(word, strict=True)


def arabic_key(word: str, strict: bool = False) -> str:
    classes = []
    i = 0
    while i < len(word):
        if i and word[i] == word[i - 1]:
            i += 1  # a doubled letter is one sound
            continue
        pair = word[i : i + 2]
        if pair in _ARABIC_DIGRAPHS:
            classes.append(_ARABIC_DIGRAPHS[pair])
            i += 2
            continue
        c = _STRICT_EXTRA.get(word[i]) if strict else None
        if strict and word[i] == "ه" and i + 1 < len(word):
            c = "h"
        c = c or _ARABIC_CLASSES.get(word[i])
        if c:
            classes.append(c)
        i += 1
    return "".join(classes)


def latin_key(word: str) -> str:
    classes = []
    i = 0
    word = word.lower()
    while i < len(word):
        if i and word[i] == word[i - 1]:
            i += 1
            continue
        for group, c in _LATIN_GROUPS:
            if word.startswith(group, i):
                classes.extend(c)
                i += len(group)
                break
        else:
            i += 1  # a vowel, h, w, y, an apostrophe or a digit
    return "".join(classes)


def name_key(word: str) -> str:
    """The spelling key of a word in either script ('' for a word with no letters)."""
    if "a" <= word[:1] <= "z":
        return latin_key(word)
    return arabic_key(word)
