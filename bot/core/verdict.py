"""Does the article answer? Pure functions over a search result: how much of the question a
sentence covers, whether it holds what was asked (a number, a new name), which sentences to
quote, and when a question is about the page itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Sequence

from bot.core.question import asked_about, asks_reaction_of, focus_of, place_asked, stand_in, word_after
from bot.core.story import Story, story_cached
from index.analysis import PRESENT_PREFIXES, PROCLITIC_LETTERS, STEM_CLITICS, light_stem, normalize, proclitic_rests, tokenize, without_verb_endings
from index.article import Sentence
from index.reading import ANOTHER, NEW_KIND, Reading, is_content_word, read
from index.kinds import (
    ATTRIBUTES, HELD, KINDS, NAME, PUNCTUATION, TIME_GRAINS, VALUE, AttributeRow, Fit, KindRow, governed_by_deputy, holds_cause, holds_reason, is_measure_unit, names_a_place, row_of, strength, unit_asked_words,
    dated_as_asked, dating_years, share_at, words_of,
)
from index.questions import DEFINITION, DURATION, NUMBER, OTHER, PLACE, PRICE, REASON, TIME, QuestionType, price_word
from index.questions import lexicon as question_lexicon
from index.language import bilingual, plurals, roots
from index.language.lexicon import is_latin, lexicon_of
from index.search import SearchResult, SentenceHit, StoryIndex

_BACK_REFERENCE = re.compile(r"^(?:وقد|وهذا|وهذه|وذلك|ذلك|هذا|هذه|لذا|لذلك)\s")


def refers_back(sentence: Sentence) -> bool:
    """The sentence opens by pointing back ("وقد محى ذلك"، "وهذا"، "لذلك"): it is about the one
    before it in its paragraph, and a reply quotes both."""
    return sentence.index > 0 and bool(_BACK_REFERENCE.match(sentence.text))

# Idf-weighted share of the question's words the quoted sentence holds. Re-measured on all 30
# development articles (answerable / declined, of 600 / 300): 0.20 380/224, 0.22 379/225,
# 0.25 375/227, 0.28 373/231, 0.31 371/232, 0.35 368/233: each step trades one for the other.
MIN_COVERAGE = 0.28
# ... when the quote holds a word that singles out what is asked: a paraphrase keeps the names
# and rare words and rewords the rest (all sets: 0.2 three more right, 0.16 and 0.12 four, no
# unanswerable question quoted; a floor of 0.2 for every quote lets "ما رأي سكان المريخ …" in).
SPECIFIC_FLOOR = 0.16
OOV_WEIGHT = 0.5  # an Arabic word the article never uses may be a paraphrase: half weight
# A light verb (صار، كان، أصبح: decision_words' "light") links what is asked to its subject and
# says nothing of whether the article tells it: «شو صار مع هاميلتون؟» is about Hamilton alone.
# Counted in full, the verb the article never writes outweighed a name found in every
# paragraph. 2511 development replies: weights 0, 0.25, 0.5 change none.
LIGHT_WEIGHT = 0.0
LATIN_WEIGHT = 0.25  # a Latin word not known to be absent (a name?): it cannot match Arabic text
DISCLAIMER_SHARE = 0.3  # share of a question in disclaimer-only words that makes it about the page
PLACE_BONUS = 0.5  # "at the end of the article": the last paragraph's sentences go first
VALUE_NEAR_BEST = 0.5  # a sentence holding the number asked for, if it covers this much
# A sentence covering this share of a "who" question answers it; of a price question, its sum
# is the price of the thing asked (all sets: 0.8 to 0.99 the same two more right, none lost).
WHOLE_QUESTION = 0.9
NEAR_BEST = 0.7  # a sentence naming what was asked may stand in for a best one this close
MIN_GAIN = 0.2  # share of the question a further quote must add
RERANK_COVERAGE = 0.5  # how much that share lifts a sentence over its retrieval score
# A question's word the sentence does not hold but holds another word of its root (طالب /
# مطالبين، تنشئ / إنشاء) lifts it by this much of its share at reranking (six article folders:
# 0.25 and 0.5 +1 right, 0.7 to 1.0 +3 answerable, 0.8 also +2 declined; 1.5 -1, 2.5 -24).
RERANK_ROOT = 0.8
# ... and for the decision, a word the article uses elsewhere that the sentence holds only in
# another word of its root (نجاح / ينجح، المستوردة / يستورد) counts as held, this much of its
# weight. Not a word the article never uses: its root may meet words of another meaning (مقدّما /
# تقدّم, يشفيهم / مستشفى) and such a word is what a near miss asks that the article lacks
# (الشعير of a report on wheat); but see UNKNOWN_ROOT_COVERAGE for its own root. Measured (six +
# five folders): 1.0 answerable 610 -> 613 of 920, declined 361 -> 362 of 460 (with the word
# groups' roots, lexicon.same_root); 0.5 614 / 361; 1.5 611 / 363; every word's root (in
# questions of three words or more): 624 / 359.
ROOT_COVERAGE = 1.0
# A word the article never uses counts the same when the sentence holds another word of its
# own root (not a word group's: مستشار / لمح through أشار) and the question asks a kind whose
# row tests the sentence (yes/no, a number, a cause, a place: «هل نجح التدريس …» / للنجاح,
# «علاش … تحاكمو» / محاكمة, «واش مانع» / منع). A "what" question asks nothing the sentence
# must hold, and a remark ("الله يشفيهم" / مستشفى, "معلومات حلوة" / علم) asks nothing at all:
# there a root alone let 7 unanswerable questions in. Six dev + five fresh folders: answerable
# 620 -> 626 of 920, declined 366 -> 367 of 460; story sets unchanged (weights 0.5 / 0.75 / 1.5:
# +4 / +5 / +5 answerable, declined +0 / -1 / +0).
UNKNOWN_ROOT_COVERAGE = 1.0
# A sentence giving a cause in another paragraph, if it covers this share of the best one's
# coverage (all sets: the same 1013 right from 0 to 0.6; 0.7 loses a cause told apart).
CAUSE_ELSEWHERE = 0.5
# Words between the value and the word asked about, in a sentence that holds both (all sets:
# 8-10 words 1019 right, 12-16 1020, 24 1019; the story's long sentences need 12).
VALUE_DISTANCE = 12
SPECIFIC_SHARE = 0.3
STANDIN_FLOOR = 0.5  # a word in at most this share of an article's paragraphs names a subject



@dataclass(frozen=True)
class Verdict:
    answered: bool
    hits: tuple[SentenceHit, ...]
    reason: str = ""
    # Past the coverage floor, why each candidate cannot be quoted, "" when it can (a diagnostic:
    # scripts/miss_causes.py, scripts/learned_decision.py).
    misfits: tuple[tuple[SentenceHit, str], ...] = ()


NO_NAME_NEAR = 10**6  # _name_distance of a sentence with no new name or none of the question's words


def _name_distance(story: Story, hit: SentenceHit, query_terms: set[str]) -> int:
    """Words between a new name in the sentence and the nearest word of the question."""
    if not story.library.entity_terms:
        return 0  # the article's names are not known: retrieval's order stands
    terms = story.library.index.analyze(hit.sentence.text)
    names = story.library.entity_terms - query_terms - story.protagonists
    name_at = [i for i, t in enumerate(terms) if t in names]
    asked_at = [i for i, t in enumerate(terms) if t in query_terms]
    if not name_at or not asked_at:
        # No new name beside the question's words: after every sentence that has one, in
        # retrieval's order (the sort is stable), never first for being short.
        return NO_NAME_NEAR
    return min(abs(i - j) for i in name_at for j in asked_at)


_LATIN_NAME = re.compile(r"^[A-Z][a-z]+$")


def _names_only(story: Story, reading: Reading, query_terms: Sequence[str]) -> bool:
    """The question's words are only a name (من هو ليكون؟، who is Kvyat?): names the
    article's tables know, or, in an article without tables, words no dictionary knows (a
    foreign name: فيتيل، هاميلتون; FreeDict's Arabic words hold transliterated names, so the
    morphological dictionary alone says) or a capitalised Latin word."""
    names = story.library.entity_terms
    if names:
        return bool(query_terms) and set(query_terms) <= names
    words = [t for t in reading.tokens if is_content_word(t)]
    written = {normalize(w): w for w in re.findall(r"[A-Za-z]+", reading.text)}
    return bool(words) and bool(query_terms) and all(
        _LATIN_NAME.match(written.get(w, "")) if w.isascii() else not roots.in_dictionary(light_stem(w)) for w in words
    )


def _has_new_entity(story: Story, hit: SentenceHit, query_terms: set[str], kinds: frozenset[str]) -> bool:
    """The sentence names someone the question does not, and not merely the story's
    protagonists (named in most paragraphs: Meta, LeCun), who answer no "who" question."""
    terms = set(story.library.index.analyze(hit.sentence.text))
    return bool((terms & kinds) - query_terms - story.protagonists)


# A name set off in quotes («زيمبريوم»، "جسور"), in brackets (حملة ( نقدر نوقفها )) or written
# in Latin letters (Nexus) in an Arabic sentence: how a news text marks a name when the
# article's names are not known. Brackets also hold asides (الأحد، 7.5 مليار ريال): not digits.
_QUOTED = re.compile(r"[«\"“]([^«»\"“”]{2,40})[»\"”]|\(([^()\d]{2,40})\)")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


NAME_AFTER_NOUN = 2  # words from the noun asked after (شركة، منصة، ثغرة) to the name it takes
NAMING_CLAUSE = 2  # a relative pronoun and its verb before a naming word (التي تحمل اسم)


@lru_cache(maxsize=1)
def _body_names() -> re.Pattern[str]:
    """A noun heading an organisation's name and the word after it (جمعية النحالين)."""
    heads = "|".join(sorted((re.escape(w) for w in _normalized_words("body")), key=len, reverse=True))
    return re.compile(r"(?:^|(?<=\s))(?:و|ف)?(?:ب|ل|لل|بال|ال)?(?:" + heads + r")\s+(\S+)")


@lru_cache(maxsize=4096)  # a pure function of the sentence, asked of every candidate of a name question
def _named_spans(text: str) -> tuple[tuple[int, str, int], ...]:
    """Where the sentence marks a name (its word's number), the name, and how many words
    before it the noun it names may stand: set off in quotes or brackets, in Latin letters,
    an organisation's head noun with the word after it (تنظمه جمعية النحالين), right after
    that noun; or the word after a naming word (المعروفة باسم مايند), which stands at the
    first naming word, since that word says what it names, and whose noun may stand before a
    relative clause (الطائرة التي تحمل اسم «Aquila»); or a word no dictionary knows
    (_unknown_words: الطبيب لافال)."""
    spans = [(m.start(), m.group(1) or m.group(2)) for m in _QUOTED.finditer(text)]
    spans += [(m.start(), m.group()) for m in _LATIN_WORD.finditer(text)]
    found = [(len(text[:start].split()), span, NAME_AFTER_NOUN) for start, span in spans]
    bare = normalize(text)  # an organisation's name (جمعية النحالين), at its head noun
    found += [(len(bare[: m.start()].split()), m.group(1), NAME_AFTER_NOUN) for m in _body_names().finditer(bare)]
    words = text.split()
    found += [(i, word, NAME_AFTER_NOUN) for i, word in _unknown_words(words)]
    naming = _normalized_words("naming")
    i = 0
    while i < len(words):
        if _bare(words[i]) in naming:
            j = i
            while j < len(words) and _bare(words[j]) in naming:
                j += 1
            if j < len(words):
                found.append((i, words[j], NAME_AFTER_NOUN + NAMING_CLAUSE))
            i = j
        i += 1
    return tuple(found)


