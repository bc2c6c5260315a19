"""Arabic text analysis: one function turns documents and questions alike into index terms.

normalise -> tokenise -> (alias or synonym group) -> stopword filter -> light stem.
pyarabic does the character work it is good at (diacritics, tatweel); its alef and hamza
normalisers are not used because they fold ى into ا and أ into ء (see STYLE.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from pyarabic import araby

from index.arabizi import looks_arabizi, to_arabic
from index.wordtables import read_rows
from index.memo import UNKEPT, remembered

if TYPE_CHECKING:
    from index.language.tables import Table

LEXICON_DIR = Path(__file__).with_name("lexicon")

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_CHAR_MAP = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
        "ى": "ي", "ی": "ي", "ئ": "ي",
        "ة": "ه", "ۀ": "ه",
        "ؤ": "و",
        "ک": "ك", "گ": "ك", "پ": "ب", "چ": "ج", "ڤ": "ف", "ژ": "ز",
        "٫": ".", "٬": ",", "٪": "%", "،": ",", "؛": ";", "؟": "?",
        "“": '"', "”": '"', "«": '"', "»": '"', "ـ": None,
    }
)
# Both in one pass (no key of one is a key or a value of the other): str.translate with a
# dict table costs per character, and normalize met every new text twice (4 µs of 18).
_LETTERS_AND_DIGITS = {**_CHAR_MAP, **_DIGITS}
# Words: Arabic letters, Latin letters (with Arabizi digits inside), or numbers (12.6, 1,000).
_TOKEN_RE = re.compile(r"[\u0621-\u064a]+|\d*[a-z][a-z0-9']*(?:-[a-z0-9']+)*|\d+(?:[.,]\d+)*")
_TASHKEEL = re.compile("[\u064b-\u0652\u0670]")
_TANWEEN_ALEF = re.compile(r"(?<=[\u0621-\u064a])(?:\u064b\u0627|\u0627\u064b)(?![\u0621-\u064a])")
# A hamza'd alif before ل that opens a word, after at most three proclitic letters (ألمانيا,
# آلاف, إلغاء, بإلغاء, وللإلغاء): no article, which is only ever written with a bare alif
# (or ٱ). normalize keeps it as أ, so that the stemmer does not take ال off it (ألمانيا →
# مانيا, آلاف → اف before); the stemmer writes it ا again (light_stem).
_HAMZA_LAM = re.compile(r"(?<![\u0621-\u064a])([وفبكل]{0,3})[أإآ](?=ل)")
HAMZA_ALIF = "أ"
_HAMZA_MARK = "\ue000"
# A word of three letters whose last is a hamza after alif (ماء, داء, جاء, شاء): without the
# hamza it is another word of two letters, often a stopword (ما "what"), so it keeps it.
# So does it after the article (الماء, بالماء), which the stemmer takes off.
_SHORT_HAMZA = re.compile(r"(?<![\u0621-\u064a\ue000])((?:[وفبك]?ال|[وف]?لل)?[\u0621-\u064a]ا)ء(?![\u0621-\u064a])")
_HAMZA_KEPT = "\ue001"
_ARABIZI_DIGIT_RE = re.compile(r"^[a-z]+[0-9][a-z0-9]*$|^[0-9][a-z]+")
# The letters a present verb opens with (يكتب، تكتب، نكتب), behind a dialect's prefix too (بيكتب).
PRESENT_PREFIXES = "يتن"


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Character-level normalisation: diacritics, tatweel, letter forms, digits, Latin case.

    Cached: the article's sentences are normalised again at every question. Each pattern runs
    only on a text holding the letter it cannot match without (a search over a text is slower
    than `in`: 18 µs a new question before, 9.5 now)."""
    if "\u064b" in text:
        text = _TANWEEN_ALEF.sub("", text)
    if _TASHKEEL.search(text):  # pyarabic checks every character first: skip that when bare
        text = araby.strip_tashkeel(text)
    text = araby.strip_tatweel(text)
    if "أ" in text or "إ" in text or "آ" in text:
        text = _HAMZA_LAM.sub(r"\1" + _HAMZA_MARK, text)
    if "ء" in text:
        text = _SHORT_HAMZA.sub(r"\1" + _HAMZA_KEPT, text)
    text = text.translate(_LETTERS_AND_DIGITS)
    text = text.replace("ء", "")  # a bare hamza is dropped by readers who type without it
    text = text.replace(_HAMZA_MARK, HAMZA_ALIF).replace(_HAMZA_KEPT, "ء")
    return text.lower()


