"""`python -m index eval` on a tiny SQuAD file and `python -m index search`, run as users do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.cli import METRIC_KEYS, main

CONTEXTS = [
    ("افتتح الجسر الكبير في عام 1998 بعد سنوات من العمل. يعبره كل يوم آلاف السيارات.",
     [("متى افتتح الجسر الكبير؟", "1998")]),
    ("اشتهرت القرية بصناعة الفخار الملون. يزورها السياح في فصل الربيع من كل عام.",
     [("بماذا اشتهرت القرية؟", "الفخار الملون"), ("متى يزور السياح القرية؟", "الربيع")]),
    ("تقع المدينة على ضفة النهر الشرقية. يعمل أهلها في الزراعة والتجارة منذ القدم.",
     [("في ماذا يعمل أهل المدينة؟", "الزراعة والتجارة")]),
]


def squad_file(tmp_path: Path) -> Path:
    paragraphs = []
    for context, qas in CONTEXTS:
        paragraphs.append({
            "context": context,
            "qas": [
                {"id": f"q{i}", "question": q, "answers": [{"text": a, "answer_start": context.index(a)}]}
                for i, (q, a) in enumerate(qas)
            ],
        })
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps({"version": "1.1", "data": [{"title": "t", "paragraphs": paragraphs}]}, ensure_ascii=False), encoding="utf-8")
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "index", *args], capture_output=True, text=True, encoding="utf-8", timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )


def test_eval_json_is_exactly_one_object_with_the_keys(tmp_path: Path) -> None:
    proc = run_cli("eval", str(squad_file(tmp_path)), "--json")
    assert proc.returncode == 0, proc.stderr
    metrics = json.loads(proc.stdout)  # the whole of stdout is one JSON object
    assert list(metrics) == list(METRIC_KEYS)
    assert metrics["questions"] == 4
    assert metrics["paragraph_recall@1"] == 1.0
    assert metrics["sentence_hit@1"] == 1.0
    assert 0 <= metrics["p50_ms"] <= metrics["p99_ms"]


def test_eval_human_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(squad_file(tmp_path))]) == 0
    out = capsys.readouterr().out
    for key in METRIC_KEYS:
        assert key in out


@pytest.mark.parametrize("content", ["not json", '{"data": 3}', "[]"])
def test_eval_refuses_a_file_that_is_not_squad(tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["eval", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "SQuAD" in captured.err or "no paragraphs" in captured.err


def test_eval_missing_file_exits_2(tmp_path: Path) -> None:
    proc = run_cli("eval", str(tmp_path / "missing.json"))
    assert proc.returncode == 2
    assert "error:" in proc.stderr and "Traceback" not in proc.stderr


def test_search_prints_ranked_paragraphs_and_sentences(tmp_path: Path) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text(
        "title: الجسر\n\n" + "\n".join(context for context, _ in CONTEXTS) + "\n", encoding="utf-8"
    )
    proc = run_cli("search", "متى افتتح الجسر الكبير؟", "--article", str(article))
    assert proc.returncode == 0, proc.stderr
    assert "paragraphs:" in proc.stdout and "sentences:" in proc.stdout
    lines = [l for l in proc.stdout.splitlines() if l.strip().startswith("1.")]
    assert any("1998" in l for l in lines)


def test_search_json_on_the_embedded_story() -> None:
    proc = run_cli("search", "من سيغادر ميتا؟", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["paragraphs"] and result["sentences"]
    scores = [s["score"] for s in result["sentences"]]
    assert scores == sorted(scores, reverse=True)
    first = result["sentences"][0]
    assert {"article", "paragraph", "start", "end", "score", "text"} <= set(first)


def test_search_unreadable_article_exits_2(tmp_path: Path) -> None:
    proc = run_cli("search", "سؤال", "--article", str(tmp_path / "none.txt"))
    assert proc.returncode == 2
    assert "error:" in proc.stderr