def _unknown_words(words: Sequence[str]) -> list[tuple[int, str]]:
    """Arabic words no dictionary knows, with or without a one-letter proclitic, nor with the
    article (لافال، ليلي، موزيلا; not الغامدي, a family name or a nisba): a name the text does
    not mark otherwise (لدى الطبيب لافال، اسم محطة ليلي), with their word's number."""
    found = []
    for i, word in enumerate(words):
        bare = _bare(word)
        if len(bare) < 3 or not "\u0621" <= bare[:1] <= "\u064a" or bare.startswith(_ARTICLE):
            continue
        rests = [bare] + ([bare[1:]] if bare[0] in PROCLITIC_LETTERS else [])
        rests += [light_stem(rest) for rest in rests]
        # A verb keeps its person's letters (عملت، وتمكنت، يلتحق): no name either.
        rests += [form for r in list(rests) for form in without_verb_endings(r)]
        rests += [r[1:] for r in list(rests) if r[:1] in PRESENT_PREFIXES and len(r) >= 4]
        if not any(dictionary_word(rest) for rest in rests):
            found.append((i, bare))
    return found


def _names_something(
    story: Story, hit: SentenceHit, query_terms: set[str], noun: str | None, written: frozenset[str] = frozenset()
) -> bool:
    """Where the article's names are not known, "ما اسم الشركة …" is answered by a sentence
    that marks a name the question does not hold (_named_spans) right after the noun asked
    about (شركة «زيمبريوم»، ثغرات منها «ستيدج فرايت»), not anywhere in it."""
    analyze = story.library.index.analyze
    words = hit.sentence.text.split()

    def asked(word: str) -> bool:
        # A word the question writes too (تطبيقاً للهواتف الذكية «…», منصات التعليم عن بعد «…»):
        # the noun's own description, which may stand between it and its name. Nothing else
        # may: «وزير الاتصالات إن الوزارة …» names no minister.
        terms = set(analyze(word))
        return bool(terms) and terms <= query_terms or _bare(word) in written

    nouns = [i for i, word in enumerate(words) if noun is not None and noun in analyze(word)]
    for at, span, reach in _named_spans(hit.sentence.text):
        if not set(analyze(span)) - query_terms:
            continue
        if noun is None or any(0 < at - i <= reach or at > i and all(map(asked, words[i + 1 : at])) for i in nouns):
            return True
    return False


_DUAL_PREFIXES = ("", "و", "ف", "ب", "ل")  # and, then, with, for: a word still counted
_ARTICLE = ("ال", "وال", "فال", "بال", "لل")


def _counts_two(reading: Reading, hit: SentenceHit) -> bool:
    """"كم حالة …": the dual of the counted noun (حالتان، شخصين) is the number two, told
    without a digit or a number word. A feminine noun's dual (تان/تين) is no plural (ات); a
    masculine noun's ان is no plural (ون) either, but its ين is also the sound plural's
    (اللاعبين): only an indefinite one of a noun whose plural is broken (شخص / أشخاص)."""
    if reading.kind != NUMBER or reading.qword is None:
        return False
    following = reading.tokens[reading.qword + 1 : reading.qword + 2]
    if not following:
        return False
    noun = following[0]
    feminine = noun.endswith("ه")
    stem = noun[:-1] if noun.endswith(("ا", "ه")) else noun  # شخصا → شخص، حاله (حالة) → حال
    if len(stem) < 2:
        return False
    if feminine:
        duals = {p + stem + e for p in _DUAL_PREFIXES + _ARTICLE for e in ("تان", "تين")}
    else:
        duals = {p + stem + "ان" for p in _DUAL_PREFIXES + _ARTICLE}
        if stem in _broken_singulars():
            duals |= {p + stem + "ين" for p in _DUAL_PREFIXES}
    return any(_bare(word) in duals for word in hit.sentence.text.split())


@lru_cache(maxsize=1)
def _broken_singulars() -> frozenset[str]:
    return plurals.singular_forms()


def _type_ok(story: Story, result: SearchResult, hit: SentenceHit) -> bool:
    """The sentence holds what the kind asks for (index.kinds: the row's `needs`)."""
    needs = row_of(result.query.qtype.kind).needs
    if needs == VALUE:
        return hit.typed
    if needs == HELD:
        return hit.typed  # "why": a cause or a purpose the row's words find
    if needs == NAME and story.library.person_terms:
        # A sentence that holds the whole question answers "who" with its own subject,
        # often the protagonist it does not name again ("فائز جائزة تورينغ، الذي …").
        query_terms = set(result.query.terms)
        return _has_new_entity(story, hit, query_terms, story.library.entity_terms) or (
            coverage(story, list(query_terms), hit) >= WHOLE_QUESTION
        )
    return True


def _term_weight(story: Story, term: str) -> float:
    """How much a question word counts towards coverage. A word the articles never use
    weighs as the rarest word, except an untranslated Latin word: it cannot match Arabic
    text, so it says little about whether the article answers."""
    weights = story.term_weights
    weight = weights.get(term)
    if weight is None:
        index = story.library.index
        weight = index.idf(term)
        if term not in index.vocabulary:
            weight *= LATIN_WEIGHT if term.isascii() and not _english_word(story, term) else OOV_WEIGHT
        if term in story.light_terms:
            weight *= LIGHT_WEIGHT
        if len(weights) < 65536:
            weights[term] = weight
    return weight


def _english_word(story: Story, term: str) -> bool:
    """An English word the dictionary glosses with words the analyser keeps: none of them is
    in the article (a gloss found would stand in for it), so the article never says it, as of
    an Arabic word it never uses. Other Latin words (names, words the dictionary lacks or
    glosses with words the analyser drops, such as الصحة) say little."""
    index = story.library.index
    if "bilingual" not in index.params.language:
        return False
    return any(index.analyze(gloss) for gloss in bilingual.glosses(term))


def _present(story: Story, query_terms: Sequence[str], hit: SentenceHit) -> set[str]:
    """The question's words found in the sentence or in its section heading."""
    heading = _text_terms(story, hit.passage.heading) if hit.passage.heading else frozenset()
    return set(hit.matched) | (heading & set(query_terms))


def _share(
    story: Story, query_terms: Sequence[str], present: set[str], sure: Mapping[str, float] | None = None
) -> float:
    """A stand-in found counts as surely as it stands for the question's word (`sure`, from
    Query.certainty: one of three glosses of an English word is a third as sure as the word)."""
    weights, total = _weights(story, tuple(query_terms))
    if sure is None:  # every word found counts in full (_credit); w * 1.0 is w
        credit = sum(w for t, w in weights.items() if t in present)
    else:
        credit = sum(w * _credit(sure, t) for t, w in weights.items() if t in present)
    return credit / total if total else 0.0


@story_cached
def _weights(story: Story, query_terms: tuple[str, ...]) -> tuple[Mapping[str, float], float]:
    """Each question word's weight (_term_weight) and their sum; kept: the decision weighs the
    same words for every candidate sentence, a dozen times a question. Read only."""
    weights = {t: _term_weight(story, t) for t in query_terms}
    return weights, sum(weights.values())


def _credit(sure: Mapping[str, float] | None, term: str) -> float:
    # Measured: crediting a stand-in in full, half plus half its weight, or its weight alone
    # gave the same replies on every set; its weight alone says what it is.
    return 1.0 if sure is None else sure.get(term, 1.0)


def coverage(
    story: Story, query_terms: Sequence[str], hit: SentenceHit, sure: Mapping[str, float] | None = None
) -> float:
    """Idf-weighted share of the question's words found in the sentence or its heading."""
    return _coverage_of(story, query_terms, sure)(hit)


def _coverage_of(
    story: Story, query_terms: Sequence[str], sure: Mapping[str, float] | None = None
) -> Callable[[SentenceHit], float]:
    """coverage, the question's weights and credits read once for all the candidates it is
    asked of (judge weighs a dozen a question). The same sums in the same order: a word weighed
    is a question's word, so it is present when the sentence or its heading holds it."""
    weights, total = _weights(story, tuple(query_terms))
    credits = [(t, w if sure is None else w * _credit(sure, t)) for t, w in weights.items()]

    def covers(hit: SentenceHit) -> float:
        matched = hit.matched
        heading = _text_terms(story, hit.passage.heading) if hit.passage.heading else frozenset()
        credit = sum(c for t, c in credits if t in matched or t in heading)
        return credit / total if total else 0.0

    return covers


def _coverages(
    story: Story, query_terms: Sequence[str], hits: Sequence[SentenceHit], sure: Mapping[str, float] | None
) -> dict[int, float]:
    """coverage of each hit, by id (_coverage_of)."""
    covers = _coverage_of(story, query_terms, sure)
    return {id(hit): covers(hit) for hit in hits}


def _counts_the_unknown(story: Story, reading: Reading) -> bool:
    """"كم عدد المتفرجين": the article never uses the word of what is counted, so it cannot
    count it, whatever else of the question it holds (the venue, the race). A Latin word is
    not matched yet and says nothing."""
    count = story.terms_of(words_of("count"))
    count_words = _normalized_words("count")  # "many" is a stopword
    index = story.library.index
    analyze = index.analyze
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if token in count_words or count.intersection(analyze(token)):
            # The counted word: the next word that is no stopword ("the number of spectators").
            terms = next((found for t in tokens[i + 1 : i + 3] if (found := analyze(t))), [])  # each analysed once
            if not terms or terms[0] in story.unit_terms:
                return False
            known = _known(story, terms[0])
            if known is not False:
                return False
            # Nor inside a word of the text: the light stemmer parts some forms (سيارات / سيارته).
            return terms[0] not in story.normalized_text
    return _counts_an_unknown_noun(story, reading)


def _counts_an_unknown_noun(story: Story, reading: Reading) -> bool:
    """"كم سعرة حرارية": the noun right after "how many", in the form of a counted noun
    (ending in ة or the accusative ا: سعرة، شخصا; not a verb's plural وا: بقوا، كيسوا), names
    what is counted; an article that never uses it cannot count it."""
    if reading.kind != NUMBER or reading.qword is None:
        return False
    following = reading.tokens[reading.qword + 1 : reading.qword + 2]
    if not following or not _COUNTED_FORM.search(following[0]):
        return False
    # A unit as written (كم مرة، كم سنة): the stem would take سعرة (a calorie) for سعر (a price).
    # Nor a measure with a pronoun (وكم وزنه؟، وكم طوله؟): its ه is no ة, a unit answers it.
    if following[0] in _normalized_words("unit") or _measure_word(story, following[0]):
        return False
    # What is counted must be named, as for "كم عدد": a derivation of its root is no count of it
    # (الطيران, المطار of طائرة; Arramooz gives the three one root).
    terms = _noun_terms(story, following[0])
    return bool(terms) and _known(story, terms[0]) is False and terms[0] not in story.normalized_text


