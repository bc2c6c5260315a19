"""The hand-written word tables: every row of a shipped table has its fields, and a row that
lost one is reported with its file and line (index.wordtables.read_rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import arabizi, dialect, kinds
from index.language import bilingual
from index.analysis import LEXICON_DIR, read_question_words
from index.wordtables import TableError, read_rows


def _malformed_copy(source: Path, folder: Path, fields: int) -> tuple[Path, int]:
    """A copy of SOURCE whose first data row keeps one field fewer than FIELDS; (copy, its line)."""
    lines = source.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    lines[number] = "\t".join(lines[number].split("\t")[: fields - 1])
    copy = folder / source.name
    copy.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return copy, number + 1


def test_a_row_short_of_a_field_names_its_file_and_line(tmp_path):
    copy, line = _malformed_copy(LEXICON_DIR / "units.tsv", tmp_path, 3)
    with pytest.raises(TableError) as error:
        list(read_rows(copy, 3))
    assert str(copy) in str(error.value) and f"line {line}:" in str(error.value)
    assert "2 tab-separated field(s) where 3 are needed" in str(error.value)


def test_blank_lines_comments_and_extra_fields_are_no_error(tmp_path):
    table = tmp_path / "t.tsv"
    table.write_text("# word\trole\n\n  # indented comment\nعدد\tcount\textra \n", encoding="utf-8")
    assert list(read_rows(table, 2)) == [("عدد", "count")]


# (module, name of its file constant, loader, fields): every loader of a lexicon/ table.
LOADERS = [
    (kinds, "UNITS_FILE", kinds.units, 3),
    (kinds, "TIME_WORDS_FILE", kinds.time_words, 2),
    (kinds, "DECISION_WORDS_FILE", kinds.decision_words, 2),
    (dialect, "DIALECT_FILE", dialect.table, 2),
    (arabizi, "ARABIZI_FILE", arabizi.known_spellings, 2),
    (bilingual, "ORDINALS", bilingual._ordinals, 2),  # generated (scripts/build_ordinals.py)
]


@pytest.mark.parametrize("module, name, loader, fields", LOADERS, ids=[row[1] for row in LOADERS])
def test_each_table_loader_reports_a_malformed_row(tmp_path, monkeypatch, module, name, loader, fields):
    copy, line = _malformed_copy(getattr(module, name), tmp_path, fields)
    monkeypatch.setattr(module, name, copy)
    loader.cache_clear()
    try:
        with pytest.raises(TableError, match=f"line {line}:"):
            loader()
    finally:
        monkeypatch.undo()
        loader.cache_clear()
    assert loader()  # the shipped table reads again


def test_the_question_word_table_reports_a_malformed_row(tmp_path):
    copy, line = _malformed_copy(LEXICON_DIR / "question_words.tsv", tmp_path, 3)
    with pytest.raises(TableError, match=f"line {line}:"):
        read_question_words(copy)
    assert read_question_words(LEXICON_DIR / "question_words.tsv")


@pytest.mark.parametrize("name, fields", [("units.tsv", 3), ("question_words.tsv", 3), ("decision_words.tsv", 2),
                                          ("time_words.tsv", 2), ("dialect.tsv", 2), ("dialect_common.tsv", 2),
                                          ("arabizi.tsv", 2)])
def test_every_row_of_a_shipped_table_has_its_fields(name, fields):
    assert list(read_rows(LEXICON_DIR / name, fields))


def test_the_count_word_of_a_sentence_is_the_table_s_count_row():
    """index.kinds reads "the number of" from lexicon/decision_words.tsv, as the decision does."""
    from index.analysis import normalize

    assert kinds._count_words() == tuple(normalize(w) for w in kinds.words_of("count"))
    assert "عدد" in kinds._count_words()
