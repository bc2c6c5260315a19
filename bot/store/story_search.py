"""Which catalogue story a question is about: the stories' search terms as stored, the
question's concepts as the engine reads them, and the two-stage choice over SQLite.

- Stored with each story (bot.store.catalogue writes them, schema v6): its search terms in
  the FTS5 table `story_terms` (one column, title and body), the distinct terms of its title
  and of each passage (a heading, a sentence) in `story_words`, and the spelling keys of every term of the catalogue
  in `term_keys` (index.language.names: consonant classes), so that an English or Arabizi
  name, or a misspelt Arabic one, meets the article's spelling without any index in memory.
- A question is read once (index.reading: its asking part, question words and words pointing
  at a place in the article left out) into concepts (bot.core.matching), one per content word:
  its analysed term and its plain spelling; for an English word the analysed terms of its
  Arabic glosses (index.language.bilingual); for a name the catalogue will not otherwise meet,
  the terms spelt alike; for an Arabic word, its spellings behind a one-letter proclitic that
  the analyser keeps (وأخلت, بارتفاع), at the word's own weight, and for a word behind a
  chain with ال (للمهرجان) the word with ال alone (المهرجان).
- Stage one: FTS5 bm25 over any of those terms gives the `CANDIDATES` best stories cheaply.
  Stage two: each candidate is scored by bot.core.matching.match_score over its stored words,
  the terms weighed by their idf over the whole catalogue (FTS5's own document counts,
  fts5vocab): distinct words held, held within one sentence, held in the title, and stage
  one's bm25.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from bot.core.matching import Concept, StoryWords, idf, match_score
from index.analysis import ARTICLE_CHAINS, PROCLITIC_LETTERS, Analyzer
from index.article import Article

CANDIDATES = 30  # stories stage one hands to stage two (60 or 100: the same choices, slower)
FTS_WEIGHT = 0.3  # of stage one's bm25 in stage two's score
# How surely a stand-in stands for a question's word (as index.language.lexicon weighs them).
TRANSLATION_WEIGHT = 0.8  # an Arabic gloss's term for an English word
NAME_WEIGHT = 0.8  # a catalogue spelling of a Latin name (by its consonant key)
ARABIC_NAME_WEIGHT = 0.5  # another Arabic spelling of an Arabic word the catalogue lacks
NEAR_MARGIN = 0.25  # spellings of a Latin name kept beside the nearest one
MAX_SPELLINGS = 6
# A word behind a clitic (لسابك → سابك) is taken for the question's word when a few stories use
# it: فابيس → ف + ابيس, held by one story, is a misspelt name, not a conjunction and a word.
MIN_CLITIC_COUNT = 3  # spellings kept for one word: a key shared by more is no name's
MIN_TERM = 3  # shorter terms get no spelling key (index.language.names.MIN_KEY consonants)
# The one-letter proclitics the analyser leaves on a word without ال (وغرفة → وغرف, بارتفاع,
# لغرفة): a story's بارتفاع is the question's ارتفاع. Each such spelling the catalogue holds
# stands for the word at the weight of the word itself (its own count, far smaller, would make
# it a rare term), and is left out of stage one (there it would be one too). Among the 4,998
# stories of benchmarks/bench_newsroom.py, right first (six / fresh / fresh c): 51 / 37 / 67 →
# 54 / 38 / 66; in stage one too: 46 / 38 / 62.
PROCLITICS = PROCLITIC_LETTERS
# The proclitic chains that hold ال (index.analysis's, less ال itself), and the dialects' عال
# (على ال: عالرياض) and هال (هذا ال: هالربع): a question's للمهرجان is its المهرجان (see
# QuestionReader._add_bare_spelling; right first 55 / 39 (49 with copies) / 67 → 57 / 40 (50) /
# 66; with عال and هال, 57 / 40 (51) / 66, among the first three fresh 76 → 77).
AL_CHAINS = ARTICLE_CHAINS + ("عال", "هال")


@lru_cache(maxsize=1)
def search_analyzer() -> Analyzer:
    """The general analyser (stopwords, synonym groups, stemming), no article's own names."""
    from index.library import build_analyzer

    return build_analyzer([])


