"""Editing the catalogue: add a figure to a target, change a target value or unit.

For when the resolution is revised or another commune adopts the app. The store checks
the figure and records every change in the history; its refusal is shown in the dialog,
which stays open so nothing typed is lost.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Aggregation, Direction, Indicator, Item, Kind, ValueType
from ..core.numbers import format_number, parse_number
from ..store.errors import StoreError
from .session import Session
from .texts import KIND_LABELS, QT_TRANSLATE_NOOP
from .village_scope import catalogue_locked_reason
from .widgets import RefusalBanner, may_drop_typed

# the choices' sources; translated when a combo box is filled (context "FigureDialog")
VALUE_TYPE_LABELS = {
    ValueType.COUNT: QT_TRANSLATE_NOOP("FigureDialog", "Số lượng (số nguyên)"),
    ValueType.AMOUNT: QT_TRANSLATE_NOOP("FigureDialog", "Giá trị (ha, tấn, tỷ đồng…)"),
    ValueType.PERCENT: QT_TRANSLATE_NOOP("FigureDialog", "Tỷ lệ % (0–100)"),
    ValueType.RATE: QT_TRANSLATE_NOOP("FigureDialog", "Tốc độ tăng (%/năm)"),
    ValueType.YESNO: QT_TRANSLATE_NOOP("FigureDialog", "Đạt / chưa đạt"),
}
AGGREGATION_LABELS = {
    Aggregation.NONE: QT_TRANSLATE_NOOP("FigureDialog", "Chỉ nhập cho toàn xã"),
    Aggregation.SUM: QT_TRANSLATE_NOOP("FigureDialog", "Các bản nhập, toàn xã = tổng các bản"),
    Aggregation.RATIO: QT_TRANSLATE_NOOP(
        "FigureDialog", "Các bản nhập số đạt / tổng số, toàn xã = tỷ lệ chung"
    ),
}
DIRECTION_LABELS = {
    Direction.UP: QT_TRANSLATE_NOOP("FigureDialog", "Càng cao càng tốt"),
    Direction.DOWN: QT_TRANSLATE_NOOP("FigureDialog", "Càng thấp càng tốt"),
}
COMPARATOR_LABELS = {
    ">=": QT_TRANSLATE_NOOP("FigureDialog", "Từ … trở lên (≥)"),
    ">": QT_TRANSLATE_NOOP("FigureDialog", "Trên … (>)"),
    "<=": QT_TRANSLATE_NOOP("FigureDialog", "Còn … trở xuống (≤)"),
    "<": QT_TRANSLATE_NOOP("FigureDialog", "Dưới … (<)"),
    "=": QT_TRANSLATE_NOOP("FigureDialog", "Đúng bằng (=)"),
}


def _combo(labels: dict[Any, str], current: Any, context: str = "FigureDialog") -> QComboBox:
    combo = QComboBox()
    for value, label in labels.items():
        text = QCoreApplication.translate(context, label)
        combo.addItem(text, value.value if hasattr(value, "value") else value)
    index = combo.findData(current.value if hasattr(current, "value") else current)
    combo.setCurrentIndex(max(0, index))
    return combo


class FigureDialog(QDialog):
    """Add a figure (``figure`` None, ``items`` to choose from) or edit one."""

    def __init__(
        self,
        session: Session,
        *,
        figure: Indicator | None = None,
        items: list[Item] | None = None,
        item: Item | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.figure = figure
        self.result_figure: Indicator | None = None
        self.setWindowTitle(self.tr("Sửa chỉ số") if figure else self.tr("Thêm chỉ số"))
        self.setMinimumWidth(560)

        self.item_combo = QComboBox()
        self.item_combo.setObjectName("item_combo")
        for choice in items or ([item] if item else []):
            self.item_combo.addItem(choice.label, choice.id)
        if item is not None:
            self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(item.id)))
        self.name = QLineEdit(figure.name if figure else "")
        self.name.setObjectName("name")
        self.unit = QLineEdit(figure.unit if figure else "")
        self.unit.setObjectName("unit")
        self.kind = _combo(KIND_LABELS, figure.kind if figure else Kind.LEVEL, "Kind")
        self.direction = _combo(DIRECTION_LABELS, figure.direction if figure else Direction.UP)
        self.comparator = _combo(COMPARATOR_LABELS, figure.comparator if figure else ">=")
        self.target = QLineEdit(self._number(figure.target if figure else None))
        self.target.setObjectName("target")
        self.target.setPlaceholderText(self.tr("ví dụ 60 hoặc 26,3"))
        self.target_high = QLineEdit(self._number(figure.target_high if figure else None))
        self.target_high.setObjectName("target_high")
        self.target_high.setPlaceholderText(self.tr("chỉ khi mục tiêu là một khoảng (8–10 %)"))
        # x of y units («4/9 thôn») and a structure's share: shown for their kinds only
        self.total = QLineEdit(self._number(figure.total if figure else None))
        self.total.setObjectName("total")
        self.total.setPlaceholderText(self.tr("ví dụ 9 của «4/9 thôn»"))
        self.structure = QLineEdit((figure.structure or "") if figure else "")
        self.structure.setObjectName("structure")
        self.structure.setPlaceholderText(
            self.tr("ví dụ: Cơ cấu kinh tế (giống nhau ở mọi tỷ trọng của cơ cấu)")
        )
        start, end = session.store.term()  # the open file's term
        self.target_year = QSpinBox()
        self.target_year.setRange(start + 1, end + 5)
        self.target_year.setValue(figure.target_year if figure else end)
        self.baseline = QLineEdit(self._number(figure.baseline if figure else None))
        self.baseline.setObjectName("baseline")
        self.value_type = _combo(
            VALUE_TYPE_LABELS, figure.value_type if figure else ValueType.AMOUNT
        )
        self.aggregation = _combo(
            AGGREGATION_LABELS, figure.aggregation if figure else Aggregation.NONE
        )
        self.numerator_label = QLineEdit((figure.numerator_label or "") if figure else "")
        self.numerator_label.setPlaceholderText(self.tr("ví dụ: Số hộ nghèo"))
        self.denominator_label = QLineEdit((figure.denominator_label or "") if figure else "")
        self.denominator_label.setPlaceholderText(self.tr("ví dụ: Tổng số hộ"))
        self.note = QLineEdit((figure.note or "") if figure else "")

        form = QFormLayout()
        if figure is None:
            form.addRow(self.tr("Thuộc chỉ tiêu:"), self.item_combo)
        form.addRow(self.tr("Tên chỉ số:"), self.name)
        form.addRow(self.tr("Đơn vị tính:"), self.unit)
        form.addRow(self.tr("Loại chỉ tiêu:"), self.kind)
        form.addRow(self.tr("Chiều:"), self.direction)
        form.addRow(self.tr("Cách đạt:"), self.comparator)
        form.addRow(self.tr("Mục tiêu Nghị quyết:"), self.target)
        form.addRow(self.tr("Cận trên (nếu là khoảng):"), self.target_high)
        form.addRow(self.tr("Tổng số đơn vị:"), self.total)
        form.addRow(self.tr("Tên cơ cấu:"), self.structure)
        form.addRow(self.tr("Năm đạt mục tiêu:"), self.target_year)
        form.addRow(self.tr("Gốc năm {year}:").format(year=start), self.baseline)
        form.addRow(self.tr("Kiểu số liệu:"), self.value_type)
        form.addRow(self.tr("Tổng hợp từ các bản:"), self.aggregation)
        form.addRow(self.tr("Tên số đạt (tỷ lệ):"), self.numerator_label)
        form.addRow(self.tr("Tên tổng số (tỷ lệ):"), self.denominator_label)
        form.addRow(self.tr("Ghi chú:"), self.note)

        self.banner = RefusalBanner()
        self.banner.setObjectName("dialog_banner")
        explanation = QLabel(
            self.tr(
                "Mọi thay đổi được ghi vào lịch sử (ai sửa, lúc nào, giá trị cũ và mới) "
                "và có thể hoàn tác bằng Ctrl+Z."
            )
        )
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(explanation)
        layout.addWidget(buttons)
        self.form = form
        self.kind.currentIndexChanged.connect(self._show_kind_fields)
        self._show_kind_fields()
        self.shown = self.typed()  # what the dialog opened with
        locked = catalogue_locked_reason(session)
        if locked:  # a village laptop: the office's catalogue would replace any change
            self.banner.show_message(locked)
            self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
            self.save_button.setEnabled(False)

    def _show_kind_fields(self) -> None:
        """«Tổng số đơn vị» for x of y units, «Tên cơ cấu» for a structure's share."""
        kind = self.kind.currentData()
        self.form.setRowVisible(self.total, kind == Kind.UNITS_OF_TOTAL.value)
        self.form.setRowVisible(self.structure, kind == Kind.STRUCTURE.value)

    def typed(self) -> dict[str, str]:
        """The text of every field, by its label (to see what was typed since opening)."""
        fields = {}
        for row in range(self.form.rowCount()):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = field.widget() if field is not None else None
            if label is None or widget is None:
                continue
            name = label.widget().text().rstrip(":")  # type: ignore[union-attr]
            if isinstance(widget, QLineEdit):
                fields[name] = widget.text().strip()
            elif isinstance(widget, QComboBox):
                fields[name] = widget.currentText()
            elif isinstance(widget, QSpinBox):
                fields[name] = str(widget.value())
        return fields

    def reject(self) -> None:
        """Hủy, Esc or the title bar's ✕: ask before what was typed is dropped."""
        if may_drop_typed(self, self.typed(), self.shown):
            super().reject()  # otherwise «Quay lại»: the dialog stays open with the text

    @staticmethod
    def _number(value: Decimal | None) -> str:
        return "" if value is None else format_number(value)

    def _read_number(self, edit: QLineEdit, label: str) -> Decimal | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return parse_number(text)
        except ValueError as error:
            raise StoreError(f"{label}: {error}") from None

    def values(self) -> dict[str, Any]:
        """What was typed, as the store's attributes (raises StoreError with a message)."""
        kind = self.kind.currentData()
        return {
            "name": self.name.text().strip(),
            "unit": self.unit.text().strip(),
            "kind": self.kind.currentData(),
            "direction": self.direction.currentData(),
            "comparator": self.comparator.currentData(),
            "target": self._read_number(self.target, self.tr("Mục tiêu Nghị quyết")),
            "target_high": self._read_number(self.target_high, self.tr("Cận trên")),
            "target_year": self.target_year.value(),
            "baseline": self._read_number(
                self.baseline, self.tr("Gốc năm {year}").format(year=self.session.store.term()[0])
            ),
            "value_type": self.value_type.currentData(),
            "aggregation": self.aggregation.currentData(),
            "numerator_label": self.numerator_label.text().strip() or None,
            "denominator_label": self.denominator_label.text().strip() or None,
            "note": self.note.text().strip() or None,
            "total": (
                self._read_number(self.total, self.tr("Tổng số đơn vị"))
                if kind == Kind.UNITS_OF_TOTAL.value
                else None
            ),
            "structure": (self.structure.text().strip() or None)
            if kind == Kind.STRUCTURE.value
            else None,
        }

    def accept(self) -> None:
        locked = catalogue_locked_reason(self.session)
        if locked:
            self.banner.show_message(locked)
            return
        try:
            values = self.values()
            if self.figure is None:
                item = self.session.store.item(int(self.item_combo.currentData()))
                self.result_figure = self.session.add_figure(item, **values)
            else:
                current = self.figure
                changes = {
                    key: value
                    for key, value in values.items()
                    if _differs(getattr(current, key), value)
                }
                self.result_figure = (
                    self.session.update_figure(current, **changes) if changes else current
                )
        except StoreError as error:
            self.banner.show_message(str(error))
            return
        super().accept()


def _differs(old: Any, new: Any) -> bool:
    if hasattr(old, "value") and not isinstance(old, Decimal):
        old = old.value
    if old in ("", None) and new in ("", None):
        return False
    return old != new