def plain(word: str) -> str:
    """The word with the hamza'd alif normalize keeps before ل written ا, as a reader who
    types no hamza writes it (ألمانيا → المانيا)."""
    return word.replace(HAMZA_ALIF, "ا")


def tokenize(normalized: str) -> list[str]:
    """Tokens of already-normalised text; numbers keep their decimal point (12.6)."""
    return list(_tokens(normalized))


@lru_cache(maxsize=8192)
def _tokens(normalized: str) -> tuple[str, ...]:
    # Cached: a question is tokenised by several readers of it (intent, type, focus …).
    tokens = []
    for tok in _TOKEN_RE.findall(normalized):
        if tok[0].isdigit() and "," in tok:
            tok = tok.replace(",", "")  # 1,000 -> 1000
        elif "'" in tok or "-" in tok:
            tok = tok.removesuffix("'s").replace("'", "").replace("-", "")  # what's, le-cun
        tokens.append(tok)
    return tuple(tokens)


# --- light stemming -------------------------------------------------------------------
# Lucene's ArabicStemmer rules (one prefix, then each suffix in turn, minimum lengths).
_LUCENE_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
_LUCENE_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ه", "ي")
# The index's stemmer also takes longer clitic chains and pronoun suffixes (measured on
# XQuAD; see benchmarks/bench_index.py).
_LIGHT_PREFIXES = ("وبال", "وكال", "فبال", "ولل", "فلل", "وال", "بال", "كال", "فال", "لل", "ال")
# The chains that hold the article before a word, less ال itself (للمهرجان, بالبعثة).
ARTICLE_CHAINS = tuple(p for p in _LIGHT_PREFIXES if p != "ال")
# The attached pronouns (his, her, their …, your, our, my), the longer before the shorter.
PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "نا", "ها", "ه", "ك", "ي")
_TEH_PRONOUN_SUFFIXES = ("تها", "تهم", "ته", "تك", "تنا")
# The stemmer takes off those of two letters Lucene's suffixes lack (ها is Lucene's, ه and ي
# too); ك never: it ends too many words (ملك, بنك, شريك).
_PRONOUN_SUFFIXES = tuple(p for p in PRONOUN_SUFFIXES if len(p) >= 2 and p not in _LUCENE_SUFFIXES)


def lucene_stem(word: str) -> str:
    """Lucene's ArabicStemmer, on text already normalised (so ة is ه)."""
    for prefix in _LUCENE_PREFIXES:
        if word.startswith(prefix) and len(word) >= (4 if len(prefix) == 1 else len(prefix) + 2):
            word = word[len(prefix) :]
            break
    for suffix in _LUCENE_SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            word = word[: -len(suffix)]
    return plain(word)


def light_stem(word: str) -> str:
    """The stemmer used by the index: Lucene's rules plus longer clitic chains."""
    if not ("\u0621" <= word[:1] <= "\u064a"):
        return word
    for prefix in _LIGHT_PREFIXES:
        if word.startswith(prefix) and len(word) >= (4 if len(prefix) == 1 else len(prefix) + 2):
            word = word[len(prefix) :]
            break
    for suffix in _PRONOUN_SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 3:
            word = word[: -len(suffix)]
            break
    # A feminine noun with a pronoun (شركته, قيمتها) writes its ة as ت: undo that.
    for suffix in _TEH_PRONOUN_SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            word = word[: -len(suffix)] + "ه"
            break
    else:
        if word.endswith("تي") and len(word) >= 4 and _teh_noun_with_i(word):
            word = word[:-2] + "ه"
    plural = False
    for suffix in _LUCENE_SUFFIXES:
        # Three letters stay (Lucene keeps two): مدة is not مد "extended", السنة not سن "age",
        # رئة not ري "irrigation"; a word of three letters keeps its ending (measured against
        # two: articles and story sets +5 / -3, XQuAD-ar sentence@1 +0.005; four: articles -5).
        if word.endswith(suffix) and len(word) >= len(suffix) + 3:
            # One plural or dual ending a word: المكونات is مكون, not مكون less ون (مك).
            if suffix in _PLURAL_SUFFIXES:
                if plural:
                    continue
                plural = True
            word = word[: -len(suffix)]
    return plain(word)


