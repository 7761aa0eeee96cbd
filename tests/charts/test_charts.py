"""The charts, inspected through their artists for a database with known values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from dk_desktop.charts import (
    draw_field_progress,
    draw_figure_history,
    draw_status_overview,
    draw_villages,
    save_chart,
)
from dk_desktop.charts.data import (
    field_progress_rows,
    store_status_summaries,
    village_values,
)
from dk_desktop.charts.style import STATUS_STYLES
from dk_desktop.core.model import Field, Status


def texts(figure: Figure) -> list[str]:
    """Every text drawn on the figure (figure texts, axes texts, tick labels, legends)."""
    figure.canvas.draw()
    found = [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]
    return [t for t in found if t]


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_field_progress_draws_a_bar_per_figure_with_status_words(known, note):
    store = known["store"]
    rows = field_progress_rows(store, Field.CULTURE_SOCIETY, 2027)
    figure = Figure(figsize=(8, 7))
    draw_field_progress(figure, rows, title="Văn hóa – Xã hội", note=note)
    ax = figure.axes[0]
    with_data = [r for r in rows if r.percent is not None]
    assert len(bars(ax)) == len(with_data)
    shown = texts(figure)
    # Poverty 4,8 % against "giảm còn 3 %": «So với NQ» 3 ÷ 4,8 = 62,5 % (the bar), as the
    # tables write it; «Tiến độ» (6,1 − 4,8) ÷ (6,1 − 3) = 41,9 % is a label of its own.
    assert "62,5 %" in shown
    poverty = next(r for r in rows if "hộ nghèo" in r.label)
    assert poverty.percent == Decimal("62.5")
    assert "tiến độ 41,9 %" in poverty.value_text
    assert STATUS_STYLES[poverty.status].word in shown
    assert "Chưa có số liệu" in shown  # figures without data say so in words
    assert "Số liệu đến ngày 15/03/2027" in shown
    assert any(t.startswith("Nguồn: Nghị quyết") for t in shown)
    assert "Văn hóa – Xã hội" in shown
    # The 100 % line.
    assert any(
        isinstance(line, Line2D) and list(line.get_xdata()) == [100, 100] for line in ax.lines
    )
    # Bars are as long as the percent.
    widths = sorted(round(b.get_width(), 1) for b in bars(ax))
    assert 62.5 in widths


def test_status_is_readable_without_colour():
    """Each status differs by hatch or by lightness, so a grey printout keeps them apart."""
    looks = set()
    for style in STATUS_STYLES.values():
        r, g, b = to_rgb(style.face)
        grey = round(0.299 * r + 0.587 * g + 0.114 * b, 1)
        looks.add((style.hatch, grey))
    assert len(looks) == len(STATUS_STYLES)
    assert {s.word for s in STATUS_STYLES.values()} == {s.value for s in Status}


def test_axis_numbers_are_vietnamese_and_years_have_no_dot(known, note):
    store = known["store"]
    cattle = known["figures"]["CT04a"]
    assessment = store.assessments(2027)[cattle.id]
    figure = Figure(figsize=(7, 4.5))
    draw_figure_history(
        figure, cattle, store.commune_series(cattle), assessment, note=note, year=2027
    )
    ax = figure.axes[0]
    figure.canvas.draw()
    years = [t.get_text() for t in ax.get_xticklabels()]
    assert years == ["2025", "2026", "2027", "2028", "2029", "2030"]
    y_labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert any("." in label for label in y_labels)  # 10.000, 2.500 …
    assert not any("," in label and "." not in label and len(label) > 5 for label in y_labels)
    shown = texts(figure)
    assert "11.152" in shown  # the baseline bar, labelled
    assert "9.330" in shown  # 4.100 + 5.230 from the villages


def test_level_history_shows_baseline_results_plan_and_target(known, note):
    store = known["store"]
    poverty = known["figures"]["CT11a"]
    figure = Figure(figsize=(7, 4.5))
    draw_figure_history(
        figure,
        poverty,
        store.commune_series(poverty),
        store.assessments(2027)[poverty.id],
        note=note,
        title="Tỷ lệ hộ nghèo",
    )
    ax = figure.axes[0]
    heights = {round(b.get_x() + b.get_width() / 2): round(b.get_height(), 2) for b in bars(ax)}
    assert heights == {2025: 6.1, 2026: 5.5, 2027: 4.8}
    target = [line for line in ax.lines if list(line.get_ydata()) == [3.0, 3.0]]
    assert target, "the resolution's 3 % as a line"
    plan = next(line for line in ax.lines if line.get_label() == "Lộ trình kế hoạch")
    assert list(plan.get_xdata()) == [2025, 2030]
    assert list(plan.get_ydata()) == [6.1, 3.0]
    shown = texts(figure)
    assert "4,8" in shown and "5,5" in shown and "6,1" in shown
    assert any(t.startswith("Đánh giá năm 2027:") for t in shown)
    assert any("Cần giảm thêm" in t for t in shown)  # the pace still needed


def test_cumulative_history_shows_running_sum_against_target(known, note):
    store = known["store"]
    members = known["figures"]["CT20a"]
    figure = Figure(figsize=(7, 4.5))
    draw_figure_history(
        figure,
        members,
        store.commune_series(members),
        store.assessments(2027)[members.id],
        note=note,
    )
    ax = figure.axes[0]
    running = next(line for line in ax.lines if line.get_label() == "Lũy kế từ đầu nhiệm kỳ")
    assert list(running.get_ydata()) == [0.0, 15.0, 27.0]
    assert sorted(round(b.get_height()) for b in bars(ax)) == [12, 15]
    assert any(list(line.get_ydata()) == [80.0, 80.0] for line in ax.lines)
    assert "27" in texts(figure)


def test_rate_history_shows_the_band_and_milestone_says_not_reached(known, note):
    store = known["store"]
    growth = known["figures"]["CT02a"]
    figure = Figure(figsize=(7, 4.5))
    draw_figure_history(
        figure,
        growth,
        store.commune_series(growth),
        store.assessments(2027)[growth.id],
        note=note,
    )
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "Khoảng Nghị quyết: 8–10" in legend
    milestone = known["figures"]["CT05a"]
    draw_figure_history(
        figure,
        milestone,
        store.commune_series(milestone),
        store.assessments(2027)[milestone.id],
        note=note,
    )
    assert len(figure.axes) == 1  # the figure was cleared and reused
    assert texts(figure).count("Chưa đạt") >= 2


def test_overview_counts_targets_per_field_and_overall(known, note):
    summaries = store_status_summaries(known["store"], 2027)
    figure = Figure(figsize=(8, 4.5))
    draw_status_overview(figure, summaries, note=note)
    ax = figure.axes[0]
    by_row: dict[int, float] = {}
    for bar in bars(ax):
        row = round(bar.get_y() + bar.get_height() / 2)
        by_row[row] = by_row.get(row, 0) + bar.get_width()
    assert by_row[len(summaries) - 1] == 22  # the overall row holds all 22 targets
    assert [by_row[i] for i in range(4)] == [s.total for s in list(summaries.values())[:4]]
    shown = texts(figure)
    assert summaries["Toàn bộ 22 chỉ tiêu"].sentence() in shown
    assert "Quốc phòng – An ninh (1)" in shown


def test_villages_sorted_with_target_line_and_missing_villages_named(known, note):
    store = known["store"]
    culture = known["figures"]["CT12a"]
    figure = Figure(figsize=(7, 5))
    draw_villages(
        figure,
        culture,
        village_values(store, culture, 2027),
        year=2027,
        note=note,
        commune_value=store.commune_series(culture)[2027],
    )
    ax = figure.axes[0]
    widths = [round(b.get_width()) for b in sorted(bars(ax), key=lambda b: b.get_y())]
    assert widths == [90, 80, 70]  # highest first
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Bản 1", "Bản 3", "Bản 2"]
    assert any(list(line.get_xdata()) == [85.0, 85.0] for line in ax.lines)  # NQ ≥ 85 %
    assert "70 (chưa đạt)" in texts(figure)

    cattle = known["figures"]["CT04a"]
    draw_villages(figure, cattle, village_values(store, cattle, 2027), year=2027, note=note)
    shown = texts(figure)
    assert " chưa có số liệu" in shown  # Bản 3 entered nothing
    assert not any(list(line.get_xdata()) == [9820.0, 9820.0] for line in figure.axes[0].lines)


def test_drawing_into_part_of_a_page_keeps_the_rest(known, note):
    page = Figure(figsize=(8.27, 11.69))
    page.text(0.1, 0.95, "ĐẢNG BỘ XÃ ĐOÀN KẾT")
    rows = field_progress_rows(known["store"], Field.PARTY_BUILDING, 2027)
    draw_field_progress(page, rows, title="Xây dựng Đảng", note=note, rect=(0.1, 0.1, 0.8, 0.4))
    assert "ĐẢNG BỘ XÃ ĐOÀN KẾT" in texts(page)
    left, bottom, width, height = page.axes[0].get_position().bounds
    assert left >= 0.1 and bottom >= 0.1 and bottom + height <= 0.5 + 1e-9


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_save_chart_writes_the_format_and_no_temporary_file(known, note, tmp_path, suffix):
    figure = Figure(figsize=(6, 4))
    draw_status_overview(figure, store_status_summaries(known["store"], 2027), note=note)
    folder = tmp_path / "bieu-do"
    folder.mkdir()
    target = folder / f"bieu-do{suffix}"
    save_chart(figure, target)
    data = target.read_bytes()
    assert data[:4] in (b"\x89PNG", b"<?xm", b"%PDF")
    assert list(folder.iterdir()) == [target]


def test_save_chart_refuses_an_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="PNG, SVG hoặc PDF"):
        save_chart(Figure(), Path(tmp_path / "bieu-do.bmp"))


def test_importing_the_package_does_not_import_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, dk_desktop.charts, dk_desktop.charts.data; print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _reads() -> int:
    with open("/proc/self/io") as io_counts:
        return int(next(line for line in io_counts if line.startswith("syscr")).split()[1])


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc")
def test_chart_text_is_drawn_from_the_font_in_memory(known, note, tmp_path):
    """matplotlib reads a font file by seek()+read() for each glyph; the chart font is
    mapped into memory instead, and the PDF still embeds it and keeps the words."""
    from matplotlib.font_manager import FontProperties, findfont, get_font

    from dk_desktop.charts.style import FONT_FAMILY

    store = known["store"]
    figure = Figure(figsize=(8, 7))
    rows = field_progress_rows(store, Field.CULTURE_SOCIETY, 2027)
    draw_field_progress(figure, rows, title="Văn hóa – Xã hội: tỷ lệ hộ nghèo", note=note)
    for weight in ("normal", "bold"):
        path = findfont(FontProperties(family=FONT_FAMILY, weight=weight))
        font = get_font(path)
        assert font.fname == path  # named like the file: embedding opens it by name
        font.set_size(10, 72)
        before = _reads()
        font.set_text("Tỷ lệ hộ nghèo đa chiều giảm bình quân mỗi năm")
        assert _reads() - before < 5
    save_chart(figure, tmp_path / "chart.pdf")
    from pypdf import PdfReader

    reader = PdfReader(tmp_path / "chart.pdf")
    assert "Văn hóa – Xã hội: tỷ lệ hộ nghèo" in reader.pages[0].extract_text()
    fonts = [reader.get_object(f) for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert all(f["/Subtype"] == "/Type0" for f in fonts)  # TrueType (fonttype 42)


def test_history_legend_stays_inside_a_narrow_chart(known, note):
    """Half an A4 page wide (a target page's grid): long legend labels ("Bình quân nhiệm
    kỳ: …") go in one column instead of running off the page."""
    store = known["store"]
    figure = Figure(figsize=(8.27, 11.69), dpi=72)
    rect = (0.55, 0.5, 0.4, 0.3)  # the right half: its edge is the page's right margin
    for code in ("CT02a", "CT11a"):
        record = store.figure_by_code(code)
        draw_figure_history(
            figure,
            record,
            store.commune_series(record),
            store.assessments(2027)[record.id],
            note=note,
            year=2027,
            rect=rect,
        )
        figure.canvas.draw()
        right = (rect[0] + rect[2]) * figure.bbox.width
        legend = figure.legends[-1]
        assert legend.get_window_extent().x1 <= right + 1, code
