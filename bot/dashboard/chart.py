"""Questions per day as a server-rendered SVG bar chart: no JavaScript, no chart library.

One stacked bar a day: answered at the bottom, then unanswered, then the rest (greetings,
thanks, help and kinds yet to come), so the bar's height is every question that day. Each day
carries a <title>, which browsers show as a tooltip. Time runs left to right even on the
right-to-left page (as in Arabic newspapers' charts), and the axis labels are digits.
"""

from __future__ import annotations

import math
from html import escape
from typing import Sequence

from bot.dashboard.queries import DayCount

WIDTH = 720
HEIGHT = 240
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 40, 8, 12, 28
# (class, colour, the part of a day it draws); bottom to top
SERIES: tuple[tuple[str, str, str], ...] = (
    ("answered", "#2e7d32", "answered"),
    ("unanswered", "#d84315", "unanswered"),
    ("other", "#9e9e9e", "other"),
)


def nice_ceiling(value: int) -> int:
    """The axis maximum: `value` rounded up to 1, 2 or 5 times a power of ten (at least 1)."""
    if value <= 5:
        return max(1, value)
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= value)


def day_tooltip(day: DayCount) -> str:
    return (
        f"{day.day.isoformat()} — الأسئلة: {day.questions}، أُجيب: {day.answered}، "
        f"بلا جواب: {day.unanswered}، غير ذلك: {day.other}"
    )


def daily_chart_svg(days: Sequence[DayCount], *, title: str = "الأسئلة في اليوم (UTC)") -> str:
    """The chart of `days` (oldest first) as an inline <svg> element."""
    plot_w = WIDTH - _MARGIN_LEFT - _MARGIN_RIGHT
    plot_h = HEIGHT - _MARGIN_TOP - _MARGIN_BOTTOM
    top = nice_ceiling(max((d.questions for d in days), default=0))
    slot = plot_w / max(1, len(days))
    bar_w = max(1.0, slot * 0.75)
    baseline = _MARGIN_TOP + plot_h

    def y_of(count: float) -> float:
        return baseline - plot_h * count / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" direction="ltr" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    for tick in sorted({0, top // 2, top}):
        y = y_of(tick)
        parts.append(
            f'<line class="grid" x1="{_MARGIN_LEFT}" x2="{WIDTH - _MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
            f'<text class="tick" x="{_MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#555">{tick}</text>'
        )
    label_every = max(1, math.ceil(len(days) / 6))
    for i, day in enumerate(days):
        x = _MARGIN_LEFT + i * slot + (slot - bar_w) / 2
        parts.append(f'<g class="day" data-day="{day.day.isoformat()}" data-questions="{day.questions}">')
        parts.append(f"<title>{escape(day_tooltip(day))}</title>")
        stacked = 0
        for css_class, colour, attribute in SERIES:
            count = getattr(day, attribute)
            if count <= 0:
                continue
            y_top, y_bottom = y_of(stacked + count), y_of(stacked)
            parts.append(
                f'<rect class="bar {css_class}" x="{x:.1f}" y="{y_top:.1f}" width="{bar_w:.1f}" '
                f'height="{y_bottom - y_top:.1f}" fill="{colour}" data-count="{count}"/>'
            )
            stacked += count
        parts.append("</g>")
        if i % label_every == 0 or i == len(days) - 1:
            parts.append(
                f'<text class="label" x="{x + bar_w / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle" '
                f'font-size="11" fill="#555">{day.day.strftime("%m-%d")}</text>'
            )
    if not any(d.questions for d in days):
        parts.append(
            f'<text class="empty" x="{WIDTH / 2:.0f}" y="{HEIGHT / 2:.0f}" text-anchor="middle" '
            f'font-size="14" fill="#777" direction="rtl">لا أسئلة في هذه الأيام</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
