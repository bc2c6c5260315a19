"""The language resources' sorted tables (index.language.tables): look-ups of present and absent
keys at either end and inside, in plain and gzip files, word lists, every shipped table against
a dict of its lines, and preload() reading them all."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from index.language import tables
from index.language.tables import DATA, Table, table

ROOT = Path(__file__).resolve().parents[1]

# Sorted by UTF-8 bytes as the builders write them: a header comment, Latin keys (one with a
# space, one a prefix of the next), Arabic keys, an empty value.
LINES = [
    "# word<TAB>glosses",
    "aaron burr\tburr",
    "arrive\tصل",
    "arrived\tوصل|حضر",
    "point\tنقطه",
    "ابا\t",
    "بيع\tبيع",
    "مشاريع\tمشروع",
]


def _write(path: Path, lines: list[str], gz: bool, newline_at_end: bool = True) -> Path:
    text = "\n".join(lines) + ("\n" if newline_at_end else "")
    if gz:
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(params=[2048, 8], ids=["one-block", "a-block-a-line"])
def block(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """A table of one block and one whose every line is a block's first (the search within a
    block, and the bisection between blocks)."""
    monkeypatch.setattr(tables, "BLOCK", request.param)
    return request.param


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("newline_at_end", [True, False])
def test_present_keys_first_last_and_inside(tmp_path: Path, block: int, gz: bool, newline_at_end: bool) -> None:
    t = Table(_write(tmp_path / "t.tsv", LINES, gz, newline_at_end))
    assert t.get("aaron burr") == "burr"  # the first key (after the header)
    assert t.get("مشاريع") == "مشروع"  # the last line
    assert t.get("arrive") == "صل" and t.get("arrived") == "وصل|حضر"  # a key and its extension
    assert t.get("ابا") == "" and "ابا" in t  # present, with an empty value
    assert len(t) == len(LINES)
    assert list(t.items())[-2:] == [("بيع", "بيع"), ("مشاريع", "مشروع")]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_absent_keys(tmp_path: Path, block: int, gz: bool) -> None:
    t = Table(_write(tmp_path / "t.tsv", LINES, gz))
    for key in ("", "a", "aaron", "arriv", "arrives", "zzz", "مشروع", "مشاريعه", "ب", "يي", "point\tنقطه", "point\n"):
        assert t.get(key) is None and key not in t, key
    assert 3 not in t  # not a string
    assert t.get("# word<TAB>glosses") is None  # a header is no entry


def test_a_word_list(tmp_path: Path, block: int) -> None:
    words = sorted(["يقدر", "يخدم", "مشروع", "اب", "ابا"], key=lambda w: w.encode("utf-8"))
    t = Table(_write(tmp_path / "w.txt.gz", words, gz=True))
    assert all(w in t and t.get(w) == "" for w in words)
    assert "هاملتون" not in t and "اب " not in t and "يقد" not in t and "يقدرو" not in t
    assert [k for k, _ in t.items()] == words


def test_an_empty_file(tmp_path: Path) -> None:
    t = Table(_write(tmp_path / "e.tsv", [], gz=False, newline_at_end=False))
    assert t.get("x") is None and len(t) == 0 and list(t.items()) == []


def test_nothing_is_read_before_the_first_look_up_and_a_file_has_one_table(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.tsv.gz", LINES, gz=True)
    t = table(path)
    assert t._read is None
    assert table(path) is t and t.get("point") == "نقطه" and t._read is not None


SHIPPED = sorted(DATA.glob("*.gz"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_table_is_sorted_and_finds_what_a_dict_of_its_lines_finds(path: Path) -> None:
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    assert [line.encode("utf-8") for line in lines] == sorted(line.encode("utf-8") for line in lines)
    entries = {}
    for line in lines:
        key, tab, value = line.partition("\t")
        if tab or "\t" not in lines[-1]:  # a word list's every line, a map's lines with a tab
            assert key not in entries, key  # each key once: the bisection finds the only line
            entries[key] = value
    t = Table(path)
    assert all(t.get(key) == value for key, value in entries.items())
    keys = list(entries)
    for key in keys[:200] + keys[-200:]:
        assert t.get(key + "ـ") is None and t.get("ـ" + key) is None


def test_preload_reads_every_table_and_tashaphyne() -> None:
    """In a process of its own: the long-running bot's preload() leaves no table to read at a
    question, and a one-shot root of a word Arramooz's table lacks imports Tashaphyne without
    the modules its root extraction never uses."""
    probe = (
        "import sys\n"
        "from index.language import roots\n"
        "assert roots.root('لويحقز') == 'حقز'\n"
        "print(type(sys.modules['tashaphyne.verb_stamp_const']).__name__)\n"
        "from index.language import bilingual, plurals, preload\n"
        "from index.language.tables import DATA, table\n"
        "preload()\n"
        "print(all(table(p)._read is not None for p in DATA.glob('*.gz')))\n"
        "print(bilingual._short_bases.cache_info().currsize, bilingual._irregular_forms.cache_info().currsize,"
        " bilingual._ordinals.cache_info().currsize, plurals.singular_forms.cache_info().currsize)\n"
        "import tashaphyne.verb_stamp_const as stamps\n"
        "print(isinstance(stamps.is_verb_stamp('ضرب'), bool))\n"  # loads on first use
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:4] == ["_LazyModule", "True", "1 1 1 1", "True"]