# ---------------------------------------------------------------- the stories' side


def text_terms(text: str) -> list[str]:
    """The analysed terms of a text (synonyms met, stems), then its plain normalised words
    (stopwords and question words left out). Both: the analysed terms let a dialect word or
    a synonym meet the article's word, the plain words keep apart what stemming joins, which
    matters among thousands of stories."""
    from index.analysis import normalize, stopwords, tokenize
    from index.questions import is_question_word

    stop = stopwords()
    words = [w for w in tokenize(normalize(text)) if w not in stop and not is_question_word(w)]
    return search_analyzer().analyze(" ".join(words)) + words


def passage_terms(article: Article) -> tuple[list[str], list[list[str]]]:
    """The title's search terms and each passage's: a paragraph's heading, then its sentences
    one by one (a sentence holding the question's words together says more than a paragraph:
    among the 4,998 stories, right first for 50/120 and 34/160 questions against 45 and 34)."""
    passages = []
    for paragraph in article.paragraphs:
        if paragraph.heading:
            passages.append(text_terms(paragraph.heading))
        passages.extend(text_terms(sentence.text) for sentence in paragraph.sentences)
    return text_terms(article.title), [p for p in passages if p]


def search_terms(article: Article) -> str:
    """The title's and the body's search terms, space-separated, for FTS5."""
    title, passages = passage_terms(article)
    return " ".join(title + [t for p in passages for t in p])


@lru_cache(maxsize=200_000)
def spelling_keys(term: str) -> tuple[tuple[str, str], ...]:
    """(loose key, strict key) pairs of a term: of the term as written and, for an Arabic one,
    of it without a clitic (الزنتان → زنتان, whose key a reader's Zintan shares). The loose
    key meets a Latin spelling (index.language.names.name_key), the strict one another Arabic
    spelling ('' for a Latin term). None for a term too short to have a key (the strict key
    keeps ح ع خ ه apart, so هزازي has one of three classes where the loose has two)."""
    from index.analysis import clitic_variants
    from index.language.names import MIN_KEY, name_key, strict_arabic_key

    if len(term) < MIN_TERM or "_" in term:
        return ()
    latin = _latin(term)
    keys = []
    for spelling in [term] if latin else dict.fromkeys([term, *clitic_variants(term)]):
        loose, strict = name_key(spelling), "" if latin else strict_arabic_key(spelling)
        if len(loose) >= MIN_KEY or len(strict) >= MIN_KEY:
            keys.append((loose, strict))
    return tuple(dict.fromkeys(keys))


def store_words(db: sqlite3.Connection, rowid: int, article: Article) -> None:
    """Store a story's search terms (FTS5), its title's and passages' distinct terms, and
    the spelling keys of terms the catalogue did not hold yet."""
    title, passages = passage_terms(article)
    db.execute("DELETE FROM story_terms WHERE rowid = ?", (rowid,))
    db.execute(
        "INSERT INTO story_terms (rowid, terms) VALUES (?, ?)",
        (rowid, " ".join(title + [t for p in passages for t in p])),
    )
    db.execute(
        "INSERT OR REPLACE INTO story_words (rowid, title, passages) VALUES (?, ?, ?)",
        (rowid, " ".join(dict.fromkeys(title)), "\n".join(" ".join(dict.fromkeys(p)) for p in passages)),
    )
    distinct = set(title).union(*passages)
    db.executemany(
        "INSERT OR IGNORE INTO term_keys (loose, strict, term) VALUES (?, ?, ?)",
        [(loose, strict, t) for t in distinct for loose, strict in spelling_keys(t)],
    )


def forget_words(db: sqlite3.Connection, rowid: int) -> None:
    """A removed story's terms go; the spelling keys of its terms stay (another story may hold
    them, and a key of a term no story holds is never used: its count is 0)."""
    db.execute("DELETE FROM story_terms WHERE rowid = ?", (rowid,))
    db.execute("DELETE FROM story_words WHERE rowid = ?", (rowid,))