def _measures_the_unknown(story: Story, reading: Reading) -> bool:
    """"كم نسبة الفائدة"، "كم مساحة الحقل": what the quantity asked is of, the word after the
    measure word, is one the article never uses (nor a word of its root): it measures nothing
    of it, whatever else of the question it holds. Not a person's attribute (كم عمر القاتل):
    the article names the person in its own words (الجاني); nor a verb of the measure's root
    (كم كلّف استقطاب …: what was spent, told in other words)."""
    measure = _measure_asked(story, reading)[0]
    if not measure or set(story.library.index.analyze(measure)) & story.attribute_terms:
        return False
    light = _normalized_words("light")
    asked = [t for t in reading.tokens[reading.qword + 1 :] if t not in light]
    if asked[0].removeprefix("ال") != measure:
        return False
    # The thing measured, or a change of it and then the thing (كم نسبة انخفاض *الإيجارات*).
    analyze = story.library.index.analyze
    following = [terms[0] for terms in map(analyze, asked[1:1 + MEASURED_WORDS]) if terms]
    return any(not t.isascii() and _unknown_to(story, t) for t in following)


MEASURED_WORDS = 2  # content words after the measure word that name what it measures


def _asks_a_count(story: Story, reading: Reading) -> bool:
    return bool(_counted_noun(story, reading))


def _counted_forms(story: Story, reading: Reading) -> frozenset[str]:
    """The counted noun of a "how many" question (_counted_noun) as the article uses it: its
    index term and the article's words of its root (طبيب / أطباء); none when it uses neither."""
    noun = _counted_noun(story, reading)
    index = story.library.index
    # The accusative's ا is no part of the noun (مواطنا، لاعبا); a unit (مترا، متر) counts a measure.
    bare = noun[:-1] if noun.endswith("ا") and len(noun) > 3 else noun
    terms = {t for form in dict.fromkeys((noun, bare)) if form for t in _noun_terms(story, form)[:1]}
    if terms & story.unit_terms or is_measure_unit(noun):
        return frozenset()
    return frozenset(_with_root_words(index, terms) & index.vocabulary - story.light_terms - story.unit_terms)


def _counted_noun(story: Story, reading: Reading) -> str:
    """"كم عدد الأعضاء"، "كم دولة"، "كم طبيب": the question counts things, named by the noun
    after "how many" or after "the number of": a counted noun's form (دولة، لقبا; not ال, not a
    verb's plural وا) or a singular the plural table knows (طبيب / أطباء). Not a unit (كم مرة،
    كم سنة) nor a measure (كم مساحة، كم نسبة: decision role `measure`), which a unit answers."""
    if reading.kind != NUMBER or reading.qword is None:
        return ""
    following = reading.tokens[reading.qword + 1 : reading.qword + 3]
    numbered = bool(following) and following[0] in _normalized_words("count")  # عدد الأعضاء: any noun
    noun = following[1].removeprefix("ال") if numbered and len(following) > 1 else following[0] if following and not numbered else ""
    if not noun or not numbered and noun.startswith("ال") or noun in _normalized_words("unit") or _measure_word(story, noun):
        return ""
    terms = _noun_terms(story, noun)
    if not terms or terms[0] in story.attribute_terms | story.unit_terms:
        return ""  # كم عمره: an attribute (the pronoun's ه is no counted noun's ة)
    if not numbered and following[1:2] and following[1].startswith("ال"):
        return ""  # كم ربحية السهم: a noun before a definite one is a quantity of it, not things counted
    return noun if numbered or _COUNTED_FORM.search(noun) or noun in _broken_singulars() else ""


def _noun_terms(story: Story, noun: str) -> list[str]:
    """The index terms of a counted noun (كم *دولة*): as written, or, when its bare form is a
    stopword the analyser drops (دولة: also the dialects' "these"), as it is with the article,
    which the analyser keeps (الدولة → دول, as of the article's الدول). Only a word in a counted
    noun's form (ending in ة or the accusative's ا): هادي ("since", of شحال هادي) is none."""
    analyze = story.library.index.analyze
    terms = analyze(noun)
    if terms or noun.startswith("ال") or not _COUNTED_FORM.search(noun):
        return terms
    return analyze("ال" + noun)


@story_cached
def _measure_word(story: Story, token: str) -> str:
    """The measure word (decision role `measure`, normalised) the token is a form of (الوزن،
    وزنها, عمره), or "". Kept: each measure word is analysed for it, and the word after a
    number question word comes back in every message that asks so."""
    analyze = story.library.index.analyze
    terms = analyze(token)[:1]
    return next((m for m in _normalized_words("measure") if terms and analyze(m)[:1] == terms), "")


def _measure_asked(story: Story, reading: Reading) -> tuple[str, frozenset[str]]:
    """"كم وزن الطائرة"، "كم يبلغ طول الخط": the quantity a number question asks (decision role
    `measure`, right after the question word or a linking verb), normalised, with its index
    terms and the article's words of its root (none when the article never uses the word)."""
    if reading.kind != NUMBER or reading.qword is None:
        return "", frozenset()
    light = _normalized_words("light")
    following = [t for t in reading.tokens[reading.qword + 1 : reading.qword + 3] if t not in light][:1]
    word = _measure_word(story, following[0]) if following else ""
    if not word:
        return "", frozenset()
    index = story.library.index
    return word, frozenset(_with_root_words(index, index.analyze(word)) & index.vocabulary)


_COUNTED_FORM = re.compile(r"(?:[^و]ا|ه)$")  # normalised: ة is ه


def _known(story: Story, term: str) -> bool | None:
    """Whether the article uses the word or a sure stand-in of it (another spelling of a name,
    a translation: index.language); None for a Latin word without one: the dictionary misses
    too many of an article's words ("wins" → الانتصارات, "laps" → اللفة) to decline on it."""
    index = story.library.index
    if term in index.vocabulary:
        return True
    resources = index.params.language
    if resources and lexicon_of(index).alternatives(term, resources).sure:
        return True
    return None if term.isascii() else False


def _unknown_to(story: Story, term: str) -> bool:
    """The article never uses the word: not as an index term or a sure stand-in, nor another
    word of its root, nor inside a word of its text."""
    if _known(story, term) is not False:
        return False
    index = story.library.index
    if index.params.language and any(f in index.vocabulary for f in lexicon_of(index).same_root(term)):
        return False
    return term not in story.normalized_text


def _asks_an_unknown_noun(story: Story, reading: Reading) -> bool:
    """"من هو رئيس النادي": after "who is", the noun names the role of the person asked;
    "هل يوجد لقاح": after "is there", the thing asked. The answer must use the word (or one of
    its root): an article that never does names no one in the role, says nothing of the thing.
    A word for any person (الشخص، الأشخاص) names no role. The kind's row says which words
    put before such a noun (index.kinds: `names_after`)."""
    role = row_of(reading.kind).names_after
    after = reading.focus_window
    if not role or len(after) < 2 or after[0] not in _normalized_words(role):
        return False
    terms = story.library.index.analyze(after[1])
    return bool(terms) and terms[0] not in story.terms_of(words_of("person")) and _unknown_to(story, terms[0])


def _prices_the_unknown(story: Story, reading: Reading) -> bool:
    """"ما سعر برنت؟" of a story that prices only honey: the thing priced, the word right after
    the price word, is one the article never uses, so no price it gives is that thing's,
    whatever sums it tells. A Latin word is not matched yet and says nothing (as for counts)."""
    found = price_word(reading.tokens) if reading.kind == PRICE else None
    if found is None or found[1] in question_lexicon().price_verbs:
        return False  # after the verb (كم كلّف استقطاب …) stands what cost, not a thing priced
    at = found[0]
    analyze = story.library.index.analyze
    terms = next((found for t in reading.tokens[at + 1 : at + 3] if (found := analyze(t))), [])
    if not terms or is_latin(terms[0]) or terms[0] in story.unit_terms:
        return False
    return _unknown_to(story, terms[0])


def ordinals_asked(story: Story, reading: Reading) -> frozenset[str]:
    """The ordinals past the first the question singles out what it names with (الدورة
    *الثانية*، مستشفيات *ثانية*: decision role `instance`), as index terms; of its Arabic words
    only: a Latin word respelled as Arabic is a guess (Arabizi "sana", a year, reads as ثانية).
    Read once a question: the decision tests each candidate against them."""
    if reading.several:
        return frozenset()  # one part may ask of another thing
    analyze = story.library.index.analyze
    asked = {t for token in reading.tokens if not token.isascii() for t in analyze(token)}
    return frozenset(asked & story.terms_of(words_of("instance")))


def _tells_of_the_instance(story: Story, ordinals: frozenset[str], hit: SentenceHit) -> bool:
    """The sentence's paragraph (a sentence may go on about "the second course" its paragraph
    named: وتستمر …), its heading or its article's headline holds each ordinal asked, or
    another word of its root: otherwise it tells of another one of what is asked about (the
    first course's length for the second's, the one hospital for "other hospitals")."""
    held = _paragraph_terms(story, hit) | story.headline_terms(hit.passage.article)
    if hit.passage.heading:
        held |= _text_terms(story, hit.passage.heading)
    return all(t in held or _root_forms(story, t) & held for t in ordinals)


ROLE_PHRASE = 6  # words from the role asked (مدير) to the last question word of its phrase (… تعليم الليث)


def role_asked(story: Story, reading: Reading) -> tuple[str, str] | None:
    """The role a "who" question asks the holder of (من هو *رئيس* النادي): the word as the
    question writes it (normalised) and its index term."""
    role = row_of(reading.kind).names_after
    after = reading.focus_window
    if not role or len(after) < 2 or after[0] not in _normalized_words(role):
        return None
    # The role's first word the analyser keeps (أمين is also a stopword: the next, محافظة).
    tokens = reading.tokens
    start = tokens.index(after[1]) if after[1] in tokens else len(tokens)
    analyze = story.library.index.analyze
    word = next((t for t in tokens[start : start + 2] if analyze(t)), None)
    if word is None or analyze(word)[0] in story.terms_of(words_of("person")):
        return None
    if not dictionary_word(word) or analyze(word)[0] in story.library.entity_terms:
        return None  # "مين هو ألكسندر وانغ": a name (the article's, or one no dictionary knows) is no role
    following = tokens[tokens.index(word) + 1 : tokens.index(word) + 2]
    if following and _family_name(following[0]):
        return None  # "من هو سلطان اللويحق": a first name (سلطان, أمير) before a family name
    return word, analyze(word)[0]


def dictionary_word(word: str) -> bool:
    """A word the Arabic dictionaries know, with or without its article (مدير، الفائز، حارس),
    as every role is; a foreign name (ألكسندر، زوكربيرغ، شينغجيا) is not."""
    rest = normalize(word).removeprefix("ال")
    return rest in bilingual.arabic_words() or roots.in_dictionary(light_stem(rest))


def _family_name(word: str) -> bool:
    """A word with the article that no dictionary knows (اللويحق, الغامدي, not الاتحاد, الهلال):
    a family name, so that the word before it is the person's first name, no role."""
    written = normalize(word)
    rest = written.removeprefix("ال")
    return rest != written and len(rest) >= 4 and not dictionary_word(word)


def _may_name(story: Story, word: str, query_terms: frozenset[str]) -> bool:
    """A word that may be (the start of) a name: a content word the question does not hold,
    not a verb of saying, not one joined by و (a new clause: «… لشرطة مكة ولم يتم الرد»)."""
    bare = _bare(word)
    terms = story.library.index.analyze(word)
    if not terms or set(terms) & query_terms or bare in _normalized_words("speech"):
        return False
    return not (bare.startswith("و") and len(bare) > 4)


