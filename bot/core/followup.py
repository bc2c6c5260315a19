"""How a second turn leans on the first: one row per form of follow-up.

A turn that leans back (`Reading.leans_back`: "ومتى؟", "والصادرات؟", "ومن غيره؟", "and
when?", "what about Google?") is searched with the previous question's words after its own
(`Reading.following`). What else the form changes is in `FORMS`, one row each:

* which of its own words the answer must hold: all of them when they are the whole question
  (a substitution: "والصادرات؟" is answered by the exports, not the imports), only those that
  single something out (found in few paragraphs) when a question word of its own asks
  something new ("وإلى أين ذهب؟": ذهب is a paraphrase of the leaving just asked about);
* whether a turn that names a subject of its own (a word found in few paragraphs: "وكم بوابة
  فيه؟") is read on its own when, read with the previous question's words, the article has
  no answer: those words are then required of its answer too (the control tower's height
  for the number of gates);
* whether an own word the article never uses, nor any stand-in of it, means the article
  cannot say ("وفي الربع الثالث؟" of a report on the second quarter);
* how much the sentence the previous reply quoted, and its paragraph, are lifted: an
  ellipsis most often asks about what was just quoted ("بكم انخفضت الأسهم؟" / "وليش؟"),
  whereas "ومن غيره؟" asks for someone else than the one just quoted: that sentence goes.

Pure functions over frozen records, like the rest of bot.core.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.core.question import Conversation, QuotedAt, read
from bot.core.story import Story
from bot.core.verdict import dictionary_word, fit_of, refers_back, specific_terms
from index.language.lexicon import lexicon_of
from index.language.nisba import is_nisba
from index.analysis import normalize, tokenize
from index.arabizi import to_arabic
from index.kinds import ATTRIBUTES, NAME, PUNCTUATION, holds_time, row_of, words_of
from index.questions import PLACE, bare_question_word, is_question_word, lexicon
from index.reading import ANOTHER, NEW_KIND, SUBSTITUTION, Reading, is_content_word
from index.article import Sentence
from index.search import SearchResult, SentenceHit


@dataclass(frozen=True)
class FormRow:
    holds_all_own_words: bool  # else only its specific ones (few paragraphs use them)
    own_subject_alone: bool  # naming a subject of its own, it is searched without the previous words
    unknown_word_declines: bool  # an own word the article never uses: it cannot say
    quoted_sentence: float | None  # lift of the sentence the previous reply quoted first (None: it goes)
    quoted_paragraph: float  # lift of the other sentences of its paragraph
    # The sentence just quoted goes when it holds none of the turn's new words (its own words
    # the previous question did not have) and another sentence does: the turn asks for more
    # than was quoted ("وماذا قال عن الشركات الفرنسية؟", "ولمن أهدى الفوز؟", "وشو قال عن تركي؟").
    more_than_quoted: bool


# The forms of a follow-up, one row each (index.reading.Reading.form tells them apart):
#
#   form          example                         kind asked        words searched
#   SUBSTITUTION  والصادرات؟ / what about Europe?  the previous one  its own in the subject's place
#   NEW_KIND      ومتى؟ / وكم عمره؟ / and why?      its own           its own + the previous subject
#   ANOTHER       ومن غيره؟ / who else?            the previous one  the previous question's
FORMS: dict[str, FormRow] = {
    SUBSTITUTION: FormRow(True, False, True, 0.15, 0.15, True),
    NEW_KIND: FormRow(False, True, False, 0.6, 0.15, True),
    # "Who else?" is not answered by the one just quoted.
    ANOTHER: FormRow(False, False, False, None, 0.15, False),
}

# Sentences a follow-up is judged among: more than a question of its own, so that the
# sentence just quoted is among them when the previous question's words lift others more.
FOLLOW_UP_SENTENCES = 24


def lean(story: Story, reading: Reading, conversation: Conversation | None) -> Reading:
    """The reading searched for a message in this conversation: itself, or, when it leans
    back, the follow-up with the previous question's words and its form's own words."""
    if conversation is None or not conversation.previous_question or not reading.leans_back:
        return reading
    previous = read(conversation.previous_question)
    if row_of(previous.kind).needs == NAME:
        reading = _origin_as_attribute(reading)
    followed = reading.following(previous)
    kept = previous.tokens
    if followed.follows == SUBSTITUTION:
        # What it replaces goes: the previous question's words that no sentence holding
        # its own words holds ("والصادرات؟" after the imports: the imports).
        kept = _beside(story, followed.own, previous.tokens)
    elif followed.follows == NEW_KIND and _knows_any(story, followed.own) and conversation.quoted is not None:
        # A new question about the previous subject ("وكم عمره؟" after "في أي مركز حل
        # فيرستابن؟"): of the previous question, the words the reply's quote holds (the
        # subject as it was answered), not what was asked of it (حل).
        kept = _held_by(story, _quoted_terms(story, conversation.quoted), previous.tokens) or previous.tokens
    if kept != previous.tokens:
        followed = reading.following(previous.keeping(kept))
    # After a "who" question the turn's pronoun stands for the one the reply named; after any
    # other it stands for the subject the question named (فيرستابن in "في أي مركز حل فيرستابن؟").
    after_who = row_of(previous.kind).needs == NAME
    told_of = _told_of(story, conversation.quoted, reading, previous) if followed.follows == NEW_KIND and after_who else ()
    if told_of:
        # "وكم عمره؟" after "مين تأهل للنهائي مع نادال؟": the attribute of the one the reply
        # spoke of, whom the sentence just quoted tells it of («على حساب فونييني (28 عاما)»):
        # that name, not the previous question's words, is what the turn asks about.
        asking = tuple(t for t in previous.tokens if not is_content_word(t) or is_question_word(t))
        followed = reading.following(previous.keeping(asking))
        return replace(followed, tokens=followed.tokens + told_of, own=_singling(story, reading))
    if followed.follows != SUBSTITUTION and conversation.quoted is not None and row_of(previous.kind).needs == NAME:
        # "ووين كان؟" after "من هو الأمين العام لأوبك؟": he is the one the reply named
        # (عبد الله البدري), whom the article goes on to name without the role: his name
        # stands for the role's words, which others' sentences use too ("تواصل مع مدير …").
        name = _answered_name(story, conversation.quoted, previous)
        if not name and followed.follows == NEW_KIND:
            name = _introduced_name(story, conversation.quoted, previous)
        if name:
            role = _quoted_terms(story, conversation.quoted)
            analyze = story.library.index.analyze
            rest = tuple(t for t in previous.tokens if not role.intersection(analyze(t)))
            followed = reading.following(previous.keeping(rest))
            followed = replace(followed, tokens=followed.tokens + name)
    if FORMS[followed.follows].holds_all_own_words:
        return followed
    return replace(followed, own=_singling(story, reading))


# "From which country / city?" asked of a person (the one a "who" reply named: "ومن أي مدينة؟",
# "w howa men ay balad?") asks where they come from, which news style tells by a nisba beside
# the name («كريستيان غروس المدرب السويسري»), as "وما جنسيته؟" is answered: the phrase is read
# as that attribute's word (index.kinds.ATTRIBUTES' row tells it; an article that tells it of
# no one named cannot say). The words for "from", and the attribute, as the reader normalises them.
_FROM = frozenset({"من", "men", "min", "from"})
_ORIGIN_ATTRIBUTE = normalize("جنسية")  # the key of ATTRIBUTES' nationality row
assert "جنسية" in ATTRIBUTES


def _origin_as_attribute(reading: Reading) -> Reading:
    """The turn with "من أي بلد" (from, which, a place noun of the question words' table, in
    Arabic, Arabizi or English) read as the origin attribute's word; the turn itself otherwise."""
    words = lexicon()
    tokens = reading.tokens
    for at in range(len(tokens) - 2):
        start, which, noun = tokens[at : at + 3]
        head = noun if noun in words.heads or not noun.isascii() else to_arabic(noun)
        if start.removeprefix("و") in _FROM and which in words.which_words and words.heads.get(head) == PLACE:
            # "What is his nationality?", its "and" kept: a new kind asked of the one named.
            asking = ("وما" if start.startswith("و") else "ما", _ORIGIN_ATTRIBUTE)
            origin = read(" ".join(tokens[:at] + asking + tokens[at + 3 :]) + "؟")
            return replace(origin, text=reading.text)
    return reading


