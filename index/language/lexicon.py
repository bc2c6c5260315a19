"""What one index knows of its own words for the language resources: their spelling keys,
and memoised look-ups of question words (computed from the article, never typed per article)."""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Collection, Iterable

from index.analysis import VERB_ENDINGS, accusative_noun, clitic_variants, light_stem, normalize, tokenize
from index.arabizi import spelling_pattern, to_arabic
from index.language import bilingual, plurals, roots, thesaurus
from index.memo import remembered
from index.language.names import MIN_KEY, name_key, strict_arabic_key

if TYPE_CHECKING:
    from index.search import StoryIndex

TRANSLATION_WEIGHT = 1.0  # shared by the glosses of one English word that the index holds
PHRASE_WEIGHT = 1.0  # shared by the glosses of the words that mean a two-word expression (take part)
SYNONYM_WEIGHT = 0.5  # shared by the glosses of its WordNet synonyms, when none of its own is held (ranking only)
ROOT_WEIGHT = 0.5  # shared by the index words of the question word's root
# A word the index holds also meets the other words of its root, far more weakly (measured:
# 0.05 and 0.1 alike, 0.25 loses XQuAD-ar sentences).
PRESENT_ROOT_WEIGHT = 0.1
NAME_WEIGHT = 1.0  # shared by the index words spelt like a Latin question word
CLOSEST_MARGIN = 0.1  # spellings of a Latin name kept beside the closest one
COMPOUND_PART_SHARE = 0.5  # each of the two words of an English compound the dictionary lacks
# Another Arabic spelling is less sure than a transliteration (at 1.0: the articles' paragraph@1
# 0.675 -> 0.658, the story -1 answerable; XQuAD-ar sentences +0.002).
ARABIC_NAME_WEIGHT = 0.5
ARABIZI_WEIGHT = 1.0  # shared by the article's words an Arabizi word may spell
# Shared by the article's singular or broken plurals of a question word (or gloss) it lacks.
# Only then: beside a word the article holds, they also pulled the other number's sentences
# (تكلفة / تكاليف; at 0.1, 0.25, 0.5: articles -1, -2, -2 against none).
PLURAL_WEIGHT = 1.0
# Shared by the article's words among the sentence encoder's nearest Arabic words to an English
# word (bilingual.encoder_glosses), beside its FreeDict glosses, for ranking only (hT: at 0.3,
# 0.6, 1.0: development replies +2 -2, +3 -1, +4 -3; XQuAD en-ar paragraph@1 0.713, 0.721, 0.719).
ENCODER_WEIGHT = 0.6
# The article's indefinite accusative of a question word it holds in no other form (نوع → نوعا).
ACCUSATIVE_WEIGHT = 1.0


PLURALS = "plurals"
THESAURUS = "thesaurus"
ENCODER_GLOSSES = "encoder_glosses"
# Alternatives an index keeps (IndexLexicon.alternatives), all dropped when full: a bot that
# runs for weeks hears new question words without end, and the embedded story never goes.
ALTERNATIVES_KEPT = 8192


def is_latin(term: str) -> bool:
    return "a" <= term[:1] <= "z"


@dataclass(frozen=True)
class Alternatives:
    """What may stand for one query term: (index term, weight) pairs BM25 scores, and those
    sure enough to stand in for it where the question's coverage is counted (a translation, a
    spelling of the same name; a shared root only helps ranking)."""

    weighted: tuple[tuple[str, float], ...]
    sure: tuple[str, ...]


