"""«Nghị quyết mới từ văn bản»: a commune's own resolution, drafted from its own text.

The clerk pastes (or opens, from a .txt or .docx) the «Các chỉ tiêu chủ yếu» section of
the commune's Political Report, names the commune, the province and the term, and gets a
draft catalogue (``dk_desktop.drafting``). One screen to review it: the text on the left
with the chosen figure's words highlighted, the figures on the right — the unsure ones
first, marked ⚠ with the reason — each cell editable (kind, direction, comparator, values,
unit, year, field, baseline), the villages pasted on a second tab. Nothing is written until
the draft is saved as a new database file; a draft the database cannot hold is refused
with every reason, and the clerk corrects it here.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.model import FIELD_LABELS, Field, Indicator, Section
from ..core.numbers import format_number, parse_number
from ..drafting import checks
from ..drafting.draft import (
    DEFAULT_TERM,
    build_draft,
    commune_block,
    counts,
    document_block,
    parse_term,
    with_term,
)
from ..drafting.errors import DraftError
from ..drafting.text import read_text_file
from ..drafting.villages import VillageList, parse_villages
from ..store.errors import StoreError
from .figure_dialog import COMPARATOR_LABELS, DIRECTION_LABELS
from .messages import inform
from .session import Session
from .texts import KIND_LABELS
from .widgets import RefusalBanner

UNSURE_MARK = "⚠"
HIGHLIGHT = QColor("#ffe08a")  # the chosen figure's words in the text
UNSURE_BACKGROUND = QColor("#fff4d6")


def tr(text: str) -> str:
    return QCoreApplication.translate("ResolutionReview", text)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    editable: bool = True


COLUMNS = (
    Column("check", "", editable=False),
    Column("number", "CT", editable=False),
    Column("name", "Tên số liệu"),
    Column("target", "Mục tiêu"),
    Column("target_high", "Đến (khoảng)"),
    Column("unit", "ĐVT"),
    Column("kind", "Loại"),
    Column("direction", "Chiều"),
    Column("comparator", "So sánh"),
    Column("target_year", "Năm đạt"),
    Column("total", "Tổng số đơn vị"),
    Column("structure", "Tên cơ cấu"),
    Column("field", "Lĩnh vực"),
    Column("baseline", "Số đầu kỳ"),
)
KEYS = [column.key for column in COLUMNS]
NUMBER_KEYS = ("target", "target_high", "total", "baseline")
STORED_AS_TYPED = (  # attributes the store takes as the draft holds them
    "name",
    "unit",
    "kind",
    "direction",
    "comparator",
    "target_year",
    "structure",
)
DOCUMENT_FIELDS = (  # key, label, example (the seed's "document" block)
    ("superior_body", "Cấp ủy cấp trên:", "ĐẢNG BỘ TỈNH SƠN LA"),
    ("issuing_body", "Cấp ủy ban hành:", "ĐẢNG ỦY XÃ CHIỀNG SƠN"),
    ("place_name", "Địa danh ghi ngày:", "Chiềng Sơn"),
    ("congress_number", "Đại hội lần thứ:", "I"),
    ("number_symbol", "Ký hiệu báo cáo:", "BC/ĐU"),
    ("signing_authority", "Thẩm quyền ký:", "T/M BAN THƯỜNG VỤ"),
    ("signer_title", "Chức vụ người ký:", "BÍ THƯ"),
)
NAME_WIDTH = 200  # px: the name column's widest, so the value, unit and kind stay in sight


def _kind_choices(draft_kinds: set[str]) -> list[tuple[str, str]]:
    """The kinds the app knows, with their words, then any other kind the draft holds."""
    choices = [
        (kind.value, QCoreApplication.translate("texts", label))
        for kind, label in KIND_LABELS.items()
    ]
    known = {value for value, _ in choices}
    choices += [(kind, kind) for kind in sorted(draft_kinds - known)]
    return choices


def _choices(labels: dict[Any, str], context: str = "FigureDialog") -> list[tuple[str, str]]:
    return [
        (getattr(value, "value", value), QCoreApplication.translate(context, label))
        for value, label in labels.items()
    ]


FIELD_CHOICES = [(field.value, FIELD_LABELS[field]) for field in Field]


class ChoiceDelegate(QStyledItemDelegate):
    """A cell chosen from a list (kind, direction, comparator, field): the cell shows the
    words, the item keeps the value (Qt.UserRole)."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self.choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(
        self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


