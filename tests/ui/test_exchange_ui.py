"""The window side of the packages: a village laptop sends, the commune office previews,
cancels or receives, chooses in a conflict; a broken file is refused and changes nothing.

Each laptop is a real window on its own database file; the modal dialogs the flows open
are the real ones, answered as a person would (Modals, in conftest.py)."""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dk_desktop.core.model import Field
from dk_desktop.core.names import file_name
from dk_desktop.exchange.json_format import dumps, export_data
from dk_desktop.store.repository import ResultInput, Store
from dk_desktop.ui import receive_dialog, send_dialog
from dk_desktop.ui.conflict_dialog import ConflictDialog
from dk_desktop.ui.main_window import MainWindow
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.receive_dialog import KIND_CONFLICT, KIND_NEW, ReceiveDialog
from dk_desktop.ui.send_dialog import SendDialog
from dk_desktop.ui.settings import ROLE_VILLAGE, AppSettings

from .conftest import USER, Modals, click

VILLAGE = "Bản Suối Giăng 1"
SECRETARY = "Lường Văn Pọm"


def message_box(texts: list[str]) -> Callable[[QWidget], None]:
    def action(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.accept()

    return action


def answer(texts: list[str], button: str) -> Callable[[QWidget], None]:
    """Read a question, then press the button whose text starts with ``button``."""

    def action(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        (chosen,) = [b for b in box.buttons() if b.text().startswith(button)]
        chosen.click()

    return action


def fingerprint(store: Store) -> str:
    return hashlib.sha256(dumps(export_data(store)).encode()).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_files(monkeypatch, *paths: Path) -> None:  # type: ignore[no-untyped-def]
    """The file dialog answers with these files, one per question."""
    queue = [str(p) for p in paths]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (queue.pop(0), ""))
    )


def value(store: Store, code: str, place_name: str, year: int) -> Decimal | None:
    place = next(p for p in store.places() if p.name == place_name)
    result = store.result(store.figure_by_code(code).id, place.id, year)
    return None if result is None else result.value


def latest_cell(window: MainWindow, code: str) -> str:
    figure = window.session.store.figure_by_code(code)
    tab = window.field_tabs[Field.ECONOMY]
    return tab.model.index(tab.model.row_for_figure(figure.id), columns.LATEST).data()


