"""The language resources' tables, looked up where they lie instead of read into dicts.

Every table of data/ is a text file (gzip-compressed or not) of sorted lines, one entry a line:
``key<TAB>value`` (en_ar.tsv.gz: an English word and its glosses), or ``key`` alone in a word
list (ar_words.txt.gz). Read into Python strings, FreeDict's 83,726 lines took a one-shot
`storybot ask` 40-60 ms and 10 MB (as a dict, 100 ms and 14 MB); a Table keeps the file's
bytes as they are (2.1 MB, decompressed on the first look-up, never decoded whole: 4.5 MB for
every table) and finds a key by bisection: a sample of one key every BLOCK bytes in a list,
then a search for the key's line within the one block where it can be. A look-up takes a few
microseconds (a dict's, 0.1); a value is decoded when it is found.

The lines must be sorted by their UTF-8 bytes (the builders in scripts/ write them so; the
order of code points is the same) with each key once; a line of a header comment that sorts
before every key (``# ...``) is read as a key no word has. tests/test_tables.py checks every
shipped table.
"""

from __future__ import annotations

import gzip
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DATA = Path(__file__).with_name("data")  # the resources' tables
BLOCK = 1024  # bytes between two sampled keys: a look-up searches about this much text (3 µs)


class Table:
    """One sorted table; nothing is read before the first look-up (or load())."""

    def __init__(self, path: Path):
        self.path = path
        self._read: _Read | None = None

    def load(self) -> "_Read":
        """Read the file now (a server may prefer paying at start-up to paying at a question)."""
        read = self._read
        if read is None:
            raw = self.path.read_bytes()
            if raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)
            read = self._read = _Read.of(raw)  # one assignment: a reader sees all of it or none
        return read

    def _find(self, key: str) -> tuple["_Read", int]:
        """The read table and where the key's line starts in its text (-1: no such key)."""
        read = self.load()
        if "\n" in key or "\t" in key:
            return read, -1
        encoded = key.encode("utf-8")
        block = bisect_right(read.keys, encoded) - 1
        if block < 0:
            return read, -1
        low = read.starts[block] - 1
        high = read.starts[block + 1] if block + 1 < len(read.starts) else len(read.text)
        found = read.text.find(b"\n" + encoded + read.end, low, high)
        return read, found + 1 if found >= 0 else -1

    def get(self, key: str) -> str | None:
        """The key's value ('' in a word list or when the value is empty), or None when the table
        lacks the key."""
        read, start = self._find(key)
        if start < 0:
            return None
        if read.end == b"\n":
            return ""
        value_start = start + len(key.encode("utf-8")) + 1
        return read.text[value_start : read.text.find(b"\n", value_start)].decode("utf-8")

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key)[1] >= 0

    def items(self) -> Iterator[tuple[str, str]]:
        """Every (key, value) in order (value '' in a word list): for the few look-ups that go
        from values to keys, over small tables."""
        for line in self.load().text[1:].decode("utf-8").splitlines():
            key, _, value = line.partition("\t")
            yield key, value

    def __len__(self) -> int:
        return self.load().text.count(b"\n") - 1


@dataclass(frozen=True)
class _Read:
    """A table's bytes and its sample of keys."""

    text: bytes  # "\n" + the file's lines, each ending with "\n"
    starts: list[int]  # where the sampled lines start in text
    keys: list[bytes]  # their keys, in order
    end: bytes  # what ends a key: the tab, or the line's end in a word list

    @classmethod
    def of(cls, raw: bytes) -> "_Read":
        text = b"\n" + raw if raw.endswith(b"\n") or not raw else b"\n" + raw + b"\n"
        end = b"\t" if b"\t" in text else b"\n"
        starts: list[int] = []
        keys: list[bytes] = []
        position = 0
        while True:
            newline = text.find(b"\n", position)  # a sampled line starts after the first newline at position
            if newline < 0 or newline + 1 >= len(text):
                break
            start = newline + 1
            line_end = text.find(b"\n", start)
            key_end = text.find(end, start, line_end + 1)
            starts.append(start)
            keys.append(text[start : key_end if key_end >= 0 else line_end])
            position = start + BLOCK
        return cls(text, starts, keys, end)


def table(path: Path) -> Table:
    """The one Table of a file: every resource that reads it shares it."""
    found = _TABLES.get(path)
    if found is None:
        found = _TABLES[path] = Table(path)
    return found


_TABLES: dict[Path, Table] = {}
