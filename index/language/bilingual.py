"""English → Arabic glosses from FreeDict (data/en_ar.tsv, built by scripts/build_freedict.py).

Every table here is looked up where it lies (index.language.tables), read on its first look-up
only: a start-up that never meets an English word pays nothing, one that does pays the
decompression of the tables it looks in, no dict of their entries. An English question word is looked up as written and then with its inflection off
(points → point, surrendered → surrender, studies → study), because the headwords are
inflected forms and a reader's word may be any of them; an irregular form meets its base
through WordNet's exception lists (came → come, stood → stand).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from index.language.tables import Table, table
from index.wordtables import read_rows

DATA = Path(__file__).with_name("data") / "en_ar.tsv.gz"

# (ending, replacement): the forms an English word may stand in, tried in this order.
_INFLECTIONS = (
    ("ies", "y"), ("ied", "y"), ("ves", "f"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
    ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", ""),
)

# The endings before which English doubles a final consonant (stop → stopped, run → running,
# big → bigger); a plural's -s or -es never does (plaintiff → plaintiffs, tariff → tariffs).
_DOUBLING = frozenset({"ed", "d", "ing", "er", "est"})


def _entry(word: str) -> str:
    """The word's glosses as the table writes them ('|' between two), '' for a word it lacks."""
    return table(DATA).get(word) or ""


LEMMAS = Path(__file__).with_name("data") / "en_lemmas.tsv.gz"  # scripts/build_english_lemmas.py


def irregular_bases(word: str) -> tuple[str, ...]:
    """The base forms WordNet's exception lists give an irregular form (came → come, got →
    get, children → child), which no ending rule reaches."""
    bases = table(LEMMAS).get(word)
    return tuple(bases.split("|")) if bases is not None else ()


@lru_cache(maxsize=1)
def _short_bases() -> frozenset[str]:
    """The two-letter base forms of WordNet's exception lists (go, do, be): the only two-letter
    words an ending rule may reach."""
    return frozenset(b for _, bases in table(LEMMAS).items() for b in bases.split("|") if len(b) == 2)


def english_forms(word: str) -> tuple[str, ...]:
    """The word, the base forms of an irregular one, and its uninflected candidates (at least
    three letters each)."""
    forms = [word, *irregular_bases(word)]
    for ending, replacement in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) + len(replacement) >= 2:
            form = word[: len(word) - len(ending)] + replacement
            if len(form) < 3 and form not in _short_bases():
                continue  # bus → bu, sing → s: a two-letter base only if WordNet's (going → go)
            if len(form) >= 4 and form[-1] == form[-2] and form[-1] not in "aeiouls" and ending in _DOUBLING:
                form = form[:-1]  # stopped → stopp → stop, running → run; not plaintiffs → plaintif
            if form not in forms:
                forms.append(form)
    return tuple(forms)


ORDINALS = Path(__file__).with_name("data") / "en_ordinals.tsv"  # scripts/build_ordinals.py


@lru_cache(maxsize=1)
def _ordinals() -> dict[str, str]:
    return dict(read_rows(ORDINALS, 2))


@lru_cache(maxsize=4096)
def glosses(word: str) -> tuple[str, ...]:
    """Arabic glosses (normalised text, one to three words) of an English word, the word's
    own entry first, then those of its uninflected forms; an ordinal's Arabic ordinal before
    all (fourth → رابع, not FreeDict's fraction الربع)."""
    ordinal = _ordinals().get(word.lower())
    found: list[str] = [ordinal] if ordinal else []
    for form in english_forms(word.lower()):
        for gloss in _entry(form).split("|"):
            if gloss and gloss not in found:
                found.append(gloss)
    return tuple(found)


# Endings that make a word of another word (mentor + ship, child + hood), not a second noun of
# a compound (rain + forest, time + line): no part of a compound.
_DERIVING_ENDS = frozenset(
    "ship hood ness less ful able ible ment dom wise ward wards like ism ist ity ing ion ions ous ive".split()
)
_MIN_PART = 3
_MIN_COMPOUND = 7


@lru_cache(maxsize=4096)
def compound_parts(word: str) -> tuple[str, ...]:
    """The two words of an English compound the dictionary lacks but glosses both parts of
    (rainforest → rain, forest; timeline → time, line; antiinflammatory, written anti-inflammatory,
    → anti, inflammatory), the longest second part first; () for a word it glosses or no
    compound of two such words."""
    word = word.lower()
    if len(word) < _MIN_COMPOUND or not word.isalpha() or glosses(word):
        return ()
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        first, second = word[:cut], word[cut:]
        if second in _DERIVING_ENDS or first in _DERIVING_ENDS or (first.endswith("s") and _entry(first[:-1])):
            continue  # mentor + ship; mentors + hip: a compound joins a base, not a plural
        if _entry(first) and glosses(second):
            return (first, second)
    return ()


