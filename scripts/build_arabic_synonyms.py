"""Build index/language/data/ar_synonyms.tsv.gz from the definitions of Arramooz's Arabic
dictionary (PyPI arramooz-pysqlite, GPL-3, the source of ar_roots and broken_plurals too):

    pip download --no-deps arramooz-pysqlite==0.4.2
    python scripts/build_arabic_synonyms.py arramooz_pysqlite-0.4.2-py3-none-any.whl

Arramooz defines a noun, sense by sense, as an example in quotes, a colon, then the meaning;
where the meaning is one word, or a list of single words between Arabic commas, that word is a
synonym: «حنطة: "توفرت الحنطة في الأسواق" : القمح», «نفط: … : البترول، هو زيت معدني …»,
«اختبار: "اجتاز الاختبار الشفوي" : الامتحان», «حصة: … : النصيب». FreeDict glosses an English word
with one of such synonyms (wheat → الحنطة, oil → النفط) where an article may write the other
(القمح, البترول); index.language.lexicon reads this table for a gloss the article lacks.

The table is symmetric (a word is listed under each of its synonyms too), keyed and valued by
the normalised word without the article (index.analysis.normalize): `word<TAB>syn|syn|…`,
sorted. Left out: stopwords, words of fewer than three letters, and a meaning of several words
(a definition, not a synonym), and the single words listed after such a meaning (قمح: «نبات ينمو
داخل سنبلة، يدرس، ويطحن»). The licence is Arramooz's, in ar_arramooz.LICENSE beside the
other tables built from it.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from index.analysis import normalize, stopwords  # noqa: E402
from index.language.thesaurus import bare  # noqa: E402 (the reader keys the table so)
from scripts.arramooz_tables import arramooz_database, write_gzip_lines  # noqa: E402

OUT = ROOT / "index" / "language" / "data" / "ar_synonyms.tsv.gz"
_WORD = re.compile(r"^[\u0621-\u064a]{3,}$")
_EXAMPLE = re.compile(r'"[^"]*"')  # a quoted example of use, never the meaning
_NOTE = re.compile(r"\[[^\]]*\]|\([^)]*\)")  # the root in brackets, (مص. …), (صف)
_SENSE_END = re.compile(r"[.\n]|\d+\s*\.")  # a meaning ends at a full stop or the next sense
_SENSES = re.compile(r'(?:^|[\s."])\d+\s*\.')  # 1. … 2. …: a word of several senses
MAX_SYNONYMS = 12


def meanings(definition: str) -> list[str]:
    """The single-word meanings of an Arramooz definition, as written (normalised, bare)."""
    text = definition
    if text.startswith('"'):
        text = text[1:]  # the field is quoted as in CSV, its quotes doubled
    if text.endswith('"') and not text.endswith('""'):
        text = text[:-1]
    text = _NOTE.sub(" ", _EXAMPLE.sub(" ", text.replace('""', '"')))
    found: list[str] = []
    for meaning in text.split(":")[1:]:
        meaning = _SENSE_END.split(meaning)[0]
        for item in meaning.split("،"):
            words = normalize(item).split()
            if words[:1] == ["اي"]:  # «: أي …», "that is"
                words = words[1:]
            if len(words) != 1:
                break  # a definition of several words: what follows it lists its parts, no synonyms
            if _WORD.match(words[0]):
                found.append(bare(words[0]))
    return found


def build(rows: list[tuple[str, str]], verbs: set[str]) -> dict[str, list[str]]:
    """word → its synonyms, either way round, no stopword, no word itself; only from the
    definition of a word of one sense (a numbered sense, 1. … 2. …, tells a word of several:
    صميم «أشده، قوته» of the cold, مكان, نوبة), written as no verb (ذهب "went" is no
    ذهب "gold"), and no other noun of the same letters."""
    stop = stopwords()
    entries: dict[str, int] = defaultdict(int)
    for word, _ in rows:
        entries[bare(normalize(word))] += 1
    table: dict[str, list[str]] = defaultdict(list)

    def add(a: str, b: str) -> None:
        if a != b and b not in table[a] and a not in stop and b not in stop and entries.get(b, 1) == 1:
            table[a].append(b)

    for word, definition in rows:
        headword = bare(normalize(word))
        if not _WORD.match(headword) or entries[headword] > 1 or _SENSES.search(definition):
            continue
        for synonym in meanings(definition):
            add(headword, synonym)
            add(synonym, headword)
    return {w: s[:MAX_SYNONYMS] for w, s in sorted(table.items()) if s}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with arramooz_database(argv[0]) as db:
        rows = list(db.execute("SELECT unvocalized, definition FROM nouns ORDER BY id"))
        verbs = {bare(normalize(w)) for (w,) in db.execute("SELECT unvocalized FROM verbs")}
    table = build([(w, d or "") for w, d in rows], verbs)
    lines = ["# Arabic word<TAB>its synonyms in Arramooz's definitions, '|'-separated. Built by scripts/build_arabic_synonyms.py"]
    lines += [f"{word}\t{'|'.join(synonyms)}" for word, synonyms in table.items()]
    write_gzip_lines(OUT, lines)
    print(f"{OUT}: {len(table)} words, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