@pytest.fixture
def village_window(qtbot, tmp_path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    folder = tmp_path / "may-ban"
    settings = AppSettings(folder / "cai-dat.ini")
    settings.user_name = SECRETARY
    settings.role = ROLE_VILLAGE
    settings.village = VILLAGE
    settings.sync()
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    assert main.open_path(folder / "ban.sqlite", create=True)
    yield main
    if main.session is not None:
        main.close()


@pytest.fixture
def usb(tmp_path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def send_through_the_menu(window: MainWindow, action, modals: Modals, target: Path, check=None):  # type: ignore[no-untyped-def]
    """File → Gửi…: the dialog opens, shows its contents, the file goes to ``target``."""
    shown: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SendDialog)
        if check is not None:
            check(dialog)
        dialog.path.setText(str(target))
        dialog.create_button.click()

    modals.then(SendDialog, fill).then(QMessageBox, message_box(shown))
    action.trigger()
    modals.finish()
    assert target.exists()
    return shown


def configured_village(window, village_window, modals, usb, monkeypatch):  # type: ignore[no-untyped-def]
    """The commune adds the village and sends its configuration; the village receives it."""
    window.session.add_village(VILLAGE, None)
    config = usb / "cau-hinh.dkgoi"
    shown = send_through_the_menu(
        window, window.exchange_actions.send_config, modals, config, check=None
    )
    assert "gói cấu hình của xã Đoàn Kết" in shown[0]
    open_files(monkeypatch, config)
    asked: list[str] = []
    second = Modals()
    # the first configuration binds the laptop: asked once, naming the commune and sender
    second.then(ReceiveDialog, click("Nhận gói")).then(QMessageBox, answer(asked, "Đúng"))
    village_window.exchange_actions.receive.trigger()
    second.finish()
    assert "xã Đoàn Kết" in asked[0] and f"người gửi: {USER}" in asked[0]
    assert [v.name for v in village_window.session.store.villages()] == [VILLAGE]


def enter(window: MainWindow, code: str, year: int, **values) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    place = next(v for v in store.villages() if v.name == VILLAGE)
    entry = ResultInput(**{k: Decimal(str(v)) for k, v in values.items()})
    window.session.set_result(store.figure_by_code(code), place, year, entry)


def test_the_file_menu_holds_the_exchange_and_backup_actions(window):
    texts = [a.text() for a in window.file_menu.actions() if a.text()]
    for text in (
        "Gửi số liệu…",
        "Gửi cấu hình cho các bản…",
        "Nhận số liệu / cấu hình…",
        "Xử lý xung đột…",
        "Sao lưu và khôi phục…",
    ):
        assert text in texts
    assert texts.index("Lưu bản sao…") < texts.index("Gửi số liệu…") < texts.index("Người dùng…")
    assert not window.exchange_actions.count.isVisible()  # no conflicts, nothing shown


def test_village_sends_commune_previews_cancels_then_receives(
    qtbot, window, village_window, modals, usb, monkeypatch
):
    configured_village(window, village_window, modals, usb, monkeypatch)
    assert not village_window.exchange_actions.send_config.isEnabled()  # a village laptop
    enter(village_window, "CT04a", 2026, value=6000)
    enter(village_window, "CT11a", 2026, numerator=21, denominator=310)

    package = usb / "Gói số liệu Bản Suối Giăng 1 số 1.dkgoi"

    def check_send(dialog: SendDialog) -> None:
        assert dialog.village.currentText() == VILLAGE  # the secretary's own village
        assert Path(dialog.path.text()).name == package.name
        assert dialog.contents.rowCount() == 2
        assert "2 số liệu của Bản Suối Giăng 1 (năm 2026)" in dialog.summary.text()

    sends = Modals()
    shown = send_through_the_menu(
        village_window, village_window.exchange_actions.send_data, sends, package, check_send
    )
    assert "gói số liệu của Bản Suối Giăng 1 (số 1, người gửi: Lường Văn Pọm)" in shown[0]
    assert "Gói gồm 2 số liệu" in shown[0]

    office = window.session.store
    before, before_bytes = fingerprint(office), file_hash(office.path)
    assert latest_cell(window, "CT04a") == ""

    seen: dict[str, object] = {}

    def look_then_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, ReceiveDialog)
        seen["kinds"] = [row.kind for row in dialog.visible_rows()]
        seen["table"] = [
            [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
            for r in range(dialog.table.rowCount())
        ]
        seen["summary"] = dialog.findChild(QWidget, "receive_summary").text()
        click("Hủy, không nhận")(dialog)

    open_files(monkeypatch, package)
    modals.then(ReceiveDialog, look_then_cancel)
    window.exchange_actions.receive.trigger()
    modals.finish()
    assert seen["kinds"] == [KIND_NEW, KIND_NEW]
    assert "2 số liệu mới, 0 thay đổi, 0 không đổi, 0 xung đột" in seen["summary"]
    rows = {row[1].split()[0]: row for row in seen["table"]}
    assert rows["CT04a"][2:5] == [VILLAGE, "2026", "(trống)"]
    assert rows["CT04a"][5].startswith("6.000")
    assert SECRETARY in rows["CT04a"][5]
    assert rows["CT11a"][5].startswith("21/310")
    # cancelled: not one byte written
    assert fingerprint(window.session.store) == before
    assert file_hash(office.path) == before_bytes
    assert latest_cell(window, "CT04a") == ""
    assert "không có gì thay đổi" in window.status_text()

    open_files(monkeypatch, package)
    confirm = Modals()
    confirm.then(ReceiveDialog, click("Nhận gói"))
    window.exchange_actions.receive.trigger()
    confirm.finish()
    store = window.session.store  # the window reopened the file: a fresh session
    assert value(store, "CT04a", VILLAGE, 2026) == Decimal(6000)
    assert latest_cell(window, "CT04a") == "6.000 (2026)"
    assert window.status_text().startswith("Đã nhận gói số liệu của Bản Suối Giăng 1")
    assert not window.exchange_actions.count.isVisible()


def test_a_conflict_shows_both_values_and_the_choice_changes_the_table(
    qtbot, window, village_window, modals, usb, monkeypatch
):
    configured_village(window, village_window, modals, usb, monkeypatch)
    enter(village_window, "CT04a", 2026, value=6000)
    first = usb / "a1.dkgoi"
    send_through_the_menu(
        village_window, village_window.exchange_actions.send_data, Modals(), first
    )
    open_files(monkeypatch, first)
    receiving = Modals().then(ReceiveDialog, click("Nhận gói"))
    window.exchange_actions.receive.trigger()
    receiving.finish()

    # The commune corrects the figure; the village, not knowing, changes it too.
    enter(window, "CT04a", 2026, value=6500)
    enter(village_window, "CT04a", 2026, value=7000)
    second = usb / "a2.dkgoi"
    send_through_the_menu(
        village_window, village_window.exchange_actions.send_data, Modals(), second
    )

    seen: dict[str, list] = {}

    def preview(dialog: QWidget) -> None:
        assert isinstance(dialog, ReceiveDialog)
        seen["kinds"] = [row.kind for row in dialog.visible_rows()]
        seen["row"] = [dialog.table.item(0, c).text() for c in range(6)]
        click("Nhận gói")(dialog)

    open_files(monkeypatch, second)
    flow = Modals().then(ReceiveDialog, preview).then(QMessageBox, click("Để sau"))
    window.exchange_actions.receive.trigger()
    flow.finish()
    assert seen["kinds"] == [KIND_CONFLICT]
    here, incoming = seen["row"][4], seen["row"][5]
    assert here.startswith("6.500") and USER in here
    assert incoming.startswith("7.000") and SECRETARY in incoming
    assert latest_cell(window, "CT04a") == "6.500 (2026)"  # never overwritten silently
    count = window.exchange_actions.count
    assert count.isVisible() and count.text() == "1 xung đột số liệu cần chọn"

    shown: dict[str, str] = {}

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, ConflictDialog)
        shown["keep"] = dialog.findChild(QWidget, f"keep_{dialog.conflicts[0].id}_value").text()
        shown["take"] = dialog.findChild(QWidget, f"take_{dialog.conflicts[0].id}_value").text()
        click("Lấy giá trị trong gói")(dialog)
        assert dialog.empty.isVisible() or not dialog.conflicts
        dialog.accept()

    resolving = Modals().then(ConflictDialog, choose)
    count.click()  # the status bar count opens the conflicts
    resolving.finish()
    assert shown["keep"].startswith("6.500") and shown["take"].startswith("7.000")
    assert latest_cell(window, "CT04a") == "7.000 (2026)"
    assert value(window.session.store, "CT04a", VILLAGE, 2026) == Decimal(7000)
    assert not count.isVisible()
    assert "Đã lấy giá trị trong gói" in window.status_text()


