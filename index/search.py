"""Retrieval: BM25 over paragraphs (words fused with character n-grams), then the best
sentences inside the best paragraphs, scored with what the question asks for."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from collections import Counter
from typing import Mapping, Sequence

import numpy as np

from index.analysis import CLITICS, TERM_CLITICS, Analyzer, char_ngrams, normalize, proclitic_rest, proclitic_rests, tokenize
from index.article import Article, Sentence
from index.memo import remembered
from index.kinds import row_of, strength as kind_strength
from index.language import Expansion, default_resources, expand, semantic
from index.questions import QuestionType
from index.reading import Reading, read
from index.scoring import bm25_scores, build_bm25, locally_weighted_bm25_scores, weighted_bm25_scores


@dataclass(frozen=True)
class Passage:
    """One indexed paragraph: of an article, or a bare context in an evaluation set."""

    article: str
    number: int
    heading: str | None
    text: str
    start: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Params:
    variant: str = "plus"
    k1: float = 1.2
    b: float = 0.75
    sentence_k1: float = 0.8  # sentences are short: saturate term frequency sooner (+0.3 pt)
    sentence_b: float = 0.5
    ngram: int = 3
    ngram_weight: float = 0.35  # weight of the char-n-gram paragraph score in the fusion
    heading_in_paragraph: bool = True
    top_paragraphs: int = 3
    paragraph_weight: float = 0.6  # how much the paragraph's score lifts its sentences
    type_bonus: float = 0.25
    proximity_bonus: float = 0.1
    sentence_ngram_weight: float = 0.4
    # A sentence's word BM25 weighs each term by its idf among the candidate sentences too
    # (scoring.locally_weighted_bm25_scores, to this power), when there are at least
    # local_idf_sentences of them: among three an idf is noise. 0 turns it off.
    local_idf_power: float = 0.5
    local_idf_sentences: int = 8
    fold_clitics: bool = True  # see fold_term
    # The language resources (index.language.RESOURCES) that expand a query's terms.
    language: frozenset[str] = field(default_factory=default_resources)
    # The weight of the sentence encoder's similarity in sentence ranking (index.language.semantic).
    semantic_weight: float = field(default_factory=semantic.default_weight)


@dataclass(frozen=True)
class Query:
    reading: Reading
    terms: tuple[str, ...]
    grams: tuple[str, ...]
    # (term, weight) pairs BM25 scores: the terms, or what index.language.expand put for them.
    weighted: tuple[tuple[str, float], ...] = ()
    # How surely each of `terms` stands for the question's word: 1.0 for the word itself, the
    # weight expansion gave a stand-in (a translation shared among glosses, another spelling).
    certainty: tuple[tuple[str, float], ...] = ()

    def sureness(self) -> dict[str, float]:
        return dict(self.certainty)

    @property
    def text(self) -> str:
        return self.reading.asking

    @property
    def qtype(self) -> QuestionType:
        return self.reading.qtype

    def scored_terms(self) -> tuple[tuple[str, float], ...]:
        return self.weighted or tuple((t, 1.0) for t in self.terms)


@dataclass(frozen=True)
class ParagraphHit:
    passage: Passage
    position: int  # index into StoryIndex.passages
    score: float


@dataclass(frozen=True)
class SentenceHit:
    passage: Passage
    sentence: Sentence
    score: float
    matched: frozenset[str]  # query terms present in the sentence
    coverage: float  # idf-weighted share of the query's terms found in the sentence
    context_coverage: float  # the same over the sentence's paragraph and heading
    typed: bool  # the sentence has what the question type asks for (a number for كم …)


@dataclass(frozen=True)
class SearchResult:
    query: Query
    paragraphs: tuple[ParagraphHit, ...]
    sentences: tuple[SentenceHit, ...]


def _certainty(analysed: Sequence[str], expansion: "Expansion") -> tuple[tuple[str, float], ...]:
    """Each stand-in's weight (its share of the question's word), 1.0 for a word kept."""
    weight: dict[str, float] = {}
    for term, w in expansion.weighted:
        weight[term] = max(weight.get(term, 0.0), w)
    sure: dict[str, float] = {}
    for word, term in zip(analysed, expansion.terms):
        value = 1.0 if word == term else min(1.0, weight.get(term, 1.0))
        sure[term] = max(sure.get(term, 0.0), value)
    return tuple(sure.items())


def _normalize_scores(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if len(scores) else 0.0
    return scores / top if top > 0 else scores


_ANALYZED_TEXTS = 4096  # texts whose index terms an index keeps
_RANKED_QUERIES = 512  # queries whose ranked paragraphs and sentences an index keeps


class StoryIndex:
    """BM25 indexes over paragraphs (word terms and character n-grams) and sentences."""

    def __init__(self, passages: Sequence[Passage], analyzer: Analyzer, params: Params = Params()):
        if not passages:
            raise ValueError("an index needs at least one paragraph; the article had none")
        self.passages = tuple(passages)
        self.analyzer = analyzer
        self._query_analyzer: Analyzer | None = None  # built at the first question
        self._plain_query_analyzer: Analyzer | None = None  # the same, proclitics left on
        self.params = params
        self._analyzed: dict[str, tuple[str, ...]] = {}
        self._ranked: dict[tuple[object, ...], tuple[tuple[ParagraphHit, ...], tuple[SentenceHit, ...]]] = {}
        self._sentence_terms: list[list[str]] = []
        self._sentence_owner: list[int] = []
        self._first_sentence: list[int] = []
        sentence_terms = [[analyzer.analyze(s.text) for s in p.sentences] for p in self.passages]
        heading_terms = [analyzer.analyze(p.heading) if p.heading else [] for p in self.passages]
        self._counts = Counter(t for terms in sentence_terms for s in terms for t in s)
        self._counts.update(t for terms in heading_terms for t in terms)
        self._protected = frozenset(analyzer.table.values())
        paragraph_terms = []
        for i, (passage, sentences) in enumerate(zip(self.passages, sentence_terms)):
            self._first_sentence.append(len(self._sentence_terms))
            terms = []
            for s_terms in sentences:
                s_terms = self._fold(s_terms)
                self._sentence_terms.append(s_terms)
                self._sentence_owner.append(i)
                terms.extend(s_terms)
            if params.heading_in_paragraph:
                terms.extend(self._fold(heading_terms[i]))
            paragraph_terms.append(terms)
        self.paragraph_term_sets = tuple(frozenset(terms) for terms in paragraph_terms)
        self._heading_terms = [frozenset(self._fold(terms)) for terms in heading_terms]
        self.words = build_bm25(paragraph_terms, params.variant, params.k1, params.b)
        self.grams = build_bm25(
            [char_ngrams(t, params.ngram) for t in paragraph_terms], params.variant, params.k1, params.b
        )
        self.sentences = build_bm25(
            self._sentence_terms, params.variant, params.sentence_k1, params.sentence_b
        )
        self.sentence_grams = build_bm25(
            [char_ngrams(t, params.ngram) for t in self._sentence_terms],
            params.variant, params.sentence_k1, params.sentence_b,
        )
        self.vocabulary = frozenset(t for terms in paragraph_terms for t in terms)
        self._clitic_forms = _clitic_forms(self.vocabulary, self._counts, self._protected)
        self._max_idf = max(self.words.idf.values()) if self.words.idf else 1.0

    def sentence_term_lists(self) -> list[list[str]]:
        """Each sentence's index terms in order (what the sentence BM25 scores)."""
        return self._sentence_terms

    # --- queries -------------------------------------------------------------------
    def _fold(self, terms: Sequence[str]) -> list[str]:
        if not self.params.fold_clitics:
            return list(terms)
        return [fold_term(t, self._counts, self._protected) for t in terms]

    def analyze(self, text: str) -> list[str]:
        """Index terms of any text as this index sees them (analyser, then clitic folding);
        use this rather than ``analyzer.analyze`` to compare with query or sentence terms."""
        # Kept: the decision analyses the same sentences and question words again and again
        # (about 30 times a question), and folding them anew was an eighth of a question's time.
        terms = self._analyzed.get(text)  # a tuple, never None: one look-up on a hit, no further call
        if terms is None:
            terms = remembered(self._analyzed, _ANALYZED_TEXTS, text, self._analyzed_anew, text)
        return list(terms)

    def _analyzed_anew(self, text: str) -> tuple[str, ...]:
        return tuple(self._fold(self.analyzer.analyze(text)))

    @property
    def query_analyzer(self) -> Analyzer:
        """The analyser of questions: the article's, reading the text's own words (an
        accusative's alif comes off a noun the text writes without it: كم شخصا meets شخص), and
        taking a one-letter proclitic off a word the dictionaries know without it and not as
        written (كمرحلة → مرحلة, Analyzer.proclitics; the article's words keep theirs)."""
        if self._query_analyzer is None:
            texts = [s.text for p in self.passages for s in p.sentences] + [p.heading for p in self.passages if p.heading]
            words = frozenset(w for text in texts for w in tokenize(normalize(text)))
            self._query_analyzer = replace(self.analyzer, words=words, proclitics=True)
        return self._query_analyzer

    def parse_query(self, question: str | Reading) -> Query:
        reading = read(question) if isinstance(question, str) else question
        analysed = [self._in_text(t) for t in self._fold(self._question_terms(reading.tokens))]
        expansion = expand(analysed, self, reading.asking)
        # Character n-grams of the question's own Arabic words (they tolerate misspellings), of
        # a stand-in only for a Latin word the Arabic text cannot share n-grams with.
        spelled = [t if "\u0621" <= t[:1] <= "\u064a" else s for t, s in zip(analysed, expansion.terms)]
        grams = tuple(g for term in spelled for g in _term_grams(term, self.params.ngram))
        return Query(reading, expansion.terms, grams, expansion.weighted, _certainty(analysed, expansion))

    def _in_text(self, term: str) -> str:
        """The term, or the text's word behind a clitic letter that it stands for (_clitic_forms)."""
        return term if term in self.vocabulary else self._clitic_forms.get(term, term)

    def _question_terms(self, tokens: tuple[str, ...]) -> list[str]:
        """The question's terms. A word whose proclitic the analyser took off keeps it when the
        text writes the word so and not the rest (بسبب of a text that never writes سبب); a word
        the text does not hold, whose rest is a word of the dictionaries the text does hold,
        loses it though the whole is a word too (بجدة of a text on جدة: بجد is also a verb)."""
        analyzer = self.query_analyzer
        if self._plain_query_analyzer is None:
            self._plain_query_analyzer = replace(analyzer, proclitics=False)
        terms = []
        pairs = zip(analyzer.token_terms(tokens), self._plain_query_analyzer.token_terms(tokens))
        for (token, term), (_, own) in pairs:
            if term and own and term != own:
                mine = self._in_text(self._fold([term])[0])
                if mine not in self.vocabulary and self._in_text(self._fold([own])[0]) in self.vocabulary:
                    term = own
            elif term and self._in_text(self._fold([term])[0]) not in self.vocabulary:
                rest = proclitic_rest(token)
                bare = analyzer.term(rest) if rest != token else None
                if bare and self._in_text(self._fold([bare])[0]) in self.vocabulary:
                    term = bare
            if term:
                terms.append(term)
        return terms

    def term_of(self, words: Sequence[str]) -> str | None:
        """The index term of the first content word among words (a reading's window)."""
        for word in words:
            terms = self.analyze(word)
            if terms:
                return terms[0]
        return None

    def idf(self, term: str) -> float:
        """Paragraph-level idf; a term the articles never use weighs as much as the rarest."""
        return self.words.idf.get(term, self._max_idf)

    # --- search --------------------------------------------------------------------
    def paragraph_scores(self, query: Query) -> np.ndarray:
        words = _normalize_scores(weighted_bm25_scores(self.words, query.scored_terms()))
        if self.params.ngram_weight <= 0:
            return words
        grams = _normalize_scores(bm25_scores(self.grams, query.grams))
        return (1 - self.params.ngram_weight) * words + self.params.ngram_weight * grams

    def search(
        self, question: str | Reading, k_paragraphs: int = 5, k_sentences: int = 5, sentence_paragraphs: int | None = None
    ) -> SearchResult:
        """Ranked paragraphs, and sentences from the best `sentence_paragraphs` paragraphs
        (Params.top_paragraphs by default)."""
        query = self.parse_query(question)
        if not query.terms:
            return SearchResult(query, (), ())
        # Kept: the ranking is a function of what scoring reads of the query (another message
        # often reads the same: a polite word more, another question mark).
        semantic_text = query.text if self.params.semantic_weight > 0 else ""
        key = (query.terms, query.weighted, query.grams, query.qtype, semantic_text, k_paragraphs, k_sentences, sentence_paragraphs)
        ranked = remembered(self._ranked, _RANKED_QUERIES, key, self._ranked_anew, query, k_paragraphs, k_sentences, sentence_paragraphs)
        return SearchResult(query, *ranked)

    def _ranked_anew(
        self, query: Query, k_paragraphs: int, k_sentences: int, sentence_paragraphs: int | None
    ) -> tuple[tuple[ParagraphHit, ...], tuple[SentenceHit, ...]]:
        p_scores = self.paragraph_scores(query)
        order = [int(i) for i in np.argsort(-p_scores, kind="stable") if p_scores[i] > 0]
        paragraphs = tuple(ParagraphHit(self.passages[i], i, float(p_scores[i])) for i in order[:k_paragraphs])
        wide = self.params.top_paragraphs if sentence_paragraphs is None else sentence_paragraphs
        sentences = self._rank_sentences(query, order[:wide], p_scores)
        return paragraphs, tuple(sentences[:k_sentences])

    def _sentence_ids(self, paragraphs: Sequence[int]) -> list[int]:
        return [
            s
            for p in paragraphs
            for s in range(self._first_sentence[p], self._first_sentence[p] + len(self.passages[p].sentences))
        ]

    def _sentence_match(self, query: Query, ids: Sequence[int]) -> np.ndarray:
        """Word BM25 fused with char-n-gram BM25 over the given sentences, each scaled to [0, 1]."""
        power = self.params.local_idf_power
        if power > 0 and len(ids) >= self.params.local_idf_sentences:
            words = locally_weighted_bm25_scores(self.sentences, query.scored_terms(), ids, power)
        else:
            words = weighted_bm25_scores(self.sentences, query.scored_terms(), ids)
        scores = _normalize_scores(words)
        weight = self.params.sentence_ngram_weight
        if weight > 0:
            grams = _normalize_scores(bm25_scores(self.sentence_grams, query.grams, ids))
            scores = (1 - weight) * scores + weight * grams
        return scores

    def _rank_sentences(self, query: Query, candidates: list[int], p_scores: np.ndarray) -> list[SentenceHit]:
        params = self.params
        ids = self._sentence_ids(candidates)
        if not ids:
            return []
        s_scores = self._sentence_match(query, ids)
        if params.semantic_weight > 0:
            s_scores = s_scores + params.semantic_weight * semantic.similarities(self, query.text, ids)
        query_set = set(query.terms)
        weights = {t: self.idf(t) for t in query_set}
        total = sum(weights.values()) or 1.0

        def share(present: frozenset[str] | set[str]) -> float:
            return sum(w for t, w in weights.items() if t in present) / total

        lift = row_of(query.qtype.kind).search_lift
        hits = []
        context: dict[int, float] = {}  # the context coverage of each paragraph, once
        for sid, s_score in zip(ids, s_scores):
            p = self._sentence_owner[sid]
            passage = self.passages[p]
            sentence = passage.sentences[sid - self._first_sentence[p]]
            terms = self._sentence_terms[sid]
            matched = frozenset(query_set.intersection(terms))
            strength = kind_strength(query.qtype, sentence.text)  # QuestionType.strength, without its call
            typed = strength > 0
            score = float(s_score) + params.paragraph_weight * float(p_scores[p])
            score += params.type_bonus * lift * strength
            if len(matched) > 1:  # one matched term stands next to nothing: _proximity is 0
                score += params.proximity_bonus * _proximity(terms, query_set)
            heading = self._heading_terms[p]
            if p not in context:
                context[p] = share((self.paragraph_term_sets[p] & query_set) | (heading & query_set))
            hits.append(
                SentenceHit(
                    passage,
                    sentence,
                    score,
                    matched,
                    share(matched | (heading & query_set)),
                    context[p],
                    typed,
                )
            )
        hits.sort(key=lambda h: -h.score)
        return hits


