"""Printing a chart and a table into a PDF printer, offscreen."""

from __future__ import annotations

from pypdf import PdfReader

from dk_desktop.charts.data import store_status_summaries
from dk_desktop.charts.overview import draw_status_overview
from dk_desktop.reports.printing import chart_pages, print_pages, table_pages


def test_print_a_chart_and_a_long_table_to_a_pdf_printer(qapp, known, note, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    header = {
        "party_committee": "ĐẢNG BỘ XÃ ĐOÀN KẾT",
        "place_line": "Đoàn Kết, ngày 15 tháng 3 năm 2027",
    }
    pages = chart_pages(
        draw_status_overview,
        store_status_summaries(known["store"], 2027),
        note=note,
        heading="TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU",
        landscape=True,
        **header,
    )
    texts = [t.get_text() for t in pages[0].figure.texts]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts and "Trang 1/1" in texts
    assert pages[0].width > pages[0].height  # landscape

    rows = [[str(n), f"Bản {n}", "100"] for n in range(1, 121)]
    table = table_pages(
        [("STT", 1), ("Địa bàn", 5), ("Giá trị", 2)], rows, heading="SỐ LIỆU THEO BẢN", **header
    )
    assert len(table) >= 3  # 120 rows do not fit one page; every page numbered
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