def test_a_truncated_file_is_refused_in_vietnamese_and_changes_nothing(
    qtbot, window, village_window, modals, usb, monkeypatch
):
    configured_village(window, village_window, modals, usb, monkeypatch)
    enter(village_window, "CT04a", 2026, value=6000)
    whole = usb / "whole.dkgoi"
    send_through_the_menu(
        village_window, village_window.exchange_actions.send_data, Modals(), whole
    )
    truncated = usb / "Gói số liệu bị rút USB.dkgoi"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])

    store = window.session.store
    before, before_bytes = fingerprint(store), file_hash(store.path)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    open_files(monkeypatch, truncated)
    modals.watch()  # no preview may open: Modals would fail
    window.exchange_actions.receive.trigger()
    modals.finish()
    assert errors and errors[0][0] == "Không nhận gói này"
    assert "không phải là gói số liệu/gói cấu hình của ứng dụng, hoặc đã bị hỏng" in errors[0][1]
    assert "Tệp dữ liệu không thay đổi gì" in errors[0][1]
    assert fingerprint(window.session.store) == before
    assert file_hash(store.path) == before_bytes
    assert "không có gì thay đổi" in window.status_text()


def test_a_package_received_twice_says_so_and_writes_nothing(
    qtbot, window, village_window, modals, usb, monkeypatch
):
    configured_village(window, village_window, modals, usb, monkeypatch)
    enter(village_window, "CT04a", 2026, value=6000)
    package = usb / "a1.dkgoi"
    send_through_the_menu(
        village_window, village_window.exchange_actions.send_data, Modals(), package
    )
    open_files(monkeypatch, package, package)
    receiving = Modals().then(ReceiveDialog, click("Nhận gói"))
    window.exchange_actions.receive.trigger()
    receiving.finish()
    before = file_hash(window.session.store.path)

    def again(dialog: QWidget) -> None:
        assert isinstance(dialog, ReceiveDialog)
        assert not dialog.receive_button.isVisible()
        assert "đã được nhận trước đây" in dialog.findChild(QWidget, "receive_summary").text()
        click("Đóng")(dialog)

    modals.then(ReceiveDialog, again)
    window.exchange_actions.receive.trigger()
    modals.finish()
    assert file_hash(window.session.store.path) == before