def _number_text(value: Any) -> str:
    return "" if value in (None, "") else format_number(Decimal(str(value)))


def _cell_text(figure: dict[str, Any], key: str, labels: dict[str, dict[str, str]]) -> str:
    if key in labels:
        value = str(figure.get(key) or "")
        return labels[key].get(value, value)
    if key == "baseline":
        baseline = figure.get("baseline") or {}
        return _number_text(baseline.get("value"))
    if key in NUMBER_KEYS:
        return _number_text(figure.get(key))
    written = figure.get(key)
    return "" if written is None else str(written)


class ResolutionReviewDialog(QDialog):
    """Draft, review, correct, save. ``saved_path`` is the new database once saved."""

    def __init__(self, *, user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Nghị quyết mới từ văn bản"))
        self.user = user or tr("Văn phòng xã")
        self.draft: dict[str, Any] | None = None
        self.rows: list[dict[str, Any]] = []  # the draft's figures, in the table's order
        self.items_of: dict[int, dict[str, Any]] = {}  # id(figure) → its item
        self.saved_path: Path | None = None
        self.saved_commune = ""  # the saved file's commune
        self.session: Session | None = None  # set when revising the open database's catalogue
        self.original: dict[int, dict[str, Any]] = {}  # figure id → its values when opened
        self._filling = False
        self.choices: dict[str, list[tuple[str, str]]] = {}

        self.commune = QLineEdit()
        self.commune.setObjectName("review_commune")
        self.commune.setPlaceholderText(tr("ví dụ: Chiềng Sơn"))
        self.province = QLineEdit()
        self.province.setObjectName("review_province")
        self.province.setPlaceholderText(tr("ví dụ: Sơn La"))
        self.term = QLineEdit("{}-{}".format(*DEFAULT_TERM))  # the current Congress term
        self.term.setObjectName("review_term")
        self.term.setMaximumWidth(110)
        names = QHBoxLayout()
        names.addWidget(QLabel(tr("Tên xã:")))
        names.addWidget(self.commune, 2)
        names.addWidget(QLabel(tr("Tỉnh:")))
        names.addWidget(self.province, 2)
        names.addWidget(QLabel(tr("Nhiệm kỳ:")))
        names.addWidget(self.term)

        self.text = QPlainTextEdit()
        self.text.setObjectName("review_text")
        self.text.setPlaceholderText(
            tr(
                "Dán vào đây phần «Các chỉ tiêu chủ yếu» của Báo cáo chính trị, ví dụ:\n"
                "(1) Tốc độ tăng trưởng kinh tế bình quân 8 - 10%/năm.\n"
                "(2) Tỷ lệ hộ nghèo giảm bình quân mỗi năm 2%.\n…"
            )
        )
        open_button = self.open_button = QPushButton(tr("Mở tệp .txt / .docx…"))
        open_button.setObjectName("review_open")
        open_button.clicked.connect(self.open_file)
        self.draft_button = QPushButton(tr("Lập bản nháp →"))
        self.draft_button.setObjectName("review_draft")
        self.draft_button.clicked.connect(self.make_draft)
        text_buttons = QHBoxLayout()
        text_buttons.addWidget(open_button)
        text_buttons.addStretch()
        text_buttons.addWidget(self.draft_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(tr("<b>Văn bản</b> (chữ của số liệu đang chọn được tô vàng)")))
        left_layout.addWidget(self.text, 1)
        left_layout.addLayout(text_buttons)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("review_figures")
        self.table.setHorizontalHeaderLabels([tr(column.title) for column in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.itemChanged.connect(self._cell_changed)
        self.summary = QLabel(tr("Chưa có bản nháp."))
        self.summary.setObjectName("review_summary")
        self.summary.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setObjectName("review_reasons")
        self.reasons.setWordWrap(True)
        figures_page = QWidget()
        figures_layout = QVBoxLayout(figures_page)
        figures_layout.addWidget(self.summary)
        figures_layout.addWidget(self.table, 1)
        figures_layout.addWidget(self.reasons)

        self.villages = QPlainTextEdit()
        self.villages.setObjectName("review_villages")
        self.villages.setPlaceholderText(
            tr("Mỗi dòng một bản: «Tên bản, Tên xã cũ», ví dụ:\nBản Nà Mường, Nà Mường\n…")
        )
        check_villages = QPushButton(tr("Kiểm tra danh sách bản"))
        check_villages.setObjectName("review_check_villages")
        check_villages.clicked.connect(self.check_villages)
        self.villages_result = QLabel(tr("Có thể để trống: thêm bản sau ở thẻ «Địa bàn»."))
        self.villages_result.setObjectName("review_villages_result")
        self.villages_result.setWordWrap(True)
        villages_page = QWidget()
        villages_layout = QVBoxLayout(villages_page)
        villages_layout.addWidget(self.villages, 1)
        villages_layout.addWidget(check_villages, 0, Qt.AlignmentFlag.AlignLeft)
        villages_layout.addWidget(self.villages_result)

        self.pages = QTabWidget()
        self.pages.addTab(figures_page, tr("Số liệu của Nghị quyết"))
        self.villages_page = villages_page
        self.pages.addTab(villages_page, tr("Các bản"))
        self.document_page = self._document_page()
        self.pages.addTab(self.document_page, tr("Tiêu đề văn bản"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 680])  # the figures need the room; the text wraps

        self.banner = RefusalBanner()
        self.banner.setObjectName("review_banner")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            tr("Lưu thành tệp dữ liệu mới…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("review_save")
        self.save_button.setEnabled(False)
        close = buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("review_close")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(names)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.resize(1000, 640)

    # --- the text ----------------------------------------------------------------------

    def open_file(self, path: Path | None = None) -> bool:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self,
                tr("Mở phần chỉ tiêu của Báo cáo chính trị"),
                "",
                tr("Văn bản (*.txt *.docx);;Mọi tệp (*)"),
            )
            if not name:
                return False
            path = Path(name)
        try:
            text = read_text_file(path)
        except DraftError as error:
            self.banner.show_message(str(error))
            return False
        self.text.setPlainText(text)
        self.banner.clear_message()
        return True

    def make_draft(self) -> bool:
        """Draft from the text and the names; a bad term or text is refused, nothing made."""
        try:
            term = parse_term(self.term.text())
            draft = build_draft(
                self.text.toPlainText(),
                commune=self.commune.text(),
                province=self.province.text(),
                term=term,
            )
        except DraftError as error:
            self.banner.show_message(str(error))
            return False
        self.banner.clear_message()
        self.show_document_words(draft["document"])
        self.show_draft(draft)
        return True

    # --- the figures -------------------------------------------------------------------

    def show_draft(self, draft: dict[str, Any]) -> None:
        self.draft = deepcopy(draft)
        self.rows, self.items_of = [], {}
        unsure: list[dict[str, Any]] = []
        sure: list[dict[str, Any]] = []
        for item in self.draft["items"]:
            for figure in item.get("figures", []):
                self.items_of[id(figure)] = item
                (unsure if figure.get("unsure") else sure).append(figure)
        self.rows = unsure + sure
        kinds = {str(figure.get("kind")) for figure in self.rows}
        self.choices = {
            "kind": _kind_choices(kinds),
            "direction": _choices(DIRECTION_LABELS),
            "comparator": _choices(COMPARATOR_LABELS),
            "field": FIELD_CHOICES,
        }
        for key, choices in self.choices.items():
            self.table.setItemDelegateForColumn(KEYS.index(key), ChoiceDelegate(choices, self))
        labels = {key: dict(choices) for key, choices in self.choices.items()}
        self._filling = True
        self.table.setRowCount(len(self.rows))
        for row, figure in enumerate(self.rows):
            item = self.items_of[id(figure)]
            for column, spec in enumerate(COLUMNS):
                if spec.key == "check":
                    cell = QTableWidgetItem(UNSURE_MARK if figure.get("unsure") else "")
                elif spec.key == "number":
                    cell = QTableWidgetItem(str(item.get("number", "")))
                elif spec.key == "field":
                    cell = QTableWidgetItem(labels["field"].get(item["field"], item["field"]))
                    cell.setData(Qt.ItemDataRole.UserRole, item["field"])
                else:
                    cell = QTableWidgetItem(_cell_text(figure, spec.key, labels))
                    cell.setToolTip(cell.text())
                    if spec.key in labels:
                        cell.setData(Qt.ItemDataRole.UserRole, figure.get(spec.key))
                if not spec.editable:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if figure.get("unsure"):
                    cell.setBackground(UNSURE_BACKGROUND)
                    cell.setToolTip("\n".join(figure["unsure"]))
                self.table.setItem(row, column, cell)
        self._filling = False
        self.table.resizeColumnsToContents()
        # a long name would push the value, the unit and the kind out of sight: cap it
        # (the whole name is in the cell and in the text on the left)
        name = KEYS.index("name")
        self.table.setColumnWidth(name, min(self.table.columnWidth(name), NAME_WIDTH))
        self._update_summary()
        self.save_button.setEnabled(bool(self.rows))
        if self.rows:
            self.table.selectRow(0)

    def _update_summary(self) -> None:
        if self.draft is None:
            return
        total, unsure = counts(self.draft)
        targets = len(self.draft["items"])
        self.summary.setText(
            tr(
                "{targets} chỉ tiêu, {total} số liệu; {unsure} số liệu cần xem lại "
                "(đánh dấu {mark}, xếp trước). Bấm đúp vào ô để sửa."
            ).format(targets=targets, total=total, unsure=unsure, mark=UNSURE_MARK)
        )

    def _show_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        figure = self.rows[row]
        reasons = figure.get("unsure") or []
        words = figure.get("target_text") or ""
        lines = [tr("Chữ trong văn bản: «{words}»").format(words=words)] if words else []
        lines += [f"{UNSURE_MARK} {reason}" for reason in reasons]
        self.reasons.setText("\n".join(lines))
        self.highlight(words or figure.get("source") or "")

    def highlight(self, words: str) -> bool:
        """Tô vàng the figure's words in the text and scroll to them."""
        self.text.setExtraSelections([])
        if not words:
            return False
        found = self.text.document().find(words)
        if found.isNull():
            return False
        selection = QTextEdit.ExtraSelection()
        selection.cursor = found
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        selection.format = fmt
        self.text.setExtraSelections([selection])
        cursor = QTextCursor(found)
        cursor.clearSelection()
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()
        return True

    def _cell_changed(self, cell: QTableWidgetItem) -> None:
        """Write an edited cell back into the draft; a wrong number is refused, the cell
        shows the draft's value again and the banner says what is expected."""
        if self._filling:
            return
        row, key = cell.row(), KEYS[cell.column()]
        figure = self.rows[row]
        problem = self.apply_edit(figure, key, cell)
        self._filling = True
        try:
            if problem:
                labels = {k: dict(c) for k, c in self.choices.items()}
                cell.setText(_cell_text(figure, key, labels))
                self.banner.show_message(problem)
            else:
                self.banner.clear_message()
                if key in NUMBER_KEYS:
                    cell.setText(_cell_text(figure, key, {}))
        finally:
            self._filling = False

    def apply_edit(self, figure: dict[str, Any], key: str, cell: QTableWidgetItem) -> str | None:
        """The draft takes the edit; the figure's doubts are cleared once the clerk has
        looked at it. A problem (in Vietnamese) when the edit is refused."""
        if key in self.choices:
            value = cell.data(Qt.ItemDataRole.UserRole)
            if key == "field":
                self.items_of[id(figure)]["field"] = value
            else:
                figure[key] = value
        elif key in NUMBER_KEYS:
            text = cell.text().strip()
            number: Decimal | None = None
            if text:
                try:
                    number = parse_number(text)
                except ValueError as error:
                    return str(error)
            canonical = None if number is None else str(number)
            if key == "baseline":
                figure["baseline"] = (
                    None
                    if canonical is None
                    else {
                        "value": canonical,
                        "year": self._term()[0],
                        "text": text,
                        "source": tr("nhập khi xem lại bản nháp"),
                    }
                )
            else:
                figure[key] = canonical
        elif key == "target_year":
            try:
                figure[key] = int(cell.text().strip())
            except ValueError:
                return tr("Năm đạt phải là một năm, ví dụ {year}.").format(year=self._term()[1])
        else:
            text = cell.text().strip()
            figure[key] = None if key == "structure" and not text else text
        if figure.get("unsure"):
            figure["unsure"] = []
            self._mark_checked(cell.row())
        self._update_summary()
        return None

    def _term(self) -> tuple[int, int]:
        """The draft's term (first and last year)."""
        if self.draft is None:
            return DEFAULT_TERM
        commune = self.draft["commune"]
        return int(commune["term_start"]), int(commune["term_end"])

    def _mark_checked(self, row: int) -> None:
        for column in range(self.table.columnCount()):
            cell = self.table.item(row, column)
            if cell is not None:
                cell.setBackground(QColor(Qt.GlobalColor.transparent))
                cell.setToolTip("")
        mark = self.table.item(row, KEYS.index("check"))
        if mark is not None:
            mark.setText("✓")

    # --- the document's header words ----------------------------------------------------

    def _document_page(self) -> QWidget:
        """The words the reports print in their header and signature block (docs/
        seed-format.md, "document"), made from the names and editable."""
        page = QWidget()
        form = QFormLayout(page)
        self.document_fields: dict[str, QLineEdit] = {}
        for key, label, example in DOCUMENT_FIELDS:
            field = QLineEdit()
            field.setObjectName(f"review_document_{key}")
            field.setPlaceholderText(tr(example))
            self.document_fields[key] = field
            form.addRow(tr(label), field)
        self.recipients = QPlainTextEdit()
        self.recipients.setObjectName("review_document_recipients")
        self.recipients.setPlaceholderText(
            tr("Mỗi dòng một nơi, ví dụ:\n- Ban Thường vụ Đảng ủy,\n- Lưu Văn phòng.")
        )
        form.addRow(tr("Nơi nhận:"), self.recipients)
        self._derived: dict[str, str] = {}
        self.commune.textEdited.connect(self._names_edited)
        self.province.textEdited.connect(self._names_edited)
        return page

    def show_document_words(self, document: dict[str, Any]) -> None:
        for key, field in self.document_fields.items():
            field.setText(str(document.get(key) or ""))
        self.recipients.setPlainText("\n".join(document.get("recipients") or []))
        self._derived = {key: str(document.get(key) or "") for key in self.document_fields}

    def _names_edited(self) -> None:
        """A header word still as made from the old names follows the new names; one the
        clerk wrote stays."""
        new = document_block(self.commune.text().strip(), self.province.text().strip())
        for key, field in self.document_fields.items():
            if field.text() == self._derived.get(key, ""):
                field.setText(str(new.get(key) or ""))
                self._derived[key] = field.text()

    def document_words(self) -> dict[str, Any]:
        words: dict[str, Any] = {
            key: field.text().strip() for key, field in self.document_fields.items()
        }
        words["recipients"] = [
            line.strip() for line in self.recipients.toPlainText().splitlines() if line.strip()
        ]
        words["source"] = ""
        return words

    # --- the villages ------------------------------------------------------------------

    def check_villages(self) -> VillageList | None:
        """The pasted villages, read and checked; None (and said) when there is nothing
        usable. An empty box is fine: villages can be added later."""
        if not self.villages.toPlainText().strip():
            self.villages_result.setText(tr("Chưa dán danh sách bản (có thể thêm sau)."))
            return VillageList()
        try:
            villages = parse_villages(self.villages.toPlainText())
        except DraftError as error:
            self.villages_result.setText(str(error))
            return None
        lines = [
            tr("{count} bản, {former} xã cũ.").format(
                count=len(villages.villages), former=len(villages.former_communes)
            )
        ]
        lines += villages.duplicates + villages.problems
        self.villages_result.setText("\n".join(lines))
        return villages

    # --- saving ------------------------------------------------------------------------

    def draft_to_save(self) -> dict[str, Any] | None:
        """The reviewed draft with the names typed above; None (and said) when something
        must be corrected first."""
        if self.draft is None:
            self.banner.show_message(
                tr("Chưa có bản nháp: hãy dán văn bản rồi bấm «Lập bản nháp».")
            )
            return None
        commune = self.commune.text().strip()
        province = self.province.text().strip()
        if not commune:
            self.banner.show_message(tr("Cần nhập tên xã, ví dụ «Chiềng Sơn»."))
            self.commune.setFocus()
            return None
        try:
            term = parse_term(self.term.text())
        except DraftError as error:
            self.banner.show_message(str(error))
            return None
        document = self.document_words()
        if not document["congress_number"]:
            self.pages.setCurrentWidget(self.document_page)
            self.banner.show_message(
                tr(
                    "Cần ghi Đại hội lần thứ mấy (ví dụ «I»), ở thẻ «Tiêu đề văn bản»: "
                    "báo cáo in «Nghị quyết Đại hội … lần thứ I»."
                )
            )
            return None
        draft = with_term(self.draft, term)
        draft["commune"] = {**commune_block(commune, province, term)}
        draft["document"] = document
        villages = self.check_villages()
        if villages is None:
            self.pages.setCurrentWidget(self.villages_page)
            self.banner.show_message(tr("Danh sách bản chưa đọc được; xem thẻ «Các bản»."))
            return None
        draft["commune"]["former_communes"] = villages.former_communes
        draft["villages"] = [  # made with the file, in one go (docs/seed-format.md)
            {"name": village.name, "former_commune": village.former_commune}
            for village in villages.villages
        ]
        for figure in (f for item in draft["items"] for f in item.get("figures", [])):
            figure.pop("unsure", None)
        problems = checks.database_problems(draft)
        if not problems:
            failure = checks.trial_load(draft)
            if failure:
                problems = [tr("Bản nháp chưa lưu được: {why}").format(why=failure)]
        if problems:
            self.banner.show_message("\n".join(problems))
            return None
        return draft

    def save(self, path: Path | None = None) -> bool:
        if self.session is not None:
            return self.save_revisions()
        draft = self.draft_to_save()
        if draft is None:
            return False
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self,
                tr("Lưu Nghị quyết thành tệp dữ liệu mới"),
                f"Nghị quyết xã {draft['commune']['name']}.sqlite",
                tr("Tệp dữ liệu (*.sqlite)"),
            )
            if not name:
                return False
            path = Path(name)
        from ..store.database import create_database

        try:
            create_database(path, draft, created_by=self.user)
        except StoreError as error:
            self.banner.show_message(str(error))
            return False
        self.saved_path = path
        self.saved_commune = draft["commune"]["name"]
        inform(
            self,
            tr("Đã lưu"),
            tr("Đã tạo tệp «{name}» với {count} số liệu của Nghị quyết xã {commune}.").format(
                name=path.name, count=counts(draft)[0], commune=draft["commune"]["name"]
            ),
        )
        self.accept()
        return True

    # --- revising the open database's catalogue --------------------------------------

    @classmethod
    def revising(cls, session: Session, parent: QWidget | None = None) -> ResolutionReviewDialog:
        """The same screen on the catalogue of the open database: its targets' words on the
        left, its figures on the right. Saving changes each edited figure through the
        session, so each change is in the history and «Hoàn tác» takes them all back."""
        dialog = cls(user=session.store.user, parent=parent)
        dialog.session = session
        dialog.setWindowTitle(tr("Xem lại Nghị quyết"))
        store = session.store
        start, end = store.term()
        dialog.commune.setText(store.commune_name())
        dialog.term.setText(f"{start}-{end}")
        dialog.province.setText(store.meta().get("province", ""))
        for field in (dialog.commune, dialog.province, dialog.term):
            field.setReadOnly(True)
        dialog.open_button.hide()
        dialog.draft_button.hide()
        # villages are edited on the «Địa bàn» tab, the header words stay the file's
        for page in (dialog.villages_page, dialog.document_page):
            dialog.pages.removeTab(dialog.pages.indexOf(page))
        dialog.save_button.setText(tr("Lưu các sửa đổi"))
        items = store.items()  # targets, then breakthroughs and tasks with figures
        dialog.text.setPlainText("\n".join(item.source for item in items))
        dialog.text.setReadOnly(True)
        draft_items = []
        for item in items:
            figures = [_figure_values(figure) for figure in store.figures(item.id)]
            for values in figures:
                dialog.original[values["id"]] = deepcopy(values)
            draft_items.append(
                {"number": item.number, "field": item.field.value, "figures": figures}
            )
        dialog.show_draft({"commune": {"term_start": start, "term_end": end}, "items": draft_items})
        field_column = KEYS.index("field")
        for row in range(dialog.table.rowCount()):  # a field belongs to the whole target
            cell = dialog.table.item(row, field_column)
            if cell is not None:
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
        dialog.summary.setText(
            tr("{targets} chỉ tiêu, {total} số liệu. Bấm đúp vào ô để sửa.").format(
                targets=sum(1 for item in items if item.section is Section.TARGET),
                total=len(dialog.rows),
            )
        )
        return dialog

    def revisions(self) -> dict[int, dict[str, Any]]:
        """Figure id → the changed attributes, as the store takes them (every cell was
        checked when it was typed)."""
        changed: dict[int, dict[str, Any]] = {}
        for figure in self.rows:
            before = self.original[figure["id"]]
            changes: dict[str, Any] = {}
            for key in STORED_AS_TYPED:
                if figure.get(key) != before.get(key):
                    changes[key] = figure.get(key)
            for key in ("target", "target_high", "total"):
                if figure.get(key) != before.get(key):
                    changes[key] = _decimal(figure.get(key))
            now = (figure.get("baseline") or {}).get("value")
            if now != (before.get("baseline") or {}).get("value"):
                changes["baseline"] = _decimal(now)
            if changes:
                changed[figure["id"]] = changes
        return changed

    def save_revisions(self) -> bool:
        """Write every edited figure as one undoable change; a refusal takes back what was
        written before it, so the catalogue is never half revised."""
        session = self.session
        assert session is not None
        revisions = self.revisions()
        if not revisions:
            self.accept()
            return True
        stack = session.undo_stack
        stack.beginMacro(tr("xem lại Nghị quyết ({count} số liệu)").format(count=len(revisions)))
        try:
            for figure_id, changes in revisions.items():
                session.update_figure(session.store.figure(figure_id), **changes)
        except StoreError as error:
            stack.endMacro()
            stack.undo()  # back to the catalogue as it was
            self.banner.show_message(str(error))
            return False
        stack.endMacro()
        self.accept()
        return True


def _figure_values(figure: Indicator) -> dict[str, Any]:
    """A stored figure in the draft's shape (numbers as canonical strings)."""
    return {
        "id": figure.id,
        "code": figure.code,
        "name": figure.name,
        "unit": figure.unit,
        "kind": figure.kind.value,
        "direction": figure.direction.value,
        "comparator": figure.comparator,
        "target": None if figure.target is None else str(figure.target),
        "target_high": None if figure.target_high is None else str(figure.target_high),
        "target_year": figure.target_year,
        "total": None if figure.total is None else str(figure.total),
        "structure": figure.structure,
        "target_text": figure.target_text,
        "source": figure.source,
        "baseline": None if figure.baseline is None else {"value": str(figure.baseline)},
        "unsure": [],
    }


def _decimal(text: Any) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text))