def _bare(word: str) -> str:
    return normalize(word).strip(PUNCTUATION)


def _names_the_holder(
    story: Story, hit: SentenceHit, role: tuple[str, str], query_terms: frozenset[str]
) -> bool:
    """"من هو مدير تعليم الليث": a sentence naming the holder puts the name beside the role's
    phrase (وزير الخارجية الفرنسي لوران فابيوس، توني تايلر الرئيس التنفيذي …); one that only
    mentions the role goes on with another clause («تواصل مع مدير تعليم الليث، واتضح …»).
    A sentence without the role word says nothing of it either way."""
    analyze = story.library.index.analyze
    word, term = role
    written = {word, word.removeprefix("ال"), "ال" + word.removeprefix("ال")}
    words = hit.sentence.text.split()
    at = [i for i, w in enumerate(words) if term in analyze(w)]
    if not at:
        return True
    for p in at:
        if governed_by_deputy(words, p) and not query_terms.intersection(analyze(words[p - 1])):
            continue  # «مساعد الرئيس التنفيذي عبد الله الزيد»: the deputy is named, not the holder
        asked = [j for j in range(p, min(len(words), p + ROLE_PHRASE + 1)) if query_terms.intersection(analyze(words[j]))]
        end = asked[-1] if asked else p
        if end + 1 < len(words) and _may_name(story, words[end + 1], query_terms):
            return True
        # A name before the role (توني تايلر الرئيس التنفيذي) when the role is written as the
        # question writes it, with or without ال; after a preposition («بالشكر لمدير التعليم») it names no one.
        if p > 0 and _bare(words[p]) in written and _may_name(story, words[p - 1], query_terms):
            return True
    return False


def _describes_the_asked(reading: Reading, hit: SentenceHit) -> bool:
    """"من هو سلطان اللويحق": the words after "who is" may be a name, not a role; a sentence
    that writes them whole and goes on to describe them («سلطان اللويحق، وهو رئيس …»،
    «إبراهيم العبيد، الذي يمتلك …») answers. A role mentioned in passing goes on with another
    clause («تواصل مع مدير تعليم الليث، واتضح …»), not with what it is."""
    after = reading.focus_window
    if not after or after[0] not in reading.tokens:
        return False
    start = reading.tokens.index(after[0]) + 1
    asked = [_bare(w) for w in reading.tokens[start:]]
    if not asked:
        return False
    written = normalize(hit.sentence.text).split()
    bare = [w.strip(PUNCTUATION) for w in written]
    describing = _normalized_words("describes")
    for i in range(len(bare) - len(asked) + 1):
        if bare[i : i + len(asked)] != asked:
            continue
        end = i + len(asked)
        if end < len(bare) and bare[end] in describing:
            return True
    return False


@lru_cache(maxsize=None)
def _normalized_words(role: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words_of(role))


def _declined_outright(story: Story, reading: Reading, told: Mapping[str, frozenset[str]]) -> str | None:
    """Questions the article cannot answer whatever matches: an attribute it never uses nor
    tells without its word (age, salary …: TOLD, _told_attributes), a count of something it
    never names, a named person's reaction."""
    if not all(told.values()):
        return "attribute_unknown"
    if _counts_the_unknown(story, reading) or _measures_the_unknown(story, reading):
        return "count_unknown"
    if asks_reaction_of(story, reading):
        return "reaction_unknown"
    if _asks_an_unknown_noun(story, reading) or _asks_an_unknown_role(story, reading) or _prices_the_unknown(story, reading):
        return "noun_unknown"
    return None


_NISBA = ("يه", "ي")  # normalised: نمساوية → نمساويه، أمريكي


def _place_within(story: Story, reading: Reading) -> frozenset[str]:
    """"في أي مدينة *نمساوية*"، "بأي ولاية *أمريكية*": the place a "which" question asks
    within, a relative adjective right after the noun asked whose place the article names (its
    index terms as the search reads them: نمساوية → نمسا, as of النمسا); none when the
    question names no such place."""
    which = question_lexicon().which_words
    tokens = reading.tokens
    at = next((i for i, t in enumerate(tokens) if t in which or t[:1] in PROCLITIC_LETTERS and t[1:] in which), None)
    if at is None or len(tokens) < at + 3 or not tokens[at + 2].endswith(_NISBA):
        return frozenset()
    index = story.library.index
    return frozenset(stand_in(story, t, reading.asking) for t in index.analyze(tokens[at + 2])) & index.vocabulary


def _time_grain(reading: Reading) -> str:
    """"في أي ساعة"، "أي يوم بالضبط": the time noun right after "which" in a time question,
    normalised (index.kinds.TIME_GRAINS says what tells it), or ""."""
    if reading.kind != TIME:
        return ""
    which = question_lexicon().which_words
    tokens = reading.tokens
    at = next((i for i, t in enumerate(tokens) if t in which or t[:1] in PROCLITIC_LETTERS and t[1:] in which), None)
    return tokens[at + 1] if at is not None and at + 1 < len(tokens) and tokens[at + 1] in TIME_GRAINS else ""


@story_cached
def _attribute_rows(story: Story) -> Mapping[str, AttributeRow]:
    """The attribute table (index.kinds.ATTRIBUTES) by the index term of each attribute's word
    (kept: a question reads it three times, for the decline, the sentences and the answer)."""
    analyze = story.library.index.analyze
    return {terms[0]: row for word, row in ATTRIBUTES.items() if (terms := analyze(word))}


def _unnamed_attributes(story: Story, terms: Sequence[str]) -> tuple[str, ...]:
    """The attributes the question asks that the article never uses: its attribute words
    (عمر، جنسية، راتب), and for a row that says so, the attribute an English word of it asks
    ("What nationality is X?": FreeDict glosses nationality الجنسية)."""
    vocabulary = story.library.index.vocabulary
    asked = [t for t in terms if t in story.attribute_terms and t not in vocabulary]
    for attribute, row in _attribute_rows(story).items():
        if row.glossed and attribute not in vocabulary and attribute not in terms and any(
            _glossed_with(t, attribute, story) for t in terms
        ):
            asked.append(attribute)
    return tuple(asked)