_PLURAL_SUFFIXES = frozenset(("ان", "ات", "ون", "ين"))


@lru_cache(maxsize=8192)
def _teh_noun_with_i(word: str) -> bool:
    """A ة-noun before "my" or a dual's construct (شركتي, سنتي "the two years of", منطقتي):
    FreeDict knows the noun, and no dictionary the word less its ي, which a nisba of a word
    ending in ت is (الكويتي, الصوتي, ذاتي: كويت, صوت, ذات), nor is it a verb's (تأتي: تاه is
    no noun FreeDict lists)."""
    from index.language import bilingual, roots  # index.language imports this module

    base = word[:-1]
    words = bilingual.arabic_words()
    return word[:-2] + "ه" in words and base not in words and not roots.in_dictionary(base)

# The nouns and adjectives that take the indefinite accusative's alif (Arramooz's dictionary,
# GPL-3, by scripts/build_arramooz_words.py): شخصا, مواطنا, بالغا written without their tanween.
_ACCUSATIVE = Path(__file__).with_name("language") / "data" / "ar_accusative.txt.gz"


def _accusative_nouns() -> Table:
    from index.language.tables import table  # index.language imports this module

    return table(_ACCUSATIVE)


_DEFINITE = ("ال",) + ARTICLE_CHAINS


def accusative_noun(noun: str) -> bool:
    """Does the dictionary's noun or adjective take the indefinite accusative's alif (نوع: نوعا, شخص: شخصا)?"""
    return noun in _accusative_nouns()


def bare_accusative(token: str, words: frozenset[str]) -> str:
    """The noun of an indefinite accusative written without its tanween (كم شخصا → شخص,
    وتحديدا → وتحديد), else the token: left on, its alif makes the stemmer read مواطنا as
    مواط + "our" and بالغا as بال + غا. Only a noun of the dictionary that the indexed text
    (``words``) also writes bare or with the article (شخص, الشخص, للمواطن): a word of the dictionary or
    FreeDict ending so is no accusative (روسيا, دنيا, اسما keep it), nor a word the text never
    writes otherwise (مضيفا, مشيرا stay as they are)."""
    if len(token) < 4 or token[-1] != "ا" or not words or not ("\u0621" <= token[0] <= "\u064a"):
        return token
    base = token[:-1]
    if base[0] in "وف" and base not in words and len(base) >= 4:
        candidates = (base, base[1:])
    else:
        candidates = (base,)
    nouns = _accusative_nouns()
    for noun in candidates:
        if noun in nouns and (noun in words or any(chain + noun in words for chain in _DEFINITE)):
            return base
    return token


