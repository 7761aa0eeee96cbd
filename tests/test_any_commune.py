"""Any commune (issue 13 §1): nothing of the bundled commune is written in the code.

A second commune's catalogue — another name and province, 15 targets, the term 2030–2035
— is drafted from its own text into a real database, results are typed for a few years,
and everything the app shows or writes for it is read back: the window (title, every
table's headers and cells, every label, the guide and «Giới thiệu»), the charts (every
text drawn), the PDF, the xlsx and the Word report, a data package and a configuration
package. Each must name that commune and its years, and never the bundled commune, its
term's first year or its count of targets.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from matplotlib.text import Text
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

from dk_desktop.core.model import Field
from dk_desktop.drafting.draft import build_draft
from dk_desktop.exchange.package import export_config_package, export_data_package
from dk_desktop.reports.docx_report import ReportKind, write_docx_report
from dk_desktop.reports.pdf_report import write_pdf_report
from dk_desktop.reports.xlsx_report import write_xlsx_report
from dk_desktop.store.database import create_database
from dk_desktop.store.repository import ResultInput, Store
from dk_desktop.store.seed import read_seed
from dk_desktop.ui import chart_view
from dk_desktop.ui.help import HelpDialog, about_text
from dk_desktop.ui.main_window import MainWindow
from dk_desktop.ui.settings import AppSettings

COMMUNE, PROVINCE, TERM = "Chiềng Sơn", "Điện Biên", (2030, 2035)
VILLAGE = "Bản Co Phay"
TARGETS = """Các chỉ tiêu chủ yếu
Các chỉ tiêu về kinh tế (6 chỉ tiêu)
(1) Tốc độ tăng trưởng kinh tế bình quân 8 - 10%/năm.
(2) Thu nhập bình quân đầu người đến năm 2035 so với năm 2030 tăng 31,6%.
(3) Tổng sản lượng lương thực đạt 12.000 tấn.
(4) Trồng rừng mới 30 ha/năm.
(5) Tỷ lệ che phủ rừng đạt 55%.
(6) Số thôn đạt chuẩn nông thôn mới: 04/09 thôn.
Các chỉ tiêu về văn hóa - xã hội (5 chỉ tiêu)
(7) Tỷ lệ hộ nghèo giảm còn 3%.
(8) Tỷ lệ hộ gia đình văn hoá từ 85% trở lên.
(9) Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng dưới 10%.
(10) Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%.
(11) Giải quyết việc làm mới cho 500 lao động.
Các chỉ tiêu về quốc phòng - an ninh (2 chỉ tiêu)
(12) Tuyển chọn, gọi công dân nhập ngũ hàng năm đạt 100% chỉ tiêu.
(13) Tỷ lệ thôn đạt tiêu chuẩn an toàn về an ninh trật tự đạt 90%.
Các chỉ tiêu về xây dựng Đảng (2 chỉ tiêu)
(14) Hàng năm kết nạp mới từ 25 đảng viên trở lên.
(15) Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ hằng năm đạt trên 90%.
"""

BUNDLED = read_seed()
BUNDLED_COUNT = sum(1 for item in BUNDLED["items"] if item["section"] == "target")
# what must never show for another commune: the bundled commune's names, its term's
# first year (the baseline year the code used to write) and its count of targets
FORBIDDEN = (
    BUNDLED["commune"]["name"],
    BUNDLED["commune"]["name"].upper(),
    BUNDLED["commune"]["area"],
    BUNDLED["commune"]["province"],
    str(BUNDLED["commune"]["term_start"]),
    f"{BUNDLED_COUNT} chỉ tiêu",
)


def leaks(texts: list[str]) -> list[str]:
    """Each forbidden word with a piece of the text it was found in."""
    found = []
    for text in texts:
        for word in FORBIDDEN:
            at = text.find(word)
            if word and at >= 0:
                found.append(f"{word!r} in «{text[max(0, at - 40) : at + 40]}»")
    return found


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The commune's database: its draft made from its text, named as the clerk names it,
    with a former commune and a village, and results in 2031 and 2032."""
    draft = build_draft(TARGETS, commune=COMMUNE, province=PROVINCE, term=TERM)
    draft["commune"]["former_communes"] = ["Nà Tấu"]
    draft["document"]["congress_number"] = "I"
    draft["villages"] = [{"name": VILLAGE, "former_commune": "Nà Tấu"}]
    path = tmp_path_factory.mktemp("xa") / "chieng-son.sqlite"
    create_database(path, draft, created_by="Lò Thị Hương")
    store = Store.open(path, user="Lò Thị Hương")
    try:
        assert store.term() == TERM
        assert len(store.items()) == 15
        commune = store.commune()
        village = next(v for v in store.villages() if v.name == VILLAGE)
        for code, values in {
            "CT02a": ("58", "61,5"),
            "CT07a": ("4,2", "3,6"),
            "CT14a": ("27", "24"),
        }.items():
            figure = store.figure_by_code(code)
            for year, text in zip((2031, 2032), values, strict=True):
                value = Decimal(text.replace(",", "."))
                store.set_result(figure.id, commune.id, year, ResultInput(value))
        cattle = store.figure_by_code("CT03a")
        store.set_result(cattle.id, village.id, 2031, ResultInput(Decimal("4100")))
    finally:
        store.close()
    return path