@story_cached
def _told_attributes(story: Story, terms: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Each attribute asked that the article never uses (_unnamed_attributes), with the texts
    of the sentences telling it without its word (its row of index.kinds.ATTRIBUTES): sentences
    holding every other word of the question the article uses (the person asked about:
    فونييني، الحارس وليد العنزي) that tell it beside their name; told of someone else, in a
    sentence without them, it does not count. None for a question with no other word the
    article uses, nor for an attribute without a row (راتب). Kept (read only): messages that
    differ in a polite word search the same terms, and the telling sentences are read anew."""
    rows = _attribute_rows(story)
    names = _asked_names(story, terms)
    return {
        t: frozenset(s.text for s in _telling(story, rows[t], names)) if t in rows else frozenset()
        for t in _unnamed_attributes(story, terms)
    }


def _answering(story: Story, told: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The sentences told holds that answer by themselves: those of a row that says so (a
    nationality by a nisba beside the name)."""
    rows = _attribute_rows(story)
    return frozenset(text for t, texts in told.items() if t in rows and rows[t].answers for text in texts)


def _telling(story: Story, row: AttributeRow, names: frozenset[str]) -> Iterable[Sentence]:
    """The sentences holding every one of NAMES that tell the row's attribute beside one."""
    if not names:
        return
    analyze = story.library.index.analyze
    for sentence in _sentences_holding(story, names):
        if row.tells(sentence.text, lambda word: bool(names.intersection(analyze(word)))):
            yield sentence


def _glossed_with(term: str, attribute: str, story: Story) -> bool:
    """An English word of the question that FreeDict glosses with the attribute's word."""
    analyze = story.library.index.analyze
    return term.isascii() and any(analyze(g)[:1] == [attribute] for g in bilingual.glosses(term))


def _asked_names(story: Story, terms: Sequence[str]) -> frozenset[str]:
    """The question's words the article uses that are not an attribute, a unit or a light word."""
    common = story.attribute_terms | story.unit_terms | story.light_terms
    return frozenset(t for t in terms if t in story.library.index.vocabulary and t not in common)


def _sentences_holding(story: Story, names: frozenset[str]) -> Iterable[Sentence]:
    """The story's sentences that hold every one of NAMES (the person an attribute is asked of)."""
    analyze = story.library.index.analyze
    for article in story.articles:
        for sentence in article.sentences:
            if names <= set(analyze(sentence.text)):
                yield sentence


def _asked_forms(story: Story, reading: Reading) -> frozenset[str]:
    """The first content word asked about (ليش *اختاروا* الأفلاج، علاش *انسحب* رايكونن) as the
    article uses it: its index term and the article's words of its root (the term alone when the
    article uses none: no sentence holds it then)."""
    first = asked_about(story, reading, 1)[:1] or _after_cause_noun(story, reading)
    index = story.library.index
    if not first:
        return frozenset()
    forms = set(lexicon_of(index).same_root(first[0])) if index.params.language else set()
    return frozenset(first) | frozenset(forms & index.vocabulary)


def _after_cause_noun(story: Story, reading: Reading) -> list[str]:
    """"ما سبب الخلاف"، "ما أسباب ارتفاع …": a "why" asked with a noun of cause and no question
    word of the reader's; the deed asked is the noun's complement, the first content word after
    it that is no word of cause itself (as index terms, as asked_about gives them)."""
    window = reading.focus_window
    if reading.kind != REASON or reading.qword is not None or not window or not holds_reason(normalize(window[0]), frozenset()):
        return []
    analyze = story.library.index.analyze
    return [terms[0] for t in window[1:] if not holds_reason(normalize(t), frozenset()) and (terms := analyze(t))][:1]


def _role_token(reading: Reading) -> str | None:
    """The word naming the role a "who" question asks the holder of, right after the question
    word or a pronoun (مين *رئيس* المعهد، من هو *حارس* …), when the kind's row says the word
    there names one (`role_after`). Not a verb in the imperfect (يلعب، تغلب، سيواجه: who did
    something) or of saying (قال), nor a plural (اللاعبين: which of a group, whom the answer
    lists without the word)."""
    if not row_of(reading.kind).role_after:
        return None
    if reading.qword is None:
        return _role_after_from(reading)
    following = [t for t in reading.tokens[reading.qword + 1 : reading.qword + 3] if t not in _normalized_words("pronoun")][:1]
    if not following or _IMPERFECT.match(following[0]) or _names_no_role(following[0]):
        return None
    return following[0]


def _names_no_role(word: str) -> bool:
    """A plural (اللاعبين، المشاركون: which of a group, whom the answer lists without the
    word) or a verb of saying or a light verb (مين قال …: who said it) names no role."""
    return word.endswith(("ين", "ون", "ات")) or word in _normalized_words("speech") | _normalized_words("light")


def _role_after_from(reading: Reading) -> str | None:
    """"من هو وزير …"، "من مدرب نادال": من opening the question is no question word of the
    reader's (it is also "from"), yet the kind is read as who. The word after it names a role
    when it is a noun: after a pronoun (من هو القاضي), with the article, or a participle (مدرب،
    مخرج: م before three letters or more); a past verb ("من فاز"، "من كلف") asks who did it."""
    window = reading.focus_window
    if not window:
        return None
    pronoun = window[0] in _normalized_words("pronoun")
    word = window[1] if pronoun and len(window) > 1 else window[0]
    if not (pronoun or word.startswith("ال") or _PARTICIPLE.match(word)) or _names_no_role(word):
        return None  # nor a plural, as after مين (من هم المشاركون), nor a verb of saying
    return word


_PARTICIPLE = re.compile(r"^م\S{3,}$")


def _role_word(story: Story, reading: Reading) -> frozenset[str]:
    """The role asked (`_role_token`) as the article uses it: its index term, and the article's
    words of its root when the word is no noun (مين فاز، who won: the deed, told as الفوز or
    يفوز); none for a Latin word, a word for anyone, or a word the article never uses. A noun
    (with the article, or a participle: المرشح، مدير) is held by itself only, as for the role
    never used (_asks_an_unknown_role): its root joins it to the deed or to words of other
    senses (المرشح / الترشح "standing for election"، مدير / الدورة "the course", root دور), and
    a sentence on those names no holder."""
    token = _role_token(reading)
    index = story.library.index
    terms = index.analyze(token)[:1] if token else []
    if not terms or terms[0].isascii() or terms[0] in story.terms_of(words_of("person")) or terms[0] not in index.vocabulary:
        return frozenset()
    if token.startswith("ال") or _PARTICIPLE.match(token) or not index.params.language:
        return frozenset(terms)
    return frozenset((set(lexicon_of(index).same_root(terms[0])) | set(terms)) & index.vocabulary)


_IMPERFECT = re.compile(r"^(?:[سه]|رح|ح)?[يتن]")


def _asks_an_unknown_role(story: Story, reading: Reading) -> bool:
    """"مين حارس الاتحاد"، "مين مؤلف المسرحية": the role asked (`_role_token`) is a word the
    article never uses (nor a word of its root, nor inside a word of its text): it names no
    one in it. A Latin word says nothing (not matched yet)."""
    token = _role_token(reading)
    index = story.library.index
    terms = index.analyze(token) if token else []
    # Not by its root: Arramooz's roots join a role to words of other meanings (مؤلف، آلاف).
    unknown = (
        bool(terms) and not terms[0].isascii() and terms[0] not in story.terms_of(words_of("person"))
        and _known(story, terms[0]) is False and terms[0] not in story.normalized_text
    )
    window = reading.focus_window
    if not unknown or reading.qword is not None or (window and window[0] in _normalized_words("pronoun")):
        return unknown
    # Right after an opening من (no هو) the word is only guessed to be a role: a participle of
    # a deed the article tells (من الفائز … beside فاز، الفوز) asks who did it, as "من فاز" does.
    return not (index.params.language and set(lexicon_of(index).same_root(terms[0])) & index.vocabulary)


# The parts of a candidate's rank key (rank_parts), in the order rank_key sums them, and
# their weights (scripts/rank_whatif.py replays them).
RANK_PARTS = ("score", "cov", "place", "lift", "root")
RANK_WEIGHTS = dict(zip(RANK_PARTS, (1.0, RERANK_COVERAGE, PLACE_BONUS, 1.0, RERANK_ROOT)))


def rank_parts(
    story: Story, reading: Reading, result: SearchResult, focus: tuple[str, str] | None, covered: dict[int, float]
) -> Callable[[SentenceHit], tuple[float, ...]]:
    """Each part of a candidate's rank key (RANK_PARTS), unweighted: its retrieval score, its
    coverage (covered, by id), the place the question points at, the finer test of its
    kind's row (a reason for "why", the explaining sentence for "what is X") and the roots it
    shares. _rank orders by them; scripts/rank_whatif.py replays them."""
    place = place_asked(reading, story)
    rows = [row for row in _rows(reading) if row.answer_test is not None]
    rooted = _root_share(story, result.query.terms)

    def lift(hit: SentenceHit) -> float:
        if not rows:  # most kinds have no finer test: no Fit to build
            return 0.0
        fit = fit_of(story, hit, focus)
        return sum(row.answer_lift for row in rows if row.answer_test(fit))

    def parts(hit: SentenceHit) -> tuple[float, ...]:
        at_place = 1.0 if place is not None and hit.passage.number == place else 0.0
        return hit.score, covered[id(hit)], at_place, lift(hit), rooted(hit)

    return parts


def rank_key(parts: tuple[float, ...]) -> float:
    """The weighted sum of a candidate's rank parts (RANK_WEIGHTS, written out: a dozen
    candidates a question)."""
    score, cov, place, lift, root = parts
    return score + RERANK_COVERAGE * cov + PLACE_BONUS * place + lift + RERANK_ROOT * root


def _rank(
    story: Story, reading: Reading, result: SearchResult, focus: tuple[str, str] | None, covered: dict[int, float]
) -> list[SentenceHit]:
    """Retrieval score, lifted by coverage, by the place the question points at, and by the
    finer test of its kind's row (rank_parts)."""
    parts = rank_parts(story, reading, result, focus, covered)
    return sorted(result.sentences, key=lambda h: -rank_key(parts(h)))


def _root_share(story: Story, terms: Sequence[str], known_only: bool = False):
    """The share of the question's words (idf-weighted) a sentence does not hold but holds
    another word of the same root of (طالب / مطالبين, تنشئ / إنشاء): a paraphrase keeps roots.
    `known_only`: only of the words the article uses (ROOT_COVERAGE)."""
    index = story.library.index
    if not index.params.language:
        return lambda hit: 0.0
    forms = {t: _root_forms(story, t) if not known_only or t in index.vocabulary else frozenset() for t in terms}
    return _share_in_forms(story, terms, forms)


def _unknown_root_share(story: Story, reading: Reading, terms: Sequence[str]):
    """The share of the question's words (idf-weighted) the article never uses that a sentence
    holds in another word of their own root (نجح / النجاح, اخترق / اختراق), for a question of
    a kind other than "what" (UNKNOWN_ROOT_COVERAGE); 0 for every sentence otherwise."""
    index = story.library.index
    if reading.kind == OTHER or not index.params.language:
        return lambda hit: 0.0
    forms = {t: _own_root_forms(story, t) for t in terms if t not in index.vocabulary}
    return _share_in_forms(story, terms, forms)


def _share_in_forms(story: Story, terms: Sequence[str], forms: Mapping[str, frozenset[str]]):
    """The share of the question's words (idf-weighted, of all of them) that a sentence does
    not hold but holds one of their forms of (`forms`, by word): the two root shares' sum."""
    weights, total = _weights(story, tuple(terms))
    rooted = [(t, weights[t], f) for t, f in forms.items() if f]  # the words that may count, in order
    if not total or not rooted:
        return lambda hit: 0.0

    def share(hit: SentenceHit) -> float:
        words = _sentence_terms(story, hit)
        return sum(w for t, w, f in rooted if t not in hit.matched and f & words) / total

    return share


def _own_root_forms(story: Story, term: str) -> frozenset[str]:
    """The article's words of the term's own root: not those a word group stands under the
    roots of the words it took in (lexicon.same_root), whose senses differ (مستشار / لمح)."""
    own = roots.root(term)
    return frozenset(f for f in _root_forms(story, term) if roots.root(f) == own) if own else frozenset()


@story_cached
def _root_forms(story: Story, term: str) -> frozenset[str]:
    """The article's other words of the term's root, not its linking verbs (_root_share)."""
    return frozenset(lexicon_of(story.library.index).same_root(term)) - {term} - story.light_terms


def fit_of(
    story: Story, hit: SentenceHit, focus: tuple[str, str] | None, subject: frozenset[str] = frozenset(),
    counted: bool = False, measure: tuple[str, frozenset[str]] = ("", frozenset()),
    role: frozenset[str] = frozenset(), asked: frozenset[str] = frozenset(), whole: bool = False,
    counted_terms: frozenset[str] = frozenset(), within: frozenset[str] = frozenset(), two: bool = False,
    unit_words: tuple[str, ...] = (), grain: str = "",
) -> Fit:
    library = story.library
    focus_term = focus[1] if focus is not None else None
    return Fit(
        hit.sentence.text, hit.matched, focus_term, library.index.analyze, library.entity_terms,
        library.index.vocabulary, subject, counted, *measure, role, asked, whole, counted_terms, within, two,
        singles_out=lambda term: bool(specific_terms(story, (term,))),
        connectives=_normalized_words("connective"), unit_words=unit_words, grain=grain,
    )


def _paragraph_terms(story: Story, hit: SentenceHit) -> frozenset[str]:
    """The terms of the hit's paragraph (a sentence may name its subject by a pronoun)."""
    index = story.library.index
    return index.paragraph_term_sets[index.passages.index(hit.passage)]


_PLACE_PREPOSITIONS = ("في", "in", "at")  # "كم توفي في جدة", "how many died in Jeddah"


def _placed_terms(story: Story, reading: Reading) -> frozenset[str]:
    """Terms of the words the question places its value in ("في جدة"): the place asked."""
    tokens = reading.tokens
    index = story.library.index
    return frozenset(
        t for i, token in enumerate(tokens[1:], 1) if tokens[i - 1] in _PLACE_PREPOSITIONS for t in index.analyze(token)
    )


def _placed_elsewhere(story: Story, reading: Reading) -> bool:
    """The question places its value in a place the article never names ("كم عدد مستخدمي
    الإنترنت في الإمارات" of a Saudi report): the article cannot give it there. Latin words
    (not matched yet) and units ("في المئة") say nothing of that."""
    # An English word after "in" is as often a time or a share ("in late October", "in total")
    # as a place: Latin words say nothing here (all sets: one story answer lost otherwise).
    # A place the article writes with a proclitic on (بجدة، كمرحلة أولى) is named.
    return any(
        not t.isascii() and _known(story, t) is False and t not in story.unit_terms and t not in story.clitic_terms
        for t in _placed_terms(story, reading)
    )


def years_asked(reading: Reading) -> frozenset[str]:
    """The years a question dates what it asks in ("في 2014", "in Q2 2014"): a condition on
    the answer, as a place asked is. A follow-up that names a year of its own ("وفي 2015؟")
    asks that one, not the previous question's."""
    own = dating_years(" ".join(reading.own))
    return own or dating_years(" ".join(reading.tokens))


def _dated_elsewhere(story: Story, asked: frozenset[str]) -> bool:
    """The question dates its value in a year the article never writes ("كم قروض بطاقات
    الائتمان في 2015" of a report on 2014): the article cannot give it for that year."""
    return any(year not in story.normalized_text for year in asked)


@story_cached
def _headlines(story: Story) -> Mapping[str, str]:
    """Each article's headline, normalised, by article name ("" for one without a title line)."""
    return {a.name: normalize(a.title) if a.title_span else "" for a in story.articles}


def _dated_contexts(story: Story, hit: SentenceHit) -> tuple[str, ...]:
    """What may date a sentence, nearest first: itself, its paragraph, its section heading,
    its article's headline (normalised)."""
    passage = hit.passage
    return (
        normalize(hit.sentence.text), normalize(passage.text), normalize(passage.heading or ""),
        _headlines(story).get(passage.article, ""),
    )


def _about_it(
    about: frozenset[str], located: frozenset[str], context: frozenset[str], headline: frozenset[str] = frozenset()
) -> bool:
    """The place asked must be in the sentence's paragraph, and most of the question's other
    specific words (a verb may be paraphrased, a name is not): with two of them, both (all
    sets: at least half gave 1014 right, more than half 1016, two thirds 1007; on the 30
    articles at least half: 5 more answerable, 7 fewer declined; an idf-weighted share above
    0.4-0.6 the same trade).
    A word of the article's headline is its subject, which the body need not repeat ("متى
    سيتم تسليم الشقق" of a report headlined on flats, answered "وسيتم التسليم خلال ٢٠ شهرا"):
    a paragraph holding most of the other words is about it too. Not when the headline holds
    them all, which would ask nothing of the paragraph; nor by counting the headline's words
    as held, which lets one other word of three pass ("How many apartments were sold in
    Riyadh?" of a report on the Eastern Province; all sets: +2 answerable either way, and
    counting -2 declined)."""
    if not located <= context:
        return False
    if 2 * len(about & context) > len(about):
        return True
    rest = about - headline
    return bool(rest) and rest != about and 2 * len(rest & context) > len(rest)


_LONG_VOWELS = str.maketrans("", "", "اوي")


def _root_hold(story: Story, about: frozenset[str], context: frozenset[str]) -> frozenset[str]:
    """The question's words the context holds in another form of their root that differs
    from it only by long vowels: a broken plural or another spelling (ربح / أرباح، نقود /
    نقد), not a word of another pattern (متهم / تهم: the accused are not the charges)."""
    index = story.library.index
    if not index.params.language:
        return frozenset()
    same = lexicon_of(index).same_root

    def plural_of(term: str) -> bool:
        consonants = term.translate(_LONG_VOWELS)
        return any(f.translate(_LONG_VOWELS) == consonants for f in context.intersection(same(term)))

    return frozenset(t for t in about if t not in context and plural_of(t))


def _proclitic_on(longer: str, shorter: str) -> bool:
    """LONGER is SHORTER with a one-letter proclitic the stemmer left on (بجد: ب + جده, its
    final ة dropped with the article's; باصل: ب + اصل). The bare word keeps three letters, so
    two unrelated words that differ in their first letter (بلد، ولد) are no forms of one."""
    rests = proclitic_rests(longer, STEM_CLITICS)
    return len(shorter) >= 3 and (shorter in rests or (shorter.endswith("ه") and shorter[:-1] in rests))


def _clitic_hold(about: frozenset[str], context: frozenset[str]) -> frozenset[str]:
    """The question's words the context holds with or without a one-letter proclitic (بجدة /
    جدة), or in their singular the context writes so (أصول / بأصل): the light stemmer strips
    ب ل ك و ف only with the article, so the two spellings are two terms."""

    def held(term: str) -> bool:
        own = {term} | ({plurals.singular(term)} if plurals.singular(term) else set())
        return any(f == c or _proclitic_on(f, c) or _proclitic_on(c, f) for f in own for c in context)

    return frozenset(t for t in about if t not in context and held(t))


def specific_terms(story: Story, terms: Sequence[str]) -> frozenset[str]:
    """The question's words that single out what it is about: used by the article in few
    paragraphs (a person, a place, a thing), not its protagonists, units or attributes."""
    index = story.library.index
    specific = _in_few_paragraphs(story, terms, max(1, int(len(index.passages) * SPECIFIC_SHARE)))
    return specific - story.unspecific_terms


def _in_few_paragraphs(story: Story, terms: Iterable[str], most: float) -> frozenset[str]:
    """The terms of the article found in at most `most` of its paragraphs."""
    counts = story.paragraph_counts
    return frozenset(t for t in terms if 0 < counts.get(t, 0) <= most)


def _price_subject(story: Story, reading: Reading) -> frozenset[str]:
    """What a price is asked of, as the article names it (not its protagonists, nor units)."""
    index = story.library.index
    # The window is analysed as one text, so that an Arabizi one ("sahm meta b kam") is read as such.
    terms = {t for t in index.analyze(" ".join(reading.price_window)) if t in index.vocabulary}
    return frozenset(terms - story.protagonists - story.unit_terms)


def _own_terms(story: Story, reading: Reading) -> frozenset[str]:
    """A follow-up's own words as the article uses them (not its protagonists, units or
    linking verbs), which its answer must hold; none for a question that leans on nothing."""
    if not reading.own:
        return frozenset()
    index = story.library.index
    terms = set(index.analyzer.analyze_tokens(reading.own)) - story.protagonists - story.unit_terms - story.light_terms
    # Any form of the word will do (أصدر / أصدرت, the light stemmer leaves verbs whole): its root's words.
    forms = {f for t in terms for f in lexicon_of(index).same_root(t)} if index.params.language else set()
    return frozenset((terms | forms) & index.vocabulary)


def _sentence_terms(story: Story, hit: SentenceHit) -> frozenset[str]:
    return _text_terms(story, hit.sentence.text)


@story_cached
def _text_terms(story: Story, text: str) -> frozenset[str]:
    return frozenset(story.library.index.analyze(text))


def _rows(reading: Reading) -> list[KindRow]:
    """The kind's row, and the definition row when the question has that form."""
    return [row_of(reading.kind)] + ([KINDS[DEFINITION]] if reading.definition and reading.kind != DEFINITION else [])


def _must_hold(story: Story, reading: Reading, result: SearchResult) -> frozenset[str] | None:
    """For a number, a date or a yes/no, the word asked about (كم صرفت → spending, هل
    استقطبت → hiring) that the answer must hold, when the article uses it and it is no mere
    unit; the content word on either side of the question word, since dialects often put
    the verb first ("meta dafa3et kam")."""
    # A number or date may be asked about with a few words ("كم دفع زوك مكافآت"); a yes/no
    # question's verb is the one word after هل.
    after_words = row_of(reading.kind).subject_words
    if not after_words:
        return None
    index = story.library.index
    words = set(asked_about(story, reading, after_words)) - story.protagonists - story.unit_terms - story.light_terms
    words -= reading.qtype.given  # a year the question gives dates the value asked, it is not the thing asked
    asked = {t for t in words if t in index.vocabulary}
    if words and index.params.language:
        # Any derivation of the word will do (هل فيه ربط → مرتبط, كم فاز → الفوز): its root's
        # words, also of a form the article never uses (سددت → بسداد).
        forms = {f for t in words for f in lexicon_of(index).same_root(t)} - story.light_terms - story.unit_terms
        asked |= {f for f in forms if f in index.vocabulary} if asked else set()
    return frozenset(asked) or None


def _value_near(story: Story, hit: SentenceHit, asked: frozenset[str], reading: Reading) -> bool:
    """Some word holding what the kind asks for (a number, a date, a span) stands within
    VALUE_DISTANCE words of a word the answer must hold (كم عدد مصانع → مصانع)."""
    return _value_near_in(story, hit.sentence.text, asked, reading.qtype)


@story_cached
def _value_near_in(story: Story, text: str, asked: frozenset[str], qtype: QuestionType) -> bool:
    """_value_near of a sentence's text; kept: the candidates of one question are those of
    the messages that ask it in other words, and each word of a sentence is read again."""
    analyze = story.library.index.analyze
    words = text.split()
    values = [i for i, word in enumerate(words) if strength(qtype, word) > 0]
    # A span is told in two words (30 عاماً، ثلاث سنوات), which hold it only as a pair.
    if qtype.kind == DURATION:
        values += [i for i in range(len(words) - 1) if strength(qtype, f"{words[i]} {words[i + 1]}") > 0]
    at = [i for i, word in enumerate(words) if asked.intersection(analyze(word))]
    if not values or not at:
        return True
    # The value must also stand in the clause of the word asked about: in «يختتم النصر اليوم
    # معسكره …، … قبل لقاء السوبر» the day is the camp's, not the match's.
    clause = _clauses(words)
    return any(abs(i - j) <= VALUE_DISTANCE and clause[i] == clause[j] for i in values for j in at)


def _asks_an_amount(
    story: Story, reading: Reading, counted: bool, measure: str, unit_words: tuple[str, ...]
) -> frozenset[str] | None:
    """"كم بلغت مبيعات سابك"، "كم وصلت القروض": a number question whose linking verb (decision
    role `light`) ties the value to its subject asks the amount the subject reached, unless it
    asks a count, a measure or a unit, a share (role `share`: نسبة، percent) or a change (role
    `change`: ارتفع، انخفض, or a word of their roots): a share is a part of a whole or the
    extent of a change («زيادة المبيعات بنسبة 2 في المائة»), not the amount. The subject's
    index terms and its root's words (the first word after the verb: مبيعات of مبيعات سابك,
    the head of the construct, not the one it names), or None when no amount is asked."""
    if reading.kind != NUMBER or counted or measure or unit_words:
        return None
    if _question_terms(story, reading) & (_role_forms(story, "share") | _role_forms(story, "change")):
        return None
    analyze = story.library.index.analyze
    words = [terms for terms in map(analyze, tokenize(normalize(reading.asking))) if terms]
    at = next((i for i, terms in enumerate(words) if set(terms) <= story.light_terms), None)
    if at is None or at + 1 >= len(words):
        return None
    return _with_root_words(story.library.index, words[at + 1])


def _question_terms(story: Story, reading: Reading) -> frozenset[str]:
    analyze = story.library.index.analyze
    return frozenset(t for token in reading.tokens for t in analyze(token))


@story_cached
def _role_forms(story: Story, role: str) -> frozenset[str]:
    """The index terms of a decision role's words and of the words of their roots (the same
    for every question of the story)."""
    return _with_root_words(story.library.index, story.terms_of(words_of(role)))


def _with_root_words(index: StoryIndex, terms: Iterable[str]) -> frozenset[str]:
    """The index terms and, with the language resources on, the words of each one's root
    (Arramooz / Tashaphyne: طبيب / أطباء, ارتفع / ارتفاع)."""
    terms = frozenset(terms)
    if not index.params.language:
        return terms
    return terms | {f for t in terms for f in lexicon_of(index).same_root(t)}


@story_cached
def _shares_only(story: Story, text: str, asked: frozenset[str] | None, qtype: QuestionType) -> bool:
    """Every value of the sentence that stands by the word asked (in its clause, within
    VALUE_DISTANCE words; any value when nothing is asked or none stands so) is a share
    (kinds.share_at)."""
    words = text.split()
    shares = share_at(words)
    values = [i for i, word in enumerate(words) if strength(qtype, word) >= 1.0 and not dating_years(normalize(word))]
    if asked:
        analyze = story.library.index.analyze
        at = [j for j, word in enumerate(words) if asked.intersection(analyze(word))]
        clause = _clauses(words)
        # None near (or the word held by another form of its root): any value may be the one.
        values = [i for i in values if any(abs(i - j) <= VALUE_DISTANCE and clause[i] == clause[j] for j in at)] or values
    return bool(values) and all(i in shares for i in values)


# --- the subject of a value: in the clause of the number ------------------------------------
# A value asked of one subject (أرباح البنوك، أهداف أغويرو، وفيات جدة) is told in the clause
# that names it; a sentence may tell another subject's value beside it («… البنوك …، بينما
# بلغت أرباح قطاع الاتصالات 5 مليارات»), or two sentences run together without a space after
# the full stop («… وباكستان.وأفاد …»). Clauses here are cut only where the sentence turns to
# another subject (lexicon role `contrast`, a full stop inside the text): a comma cuts asides
# off («أعلنت سابك، أمس، أن أرباحها …») and a semicolon goes on with what it explains («… وراء
# هذا التأخير؛ حيث …», all sets: cutting there lost one answer), both still of the same subject.
_SUBJECT_CUT = re.compile(r"[.!?؟]$")
_GLUED_STOP = re.compile(r"[\u0621-\u064a][.][\u0621-\u064a]")  # وباكستان.وأفاد; not Internet.org, 14.3


def _subject_groups(story: Story, reading: Reading, about: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The question's words that single out what the value is of (specific_terms: a name, a
    sector, a place), one group of index terms per written word."""
    analyze = story.library.index.analyze
    groups = {frozenset(analyze(token)) & about for token in reading.tokens}
    return tuple(g for g in groups if g)


def _subject_clauses(words: Sequence[str]) -> list[int]:
    """The subject clause of each word: a new one after a full stop or a question
    mark (a full stop also glued to the next word: وباكستان.وأفاد) and at a word of contrast
    (بينما، في حين)."""
    contrast = _normalized_words("contrast")
    at, clause = [], 0
    for i, word in enumerate(words):
        bare = _bare(word)
        if bare in contrast or bare[:1] == "و" and bare[1:] in contrast:
            clause += 1
        at.append(clause)
        if _SUBJECT_CUT.search(word) or _GLUED_STOP.search(word):
            clause += 1
    return at


@story_cached
def _subject_apart(story: Story, text: str, groups: tuple[frozenset[str], ...], qtype: QuestionType) -> bool:
    """The sentence names the subject asked, but no value of the kind stands in a clause that
    holds every such word it names: the value is another subject's."""
    analyze = story.library.index.analyze
    words = text.split()
    values = [i for i, word in enumerate(words) if strength(qtype, word) > 0]
    if qtype.kind == DURATION:
        values += [i for i in range(len(words) - 1) if strength(qtype, f"{words[i]} {words[i + 1]}") > 0]
    terms = [frozenset(analyze(word)) for word in words]
    held = [g for g in groups if any(g & t for t in terms)]
    if not values or not held:
        return False
    clause = _subject_clauses(words)
    in_clause = lambda c, g: any(g & t for t, k in zip(terms, clause) if k == c)  # noqa: E731
    return not any(all(in_clause(clause[i], g) for g in held) for i in values)


# A comma, semicolon or colon closes a clause; a comma before و does not: the clause it
# joins («…، ومنعت الأهالي …») shares its subject (all sets: closing there too lost one answer).
_CLAUSE_END = re.compile(r"[،,؛;:]$")


def _clauses(words: list[str]) -> list[int]:
    """The clause of each word (its number, counted from the sentence's start)."""
    at, clause = [], 0
    for i, word in enumerate(words):
        at.append(clause)
        following = words[i + 1] if i + 1 < len(words) else ""
        if _CLAUSE_END.search(word) and not following.startswith("و") or _GLUED_STOP.search(word):
            clause += 1  # two sentences run together (وباكستان.وأفاد) are two clauses too
    return at


def _floor(story: Story, terms: Sequence[str], best: SentenceHit) -> float:
    """The coverage a quote needs: less when it holds a word that singles out what is asked
    (found in few paragraphs), the part a paraphrase keeps, than when it shares only words
    common in the article."""
    # A verb of saying (رأي، قال) is in few paragraphs of a report yet singles out nothing.
    singling = specific_terms(story, terms) - story.terms_of(words_of("speech"))
    return SPECIFIC_FLOOR if singling & best.matched else MIN_COVERAGE


def judge(story: Story, result: SearchResult, diagnose: bool = True) -> Verdict:
    """Pure: does the best sentence answer, or does the article not say? With `diagnose`,
    Verdict.misfits tells why each candidate failed; without (the product's replies), only
    the candidates tested before the answer was found are: the answer is the same."""
    if not result.sentences:
        return Verdict(False, (), "no_match")
    reading = result.query.reading
    terms = result.query.terms
    told = _told_attributes(story, terms)
    declined = _declined_outright(story, reading, told)
    if declined:
        return Verdict(False, (), declined)
    focus = focus_of(story, reading)
    sure = result.query.sureness()
    covered = _coverages(story, terms, result.sentences, sure)  # by id: hits hash deeply
    ranked = _rank(story, reading, result, focus, covered)
    # Ranking already lifts a sentence by the roots it shares (RERANK_ROOT); the decision
    # counts a known word's other derivation as the word itself.
    rooted = _root_share(story, terms, known_only=True)
    unknown_rooted = _unknown_root_share(story, reading, terms)
    covered = {
        id(h): covered[id(h)] + ROOT_COVERAGE * rooted(h) + UNKNOWN_ROOT_COVERAGE * unknown_rooted(h)
        for h in result.sentences
    }
    # A question that names someone particular (Pineau, Cohere, Wang) is answered by a
    # sentence that names them too, not by one that only shares its other words.
    several = reading.several
    named = story.named_in(terms) if not several else frozenset()  # one part may name no one
    if named:
        ranked = [h for h in ranked if named.intersection(h.matched)]
        if not ranked:
            return Verdict(False, (), "name_missing")
    # An attribute the article tells without its word, whose telling sentence is the answer
    # (a nationality by a nisba beside the name; the decision let it through).
    answering = _answering(story, told)
    if answering:
        telling = [h for h in ranked if h.sentence.text in answering]
        if telling:
            return Verdict(True, tuple(telling) + tuple(h for h in ranked if h not in telling))
        return Verdict(False, (), "type_missing")  # not among the sentences searched: a wider search
    # A follow-up is answered by a sentence holding its own words (والصادرات؟ after the
    # imports), not by one the previous question's words alone lift (bot.core.followup says
    # which of its words: not the one a "which" names, "ومن أي شركة؟", which the answer names).
    own = _own_terms(story, reading)
    if own:
        ranked = [h for h in ranked if own.intersection(_sentence_terms(story, h))]
        if not ranked:
            return Verdict(False, (), "low_coverage")
    # A turn asking a kind of its own inherits the previous question's words, which the
    # sentence just quoted holds by construction: the answer is the best sentence holding what
    # the turn asks (a place named, a cause), near it or wherever the subject is.
    # The best sentence still says whether the article covers the subject; one holding what
    # the turn asks answers in its paragraph, or elsewhere when it covers the question itself.
    gate = ranked[0]
    if covered[id(gate)] < _floor(story, terms, gate):
        return Verdict(False, (), "low_coverage")
    turn_test = FOLLOW_UP_TESTS.get(reading.kind) if reading.follows in _OWN_KIND_FORMS else None
    if turn_test is not None:
        subject = _naming_terms(story, gate.matched)  # what the turn asks about, as answered
        ranked = [
            h for h in ranked
            if turn_test(story, h, frozenset(terms))
            and (h.passage == gate.passage or subject.intersection(h.matched) or covered[id(h)] >= _floor(story, terms, h))
        ]
        if not ranked:
            return Verdict(False, (), "type_missing")
    # A turn asking a name of its own ("وشنو اسمه؟", "w shu esm sharikto?") is answered by a
    # sentence that names something, not by one that only tells of the subject.
    named = _asks_a_name(story, reading)
    if named is not None:
        ranked = [h for h in ranked if _gives_a_name(story, h, frozenset(terms), named)]
        if not ranked:
            return Verdict(False, (), "type_missing")
    best = ranked[0]
    best_coverage = covered[id(best)]
    # The answer must hold what the question asks for (a number for كم, a new name for من
    # or "ما اسم"): the best such sentence in the best sentence's paragraph goes first.
    noun = word_after(story, reading, focus) if focus else None
    row = row_of(reading.kind)
    needs = row.needs
    # "كم شركة …" asks how many, not which: a value's kind wants no name.
    wanted = story.wanted_names(focus[1], noun) if focus and needs != VALUE else None
    subject = _price_subject(story, reading) if row.answer_must is not None else frozenset()
    counted = _asks_a_count(story, reading)
    counted_terms = _counted_forms(story, reading) if counted else frozenset()
    measure = _measure_asked(story, reading)
    value_asked = needs == VALUE
    who = needs == NAME and wanted is None
    must_hold = _must_hold(story, reading, result)
    holder = role_asked(story, reading) if who else None
    role = _role_word(story, reading)
    asked_word = _asked_forms(story, reading)
    within = _place_within(story, reading)
    grain = _time_grain(reading)
    unit_words = unit_asked_words(reading.tokens[reading.qword + 1]) if reading.kind == NUMBER and reading.qword is not None and reading.qword + 1 < len(reading.tokens) else ()
    amount = _asks_an_amount(story, reading, counted, measure[0], unit_words)
    amount_of = (must_hold & amount or must_hold) if amount is not None and must_hold else None
    written = frozenset(normalize(t) for t in reading.tokens)  # the question's words as written
    # A number or date must be about the particular thing, person or place asked about.
    about = specific_terms(story, terms) if value_asked and not several else frozenset()
    located = about & _placed_terms(story, reading)
    subject_groups = _subject_groups(story, reading, about) if about else ()
    if value_asked and not several and _placed_elsewhere(story, reading):
        return Verdict(False, (), "place_unknown")
    # A year asked is a condition on the answer of any kind, as a place asked is on a value:
    # the article must write it, and date the quoted sentence in it.
    years = years_asked(reading) if not several else frozenset()
    if _dated_elsewhere(story, years):
        return Verdict(False, (), "year_unknown")

    ordinals = ordinals_asked(story, reading)
    if who:
        # "Who else": the question's words other than the story's protagonists, and how near the
        # best sentence's coverage of them a candidate must come (read once, not per candidate).
        covers_asked = _coverage_of(story, [t for t in terms if t not in story.protagonists] or list(terms))
        near_best_asked = NEAR_BEST * covers_asked(best)

    def misfit(h: SentenceHit) -> str:
        """Why the sentence cannot be quoted as the answer ("" when it can)."""
        if ordinals and not _tells_of_the_instance(story, ordinals, h):
            return "instance_other"  # "كم مدة الدورة الثانية" of a paragraph on the first one
        if years and not dated_as_asked(years, _dated_contexts(story, h)):
            return "year_other"  # a value of another year (2015's profit for 2014's)
        if holder is not None and not (
            _names_the_holder(story, h, holder, frozenset(terms)) or _describes_the_asked(reading, h)
        ):
            return "holder_unnamed"
        # The kind's own test of the sentence (index.kinds: a price of the thing asked, a count
        # for "how many", the role asked for "who", a purpose of the deed asked for "why").
        whole = covered[id(h)] >= WHOLE_QUESTION
        if row.answer_must is not None and not row.answer_must(fit_of(story, h, focus, subject, counted, measure, role, asked_word, whole, counted_terms, within, counted and _counts_two(reading, h), unit_words, grain)):
            return row.must_misfit
        if who and h.passage != best.passage:
            # "Who else left?": the person may stand in a sentence nearly as good as the best,
            # judged on the question's words other than the story's protagonists.
            near = covers_asked(h) >= near_best_asked
            return "" if near and _type_ok(story, result, h) else "person_elsewhere"
        if wanted is not None:
            # Naming what was asked ("أي شركات" → OpenAI) stands for the asking word itself.
            if not (_has_new_entity(story, h, set(terms), wanted) if wanted else _names_something(story, h, set(terms), noun, written)):
                return "no_name"
            near = _share(story, terms, _present(story, terms, h) | {focus[1]}, sure) >= NEAR_BEST * best_coverage
            return "" if (h.passage == best.passage or near) and _type_ok(story, result, h) else "name_elsewhere"
        if needs == HELD and h.passage != best.passage:
            # A cause may be told in another paragraph than the one that tells what happened.
            return "" if _type_ok(story, result, h) and covered[id(h)] >= CAUSE_ELSEWHERE * best_coverage else "cause_elsewhere"
        if needs == HELD and not covered[id(h)] and not reading.follows:
            # A cause in the paragraph, in a sentence holding nothing asked (a follow-up's
            # "وليش؟" is answered by the sentence after the one just quoted: it holds none).
            return "cause_of_other"
        if h.passage != best.passage:
            # A value told in another paragraph is most often a near-miss's (30 articles, one
            # covering 0.5 / 0.7 / 0.9 of the best allowed: +3/-10, +3/-7, +2/-4 answerable/declined).
            return "other_paragraph"
        if not (_type_ok(story, result, h) or _counts_two(reading, h)):
            return "no_value"
        if must_hold is not None and not must_hold.intersection(_present(story, terms, h) | _sentence_terms(story, h)):
            return "no_asked_word"  # "كم صرفت …": the number must come with the spending
        if value_asked and must_hold is not None and not _value_near(story, h, must_hold, reading):
            return "value_far"  # the number or date stands by something else of a long sentence
        if subject_groups and _subject_apart(story, h.sentence.text, subject_groups, reading.qtype):
            return "subject_apart"  # the number stands in a clause of another subject (its sector, its player)
        if amount is not None and _shares_only(story, h.sentence.text, amount_of, reading.qtype):
            return "share_for_amount"  # "كم بلغت المبيعات" of «زيادة المبيعات بنسبة 2 في المائة»
        if about:
            paragraph = _paragraph_terms(story, h)
            headline = story.headline_terms(h.passage.article)
            held = paragraph | _root_hold(story, about, paragraph) | _clitic_hold(about, paragraph)
            if not _about_it(about, located, held, headline):
                return "about_other"  # a value about something else (another player's goals, another city)
        # A number or date must be about what was asked, not merely near it
        # (its own words: a section heading says nothing about the number).
        if value_asked and _share(story, terms, set(h.matched), sure) < VALUE_NEAR_BEST * best_coverage:
            return "value_weak"
        return ""

    if diagnose or who:  # "who" orders every candidate that passes
        checked = tuple((h, misfit(h)) for h in ranked)  # each test run once; kept for diagnostics
    elif several:
        checked = ()  # any candidate may answer: none is tested
    else:
        checked = _until_fit(ranked, misfit)
    typed = list(ranked) if several else [h for h, why in checked if not why]
    if not typed:
        return Verdict(False, (), "type_missing", checked)
    if who and holder is None and _names_only(story, reading, terms):
        # "من هو ليكون؟" asks who the one named is: a news story says so where it first
        # names them in full (عالم الذكاء الاصطناعي الرئيسي في ميتا، يان ليكون).
        passages = story.library.index.passages
        whole = set(terms)
        typed.sort(key=lambda h: (not whole <= h.matched, passages.index(h.passage), h.sentence.index))
    elif who:
        # The person asked about is the one standing next to the question's words
        # ("جويل بينو قد قفز"), not one named at the far end of the sentence.
        typed.sort(key=lambda h: _name_distance(story, h, set(terms)))
    first = typed[0]
    return Verdict(True, (first,) + tuple(h for h in ranked if h != first), misfits=checked)


def _until_fit(ranked: Sequence[SentenceHit], misfit: Callable[[SentenceHit], str]) -> tuple[tuple[SentenceHit, str], ...]:
    """Each candidate with its misfit, in order, up to the first that fits (the answer)."""
    checked = []
    for hit in ranked:
        checked.append((hit, misfit(hit)))
        if not checked[-1][1]:
            break
    return tuple(checked)


def _asks_a_name(story: Story, reading: Reading) -> frozenset[str] | None:
    """The turn itself asks a name ("وشنو اسمه؟", "w shu esm sharikto?", "وشنو اسم المدير؟"):
    the terms of what it asks the name of, its own words when it names a thing (المدير), else
    the subject carried from the first turn ("اسمه": the culprit asked about); None when it
    asks no name."""
    if not reading.follows:
        return None
    index = story.library.index
    naming = story.terms_of(words_of("name"))
    own = set(index.analyzer.analyze_tokens(read(reading.text).tokens))
    if not own & naming:
        return None
    of = (own - naming) & index.vocabulary - story.light_terms
    return frozenset(of or set(index.analyzer.analyze_tokens(reading.tokens)) - naming)


NAMING_AFTER = 4  # words from what is named to the naming word (تطبيقا جديدا يحمل اسم «سند»)


def _gives_a_name(story: Story, hit: SentenceHit, query_terms: frozenset[str], named: frozenset[str]) -> bool:
    """The sentence names what the turn asks the name of: a name of the article's tables, or,
    after a word of it, a naming word (للمحطة التي أطلق عليها اسم …، المعروفة باسم …) or a name
    it marks (quotes, Latin letters, a body's head noun: شركة «زيمبريوم»); not a name told of
    someone else (the spokesman's, a hospital's)."""
    if _has_new_entity(story, hit, set(query_terms), story.library.entity_terms):
        return True
    analyze = story.library.index.analyze
    words = hit.sentence.text.split()
    held = [set(analyze(word)) for word in words]
    at = [i for i, terms in enumerate(held) if named & terms]
    naming = story.terms_of(words_of("name"))
    marks = _normalized_words("naming")
    if any((naming & terms or _bare(words[j]) in marks) and any(0 < j - i <= NAMING_AFTER for i in at) for j, terms in enumerate(held)):
        return True
    return any(
        set(analyze(span)) - query_terms and any(0 < where - i <= reach for i in at)
        for where, span, reach in _named_spans(hit.sentence.text)
    )


def _naming_terms(story: Story, terms: frozenset[str]) -> frozenset[str]:
    """The terms found in at most STANDIN_FLOOR of the article's paragraphs: they name a
    subject (the shrimp of a fish market report), where the words of every paragraph (its
    prices) do not; nor its protagonists, units or linking verbs."""
    common = story.protagonists | story.unit_terms | story.light_terms
    return _in_few_paragraphs(story, terms - common, len(story.library.index.passages) * STANDIN_FLOOR)


def _names_a_place(story: Story, hit: SentenceHit, query_terms: frozenset[str]) -> bool:
    """"ووين كان؟": index.kinds.names_a_place, the question's words being the thing asked."""
    return names_a_place(replace(fit_of(story, hit, None), matched=query_terms))


def _gives_a_cause(story: Story, hit: SentenceHit, query_terms: frozenset[str]) -> bool:
    """"وليش؟": a cause connector (لأن، بسبب، يعود إلى …), not a bare لـ before a verb, which as
    often tells what followed ("… ليستقر سعرها عند …") as why."""
    return holds_cause(normalize(hit.sentence.text))


# The forms of follow-up that ask a kind of their own (bot.core.followup.FORMS), and what such
# a turn's answer must hold of its kind, more surely than a question of its own: the turn
# inherits the previous question's words, so that the sentence just quoted covers it by
# construction, and only what the turn itself asks tells the answer apart.
_OWN_KIND_FORMS = (NEW_KIND, ANOTHER)
FOLLOW_UP_TESTS = {PLACE: _names_a_place, REASON: _gives_a_cause}


def about_the_page(story: Story, query_terms: Sequence[str]) -> bool:
    """The question leans on words only the site's disclaimer uses, or names the site."""
    if not query_terms or not story.disclaimer_terms.intersection(query_terms):
        return False
    if story.library.entity_terms.intersection(story.disclaimer_terms).intersection(query_terms):
        return True
    # Words of the disclaimer weigh in full here, even a Latin name such as Gate.
    unique = set(query_terms)
    top = max(story.library.index.idf(t) for t in unique)
    weights = {t: top if t in story.disclaimer_terms else _term_weight(story, t) for t in unique}
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in story.disclaimer_terms) / total >= DISCLAIMER_SHARE


