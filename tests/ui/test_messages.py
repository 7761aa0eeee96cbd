"""Messages go away when their cause does: a refused entry given up with Esc, the «preparing
the pages» word once the print preview has closed, a refused village name once the person
has gone to another tab or corrected the name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QMessageBox

from dk_desktop.core.model import Field
from dk_desktop.ui.main_window import FIELD_TABS, TAB_OVERVIEW, TAB_PLACES

from .conftest import enter_in_cell, type_text
from .test_entry import year_index

PREPARING = "Đang chuẩn bị trang in"


def test_esc_in_a_refused_cell_takes_its_message_down(qtbot, window):
    tab = window.field_tabs[Field.CULTURE_SOCIETY]
    window.tabs.setCurrentIndex(FIELD_TABS[Field.CULTURE_SOCIETY])
    tab.select_figure(window.session.store.figure_by_code("CT14a").id)
    table = tab.detail.year_table
    editor = enter_in_cell(qtbot, table, year_index(tab, 2027), "abc")
    refusal = tab.detail.banner.text()
    assert "không phải là số" in refusal and tab.detail.banner.isVisible()
    assert window.status_text() == refusal

    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # the typed text is given up
    QApplication.processEvents()
    assert table.state() != table.State.EditingState
    assert not tab.detail.banner.isVisible() and tab.detail.banner.text() == ""
    assert window.status_text() == ""


def test_esc_without_a_refusal_keeps_the_last_message(qtbot, window):
    tab = window.field_tabs[Field.CULTURE_SOCIETY]
    window.tabs.setCurrentIndex(FIELD_TABS[Field.CULTURE_SOCIETY])
    tab.select_figure(window.session.store.figure_by_code("CT14a").id)
    table = tab.detail.year_table
    enter_in_cell(qtbot, table, year_index(tab, 2026), "40")
    saved = window.status_text()
    assert saved
    editor = enter_in_cell(qtbot, table, year_index(tab, 2027), "4", key=Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert window.status_text() == saved


def test_the_preparing_word_goes_when_the_print_preview_closes(window, monkeypatch, tmp_path):
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    seen: list[str] = []

    def exec_(dialog):  # type: ignore[no-untyped-def]
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "in.pdf"))
        dialog.paintRequested.emit(printer)  # the preview draws its pages
        seen.append(window.status_text())
        return 0  # then the person closes it

    warnings: list[str] = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    window.report_actions.print_table()
    assert seen and not warnings, warnings
    assert PREPARING not in window.status_text()
    assert Path(tmp_path / "in.pdf").exists()


def add_village(window, name: str) -> None:  # type: ignore[no-untyped-def]
    places = window.places
    places.name.clear()
    places.name.setFocus()
    type_text(places.name, name)
    places.add_village()


def test_a_refused_village_name_does_not_follow_to_other_tabs_nor_outlive_its_fix(window):
    window.session.add_village("Bản Bó Hoi", None)
    window.tabs.setCurrentIndex(TAB_PLACES)
    places = window.places
    add_village(window, "Bản Bó Hoi")  # the name is already there
    refusal = places.banner.text()
    assert refusal and places.banner.isVisible()
    assert window.status_text() == refusal

    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])  # another tab
    assert window.status_text() != refusal
    economy = window.field_tabs[Field.ECONOMY]
    assert refusal not in economy.detail.banner.text()

    window.tabs.setCurrentIndex(TAB_PLACES)
    add_village(window, "Bản Bó Hoi")  # refused again, then corrected by typing
    assert places.banner.isVisible() and window.status_text() == refusal
    type_text(places.name, " 2")
    assert not places.banner.isVisible()
    assert window.status_text() != refusal
    places.add_village()
    assert not places.banner.isVisible()
    assert "Bản Bó Hoi 2" in [v.name for v in window.session.store.villages()]
