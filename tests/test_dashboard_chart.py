"""The SVG chart of questions per day: parsed as XML, bars measured."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.dashboard import queries
from bot.dashboard.chart import HEIGHT, daily_chart_svg, nice_ceiling
from bot.dashboard.queries import DayCount
from dashboard_store import NOW, fill

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> dict[str, dict[str, float]]:
    """day -> {series: bar height}."""
    out: dict[str, dict[str, float]] = {}
    for group in root.iter(f"{SVG}g"):
        heights = {}
        for rect in group.iter(f"{SVG}rect"):
            series = rect.get("class").split()[1]
            heights[series] = float(rect.get("height"))
        out[group.get("data-day")] = heights
    return out


def days(counts: list[tuple[int, int, int]]) -> list[DayCount]:
    start = date(2026, 11, 1)
    return [DayCount(start + timedelta(i), n, a, u) for i, (n, a, u) in enumerate(counts)]


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (1, 1), (5, 5), (6, 10), (11, 20), (20, 20), (21, 50), (99, 100), (101, 200)]
)
def test_nice_ceiling(value: int, ceiling: int) -> None:
    assert nice_ceiling(value) == ceiling


def test_bars_are_proportional_and_stacked() -> None:
    root = parse(daily_chart_svg(days([(10, 6, 3), (5, 5, 0), (0, 0, 0), (2, 0, 0)])))
    heights = bars(root)
    assert list(heights) == ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"]
    first = heights["2026-11-01"]
    assert set(first) == {"answered", "unanswered", "other"}
    assert first["answered"] == pytest.approx(2 * first["unanswered"], abs=0.2)
    assert first["other"] == pytest.approx(first["unanswered"] / 3, abs=0.2)
    full = sum(first.values())  # the tallest day reaches the top of the axis (10 -> 10)
    assert heights["2026-11-02"]["answered"] == pytest.approx(full / 2, abs=0.2)
    assert heights["2026-11-03"] == {}  # no bar for a day without questions
    assert set(heights["2026-11-04"]) == {"other"}
    assert full < HEIGHT


def test_each_day_has_a_tooltip_and_the_axis_is_labelled() -> None:
    root = parse(daily_chart_svg(days([(3, 2, 1)] * 30)))
    titles = [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g")]
    assert len(titles) == 30 and "2026-11-01" in titles[0] and "أُجيب: 2" in titles[0]
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    assert labels[0] == "11-01" and labels[-1] == "11-30" and 4 <= len(labels) <= 8
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    assert ticks == ["0", "1", "3"]


def test_no_questions_says_so() -> None:
    root = parse(daily_chart_svg(days([(0, 0, 0)] * 7)))
    assert not list(root.iter(f"{SVG}rect"))
    assert any(t.get("class") == "empty" for t in root.iter(f"{SVG}text"))


def test_the_title_is_escaped() -> None:
    svg = daily_chart_svg(days([(1, 1, 0)]), title="<script>alert(1)</script> & co")
    assert "<script>" not in svg
    assert parse(svg).find(f"{SVG}title").text == "<script>alert(1)</script> & co"


async def test_chart_of_a_real_store(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    await fill(path)
    async with queries.open_read_only(path) as db:
        gulf = await queries.read_days(db, "gulf-rain", NOW)
    root = parse(daily_chart_svg(gulf))
    groups = {g.get("data-day"): int(g.get("data-questions")) for g in root.iter(f"{SVG}g")}
    assert len(groups) == 30 and groups["2026-11-20"] == 3 and groups["2026-11-19"] == 2
    assert sum(groups.values()) == 8
    counts = {
        (g.get("data-day"), r.get("class")): int(r.get("data-count"))
        for g in root.iter(f"{SVG}g") for r in g.iter(f"{SVG}rect")
    }
    assert counts[("2026-11-19", "bar other")] == 1 and counts[("2026-11-19", "bar unanswered")] == 1
