"""Build index/language/data/ar_nisba.tsv: the nisba adjectives that tell a nationality
(الروسي، المصري، الألماني), from iso-codes and FreeDict, no hand list.

    apt-get download iso-codes   # or the installed package's files (the defaults below)
    python scripts/build_nisba.py /usr/share/iso-codes/json/iso_3166-1.json /usr/share/locale

Countries: ISO 3166-1 (Debian's iso-codes), with their Arabic names from iso-codes' own Arabic
translation (iso_3166-1.mo: الأردن، ألمانيا) and the FreeDict glosses
(index/language/data/en_ar.tsv.gz) of the words of their English names that name one country
only (russia is not one: Russian Federation; america, britain from the official names). A
nisba is a name without its article (only a written ال, not أل of ألمانيا) and its ending (ا، ة،
ية) with ي added: روسيا → روسي, السعودية → سعودي, الأردن → اردني. A form is kept with FreeDict's
English word when FreeDict glosses with it an English word of a people's ending (-an, -ese,
-ish, -i …) that begins as a word of that country's English names does (russian → الروسي,
french → الفرنسيون): ducal, lucy, papal, diametric are left out. The nisba of a one-word Arabic
name that FreeDict lacks (اردني، كويتي، عماني) is kept on iso-codes' name alone, English word -.
Row: nisba (normalised; with ال where FreeDict writes it so), English word, country (ISO name),
whether its feminine tells a nationality too (not السعودية, the country's own name).
Sources: iso-codes (LGPL-2.1+), FreeDict (GPL-2+); see ar_nisba.LICENSE beside the table.
"""

from __future__ import annotations

import gzip
import gettext
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index.analysis import normalize  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "index" / "language" / "data"
OUT = DATA / "ar_nisba.tsv"
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{4,}")
_DEMONYM = re.compile(r"(?:[^e]an|ese|ish)$")
# The endings English words of a people take (russian, swiss, czech, greek, swede, briton, iraqi):
# ducal, lucy, papal, kenny are not such words, though they begin as a country's name.
_PEOPLE = re.compile(r"(?:an|ese|ish|i|ch|k|ss|e|er|on|ic|ot|ard|n)$")


def glosses() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    with gzip.open(DATA / "en_ar.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            word, arabic = line.rstrip("\n").split("\t", 1)
            table[word] = [g for g in arabic.split("|") if g and " " not in g]
    return table


def bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def nisbas(country: str) -> set[str]:
    """The nisba a country's Arabic name makes: روسيا → روسي, مصر → مصري, السعودية → سعودي."""
    stem = country
    forms = {stem + "ي"}
    for ending in ("يه", "ية", "ه", "ة", "يا", "ا"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 2:
            forms.add(stem[: -len(ending)] + "ي")
    return forms


def arabic_names(countries: list[dict], locale_dir: str) -> dict[str, str]:
    """Each country's Arabic name in iso-codes' own Arabic translation (الأردن، ألمانيا), when
    it is one word (a name of several, الاتحاد الروسي، جمهورية …، holds words of other kinds)."""
    arabic = gettext.translation("iso_3166-1", localedir=locale_dir, languages=["ar"])
    names = {c["name"]: arabic.gettext(c["name"]).split() for c in countries}
    return {c: words[0] for c, words in names.items() if len(words) == 1}


def english_words(countries: list[dict]) -> dict[str, str]:  # word → the one country it names
    """The words of each country's English names (name, common and official name: Russian
    Federation, United States of America); a word in the names of more than one country
    (republic, united, islands, of) names none."""
    words: dict[str, set[str]] = {}
    for c in countries:
        for name in {c["name"], c.get("common_name", ""), c.get("official_name", "")}:
            for w in re.findall(r"[a-z]+", name.lower()):
                words.setdefault(w, set()).add(c["name"])
    return {w: next(iter(cs)) for w, cs in words.items() if len(cs) == 1}


def main(iso_json: str, locale_dir: str) -> None:
    table = glosses()
    countries = json.loads(Path(iso_json).read_text(encoding="utf-8"))["3166-1"]
    named = english_words(countries)
    wanted: dict[str, str] = {}  # nisba → country
    for country, word in arabic_names(countries, locale_dir).items():
        # The article is dropped before the ending (الأردن → اردني), not the letters ال of أ‍لمانيا.
        stem = normalize(word)
        for form in nisbas(bare(stem) if word.startswith("ال") else stem):
            wanted.setdefault(form, country)
    for english, country in named.items():  # russia → روسيا، america → امريكا
        for gloss in table.get(english, ()):
            whole = normalize(gloss)
            for form in nisbas(whole):  # FreeDict's glosses are normalised: ال is not known an article
                wanted.setdefault(form, country)
            # A name that holds the adjective itself (Russian Federation → الروسي): an English
            # word of a demonym's ending (-an, -ese, -ish), not central, federal, eastern.
            if _DEMONYM.search(english):
                wanted.setdefault(whole, country)
    # A nisba is kept when FreeDict glosses with it an English word that begins as a word of
    # the country's English names does (russian/Russian Federation, french/France): the two
    # sources agree; an English word that merely shares the letters (diametric → قطري) does not count.
    starts: dict[str, set[str]] = {}
    for c in countries:
        for name in {c["name"], c.get("common_name", ""), c.get("official_name", "")}:
            starts.setdefault(c["name"], set()).update(w[:2] for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 3)
    rows = set()
    for english, arabic in table.items():
        for gloss in arabic:
            whole = normalize(gloss)
            for form in (bare(whole), whole, bare(whole).removesuffix("ون"), whole.removesuffix("ون")):
                country = wanted.get(form)
                if (country and form.endswith("ي") and len(form) >= 4 and english[:2] in starts.get(country, ())
                        and _PEOPLE.search(english)):
                    rows.add((form, english, country))
                    break
    # The nisba of a country's one-word Arabic name in iso-codes (الأردن → اردني، الكويت → كويتي)
    # stands without FreeDict's word when FreeDict has none (jordanian, kuwaiti): the short form
    # only, of Arabic letters, not a doubled ي (a name ending in ي: جيبوتي).
    given = {r[0] for r in rows} | {r[0][2:] for r in rows if r[0].startswith("ال")}
    for country, word in arabic_names(countries, locale_dir).items():
        stem = normalize(word)
        stem = bare(stem) if word.startswith("ال") else stem
        form = min(nisbas(stem), key=len)
        if form not in given and "ال" + form not in given and _ARABIC_WORD.fullmatch(form) and not form.endswith("يي"):
            rows.add((form, "-", country))
    # A feminine form that is a country's own name (السعودية) names the country, not a woman's nationality.
    names = {normalize(w) for w in arabic_names(countries, locale_dir).values()}
    rows = {(n, e, c, "no" if ("ال" + bare(n) + "ه") in names or (bare(n) + "ه") in names else "yes")
            for n, e, c in rows}
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# nisba (normalised; ال only where FreeDict gives no form without it)\tEnglish word FreeDict glosses with it (- for none)\tcountry (ISO 3166-1)\tfeminine tells it too (no: the feminine is the country's name). "
                  "Built by scripts/build_nisba.py\n")
        for row in sorted(rows):
            out.write("\t".join(row) + "\n")
    print(len(rows), "rows,", len({r[0] for r in rows}), "nisbas", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json/iso_3166-1.json",
         sys.argv[2] if len(sys.argv) > 2 else "/usr/share/locale")
