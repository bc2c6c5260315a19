"""Replies to every question of every development set, kept to compare two versions of the engine.

    python scripts/compare_replies.py write OUT.jsonl
    python scripts/compare_replies.py diff BEFORE.jsonl AFTER.jsonl [--verbose]

`write` answers each question of tests/data/*.jsonl and ../shared/eval/story_dev.jsonl with the
embedded story, and each question of ../shared/eval/articles/dN.jsonl and of
each development folder tests/data/fresh-*/ with its own article (storyN.jsonl with the story), and
writes one line per question: set, id, question, kind of reply, first quote's text, and whether
the reply is right by the set's gold (as scripts/story_eval.py and score_articles.py score it).
`diff` prints, per set, how many replies changed and how many went from right to wrong and back.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from gold_text import holds_gold

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def question_sets() -> list[tuple[str, Path, Path | None]]:
    """(set name, questions file, article file or None for the embedded story)."""
    sets = [(p.stem, p, None) for p in sorted((ROOT / "tests" / "data").glob("*.jsonl"))]
    sets.append(("story_dev", SHARED / "story_dev.jsonl", None))
    # Every development folder; never the blind sets (tests/data/blind-*), scored only to report.
    fresh = sorted((ROOT / "tests" / "data").glob("fresh-*"))
    for folder in (SHARED / "articles", *fresh):
        for questions in sorted(folder.glob("*.jsonl")):
            article = questions.with_suffix(".txt")
            sets.append((questions.stem, questions, article if article.is_file() else None))
    return sets


def write(out_path: Path) -> int:
    from bot.core.answer import answer, load_story

    story = load_story()
    with out_path.open("w", encoding="utf-8") as out:
        for name, questions, article in question_sets():
            if not questions.is_file():
                continue
            own = load_story([article]) if article else story
            for row in _rows(questions):
                if "question" not in row:
                    continue  # a conversation set (followups_dev.jsonl): scripts/followup_eval.py
                reply = answer(own, row["question"])
                first = reply.quotes[0].text if reply.quotes else ""
                right = (
                    holds_gold(first, row["gold"]) if row["answerable"] else not reply.quotes
                )
                record = {
                    "set": name, "id": row["id"], "question": row["question"], "kind": reply.kind.value,
                    "quote": first, "right": bool(right),
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def diff(before_path: Path, after_path: Path, verbose: bool) -> int:
    before = {(r["set"], r["id"], r["question"]): r for r in _rows(before_path)}
    after = {(r["set"], r["id"], r["question"]): r for r in _rows(after_path)}
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, old in before.items():
        new = after.get(key)
        s = stats[key[0]]
        s["questions"] += 1
        s["right_before"] += old["right"]
        if new is None:
            s["missing"] += 1
            continue
        s["right_after"] += new["right"]
        if (old["kind"], old["quote"]) != (new["kind"], new["quote"]):
            s["changed"] += 1
            s["fixed"] += new["right"] and not old["right"]
            s["broken"] += old["right"] and not new["right"]
            if verbose:
                mark = "+" if new["right"] and not old["right"] else "-" if old["right"] and not new["right"] else "~"
                print(f"{mark} {key[0]} {key[1]} {key[2]}")
                print(f"    before {old['kind']}: {old['quote'][:100]}")
                print(f"    after  {new['kind']}: {new['quote'][:100]}")
    total: dict[str, int] = defaultdict(int)
    for name in sorted(stats):
        s = stats[name]
        for k, v in s.items():
            total[k] += v
        print(
            f"{name:22} {s['questions']:4} questions, {s['changed']:3} changed "
            f"(+{s['fixed']} -{s['broken']}), right {s['right_before']} -> {s['right_after']}"
            + (f", {s['missing']} missing" if s["missing"] else "")
        )
    print(
        f"{'total':22} {total['questions']:4} questions, {total['changed']:3} changed "
        f"(+{total['fixed']} -{total['broken']}), right {total['right_before']} -> {total['right_after']}"
    )
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "write":
        return write(Path(argv[1]))
    if len(argv) >= 3 and argv[0] == "diff":
        return diff(Path(argv[1]), Path(argv[2]), "--verbose" in argv)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