class IndexLexicon:
    def __init__(self, index: "StoryIndex"):
        self._index = weakref.ref(index)
        self.vocabulary = index.vocabulary
        # Loose keys (any script) meet a Latin question word; an Arabic one meets the Latin
        # words by loose key and the Arabic words by strict key.
        # Keys come from the article's words as written (هاميلتون, لهاملتون, هاميلت) as well as
        # from their index terms, since a stem cuts a name (هاميلتون → هاميلت).
        loose: dict[str, set[str]] = defaultdict(set)
        latin: dict[str, set[str]] = defaultdict(set)
        strict: dict[str, set[str]] = defaultdict(set)
        for spelling, term in _spellings(index):
            if len(term) < 3 or term not in self.vocabulary:
                continue
            key = name_key(spelling)
            if len(key) < MIN_KEY:
                continue
            loose[key].add(term)
            if is_latin(term):
                latin[key].add(term)
            else:
                strict[strict_arabic_key(spelling)].add(term)
        self.loose_keys = {k: sorted(v) for k, v in loose.items()}
        self.latin_keys = {k: sorted(v) for k, v in latin.items()}
        self.strict_keys = {k: sorted(v) for k, v in strict.items()}
        self._roots: dict[str, list[str]] | None = None  # built on the first root look-up
        self._surface: dict[str, set[str]] | None = None  # written forms, on the first Arabizi look-up
        self._plurals: dict[str, list[str]] | None = None  # singular -> the article's broken plurals, on first use
        self._cores: dict[str, list[str]] | None = None  # _core -> the index's Arabic terms, on first use
        self._memo: dict[tuple, Alternatives] = {}
        self.expansions: dict[tuple, object] = {}  # index.language.expand's, by what it reads of a question
        self._counted: frozenset[str] | None = None  # terms after a number, on first use
        self._pairs: frozenset[tuple[str, str]] | None = None  # neighbouring terms, on first use
        self._plain_analyzer = None  # the index's analyser without stopwords, for glosses (gloss_terms)

    def alternatives(
        self, term: str, resources: Collection[str], capitalised: bool = False, written: tuple[str, ...] = ()
    ) -> "Alternatives":
        """The index terms that may stand for a query term the index lacks (none for a term it
        holds). A Latin word is read as a name when it was written with a capital or is no
        English word the dictionary knows ("first" is not فيرست, "First" may be)."""
        memo_key = (term, frozenset(resources), capitalised, written)
        return remembered(self._memo, ALTERNATIVES_KEPT, memo_key, self._alternatives_anew, *memo_key)

    def _alternatives_anew(
        self, term: str, resources: frozenset[str], capitalised: bool, written: tuple[str, ...]
    ) -> "Alternatives":
        found = self._alternatives(term, resources, capitalised, written)
        if PLURALS in resources and not is_latin(term):
            found = self._with_number(term, found, written)
        return found

    def _with_number(self, term: str, found: "Alternatives", written: tuple[str, ...]) -> "Alternatives":
        """The article's singular of a broken plural the question writes, or its broken plurals
        of a singular (مشروع / مشاريع, أسعار / سعر), as sure stand-ins, when the article lacks the
        question's word."""
        if term in self.vocabulary:
            return found
        matches = [t for t in self.number_forms(term, written) if t != term]
        if not matches:
            return found
        weights: dict[str, float] = defaultdict(float, found.weighted)
        for t in matches:
            weights[t] += PLURAL_WEIGHT / len(matches)
        sure = tuple(dict.fromkeys(matches + list(found.sure)))
        return Alternatives(tuple(sorted(weights.items(), key=lambda tw: -tw[1])), sure)

    def number_forms(self, term: str, written: tuple[str, ...] = ()) -> list[str]:
        """Index terms of the article's words that are the term's singular or broken plurals."""
        index = self._index()
        if index is None:
            return []
        if self._plurals is None:
            by_singular: dict[str, set[str]] = defaultdict(set)
            for spelling, t in _spellings(index):
                singular = plurals.singular(spelling)
                if singular is not None and t in self.vocabulary:
                    for s in index.analyze(singular):
                        by_singular[s].add(t)
            self._plurals = {s: sorted(ts) for s, ts in by_singular.items()}
        singulars = {term}
        for word in written or (term,):
            for variant in clitic_variants(word):
                singular = plurals.singular(variant)
                if singular is not None:
                    singulars.update(index.analyze(singular))
        found = {t for s in singulars for t in self._plurals.get(s, [])}
        found |= {s for s in singulars if s in self.vocabulary}
        return sorted(found)

    def _alternatives(
        self, term: str, resources: frozenset[str], capitalised: bool, written: tuple[str, ...]
    ) -> "Alternatives":
        if term in self.vocabulary:
            if "roots" not in resources or is_latin(term) or not PRESENT_ROOT_WEIGHT:
                return Alternatives((), ())
            matches = [t for t in self.same_root(term) if t != term]
            if not matches:
                return Alternatives((), ())
            weighted = [(term, 1.0)] + [(t, PRESENT_ROOT_WEIGHT / len(matches)) for t in matches]
            return Alternatives(tuple(weighted), (term,))
        weights: dict[str, float] = defaultdict(float)
        arabizi = tuple(w for w in written if is_latin(w))
        if "names" in resources and arabizi and not is_latin(term):
            # The analyser's Arabic letters for an Arabizi word are a guess without long
            # vowels or emphatics (defa3 → دفع): the article's words it may spell (دفاع).
            matches = sorted({t for w in arabizi for t in self.arabizi_spellings(w) if t != term})
            for t in matches:
                weights[t] += ARABIZI_WEIGHT / len(matches)
            if not matches:
                # A name in an Arabizi question (jones, reuters) is spelt as a Latin name is.
                names = sorted({t for w in arabizi for t in self.spellings_of(w) if t != term})
                for t in names:
                    weights[t] += NAME_WEIGHT / len(names)
        if "bilingual" in resources and is_latin(term):
            for t, w in self.translations(term, PLURALS in resources):
                weights[t] += w
            if not weights and not capitalised:
                # A compound the dictionary lacks (rainforest, timeline): its two words' glosses,
                # each half of the word, as a gloss of two words is.
                for part in bilingual.compound_parts(term):
                    for t, w in self.translations(part, PLURALS in resources):
                        weights[t] += w * COMPOUND_PART_SHARE
        if "names" in resources and (
            (capitalised or not bilingual.glosses(term)) if is_latin(term) else (arabizi or not _a_word(term, written))
        ) and not (arabizi and weights):
            matches = [t for t in self.spellings_of(term, written) if t != term]
            weight = NAME_WEIGHT if is_latin(term) else ARABIC_NAME_WEIGHT
            for t in matches:
                weights[t] += weight / len(matches)
        elif "names" in resources and not is_latin(term) and not arabizi and not weights:
            # A dictionary word the article spells with a long vowel letter elsewhere, as no
            # dictionary lists it (أمريكي / أميركي): the same letters in the same number, the
            # long vowels aside. (A vowel more or less joined derivations and broken plurals,
            # اجتمع / اجتماع, مشروع / مشاريع, which are the roots' and plurals' to join.)
            matches = [t for t in self.strict_keys.get(strict_arabic_key(term), [])
                       if t != term and len(t) == len(term) and _skeleton(t) == _skeleton(term) and not _a_word(t, ())]
            for t in matches:
                weights[t] += ARABIC_NAME_WEIGHT / len(matches)
        if not is_latin(term) and not weights:
            # The article writes the noun only in the indefinite accusative, without its
            # tanween (98 نوعا for the question's نوع): the same word, as sure as itself, when
            # the dictionary's noun takes that alif or the article counts with it (606 طنا: a
            # noun counted by 11 to 99 is accusative; Arramooz lists no طن). The article's own
            # words keep their alif (taking it off them: -2 answerable, h43).
            accusative = term + "ا"
            if accusative in self.vocabulary and (accusative_noun(term) or accusative in self.counted()):
                weights[accusative] += ACCUSATIVE_WEIGHT
        sure = tuple(weights)
        if ENCODER_GLOSSES in resources and is_latin(term) and not capitalised:
            # The encoder's nearest words know senses FreeDict does not give (signed → وقعت,
            # coach → مدرب), and some it should not (dam → دام): beside the glosses, never as
            # sure, and not for a capitalised word, a name first. Held, they also stand in for
            # the fallbacks below, which look only where nothing was found. (Tried only where
            # no gloss was held, as sure stand-ins or after the other fallbacks: replies +7 -6,
            # +1 -0, XQuAD en-ar no better.)
            for t, w in self.translations(term, PLURALS in resources, bilingual.encoder_glosses(term)):
                if t not in weights:
                    weights[t] = ENCODER_WEIGHT * w
        if "bilingual" in resources and is_latin(term) and not weights:
            # None of its own glosses: those of its other inflections (arrive → arrives → يصل),
            # for ranking only (as sure stand-ins: English +3 right but 3 more unanswerable
            # questions quoted, take → takes → التقديرات).
            for t, w in self.translations(term, PLURALS in resources, bilingual.family_glosses(term)):
                weights[t] += w
        if "bilingual" in resources and is_latin(term) and not weights:
            # FreeDict's one sense found nothing: the glosses of the word's WordNet synonyms.
            for t, w in self.synonym_translations(term, PLURALS in resources):
                weights[t] += w
        if "bilingual" in resources and is_latin(term) and not weights:
            # Nor its synonyms': the glosses of its derivations (grow → growth → النمو).
            for t, w in self.synonym_translations(term, PLURALS in resources, bilingual.derivations(term)):
                weights[t] += w
        if "bilingual" in resources and is_latin(term) and not weights:
            for t, w in self.translations_by_root(term, resources):
                weights[t] += w
        if "bilingual" in resources and is_latin(term) and not sure and not capitalised:
            # A gloss the article writes only in another inflection (night → ليل, its ليلا;
            # added → اضاف, its يضاف) stands in as surely as the gloss, ranked as above (or
            # as a gloss, where nothing above reached it); not for a capitalised word, a name
            # first (Gate). A shared root is too weak for that: the words of a gloss's root as
            # sure stand-ins, development sets +1 / -3 (sponsored → مدعوم met ودعم); an
            # inflection's gloss of a gloss's root (tourist → سياح beside سائح), no reply
            # changed, XQuAD en-ar paragraph@1 -0.001.
            inflected = self.inflected_translations(term)
            for t, w in inflected:
                weights.setdefault(t, w)
            sure = tuple(t for t, _ in inflected) or sure
        if "roots" in resources and not is_latin(term):
            matches = [t for t in self.same_root(term) if t != term]
            for t in matches:
                weights[t] += ROOT_WEIGHT / len(matches)
        return Alternatives(tuple(sorted(weights.items(), key=lambda tw: -tw[1])), sure)

    def counted(self) -> frozenset[str]:
        """The article's terms that stand right after a number written in digits (12 شخصا,
        606 طنا): the counted noun, which Arabic writes in the accusative after 11 to 99."""
        if self._counted is None:
            index = self._index()
            found: set[str] = set()
            for terms in index.sentence_term_lists() if index is not None else ():
                found.update(b for a, b in zip(terms, terms[1:]) if a[:1].isdigit() and b.endswith("ا"))
            self._counted = frozenset(found)
        return self._counted

    def adjacent(self, a: str, b: str) -> bool:
        """Whether the article writes the two terms side by side (either order) in a sentence."""
        if self._pairs is None:
            index = self._index()
            pairs: set[tuple[str, str]] = set()
            for terms in index.sentence_term_lists() if index is not None else ():
                pairs.update(zip(terms, terms[1:]))
            self._pairs = frozenset(pairs)
        return (a, b) in self._pairs or (b, a) in self._pairs

    def same_root(self, term: str) -> list[str]:
        """Index words that share the term's root. A word group's term (lexicon/synonyms.tsv)
        also stands under the roots of the article's words it took in: الصناعات is indexed as
        مبدع, لإنشاء and يطلق as اسس, and their own roots (صنع, نشأ, طلق) would otherwise meet
        none of the article's words (تصنيع، ستنشئها، تنطلق)."""
        if self._roots is None:
            by_root: dict[str, list[str]] = defaultdict(list)
            for t in sorted(self.vocabulary):
                r = roots.root(t)
                if r:
                    by_root[r].append(t)
            index = self._index()
            grouped = frozenset(index.analyzer.table.values()) if index is not None else frozenset()
            for spelling, t in sorted(_spellings(index)) if grouped else ():
                if t in grouped and t in self.vocabulary and spelling != t and not is_latin(t):
                    r = roots.root(light_stem(spelling))
                    if r and t not in by_root[r]:
                        by_root[r].append(t)
            self._roots = dict(by_root)
        r = roots.root(term)
        return self._roots.get(r, []) if r else []

    def arabizi_spellings(self, word: str, name: bool = False) -> list[str]:
        """Index terms of the article's words that an Arabizi word (or, with ``name``, a Latin
        spelling of an Arabic name) may spell (its consonants in their letter classes, its
        vowels long or not written; arabizi.spelling_pattern)."""
        pattern = spelling_pattern(word, name)
        if pattern is None:
            return []
        if self._surface is None:
            index = self._index()
            self._surface = defaultdict(set)
            for spelling, t in _spellings(index) if index is not None else ():
                # A spelling with a proclitic left on (وحوض for حوض) is not the word's own.
                if len(spelling) >= 3 and t in self.vocabulary and not is_latin(t) and spelling[0] == t[0]:
                    self._surface[spelling].add(t)
        compiled = re.compile(pattern)
        return sorted({t for spelling, ts in self._surface.items() if compiled.fullmatch(spelling) for t in ts})

    def spellings_of(self, term: str, written: tuple[str, ...] = ()) -> list[str]:
        """Index words that may be another spelling of the term (a name, a misspelling); the
        words the question wrote it as may meet a Latin word of the article."""
        if is_latin(term):
            found = _closest(to_arabic(term), self.loose_keys.get(name_key(term), []))
            # A Latin spelling of an Arabic name (ahli, mehdi, hashemi, makkah) writes its
            # ه ح ع as h or a vowel, which the loose key drops as a foreign name's vowels, leaving
            # too short a key: the article's words its letters may spell, as an Arabizi word's.
            return found or _closest(to_arabic(term), self.arabizi_spellings(term, name=True))
        for variant in clitic_variants(term):  # لهاملت: ل + هاملت
            found = self.strict_keys.get(strict_arabic_key(variant), []) + self.latin_keys.get(name_key(variant), [])
            if found:
                return found
        # A Latin name of the article, which the stem of an Arabic spelling cuts (هاملتون → هاملت).
        for word in written:
            for variant in clitic_variants(word):
                found = self.latin_keys.get(name_key(variant), [])
                if found:
                    return found
        return []

    def translations(
        self, word: str, number: bool = False, glosses: tuple[str, ...] | None = None
    ) -> list[tuple[str, float]]:
        """Index terms of the English word's glosses (or of ``glosses``) that the index holds,
        sharing one weight; a term of a two- or three-word gloss counts as part of that gloss."""
        index = self._index()
        if index is None:
            return []
        shares: dict[str, float] = defaultdict(float)
        synonyms = THESAURUS in index.params.language
        for gloss in bilingual.glosses(word) if glosses is None else glosses:
            gloss_terms = self.gloss_terms(gloss)
            for g in gloss_terms:
                # The dictionary's spelling may not be the article's (امريكي / أميركي), nor its
                # number (project → مشروع, the article's مشاريع), nor its word (wheat → الحنطة,
                # the article's القمح).
                forms = [g] if g in self.vocabulary else self._gloss_forms(g, gloss, number)
                if not forms and synonyms:
                    forms = self.synonym_forms(gloss, number)
                for t in forms:
                    shares[t] = max(shares[t], 1.0 / len(gloss_terms))
        total = sum(shares.values())
        return [(t, TRANSLATION_WEIGHT * s / total) for t, s in shares.items()] if total else []

    def gloss_terms(self, gloss: str) -> list[str]:
        """Index terms of a gloss. A one-word gloss the stopword filter takes whole (دولي: its
        stem دول is a dialect's "these"; الدولي keeps the article) is a content word, the
        English word's meaning: its terms are read without the filter."""
        index = self._index()
        if index is None:
            return []
        terms = index.analyze(gloss)
        if terms or " " in gloss:
            return terms
        if self._plain_analyzer is None:
            self._plain_analyzer = replace(index.analyzer, use_stopwords=False)
        return index._fold(self._plain_analyzer.analyze(gloss))

    def inflected_translations(self, word: str) -> list[tuple[str, float]]:
        """Index terms that are one of the English word's glosses in another inflection (the
        same inflection core, _core), sharing TRANSLATION_WEIGHT."""
        index = self._index()
        if index is None:
            return []
        if self._cores is None:
            by_core: dict[str, list[str]] = defaultdict(list)
            for t in sorted(self.vocabulary):
                if "\u0621" <= t[:1] <= "\u064a":
                    by_core[_core(t)].append(t)
            self._cores = dict(by_core)
        cores = {_core(g) for gloss in bilingual.glosses(word) for g in self.gloss_terms(gloss)}
        found = sorted({t for c in cores for t in self._cores.get(c, [])})
        return [(t, TRANSLATION_WEIGHT / len(found)) for t in found]

    def synonym_forms(self, gloss: str, number: bool = False) -> list[str]:
        """Index terms of the article's words that are a synonym of a gloss's word in
        Arramooz's definitions (الحنطة → القمح, النفط → البترول), in either number."""
        index = self._index()
        if index is None:
            return []
        found: list[str] = []
        for word in gloss.split():
            for synonym in thesaurus.synonyms(word):
                for t in index.analyze(synonym):
                    forms = [t] if t in self.vocabulary else (self.number_forms(t, (synonym,)) if number else [])
                    found.extend(f for f in forms if f not in found)
        return found

    def _gloss_forms(self, term: str, gloss: str, number: bool) -> list[str]:
        """The article's words for a gloss term it lacks: its other number (with ``number``),
        else another spelling."""
        if number:
            forms = self.number_forms(term, tuple(gloss.split()))
            if forms:
                return forms
        return self.spellings_of(term)

    def phrase_translations(self, words: tuple[str, ...], number: bool = False) -> list[tuple[str, float]]:
        """Index terms of the glosses of the single words that mean a two-word expression of the
        question (take part → participate → شارك), or of their inflections' glosses
        (participates → يشارك), sharing PHRASE_WEIGHT."""
        shares: dict[str, float] = defaultdict(float)
        for word in words:
            found = self.translations(word, number) or self.translations(word, number, bilingual.family_glosses(word))
            for t, w in found:
                shares[t] = max(shares[t], w)
        total = sum(shares.values())
        return [(t, PHRASE_WEIGHT * s / total) for t, s in shares.items()] if total else []

    def synonym_translations(
        self, word: str, number: bool = False, words: tuple[str, ...] | None = None
    ) -> list[tuple[str, float]]:
        """Index terms of the glosses of the English word's synonyms (mix → mixture → خليط),
        or of ``words``, sharing SYNONYM_WEIGHT."""
        shares: dict[str, float] = defaultdict(float)
        for synonym in bilingual.synonyms(word) if words is None else words:
            for t, w in self.translations(synonym, number):
                shares[t] = max(shares[t], w)
        total = sum(shares.values())
        return [(t, SYNONYM_WEIGHT * s / total) for t, s in shares.items()] if total else []

    def translations_by_root(self, word: str, resources: Collection[str]) -> list[tuple[str, float]]:
        """When no gloss of the English word is in the index, the index words that share a
        gloss's root (finished → منتهي → إنهاء), as weakly as any root match."""
        index = self._index()
        if index is None or "roots" not in resources:
            return []
        found = {t for gloss in bilingual.glosses(word) for g in self.gloss_terms(gloss) for t in self.same_root(g)}
        return [(t, ROOT_WEIGHT / len(found)) for t in sorted(found)]


