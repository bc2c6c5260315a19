"""General language knowledge that lets a question meet an article's words it does not share.

One seam into retrieval: ``expand(terms, index)`` gives each analysed query term the index
terms that may stand for it, with weights (the term itself at 1.0 when the index holds it).
Each resource is a small module over a compact table built from a published package:

- ``bilingual``: English → Arabic glosses (FreeDict, GPL-2+), for English or mixed questions;
- ``names``: spelling keys that join the Arabic and Latin spellings of a foreign name;
- ``roots``: Tashaphyne's roots (GPL), a weaker match that joins derivations;
- ``plurals``: Arramooz's broken plurals (GPL-3): a word the article lacks meets its other
  number there (مشروع / مشاريع), a Latin word's gloss likewise;
- ``encoder_glosses``: for an English word, the Arabic words nearest to it in the multilingual
  Universal Sentence Encoder's space, computed once by scripts/build_encoder_glosses.py (the
  model is not loaded at a question), ranking beside FreeDict's glosses;
- ``semantic`` (optional, off unless STORYBOT_SEMANTIC=1): the multilingual Universal Sentence
  Encoder, one feature of sentence ranking (StoryIndex._rank_sentences).

Measured and not kept (see the git log): mythes-ar synonyms, hunspell-ar typo correction, an
Arabic → English → Arabic pivot through FreeDict and WordNet (h29).
Every table of data/ is looked up where it lies (index.language.tables), read on its first
look-up; ``preload()`` reads them all at once. ``RESOURCES`` names them; the environment variable
``STORYBOT_LANGUAGE_OFF`` (comma-separated names) switches some off, for ablation only.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from index.analysis import normalize, tokenize
from index.language import bilingual
from index.language.lexicon import ENCODER_GLOSSES, Alternatives, IndexLexicon, is_latin, lexicon_of
from index.language.tables import DATA
from index.memo import remembered

if TYPE_CHECKING:
    from index.search import StoryIndex

BILINGUAL, NAMES, ROOTS, PLURALS, THESAURUS = "bilingual", "names", "roots", "plurals", "thesaurus"
RESOURCES = (BILINGUAL, NAMES, ROOTS, PLURALS, THESAURUS, ENCODER_GLOSSES)


_CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z]+")
COLLOCATION_WEIGHT = 0.25  # beside the word's own glosses, half a synonym's gloss (at 0.5 and 1.0 XQuAD en-ar sentence@1 0.5395, 0.5387)


def _written_forms(question: str, index: "StoryIndex") -> dict[str, tuple[str, ...]]:
    """Each term of the question with the words it was written as (a stem cuts a name:
    هاملتون → هاملت)."""
    forms: dict[str, tuple[str, ...]] = {}
    tokens = tokenize(normalize(question))
    for token in tokens:
        analysed = index.analyze(token)
        if len(analysed) == 1 and analysed[0] != token:
            forms[analysed[0]] = forms.get(analysed[0], ()) + (token,)
    # An Arabizi word is respelt only in the question's context (nasr → نسر beside "el"):
    # its Latin letters go with the term, for index.language.lexicon to spell it better.
    for token, term in index.analyzer.respelled(tokens):
        for folded in index.analyze(term) or [term]:
            if token not in forms.get(folded, ()):
                forms[folded] = forms.get(folded, ()) + (token,)
    return forms


def _phrase_words(question: str, index: "StoryIndex") -> dict[str, tuple[str, ...]]:
    """The Latin term of the first word of each two-word English expression of the question
    (takes part, carried out) with the single words that mean the expression (participate;
    execute). The first word only: both words standing in for شارك weighed it twice (a fresh
    English question lost)."""
    found: dict[str, tuple[str, ...]] = {}
    tokens = tokenize(normalize(question))
    for first, second in zip(tokens, tokens[1:]):
        if not ("a" <= first[:1] <= "z" and "a" <= second[:1] <= "z"):
            continue
        words = bilingual.phrase_words(first, second)
        if words:
            for term in index.analyze(first):
                found[term] = tuple(dict.fromkeys(found.get(term, ()) + words))
    return found


def default_resources() -> frozenset[str]:
    """Every resource but those named in STORYBOT_LANGUAGE_OFF (benchmarks' ablation knob)."""
    off = {name.strip() for name in os.environ.get("STORYBOT_LANGUAGE_OFF", "").split(",")}
    return frozenset(r for r in RESOURCES if r not in off)


@dataclass(frozen=True)
class Expansion:
    """A query's terms as the index will match them.

    ``terms``: one term per query term, the query term itself or, when the index lacks it, its
    strongest stand-in (what coverage and the answer decision count). ``weighted``: every
    (index term, weight) that BM25 scores, the stand-ins of each query term sharing its weight.
    """

    terms: tuple[str, ...]
    weighted: tuple[tuple[str, float], ...]


# Expansions an index keeps (expand), all dropped when full: messages that differ only in a
# polite word or a question mark expand the same terms with the same written forms.
EXPANSIONS_KEPT = 2048


def expand(terms: Sequence[str], index: "StoryIndex", question: str = "") -> Expansion:
    """The stand-ins and weighted terms of a question's analysed terms; the question's text,
    when given, tells which Latin words it writes with a capital (names, not English words)."""
    resources = index.params.language
    if not resources:
        return Expansion(tuple(terms), tuple((t, 1.0) for t in terms))
    lexicon = lexicon_of(index)
    capitalised = frozenset(w.lower() for w in _CAPITALISED.findall(question))
    written = _written_forms(question, index)
    phrases = _phrase_words(question, index) if BILINGUAL in resources else {}
    # Kept: the expansion is a function of what the question tells of each term, no more.
    key = (
        tuple(terms),
        resources,
        tuple(term in capitalised for term in terms),
        tuple(written.get(term, ()) for term in terms),
        tuple(phrases.get(term) for term in terms),
    )
    return remembered(lexicon.expansions, EXPANSIONS_KEPT, key, _expanded, lexicon, *key)


def _expanded(
    lexicon: IndexLexicon,
    terms: tuple[str, ...],
    resources: frozenset[str],
    capitals: tuple[bool, ...],
    writtens: tuple[tuple[str, ...], ...],
    phrases: tuple[tuple[str, ...] | None, ...],
) -> Expansion:
    """expand's work, on each term with what the question tells of it: written with a
    capital, the words it was written as, the words meaning the expression it opens."""
    chosen: list[str] = []
    weighted: list[list[tuple[str, float]]] = []
    for term, capitalised, written, phrase in zip(terms, capitals, writtens, phrases):
        alternatives = lexicon.alternatives(term, resources, capitalised, written)
        if phrase is not None and term not in lexicon.vocabulary:
            # A two-word expression's meaning beside its words' (take part → شارك): ranks, and
            # stands in for a word with no sure stand-in of its own.
            extra = lexicon.phrase_translations(phrase, PLURALS in resources)
            if extra:
                merged: dict[str, float] = dict(alternatives.weighted)
                for t, w in extra:
                    merged[t] = merged.get(t, 0.0) + w
                sure = alternatives.sure or tuple(t for t, _ in extra)
                alternatives = Alternatives(tuple(sorted(merged.items(), key=lambda tw: -tw[1])), sure)
        if not alternatives.weighted:
            chosen.append(term)
            weighted.append([(term, 1.0)])
            continue
        weight_of = dict(alternatives.weighted)
        sure = alternatives.sure
        # The stand-in is the surest one, the dictionary's first among equals (its senses come
        # in order); weighing by idf took the rarest gloss the article holds (last → الآخرون,
        # not آخر). Measured: articles and story sets +3 / -0, XQuAD en-ar sentence@1 +0.003.
        chosen.append(max(sure, key=lambda t: weight_of[t]) if sure else term)
        weighted.append(list(alternatives.weighted))
    if BILINGUAL in resources:
        _by_collocation(terms, chosen, weighted, lexicon)
    return Expansion(tuple(chosen), tuple(tw for term_weighted in weighted for tw in term_weighted))


def _by_collocation(
    terms: Sequence[str], chosen: list[str], weighted: list[list[tuple[str, float]]], lexicon: IndexLexicon
) -> None:
    """An English word's sense told by its neighbour: of the glosses of its senses (its own,
    its WordNet synonyms'), the one the article writes next to the stand-in of the question's
    word beside it stands in for it (last year → العام الماضي, not آخر: "last" is similar to
    "past" in WordNet), when its own gloss, the first choice, stands next to neither neighbour;
    likewise for a word none of whose own glosses the article holds (joint centre → المركز
    المشترك, consumer loans → القروض الاستهلاكية): the neighbour tells which of its synonyms'
    glosses is its sense, which alone only ranks (as sure stand-ins without a neighbour:
    development replies +4 -6). The glosses of its other inflections come after its synonyms'
    (debt service → خدمة الديون, the article's الدين elsewhere); before them, "last year" took
    a gloss of "lasts" over الماضي (XQuAD en-ar sentence@1 0.554 against 0.553)."""
    for i, term in enumerate(terms):
        if not is_latin(term) or term in lexicon.vocabulary:
            continue
        neighbours = [chosen[j] for j in (i - 1, i + 1) if 0 <= j < len(terms) and not is_latin(chosen[j])]
        if not neighbours or any(lexicon.adjacent(chosen[i], n) for n in neighbours):
            continue
        own = {t for t, _ in lexicon.translations(term)}
        related = bilingual.synonyms(term) + bilingual.derivations(term)
        pool = [t for t, _ in lexicon.synonym_translations(term, words=related) if t not in own]
        pool += [t for t, _ in lexicon.translations(term, glosses=bilingual.family_glosses(term)) if t not in own]
        matches = [c for c in dict.fromkeys(pool) if any(lexicon.adjacent(c, n) for n in neighbours)]
        if matches:
            chosen[i] = matches[0]
            if all(t != matches[0] for t, _ in weighted[i]):
                weighted[i] = weighted[i] + [(matches[0], COLLOCATION_WEIGHT)]


def preload() -> None:
    """Read every table of data/ now, what is computed from them, Tashaphyne's stemmer and the
    dialect and Arabizi lexicons (a server may prefer paying at start-up to paying at a
    question; its memory is then the most that the tables take)."""
    from index import arabizi, dialect
    from index.language import plurals, roots
    from index.language.tables import table

    dialect.table()  # the general lexicon's tables that a question reads only when it needs them
    arabizi.known_spellings()
    for path in sorted(DATA.glob("*.gz")):
        table(path).load()
    bilingual.glosses("fourth")  # the ordinals
    bilingual.english_forms("going")  # WordNet's two-letter bases
    bilingual.family_glosses("take")  # the irregular forms by base
    plurals.singular_forms()
    roots.root("لويحقز")  # a word Arramooz's table lacks: Tashaphyne's stemmer


__all__ = ["preload", "Expansion", "IndexLexicon", "RESOURCES", "default_resources", "expand"]
