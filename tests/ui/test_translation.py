"""Every word of the window's own goes through Qt's translation (tr / translate), with
the Vietnamese text as the source, so that a translation can follow.

A pseudo-translator wraps every string it is asked for in ‹ ›; a window built while it
is installed must show no Vietnamese text of its own without the marks. Texts that come
from the database (names of targets and villages, units, the resolution's sentences)
are data, not the program's words, and are left as they are."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from dk_desktop.core.model import Field, Status
from dk_desktop.core.progress import describe_pace
from dk_desktop.store.repository import ResultInput
from dk_desktop.ui.main_window import FIELD_TABS, TAB_PLACES, MainWindow
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.models import overview as overview_columns
from dk_desktop.ui.settings import AppSettings
from dk_desktop.ui.texts import KIND_LABELS, STATUS_LABELS, status_label

OPEN, CLOSE = "‹", "›"
DATA_LABELS = {"detail_title", "source_text"}  # the resolution's own words


class PseudoTranslator(QTranslator):
    """Marks every translated string, as a real translation would change it."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return f"{OPEN}{source}{CLOSE}"

    def isEmpty(self) -> bool:  # noqa: N802 (Qt)
        return False


@pytest.fixture
def pseudo(qapp) -> Iterator[PseudoTranslator]:  # type: ignore[no-untyped-def]
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def translated_window(qtbot, pseudo, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings = AppSettings(tmp_path / "cai-dat.ini")
    settings.user_name = "Lò Thị Hương"
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    assert main.open_path(tmp_path / "db.sqlite", create=True)
    session = main.session
    store = session.store
    session.add_village("Bản Nà Mường", None)
    cattle = store.figure_by_code("CT04a")
    session.set_result(cattle, store.commune(), 2026, ResultInput(Decimal(10456)))
    yield main
    main.close()


def data_texts(window: MainWindow) -> set[str]:
    """What the database says: names, units, the labels of a ratio's parts, sentences."""
    store = window.session.store
    found: set[str] = set()
    for figure in store.figures(include_retired=True):
        found |= {
            figure.name,
            figure.unit,
            figure.numerator_label or "",
            figure.denominator_label or "",
        }
    for item in store.items():
        found |= {item.name, item.label, item.source}
    for place in store.places():
        found.add(place.name)
    # the pace still needed is a sentence of the core (progress.describe_pace), not yet
    # translatable from the UI
    session = window.session
    for figure in store.figures():
        found.add(describe_pace(figure.spec, session.assessments()[figure.id], figure.unit))
    return {text for text in found if text}


def own_words(text: str | None, data: set[str]) -> bool:
    """A Vietnamese text of the program's own (not from the database)."""
    if not text or text.isascii():
        return False
    plain = text.replace("&", "").strip()
    return plain not in data and plain.replace("<b>", "").replace("</b>", "") not in data


def untranslated(window: MainWindow) -> list[str]:
    data = data_texts(window)
    found: list[str] = []

    def check(where: str, text: str | None) -> None:
        if own_words(text, data) and OPEN not in (text or ""):
            found.append(f"{where}: {text!r}")

    check("title", window.windowTitle())
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        check("tab", window.tabs.tabText(index))
        for widget in window.tabs.widget(index).findChildren(QWidget):
            name = widget.objectName()
            if isinstance(widget, QLabel) and name not in DATA_LABELS:
                check(f"label {name}", widget.text())
            if isinstance(widget, QAbstractButton):
                check(f"button {name}", widget.text())
                check(f"tip {name}", widget.toolTip())
            if isinstance(widget, QGroupBox):
                check(f"group {name}", widget.title())
            if isinstance(widget, QLineEdit):
                check(f"placeholder {name}", widget.placeholderText())
            if isinstance(widget, QTabWidget):
                for page in range(widget.count()):
                    check(f"page {name}", widget.tabText(page))
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                for column in range(model.columnCount()):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        text = model.headerData(column, Qt.Orientation.Horizontal, role)
                        check(f"header {name}", text if isinstance(text, str) else None)
    for action in window.menuBar().actions():
        check("menu", action.text())
        menu: QMenu | None = action.menu()
        if menu is None or menu is window.recent_menu:
            continue
        for entry in menu.actions():
            if entry.menu() is not window.recent_menu:
                check("action", entry.text())
                check("status tip", entry.statusTip())
    for label in window.statusBar().findChildren(QLabel):
        check("status bar", label.text())
    return found


def test_the_window_words_all_go_through_translation(translated_window):
    window = translated_window
    missing = untranslated(window)
    assert missing == [], "\n".join(missing)


def test_status_words_kinds_fields_and_headers_are_translated(qtbot, translated_window):
    window = translated_window
    store = window.session.store
    # the core's plain words are the sources, looked up in the UI
    assert set(STATUS_LABELS) == set(Status)
    assert all(STATUS_LABELS[s] == s.value for s in Status)
    assert status_label(Status.MET) == f"{OPEN}Đạt{CLOSE}"

    assert window.tabs.tabText(FIELD_TABS[Field.ECONOMY]) == f"{OPEN}Kinh tế{CLOSE}"
    assert window.tabs.tabText(TAB_PLACES) == f"{OPEN}Địa bàn{CLOSE}"
    tab = window.field_tabs[Field.ECONOMY]
    cattle = store.figure_by_code("CT04a")
    tab.select_figure(cattle.id)
    row = tab.model.row_for_figure(cattle.id)
    status = tab.model.index(row, columns.STATUS).data()
    assert status.startswith(OPEN) and status.strip(OPEN + CLOSE) in {s.value for s in Status}
    header = tab.model.headerData(columns.STATUS, Qt.Orientation.Horizontal)
    assert header == f"{OPEN}Đánh giá{CLOSE}"
    assert f"{OPEN}{KIND_LABELS[cattle.kind]}{CLOSE}" in tab.detail.plan.text()
    assert tab.detail.badge.text().startswith(OPEN)

    overview = window.overview.model
    first = overview.index(0, overview_columns.FIELD).data()
    assert first.startswith(OPEN)
    assert overview.index(0, overview_columns.STATUS).data().startswith(OPEN)
