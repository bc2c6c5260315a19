"""The hand-written word tables of lexicon/ (units.tsv, question_words.tsv …): tab-separated
rows read with a check, so that a row that lost a field says where it is instead of failing
as a bare unpacking ValueError at import."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator


class TableError(ValueError):
    """A malformed row of a word table; the message names the file and the line to mend."""


def read_rows(path: Path, fields: int) -> Iterator[tuple[str, ...]]:
    """The first FIELDS tab-separated fields, stripped, of each row of the table at PATH (blank
    lines and lines opening with # are skipped); TableError for a row with fewer fields."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = line.rstrip().split("\t")
        if len(row) < fields:
            raise TableError(
                f"{path}, line {number}: {len(row)} tab-separated field(s) where {fields} are needed: {line!r}"
            )
        yield tuple(field.strip() for field in row[:fields])
