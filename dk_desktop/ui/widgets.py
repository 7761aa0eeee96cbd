"""Small reusable pieces: the chart slot, the status badge, the refusal banner, a read-only
list table, and the one way to show a modal dialog (``run_dialog``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Status
from .display import STATUS_COLOURS
from .texts import status_hint, status_label


class ChartSlot(QFrame):
    """Where a chart canvas goes (dk_desktop.charts draws the figure; the tab puts its
    canvas here with ``set_canvas``). Until then it shows a quiet placeholder."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self.placeholder = QLabel(self.tr("Biểu đồ sẽ hiển thị ở đây."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #888888;")
        self._layout.addWidget(self.placeholder)
        self.canvas: QWidget | None = None

    def set_canvas(self, canvas: QWidget) -> None:
        if self.canvas is not None:
            self._layout.removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.placeholder.hide()
        self.canvas = canvas
        self._layout.addWidget(canvas)


class StatusBadge(QLabel):
    """A status as a word on its colour (the word carries it on a grey printout)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumWidth(110)
        self.set_status(None)

    def set_status(self, status: Status | None) -> None:
        if status is None:
            self.setText("")
            self.setStyleSheet("")
            self.setToolTip("")
            return
        foreground, background = STATUS_COLOURS[status]
        self.setText(status_label(status))
        self.setToolTip(status_hint(status))
        self.setStyleSheet(
            f"QLabel {{ color: {foreground}; background: {background}; "
            "border-radius: 3px; padding: 2px 8px; font-weight: bold; }"
        )


class RefusalBanner(QLabel):
    """The message of a refused entry, beside the table it was typed into."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { color: #7a0c0c; background: #fde2e0; border: 1px solid #e5a19b; "
            "border-radius: 3px; padding: 4px; }"
        )
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def readonly_table(columns: list[str]) -> QTableWidget:
    """A list to read (a package's contents, a preview): whole rows selected, nothing
    editable, long texts wrapped."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    return table


def ask_drop_pending(
    parent: QWidget, entries: list[str], question: str, drop: str, *, explain: bool = True
) -> bool:
    """Ask before what was typed and is not in the file is dropped: ratio halves held in
    memory (a "số đạt" without its "tổng số"; ``explain`` says why they wait), text the
    file refused; True: drop them and go on. «Quay lại» is the default and the Esc answer."""
    translate = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setObjectName("pending_box")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("pending", "Còn ô chưa lưu"))
    box.setText(question)
    box.setInformativeText(
        (
            translate(
                "pending",
                "Một tỷ lệ chỉ được lưu khi có đủ hai số (số đạt và tổng số). "
                "Chọn «Quay lại» để nhập nốt:",
            )
            if explain
            else translate(
                "pending",
                "Những mục này chưa có trong tệp dữ liệu. Chọn «Quay lại» để sửa hoặc lưu:",
            )
        )
        + "\n"
        + "\n".join(f"• {entry}" for entry in entries)
    )
    back = box.addButton(translate("pending", "Quay lại"), QMessageBox.ButtonRole.RejectRole)
    back.setObjectName("pending_back")
    leave = box.addButton(drop, QMessageBox.ButtonRole.DestructiveRole)
    leave.setObjectName("pending_discard")
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    run_dialog(box)
    return box.clickedButton() is leave


def may_drop_typed(parent: QWidget, typed: dict[str, str], shown: dict[str, str]) -> bool:
    """Hủy, Esc or ✕ on a form: True when nothing typed differs from what the form showed,
    or the person chose to drop it; False: «Quay lại», the form stays open with the text."""
    translate = QCoreApplication.translate
    changed = [
        f"{name}: «{text}»" if text else translate("pending", "{name}: (xóa)").format(name=name)
        for name, text in typed.items()
        if text != shown.get(name)
    ]
    return not changed or ask_drop_pending(
        parent,
        changed,
        translate("pending", "Đóng mà không lưu những gì đã nhập?"),
        translate("pending", "Bỏ, không lưu"),
        explain=False,
    )


def run_dialog(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True if it was accepted. Whichever way it is closed (its
    button, Esc, the title bar's ✕), it is then deleted: a closed dialog kept hidden in the
    window holds its memory for the whole day, and «Chữ to hơn» would walk it too. The
    caller may still read the Python attributes it set (the deletion waits for the event
    loop)."""
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()
