"""Địa bàn: the commune's villages. Add, rename, group under a former commune, retire;
a village that has figures is never deleted (it is retired and its figures kept)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..store.errors import StoreError
from .delegates import ChoiceDelegate
from .entry_table import EntryTable
from .models import places as columns
from .models.places import FormerCommunesModel, PlacesModel
from .session import Session
from .widgets import RefusalBanner


class PlacesTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("places_tab")

        intro = QLabel(
            self.tr(
                "Danh sách bản, tiểu khu của xã, xếp theo xã cũ trước khi sáp nhập. Số liệu "
                "của các bản được cộng thành số của toàn xã. Nhấn đúp vào tên để đổi tên, vào "
                "cột «Thuộc xã cũ» để chuyển nhóm. Bản đã có số liệu không xóa được: chọn "
                "«Thôi theo dõi» để ẩn mà vẫn giữ số liệu."
            )
        )
        intro.setWordWrap(True)

        self.name = QLineEdit()
        self.name.setObjectName("new_village_name")
        self.name.setPlaceholderText(self.tr("Tên bản mới, ví dụ: Bản Nà Mường"))
        self.name.returnPressed.connect(self.add_village)
        self.parent_combo = QComboBox()
        self.parent_combo.setObjectName("new_village_parent")
        self.add_button = QPushButton(self.tr("Thêm bản"))
        self.add_button.setObjectName("add_village")
        self.add_button.clicked.connect(self.add_village)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("Tên bản:")))
        add_row.addWidget(self.name, 2)
        add_row.addWidget(QLabel(self.tr("thuộc xã cũ:")))
        add_row.addWidget(self.parent_combo, 1)
        add_row.addWidget(self.add_button)

        self.banner = RefusalBanner()
        self.banner.setObjectName("places_banner")

        self.model = PlacesModel(session, self)
        self.table = EntryTable()
        self.table.setObjectName("places_table")
        self.table.setModel(self.model)
        self.table.entry_delegate.refused.connect(session.refuse)
        self.former_delegate = ChoiceDelegate(self._former_choices, self.table)
        self.table.setItemDelegateForColumn(columns.FORMER, self.former_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(columns.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

        self.retire_button = QPushButton(self.tr("Thôi theo dõi"))
        self.retire_button.setObjectName("retire_village")
        self.retire_button.clicked.connect(self.toggle_retired)
        self.delete_button = QPushButton(self.tr("Xóa bản (chưa có số liệu)"))
        self.delete_button.setObjectName("delete_village")
        self.delete_button.clicked.connect(self.delete_village)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retire_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        villages_box = QWidget()
        villages_layout = QVBoxLayout(villages_box)
        villages_layout.setContentsMargins(0, 0, 0, 0)
        villages_layout.addLayout(add_row)
        villages_layout.addWidget(self.table, 1)
        villages_layout.addLayout(buttons)

        # --- the former communes (the communes merged in 2025) ------------------------------
        self.former_model = FormerCommunesModel(session, self)
        self.former_table = EntryTable()
        self.former_table.setObjectName("former_table")
        self.former_table.setModel(self.former_model)
        self.former_table.entry_delegate.refused.connect(session.refuse)
        fheader = self.former_table.horizontalHeader()
        fheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fheader.setSectionResizeMode(columns.FORMER_NAME, QHeaderView.ResizeMode.Stretch)
        self.former_name = QLineEdit()
        self.former_name.setObjectName("new_former_name")
        self.former_name.setPlaceholderText(self.tr("Tên xã cũ, ví dụ: Quy Hướng"))
        self.former_name.returnPressed.connect(self.add_former_commune)
        self.add_former_button = QPushButton(self.tr("Thêm xã cũ"))
        self.add_former_button.setObjectName("add_former")
        self.add_former_button.clicked.connect(self.add_former_commune)
        former_add = QHBoxLayout()
        former_add.addWidget(self.former_name, 1)
        former_add.addWidget(self.add_former_button)
        former_hint = QLabel(
            self.tr("Nhấn đúp vào tên xã cũ để đổi tên. Các bản được xếp theo xã cũ.")
        )
        former_hint.setWordWrap(True)
        former_hint.setStyleSheet("color: #555555;")
        former_box = QGroupBox(self.tr("Xã cũ (trước sáp nhập)"))
        former_box.setObjectName("former_box")
        former_layout = QVBoxLayout(former_box)
        former_layout.addLayout(former_add)
        former_layout.addWidget(self.former_table, 1)
        former_layout.addWidget(former_hint)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("places_splitter")
        split.addWidget(villages_box)
        split.addWidget(former_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([900, 400])

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        session.refused.connect(self._refused)
        session.saved.connect(self.banner.clear_message)
        self._fill_parents()  # the models have just read their rows: not again
        self._update_buttons()

    def _former_choices(self) -> list[tuple[int, str]]:
        store = self.session.store
        choices = [(store.commune().id, self.tr("(không thuộc xã cũ nào)"))]
        choices += [(p.id, p.name) for p in store.former_communes()]
        return choices

    def refresh(self, change=None) -> None:
        self._fill_parents()
        self.model.refresh()
        self.former_model.refresh()
        self._update_buttons()

    def _fill_parents(self) -> None:
        """The former communes a new village can go under (the choice is kept)."""
        current = self.parent_combo.currentData()
        self.parent_combo.clear()
        for value, label in self._former_choices():
            self.parent_combo.addItem(label, value)
        if current is not None:
            self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(current)))

    def unsaved_entries(self) -> list[str]:
        """Names typed into the «add» fields but not added (adding is done on purpose, by
        the button or Enter, so it is asked about rather than done on leaving)."""
        lines = []
        name = " ".join(self.name.text().split())
        if name:
            lines.append(self.tr("Tên bản mới «{name}» chưa được thêm").format(name=name))
        former = " ".join(self.former_name.text().split())
        if former:
            lines.append(self.tr("Tên xã cũ «{name}» chưa được thêm").format(name=former))
        return lines

    def _refused(self, message: str) -> None:
        if self.isVisible():
            self.banner.show_message(message)

    def current_place(self):
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[index.row()].place

    def _update_buttons(self, *args) -> None:
        place = self.current_place()
        self.retire_button.setEnabled(place is not None)
        self.delete_button.setEnabled(place is not None)
        if place is not None:
            self.retire_button.setText(
                self.tr("Theo dõi lại") if place.retired else self.tr("Thôi theo dõi")
            )

    def add_village(self) -> None:
        name = self.name.text()
        try:
            place = self.session.add_village(name, self.parent_combo.currentData())
        except StoreError as error:
            self.session.refuse(str(error))
            self.banner.show_message(str(error))
            return
        self.name.clear()
        row = self.model.row_for_place(place.id)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, columns.NAME),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )

    def add_former_commune(self) -> None:
        try:
            place = self.session.add_former_commune(self.former_name.text())
        except StoreError as error:
            self.session.refuse(str(error))
            self.banner.show_message(str(error))
            return
        self.former_name.clear()
        row = self.former_model.row_for_place(place.id)
        if row is not None:
            self.former_table.selectionModel().setCurrentIndex(
                self.former_model.index(row, columns.FORMER_NAME),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )

    def toggle_retired(self) -> None:
        place = self.current_place()
        if place is None:
            return
        try:
            self.session.update_place(place, retired=int(not place.retired))
        except StoreError as error:
            self.session.refuse(str(error))

    def delete_village(self) -> None:
        place = self.current_place()
        if place is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Xóa bản"),
            self.tr("Xóa bản «{name}» khỏi danh sách?").format(name=place.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.session.delete_village(place)
        except StoreError as error:
            self.session.refuse(str(error))
            self.banner.show_message(str(error))


__all__ = ["PlacesTab", "Qt"]