@pytest.fixture
def store(made: Path) -> Iterator[Store]:
    opened = Store.open(made, user="Lò Thị Hương")
    yield opened
    opened.close()


# --- the window --------------------------------------------------------------------------


def view_texts(view: QAbstractItemView) -> list[str]:
    """Every header (and its tip) and every cell a table shows."""
    model = view.model()
    if model is None:
        return []
    texts = []
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    for column in range(model.columnCount()):
        for role in roles:
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal, role) or ""))
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in roles:
                texts.append(str(model.index(row, column).data(role) or ""))
    return texts


def window_texts(window: MainWindow) -> list[str]:
    texts = [window.windowTitle()]
    texts += [label.text() for label in window.findChildren(QLabel)]
    texts += [text for view in window.findChildren(QAbstractItemView) for text in view_texts(view)]
    return texts


def test_the_window_shows_only_the_communes_names_and_years(qtbot, made, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = AppSettings(tmp_path / "cai-dat.ini")
    settings.user_name = "Lò Thị Hương"
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(made)
    texts = window_texts(window)
    store = window.session.store
    for field in Field:  # each tab's figures, and a figure's detail with its years
        tab = window.field_tabs[field]
        window.tabs.setCurrentWidget(tab)
        items = {item.id for item in store.items(field=field)}
        first = next(f for f in store.figures() if f.item_id in items)
        assert tab.select_figure(first.id)
        texts += window_texts(window)
    help_dialog = HelpDialog(window, window.session.store)
    texts += [help_dialog.browser.toPlainText(), about_text(window.session.store)]
    help_dialog.deleteLater()

    assert COMMUNE in window.windowTitle() and "2030 – 2035" in window.windowTitle()
    headers = [text for text in texts if text.startswith("Gốc ")]
    assert "Gốc 2030" in headers
    assert any("15 chỉ tiêu chủ yếu" in text for text in texts)  # the guide's count
    assert any(PROVINCE in text for text in texts)  # «Giới thiệu»
    assert "2035" in texts  # a year column of the figure's years
    assert leaks(texts) == []
    window.close()


def test_the_charts_show_only_the_communes_names_and_years(qtbot, made, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = AppSettings(tmp_path / "cai-dat.ini")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_path(made)
    session = window.session
    store = session.store
    income = store.figure_by_code("CT02a")
    specs = [
        chart_view.overview_spec(session),
        chart_view.history_spec(session, income),
        *[chart_view.field_spec(session, field) for field in Field],
    ]
    texts = []
    for spec in specs:
        figure = spec.new_figure()
        texts.append(spec.title)
        texts += [text.get_text() for text in figure.findobj(Text)]
    joined = "\n".join(texts)
    assert f"Nghị quyết Đại hội Đảng bộ xã {COMMUNE} lần thứ I (2030 – 2035)" in joined
    assert "Toàn bộ 15 chỉ tiêu" in joined
    assert leaks(texts) == []
    window.close()


# --- the reports and the packages ----------------------------------------------------


def test_the_pdf_shows_only_the_communes_names_and_years(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bao-cao.pdf"
    write_pdf_report(store, path, 2032)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    from pypdf import PdfReader

    metadata = [str(value) for value in (PdfReader(path).metadata or {}).values()]
    assert COMMUNE.upper() in text or COMMUNE in text
    assert "2030 – 2035" in " ".join(text.split())
    assert leaks([text, *metadata]) == []


def test_the_xlsx_shows_only_the_communes_names_and_years(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bao-cao.xlsx"
    write_xlsx_report(store, path, 2032)
    workbook = load_workbook(path, read_only=True)
    texts = list(workbook.sheetnames)
    for sheet in workbook.worksheets:
        texts += [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    workbook.close()
    assert any(COMMUNE in text for text in texts)
    assert {str(year) for year in range(2030, 2036)} <= set(texts)  # the years' columns
    assert leaks(texts) == []


def test_the_word_report_shows_only_the_communes_names_and_years(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bao-cao.docx"
    write_docx_report(store, path, 2032, kind=ReportKind.YEAR)
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    joined = "\n".join(texts)
    assert "ĐẢNG ỦY XÃ CHIỀNG SƠN" in joined and "ĐẢNG BỘ TỈNH ĐIỆN BIÊN" in joined
    assert leaks(texts) == []


def package_texts(path: Path) -> list[str]:
    """Every string of the package's JSON documents (keys too)."""
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                texts.append(str(key))
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        elif value is not None:
            texts.append(str(value))

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            walk(json.loads(archive.read(name)))
    return texts


def test_the_packages_carry_only_the_communes_names_and_years(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "cau-hinh.dkgoi"
    export_config_package(store, config)
    data = tmp_path / "so-lieu.dkgoi"
    export_data_package(store, VILLAGE, data)
    for path in (config, data):
        texts = package_texts(path)
        assert COMMUNE in texts
        assert leaks(texts) == []
