"""Text that collided on printed charts (issue 14 §3), measured on the drawn figure: the
boxes of texts that must be read apart do not overlap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from dk_desktop.charts.data import ProgressRow
from dk_desktop.charts.overview import draw_status_overview
from dk_desktop.charts.progress import draw_field_progress
from dk_desktop.charts.style import ChartNote
from dk_desktop.core.model import Status
from dk_desktop.core.progress import summarize


def boxes_overlap(a, b) -> bool:  # type: ignore[no-untyped-def]
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_the_overview_axis_title_is_clear_of_the_legend():
    statuses = list(Status) * 2 + [Status.NO_DATA] * 4  # every status: the longest legend
    summaries = {"Kinh tế": summarize(statuses[:12]), "Toàn bộ 22 chỉ tiêu": summarize(statuses)}
    note = ChartNote(date(2027, 3, 15), "Nghị quyết Đại hội Đảng bộ xã Đoàn Kết (thử)")
    for size in ((8, 4.5), (6.9, 4.6)):  # a chart saved alone; the PDF's first page
        figure = Figure(figsize=size, dpi=100)
        FigureCanvasAgg(figure)
        draw_status_overview(figure, summaries, note=note)
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        label = figure.axes[0].xaxis.label
        assert label.get_text() == "Số chỉ tiêu"
        legend = figure.legends[0]
        assert len(legend.get_texts()) == len(Status)
        label_box = label.get_window_extent(renderer)
        assert not boxes_overlap(label_box, legend.get_window_extent(renderer))
        ticks = [t for t in figure.axes[0].get_xticklabels() if t.get_text()]
        for tick in ticks:
            assert not boxes_overlap(tick.get_window_extent(renderer), label_box)
        footer = [
            t
            for t in figure.findobj(Text)
            if t.get_text().startswith("Số liệu đến ngày") and t.get_visible()
        ]
        assert footer
        assert not boxes_overlap(
            footer[0].get_window_extent(renderer), legend.get_window_extent(renderer)
        )


def test_a_narrow_overview_keeps_its_legend_and_bar_labels_inside():
    """On a 1024-pixel screen the overview chart is about 370 pixels wide: its legend (nine
    words) and each bar's «x/y đạt và vượt» were cut at the right edge."""
    statuses = list(Status) * 2 + [Status.NO_DATA] * 4
    summaries = {"Kinh tế": summarize(statuses[:12]), "Toàn bộ 22 chỉ tiêu": summarize(statuses)}
    note = ChartNote(date(2027, 3, 15), "Nghị quyết Đại hội Đảng bộ xã Đoàn Kết (thử)")
    for size in ((3.7, 4.6), (5, 4.6), (8, 4.5)):
        figure = Figure(figsize=size, dpi=100)
        FigureCanvasAgg(figure)
        draw_status_overview(figure, summaries, note=note)
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        right = figure.bbox.x1
        legend = figure.legends[0]
        assert legend.get_window_extent(renderer).x1 <= right, size
        bar_labels = [t for t in figure.axes[0].texts if "đạt và vượt" in t.get_text()]
        assert len(bar_labels) == len(summaries)
        for label in bar_labels:
            assert label.get_window_extent(renderer).x1 <= right, (size, label.get_text())
        label = figure.axes[0].xaxis.label
        assert not boxes_overlap(
            label.get_window_extent(renderer), legend.get_window_extent(renderer)
        )


def field_chart(rows, size=(7, 4)):  # type: ignore[no-untyped-def]
    figure = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(figure)
    note = ChartNote(date(2027, 3, 15), "Nghị quyết (thử)")
    draw_field_progress(figure, rows, title="Kinh tế", note=note)
    figure.canvas.draw()
    return figure


def test_a_percentage_by_the_100_line_is_not_struck_through():
    rows = [
        ProgressRow("(4) Tổng đàn gia súc", Decimal("98.6"), Status.BEHIND, "", "CT04"),
        ProgressRow("(4) Số lồng cá", Decimal("101.2"), Status.EXCEEDED, "", "CT04"),
    ]
    ax = field_chart(rows).axes[0]
    line = next(li for li in ax.lines if list(li.get_xdata()) == [100, 100])
    labels = [t for t in ax.texts if t.get_text() in ("98,6 %", "101,2 %")]
    assert len(labels) == 2
    assert all(label.get_zorder() > line.get_zorder() for label in labels)


def test_what_was_achieved_wraps_where_the_row_has_room():
    long = "9.330 con; NQ ≥ 9.820 con; tiến độ 51,6 %; lũy kế từ Đại hội đến năm 2027"
    rows = [ProgressRow("(4) Tổng đàn gia súc", Decimal("95"), Status.BEHIND, long, "CT04")]
    ax = field_chart(rows, size=(7, 3)).axes[0]
    shown = next(t.get_text() for t in ax.texts if t.get_text().startswith("9.330 con"))
    assert "\n" in shown and "NQ ≥ 9.820 con" in shown.replace("\n", " ")  # not «9.82…»
