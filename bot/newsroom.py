"""The stories a front end answers from: the catalogue, article files given on the command
line, and the embedded story; which story a question is about; each story's index built on
its first question and kept in a bounded LRU cache.

Front-end neutral (console and Telegram use it alike) and synchronous: looking a story up
is one primary-key read, choosing one is the catalogue's two-stage query (bot.store.story_search),
then the engine's answer from the best and the runner-up. Opening a
story that is not cached parses nothing: the article comes back from its stored JSON with
its spans, and `bot.core.story.story_of` builds the index of that one article.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from bot.core.story import Story, load_story, story_of
from bot.store.catalogue import MAX_STORY_ID, Catalogue, StoryInfo, story_id_from_name
from bot.store.schema import EMBEDDED_STORY_ID
from index.article import Article, load_article, load_embedded_story, read_article_text
from index.reading import read

if TYPE_CHECKING:
    from bot.core.question import Conversation

DEFAULT_CAPACITY = 64  # opened stories kept; about 1 MB each (benchmarks/bench_newsroom.py)
# Stories after the best match that the engine's answer may prefer (best_match), among those
# within OFFER_SHARE of its score only: the engine finds words to quote in most stories that
# share a question's words (of the first five, 2,808 answers from a wrong story to 557 from the
# right one), so a runner-up far behind is no better for it. Among the 4,998 stories of
# benchmarks/bench_newsroom.py, right first (six / five fresh, 800 answerable): any runner-up
# 57 / 282, a close one 57 / 285, the first of the two close after the best 58 / 286; and a
# question no story comes close to opens none while choosing.
RUNNERS_UP = 1
# Other stories offered beside a best match (Telegram: a button each), when their score is
# close to the best's: the catalogue often holds the same news from several papers, or several
# stories on one topic, and a question alone cannot tell them apart. Among the 4,998 stories of
# benchmarks/bench_newsroom.py, answerable questions whose story is the best match or one
# offered (six articles / fresh / fresh c): the best alone 51/120, 46/160, 67/160; within 0.8
# of its score, at most two more: 77, 69, 81 (1.2 to 1.5 offered a question); within 0.9:
# 73, 62, 78; any two: 79, 71, 82. Measured again at 991a1e7 (Newsroom.choose, first or
# offered, six / the five fresh folders' 800): at most two 77 / 402 (74, 84, 69, 84, 91),
# at most three 82 / 410 (76, 84, 73, 85, 92), 1.0-1.3 -> 1.3-1.8 offered a question; the
# first choice unchanged. Three buttons under the reply and three titles on the console's
# last line still read well.
OFFERED = 3
OFFER_SHARE = 0.8
# A question is crowded (Choice.crowded) when more stories come within OFFER_SHARE of the
# best than a reply can offer: it does not single one out. Among the 4,998 stories of
# benchmarks/bench_newsroom.py, the best match of a crowded question is the right story for
# 44 of the 265 answerable questions of the six and the five fresh folders, of the others for
# 299 of 655 (Newsroom.choose, each question alone; with two offered: 64 of 364, 279 of 556).
EXAMPLE_TEMPLATES = ("ماذا يقول الخبر عن «{}»؟", "ماذا ورد في الخبر عن «{}»؟")


def _unused_id(story_id: str, taken: Mapping[str, object]) -> str:
    """STORY_ID, or with the first position suffix (-2, -3, …) no other file holds, cut so that
    the whole stays a valid id (64 characters: a deep link's payload)."""
    candidate, position = story_id, len(taken) + 1
    while candidate in taken:
        suffix = f"-{position}"
        candidate, position = story_id[: MAX_STORY_ID - len(suffix)] + suffix, position + 1
    return candidate


class UnknownStory(KeyError):
    """No story has this id; `known` holds some ids that exist, to say in the message."""

    def __init__(self, story_id: str, known: Sequence[str]) -> None:
        super().__init__(story_id)
        self.story_id = story_id
        self.known = tuple(known)

    def __str__(self) -> str:
        listed = ", ".join(self.known)
        return f"no story has the id {self.story_id!r}; stories: {listed}" if listed else f"no story {self.story_id!r}"


@dataclass(frozen=True)
class Choice:
    """The story a question is answered from, and how it was chosen."""

    info: StoryInfo
    how: str  # "given" (the chat's or --story), "best_match", "previous" or "default"
    others: tuple[StoryInfo, ...] = ()  # for a best match: other stories it may be (OFFER_SHARE)
    crowded: bool = False  # for a best match: more stories may be meant than `others` holds
    # The story the chat had chosen, removed from the catalogue since: this choice was made as
    # for a chat that chose none, and the reader is to be told (StoryDesk.for_question).
    gone: str | None = None

    @property
    def id(self) -> str:
        return self.info.id


class Newsroom:
    """Stories by id. `files` (id -> path) answer as given, with their alias tables, and
    win over a catalogue story of the same id."""

    def __init__(
        self,
        catalogue: Catalogue | None = None,
        files: Mapping[str, Path] | None = None,
        capacity: int = DEFAULT_CAPACITY,
    ) -> None:
        self.catalogue = catalogue
        self.capacity = max(1, capacity)
        self._files = dict(files or {})
        self._file_infos = {sid: StoryInfo.of_article(sid, load_article(path)) for sid, path in self._files.items()}
        self._open: OrderedDict[str, tuple[Story, float]] = OrderedDict()  # id -> (story, version)

    @classmethod
    def from_paths(cls, catalogue: Catalogue | None, paths: Sequence[str | Path], capacity: int = DEFAULT_CAPACITY) -> Newsroom:
        """Article files named by their ids (the file name's, see story_id_from_name; a second
        file of the same name gets its position as a suffix, `index-2`, as on a shelf, rather
        than replacing the first). Raises index.article.ArticleError for a file that cannot be read."""
        files: dict[str, Path] = {}
        for path in map(Path, paths):
            files[_unused_id(story_id_from_name(path.stem, read_article_text(path)), files)] = path
        return cls(catalogue, files, capacity)

    # -- what there is ------------------------------------------------------------------

    def info(self, story_id: str) -> StoryInfo | None:
        if story_id in self._file_infos:
            return self._file_infos[story_id]
        stored = self.catalogue.info(story_id) if self.catalogue is not None else None
        if stored is not None:
            return stored
        if story_id == EMBEDDED_STORY_ID:
            return StoryInfo.of_article(EMBEDDED_STORY_ID, load_embedded_story())
        return None

    def newest(self, limit: int = 10) -> list[StoryInfo]:
        """File stories first (they were asked for), then the catalogue's newest."""
        infos = list(self._file_infos.values())
        if self.catalogue is not None:
            infos += [i for i in self.catalogue.newest(limit) if i.id not in self._file_infos]
        # The embedded story always answers (see _build), also from a catalogue that does not
        # hold it (a conversation store no writer opened as a catalogue): list it too, last.
        if EMBEDDED_STORY_ID not in self._file_infos and (
            self.catalogue is None or EMBEDDED_STORY_ID not in self.catalogue
        ):
            infos.append(StoryInfo.of_article(EMBEDDED_STORY_ID, load_embedded_story()))
        return infos[:limit]

    def count(self) -> int:
        in_catalogue = len(self.catalogue) if self.catalogue is not None else 1
        return in_catalogue + sum(
            1 for sid in self._files if self.catalogue is None or sid not in self.catalogue
        )

    def unknown(self, story_id: str, listed: int = 10) -> UnknownStory:
        return UnknownStory(story_id, [i.id for i in self.newest(listed)])

    # -- opening a story ------------------------------------------------------------------

    def story(self, story_id: str) -> Story:
        """The story's answering engine, built on first use (and again when the catalogue's
        copy was updated since: `storybot add` while the bot runs); raises UnknownStory."""
        version = self._version(story_id)
        opened = self._open.get(story_id)
        if opened is not None and opened[1] == version:
            self._open.move_to_end(story_id)
            return opened[0]
        story = self._build(story_id)
        self._open[story_id] = (story, version)
        self._open.move_to_end(story_id)
        if len(self._open) > self.capacity:
            self._open.popitem(last=False)
        return story

    def _version(self, story_id: str) -> float:
        """When the story was last stored (0 for files and the embedded story: fixed while running)."""
        if story_id in self._files or story_id == EMBEDDED_STORY_ID or self.catalogue is None:
            return 0.0
        info = self.catalogue.info(story_id)
        if info is None:
            raise self.unknown(story_id)
        return info.updated_at

    def _build(self, story_id: str) -> Story:
        if story_id in self._files:
            return load_story([self._files[story_id]])
        if story_id == EMBEDDED_STORY_ID:
            return load_story()  # the package's copy, with its alias table and examples
        article = self.catalogue.article(story_id) if self.catalogue is not None else None
        if article is None:
            raise self.unknown(story_id)
        return story_of(article)

    @property
    def opened(self) -> tuple[str, ...]:
        """Ids of the stories whose index is in memory, least recently used first."""
        return tuple(self._open)

    # -- which story -----------------------------------------------------------------------

    def best_match(self, question: str) -> str | None:
        """The catalogue story whose words best match the question (None if no word matches);
        of the best and a runner-up close to it (RUNNERS_UP), the first that the engine answers
        from: the story that says what is asked beats one that merely shares the words (among
        the 4,998 stories of benchmarks/bench_newsroom.py, right first 51 -> 55 of 120 and
        36 -> 40 of 160; the first three or five: 56 and 40, 56 and 39, for more stories opened)."""
        ranked = self.best_matches(question)
        return ranked[0] if ranked else None

    def best_matches(self, question: str, conversation: Conversation | None = None, about: str | None = None) -> list[str]:
        """best_match first, then the other stories whose score is close to the best's
        (within OFFER_SHARE of it, at most OFFERED), best first: what a reader may mean.
        `about` is the story the reader's conversation (`conversation`) is about: when it is
        one of the close stories, it is kept (see _matches). Otherwise the engine's answer
        from that story is asked with the conversation, as the reply will be, so that the
        reply is that same answer (the story's cache of recent answers) rather than a second."""
        return self._matches(question, conversation, about)[0]

    def _matches(self, question: str, conversation: Conversation | None = None,
                 about: str | None = None) -> tuple[list[str], bool]:
        """best_matches, and whether the question is crowded (Choice.crowded).

        A reader goes on asking about the story they are on: a question that fits it about as
        well as the best match (within OFFER_SHARE, as a reply would offer it) stays on it.
        Among the 4,998 stories of benchmarks/bench_newsroom.py, each article's questions of
        the six and the five fresh folders asked in one chat, right first 340 -> 409 of 920
        answerable in their files' order, 340 -> 401 shuffled; a question alone is unchanged."""
        if self.catalogue is None:
            return [], False
        from bot.store.story_search import CANDIDATES  # only to choose: `ask --story ID` never imports it

        scored = self.catalogue.best_matches(question, limit=CANDIDATES)  # all stage two scored
        if not scored:
            return [], False
        ids = [story_id for story_id, _ in scored]
        top = scored[0][1]
        close = [sid for sid, score in scored if sid == ids[0] or (top > 0 and score >= OFFER_SHARE * top)]
        if about in close:
            best = about
        else:
            best = ids[0]
            if len(close) > 1:
                from bot.core.answer import answer
                from bot.core.answer_types import Kind

                best = next((sid for sid in close[: 1 + RUNNERS_UP]
                             if answer(self.story(sid), question, conversation if sid == about else None).kind
                             is Kind.ANSWER), ids[0])
        # The top-scored story is offered when the engine preferred a runner-up to it.
        return [best, *[sid for sid in close if sid != best][:OFFERED]], len(close) > 1 + OFFERED

    def choose(self, question: str, given: str | None = None, previous: str | None = None,
               conversation: Conversation | None = None) -> Choice:
        """The story to answer from: the given one (a chat's, --story), else, for a turn
        that leans on the previous question ("والصادرات؟", "ومتى؟"), the one the
        conversation was about (as a shelf does: another story's use of its one word does not
        take the conversation there), else the best match, else the one the conversation was
        about, else the newest. `conversation`: the reader's, about `previous` (best_matches).
        Raises UnknownStory for a given id that does not exist."""
        if given is not None:
            info = self.info(given)
            if info is None:
                raise self.unknown(given)
            return Choice(info, "given")
        if previous is not None and read(question).leans_back and (info := self.info(previous)) is not None:
            return Choice(info, "previous")
        ranked, crowded = self._matches(question, conversation, about=previous)
        if ranked and (info := self.info(ranked[0])) is not None:
            others = tuple(i for i in map(self.info, ranked[1:]) if i is not None)
            return Choice(info, "best_match", others, crowded)
        if previous is not None and (info := self.info(previous)) is not None:
            return Choice(info, "previous")
        return Choice(self.newest(1)[0], "default")

    def examples(self, story_id: str) -> tuple[str, ...]:
        """Two example questions drawn from the story: its own examples file when it has
        one, else questions about the words its title and body stress most."""
        from bot.core.answer import answer
        from bot.core.answer_types import Kind

        story = self.story(story_id)
        if story.library.examples:
            return story.library.examples[:2]
        # Only questions the story really answers: a reader who tries one gets quotes.
        drawn = []
        for word in key_words(story.primary, count=6):
            question = EXAMPLE_TEMPLATES[len(drawn) % len(EXAMPLE_TEMPLATES)].format(word)
            if answer(story, question).kind is Kind.ANSWER:
                drawn.append(question)
            if len(drawn) == 2:
                break
        return tuple((drawn + list(story.examples))[:2])


def key_words(article: Article, count: int = 2) -> list[str]:
    """Surface words of the title that the body repeats most (as the reader would type
    them), most repeated first; body words when the title has too few."""
    from bot.store.catalogue import search_analyzer

    analyze = search_analyzer().analyze
    body_counts: dict[str, int] = {}
    for paragraph in article.paragraphs:
        for term in analyze(paragraph.text):
            body_counts[term] = body_counts.get(term, 0) + 1
    seen: set[str] = set()
    scored: list[tuple[int, int, str]] = []
    for position, word in enumerate(article.title.split()):
        bare = word.strip("«»\"'()[]،,.:؛!?؟")
        terms = analyze(bare)
        if len(terms) != 1 or terms[0] in seen or len(bare) < 3 or any(ch.isdigit() for ch in bare):
            continue
        seen.add(terms[0])
        scored.append((-body_counts.get(terms[0], 0), position, bare))
    words = [word for _, _, word in sorted(scored)]
    return words[:count]