def pick_quotes(story: Story, query_terms: Sequence[str], hits: Sequence[SentenceHit]) -> list[SentenceHit]:
    """The first sentence, then at most two more that add to it: the sentence it refers
    back to ("وقد محى ذلك …"), or one that covers a good share of the question the quotes so
    far leave uncovered (two-part questions)."""
    first = hits[0]
    chosen = [first]
    if refers_back(first.sentence):
        previous = first.passage.sentences[first.sentence.index - 1]
        chosen += [h for h in hits[1:] if h.sentence == previous][:1]
    covered = set().union(*(_present(story, query_terms, h) for h in chosen))
    covers = _coverage_of(story, query_terms)  # the weights read once, not once a candidate
    so_far = _share(story, query_terms, covered)  # read again only when a quote is added
    for hit in hits[1:]:
        if len(chosen) >= 3:
            break
        if hit in chosen or covers(hit) < MIN_COVERAGE:
            continue
        gain = _share(story, query_terms, covered | hit.matched) - so_far
        if gain >= MIN_GAIN:
            chosen.append(hit)
            covered |= hit.matched
            so_far = _share(story, query_terms, covered)
    return chosen




# Reasons for which the article may name the subject without saying what was asked (a
# number, a reason, a reaction, an attribute): its sentences about the subject are shown.
PARTIAL_REASONS = frozenset({"type_missing", "attribute_unknown", "count_unknown", "reaction_unknown", "noun_unknown"})
RELATED_QUOTES = 2


