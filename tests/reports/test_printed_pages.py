"""What the printed PDF got wrong (issue 14 §3), read back from a real PDF: a unit broken
inside a syllable, names and the resolution's words cut with «…» where a line could wrap,
a page with an empty chart for each target without data."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

from dk_desktop.charts.style import wrap
from dk_desktop.core.model import Section
from dk_desktop.reports.common import gather
from dk_desktop.reports.document_format import SERIF_FAMILY, register_serif
from dk_desktop.reports.pdf_report import write_pdf_report


@pytest.fixture
def pages(known, tmp_path) -> list[str]:
    path = tmp_path / "r.pdf"
    write_pdf_report(known["store"], path)
    return [unicodedata.normalize("NFC", p.extract_text()) for p in PdfReader(path).pages]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("family", [SERIF_FAMILY, "DejaVu Sans"])
def test_a_long_unit_breaks_after_a_slash(family):
    register_serif()
    lines = wrap("triệu đồng/người/năm", 50, 8.5, family=family)
    assert len(lines) > 1
    assert "".join(lines).replace(" ", "") == "triệuđồng/người/năm"
    for line in lines[:-1]:
        assert line.endswith(("/", "triệu", "đồng")), lines  # at a slash or a space
    assert wrap("-2,5 %", 200, 8.5) == ["-2,5 %"]


def test_the_units_in_the_table_never_break_inside_a_syllable(pages):
    table = "\n".join(p for p in pages if "Thực hiện năm" in p)
    assert "triệu" in table
    assert not re.search(r"ngư\s*\n\s*ời", table)
    for unit_part in re.findall(r"đồng/\S*", table):
        assert unit_part in ("đồng/", "đồng/người/", "đồng/người/năm", "đồng/ha"), unit_part


def test_a_target_without_data_is_a_line_not_an_empty_chart(known, pages):
    data = gather(known["store"])
    without = [
        item
        for item in data.targets
        if all(data.assessments[f.id].value is None for f in data.figures[item.id])
    ]
    assert len(without) >= 10
    for item in without:
        page = next(p for p in pages if f"Chỉ tiêu ({item.number}):" in p)
        after = page.split(f"Chỉ tiêu ({item.number}):", 1)[1]
        assert "Chưa có số liệu đến năm 2027" in after
    # a page holding only targets without data has no chart (no chart footer)
    only_lines = [
        p
        for p in pages
        if re.search(r"Chỉ tiêu \(\d+\):", p)
        and all(f"Chỉ tiêu ({i.number}):" not in p for i in data.targets if i not in without)
    ]
    assert only_lines
    assert all("Số liệu đến ngày" not in p for p in only_lines)
    with_data = len(data.targets) - len(without)
    target_pages = [p for p in pages if re.search(r"Chỉ tiêu \(\d+\):", p)]
    assert len(target_pages) < with_data + len(without)  # they share pages


def test_names_and_the_resolutions_words_are_whole(known, pages):
    data = gather(known["store"])
    tasks = [i for i in data.items if i.section is not Section.TARGET]
    rows = data.table_rows(tasks)
    by_name = {squeezed(r.name) for r in rows}
    several = [i for i in tasks if len(data.figures.get(i.id, [])) > 1]  # a heading row
    longest = max(several, key=lambda i: len(i.name))
    assert len(longest.name) > 110  # long enough to have been cut before
    assert squeezed(longest.name[:1].upper() + longest.name[1:]) in by_name
    assert not [r.name for r in rows if r.name.endswith("…")]
    everything = squeezed("".join(pages))
    assert squeezed(longest.name[1:]) in everything
    for item in data.targets:
        assert squeezed(item.source) in everything, item.number