def _story_words(title: str, passages: str) -> StoryWords:
    return StoryWords.of(title.split(), (p.split() for p in passages.split("\n")))


# ---------------------------------------------------------------- the question's side


@dataclass(frozen=True)
class _Word:
    """A content word of the question: as written (normalised), its analysed term, whether it
    was written in Latin letters and with a capital."""

    token: str
    term: str
    latin: bool
    capitalised: bool


def _question_words(question: str) -> list[_Word]:
    from index.questions import is_question_word
    from index.reading import read

    reading = read(question).without_place_words()
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][a-zA-Z]+", reading.asking)}
    words: list[_Word] = []
    seen: set[str] = set()
    for token, term in search_analyzer().token_terms(reading.tokens):
        if not term or is_question_word(token) or token in seen:
            continue
        seen.add(token)
        words.append(_Word(token, term, "a" <= token[:1] <= "z", token in capitalised))
    return words


def _gloss_terms(word: str) -> list[tuple[str, float]]:
    """The analysed terms of an English word's Arabic glosses, a term of a gloss of n words
    counting 1/n (index.language.lexicon.translations does the same within one article)."""
    from index.language import bilingual

    shares: dict[str, float] = {}
    for gloss in bilingual.glosses(word):
        terms = search_analyzer().analyze(gloss)
        for term in terms:
            shares[term] = max(shares.get(term, 0.0), 1.0 / len(terms))
    return list(shares.items())


