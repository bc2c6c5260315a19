"""Dialect words and their formal Arabic words (lexicon/dialect.tsv, built from aranorm and
iraqitext by scripts/build_dialect_lexicon.py): يروح → يذهب، يبي → يريد، طلع → خرج.

A news article is written in formal Arabic; a reader asks in dialect. The table says which
formal words a dialect word may stand for; which of them an article uses is computed from the
article (bot.core.question.in_article_words), never typed per article.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from index.analysis import LEXICON_DIR, PRESENT_PREFIXES, clitic_variants, known_word, normalize
from index.wordtables import read_rows

DIALECT_FILE = LEXICON_DIR / "dialect.tsv"  # generated from aranorm and iraqitext
COMMON_FILE = LEXICON_DIR / "dialect_common.tsv"  # hand-written: common verbs the tables leave out
# Verb prefixes of the dialects before the person prefix (ي ت ن ا), which the analyser does
# not take off a word it does not know: Iraqi د (دتروح), Moroccan كا/تا (كايروح), Egyptian
# and Levantine ب and ع (بيروح، عم يروح written as one), future ه/ح/غا (هيروح، غاديروح).
_VERB_PREFIXES = ("كا", "تا", "غا", "د", "ك", "ب", "ع", "ه", "ح")


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, ...]]:
    """dialect word -> its formal words, normalised (the hand-written rows after the generated)."""
    words: dict[str, tuple[str, ...]] = {}
    for path in (DIALECT_FILE, COMMON_FILE):
        for word, formal in read_rows(path, 2):
            words[normalize(word)] = tuple(normalize(f) for f in formal.split("|") if f)
    return words


def formal_words(token: str) -> tuple[str, ...]:
    """The formal words a normalised dialect token may stand for, looked up as written, then
    without a proclitic (والمعمل، بالحين), then without a dialect verb prefix (بيروح، هيسوي);
    () when the table has none."""
    words = table()
    for variant in _variants(token):
        found = words.get(variant)
        if found:
            return found
    return ()


def bare_verbs(token: str) -> tuple[str, ...]:
    """A dialect word the table does not know, as formal Arabic writes it: a verb without its
    prefix (كتفاوض → تفاوض, بيشتغل → يشتغل, هترجع → ترجع) or the negation's ش (بغاوش →
    بغاو), a present plural with the ن the dialects drop (بيركزو → يركزون), a noun without
    the contracted على or هذا before its article (عالمعسكر → المعسكر, هالسنة → السنة).
    A word of the dictionaries keeps its و: it is the word's first letter (وزنه, وحده, وصلت),
    and its first letter that looks like a verb prefix (حياته, بيان, كتابه)."""
    word = without_and(token)
    if len(word) >= 5 and word.endswith("ش"):
        word = word[:-1]
    forms = [word] if word != token else []
    if word.startswith(_CONTRACTED) and len(word) >= 6:
        forms.append(word[1:])
    if not known_word(word):  # حياته, بيان, كتابه: no ح, ب, ك before a verb
        forms += _verb_stems(word, PRESENT_PREFIXES)
    forms += [f + "ن" for f in forms if f[0] in "يت" and f.endswith("و") and len(f) >= 4]
    return tuple(dict.fromkeys(forms))


# على and هذا said as one with the article: عالبيت "on the house", هالشي "this thing" (Levant,
# Gulf, Iraq).
_CONTRACTED = ("عال", "هال")


def without_and(token: str) -> str:
    """The token without the conjunction و, unless the whole is a word of the dictionaries
    (وزنه is وزن "weight" with "his", not و + زنة; وجهه, واحد, وصلت likewise)."""
    return token[1:] if token.startswith("و") and not known_word(token) else token


def _variants(token: str) -> tuple[str, ...]:
    variants = list(clitic_variants(token)) + _verb_stems(token.removeprefix("و"), "يتنا")
    return tuple(dict.fromkeys(variants))


def _verb_stems(word: str, persons: str) -> list[str]:
    """The word without a dialect verb prefix, where a person prefix (one of persons) follows
    and three letters stay (بيروح → يروح, هترجع → ترجع)."""
    return [
        word[len(prefix) :]
        for prefix in _VERB_PREFIXES
        if word.startswith(prefix) and len(word) - len(prefix) >= 3 and word[len(prefix)] in persons
    ]


# The interdental ث, which the dialects of Egypt and the Levant say as ت and readers write so
# (تالت، تلاتة، كتير for ثالث، ثلاثة، كثير). Each ت read back may be ث (or stay). (ذ said as د
# or ز, ظ as ض or ز, read back too: development replies +0 / -2; the names' spelling keys
# already join نمازج and نماذج.)
_SOUND_SHIFTS = {"ت": "ث"}
# Words the dialects say with ت in a sense of their own: تاني, تانية "other, again" (Egypt,
# the Levant), not ثاني "second" (development replies: read as ثانية, -1).
_OWN_SENSE = frozenset({"تاني", "تانيه"})
_MAX_SHIFTED = 3  # letters read back in one word: 3 ت are 8 spellings, enough for تلاتة


def formal_spellings(token: str) -> tuple[str, ...]:
    """The token as formal Arabic may spell it, with the dialects' stops and sibilants read
    back as interdentals (التالته → الثالثه, كتير → كثير), the token itself left out; () for
    a word of none of those letters or of too many."""
    if without_and(token).removeprefix("ال") in _OWN_SENSE:
        return ()
    places = [i for i, letter in enumerate(token) if letter in _SOUND_SHIFTS]
    if not places or len(places) > _MAX_SHIFTED:
        return ()
    choices = [token[i] + _SOUND_SHIFTS[token[i]] for i in places]
    spellings = []
    for letters in product(*choices):
        word = list(token)
        for i, letter in zip(places, letters):
            word[i] = letter
        spellings.append("".join(word))
    return tuple(s for s in spellings if s != token)
