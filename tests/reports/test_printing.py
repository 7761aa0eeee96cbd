"""Printing a chart and a table into a PDF printer, offscreen."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from dk_desktop.charts.data import store_status_summaries
from dk_desktop.charts.overview import draw_status_overview
from dk_desktop.reports.document_format import SIZES, Heading
from dk_desktop.reports.printing import chart_pages, print_pages, table_pages

LETTERHEAD = [
    ("ĐẢNG BỘ TỈNH SƠN LA", SIZES["superior"], "normal", "normal"),
    ("ĐẢNG ỦY XÃ ĐOÀN KẾT", SIZES["issuer"], "bold", "normal"),
    ("*", SIZES["issuer"], "normal", "normal"),
    ("ĐẢNG CỘNG SẢN VIỆT NAM", SIZES["party"], "bold", "normal"),
    ("Đoàn Kết, ngày 15 tháng 3 năm 2027", SIZES["place_date"], "normal", "italic"),
]
"""The PDF report's header blocks (document_format.draw_letterhead), catalogue's words."""


def letterhead_of(page) -> list[tuple[str, float, str, str]]:
    shown = {
        t.get_text(): (t.get_text(), t.get_fontsize(), t.get_fontweight(), t.get_fontstyle())
        for t in page.figure.texts
    }
    return [shown[text] for text, *_ in LETTERHEAD if text in shown]


def test_print_a_chart_and_a_long_table_to_a_pdf_printer(qapp, known, note, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    header = {"letterhead": Heading.of(known["store"].meta()), "day": date(2027, 3, 15)}
    pages = chart_pages(
        draw_status_overview,
        store_status_summaries(known["store"], 2027),
        note=note,
        heading="TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU",
        landscape=True,
        **header,
    )
    texts = [t.get_text() for t in pages[0].figure.texts]
    # the same header blocks as the PDF report (a one-line «ĐẢNG BỘ XÃ …» before), but no
    # «Số …-BC/ĐU»: a printed chart is not a numbered document of its own
    assert letterhead_of(pages[0]) == LETTERHEAD
    assert header["letterhead"].number_line not in texts
    assert "Trang 1/1" in texts
    assert pages[0].width > pages[0].height  # landscape

    rows = [[str(n), f"Bản {n}", "100"] for n in range(1, 121)]
    table = table_pages(
        [("STT", 1), ("Địa bàn", 5), ("Giá trị", 2)], rows, heading="SỐ LIỆU THEO BẢN", **header
    )
    assert len(table) >= 3  # 120 rows do not fit one page; every page numbered
    assert letterhead_of(table[0]) == LETTERHEAD
    assert f"Trang {len(table)}/{len(table)}" in [t.get_text() for t in table[-1].figure.texts]

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    output = tmp_path / "in.pdf"
    printer.setOutputFileName(str(output))
    print_pages(printer, table)
    reader = PdfReader(output)
    assert len(reader.pages) == len(table)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert round(width) == 595 and round(height) == 842  # A4 portrait, in points
