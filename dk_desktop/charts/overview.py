"""Overview: how many targets per status, per field and overall (stacked bars)."""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import FigureBase
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..core.model import Status
from ..core.progress import Summary
from .style import (
    INK,
    Area,
    ChartNote,
    chart_rc,
    draw_footer,
    draw_title,
    fit_lines,
    font,
    status_style,
    style_axes,
    text_width,
)

LEGEND_COLUMNS = 3
"""At most; fewer where the chart is too narrow for three (a 1024-pixel screen)."""
LEGEND_ROW_POINTS = 14.0
"""One legend row (8 pt text, a 1.2-line swatch and the spacing between rows)."""
LEGEND_POINTS_EACH = 2.4 * 8 + 8 + 12
"""Beside each legend word: its swatch (2.4 lines of 8 pt), the gap to the word, the gap
to the next column."""
BAR_LABEL_POINTS = 7.5
TICKS_POINTS = 34.0
"""Under the bars: the tick numbers and the axis title «Số chỉ tiêu», then the legend."""


def draw_status_overview(
    figure: FigureBase,
    summaries: Mapping[str, Summary],
    *,
    note: ChartNote,
    title: str = "Tình hình thực hiện các chỉ tiêu Nghị quyết",
    subtitle: str | None = None,
    rect: tuple[float, float, float, float] | None = None,
) -> None:
    """One stacked bar per row of ``summaries`` (label -> Summary, e.g. per field, then
    overall as the last row), a segment per status with its count written on it."""
    with chart_rc():
        _draw(figure, summaries, note, title, subtitle, rect)


def _draw(figure, summaries, note, title, subtitle, rect) -> None:
    area = Area.of(figure, rect)
    labels = list(summaries)
    if subtitle is None and labels:
        subtitle = summaries[labels[-1]].sentence()
    top = draw_title(area, title, subtitle)
    bottom = draw_footer(area, note)
    # the rows' names on one line where they fit in a third of the chart, else wrapped
    names = [f"{label} ({summaries[label].total})" for label in labels]
    needed = max((text_width(n, 9, "bold") + 8 for n in names), default=90)
    label_width = min(max(90, needed), max(90, area.points[0] * 0.35), 170)
    legend_columns = _legend_columns(area.points[0] - 16)
    # a row per ``legend_columns`` statuses: «Số chỉ tiêu» never sits on the legend
    legend_points = -(-len(Status) // legend_columns) * LEGEND_ROW_POINTS
    ax = figure.add_axes(
        area.rect(label_width + 8, bottom + legend_points + TICKS_POINTS, 16, top + 4)
    )
    style_axes(ax, grid_axis="x")
    ax.spines["left"].set_visible(False)
    longest = max((s.total for s in summaries.values()), default=1) or 1
    for y, label in enumerate(labels):
        summary = summaries[label]
        left = 0
        for status in Status:
            count = summary.counts.get(status, 0)
            if not count:
                continue
            style = status_style(status)
            ax.barh(
                y,
                count,
                left=left,
                height=0.6,
                color=style.face,
                edgecolor=style.edge if status is not Status.NO_DATA else "#7a7a7a",
                hatch=style.hatch,
                linewidth=0.9,
            )
            ax.text(
                left + count / 2,
                y,
                str(count),
                ha="center",
                va="center",
                fontproperties=font(9, "bold"),
                color=INK,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.2, "alpha": 0.9},
            )
            left += count
        ax.text(
            left + longest * 0.01,
            y,
            f"{summary.met}/{summary.total} đạt và vượt",
            ha="left",
            va="center",
            fontproperties=font(BAR_LABEL_POINTS),
            color=INK,
        )
    # room right of the longest bar for its «x/y đạt và vượt», measured, so that a narrow
    # chart does not cut it at the edge
    bar_labels = [f"{s.met}/{s.total} đạt và vượt" for s in summaries.values()]
    label_points = max((text_width(t, BAR_LABEL_POINTS) for t in bar_labels), default=0)
    axis_points = area.points[0] - label_width - 8 - 16
    share = min(0.6, (label_points + 6) / max(axis_points, 1))
    ax.set_xlim(0, longest * max(1.28, 1 / (1 - share)))
    ax.set_ylim(len(labels) - 0.4, -0.6)
    ax.set_yticks(range(len(labels)))
    # a row's name wraps (smaller where its row needs it) rather than being cut with «…»
    pitch = (area.points[1] - top - bottom - legend_points - TICKS_POINTS) / max(len(labels), 1)
    fitted = [fit_lines(name, label_width - 6, 9, pitch - 1) for name in names]
    ax.set_yticklabels([text for text, _ in fitted], fontproperties=font(9))
    for tick, (_, size) in zip(ax.get_yticklabels(), fitted, strict=True):
        tick.set_fontsize(size)
    if labels:
        ax.get_yticklabels()[-1].set_fontweight("bold")
    if len(labels) > 1:
        ax.axhline(len(labels) - 1.5, color=INK, linewidth=0.8)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    ax.set_xlabel("Số chỉ tiêu", fontproperties=font(8))
    handles = [
        Patch(
            facecolor=status_style(s).face,
            edgecolor=status_style(s).edge,
            hatch=status_style(s).hatch,
            label=status_style(s).word,
        )
        for s in Status
    ]
    figure.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(area.x(8), area.y(bottom + 2)),
        ncol=legend_columns,
        prop=font(8),
        frameon=False,
        handlelength=2.4,
        handleheight=1.2,
        borderaxespad=0,
    )


def _legend_columns(width_points: float) -> int:
    """As many legend columns (up to LEGEND_COLUMNS) as the chart's width holds, the widest
    status word deciding each column's width."""
    widest = max(text_width(status_style(s).word, 8) for s in Status) + LEGEND_POINTS_EACH
    return max(1, min(LEGEND_COLUMNS, int(width_points // widest)))