NAME_WORDS = 3  # at most this many words of a name set beside the role asked ("عبد الله البدري")


def _answered_name(story: Story, quoted: QuotedAt, previous: Reading) -> tuple[str, ...]:
    """The name the previous reply gave for a "who" question: the words set beside the
    question's phrase in the sentence it quoted («الأمين العام لـ«أوبك»، عبد الله البدري،
    للصحافيين»), up to a comma, a function word or NAME_WORDS words; () when none stands there."""
    sentence = _quoted_sentence(story, quoted)
    if sentence is None:
        return ()
    index = story.library.index
    asked = set(index.analyze(previous.asking)) | set(index.analyzer.analyze_tokens(previous.tokens))
    # Each written word as its tokens ("لـ«أوبك»،" → ل، اوبك), and whether a comma ends it.
    words = [(tokenize(normalize(w)), w.endswith(_CLOSING)) for w in sentence.text.split()]
    words = [(tokens, closes) for tokens, closes in words if tokens]

    def holds_asked(tokens: list[str]) -> bool:
        return bool(asked.intersection(index.analyzer.analyze_tokens(tokens)))

    at = [i for i, (tokens, _) in enumerate(words) if holds_asked(tokens)]
    if not at:
        return ()
    end = at[0]
    for i in at[1:]:  # the question's phrase as the sentence writes it (its words a few apart)
        if i - end > 2:
            break
        end = i
    # Set off by commas («الأمين العام لـ«أوبك»، عبد الله البدري، للصحافيين»), or, right after
    # the role, ended by the "that" a verb of saying opens its words with («وقال المتحدث الرسمي
    # للدفاع المدني الرائد يحيى القحطاني إن …»).
    set_off = words[end][1]
    name: list[str] = []
    for tokens, closes in words[end + 1 : end + 1 + NAME_WORDS + 1]:
        token = tokens[-1]
        if not set_off and token in _SAYING_THAT:
            return tuple(name)
        if len(name) == NAME_WORDS:
            break
        # A divine name after عبد is a name's part (عبد الله), though الله alone is a stopword.
        part_of_name = bool(name) and name[-1] in _SERVANT and token in _DIVINE
        # An aside set off by commas is no name: a date («رئيس النادي، أمس، إن …»), a function word.
        if not part_of_name and (
            not is_content_word(token) or is_question_word(token) or holds_asked(tokens) or holds_time(token, frozenset())
        ):
            break
        name.append(token)
        if closes:
            return tuple(name) if set_off else ()
    return ()  # nothing closes it: not a name in apposition