def subject_terms(story: Story, query_terms: Sequence[str]) -> frozenset[str]:
    """What the question is about, as the article names it: the people and organisations it
    names; in an article whose names are not known, its specific words (found in few
    paragraphs), not units nor attributes."""
    index = story.library.index
    terms = frozenset(t for t in query_terms if t in index.vocabulary)
    names = terms & story.library.entity_terms
    if names or story.library.entity_terms:
        return names
    return specific_terms(story, list(terms))


def related_hits(story: Story, result: SearchResult, reason: str) -> tuple[SentenceHit, ...]:
    """For a question the article does not answer though it names its subject, the best
    sentences about that subject (quoted as what the article does say, never as an answer)."""
    if reason not in PARTIAL_REASONS:
        return ()
    terms = result.query.terms
    subject = subject_terms(story, terms)
    if not subject:
        return ()
    # Coverage is not asked for: the word of what was asked (a salary) is the part missing.
    # The protagonists are named almost everywhere (and often not named again: "the Turing
    # Award winner, who …"): about them, a sentence must share another word of the question.
    if subject <= story.protagonists:
        subject = frozenset(terms) & story.library.index.vocabulary - story.protagonists - story.unit_terms

    def about_it(hit: SentenceHit) -> bool:
        return bool(subject & _present(story, terms, hit))

    covered = {id(h): coverage(story, terms, h) for h in result.sentences if about_it(h)}
    about = sorted((h for h in result.sentences if id(h) in covered), key=lambda h: (-covered[id(h)], -h.score))
    # A second sentence only when it is about as much about the question as the first.
    return tuple(h for h in about[:RELATED_QUOTES] if covered[id(h)] >= NEAR_BEST * covered[id(about[0])])
