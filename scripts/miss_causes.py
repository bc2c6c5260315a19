"""Every miss on the development articles, by cause.

    python scripts/miss_causes.py [d1 d2 …] [--folder DIR] [--quiet]

For each article of ../shared/eval/articles (or DIR) with its questions, answers every question as
the console does and sorts each miss into one cause:
  RETRIEVAL     the gold sentence is not among the 24 sentences the wider search returns
  WRONG_SENT    it is, but another sentence was quoted
  DECLINED:why  it is, but the decision said the article does not say (with the verdict's reason)
  QUOTED_UNANS  an unanswerable question was answered with a quote
and prints, per miss, the reading's kind and terms, the gold sentence's rank and coverage, and
what was quoted; then the count of each cause. A development tool: it states figures, holds no bar.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

from bot.core.answer import answer, load_story
from bot.core.answer_types import Answer
from bot.core.story import Story
from bot.core.verdict import coverage, judge, specific_terms
from index.reading import read
from gold_text import holds_gold

FOLDER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "articles"


def answered_rows(folder: Path, names: list[str] = ()) -> Iterator[tuple[Story, dict, Answer]]:
    """Every question of every article of the folder (or of the named ones), with its story
    and the console's answer; a set's follow-ups and story questions have no article of their own."""
    for path in sorted(folder.glob("*.jsonl")):
        if names and path.stem not in names or not path.with_suffix(".txt").exists():
            continue
        story = load_story([path.with_suffix(".txt")])
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield story, row, answer(story, row["question"])


def causes(folder: Path, names: list[str], quiet: bool) -> Counter:
    counts: Counter = Counter()
    for story, row, reply in answered_rows(folder, names):
            index = story.library.index
            first = reply.quotes[0].text if reply.quotes else ""
            reading = read(row["question"]).without_place_words()
            wide = index.search(reading, k_paragraphs=5, k_sentences=24, sentence_paragraphs=8)
            terms = wide.query.terms
            quoted = next((h for h in wide.sentences if h.sentence.text == first), None)
            if row["answerable"]:
                if first and holds_gold(first, row["gold"]):
                    continue
                rank = next((i for i, h in enumerate(wide.sentences) if holds_gold(h.sentence.text, row["gold"])), None)
                if rank is None:
                    cause = "RETRIEVAL"
                elif reply.quotes:
                    cause = "WRONG_SENT"
                else:
                    verdict = judge(story, index.search(reading, k_paragraphs=5, k_sentences=8))
                    cause = "DECLINED:" + verdict.reason
                    if verdict.reason == "type_missing":
                        verdict = judge(story, wide)  # as the console does: a wider search
                        misfit = next((why for h, why in verdict.misfits if holds_gold(h.sentence.text, row["gold"])), "")
                        cause += ":" + (misfit or "not_ranked")
            else:
                if not reply.quotes:
                    continue
                cause, rank = "QUOTED_UNANS", None
            counts[cause.split(":")[0]] += 1
            if quiet:
                continue
            print(f"[{cause}] {row['id']} {row['question']}")
            print(f"    kind={reading.kind} terms={terms} specific={sorted(specific_terms(story, terms))}")
            if row["answerable"]:
                print(f"    gold: {row['gold'][0][:90]}")
            if rank is not None:
                hit = wide.sentences[rank]
                print(f"    gold sentence: rank {rank}, coverage {coverage(story, terms, hit):.2f}, matched {sorted(hit.matched)}")
            if first:
                cov = f"coverage {coverage(story, terms, quoted):.2f}, " if quoted else ""
                print(f"    quoted ({cov}{reply.kind.value}): {first[:100]}")
    return counts


def main(argv: list[str]) -> int:
    folder = FOLDER
    if "--folder" in argv:
        folder = Path(argv[argv.index("--folder") + 1])
    names = [a for a in argv if not a.startswith("--") and Path(a) != folder]
    counts = causes(folder, names, "--quiet" in argv)
    print(", ".join(f"{cause} {n}" for cause, n in counts.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