# What an index term may still carry of its inflection after the light stemmer, which keeps a
# verb's prefixes and endings: a past verb's feminine, plural or dual ending (حدثت, قالوا, حدثتا), the
# indefinite accusative's alif (ليلا, نموا), an imperfect or first-person prefix (يضاف, اضاف).
# Not تـ: it begins too many nouns of another pattern (تحقيق is no حقيق, تكامل no كامل).
_CORE_ENDINGS = VERB_ENDINGS  # also the dual's تا (حدثتا): replies unchanged, 2511 of 2511
_CORE_PREFIXES = "يا"


def _core(term: str) -> str:
    """The term without one inflectional ending and one verb prefix, three letters kept."""
    for ending in _CORE_ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 3:
            term = term[: -len(ending)]
            break
    if term[:1] in _CORE_PREFIXES and len(term) >= 4:
        term = term[1:]
    return term


_LONG_VOWELS = str.maketrans("", "", "اوي")
_MIN_SKELETON = 4  # three consonants meet too many words


def _skeleton(term: str) -> str:
    """The term's letters less the long vowels after its first letter (امريك, اميرك → امرك)."""
    rest = term[1:].translate(_LONG_VOWELS)
    return term[:1] + rest if len(rest) + 1 >= _MIN_SKELETON else term