class QuestionReader:
    """Reads a question into concepts against one catalogue's terms (its counts and keys)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        ensure_vocabulary(db)
        # How many stories there are (over the stories' index: counting story_words' rows
        # reads the whole table, a few ms a question).
        self.stories: int = db.execute("SELECT count(*) FROM stories").fetchone()[0]
        self.unsearched: set[str] = set()  # terms of the last concepts left out of stage one

    def counts(self, terms: Iterable[str]) -> dict[str, int]:
        """How many stories hold each term (FTS5's own document counts)."""
        unique = list(dict.fromkeys(terms))
        found: dict[str, int] = {}
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT term, doc FROM temp.story_vocabulary WHERE term IN ({marks})", chunk))
        return found

    def _keyed(self, column: str, key: str) -> list[str]:
        rows = self._db.execute(f"SELECT DISTINCT term FROM term_keys WHERE {column} = ? LIMIT 200", (key,)).fetchall()
        return [r[0] for r in rows]

    def _name_spellings(self, word: _Word, counts: dict[str, int]) -> list[tuple[str, float]]:
        """Catalogue terms spelt like the word: for a Latin name (or an Arabizi word) its
        spellings in Arabic letters, the closest to a rough Arabic spelling of it; for an Arabic
        word the catalogue does not hold, the same word behind a clitic (لسابك → سابك), else
        another Arabic spelling of it (a misspelt name: فابيس → فابيوس)."""
        from index.analysis import clitic_variants
        from index.arabizi import to_arabic
        from index.language import bilingual
        from index.language.names import MIN_KEY, name_key, strict_arabic_key

        if word.latin:
            key = name_key(word.token)
            if len(key) < MIN_KEY:
                return []
            near = _nearest(to_arabic(word.token), [t for t in self._keyed("loose", key) if not _latin(t)])
            counts.update(self.counts(t for t, _ in near if t not in counts))
            return [(t, NAME_WEIGHT * closeness) for t, closeness in near if counts.get(t)][:MAX_SPELLINGS]
        variants = [v for v in clitic_variants(word.token) if v != word.token]
        counts.update(self.counts(v for v in variants if v not in counts))
        held = [v for v in variants if counts.get(v, 0) >= MIN_CLITIC_COUNT]
        if held:
            return [(held[0], 1.0)]
        if word.token in bilingual.arabic_words():
            return []  # a word of the language, not a reader's spelling of a name
        found: list[str] = []
        for variant in [word.token, *variants]:
            if len(strict_arabic_key(variant)) >= MIN_KEY:
                found = [t for t in self._keyed("strict", strict_arabic_key(variant)) if t not in (word.token, word.term)]
                if found:
                    break
        if len(found) > MAX_SPELLINGS * 4:
            return []  # a key so common is no name's
        near = _nearest(word.token, found)
        counts.update(self.counts(t for t, _ in near if t not in counts))
        return [(t, ARABIC_NAME_WEIGHT * closeness) for t, closeness in near if counts.get(t)][:MAX_SPELLINGS]

    def _proclitic_spellings(self, alts: dict[str, float], counts: dict[str, int]) -> dict[str, float]:
        """The word's terms behind a one-letter proclitic (ارتفاع: وارتفاع, بارتفاع …) that the
        catalogue holds, each at the sureness that gives it the weight of the term it spells."""
        bases = [t for t, sure in alts.items() if len(t) >= MIN_TERM and not t.startswith("ال") and counts.get(t)]
        forms = {p + base: base for base in bases for p in PROCLITICS if p + base not in alts}
        counts.update(self.counts(f for f in forms if f not in counts))
        return {
            form: alts[base] * idf(counts[base], self.stories) / idf(counts[form], self.stories)
            for form, base in forms.items()
            if counts.get(form)
        }

    def _add_bare_spelling(self, word: _Word, alts: dict[str, float], counts: dict[str, int]) -> None:
        """For a word behind a proclitic chain with ال (للمهرجان): the word with ال alone
        (المهرجان) stands for it too, and its own spelling weighs no more than that one: the
        same chain in a story is chance, and its rarity no sign of the story's subject."""
        bare = _bare_spelling(word.token)
        if bare is None or bare in alts:
            return
        if bare not in counts:
            counts.update(self.counts([bare]))
        if counts.get(bare, 0) <= max(counts.get(word.token, 0), MIN_CLITIC_COUNT - 1):
            return
        if counts.get(word.token):
            alts[word.token] *= idf(counts[bare], self.stories) / idf(counts[word.token], self.stories)
        alts[bare] = 1.0

    def _alternatives(self, word: _Word) -> dict[str, float]:
        """The terms that stand for a word before the catalogue is asked: its analysed term and
        its spelling; for an English word the terms of its Arabic glosses instead of itself (a
        Latin word in an Arabic catalogue is mostly a stray in a link, and the rarest of terms)."""
        if not _english(word):  # an Arabic word, a name, an Arabizi word (term: its Arabic spelling)
            return {word.term: 1.0, word.token: 1.0}
        alternatives: dict[str, float] = {} if word.term == word.token else {word.term: 1.0}
        for term, share in _gloss_terms(word.token):
            alternatives.setdefault(term, TRANSLATION_WEIGHT * share)
        return alternatives

    def concepts(self, question: str) -> tuple[tuple[Concept, ...], dict[str, int]]:
        """The question's concepts, and how many stories hold each of their terms."""
        words = _question_words(question)
        alternatives = [self._alternatives(word) for word in words]
        counts = self.counts(t for alts in alternatives for t in alts)
        for word, alts in zip(words, alternatives):
            name_like = word.latin and (word.capitalised or not _english(word))
            if name_like or not any(counts.get(t) for t in alts):
                for term, weight in self._name_spellings(word, counts):
                    alts.setdefault(term, weight)
        for word, alts in zip(words, alternatives):
            if not word.latin:
                self._add_bare_spelling(word, alts, counts)
        own = {t for alts in alternatives for t in alts}
        spellings = [{} if word.latin else self._proclitic_spellings(alts, counts) for word, alts in zip(words, alternatives)]
        self.unsearched = {t for found in spellings for t in found} - own
        for alts, found in zip(alternatives, spellings):
            for term, sure in found.items():
                alts.setdefault(term, sure)
        concepts = tuple(
            Concept(word.token, tuple((t, w) for t, w in alts.items() if counts.get(t)))
            for word, alts in zip(words, alternatives)
        )
        return tuple(c for c in concepts if c.alternatives), counts


def _bare_spelling(token: str) -> str | None:
    """The word with ال in place of a proclitic chain that holds it (للمهرجان, بالبعثة → المهرجان,
    البعثة), None for a word without one."""
    for chain in AL_CHAINS:
        if token.startswith(chain) and len(token) - len(chain) >= MIN_TERM:
            return "ال" + token[len(chain) :]
    return None


def _nearest(spelling: str, candidates: list[str]) -> list[tuple[str, float]]:
    """The candidates near a rough Arabic spelling of a Latin word (super → سبر: سوبر, not
    سيبيريا); wider than within one article (index.language.lexicon), since the catalogue
    holds a name in several spellings (فيتيل, فيتل) beside the words that merely share its key.
    Nearest first, each with its nearness to the nearest (1.0 for it)."""
    from difflib import SequenceMatcher

    ratios = {c: SequenceMatcher(None, spelling, c).ratio() for c in candidates}
    best = max(ratios.values(), default=0.0)
    if best <= 0:
        return []
    kept = sorted((c for c in candidates if ratios[c] >= best - NEAR_MARGIN), key=lambda c: (-ratios[c], c))
    return [(c, ratios[c] / best) for c in kept]


def _latin(term: str) -> bool:
    return "a" <= term[:1] <= "z"


def _english(word: _Word) -> bool:
    """A Latin word the language tables know as English (a synonym group's, a gloss's), not a
    name nor an Arabizi word (whose term is its Arabic spelling)."""
    from index.language import bilingual

    if not word.latin:
        return False
    return bool(bilingual.glosses(word.token)) or (word.term != word.token and word.term in _group_terms())


@lru_cache(maxsize=1)
def _group_terms() -> frozenset[str]:
    """The terms of the general word groups (index/lexicon/synonyms.tsv): what a Latin word
    becomes when the tables know it as English, rather than its Arabizi respelling."""
    return frozenset(search_analyzer().table.values())


def match_expression(terms: Iterable[str]) -> str | None:
    """An FTS5 query: any of the terms (each quoted, so no term is read as an operator)."""
    unique = list(dict.fromkeys(t for t in terms if t and '"' not in t))
    return " OR ".join(f'"{t}"' for t in unique) or None


def ensure_vocabulary(db: sqlite3.Connection) -> None:
    """The fts5vocab view of story_terms' document counts, in the connection's temp schema
    (nothing is written to the file)."""
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.story_vocabulary USING fts5vocab(main, story_terms, row)")


def best_matches(db: sqlite3.Connection, question: str, limit: int = 3) -> list[tuple[str, float]]:
    """(story id, score) of the stories that best match the question, best first; of equal
    scores the newest (a copy of the same news published again). Empty when the question has
    no word any story holds."""
    reader = QuestionReader(db)
    concepts, counts = reader.concepts(question)
    expression = match_expression(t for c in concepts for t in c.terms if t not in reader.unsearched)
    if expression is None:
        return []
    rows = db.execute(
        """SELECT c.rowid, s.id, w.title, w.passages, c.rank, s.added_at
           FROM (SELECT rowid, bm25(story_terms) AS rank FROM story_terms WHERE story_terms MATCH ?
                 ORDER BY rank LIMIT ?) AS c
           JOIN stories s ON s.rowid = c.rowid JOIN story_words w ON w.rowid = c.rowid""",
        (expression, max(limit, CANDIDATES)),
    ).fetchall()
    weights = {t: idf(df, reader.stories) for t, df in counts.items()}
    weight = lambda term: weights.get(term, 0.0)  # noqa: E731
    # FTS5's bm25 (negated: higher is better) is a feature too: it counts how often the story
    # uses the terms, for its length (0.3: 51/120 and 36/160 right first; 0: 50 and 34).
    scored = [
        (
            round(match_score(concepts, _story_words(title, passages), weight) - FTS_WEIGHT * rank, 9),
            -rank, added, rowid, story_id,
        )
        for rowid, story_id, title, passages, rank, added in rows
    ]
    scored.sort(reverse=True)
    return [(story_id, score) for score, _, _, _, story_id in scored[:limit]]


__all__: Sequence[str] = (
    "CANDIDATES", "QuestionReader", "best_matches", "ensure_vocabulary", "forget_words", "match_expression",
    "passage_terms", "search_analyzer", "search_terms", "spelling_keys", "store_words", "text_terms",
)