def _introduced_name(story: Story, quoted: QuotedAt, previous: Reading) -> tuple[str, ...]:
    """The foreign name the sentence just quoted introduces as news style does, right after a
    nisba («سائق فيراري الألماني سيباستيان فيتيل المركز الأول»، «القبرصي ماركوس بغداديس»): the
    words after the first nisba, up to NAME_WORDS, a stopword, a word with the article (the
    sentence goes on: المركز، المصنف) or a closing mark, none held by the question, one at
    least no dictionary knows (a name: not «الريال السعودي مقابل …»); () when none stands so."""
    sentence = _quoted_sentence(story, quoted)
    if sentence is None:
        return ()
    index = story.library.index
    asked = set(index.analyze(previous.asking)) | set(index.analyzer.analyze_tokens(previous.tokens))
    written = sentence.text.split()
    bare = [normalize(w).strip(PUNCTUATION) for w in written]
    for at in (i for i, word in enumerate(bare) if word and is_nisba(word)):
        name: list[int] = []
        for j in range(at + 1, min(len(bare), at + 1 + NAME_WORDS)):
            word = bare[j]
            if not word or not is_content_word(word) or word.startswith("ال") or asked.intersection(index.analyze(word)):
                break
            name.append(j)
            if written[j].endswith(_CLOSING):
                break
        if name and not all(dictionary_word(bare[j]) for j in name):
            return tuple(bare[j] for j in name)
    return ()


