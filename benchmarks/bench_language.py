"""What each language resource (index.language) brings, by ablation, and what it costs.

    python benchmarks/bench_language.py [--quick] [--configs all,-bilingual,-names,none] [--cost]

For every configuration (all resources on; each one off; none; all with the optional sentence
encoder, "+semantic") it prints, each measured in a
fresh process with STORYBOT_LANGUAGE_OFF set:
- the story's question sets (tests/data/story_heldout*.jsonl, ../shared/eval/story_dev.jsonl),
  scored as scripts/story_eval.py scores them (answerable right, declined right);
- the six development articles end to end (../shared/eval/score_articles.py; skipped by --quick)
  and retrieval on their gold phrases (the top paragraph / the top sentence holds a gold phrase);
- XQuAD-ar and XQuAD en-ar (paragraph_recall@1, sentence_hit@1).
Then the cost with everything on (alone with --cost): `storybot ask` start-up against
`python -c "import numpy"` (fastest of 9 interleaved runs, ratio), as this environment runs it
and with the project's bytecode cached as an installed package has it (where
PYTHONDONTWRITEBYTECODE is set, every run compiles the project's sources, about 40 modules),
and the peak memory of a process that has answered two questions and read every table
(index.language.preload()). Figures only; nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "eval" / "articles"
XQUAD = {"xquad-ar": SHARED / "data" / "xquad.ar.json", "xquad-en-ar": SHARED / "data" / "xquad.en-ar.json"}
sys.path.insert(0, str(ROOT))


# --- measured inside one configuration's process ---------------------------------------
def _story_sets() -> dict[str, list[float]]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from story_eval import score_rows  # noqa: E402

    from bot.core.answer import load_story

    story = load_story()
    paths = sorted((ROOT / "tests" / "data").glob("story_heldout*.jsonl")) + [SHARED / "eval" / "story_dev.jsonl"]
    totals = {"answerable": [0, 0], "declined": [0, 0]}
    for path in paths:
        rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        scores = score_rows(story, rows, quiet=True)
        for key in totals:
            totals[key][0] += scores[key][0]
            totals[key][1] += scores[key][1]
    return totals


def _article_retrieval() -> dict[str, list[int]]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from gold_text import holds_gold  # noqa: E402

    from index.library import load_library

    found = {"paragraph@1": [0, 0], "sentence@1": [0, 0]}
    for text_path in sorted(ARTICLES.glob("*.txt")):
        index = load_library([text_path]).index
        for line in text_path.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if not row or not row["answerable"]:
                continue
            result = index.search(row["question"], k_paragraphs=1, k_sentences=1)
            paragraph = result.paragraphs[0].passage.text if result.paragraphs else ""
            sentence = result.sentences[0].sentence.text if result.sentences else ""
            found["paragraph@1"][0] += holds_gold(paragraph, row["gold"])
            found["sentence@1"][0] += holds_gold(sentence, row["gold"])
            found["paragraph@1"][1] += 1
            found["sentence@1"][1] += 1
    return found


def _xquad() -> dict[str, dict[str, float]]:
    from index.analysis import Analyzer
    from index.evaluate import evaluate, load_squad
    from index.search import Params, StoryIndex

    out = {}
    for name, path in XQUAD.items():
        evalset = load_squad(path)
        metrics = evaluate(evalset, index=StoryIndex(evalset.passages, Analyzer(), Params()))
        out[name] = {k: metrics[k] for k in ("paragraph_recall@1", "sentence_hit@1")}
    return out


def measure_here() -> dict:
    return {"story": _story_sets(), "retrieval": _article_retrieval(), "xquad": _xquad()}


# --- the driver ----------------------------------------------------------------------------
def _env(config: str) -> dict[str, str]:
    from index.language import RESOURCES

    env = dict(os.environ)
    env["STORYBOT_SEMANTIC"] = "1" if config == "+semantic" else ""
    if config in ("all", "+semantic"):
        env["STORYBOT_LANGUAGE_OFF"] = ""
    elif config == "none":
        env["STORYBOT_LANGUAGE_OFF"] = ",".join(RESOURCES)
    else:
        env["STORYBOT_LANGUAGE_OFF"] = config.lstrip("-")
    return env


def _articles_end_to_end(env: dict[str, str]) -> str:
    run = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score_articles.py"), sys.executable],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200,
    )
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-200:]
    m = re.search(r"answerable ([\d.]+), declined ([\d.]+)", last)
    return f"{m.group(1)} / {m.group(2)}" if m else last


def _ratio(pair: list[int]) -> str:
    return f"{pair[0] / max(pair[1], 1):.3f}"


def _fastest_seconds(commands: list[list[str]], rounds: int = 9) -> list[float]:
    """The fastest of `rounds` runs of each command, run in turn (round-robin) so that every
    command meets the same load from other work on the machine, which only adds time."""
    best = [float("inf")] * len(commands)
    for _ in range(rounds):
        for i, cmd in enumerate(commands):
            started = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
            best[i] = min(best[i], time.perf_counter() - started)
    return best


def cost() -> None:
    storybot = str(Path(sys.executable).with_name("storybot"))
    from index.language import RESOURCES

    arabic, english = "كم عاملاً فصلت ميتا؟", "Where did Joelle Pineau go after leaving Meta?"
    with tempfile.TemporaryDirectory() as cache:
        cached = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": cache}
        for label, env in (("as run here", {}), ("with bytecode cached", cached)):
            if label == "as run here" and not os.environ.get("PYTHONDONTWRITEBYTECODE"):
                continue  # bytecode is cached as it runs: one measurement says it
            base = ["env", *(f"{k}={v}" for k, v in env.items())]
            off = base + [f"STORYBOT_LANGUAGE_OFF={','.join(RESOURCES)}"]
            if env:
                subprocess.run(base + [storybot, "ask", arabic], cwd=ROOT, capture_output=True, check=False)
            numpy_s, arabic_s, english_s, arabic_off, english_off = _fastest_seconds([
                base + [sys.executable, "-c", "import numpy"],
                base + [storybot, "ask", arabic],
                base + [storybot, "ask", english],
                off + [storybot, "ask", arabic],
                off + [storybot, "ask", english],
            ])
            print(f"\nstart-up {label} against python -c 'import numpy' ({numpy_s * 1000:.0f} ms), "
                  "fastest of 9 interleaved runs:")
            for question, on_s, off_s in (("Arabic", arabic_s, arabic_off), ("English", english_s, english_off)):
                print(f"  storybot ask ({question} question): {on_s / numpy_s:.2f}x ({on_s * 1000:.0f} ms); "
                      f"with no language resource {off_s / numpy_s:.2f}x ({off_s * 1000:.0f} ms)")
    probe = (
        "import resource; from bot.core.answer import answer, load_story; s = load_story(); "
        "answer(s, 'Where did Joelle Pineau go after leaving Meta?'); answer(s, 'ليش ترك ليكون ميتا؟'); "
        "from index.language import preload; preload(); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    for label, semantic in (("every table loaded", ""), ("and the sentence encoder (+semantic)", "1")):
        env = dict(os.environ, STORYBOT_SEMANTIC=semantic)
        run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, env=env)
        rss = run.stdout.strip().splitlines()[-1] if run.returncode == 0 else run.stderr[-300:]
        print(f"peak memory with {label}: {int(rss) / 1024:.0f} MB" if rss.isdigit() else rss)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the end-to-end article runs")
    parser.add_argument("--configs", default="", help="comma-separated: all, none, -NAME (default: all, each off, none)")
    parser.add_argument("--cost", action="store_true", help="only the start-up and memory figures")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure_here()))
        return 0
    if args.cost:
        cost()
        return 0
    from index.language import RESOURCES

    configs = args.configs.split(",") if args.configs else (
        ["all"] + [f"-{r}" for r in RESOURCES] + ["none", "+semantic"]
    )
    print(f"{'config':14} {'story ans':>9} {'story dec':>9} {'art e2e ans/dec':>16} {'art p@1':>7} "
          f"{'art s@1':>7} {'xq-ar p@1':>9} {'xq-ar s@1':>9} {'en-ar p@1':>9} {'en-ar s@1':>9}")
    for config in configs:
        env = _env(config)
        run = subprocess.run([sys.executable, __file__, "--child"], cwd=ROOT, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"{config:14} failed: {run.stderr[-400:]}")
            continue
        m = json.loads(run.stdout.strip().splitlines()[-1])
        e2e = "-" if args.quick else _articles_end_to_end(env)
        xq = m["xquad"]
        print(
            f"{config:14} {_ratio(m['story']['answerable']):>9} {_ratio(m['story']['declined']):>9} {e2e:>16} "
            f"{_ratio(m['retrieval']['paragraph@1']):>7} {_ratio(m['retrieval']['sentence@1']):>7} "
            f"{xq['xquad-ar']['paragraph_recall@1']:>9.3f} {xq['xquad-ar']['sentence_hit@1']:>9.3f} "
            f"{xq['xquad-en-ar']['paragraph_recall@1']:>9.3f} {xq['xquad-en-ar']['sentence_hit@1']:>9.3f}",
            flush=True,
        )
    cost()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
