"""The PDF and xlsx reports, read back with pypdf and openpyxl."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from dk_desktop.reports.pdf_report import write_pdf_report
from dk_desktop.reports.xlsx_report import write_xlsx_report
from dk_desktop.store.repository import ResultInput


def pdf_text(path) -> list[str]:
    reader = PdfReader(path)
    return [unicodedata.normalize("NFC", page.extract_text()) for page in reader.pages]


@pytest.fixture
def pdf(known, tmp_path):
    path = tmp_path / "bao-cao.pdf"
    write_pdf_report(known["store"], path)
    return path


def test_pdf_has_the_header_summary_table_fields_and_a_page_per_target(known, pdf):
    pages = pdf_text(pdf)
    total = len(pages)
    first = pages[0]
    assert "ĐẢNG BỘ TỈNH SƠN LA" in first and "ĐẢNG ỦY XÃ ĐOÀN KẾT" in first  # the catalogue's
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first
    assert re.search(r"Đoàn Kết, ngày \d{1,2} tháng \d{1,2} năm \d{4}", first)
    summary = known["store"].summary(as_of=2027).sentence()
    assert summary in " ".join(first.split())
    assert "Thực hiện năm 2027" in first  # the latest year with data, by default
    everything = "\n".join(pages)
    flat = " ".join(everything.split())  # wrapped cells come back on several lines
    for header in (
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Nghị quyết",
        "So với NQ (%)",
        "Tiến độ (%)",
        "Đánh giá",
    ):
        assert header in flat
    for number, page in enumerate(pages, start=1):
        assert f"Trang {number}/{total}" in page
    for field in ("Kinh tế", "Văn hóa – Xã hội", "Quốc phòng – An ninh", "Xây dựng Đảng"):
        assert f"Lĩnh vực {field}" in everything
    target_pages = [p for p in pages if re.search(r"Chỉ tiêu \(\d+\):", p)]
    headings = {m for p in target_pages for m in re.findall(r"Chỉ tiêu \((\d+)\):", p)}
    assert headings == {str(n) for n in range(1, 23)}
    # 1 first page + table pages + 4 field pages + a page for each of the 6 targets with
    # data; the 16 without data take a line each on shared pages, not an empty chart each
    assert 1 + 1 + 4 + 6 <= total < 1 + 1 + 4 + 22


def test_pdf_text_is_searchable_vietnamese_with_whole_words(pdf):
    words = set(re.findall(r"\w+", "\n".join(pdf_text(pdf))))
    for word in (
        "nghèo",
        "Đảng",
        "đảng",
        "viên",
        "Nghị",
        "quyết",
        "Chưa",
        "đạt",
        "Vượt",
        "hóa",
        "lũy",
        "kế",
    ):
        assert word in words, word
    # the poverty rate of 2027, «So với NQ» (3 ÷ 4,8) and «Tiến độ» (of the way from 6,1 %),
    # written as the screen writes them
    everything = "\n".join(pdf_text(pdf))
    assert "4,8" in everything and "62,5 %" in everything and "41,9 %" in everything


def test_pdf_fonts_are_embedded(pdf):
    reader = PdfReader(pdf)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_pdf_for_a_chosen_year(known, tmp_path):
    path = tmp_path / "bao-cao-2026.pdf"
    write_pdf_report(known["store"], path, year=2026)
    first = pdf_text(path)[0]
    assert "Thực hiện năm 2026" in first
    everything = "\n".join(pdf_text(path))
    assert "Thực hiện năm 2027" not in everything


def test_a_failed_pdf_leaves_the_old_file_and_no_half_file(known, tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(b"%PDF old")
    from matplotlib.backends import backend_pdf

    def broken(self, *args, **kwargs):
        raise OSError("Ổ đĩa đầy")

    monkeypatch.setattr(backend_pdf.PdfPages, "savefig", broken)
    with pytest.raises(OSError):
        write_pdf_report(known["store"], path)
    assert path.read_bytes() == b"%PDF old"
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("du-lieu")] == [
        "bao-cao.pdf"
    ]


@pytest.fixture
def workbook(known, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    write_xlsx_report(known["store"], path)
    return openpyxl.load_workbook(path)


def find_row(sheet, text: str, column: int = 2) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row=row, column=column).value == text:
            return row
    raise AssertionError(f"{text!r} not in column {column} of {sheet.title}")


def test_xlsx_sheets_and_summary_table(workbook, known):
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Kinh tế",
        "Văn hóa – Xã hội",
        "Quốc phòng – An ninh",
        "Xây dựng Đảng",
        "Số liệu theo bản",
    ]
    sheet = workbook["Tổng hợp"]
    assert sheet["A1"].value == "ĐẢNG BỘ XÃ ĐOÀN KẾT"
    assert sheet["D1"].value == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert re.fullmatch(r"Đoàn Kết, ngày \d+ tháng \d+ năm \d{4}", sheet["D2"].value)
    header = find_row(sheet, "Chỉ tiêu")
    assert [sheet.cell(row=header, column=c).value for c in range(1, 10)] == [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Nghị quyết",
        "Thực hiện năm 2027",
        "So với NQ (%)",
        "Tiến độ (%)",
        "Đánh giá",
        "Ghi chú",
    ]
    row = find_row(sheet, "Tỷ lệ hộ nghèo")
    cells = [sheet.cell(row=row, column=c) for c in range(1, 9)]
    assert cells[0].value == 11
    assert cells[2].value == "%"
    assert cells[3].value == "≤ 3"
    assert cells[4].value == pytest.approx(4.8) and cells[4].data_type == "n"
    assert cells[4].number_format == "#,##0.0"
    # «So với NQ» 3 ÷ 4,8 and «Tiến độ» 41,9 % of the way: numbers shown as "62,5 %"
    assert cells[5].value == pytest.approx(62.5) and cells[5].number_format == '#,##0.0" %"'
    assert cells[6].value == pytest.approx(41.9) and cells[6].number_format == '#,##0.0" %"'
    assert cells[7].value == known["store"].assessments(2027)[known["figures"]["CT11a"].id].status
    members = find_row(sheet, "Kết nạp đảng viên mới trong nhiệm kỳ")
    assert sheet.cell(row=members, column=5).value == 27  # the running sum
    assert sheet.cell(row=members, column=5).number_format == "#,##0"
    assert (
        sum(
            1
            for r in range(header + 1, sheet.max_row + 1)
            if isinstance(sheet.cell(row=r, column=1).value, int)
        )
        == 22
    )


def test_xlsx_field_sheet_and_village_values(workbook, known):
    culture = workbook["Văn hóa – Xã hội"]
    find_row(culture, "Tỷ lệ hộ gia đình văn hoá")
    villages = workbook["Số liệu theo bản"]
    rows = [[c.value for c in row] for row in villages.iter_rows(min_row=2)]
    cattle = [r for r in rows if r[0] == "CT04a"]
    assert [r[4] for r in cattle] == ["Toàn xã Đoàn Kết", "Bản 1", "Bản 2"]
    assert [r[7] for r in cattle] == [9330, 4100, 5230]  # 2027 column
    culture_rows = {r[4]: r[7] for r in rows if r[0] == "CT12a"}
    assert culture_rows["Toàn xã Đoàn Kết"] == pytest.approx(80.0)  # 320 / 400, not a mean


def test_xlsx_text_that_looks_like_a_formula_stays_text(known, tmp_path):
    store = known["store"]
    village = store.add_village('=HYPERLINK("http://x","Bấm")')
    store.set_result(known["figures"]["CT04a"].id, village.id, 2027, ResultInput(Decimal(7)))
    path = tmp_path / "bao-cao.xlsx"
    write_xlsx_report(store, path)
    sheet = openpyxl.load_workbook(path)["Số liệu theo bản"]
    cell = next(
        c
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")
    )
    assert cell.data_type == "s"
    assert cell.quotePrefix
    raw = path.read_bytes()
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet6.xml").decode()
    assert "<f>" not in xml and raw


def test_xlsx_is_written_atomically(known, tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"old")
    from openpyxl import Workbook

    def broken(self, filename):
        Path(filename).write_bytes(b"half")
        raise OSError("USB rút ra")

    monkeypatch.setattr(Workbook, "save", broken)
    with pytest.raises(OSError):
        write_xlsx_report(known["store"], path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("du-lieu")] == [
        "bao-cao.xlsx"
    ]


def _entered(store, year: int, day: str) -> None:
    """Date the results of ``year`` as entered on ``day`` (test dates, before today)."""
    store.db.execute("UPDATE results SET entered_at = ? WHERE year = ?", [day, year])


def test_data_date_of_a_report_counts_only_results_up_to_its_year(known, tmp_path):
    store = known["store"]
    _entered(store, 2026, "2026-03-10T09:30:00+07:00")
    _entered(store, 2027, "2026-10-05T15:00:00+07:00")  # entered later

    earlier = tmp_path / "bao-cao-2026.pdf"
    write_pdf_report(store, earlier, year=2026)
    pages = pdf_text(earlier)
    assert "số liệu đến ngày 10/03/2026" in " ".join(pages[0].split())
    everything = "\n".join(pages)
    assert "Số liệu đến ngày 10/03/2026" in everything  # under the charts too
    assert "05/10/2026" not in everything

    latest = tmp_path / "bao-cao.pdf"
    write_pdf_report(store, latest)  # the latest year, 2027
    assert "số liệu đến ngày 05/10/2026" in " ".join(pdf_text(latest)[0].split())

    path = tmp_path / "bao-cao-2026.xlsx"
    write_xlsx_report(store, path, year=2026)
    cells = [
        c.value
        for row in openpyxl.load_workbook(path)["Tổng hợp"].iter_rows()
        for c in row
        if isinstance(c.value, str) and "số liệu đến ngày" in c.value
    ]
    assert cells and all("10/03/2026" in text for text in cells)


def test_pdf_report_leaves_the_garbage_collector_as_it_was_and_no_pages(known, tmp_path):
    import gc

    from matplotlib.figure import Figure

    def figures() -> int:
        return sum(1 for o in gc.get_objects() if isinstance(o, Figure))

    gc.collect()
    before = figures()
    assert gc.isenabled()
    write_pdf_report(known["store"], tmp_path / "a.pdf")
    assert gc.isenabled()
    assert figures() == before  # the pages were freed with the report
    gc.disable()
    try:
        write_pdf_report(known["store"], tmp_path / "b.pdf")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_reports_write_yes_no_figures_in_words_and_say_when_a_target_lacks_data(
    workbook, known, tmp_path
):
    sheet = workbook["Tổng hợp"]
    milestone = find_row(sheet, "- Xã đạt chuẩn nông thôn mới")
    cells = [sheet.cell(row=milestone, column=c).value for c in range(4, 9)]
    # NQ «Đạt»; 2027 «Chưa đạt»; «So với NQ» in words; no «Tiến độ»; not due before 2030
    assert cells == ["Đạt", "Chưa đạt", "Chưa đạt", None, "Chưa đến hạn"]
    villages = workbook["Số liệu theo bản"]
    rows = [[c.value for c in row] for row in villages.iter_rows(min_row=2)]
    (commune,) = [r for r in rows if r[0] == "CT05a"]
    assert commune[6:8] == ["Chưa đạt", "Chưa đạt"]  # 2026, 2027: words, never 0
    # target 4 has cattle (2027) but none of its other figures: not counted as met
    heading = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == 4)
    assert sheet.cell(row=heading, column=8).value == "Chưa đủ số liệu"
    assert re.fullmatch(r"1/\d+ chỉ số có số liệu", sheet.cell(row=heading, column=9).value)
    pdf = tmp_path / "bao-cao.pdf"
    write_pdf_report(known["store"], pdf)
    flat = " ".join("\n".join(pdf_text(pdf)).split())
    assert "Chưa đủ số liệu (1/" in flat
    assert "Hoàn thành" not in flat  # one word for a yes/no figure, as on screen
