"""Roots as a weaker match than the stem, so that derivations meet (ترتفع / ارتفعت / رفع,
المبيعات / يبيع, زيارة / يزور, الفائز / فاز): Tashaphyne's segmentation and root dictionary
(PyPI tashaphyne, GPL, pure Python over pyarabic), imported on first use.

Tashaphyne's own get_root() breaks ties between candidate roots by the order of a Python set,
which changes with every process (hash randomisation), and reads the segments of the previous
word unless told otherwise; root() makes the same choice (three-letter roots, then those in its
root dictionary), then prefers a root whose letters the word writes, then the most frequent,
then the first segmentation: a fixed order.

Before Tashaphyne, Arramooz's dictionary (PyPI arramooz-pysqlite, GPL-3; data/ar_roots.tsv.gz,
built by scripts/build_arramooz_words.py) gives the root of a stem it knows: Tashaphyne's
segmentation misses the derived forms and the weak verbs (ارتفاع → رتفع, not رفع; باع → بوع,
not بيع; توفي → توف, وفاة → وفو, not وفي); then the root it gives the stem of one of
Tashaphyne's segmentations, for the inflected verbs it lacks (تأسست, ينتهي).
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

from index.analysis import PRESENT_PREFIXES
from index.language.tables import Table, table

MIN_ROOT = 3  # a two-letter "root" is what remains of a word the extractor could not read
DICTIONARY = Path(__file__).with_name("data") / "ar_roots.tsv.gz"


def dictionary_roots() -> Table:
    """Arramooz's nouns and verbs: the index's light stem -> its root, normalised ("" for a
    stem whose words give no root or two equally)."""
    return table(DICTIONARY)


# Modules of Tashaphyne that its stemmer imports but root() never reaches: the verb stamps
# (13,954 verbs stamped by regular expressions at import, 40-80 ms) serve its choice of a stem,
# its stopwords (a 4 MB module, 20-40 ms) its own get_root(). They load on first use instead.
_TASHAPHYNE_UNUSED = ("tashaphyne.verb_stamp_const", "tashaphyne.arabicstopwords")


@lru_cache(maxsize=1)
def _stemmer():
    for name in _TASHAPHYNE_UNUSED:
        _import_lazily(name)
    from tashaphyne.stemming import ArabicLightStemmer

    return ArabicLightStemmer()


def _import_lazily(name: str) -> None:
    """Put a module in sys.modules (and on its package) that runs only when one of its
    attributes is first read (importlib.util.LazyLoader, the recipe of importlib's documentation)."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    package, _, child = name.rpartition(".")
    setattr(sys.modules[package], child, module)  # `from . import child` then reads no attribute


def _written_in(candidate: str, word: str) -> bool:
    """Are the root's letters written in the word, in order (بيع in المبيعات, not بعو)?"""
    letters = iter(word)
    return all(letter in letters for letter in candidate)


def in_dictionary(stem: str) -> bool:
    """Is the light stem a noun's or a verb's of Arramooz's dictionary (with or without a root)?"""
    return stem in table(DICTIONARY)


def _dictionary_stem_root(term: str, segmentations: list[dict[str, str]]) -> str:
    """The root Arramooz's table gives the longest stem of Tashaphyne's segmentations it lists
    (تأسست → تأسس, توفت → توف, يبدأ → بدأ): an inflected verb, which the table lacks, has its
    dictionary word's root (أسس, وفي, بدأ), not the letters Tashaphyne reads as one (سست, توف,
    بدد). Between stems as long, a root the
    word writes (تعلن: علن, not تعل's علو), then the shorter prefix (يوما: يوم, not وما). Where
    it lists none, a present verb's stem with the alif of the past (ينتهي → نته → انته: نهي, not
    نتت; تسير is سير, not اسير). Only behind no prefix or a present verb's: a participle's م
    makes another word (متحد is no تحد "challenge"), and a proclitic alone split off a name
    (بروادا, فارادا) gave it a dictionary word's root (XQuAD-ar: -1 sentence). "" where the stem
    it lists has no root of its own."""
    known = table(DICTIONARY)
    kept = [(a["prefix"], a["stem"]) for a in segmentations if a["prefix"] == "" or a["prefix"][-1] in PRESENT_PREFIXES]
    past = [(p, "ا" + s) for p, s in kept if p[-1:] and p[-1] in PRESENT_PREFIXES and len(s) >= MIN_ROOT]
    # An assimilated verb drops its first radical و in the present (وزن → تزن, وصل → يصل, وضع →
    # يضع): two letters left behind a present prefix are the past without its و. Last, and not
    # where the doubled verb is a word of the table (يعد of عدّ "is counted", يرد of ردّ, يجد of
    # جدّد); two consonants (a long vowel there is a weak last radical: يفي، وسيتا's تا), and the
    # past a root of its own (وزن، وصل).
    assimilated = [
        (p, "و" + s) for p, s in kept
        if p[-1:] and p[-1] in PRESENT_PREFIXES and len(s) == MIN_ROOT - 1
        and not set(s) & set("اوي") and known.get("و" + s) == "و" + s and s + s[-1] not in known
    ]
    for stems in (kept, past, assimilated):
        listed = [(prefix, stem, known.get(stem) or "") for prefix, stem in stems if stem in known]
        if listed:
            # max keeps the first of equal ranks: Tashaphyne's order.
            return max(listed, key=lambda entry: (len(entry[1]), _written_in(entry[2], term), -len(entry[0])))[2]
    return ""


@lru_cache(maxsize=65536)
def root(term: str) -> str:
    """The root of a normalised Arabic term, or '' when none of three letters is found."""
    if not ("\u0621" <= term[:1] <= "\u064a") or len(term) < 3:
        return ""
    known = table(DICTIONARY).get(term)
    if known:
        return known
    stemmer = _stemmer()
    stemmer.segment(term)
    segmentations = stemmer.get_affix_list()  # Tashaphyne builds the list anew at each call
    known = _dictionary_stem_root(term, segmentations)
    if known:
        return known
    candidates = [affix["root"] for affix in segmentations]
    for keep in (lambda r: len(r) == 3, stemmer.is_root_length_valid, stemmer.is_root):
        kept = [r for r in candidates if keep(r)]
        candidates = kept or candidates
    if not candidates:
        return ""
    counts = Counter(candidates)
    found = min(counts, key=lambda r: (not _written_in(r, term), -counts[r], candidates.index(r)))
    return found if len(found) >= MIN_ROOT else ""