@lru_cache(maxsize=8192)
def _term_grams(term: str, n: int) -> tuple[str, ...]:
    """char_ngrams of one term (a query's are its terms' in turn); cached, since questions
    repeat their words."""
    return tuple(char_ngrams([term], n))


def _proximity(terms: Sequence[str], query_set: set[str]) -> float:
    """1.0 when the matched query terms stand next to each other, falling with their spread."""
    positions = [i for i, t in enumerate(terms) if t in query_set]
    distinct = len({terms[i] for i in positions})
    if distinct < 2:
        return 0.0
    # Smallest window holding all distinct matched terms.
    need = {terms[i] for i in positions}
    best = len(terms)
    counts: dict[str, int] = {}
    left = 0
    for right in positions:
        counts[terms[right]] = counts.get(terms[right], 0) + 1
        while len(counts) == len(need):
            l_pos = positions[left]
            best = min(best, right - l_pos + 1)
            counts[terms[l_pos]] -= 1
            if counts[terms[l_pos]] == 0:
                del counts[terms[l_pos]]
            left += 1
    return distinct / best


# Letters that attach to a word as a clitic (index.analysis.PROCLITIC_LETTERS) or that the light stemmer
# leaves at the end of a stem (ا ه ي ت). Stripping them always would wreck words whose root
# starts or ends with them (بحر، لعب), so a letter is stripped only when what remains is a
# word the indexed text itself uses: وزرا and زرا, لمساف and مساف, اسكتلندا and اسكتلند meet.
_STEM_ENDINGS = "اهيت"


