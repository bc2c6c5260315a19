"""A library of articles: their alias tables, one analyser over all of them, one index."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from index.analysis import LEXICON_DIR, Analyzer, read_groups
from index.article import Article, ArticleError, load_article, load_embedded_story, EMBEDDED_STORY
from index.search import Params, StoryIndex, passages_of

ENTITY_KINDS = ("person", "org", "product", "place")


@dataclass(frozen=True)
class AliasTable:
    groups: tuple[tuple[str, ...], ...]
    kinds: dict[str, str]  # head word -> person/org/product/place


def aliases_path(article_path: Path) -> Path:
    return article_path.with_name(article_path.stem + ".aliases.tsv")


def examples_path(article_path: Path) -> Path:
    return article_path.with_name(article_path.stem + ".examples.txt")


def _side_file_error(path: Path, exc: Exception) -> ArticleError:
    """A file beside the article (its names, its examples) that cannot be read: as bad input as
    the article itself, named, rather than a traceback."""
    why = "not UTF-8 text" if isinstance(exc, UnicodeError) else f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
    return ArticleError(f"{path}: {why}")


def read_examples(path: Path) -> tuple[str, ...]:
    """Example questions, one a line (# comments and blank lines skipped)."""
    if not path.is_file():
        return ()
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeError, OSError) as exc:
        raise _side_file_error(path, exc) from None
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def read_alias_table(path: Path) -> AliasTable:
    """Groups of spellings; a group may start with "person:" / "org:" … to say what it names."""
    groups = []
    kinds = {}
    for group in read_groups(path):
        first = group[0]
        kind, sep, rest = first.partition(":")
        if sep and kind in ENTITY_KINDS:
            group = (rest,) + group[1:]
            kinds[rest] = kind
        groups.append(group)
    return AliasTable(tuple(groups), kinds)


def build_analyzer(alias_tables: Sequence[AliasTable] = ()) -> Analyzer:
    """Article names first (they win over general words), then the general synonym groups."""
    groups = [g for table in alias_tables for g in table.groups]
    groups += read_groups(LEXICON_DIR / "synonyms.tsv")
    return Analyzer.from_groups(groups)


@dataclass(frozen=True)
class Library:
    articles: tuple[Article, ...]
    index: StoryIndex
    entity_terms: frozenset[str]  # index terms that name a person, organisation or product
    person_terms: frozenset[str]
    org_terms: frozenset[str] = frozenset()
    examples: tuple[str, ...] = ()  # example questions for the primary article

    @property
    def primary(self) -> Article:
        return self.articles[0]

    def article(self, name: str) -> Article:
        for article in self.articles:
            if article.name == name:
                return article
        raise KeyError(name)


def build_library(articles: Sequence[Article], tables: Sequence[AliasTable], params: Params = Params()) -> Library:
    analyzer = build_analyzer(tables)
    passages = [p for article in articles for p in passages_of(article)]
    entity_terms = set()
    person_terms = set()
    org_terms = set()
    for table in tables:
        for head, kind in table.kinds.items():
            terms = analyzer.analyze(head)
            entity_terms.update(terms)
            if kind == "person":
                person_terms.update(terms)
            elif kind == "org":
                org_terms.update(terms)
    return Library(
        tuple(articles),
        StoryIndex(passages, analyzer, params),
        frozenset(entity_terms),
        frozenset(person_terms),
        frozenset(org_terms),
    )


def _article_files(paths: Sequence[str | Path]) -> list[tuple[Article, Path]]:
    """Each file's article (the embedded story when no path is given), with names kept apart:
    two files with one stem get the second a suffix, so hits stay tellable apart."""
    files = [Path(p) for p in paths] or [EMBEDDED_STORY]
    loaded: list[tuple[Article, Path]] = []
    seen_names: set[str] = set()
    for path in files:
        article = load_embedded_story() if path == EMBEDDED_STORY else load_article(path)
        if article.name in seen_names:
            article = _renamed(article, f"{article.name}-{len(loaded) + 1}")
        seen_names.add(article.name)
        loaded.append((article, path))
    return loaded


def _alias_tables(path: Path) -> list[AliasTable]:
    table_path = aliases_path(path)
    if not table_path.is_file():
        return []
    try:
        return [read_alias_table(table_path)]
    except (UnicodeError, OSError) as exc:
        raise _side_file_error(table_path, exc) from None


def load_library(paths: Sequence[str | Path] = (), params: Params = Params()) -> Library:
    """The embedded story when no path is given, else the given article files pooled in one
    index (with their NAME.aliases.tsv tables when present). Raises index.article.ArticleError."""
    loaded = _article_files(paths)
    tables = [table for _, path in loaded for table in _alias_tables(path)]
    library = build_library([article for article, _ in loaded], tables, params)
    return replace(library, examples=read_examples(examples_path(loaded[0][1])))


def load_libraries(paths: Sequence[str | Path] = (), params: Params = Params()) -> list[Library]:
    """One library per article file (the embedded story when no path is given), each with its
    own alias table and examples: articles that never share an index or a name table.
    Raises index.article.ArticleError."""
    return [
        replace(build_library([article], _alias_tables(path), params), examples=read_examples(examples_path(path)))
        for article, path in _article_files(paths)
    ]


def _renamed(article: Article, name: str) -> Article:
    return replace(article, name=name)
