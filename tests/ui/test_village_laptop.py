"""A village secretary's laptop types its own village's figures only: its data package
carries nothing else, so other villages' cells, the commune's figures and the commune's
plan and notes are read-only there, with a tooltip saying why; and the send preview says
what typed on the laptop stays behind."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from dk_desktop.core.model import Field
from dk_desktop.exchange.package import DATA
from dk_desktop.store.repository import ResultInput
from dk_desktop.ui.figure_detail import PAGE_VILLAGES
from dk_desktop.ui.main_window import FIELD_TABS
from dk_desktop.ui.models import village_results as village_columns
from dk_desktop.ui.models import year_results as years
from dk_desktop.ui.send_dialog import SendDialog
from dk_desktop.ui.settings import ROLE_COMMUNE, ROLE_VILLAGE

from .conftest import enter_in_cell

OWN, OTHER = "Bản Nà Mường", "Bản Suối Giăng 1"


@pytest.fixture
def settings(settings):  # type: ignore[no-untyped-def]
    """The conftest's settings, as a village secretary's laptop."""
    settings.role = ROLE_VILLAGE
    settings.village = OWN
    settings.sync()
    return settings


def cattle_on_the_villages_page(window):  # type: ignore[no-untyped-def]
    """«Tổng đàn gia súc» (the villages' sum), page «Theo bản», year 2026."""
    session = window.session
    for name in (OWN, OTHER):
        session.add_village(name, None)
    figure = session.store.figure_by_code("CT04a")
    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    tab = window.field_tabs[Field.ECONOMY]
    tab.select_figure(figure.id)
    detail = tab.detail
    detail.pages.setCurrentIndex(PAGE_VILLAGES)
    detail.village_year.setCurrentIndex(detail.village_year.findData(2026))
    return figure, detail


def row_of(model, name: str) -> int:  # type: ignore[no-untyped-def]
    return next(n for n, r in enumerate(model.rows) if r.place is not None and r.place.name == name)


def test_a_village_laptop_cannot_change_another_villages_cell(qtbot, window):
    store = window.session.store
    figure, detail = cattle_on_the_villages_page(window)
    model, table = detail.village_model, detail.village_table
    other = model.index(row_of(model, OTHER), village_columns.RESULT)
    assert not other.flags() & Qt.ItemFlag.ItemIsEditable
    assert "chỉ nhập số liệu của bản mình" in other.data(Qt.ItemDataRole.ToolTipRole)
    assert f"«{OTHER}»" in other.data(Qt.ItemDataRole.ToolTipRole)

    # typing on the other village's cell opens nothing and writes nothing
    table.setFocus()
    table.setCurrentIndex(other)
    qtbot.keyClick(table, Qt.Key.Key_5)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert not isinstance(table.focusWidget(), QLineEdit)
    table.clear_current()  # Delete
    assert not model.setData(other, "5")  # nor by any other way in
    assert "chỉ nhập số liệu của bản mình" in window.status_text()
    other_place = next(v for v in store.villages() if v.name == OTHER)
    assert store.result(figure.id, other_place.id, 2026) is None

    # the own village's cell takes the figure, as before
    own = model.index(row_of(model, OWN), village_columns.RESULT)
    assert own.flags() & Qt.ItemFlag.ItemIsEditable
    enter_in_cell(qtbot, table, own, "120")
    own_place = next(v for v in store.villages() if v.name == OWN)
    assert store.result(figure.id, own_place.id, 2026).value == Decimal(120)


def test_the_commune_figures_plan_and_notes_are_the_offices_on_a_village_laptop(qtbot, window):
    figure, detail = cattle_on_the_villages_page(window)
    year_model = detail.year_model
    for column in (years.RESULT, years.NOTES, years.PLANNED):
        index = year_model.index(2027 - 2025, column)
        assert not index.flags() & Qt.ItemFlag.ItemIsEditable
        assert "Máy này là máy của Bản Nà Mường" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert not year_model.setData(year_model.index(2027 - 2025, years.RESULT), "100")
    store = window.session.store
    assert store.result(figure.id, store.commune().id, 2027) is None
    assert detail.note.isReadOnly()
    assert "gói cấu hình" in detail.note.toolTip()
    tasks = window.field_tabs[Field.PARTY_BUILDING].task_model
    row = next(n for n, r in enumerate(tasks.rows) if r.item is not None)
    assert not tasks.index(row, tasks.year_column(2026)).flags() & (Qt.ItemFlag.ItemIsEditable)


def test_the_commune_office_still_types_every_village(qtbot, window):
    window.settings.role = ROLE_COMMUNE
    window.show_who()
    _, detail = cattle_on_the_villages_page(window)
    model = detail.village_model
    for name in (OWN, OTHER):
        assert model.index(row_of(model, name), village_columns.RESULT).flags() & (
            Qt.ItemFlag.ItemIsEditable
        )
    assert detail.year_model.index(1, years.RESULT).flags() & Qt.ItemFlag.ItemIsEditable
    assert not detail.note.isReadOnly()


def test_the_send_preview_says_what_stays_behind(qtbot, window):
    session = window.session
    store = session.store
    figure, _ = cattle_on_the_villages_page(window)
    own, other = (next(v for v in store.villages() if v.name == n) for n in (OWN, OTHER))
    session.set_result(figure, own, 2026, ResultInput(Decimal(120)))

    dialog = SendDialog(window, DATA)
    assert "Không gửi" not in dialog.summary.text()  # nothing typed elsewhere
    dialog.deleteLater()

    # typed on this laptop before the rule (or in another role): never in the package
    session.set_result(figure, other, 2026, ResultInput(Decimal(40)))
    session.set_result(figure, store.commune(), 2026, ResultInput(Decimal(900)))
    session.set_result(figure, store.commune(), 2027, ResultInput(Decimal(950)))
    dialog = SendDialog(window, DATA)
    assert dialog.village.currentText() == OWN
    text = dialog.summary.text()
    assert "1 số liệu của Bản Nà Mường" in text
    assert (
        "Không gửi trong gói này: 3 số liệu nhập trên máy này cho nơi khác "
        f"(toàn xã: 2, {OTHER}: 1)" in text
    )
    assert dialog.contents.rowCount() == 1  # the package: the own village only
    dialog.deleteLater()


def test_the_catalogue_and_other_places_are_the_offices_on_a_village_laptop(qtbot, window):
    from dk_desktop.ui.figure_dialog import FigureDialog
    from dk_desktop.ui.models import places as place_columns

    figure, _ = cattle_on_the_villages_page(window)
    dialog = FigureDialog(window.session, figure=figure, parent=window)
    assert not dialog.save_button.isEnabled()
    assert "gói cấu hình" in dialog.banner.text()
    dialog.name.setText("Tổng đàn trâu")
    dialog.accept()  # Enter in a field: refused the same way
    assert dialog.result_figure is None
    assert window.session.store.figure(figure.id).name == figure.name
    dialog.deleteLater()

    places = window.places.model
    own = places.index(next(n for n, r in enumerate(places.rows) if r.place.name == OWN), 1)
    other = places.index(next(n for n, r in enumerate(places.rows) if r.place.name == OTHER), 1)
    assert own.column() == place_columns.NAME
    assert own.flags() & Qt.ItemFlag.ItemIsEditable
    assert not other.flags() & Qt.ItemFlag.ItemIsEditable
    assert "gói cấu hình" in other.data(Qt.ItemDataRole.ToolTipRole)
    assert not places.setData(other, "Bản Mới")
    assert OTHER in [v.name for v in window.session.store.villages()]


def test_a_village_laptop_cannot_retire_a_figure(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    from .conftest import Modals

    figure, _ = cattle_on_the_villages_page(window)
    tab = window.field_tabs[Field.ECONOMY]
    modals = Modals().then(
        QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click()
    )
    assert not tab.retire_button.isEnabled()  # the button says why; the session refuses too
    tab.retire_figure()
    modals.finish()
    assert not window.session.store.figure(figure.id).retired
    assert "gói cấu hình" in window.status_text()


def test_a_village_laptop_has_the_catalogue_buttons_disabled_with_the_reason(window):
    tab = window.field_tabs[Field.ECONOMY]
    tab.select_figure(window.session.store.figure_by_code("CT01a").id)
    for button in (tab.add_button, tab.edit_button, tab.retire_button):
        assert not button.isEnabled(), button.text()
        assert "văn phòng xã" in button.toolTip()


def test_the_commune_office_keeps_the_catalogue_buttons(window):
    window.settings.role = ROLE_COMMUNE
    window.show_who()
    tab = window.field_tabs[Field.ECONOMY]
    tab.select_figure(window.session.store.figure_by_code("CT01a").id)
    assert all(b.isEnabled() for b in (tab.add_button, tab.edit_button, tab.retire_button))


def test_the_laptops_village_is_found_whatever_unicode_form_it_was_typed_in(window):
    import unicodedata

    window.session.add_village(OWN, None)
    window.settings.village = unicodedata.normalize("NFD", OWN.upper())
    assert window.home_village() == OWN
