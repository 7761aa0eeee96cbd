"""The review screen of a new resolution is reachable (issue 13): from the File menu, and
at the first start from the set-up dialog («Nghị quyết của xã khác…»); the file it saves
is the one the window then works with."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from dk_desktop.ui.app import start_up
from dk_desktop.ui.main_window import MainWindow
from dk_desktop.ui.resolution_review import ResolutionReviewDialog
from dk_desktop.ui.settings import AppSettings
from dk_desktop.ui.setup_dialog import SetupDialog

from .conftest import Modals, click, type_text
from .test_resolution_review import TEXT


def review_and_save(path: Path):  # type: ignore[no-untyped-def]
    """What the clerk does on the review screen: paste, name the commune, draft, save."""

    def action(dialog: QWidget) -> None:
        assert isinstance(dialog, ResolutionReviewDialog)
        dialog.text.setPlainText(TEXT)
        type_text(dialog.commune, "Chiềng Sơn")
        type_text(dialog.province, "Điện Biên")
        assert dialog.make_draft()
        type_text(dialog.document_fields["congress_number"], "I")
        # saved from the dialog's own loop, where its «Đã lưu» message can be answered
        QTimer.singleShot(0, lambda: dialog.save(path))

    return action


def test_the_file_menu_drafts_a_new_resolution_and_opens_its_file(  # type: ignore[no-untyped-def]
    window: MainWindow, modals: Modals, tmp_path: Path
) -> None:
    path = tmp_path / "Nghị quyết Chiềng Sơn.sqlite"
    modals.then(ResolutionReviewDialog, review_and_save(path))
    modals.then(QMessageBox, click("Đóng"))
    action = window.findChild(QAction, "action_new_resolution")
    assert action is not None and action in window.file_menu.actions()
    action.trigger()
    modals.finish()
    store = window.session.store
    assert store.path == path
    assert store.commune_name() == "Chiềng Sơn"
    assert len(store.figures()) == 4
    assert "Chiềng Sơn" in window.windowTitle()
    assert window.settings.recent_files[0] == path.resolve()


def test_closing_the_review_screen_leaves_the_open_file_open(  # type: ignore[no-untyped-def]
    window: MainWindow, modals: Modals
) -> None:
    before = window.session.store.path
    modals.then(ResolutionReviewDialog, click("Đóng"))
    assert not window.new_resolution()
    modals.finish()
    assert window.session.store.path == before


def test_the_first_start_can_begin_with_another_communes_resolution(  # type: ignore[no-untyped-def]
    qtbot, modals: Modals, tmp_path: Path
) -> None:
    settings = AppSettings(tmp_path / "moi.ini")
    window = MainWindow(settings)
    qtbot.addWidget(window, before_close_func=MainWindow.drop_pending)
    window.show()
    path = tmp_path / "Nghị quyết Chiềng Sơn.sqlite"

    def set_up(dialog: QWidget) -> None:
        assert isinstance(dialog, SetupDialog)
        assert "Đoàn Kết" not in dialog.commune.text()  # no commune is assumed
        type_text(dialog.user, "Lò Thị Hương")

        def other_then_start() -> None:
            dialog.other_resolution.click()  # the review screen, answered below
            assert dialog.commune.text() == "Chiềng Sơn"
            click("Bắt đầu")(dialog)

        QTimer.singleShot(0, other_then_start)

    modals.then(SetupDialog, set_up)
    modals.then(ResolutionReviewDialog, review_and_save(path))
    modals.then(QMessageBox, click("Đóng"))
    assert start_up(window, settings, None, tmp_path)
    modals.finish()
    store = window.session.store
    assert store.path is not None and store.path.resolve() == path.resolve()
    assert store.commune_name() == "Chiềng Sơn"
    assert store.user == "Lò Thị Hương"
    assert settings.commune_name == "Chiềng Sơn"
    window.close()
