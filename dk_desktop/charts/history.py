"""One figure over the term: results per year against the target and the planned path."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from matplotlib.figure import FigureBase
from matplotlib.ticker import FixedLocator, MaxNLocator

from ..core import words
from ..core.model import YEARLY_KINDS, Indicator, Kind, ValueType
from ..core.progress import (
    Assessment,
    counted_years,
    describe_pace,
    level_aim,
    planned_points,
)
from .data import cumulative
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
    status_style,
    style_axes,
    text_width,
    vn_formatter,
    year_formatter,
)

RESULT_FACE = "#7b93ad"
RESULT_EDGE = "#23374d"
BASELINE_FACE = "#e0e0e0"
SHORT_FACE = "#ef9a9a"
LEGEND_POINTS = 24.0
UNIT_POINTS = 24.0
"""Room left of the value ticks for «ĐVT: …» (two lines at 8 pt, three at 6.5)."""


def assessment_line(record: Indicator, assessment: Assessment) -> str:
    """ "Đánh giá năm 2027: Có khả năng đạt · so với NQ 91,8 % · tiến độ 45,2 % · …"."""
    word = status_style(assessment.status).word
    when = f" năm {assessment.year}" if assessment.year else ""
    parts = [f"Đánh giá{when}: {word}"]
    if assessment.percent is not None:
        parts.append(f"so với NQ {words.compared_text(record, assessment)}")
    if assessment.progress is not None:
        parts.append(f"tiến độ {words.progress_text(assessment)}")
    parts.append(f"NQ: {words.target_text(record, with_unit=True)}")
    pace = describe_pace(record.spec, assessment, record.unit)
    if pace:
        parts.append(pace)
    return " · ".join(parts)


def draw_figure_history(
    figure: FigureBase,
    record: Indicator,
    series: Mapping[int, Decimal],
    assessment: Assessment,
    *,
    note: ChartNote,
    title: str | None = None,
    year: int | None = None,
    rect: tuple[float, float, float, float] | None = None,
) -> None:
    """Draw one figure's yearly results (commune level) over the term.

    ``series`` is the commune value per year (Store.commune_series), ``assessment`` its
    judgement (Store.assessments(year)[record.id]); ``year`` hides later years. Level
    figures show the baseline, the results, the planned path and the target; cumulative
    ones the yearly increments and their running sum against the target; rate ranges the
    target band; thresholds mark the years that fell short; yes/no figures "Đạt/Chưa đạt".
    """
    with chart_rc():
        _draw(figure, record, dict(series), assessment, note, title, year, rect)


def _draw(figure, record, series, assessment, note, title, year, rect) -> None:
    area = Area.of(figure, rect)
    top = draw_title(area, title or record.name, assessment_line(record, assessment))
    bottom = draw_footer(area, note)
    last = min(year or record.target_year, record.target_year)
    first = counted_years(record.spec)  # a cumulative figure's 2025 counts in the term
    results = {y: v for y, v in sorted(series.items()) if first <= y <= last and v is not None}

    narrow = area.points[0] < 330
    legend_points = LEGEND_POINTS * (2 if narrow else 1)
    axes_bottom = bottom + legend_points + 18
    # 8 points under the subtitle: half of the top value tick rises above the axes
    ax = figure.add_axes(area.rect(52, axes_bottom, 14, top + 8))
    axes_height = area.points[1] - axes_bottom - top - 8
    spacing = (area.points[0] - 66) / (record.target_year - record.baseline_year + 1.2)
    ax._dk_label_size = 7.5 if spacing >= 42 else 6.5 if spacing >= 32 else 5.5
    style_axes(ax, grid_axis="y")
    handles: list = []

    yes_no = record.value_type is ValueType.YESNO
    if yes_no:
        _draw_yes_no(ax, record, results, handles)
    elif record.kind is Kind.CUMULATIVE:
        _draw_cumulative(ax, record, results, handles)
    elif record.kind is Kind.RATE_RANGE:
        _draw_rate(ax, record, results, assessment, handles)
    elif record.kind in YEARLY_KINDS:  # thresholds, «duy trì», yearly minimums, rates, quotas
        _draw_threshold(ax, record, results, handles)
    else:
        _draw_level(ax, record, series, results, handles)

    ax.set_xlim(record.baseline_year - 0.6, record.target_year + 0.6)
    ax.xaxis.set_major_locator(
        FixedLocator(list(range(record.baseline_year, record.target_year + 1)))
    )
    ax.xaxis.set_major_formatter(year_formatter())
    if not yes_no:
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.yaxis.set_major_formatter(vn_formatter())
        low, high = ax.get_ylim()
        low = min(low, 0)
        # room above the highest bar for its value (two lines), under the subtitle
        labels_pt = 2 * getattr(ax, "_dk_label_size", 7.5) * 1.2 + 4
        share = min(labels_pt / max(axes_height, 1), 0.4)
        top_bar = max((float(v) for v in results.values()), default=low)
        ax.set_ylim(low, max(high, top_bar + (top_bar - low) * share / (1 - share)))
        if words.level_unit(record):  # what is typed each year («%» of a yearly change)
            # a long unit wraps beside the axis rather than running into the title
            shown = f"ĐVT: {words.level_unit(record)}"
            unit, size = fit_lines(shown, axes_height, 8, UNIT_POINTS, 6.5)
            ax.set_ylabel(unit, fontproperties=font(size), linespacing=1.0)
    if not results:
        ax.text(
            0.5,
            0.5,
            "Chưa có số liệu thực hiện",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontproperties=font(10, style="italic"),
            color=MUTED,
        )
    if handles:
        labels = [h.get_label() for h in handles]
        figure.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(area.x(48), area.y(bottom + 2)),
            ncol=_legend_columns(labels, area.points[0] - 48 - 4, 2 if narrow else 4, narrow),
            prop=font(7.5),
            frameon=False,
            handlelength=2.2,
            columnspacing=1.2,
            borderaxespad=0,
        )


def _legend_columns(labels: list[str], width: float, most: int, narrow: bool) -> int:
    """The most columns (up to ``most``) whose legend fits in ``width`` points, in the
    rows kept for it (2, or 4 on a narrow chart): long labels ("Bình quân nhiệm kỳ: 3,3")
    would otherwise run off the page."""
    rows_kept = 4 if narrow else 2
    size = 7.5
    entry = (2.2 + 0.8) * size  # handle length + the gap before the label
    best = 1
    for columns in range(min(most, len(labels)), 0, -1):
        rows = -(-len(labels) // columns)
        if rows > rows_kept:
            break
        best = columns
        # matplotlib fills the columns top to bottom, the first ones one longer
        length, longer = divmod(len(labels), columns)
        widths, start = [], 0
        for column in range(columns):
            end = start + length + (column < longer)
            widths.append(max(text_width(label, size) for label in labels[start:end]))
            start = end
        needed = 2 * 0.4 * size + sum(widths) + columns * entry + (columns - 1) * 1.2 * size
        if needed <= width:
            return columns
    return best


def _label_bars(ax, bars, texts) -> None:
    size = getattr(ax, "_dk_label_size", 7.5)
    for bar, text in zip(bars, texts, strict=True):
        if not text:
            continue
        height = bar.get_height()
        ax.annotate(
            text,
            (bar.get_x() + bar.get_width() / 2, max(height, 0)),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontproperties=font(size, "bold"),
            color=INK,
            # over the target line, which must not strike a value through
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4, "alpha": 0.85},
            zorder=5,
        )


def _target_line(ax, record: Indicator, value: Decimal, handles: list, label: str) -> None:
    line = ax.axhline(float(value), color=INK, linewidth=1.4, linestyle="--", label=label)
    handles.append(line)


def _draw_plan(ax, record: Indicator, start: tuple[int, Decimal] | None, handles: list) -> None:
    if start is None or record.target is None:
        return
    points = [(year, float(value)) for year, value in planned_points(record.spec, start)]
    (line,) = ax.plot(
        [p[0] for p in points],
        [p[1] for p in points],
        color=MUTED,
        linestyle=":",
        linewidth=1.6,
        marker="o",
        markersize=3,
        markerfacecolor="white",
        label="Lộ trình kế hoạch",
    )
    handles.append(line)


def _result_bars(ax, record: Indicator, results: Mapping[int, Decimal], handles: list, **style):
    years = list(results)
    bars = ax.bar(
        years,
        [float(v) for v in results.values()],
        width=0.6,
        color=style.get("color", RESULT_FACE),
        edgecolor=style.get("edgecolor", RESULT_EDGE),
        hatch=style.get("hatch"),
        linewidth=0.8,
        label=style.get("label", "Thực hiện"),
        zorder=2,
    )
    if years:
        handles.append(bars)
    return bars


def _draw_level(ax, record, series, results, handles) -> None:
    start = None
    if record.baseline is not None:
        start = (record.baseline_year, record.baseline)
    elif series.get(record.baseline_year) is not None:
        start = (record.baseline_year, series[record.baseline_year])
    elif results:
        first = min(results)
        start = (first, results[first])
    if start is not None and start[0] == record.baseline_year:
        base = ax.bar(
            [start[0]],
            [float(start[1])],
            width=0.6,
            color=BASELINE_FACE,
            edgecolor=MUTED,
            hatch="...",
            linewidth=0.8,
            label=f"Năm {record.baseline_year} (điểm xuất phát)",
            zorder=2,
        )
        handles.append(base)
        _label_bars(ax, base, [number_text(start[1])])
    bars = _result_bars(ax, record, results, handles)
    _label_bars(ax, bars, [number_text(v) for v in results.values()])
    _draw_plan(ax, record, start, handles)
    if record.kind in (Kind.YEARLY_CHANGE, Kind.TERM_GROWTH):
        # the typed levels against the level the change asked for leads to by the target year
        aim = level_aim(record.spec, start) if start is not None else None
        if aim is not None:
            label = f"Mức theo NQ năm {record.target_year}: {number_text(aim)}"
            _target_line(ax, record, aim, handles, label)
    elif record.target is not None and record.target_high is not None:
        # a range of levels («giảm còn 2,5-3,5%»): the band, as for a rate
        band = ax.axhspan(
            float(record.target),
            float(record.target_high),
            facecolor="#eeeeee",
            edgecolor=MUTED,
            hatch="//",
            linewidth=0.6,
            label=f"Khoảng Nghị quyết: {words.target_text(record)}",
            zorder=0,
        )
        handles.append(band)
    elif record.target is not None:
        _target_line(ax, record, record.target, handles, f"Nghị quyết: {words.target_text(record)}")


def _draw_cumulative(ax, record, results, handles) -> None:
    bars = _result_bars(ax, record, results, handles, label="Thực hiện trong năm")
    _label_bars(ax, bars, [number_text(v) for v in results.values()])
    running = cumulative(results, counted_years(record.spec))
    if running:
        start = {} if record.baseline_year in running else {record.baseline_year: Decimal(0)}
        points = {**start, **running}
        (line,) = ax.plot(
            list(points),
            [float(v) for v in points.values()],
            color=INK,
            linewidth=2,
            marker="s",
            markersize=5,
            label="Lũy kế từ đầu nhiệm kỳ",
            zorder=4,
        )
        handles.append(line)
        for y, v in running.items():
            ax.annotate(
                number_text(v),
                (y, float(v)),
                xytext=(-4, 5),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontproperties=font(7.5, "bold"),
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
                zorder=5,
            )
    _draw_plan(ax, record, (record.baseline_year, Decimal(0)), handles)
    if record.target is not None:
        _target_line(ax, record, record.target, handles, f"Nghị quyết: {words.target_text(record)}")


def _draw_rate(ax, record, results, assessment, handles) -> None:
    bars = _result_bars(ax, record, results, handles, label="Tốc độ tăng trong năm")
    _label_bars(ax, bars, [number_text(v) for v in results.values()])
    if record.target is not None and record.target_high is not None:
        band = ax.axhspan(
            float(record.target),
            float(record.target_high),
            facecolor="#eeeeee",
            edgecolor=MUTED,
            hatch="//",
            linewidth=0.6,
            label=f"Khoảng Nghị quyết: {words.target_text(record)}",
            zorder=0,
        )
        handles.append(band)
    elif record.target is not None:
        _target_line(ax, record, record.target, handles, f"Nghị quyết: {words.target_text(record)}")
    if assessment.value is not None and results:
        mean = ax.axhline(
            float(assessment.value),
            color=INK,
            linewidth=1.2,
            linestyle="-.",
            label=f"Bình quân nhiệm kỳ: {number_text(assessment.value)}",
        )
        handles.append(mean)


def _draw_threshold(ax, record, results, handles) -> None:
    from ..core.progress import meets

    target = record.target
    good = {
        y: v for y, v in results.items() if target is None or meets(v, record.comparator, target)
    }
    short = {y: v for y, v in results.items() if y not in good}
    bars = _result_bars(ax, record, good, handles, label="Năm đạt ngưỡng")
    _label_bars(ax, bars, [number_text(v) for v in good.values()])
    if short:
        low = _result_bars(
            ax,
            record,
            short,
            handles,
            color=SHORT_FACE,
            edgecolor="#8e0000",
            hatch="xxx",
            label="Năm chưa đạt ngưỡng",
        )
        # «chưa đạt» under the value where the years are wide apart; a narrow chart has
        # the hatching and the legend's «Năm chưa đạt ngưỡng» only (the words collided)
        wide = getattr(ax, "_dk_label_size", 7.5) > 5.5
        _label_bars(
            ax, low, [number_text(v) + ("\nchưa đạt" if wide else "") for v in short.values()]
        )
    if target is not None:
        _target_line(ax, record, target, handles, f"Nghị quyết: {words.target_text(record)}")


def _draw_yes_no(ax, record, results, handles) -> None:
    reached = {y: v for y, v in results.items() if v >= 1}
    not_yet = {y: v for y, v in results.items() if v < 1}
    if reached:
        bars = ax.bar(
            list(reached),
            [1.0] * len(reached),
            width=0.6,
            color=RESULT_FACE,
            edgecolor=RESULT_EDGE,
            linewidth=0.8,
            label="Đạt",
            zorder=2,
        )
        handles.append(bars)
        _label_bars(ax, bars, ["Đạt"] * len(reached))
    if not_yet:
        bars = ax.bar(
            list(not_yet),
            [0.12] * len(not_yet),
            width=0.6,
            color=SHORT_FACE,
            edgecolor="#8e0000",
            hatch="xxx",
            linewidth=0.8,
            label="Chưa đạt",
            zorder=2,
        )
        handles.append(bars)
        _label_bars(ax, bars, ["Chưa đạt"] * len(not_yet))
    ax.set_ylim(0, 1.35)
    ax.set_yticks([])
    ax.axvline(record.target_year, color=INK, linestyle="--", linewidth=1.2)
    ax.text(
        record.target_year,
        1.3,
        f"Mục tiêu: {words.value_text(record, Decimal(1))} năm {record.target_year}",
        ha="right",
        va="top",
        fontproperties=font(7.5, "bold"),
    )


__all__ = ["draw_figure_history", "assessment_line"]