def _a_word(term: str, written: tuple[str, ...]) -> bool:
    """An Arabic question word the dictionary knows (يقدر "can", يخدم "serves") is that word,
    not a reader's spelling of an article's name (يغادر, خادم)."""
    words = bilingual.arabic_words()
    return any(form in words for w in (term, *written) for form in _dictionary_forms(w))


# Endings the dictionary's headwords are written without (a feminine, a nisba's feminine, a
# sound plural or dual): الأجنبية is the dictionary's أجنبي, مشتريات its مشتري. Without them an
# inflected Arabic word the dictionary lists only bare was read as a name and met any article
# word of its consonants (أجنبية → جنوب).
_DICTIONARY_ENDINGS = (("يه", "ي"), ("ه", ""), ("ات", ""), ("ات", "ه"), ("ون", ""), ("ين", ""), ("ان", ""))


def _dictionary_forms(word: str) -> Iterable[str]:
    """The word, without its proclitics, and each of those without one inflectional ending."""
    for variant in clitic_variants(word):
        yield variant
        for ending, replacement in _DICTIONARY_ENDINGS:
            if variant.endswith(ending) and len(variant) - len(ending) >= 3:
                yield variant[: -len(ending)] + replacement


def _closest(spelling: str, candidates: list[str]) -> list[str]:
    """The candidates nearest to a rough Arabic spelling of a Latin word (super → سبر: سوبر,
    not سيبيريا, though both have its consonants)."""
    if len(candidates) < 2:
        return candidates
    ratios = {c: SequenceMatcher(None, spelling, c).ratio() for c in candidates if not is_latin(c)}
    best = max(ratios.values(), default=0.0)
    return [c for c in candidates if c not in ratios or ratios[c] >= best - CLOSEST_MARGIN]


def _spellings(index: "StoryIndex") -> set[tuple[str, str]]:
    """(written word, its index term) for every word of the index's text, and each term with
    itself."""
    pairs = {(t, t) for t in index.vocabulary}
    for passage in index.passages:
        texts = [s.text for s in passage.sentences] + ([passage.heading] if passage.heading else [])
        for text in texts:
            for token in tokenize(normalize(text)):
                terms = index.analyze(token)
                if len(terms) == 1:
                    for variant in clitic_variants(token):
                        pairs.add((variant, terms[0]))
    return pairs


_LEXICONS: "weakref.WeakKeyDictionary[StoryIndex, IndexLexicon]" = weakref.WeakKeyDictionary()


def lexicon_of(index: "StoryIndex") -> IndexLexicon:
    lexicon = _LEXICONS.get(index)
    if lexicon is None:
        lexicon = _LEXICONS[index] = IndexLexicon(index)
    return lexicon
