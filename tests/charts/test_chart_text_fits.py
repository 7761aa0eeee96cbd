"""Names wrap, never cut with «…», on the charts as the app draws them (issue 14 §3): the
field charts, the figure histories and the village charts at the sizes of the PDF report,
the Word report, a printed A4 page and a saved chart, with every name of the seeded
catalogue; and the texts around a chart (title, subtitle, unit, footer) do not overlap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from dk_desktop.charts.data import chart_source, progress_rows
from dk_desktop.charts.history import draw_figure_history
from dk_desktop.charts.progress import draw_field_progress
from dk_desktop.charts.style import ChartNote
from dk_desktop.charts.villages import draw_villages
from dk_desktop.core.model import Field, ValueType
from dk_desktop.reports.common import gather
from dk_desktop.store.repository import ResultInput

MM = 72 / 25.4
TEXT_WIDTH = (210 - 30 - 15) * MM
"""The A4 page's text width in the Party's format (document_format.MARGINS_MM)."""
HISTORY_SIZES = {
    "PDF, two charts a row": (TEXT_WIDTH / 2 - 4, 250),
    "PDF, one chart a row": (TEXT_WIDTH, 260),
    "saved or printed": (720, 432),
}
"""Width × height in points of a figure's history chart as the app draws it
(pdf_report._chart_grid; ui.chart_view's spec size 10 × 6 in)."""
FIELD_SIZES = {
    "PDF field page": (TEXT_WIDTH, 560),
    "Word report": (160 * MM - 5 * MM, 9.5 * 72),
    "printed A4 landscape": ((297 - 45) * MM, (210 - 40) * MM - 80),
}


@pytest.fixture
def full(store):
    """Every figure of the seeded catalogue with a commune value in 2026 and 2027."""
    commune = store.commune()
    for figure in store.figures():
        for year, share in ((2026, Decimal("0.8")), (2027, Decimal("0.9"))):
            if figure.value_type is ValueType.YESNO:
                value = Decimal(year == 2026)
            else:
                step = Decimal(1) if figure.value_type is ValueType.COUNT else Decimal("0.1")
                value = ((figure.target or Decimal(10)) * share).quantize(step)
            store.set_result(figure.id, commune.id, year, ResultInput(value))
    return store


def drawn(size_pt: tuple[float, float], draw) -> Figure:  # type: ignore[no-untyped-def]
    figure = Figure(figsize=(size_pt[0] / 72, size_pt[1] / 72), dpi=100)
    FigureCanvasAgg(figure)
    draw(figure)
    figure.canvas.draw()
    return figure


def shown_texts(figure: Figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def names_and_lines(figure: Figure) -> list[str]:
    """The chart's title, subtitle, footer, axis label and the names beside its bars
    (not what was achieved in the status column: a value whose unit is longer than a
    one-line row is shortened there, and stands whole in the report's table)."""
    ax = figure.axes[0]
    texts = [t.get_text() for t in figure.texts] + [ax.yaxis.label.get_text()]
    return texts + [t.get_text() for t in ax.get_yticklabels()]


def overlap(a, b) -> bool:  # type: ignore[no-untyped-def]
    return a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5


def drawn_ticks(ax, axis: str) -> list[Text]:  # type: ignore[no-untyped-def]
    """The tick labels matplotlib draws: those of ticks inside the axes' limits."""
    low, high = sorted(ax.get_ylim() if axis == "y" else ax.get_xlim())
    places = ax.get_yticks() if axis == "y" else ax.get_xticks()
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t for p, t in zip(places, labels, strict=True) if low <= p <= high]


def assert_clear(figure: Figure) -> None:
    """Title, subtitle, footer lines and the axis label: each inside the figure and clear
    of the others and of the axes' tick labels."""
    renderer = figure.canvas.get_renderer()
    around = [t for t in figure.texts if t.get_text().strip()]
    ax = figure.axes[0]
    if ax.yaxis.label.get_text():
        around.append(ax.yaxis.label)
    ticks = [t for t in drawn_ticks(ax, "y") + drawn_ticks(ax, "x") if t.get_text()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in around]
    whole = figure.bbox
    for index, (text, box) in enumerate(boxes):
        assert whole.x0 - 1 <= box.x0 and box.x1 <= whole.x1 + 1, text
        assert whole.y0 - 1 <= box.y0 and box.y1 <= whole.y1 + 1, text
        for other, other_box in boxes[index + 1 :]:
            assert not overlap(box, other_box), (text, other)
        for tick in ticks:
            assert not overlap(box, tick.get_window_extent(renderer)), (text, tick.get_text())


def test_every_figure_history_keeps_its_name_and_line_whole(full):
    note = ChartNote(date(2027, 12, 31), chart_source(full))
    assessments = full.assessments(2027)
    for figure_record in full.figures():
        for where, size in HISTORY_SIZES.items():
            figure = drawn(
                size,
                lambda f, r=figure_record: draw_figure_history(
                    f, r, full.commune_series(r), assessments[r.id], note=note, year=2027
                ),
            )
            cut = [t.get_text() for t in shown_texts(figure) if "…" in t.get_text()]
            assert not cut, (where, figure_record.name, cut)
            assert_clear(figure)


def test_every_field_chart_keeps_its_names_whole(full):
    data = gather(full, 2027)
    note = ChartNote(data.data_date, data.source)
    for field in Field:
        items = data.field_items(field)
        figures = [f for item in items for f in data.figures.get(item.id, [])]
        rows = progress_rows(items, figures, data.assessments)
        for where, size in FIELD_SIZES.items():
            figure = drawn(
                size,
                lambda f, rows=rows, title=f"{field.label}: so với Nghị quyết (%), năm 2027": (
                    draw_field_progress(f, rows, title=title, note=note)
                ),
            )
            names = [t.get_text() for t in figure.axes[0].get_yticklabels()]
            assert len(names) == len(rows)
            for name, row in zip(names, rows, strict=True):
                assert name.replace("\n", " ") == row.label, where
            cut = [text for text in names_and_lines(figure) if "…" in text]
            assert not cut, (where, field.label, cut)
            assert_clear(figure)


def test_long_village_names_wrap_beside_their_bars(full):
    record = full.figure_by_code("CT11a")
    names = [f"Bản Nà Ngần Trên Khu Tái Định Cư Số {n}" for n in range(1, 13)]
    values = [(name, Decimal(3 + n % 5)) for n, name in enumerate(names)]
    note = ChartNote(date(2027, 12, 31), chart_source(full))
    for size in ((720, 432), (TEXT_WIDTH, 360)):
        figure = drawn(size, lambda f: draw_villages(f, record, values, year=2027, note=note))
        shown = [t.get_text() for t in figure.axes[0].get_yticklabels()]
        assert sorted(t.replace("\n", " ") for t in shown) == sorted(names)
        assert any("\n" in t for t in shown)  # wrapped, not cut
        assert_clear(figure)


def test_a_village_value_is_not_struck_through_by_the_lines(full):
    """The commune's dotted line and the target's dashed one crossed the values written
    at the bars' ends («4,55 (chưa đạt)»): the values are drawn over them, on white."""
    record = full.figure_by_code("CT11a")
    values = [(f"Bản {n}", Decimal("4.5") + Decimal(n) / 10) for n in range(1, 9)]
    note = ChartNote(date(2027, 12, 31), chart_source(full))
    figure = drawn(
        (720, 432),
        lambda f: draw_villages(
            f, record, values, year=2027, note=note, commune_value=Decimal("4.8")
        ),
    )
    ax = figure.axes[0]
    labels = [t for t in ax.texts if "chưa đạt" in t.get_text()]
    assert len(labels) == len(values)
    assert len(ax.lines) == 2  # the target (dashed) and the commune (dotted)
    for label in labels:
        assert label.get_bbox_patch() is not None
        assert all(label.get_zorder() > line.get_zorder() for line in ax.lines)


def test_a_yearly_value_is_not_struck_through_by_the_target_line(full):
    """A bar's value written just under the resolution's dashed line («3,8» under «> 4»)
    was crossed by it: it is drawn over the line, on white."""
    record = next(f for f in full.figures() if f.value_type is ValueType.RATE)
    assessment = full.assessments(2027)[record.id]
    note = ChartNote(date(2027, 12, 31), chart_source(full))
    figure = drawn(
        HISTORY_SIZES["PDF, two charts a row"],
        lambda f: draw_figure_history(
            f, record, full.commune_series(record), assessment, note=note, year=2027
        ),
    )
    ax = figure.axes[0]
    values = [t for t in ax.texts if t.get_text() and t.get_text()[0].isdigit()]
    assert len(values) == 2  # 2026 and 2027
    for value in values:
        assert value.get_bbox_patch() is not None
        assert all(value.get_zorder() > line.get_zorder() for line in ax.lines)
