"""The history chart of each new kind (issue 13 §3): what it draws against, and texts that
must be read apart do not overlap (measured on the drawn figure, as in
test_chart_collisions.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dk_desktop.charts.history import draw_figure_history
from dk_desktop.charts.style import ChartNote
from dk_desktop.core.model import Aggregation, Direction, Indicator, Kind, ValueType
from dk_desktop.core.progress import assess

BASE = Indicator(
    id=1, code="X01a", item_id=1, name="Chỉ số", unit="%", kind=Kind.LEVEL,
    direction=Direction.UP, comparator=">=", target=D(1), target_high=None,
    target_year=2030, target_text=None, value_type=ValueType.PERCENT,
    aggregation=Aggregation.NONE, numerator_label=None, denominator_label=None,
    baseline=None, baseline_year=2025, baseline_text=None, baseline_source=None,
    source="", note=None, position=1,
)  # fmt: skip

CASES = {
    "yearly_change": (
        replace(BASE, name="Tỷ lệ hộ nghèo giảm bình quân mỗi năm", kind=Kind.YEARLY_CHANGE,
                direction=Direction.DOWN, target=D("2.1"), unit="điểm %/năm",
                baseline=D("6.1"), value_type=ValueType.RATE),
        {2026: D("4.5"), 2027: D("2.7"), 2028: D("1.9")},
    ),
    "term_growth": (
        replace(BASE, name="Thu nhập bình quân đầu người", kind=Kind.TERM_GROWTH,
                target=D("31.6"), unit="%", baseline=D(55), value_type=ValueType.AMOUNT),
        {2026: D(58), 2027: D(63), 2028: D("66.5")},
    ),
    "yearly_minimum": (
        replace(BASE, name="Kết nạp đảng viên mới", kind=Kind.YEARLY_MINIMUM, target=D(25),
                unit="đảng viên/năm", value_type=ValueType.COUNT),
        {2025: D(14), 2026: D(27), 2027: D(20), 2028: D(25), 2029: D(31)},
    ),
    "yearly_rate": (
        replace(BASE, name="Kết nạp đảng viên mới so với đầu năm", kind=Kind.YEARLY_RATE,
                comparator=">", target=D(4), unit="%/năm"),
        {2026: D("4.2"), 2027: D("3.6"), 2028: D("4.4")},
    ),
    "units_of_total": (
        replace(BASE, name="Số thôn đạt chuẩn nông thôn mới", kind=Kind.UNITS_OF_TOTAL,
                target=D(4), total=D(9), unit="thôn", baseline=D(2),
                value_type=ValueType.COUNT),
        {2026: D(2), 2027: D(3), 2028: D(3)},
    ),
    "structure": (
        replace(BASE, name="Cơ cấu kinh tế: nông, lâm nghiệp", kind=Kind.STRUCTURE,
                direction=Direction.DOWN, comparator="=", target=D(75), baseline=D(80),
                structure="Cơ cấu kinh tế"),
        {2026: D(79), 2027: D(78), 2028: D("76.5")},
    ),
    "quota": (
        replace(BASE, name="Gọi công dân nhập ngũ", kind=Kind.QUOTA, target=D(100),
                unit="% chỉ tiêu"),
        {2026: D(100), 2027: D(95), 2028: D(100)},
    ),
    "falling_range": (
        replace(BASE, name="Tỷ lệ hộ nghèo", direction=Direction.DOWN, comparator="<=",
                target=D("2.5"), target_high=D("3.5"), baseline=D("6.1")),
        {2026: D("5.2"), 2027: D("4.4"), 2028: D("3.6")},
    ),
}  # fmt: skip


def boxes_overlap(a, b) -> bool:  # type: ignore[no-untyped-def]
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def drawn(record: Indicator, series, size):  # type: ignore[no-untyped-def]
    figure = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(figure)
    note = ChartNote(date(2028, 12, 31), "Nghị quyết (thử)")
    assessment = assess(record.spec, series, as_of=2028)
    draw_figure_history(figure, record, series, assessment, note=note, year=2028)
    figure.canvas.draw()
    return figure


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("size", [(7, 4), (4.2, 3.4)])
def test_each_new_kind_draws_its_values_apart_from_each_other_and_the_legend(case, size):
    record, series = CASES[case]
    figure = drawn(record, series, size)
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    labels = [t for t in ax.texts if t.get_text() and t.get_visible()]
    assert labels, case  # the values are written on the bars
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not boxes_overlap(a, b), (case, size)
    legend = figure.legends[0].get_window_extent(renderer)
    assert legend.x1 <= figure.bbox.x1 and legend.x0 >= figure.bbox.x0, (case, size)
    for box in boxes:
        assert not boxes_overlap(box, legend), (case, size)
    assert not boxes_overlap(ax.get_window_extent(renderer), legend), (case, size)


def _dashed_levels(figure) -> list[float]:  # type: ignore[no-untyped-def]
    ax = figure.axes[0]
    return [line.get_ydata()[0] for line in ax.lines if line.get_linestyle() == "--"]


def test_each_new_kind_is_drawn_against_what_the_resolution_asks():
    # a yearly minimum, a rate and a quota: bars against the minimum line, short years marked
    for case, line in (("yearly_minimum", 25), ("yearly_rate", 4), ("quota", 100)):
        figure = drawn(*CASES[case], (7, 4))
        assert _dashed_levels(figure) == [line], case
        legend = [t.get_text() for t in figure.legends[0].get_texts()]
        assert "Năm chưa đạt ngưỡng" in legend, case
    # a yearly change: the levels against 6,1 − 5 × 2,1, which a rate never passes: 0
    figure = drawn(*CASES["yearly_change"], (7, 4))
    assert _dashed_levels(figure) == [0]
    assert figure.axes[0].yaxis.label.get_text() == "ĐVT: %"  # the levels typed
    # a growth over the term: 55 × 1,316 = 72,38
    figure = drawn(*CASES["term_growth"], (7, 4))
    assert _dashed_levels(figure) == [pytest.approx(72.38)]
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "Mức theo NQ năm 2030: 72,38" in legend
    # a structure's share against its target share; a falling range as its band
    assert _dashed_levels(drawn(*CASES["structure"], (7, 4))) == [75]
    legend = [t.get_text() for t in drawn(*CASES["falling_range"], (7, 4)).legends[0].get_texts()]
    assert "Khoảng Nghị quyết: 2,5–3,5" in legend