def _told_of(story: Story, quoted: QuotedAt | None, reading: Reading, previous: Reading) -> tuple[str, ...]:
    """For a turn asking an attribute with no subject of its own ("وكم عمره؟", "وجنسيته ايش؟"),
    the word the sentence just quoted tells it beside that the previous question does not hold
    (a new name: the one the reply gave); () when it tells it of no one new."""
    if quoted is None or _singling(story, reading):
        return ()
    index = story.library.index
    rows = [ATTRIBUTES[a] for a in ATTRIBUTES if set(index.analyze(a)) & set(index.analyzer.analyze_tokens(reading.tokens))]
    sentence = _quoted_sentence(story, quoted)
    if not rows or sentence is None:
        return ()
    asked = set(index.analyze(previous.asking)) | set(index.analyzer.analyze_tokens(previous.tokens))
    candidates = []
    for word in dict.fromkeys(tokenize(normalize(sentence.text))):
        terms = set(index.analyze(word))
        if not is_content_word(word) or word[0].isdigit() or not terms & index.vocabulary or terms & asked:
            continue
        if any(row.tells(sentence.text, lambda w, word=word: w.strip(PUNCTUATION) == word) for row in rows):
            candidates.append(word)
    # The row looks a few words around the value (AGE_AFTER_NAME), so the words before the name
    # pass too («على حساب فونييني (28 عاما)»): news style puts the aside right after the name,
    # the last of them.
    return (candidates[-1],) if candidates else ()


# The "that" (إن، أن) that opens what a verb of saying reports, normalised.
_SAYING_THAT = frozenset({"ان"})
# عبد الله: a name of two words whose second is a stopword alone.
_SERVANT = frozenset({"عبد"})
_DIVINE = frozenset({"الله"})


_CLOSING = (",", "،", "؛", ";", ":", ".", ")", "»")


