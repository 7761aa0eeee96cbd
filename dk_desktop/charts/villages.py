"""Villages: one figure across the villages in one year, sorted, against the target."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from matplotlib.figure import FigureBase
from matplotlib.ticker import MaxNLocator

from ..core import words
from ..core.model import Aggregation, Indicator, ValueType
from ..core.progress import meets
from .style import (
    INK,
    MUTED,
    Area,
    ChartNote,
    chart_rc,
    draw_footer,
    draw_title,
    fit_lines,
    font,
    number_text,
    style_axes,
    vn_formatter,
)

MET_FACE, MET_EDGE = "#7b93ad", "#23374d"
SHORT_FACE, SHORT_EDGE = "#ef9a9a", "#8e0000"


def target_applies_to_villages(record: Indicator) -> bool:
    """A village can be held to the commune's target only for rates and percentages; a
    total (head of cattle, hectares) is the sum of all villages, not each one's."""
    if record.aggregation is Aggregation.SUM:
        return False
    return record.value_type in (ValueType.PERCENT, ValueType.RATE, ValueType.YESNO)


def draw_villages(
    figure: FigureBase,
    record: Indicator,
    values: Sequence[tuple[str, Decimal | None]],
    *,
    year: int,
    note: ChartNote,
    commune_value: Decimal | None = None,
    title: str | None = None,
    rect: tuple[float, float, float, float] | None = None,
) -> None:
    """Draw each village's value of ``record`` in ``year`` as sorted horizontal bars
    (highest first; villages without a value listed last), the resolution's target as a
    dashed line where it applies to a single village, and the commune's value dotted."""
    with chart_rc():
        _draw(figure, record, list(values), year, note, commune_value, title, rect)


def _draw(figure, record, values, year, note, commune_value, title, rect) -> None:
    area = Area.of(figure, rect)
    with_target = target_applies_to_villages(record) and record.target is not None
    if with_target:
        subtitle = f"Nghị quyết: {words.target_text(record, with_unit=True)} (đường gạch)"
    elif record.target is not None:
        subtitle = (
            f"Chỉ tiêu toàn xã: {words.target_text(record, with_unit=True)} là tổng của các bản, "
            "không áp cho từng bản"
        )
    else:
        subtitle = None
    if commune_value is not None:
        subtitle = (subtitle + " · " if subtitle else "") + (
            f"Toàn xã năm {year}: {number_text(commune_value)}"
            + (f" {record.unit}" if record.unit else "")
        )
    top = draw_title(area, title or f"{record.name} theo bản, năm {year}", subtitle)
    bottom = draw_footer(area, note)
    present = sorted(((name, v) for name, v in values if v is not None), key=lambda p: -p[1])
    missing = [name for name, v in values if v is None]
    rows = present + [(name, None) for name in missing]
    if not rows:
        figure.text(
            area.x(area.points[0] / 2),
            area.y(area.points[1] / 2),
            "Chưa có bản nào trong danh sách",
            ha="center",
            fontproperties=font(10, style="italic"),
        )
        return

    label_width = min(max(area.points[0] * 0.2, 70), 140)
    ax = figure.add_axes(area.rect(label_width + 8, bottom + 30, 60, top + 4))
    style_axes(ax, grid_axis="x")
    ax.spines["left"].set_visible(False)
    height_pt = area.points[1] - top - bottom - 34
    size = max(min(height_pt / max(len(rows), 1) * 0.62, 8.5), 5.5)

    top_value = max([float(v) for _, v in present] + [0.0])
    if with_target:
        top_value = max(top_value, float(record.target))
    for y, (_name, value) in enumerate(rows):
        if value is None:
            ax.text(
                0,
                y,
                " chưa có số liệu",
                va="center",
                ha="left",
                fontproperties=font(size * 0.9, style="italic"),
                color=MUTED,
            )
            continue
        short = with_target and not meets(value, record.comparator, record.target)
        ax.barh(
            y,
            float(value),
            height=0.66,
            color=SHORT_FACE if short else MET_FACE,
            edgecolor=SHORT_EDGE if short else MET_EDGE,
            hatch="xxx" if short else None,
            linewidth=0.7,
        )
        ax.text(
            float(value) + top_value * 0.01,
            y,
            number_text(value) + (" (chưa đạt)" if short else ""),
            va="center",
            ha="left",
            fontproperties=font(size * 0.9, "bold" if short else "normal"),
            color=INK,
            # over the commune's dotted line and the target's dashed one, never struck through
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
            zorder=5,
        )
    if with_target:
        ax.axvline(float(record.target), color=INK, linestyle="--", linewidth=1.4)
        ax.text(
            float(record.target),
            -0.7,
            f"NQ {words.target_text(record)}",
            ha="center",
            va="bottom",
            fontproperties=font(7.5, "bold"),
        )
    if commune_value is not None and (with_target or record.aggregation is Aggregation.RATIO):
        ax.axvline(float(commune_value), color=MUTED, linestyle=":", linewidth=1.6)
    ax.set_xlim(0, top_value * 1.22 or 1)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_yticks(range(len(rows)))
    # a long village name wraps (smaller where its row needs it) rather than being cut
    pitch = height_pt / max(len(rows), 1)
    names = [fit_lines(name, label_width - 6, size, pitch - 1, min(size, 5.5)) for name, _ in rows]
    ax.set_yticklabels([text for text, _ in names], fontproperties=font(size))
    for tick, (_, fitted) in zip(ax.get_yticklabels(), names, strict=True):
        tick.set_fontsize(fitted)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.xaxis.set_major_formatter(vn_formatter())
    if record.unit:
        ax.set_xlabel(f"ĐVT: {record.unit}", fontproperties=font(8))