def _inflected(base: str) -> list[str]:
    """The regular inflections of an English base form (arrive → arrives, arrived, arriving;
    stop → stopped; study → studies, studied; push → pushes), then its irregular ones (take →
    took, taken)."""
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms = [base + "es"]
    elif len(base) > 2 and base.endswith("y") and base[-2] not in "aeiou":
        forms = [base[:-1] + "ies"]
    else:
        forms = [base + "s"]
    if len(base) > 2 and base.endswith("y") and base[-2] not in "aeiou":
        forms.append(base[:-1] + "ied")
    elif base.endswith("e"):
        forms.append(base + "d")
    else:
        forms.append(base + "ed")
    forms.append(base[:-1] + "ing" if base.endswith("e") and not base.endswith("ee") else base + "ing")
    if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou":
        doubled = [base + base[-1] + "ed", base + base[-1] + "ing"]  # stop → stopped, visit → visited
        # A word of one syllable doubles only (win → winning, not wining; plan → planned).
        forms = forms[:1] + doubled if len(base) <= 4 else forms + doubled
    forms += _irregular_forms().get(base, [])
    return [f for f in dict.fromkeys(forms) if f != base]


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, list[str]]:
    """Base → its irregular forms (WordNet's exception lists read backwards: take → took)."""
    forms: dict[str, list[str]] = {}
    for form, bases in table(LEMMAS).items():
        for base in bases.split("|"):
            forms.setdefault(base, []).append(form)
    return forms


@lru_cache(maxsize=4096)
def family_glosses(word: str) -> tuple[str, ...]:
    """Glosses of the word's other inflections, which glosses() does not reach: FreeDict often
    glosses a verb's base as an imperative (arrive → صل, say → قل) and its inflected headwords
    as the article writes it (arrived → وصل, arrives → يصل, says → يقول)."""
    own = glosses(word)
    word = word.lower()
    found: list[str] = []
    bases = [f for f in english_forms(word) if f == word or _entry(f)]
    for base in bases:
        for form in _inflected(base):
            if form == word:
                continue
            for gloss in _entry(form).split("|"):
                if gloss and gloss not in own and gloss not in found:
                    found.append(gloss)
    return tuple(found)


PHRASES = Path(__file__).with_name("data") / "en_phrases.tsv.gz"  # scripts/build_english_phrases.py


@lru_cache(maxsize=4096)
def phrase_words(first: str, second: str) -> tuple[str, ...]:
    """Single English words of a two-word expression's first senses (WordNet: take part →
    participate, carry out → execute, go up → rise), its first word as written or uninflected
    (takes part, carried out); none when the two words are no expression."""
    phrases = table(PHRASES)
    for form in english_forms(first.lower()):
        words = phrases.get(f"{form} {second.lower()}")
        if words is not None:
            return tuple(words.split("|"))
    return ()


ARABIC_WORDS = Path(__file__).with_name("data") / "ar_words.txt.gz"  # scripts/build_arabic_words.py


def arabic_words() -> Table:
    """The single Arabic words of the dictionary (normalised), one a line: words of the
    language, which another spelling of a name should not stand in for (``word in``)."""
    return table(ARABIC_WORDS)


SYNONYMS = Path(__file__).with_name("data") / "en_synonyms.tsv.gz"  # scripts/build_wordnet_synonyms.py


@lru_cache(maxsize=4096)
def synonyms(word: str) -> tuple[str, ...]:
    """English words of the word's most frequent senses (WordNet), which FreeDict glosses:
    the word as written, then its uninflected forms (eyeing → eye)."""
    return _related(SYNONYMS, word)


DERIVATIONS = Path(__file__).with_name("data") / "en_derivations.tsv.gz"  # scripts/build_wordnet_synonyms.py


@lru_cache(maxsize=4096)
def derivations(word: str) -> tuple[str, ...]:
    """English words derivationally related to the word in its first senses (WordNet: grow →
    growth, execution → execute, vulnerable → vulnerability), which FreeDict glosses: the word
    as written, then its uninflected forms."""
    return _related(DERIVATIONS, word)


def _related(path: Path, word: str) -> tuple[str, ...]:
    """The words a table keyed by English words (word<TAB>words, '|'-separated) gives the word
    and then its uninflected forms, each once, the word itself left out."""
    found: list[str] = []
    for form in english_forms(word.lower()):
        words = table(path).get(form)
        if words is not None:
            found.extend(w for w in words.split("|") if w not in found and w != word)
    return tuple(found)


ENCODER = Path(__file__).with_name("data") / "en_ar_encoder.tsv.gz"  # scripts/build_encoder_glosses.py


@lru_cache(maxsize=4096)
def encoder_glosses(word: str) -> tuple[str, ...]:
    """The Arabic words nearest to the English word in the multilingual sentence encoder's
    space (signed → توقيع, وقعت; coach → مدرب), which FreeDict's senses miss: the word as written,
    then its uninflected forms."""
    return _related(ENCODER, word)  # its Arabic words are never the English word _related leaves out