def test_suggested_names_keep_vietnamese_and_drop_what_windows_refuses():
    assert file_name("Gói số liệu Bản Nà/Mường: số 3") == ("Gói số liệu Bản Nà-Mường- số 3")


# --- who may change the plan (issue 10 §4), no traceback (§5) ----------------------------------


def office_configuration(window: MainWindow, usb: Path, modals: Modals) -> Path:
    window.session.add_village(VILLAGE, None)
    config = usb / "cau-hinh.dkgoi"
    send_through_the_menu(window, window.exchange_actions.send_config, modals, config)
    return config


def test_declining_the_first_configuration_changes_nothing(
    qtbot, window, village_window, modals, usb, monkeypatch
):
    config = office_configuration(window, usb, modals)
    store = village_window.session.store
    before = fingerprint(store)
    open_files(monkeypatch, config)
    asked: list[str] = []
    receiving = Modals().then(ReceiveDialog, click("Nhận gói"))
    receiving.then(QMessageBox, answer(asked, "Không nhận"))
    village_window.exchange_actions.receive.trigger()
    receiving.finish()
    assert "gói cấu hình đầu tiên" in asked[0]
    assert fingerprint(village_window.session.store) == before
    assert village_window.session.store.villages() == []
    assert "không có gì thay đổi" in village_window.status_text()


def test_an_office_window_refuses_a_configuration_package(
    qtbot, window, village_window, modals, usb, monkeypatch, tmp_path
):
    """A fresh file set up as the commune office: a configuration package from anywhere is
    refused with a message (here, one made on another laptop), and nothing changes."""
    other = Store.open(tmp_path / "may-khac.sqlite", user="Người lạ")
    config = usb / "gia.dkgoi"
    from dk_desktop.exchange.package import export_config_package

    export_config_package(other, config)
    other.close()
    store = window.session.store
    before = fingerprint(store)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    open_files(monkeypatch, config)
    modals.watch()  # no preview may open
    window.exchange_actions.receive.trigger()
    modals.finish()
    assert errors and "văn phòng xã tạo gói cấu hình" in errors[0][1]
    assert "Người lạ" in errors[0][1]
    assert fingerprint(window.session.store) == before