def _beside(story: Story, own: tuple[str, ...], tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens whose words share a sentence of the article with one of the own words
    (tokens the article does not know, and question words, stay)."""
    index = story.library.index
    vocabulary = index.vocabulary
    own_terms = {t for word in own for t in index.analyze(word)}
    if index.params.language:  # an English word stands for its sure translations (exports → صادرات)
        lexicon = lexicon_of(index)
        own_terms |= {s for t in own_terms - vocabulary for s in lexicon.alternatives(t, index.params.language).sure}
    own_terms &= vocabulary
    if not own_terms:
        return tokens
    together: set[str] = set()
    for passage in index.passages:
        for sentence in passage.sentences:
            terms = set(index.analyze(sentence.text))
            if own_terms & terms:
                together |= terms
    # No sentence that holds the turn's words holds any word of the previous question: the
    # turn replaces its whole subject ("what about Europe?" after the Middle East's growth
    # in May), and of the previous question only its question and function words stay.
    return _held_by(story, together, tokens) or _unknown_only(story, tokens)


def _unknown_only(story: Story, tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens with no word the article knows (question words, stopwords); all of them
    when that leaves no question word to ask with."""
    kept = tuple(t for t in tokens if not story.knows(t))
    return kept if any(is_question_word(t) for t in kept) else tokens


def _knows_any(story: Story, words: tuple[str, ...]) -> bool:
    """Some of the words is the article's ("عمره": an age it gives someone; not "الآن")."""
    return any(story.knows(w) for w in words)


def _held_by(story: Story, terms: set[str], tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens with a word among the terms, and those with no word the article knows
    (question words, stopwords, words it never uses); () when no known word is held."""
    index = story.library.index

    def known(token: str) -> list[str]:
        return [t for t in index.analyze(token) if t in index.vocabulary]

    if not any(set(known(t)) & terms for t in tokens):
        return ()
    return tuple(t for t in tokens if not known(t) or set(known(t)) & terms)


def _quoted_sentence(story: Story, quoted: QuotedAt) -> Sentence | None:
    """The sentence the previous reply quoted first, as the index holds it."""
    for passage in story.library.index.passages:
        if passage.article == quoted.article and passage.number == quoted.paragraph:
            return next((sentence for sentence in passage.sentences if sentence.start == quoted.start), None)
    return None


def _quoted_terms(story: Story, quoted: QuotedAt) -> set[str]:
    """The index terms of the sentence the previous reply quoted first."""
    sentence = _quoted_sentence(story, quoted)
    return set(story.library.index.analyze(sentence.text)) if sentence is not None else set()


def _leaned_on(story: Story, quoted: QuotedAt) -> int | None:
    """The index of the sentence the quoted one refers back to, in its paragraph; None when
    it refers back to none."""
    sentence = _quoted_sentence(story, quoted)
    return sentence.index - 1 if sentence is not None and refers_back(sentence) else None


def on_its_own(story: Story, reading: Reading, conversation: Conversation | None) -> Reading | None:
    """A follow-up that names a subject of its own, read alone (still a follow-up: the
    sentence just quoted is lifted); None when its form does not allow it or it names none."""
    if conversation is None or not conversation.previous_question or not reading.leans_back:
        return None
    form = reading.form
    singling = _singling(story, reading)
    if not FORMS[form].own_subject_alone or not singling:
        return None
    return replace(reading, own=singling, follows=form)


def _singling(story: Story, reading: Reading) -> tuple[str, ...]:
    """The message's own words that single out a subject, not the word a "which" asks the
    name of ("ومن أي شركة جاء؟": the company is the answer, not a subject)."""
    which = lexicon().which_words
    named = {b for a, b in zip(reading.tokens, reading.tokens[1:]) if bare_question_word(a) in which or a[1:] in which}
    own = (t for t in reading.tokens if is_content_word(t) and not is_question_word(t) and t not in named)
    return tuple(w for w in own if _singles_out(story, w))


def _singles_out(story: Story, word: str) -> bool:
    """The word, or what stands for it in the article (another derivation, a translation),
    is found in few of its paragraphs: it names a subject (bot.core.verdict.specific_terms).
    A verb of saying ("ومن قال ذلك؟") is in few paragraphs of a report yet singles out nothing."""
    index = story.library.index
    terms = index.analyze(word)
    resources = index.params.language
    if resources:
        lexicon = lexicon_of(index)
        terms += [t for term in terms if term not in index.vocabulary for t, _ in lexicon.alternatives(term, resources).weighted]
    return bool(specific_terms(story, terms) - story.terms_of(words_of("speech")))


def leaves_the_article(story: Story, reading: Reading) -> bool:
    """A substitution names something the article never mentions, by no word nor stand-in
    ("وفي الربع الثالث؟"): it cannot say. Latin words say nothing (the dictionary misses
    too many of an article's words), nor do words the previous question had too."""
    if not reading.follows or not FORMS[reading.follows].unknown_word_declines:
        return False
    index = story.library.index
    resources = index.params.language
    lexicon = lexicon_of(index) if resources else None
    for word in reading.own:
        for term in index.analyze(word):
            # Two letters are what a stemmer leaves of a particle (بدون → بد), not a subject.
            if term.isascii() or len(term) < 3 or term in index.vocabulary or term in story.unit_terms:
                continue
            if lexicon is None or not lexicon.alternatives(term, resources).weighted:
                return True
    return False


def toward_quoted(
    story: Story, result: SearchResult, reading: Reading, quoted: QuotedAt | None, keep: int
) -> SearchResult:
    """The search result with the sentences of the previously quoted paragraph lifted as the
    follow-up's form says, re-ranked, the best `keep` kept. The quoted sentence itself is
    lifted unless it fails the finer test of the follow-up's kind (a place named for "ووين؟":
    index.kinds' row); then it is not lifted at all."""
    if not reading.follows:
        return result
    form = FORMS[reading.follows]
    elsewhere = form.more_than_quoted and quoted is not None and _asks_more(story, result, reading, quoted)
    leaned_on = _leaned_on(story, quoted) if quoted is not None and not elsewhere else None

    def lifted(hit: SentenceHit) -> SentenceHit | None:
        if quoted is None or hit.passage.article != quoted.article or hit.passage.number != quoted.paragraph:
            return hit
        if hit.sentence.index == leaned_on and form.quoted_sentence is not None:
            # "وقد محى ذلك …" was quoted with the sentence it refers back to, which tells
            # what "ذلك" is: "وليش؟" / "ومتى؟" is asked of that one as much.
            lift = form.quoted_sentence if hit.typed or _holds_the_kind(story, hit, reading) else form.quoted_paragraph
            return replace(hit, score=hit.score + lift)
        if hit.sentence.start != quoted.start:
            return replace(hit, score=hit.score + form.quoted_paragraph)
        if form.quoted_sentence is None or elsewhere:
            return None
        # Just quoted and not holding what is now asked: the answer is elsewhere.
        return replace(hit, score=hit.score + form.quoted_sentence) if _holds_the_kind(story, hit, reading) else hit

    kept = (h for h in map(lifted, result.sentences) if h is not None)
    sentences = sorted(kept, key=lambda h: -h.score)
    return replace(result, sentences=tuple(sentences[:keep]))


def new_terms(story: Story, reading: Reading) -> frozenset[str]:
    """The index terms of a follow-up's own words that the previous question did not have:
    what it asks beyond the previous question. Not the noun a "which" asks the name of (ومن
    أي شركة: the answer names it), nor verbs of saying ("وماذا قال عن …": what was said is
    asked), linking verbs, units, attributes (عمره) or the story's protagonists; nor Latin
    words (the dictionary's glosses miss too many of an article's words to tell: with their sure
    translations, "and mostly in what?" lost the sentence just quoted that holds معظمها)."""
    if not reading.follows:
        return frozenset()
    index = story.library.index
    turn = read(reading.text)
    named = {b for a, b in zip(turn.tokens, turn.tokens[1:]) if _is_which(a)}
    own = tuple(t for t in turn.tokens if is_content_word(t) and not is_question_word(t) and t not in named and not t.isascii())
    previous = set(index.analyzer.analyze_tokens(reading.tokens[len(turn.tokens):]))
    ignored = (story.terms_of(words_of("speech")) | story.light_terms | story.unit_terms | story.protagonists
               | story.attribute_terms)
    return frozenset(set(index.analyzer.analyze_tokens(own)) & index.vocabulary) - ignored - previous


def _asks_more(story: Story, result: SearchResult, reading: Reading, quoted: QuotedAt) -> bool:
    """The turn asks for more than the sentence just quoted says: that sentence holds none
    of the turn's new words, another sentence of the result does, and it does not hold what
    the turn's kind asks either (a number for "وكم عمره؟", a place for "ووين؟"). A "who" or a
    "which" keeps it: the name asked for is often in the sentence just quoted."""
    new = new_terms(story, reading)
    if not new or row_of(reading.kind).needs == NAME or _names_a_which(reading):
        return False
    analyze = story.library.index.analyze

    def holds(hit: SentenceHit) -> bool:
        return bool(new.intersection(analyze(hit.sentence.text)))

    def is_quoted(hit: SentenceHit) -> bool:
        return (hit.passage.article, hit.passage.number, hit.sentence.start) == (quoted.article, quoted.paragraph, quoted.start)

    just_quoted = next((h for h in result.sentences if is_quoted(h)), None)
    if just_quoted is None or holds(just_quoted) or not any(holds(h) for h in result.sentences if not is_quoted(h)):
        return False
    return not _holds_what_is_asked(story, just_quoted, reading)


def _names_a_which(reading: Reading) -> bool:
    return any(_is_which(t) for t in read(reading.text).tokens)


def _is_which(token: str) -> bool:
    """"أي" / "which", bare or with a letter before it (وأي، بأي)."""
    which = lexicon().which_words
    return bare_question_word(token) in which or token[1:] in which


def _holds_what_is_asked(story: Story, hit: SentenceHit, reading: Reading) -> bool:
    """The sentence holds what the kind asks for: its row's finer test (a place), else its
    value (a number, a date, a cause); a kind with neither (what, how) asks for words, which
    the new words say."""
    row = row_of(reading.kind)
    if row.answer_test is not None:
        return _holds_the_kind(story, hit, reading)
    if row.search_lift > 0:
        return reading.qtype.strength(hit.sentence.text) > 0
    return False


def _holds_the_kind(story: Story, hit: SentenceHit, reading: Reading) -> bool:
    """The sentence passes the finer test of the kind's row (a place named for "ووين؟"); a
    kind without one (a number, a date) is left to the decision, which looks for the value
    in the paragraph of the sentence that holds the subject."""
    row = row_of(reading.kind)
    if row.answer_test is None:
        return True
    return hit.typed and row.answer_test(fit_of(story, hit, None))