def fold_term(term: str, counts: Mapping[str, int], protected: frozenset[str] = frozenset()) -> str:
    """The term with a clitic letter stripped when the corpus confirms the shorter word."""
    if term in protected or not ("\u0621" <= term[:1] <= "\u064a"):
        return term
    # Never fold into a name or group term: بيان is not ب + the name يان. Two clitic letters
    # come off too, و or ف then ب ل ك (وبعرض): the analyser keeps و before a clitic.
    rests = (r for r in proclitic_rests(term, CLITICS) if counts.get(r, 0) > 0 and r not in protected)
    term = next(rests, term)
    if (
        len(term) >= 5
        and term[-1] in _STEM_ENDINGS
        and counts.get(term[:-1], 0) > counts.get(term, 0)
        and term[:-1] not in protected
    ):
        term = term[:-1]
    return term


def _clitic_forms(vocabulary: frozenset[str], counts: Mapping[str, int], protected: frozenset[str]) -> dict[str, str]:
    """A word the text writes only with a clitic letter on (بمستشفى, never مستشفى alone), by the
    word without it: a question's bare word meets it (the text's most frequent such form; among
    equals the first in spelling order, so that no reply depends on the process's hash seed)."""
    forms: dict[str, str] = {}
    for term in sorted(vocabulary, key=lambda t: (-counts.get(t, 0), t)):
        if term in protected:
            continue
        for rest in proclitic_rests(term, TERM_CLITICS):
            if rest not in vocabulary:
                forms.setdefault(rest, term)
    return forms


def passages_of(article: Article) -> list[Passage]:
    return [
        Passage(article.name, p.number, p.heading, p.text, p.start, p.sentences) for p in article.paragraphs
    ]