def unknown_method(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = data.find(signature)
        while start != -1:
            data[start + offset : start + offset + 2] = b"\x63\x00"
            start = data.find(signature, start + 4)
    target.write_bytes(bytes(data))
    return target


def test_a_package_that_ended_in_a_traceback_gets_a_message_in_the_window(
    qtbot, window, village_window, modals, usb, monkeypatch
):
    configured_village(window, village_window, modals, usb, monkeypatch)
    enter(village_window, "CT04a", 2026, value=6000)
    whole = usb / "whole.dkgoi"
    send_through_the_menu(
        village_window, village_window.exchange_actions.send_data, Modals(), whole
    )
    bad = unknown_method(whole, usb / "la.dkgoi")
    store = window.session.store
    before = fingerprint(store)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    open_files(monkeypatch, bad)
    modals.watch()
    window.exchange_actions.receive.trigger()
    modals.finish()
    assert errors and errors[0][0] == "Không nhận gói này"
    assert "đã bị hỏng" in errors[0][1]
    assert fingerprint(window.session.store) == before


def test_a_busy_database_while_receiving_is_a_message_not_a_crash(
    qtbot, window, village_window, modals, usb, monkeypatch
):
    configured_village(window, village_window, modals, usb, monkeypatch)
    enter(village_window, "CT04a", 2026, value=6000)
    package = usb / "a1.dkgoi"
    send_through_the_menu(
        village_window, village_window.exchange_actions.send_data, Modals(), package
    )

    def busy(*args, **kwargs):  # type: ignore[no-untyped-def]
        error = sqlite3.OperationalError("database is locked")
        error.sqlite_errorcode = 5  # SQLITE_BUSY, as SQLite's own error carries it
        raise error

    monkeypatch.setattr(receive_dialog, "preview_package", busy)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    open_files(monkeypatch, package)
    modals.watch()
    window.exchange_actions.receive.trigger()
    modals.finish()
    assert errors and "đang bận" in errors[0][1]
    assert "database is locked" not in errors[0][1]  # the store's words, not SQLite's


def test_the_send_dialog_finds_the_laptops_village_set_up_in_nfd(
    qtbot, window, village_window, modals, usb
):
    from dk_desktop.exchange.package import receive_package

    window.session.add_village("Bản Phiêng Sàng", None)  # listed first
    config = office_configuration(window, usb, modals)  # adds VILLAGE
    receive_package(village_window.session.store, config)
    village_window.settings.village = unicodedata.normalize("NFD", VILLAGE)
    dialog = SendDialog(village_window, "data")
    qtbot.addWidget(dialog)
    assert dialog.village.count() == 2
    assert dialog.village.currentText() == VILLAGE


def test_a_failed_reopen_after_receiving_leaves_no_view_and_asks_nothing_more(
    qtbot, window, tmp_path, monkeypatch
):
    """The package is in the file; the window, unable to open it again, holds no view on
    the closed store and says how to open it (not «Đã nhận…» over that, nor the conflicts
    question with no file open)."""
    from dk_desktop.store.errors import StoreError

    from .test_every_dialog import village_package

    package = village_package(window, tmp_path)
    path = window.session.store.path
    said: list[str] = []

    def read(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StoreError("Không mở được tệp (thử).")

    modals = (
        Modals()
        .then(
            ReceiveDialog,
            lambda dialog: (monkeypatch.setattr(Store, "open", refused), click("Nhận gói")(dialog)),
        )
        .then(QMessageBox, read)  # «Không mở được tệp dữ liệu» from open_path
        .then(QMessageBox, read)  # «Không mở lại được tệp dữ liệu»
    )
    received = receive_dialog.receive(window, package)
    modals.finish()
    monkeypatch.undo()
    assert received is not None
    assert any("không mở lại được" in text for text in said)
    assert window.session is None and window.field_tabs == {}
    assert "Đã nhận" not in window.status_text()
    assert window.open_path(path)
    assert value(window.session.store, "CT20a", VILLAGE, 2026) == Decimal(2)


def test_a_full_disk_while_making_a_package_is_said_in_the_stores_words(
    qtbot, window, modals, usb, monkeypatch
):
    """Not «(lỗi của ổ đĩa: No space left on device)»: the store's one wording."""
    import errno

    target = usb / "cau-hinh.dkgoi"

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(send_dialog, "export_config_package", full)
    said: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SendDialog)
        dialog.path.setText(str(target))
        dialog.create_button.click()
        said.append(dialog.banner.text())
        dialog.reject()

    modals.then(SendDialog, fill)
    window.exchange_actions.send_config.trigger()
    modals.finish()
    assert said and "Ổ đĩa đã đầy" in said[0] and "cau-hinh.dkgoi" in said[0]
    assert "No space" not in said[0]
    assert not target.exists()
