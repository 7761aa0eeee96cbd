"""Field progress: each figure's % compared with the resolution, one horizontal bar each."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import FigureBase
from matplotlib.ticker import MaxNLocator

from ..core.model import Status
from .data import ProgressRow
from .style import (
    GRID,
    INK,
    MUTED,
    Area,
    ChartNote,
    chart_rc,
    draw_footer,
    draw_title,
    fit_lines,
    font,
    percent_text,
    status_style,
    style_axes,
    vn_formatter,
    wrap,
)

LABEL_ZORDER = 4
"""The percentage written at a bar's end is drawn over the 100 % line."""
DISPLAY_CAP = 150.0
"""Bars longer than this (%) are cut, with the real percent written at their end."""


def draw_field_progress(
    figure: FigureBase,
    rows: Sequence[ProgressRow],
    *,
    title: str,
    note: ChartNote,
    subtitle: str | None = None,
    order: str = "resolution",
    rect: tuple[float, float, float, float] | None = None,
) -> None:
    """Draw one field's figures as bars of "So với NQ (%)" with their status words.

    ``order`` is "resolution" (the document's order, figures of a target together) or
    "percent" (highest first; figures without data last). ``rect`` draws into part of
    the figure (figure fractions); without it the figure is cleared first.
    """
    with chart_rc():
        _draw(figure, list(rows), title, note, subtitle, order, rect)


def _draw(figure, rows, title, note, subtitle, order, rect) -> None:
    area = Area.of(figure, rect)
    top = draw_title(area, title, subtitle)
    bottom = draw_footer(area, note)
    if order == "percent":
        rows.sort(key=lambda r: (r.percent is None, -(r.percent or 0)))
    if not rows:
        figure.text(
            area.x(area.points[0] / 2),
            area.y(area.points[1] / 2),
            "Lĩnh vực này chưa có chỉ số để theo dõi",
            ha="center",
            fontproperties=font(10, style="italic"),
        )
        return

    width_pt, height_pt = area.points
    label_width = min(max(width_pt * 0.38, 120), 250)
    status_width = min(max(width_pt * 0.2, 90), 150)
    axes_height = height_pt - top - bottom - 30
    row_pt = min(axes_height / max(len(rows), 1), 44)
    axes_height - row_pt * len(rows)  # few bars: keep them slim, leave the rest
    label_size = 8 if row_pt >= 19 else 7 if row_pt >= 15 else 6
    max_lines = 3 if row_pt >= 30 else 2 if row_pt >= 15 else 1

    ax = figure.add_axes(area.rect(label_width + 10, bottom + 30, status_width + 8, top + 4))
    style_axes(ax, grid_axis="x")
    ax.spines["left"].set_visible(False)

    values = [float(r.percent) for r in rows if r.percent is not None]
    high = max([100.0, *values])
    xmax = min(high, DISPLAY_CAP) * 1.14
    xmin = max(min([0.0, *values]), -50.0)
    xmin = xmin * 1.1 if xmin < 0 else 0.0
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(len(rows) - 0.4, -0.6)

    positions = range(len(rows))
    for y, row in zip(positions, rows, strict=True):
        style = status_style(row.status)
        if row.percent is None:
            ax.text(
                max(xmin, 0) + xmax * 0.01,
                y,
                # a yes/no figure has words, not a bar ("Chưa đạt")
                row.compared or "chưa có số liệu",
                va="center",
                ha="left",
                fontproperties=font(7.5, style="italic"),
                color=MUTED,
            )
        else:
            shown = max(min(float(row.percent), DISPLAY_CAP), xmin)
            ax.barh(
                y,
                shown,
                height=0.62,
                color=style.face,
                edgecolor=style.edge,
                hatch=style.hatch,
                linewidth=0.8,
                label=style.word,
            )
            cut = float(row.percent) > DISPLAY_CAP
            text = row.compared or percent_text(row.percent)
            ax.text(
                shown - xmax * 0.01 if cut else max(shown, 0) + xmax * 0.01,
                y,
                ("» " + text) if cut else text,
                va="center",
                ha="right" if cut else "left",
                fontproperties=font(7.5, "bold"),
                color=INK,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.85},
                zorder=LABEL_ZORDER,  # over the 100 % line, which must not strike it through
            )
        # The status word (and what was achieved) in a column right of the chart.
        ax.text(
            1.0 + 8 / ax_width_pt(area, label_width, status_width),
            y,
            style.word,
            transform=ax.get_yaxis_transform(),
            va="bottom" if row.value_text and max_lines > 1 else "center",
            ha="left",
            fontproperties=font(8, "bold"),
            color=style.edge if row.status is not Status.NO_DATA else MUTED,
        )
        if row.value_text and max_lines > 1:
            achieved = whole_parts(row.value_text, status_width - 4, 6.5, 2 if row_pt >= 30 else 1)
            ax.text(
                1.0 + 8 / ax_width_pt(area, label_width, status_width),
                y,
                # two lines where the row has room for them, not a cut «NQ ≥ 9.82…»
                achieved[0],
                transform=ax.get_yaxis_transform(),
                va="top",
                ha="left",
                fontproperties=font(achieved[1]),
                color=MUTED,
            )

    # Faint lines between targets, so that the figures of one target read together.
    for y in range(1, len(rows)):
        if rows[y].group != rows[y - 1].group:
            ax.axhline(y - 0.5, color=GRID, linewidth=0.6, linestyle="-", zorder=0)

    ax.axvline(100, color=INK, linewidth=1.3, linestyle="--", zorder=LABEL_ZORDER - 1)
    ax.text(
        100,
        -0.62,
        "100 % = mức Nghị quyết",
        ha="center",
        va="bottom",
        fontproperties=font(7, "bold"),
        color=INK,
    )
    ax.set_yticks(list(positions))
    # a name wraps, smaller where its row needs it, rather than being cut with «…»
    labels = [fit_lines(r.label, label_width - 6, label_size, row_pt - 1) for r in rows]
    ax.set_yticklabels([text for text, _ in labels], fontproperties=font(label_size))
    for tick, (_, size) in zip(ax.get_yticklabels(), labels, strict=True):
        tick.set_fontsize(size)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(vn_formatter(" %"))
    ax.set_xlabel("So với Nghị quyết (%)", fontproperties=font(8))


def ax_width_pt(area: Area, label_width: float, status_width: float) -> float:
    return area.points[0] - label_width - 10 - status_width - 8


def whole_parts(text: str, width_pt: float, size: float, max_lines: int) -> tuple[str, float]:
    """(text, size): as many whole «; »-parts of what was achieved as the lines hold
    ("42,7 triệu đồng/người/năm; NQ ≥ 50 …" → "42,7 triệu đồng/người/năm"), never a part
    cut with «…»: the rest (the resolution's figure, tiến độ) is in the report's and the
    tab's table. A first part too long for the lines is smaller (5.5 pt at least)."""
    parts = text.split("; ")
    for count in range(len(parts), 0, -1):
        lines = wrap("; ".join(parts[:count]), width_pt, size)
        if len(lines) <= max_lines:
            return "\n".join(lines), size
    return fit_lines(parts[0], width_pt, size, max_lines * size * 1.18, 5.5)