# --- word tables ----------------------------------------------------------------------
def _read_lines(path: Path) -> Iterable[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


# Roles of lexicon/question_words.tsv whose words are never search terms.
_QUESTION_ROLES_STOPPED = ("asks", "what", "which", "auxiliary")


def read_question_words(path: Path) -> list[tuple[str, str, str]]:
    """The rows (word, kind, role) of the question-word table, words normalised."""
    rows = [(normalize(word), kind, role) for word, kind, role in read_rows(path, 3)]
    # A reader who types no hamza writes إلى متى as الى متى: the row holds both spellings.
    return rows + [(plain(word), kind, role) for word, kind, role in rows if plain(word) != word]


# Words of the English list whose Arabic counterpart this engine searches (أثناء is no Arabic
# stopword; FreeDict glosses "during" with it): XQuAD en-ar 0.665 / 0.510 kept, 0.665 / 0.508 stopped.
_ENGLISH_SEARCHED = frozenset({"during"})


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """stopwords.txt, Snowball's English list (stopwords_en.txt, from Debian's postgresql),
    and the question words of lexicon/question_words.tsv."""
    words = {normalize(word) for line in _read_lines(LEXICON_DIR / "stopwords.txt") for word in line.split()}
    # A word a general word group lists (do → يقوم, over → انتهى) keeps its group: the group
    # says what it means here, the generic English list only that it is frequent.
    grouped = {normalize(word) for group in read_groups(LEXICON_DIR / "synonyms.tsv") for word in group}
    words |= {normalize(line) for line in _read_lines(LEXICON_DIR / "stopwords_en.txt")} - grouped - _ENGLISH_SEARCHED
    for word, _kind, role in read_question_words(LEXICON_DIR / "question_words.tsv"):
        if role in _QUESTION_ROLES_STOPPED:
            words.add(word)
    words |= {plain(word) for word in words}  # إلى, written الى by a reader who types no hamza
    return frozenset(words)


def read_groups(path: Path) -> list[tuple[str, ...]]:
    """A table of word groups: one group per line, words separated by '|' or tabs."""
    groups = []
    for line in _read_lines(path):
        words = tuple(w.strip() for w in re.split(r"[|\t]", line) if w.strip())
        if words:
            groups.append(words)
    return groups


# The one-letter proclitics: the conjunctions و ف, and the prepositions ب ل ك, which may follow
# a conjunction (وبعرض, فلكل). The one spelling of them for every reader of a word's clitics
# (index.search.fold_term, index.reading, bot.store.story_search).
CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
PROCLITIC_LETTERS = CONJUNCTIONS + PREPOSITIONS
_PROCLITICS = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال", *PROCLITIC_LETTERS)


def _clitic_variants(word: str) -> Iterable[str]:
    """The word and what remains after stripping common proclitics (for table look-ups),
    including the future and progressive markers of formal and dialect verbs
    (سيغادر, هيعمل, حيعمل, بيعمل, رح يعمل)."""
    yield word
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            yield word[len(prefix) :]
    # A word of the dictionaries as written has no verb prefix for a table's look-up (سيارة, سياسة,
    # هيكل; سيغادر, ستعلن do). The stemmer still takes the future س off it (سيطرة → يطرة): both
    # sides of the index read it alike, and reading it whole there moved near ties the wrong way
    # (development replies +0 / -1, XQuAD-ar sentence@1 -0.0008).
    if len(word) >= 4 and word[0] in "سهحبك" and word[1] in PRESENT_PREFIXES and not known_word(word):  # ك: Moroccan كيعارض
        yield word[1:]
    if len(word) >= 5 and word[0] == "و" and word[1] in "سهحب" and word[2] in PRESENT_PREFIXES and not known_word(word[1:]):
        yield word[2:]


# The shortest remnant a proclitic may leave for a table look-up, as Lucene's stemmer keeps
# three letters: بلغ is no ب + لغ, وضع no و + ضع, برد no ب + رد.
_MIN_KEY = 3


def _keyed_variants(word: str) -> Iterable[str]:
    """The clitic variants a word table may be looked up by (a remnant keeps three letters)."""
    return (v for v in _clitic_variants(word) if v == word or len(v) >= _MIN_KEY)


clitic_variants = _clitic_variants  # for the language resources' look-ups (index.language)


@lru_cache(maxsize=65536)  # asked of every question and article token (dialect, clitics, verdict)
def known_word(word: str) -> bool:
    """A word of the dictionaries: FreeDict's Arabic words as written, or a light stem of
    Arramooz's nouns and verbs; also with a past verb's ت or an accusative's alif off (بدأت,
    وصلت, كبيرا, وفدا are words, not ب + دات, و + صلت, ك + بيرا, و + فدا)."""
    from index.language import bilingual, roots  # index.language imports this module

    forms = [word, *without_verb_endings(word)]
    return any(form in bilingual.arabic_words() or roots.in_dictionary(light_stem(form)) for form in forms)


def without_verb_endings(word: str) -> list[str]:
    """The word less each of VERB_ENDINGS it ends in, where three letters remain (بدأت → بدأ,
    وصلوا → وصل): the forms the dictionaries write (known_word, verdict._unknown_words)."""
    return [word[: -len(e)] for e in VERB_ENDINGS if word.endswith(e) and len(word) - len(e) >= _MIN_KEY]


# A past verb's endings (وصلوا, بدأت, وصلتا) and the accusative's alif (كبيرا), which neither
# dictionary writes: the word less one of them is the dictionary's.
VERB_ENDINGS = ("وا", "تا", "ت", "ا")


@dataclass(frozen=True)
class ProcliticRule:
    """How a reader takes a one-letter proclitic (و ف ب ل ك) off a word: the fewest letters the
    rest keeps, and whether a conjunction with a preposition after it (ولشركة, فبحسب) comes
    off too. What the rest must then be (a word of the dictionaries, a term the text lacks) is
    the reader's own test."""

    min_rest: int
    pairs: bool = False


# The three rules of the readers that take a proclitic letter off, by name:
# - the common one: three letters remain, as for the table look-ups (_MIN_KEY), after a letter
#   or a conjunction with a preposition (proclitic_rest, search.fold_term, Story.clitic_terms,
#   question._writes);
CLITICS = ProcliticRule(_MIN_KEY, pairs=True)
# - an index term the text writes only with a letter on (search._clitic_forms): a stem of four
#   letters, since a shorter one is as often a word's own first letter (بلد, ولد, فرض); at
#   CLITICS, 12 of 2,511 development replies change (5 right, 5 wrong);
TERM_CLITICS = ProcliticRule(4)
# - two stems of one word, the longer with a letter on (verdict._proclitic_on): the shorter
#   may lose the ة the stemmer drops with the article (بجد: ب + جده), so two letters remain.
STEM_CLITICS = ProcliticRule(2)


def proclitic_rests(word: str, rule: ProcliticRule) -> tuple[str, ...]:
    """What remains of WORD without a one-letter proclitic, and with RULE's pairs without a
    conjunction and a preposition after it (ولشركة: لشركة, شركة), each of RULE's length at
    least; none for a word that begins with no proclitic letter (an article's ا, a Latin word)."""
    if word[:1] not in PROCLITIC_LETTERS:
        return ()
    rests = [word[1:]]
    if rule.pairs and word[0] in CONJUNCTIONS and word[1:2] in PREPOSITIONS:
        rests.append(word[2:])
    return tuple(rest for rest in rests if len(rest) >= rule.min_rest)


def proclitic_forms(word: str, rule: ProcliticRule) -> tuple[str, ...]:
    """WORD with each one-letter proclitic on (and with RULE's pairs, a conjunction and a
    preposition): the words whose proclitic_rests under RULE hold it, to look up in a text."""
    if len(word) < rule.min_rest:
        return ()
    pairs = [c + p + word for c in CONJUNCTIONS for p in PREPOSITIONS] if rule.pairs else []
    return tuple(letter + word for letter in PROCLITIC_LETTERS) + tuple(pairs)


# The name of God (a stopword: lexicon/stopwords.txt) and the word of the names it closes
# that is written as often joined to it (عبد الله / عبدالله: 5 development articles joined, 4
# apart). Analyser._read_compounds_of_god.
GOD = "الله"
_SERVANT = "عبد"


@lru_cache(maxsize=65536)
def proclitic_off(token: str) -> str:
    """The word without a one-letter proclitic the stemmer keeps (it strips ب ك ل و ف only with
    the article): بجدة → جدة, كمرحلة → مرحلة, ولشركة → شركة, when what remains (three letters
    at least) is a word of the dictionaries and the whole is not. وصل, بدأ, فاز, كتب (two
    letters would remain) and وزير, فريق, بحيرة (words as written) keep their letter."""
    return token if known_word(token) else proclitic_rest(token)


@lru_cache(maxsize=65536)
def proclitic_rest(token: str) -> str:
    """The word without a one-letter proclitic when what remains is a word of the dictionaries,
    whether or not the whole is one too (بجدة: جدة, though بجد is a verb), else the token."""
    return next((rest for rest in proclitic_rests(token, CLITICS) if known_word(rest)), token)


def _english_ending(token: str, ending: str) -> bool:
    """English adds -es only after a sibilant or o (boxes, watches, goes) and -d only after e
    (moved): "planes" is plane + s, not plan + es, which a word group would take for "plan"."""
    stem = token[: -len(ending)]
    if ending == "es":
        return stem.endswith(("s", "x", "z", "ch", "sh", "o"))
    if ending == "d":
        return stem.endswith("e")
    return True


def _definite(token: str, variant: str) -> bool:
    """The variant is what remains of the token without the article (البعض → بعض, الإمام →
    إمام, الماء → ما, الأم → أم): a noun, though the bare word is a stopword ("some", "in
    front of", "what", "or")."""
    return token != variant and token[: -len(variant)] in _DEFINITE


def _present_root_ending(token: str, stem: str) -> str:
    """A present verb whose last letters only look like a plural ending (تتكون, يتكون: the
    verb تكون, not تتك + ون) keeps them: when the dictionary (Arramooz's light stems) knows the
    word less its present prefix and not the stem the stemmer left (يلعبون → يلعب as before)."""
    if len(token) < 5 or token[0] not in PRESENT_PREFIXES or not token.endswith(("ون", "ين", "ان")) or stem != token[:-2]:
        return stem
    from index.language import roots  # index.language imports this module

    if roots.in_dictionary(token[1:]) and not roots.in_dictionary(stem):
        return token
    return stem


_MEMO_SIZE = 8192


@dataclass(frozen=True)
class Analyzer:
    """Maps surface words to index terms; built from the stopword list and word tables.

    ``table`` maps a normalised surface word (or its stem) to the term of its group, so
    that names (ليكون / لوكون / LeCun) and synonyms (صرف / أنفق) meet on one term.
    """

    table: Mapping[str, str] = field(default_factory=dict)
    stem: bool = True
    use_stopwords: bool = True
    # The normalised words of the indexed text, set by StoryIndex for its questions' analyser
    # only: an accusative's alif comes off a noun the text also writes without it
    # (bare_accusative). Taking it off the article's words too measured -2 answerable.
    words: frozenset[str] = frozenset()
    # A one-letter proclitic comes off a word the dictionaries know without it (proclitic_off):
    # set by StoryIndex for its questions' analyser only. Taking it off the article's words too
    # (both sides read alike) measured XQuAD-ar +0.0016 / +0.0016 but every development set and
    # follow-up file -7 replies (quotes moved among near ties, more specific words held elsewhere).
    proclitics: bool = False
    # Texts analysed before (the article's sentences and headings, repeated questions), and
    # words (term() is pure, and a question's words come back in every reader of it: search,
    # decision, follow-ups, the next questions). Neither is an __init__ field, so that
    # dataclasses.replace (another table, words or proclitics) starts empty ones by itself.
    _memo: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, compare=False, repr=False)
    _terms: dict[str, str | None] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def from_groups(cls, groups: Iterable[Iterable[str]], **kwargs: bool) -> "Analyzer":
        table: dict[str, str] = {}
        for group in groups:
            group = list(group)
            head = normalize(group[0])
            head_tokens = tokenize(head)
            if not head_tokens:
                continue
            term = "_".join(head_tokens)  # a label: the head word as normalised, not stemmed
            for word in group:
                norm = " ".join(tokenize(normalize(word)))
                if not norm:
                    continue
                table.setdefault(norm, term)
                stem = light_stem(norm) if " " not in norm else norm
                # A stem of two letters is no key: رأي → را, السنة → سن, الجاي → جا would take
                # every word stemmed so (سن 'age', جاء 'came') into the group.
                if len(stem) >= _MIN_KEY or stem == norm:
                    table.setdefault(stem, term)
        return cls(table=table, **kwargs)

    def term(self, token: str) -> str | None:
        """The index term of one normalised token, or None for a stopword."""
        term = self._terms.get(token, UNKEPT)  # one look-up on a hit, no further call
        if term is UNKEPT:
            term = remembered(self._terms, _MEMO_SIZE, token, self._term, token)
        return term  # type: ignore[return-value]

    def _term(self, token: str) -> str | None:
        if self.use_stopwords and token in stopwords():
            return None
        if self.stem:
            token = bare_accusative(token, self.words)
        for variant in _keyed_variants(token):
            hit = self.table.get(variant)
            if hit is not None:
                return hit
        if self.use_stopwords:
            for variant in _clitic_variants(token):
                if variant in stopwords() and not _definite(token, variant):
                    return None
        for variant in _keyed_variants(token):  # بينافسها: ب + ينافس + ها; تركو: ترك + و
            for form in (light_stem(variant), variant[:-1] if variant.endswith("و") and len(variant) >= 4 else ""):
                hit = self.table.get(form) if form else None
                if hit is not None:
                    return hit
        if self.stem and self.proclitics:
            token = proclitic_off(token)
        if self.stem and len(token) >= 5 and token[0] == "س" and token[1] in "يت":
            token = token[1:]  # the future prefix: سيدخل and يدخل are one verb
        stem = light_stem(token) if self.stem else token
        if self.stem:
            stem = _present_root_ending(token, stem)
        hit = self.table.get(stem)
        if hit is not None:
            return hit
        # غيره → غير is the stopword with a pronoun; الصحة → صح and الصحية → صح are nouns
        # (an article, a nisba ending) that only stem like the dialect صح "right?".
        if self.use_stopwords and stem in stopwords() and not token.startswith("ال") and not token.endswith("يه"):
            return None
        if _ARABIZI_DIGIT_RE.match(token):
            return token
        return stem

    def _latin_term(self, token: str, arabizi: bool) -> str | None:
        """A Latin word: the tables first (with English plural/tense endings off), then,
        in an Arabizi text, its Arabic spelling."""
        if token in stopwords():
            return None
        hit = self.table.get(token)
        if hit is not None:
            return hit
        for ending in ("'s", "s", "es", "ed", "ing", "d"):
            if token.endswith(ending) and len(token) - len(ending) >= 3 and _english_ending(token, ending):
                hit = self.table.get(token[: -len(ending)])
                if hit is not None:
                    return hit
        if arabizi:
            spellings = [s for s in (to_arabic(token), to_arabic(token, glottal_qaf=True)) if len(s) >= 2]
            for spelling in spellings:  # a spelling a table knows wins (2esm: قسم, not سم)
                if any(v in self.table for v in _clitic_variants(spelling)):
                    return self.term(spelling)
            if spellings:
                return self.term(spellings[0])
        return token

    def analyze(self, text: str) -> list[str]:
        """Index terms of a text: the same function for documents and questions."""
        terms = self._memo.get(text)  # a tuple, never None
        if terms is None:
            terms = remembered(self._memo, _MEMO_SIZE, text, self._analyzed_anew, text)
        return list(terms)

    def _analyzed_anew(self, text: str) -> tuple[str, ...]:
        return tuple(self._analyze(text))

    def analyze_tokens(self, tokens: tuple[str, ...]) -> list[str]:
        """Index terms of already-normalised tokens (a question's reading)."""
        return self._analyze_tokens(list(tokens))

    def _analyze(self, text: str) -> list[str]:
        return self._analyze_tokens(tokenize(normalize(text)))

    def respelled(self, tokens: Iterable[str]) -> list[tuple[str, str]]:
        """(Arabizi word, its term) for each Latin word of an Arabizi text that the analyser
        respelt in Arabic letters (shari7a → شرح): the resources may look for better spellings."""
        tokens = list(tokens)
        if not looks_arabizi(tokens):
            return []
        pairs = []
        for token in tokens:
            if "a" <= token[0] <= "z" or (token[0].isdigit() and not token.replace(".", "").isdigit()):
                term = self._latin_term(token, True)
                if term and "\u0621" <= term[:1] <= "\u064a":
                    pairs.append((token, term))
        return pairs

    def _analyze_tokens(self, tokens: list[str]) -> list[str]:
        return [term for _, term in self.token_terms(tokens) if term]

    def token_terms(self, tokens: Iterable[str]) -> list[tuple[str, str | None]]:
        """Each token with its index term (None for a stopword): what analyze gives, word by
        word, for a caller that weighs each word of a question apart."""
        tokens = list(tokens)
        arabizi = looks_arabizi(tokens)
        pairs: list[tuple[str, str | None]] = []
        for token in tokens:
            if "a" <= token[0] <= "z" or (token[0].isdigit() and not token.replace(".", "").isdigit()):
                pairs.append((token, self._latin_term(token, arabizi)))
            else:
                pairs.append((token, self.term(token)))
        self._read_compounds_of_god(pairs)
        return pairs

    def _read_compounds_of_god(self, pairs: list[tuple[str, str | None]]) -> None:
        """The name of God, a stopword alone (الله يستر, والله: a greeting, an oath), is a word
        of the compound it closes after a word the analyser keeps (حزب الله, رام الله, كتاب
        الله); عبد الله, written as often joined (عبدالله), is read as the one word."""
        for i in range(1, len(pairs)):
            if pairs[i][0] != GOD or pairs[i][1] is not None:
                continue
            before, before_term = pairs[i - 1]
            if before == _SERVANT or _SERVANT in proclitic_rests(before, CLITICS):
                pairs[i - 1] = (before, self.term(before + GOD))
            elif before_term is not None:
                pairs[i] = (GOD, GOD)


def char_ngrams(terms: Iterable[str], n: int = 3) -> list[str]:
    """Character n-grams of each term with word-boundary marks (for misspelling tolerance)."""
    grams = []
    for term in terms:
        padded = f"<{term}>"
        if len(padded) <= n:
            grams.append(padded)
            continue
        grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams
