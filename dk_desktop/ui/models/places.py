"""The commune's villages (Địa bàn): rename in place, regroup under a former commune;
and the former communes themselves (the communes merged in 2025), renamed in place."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from ...core.model import Place
from ...store.errors import StoreError
from ..session import Session
from ..texts import QT_TRANSLATE_NOOP
from ..village_scope import catalogue_locked_reason, is_own_village
from .base import CENTER, GREY, ID_ROLE, KIND_ROLE, LEFT, RIGHT, TableModel

STT, NAME, FORMER, STATE, RESULTS = range(5)


@dataclass(frozen=True)
class PlaceRow:
    place: Place
    former: str
    results: int


class PlacesModel(TableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("PlacesModel", "STT"),
        QT_TRANSLATE_NOOP("PlacesModel", "Tên bản, tiểu khu"),
        QT_TRANSLATE_NOOP("PlacesModel", "Thuộc xã cũ"),
        QT_TRANSLATE_NOOP("PlacesModel", "Trạng thái"),
        QT_TRANSLATE_NOOP("PlacesModel", "Số liệu đã nhập"),
    )
    HEADER_TIPS = {
        NAME: QT_TRANSLATE_NOOP("PlacesModel", "Nhấn đúp để đổi tên"),
        FORMER: QT_TRANSLATE_NOOP("PlacesModel", "Nhấn đúp để chọn xã cũ"),
        RESULTS: QT_TRANSLATE_NOOP(
            "PlacesModel", "Số ô số liệu đã nhập cho bản (mọi chỉ số, mọi năm)"
        ),
    }

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.rows = self.build_rows()

    @staticmethod
    def row_key(row: PlaceRow) -> Any:
        return row.place.id

    def build_rows(self) -> list[PlaceRow]:
        store = self.session.store
        counts = store.result_counts_by_place()  # one count per place, not every result
        communes = store.former_communes()
        former = {p.id: p.name for p in communes}
        order = {p.id: n for n, p in enumerate(communes, start=1)}
        villages = store.villages(include_retired=True)
        villages.sort(key=lambda v: (v.retired, order.get(v.parent_id or 0, 0), v.position, v.id))
        return [
            PlaceRow(v, former.get(v.parent_id or 0, ""), counts.get(v.id, 0)) for v in villages
        ]

    def row_for_place(self, place_id: int) -> int | None:
        for number, row in enumerate(self.rows):
            if row.place.id == place_id:
                return number
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (NAME, FORMER) and not self.locked_reason(self.rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def locked_reason(self, row: PlaceRow) -> str | None:
        """A village laptop names only its own village: the others' names come from the
        office's configuration package, which would replace a change made here."""
        if is_own_village(self.session, row.place):
            return None
        return catalogue_locked_reason(self.session)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row: PlaceRow = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                STT: str(index.row() + 1),
                NAME: row.place.name,
                FORMER: row.former,
                STATE: self.tr("Thôi theo dõi") if row.place.retired else self.tr("Đang theo dõi"),
                RESULTS: str(row.results) if row.results else "",
            }.get(column)
        if role == Qt.ItemDataRole.EditRole:
            if column == NAME:
                return row.place.name
            if column == FORMER:
                return row.place.parent_id
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == STT:
                return CENTER
            return RIGHT if column == RESULTS else LEFT
        if role == Qt.ItemDataRole.ForegroundRole and row.place.retired:
            return GREY
        if role == Qt.ItemDataRole.ToolTipRole and column in (NAME, FORMER):
            return self.locked_reason(row)
        if role == ID_ROLE:
            return row.place.id
        if role == KIND_ROLE:
            return "village"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row: PlaceRow = self.rows[index.row()]
        locked = self.locked_reason(row)
        if locked:
            self.session.refuse(locked)
            return False
        try:
            if index.column() == NAME:
                self.session.update_place(row.place, name=str(value or ""))
            elif index.column() == FORMER:
                parent = int(value) if value not in (None, "") else self.session.store.commune().id
                self.session.update_place(row.place, parent_id=parent)
            else:
                return False
        except StoreError as error:
            self.session.refuse(str(error))
            return False
        return True


FORMER_STT, FORMER_NAME, FORMER_VILLAGES = range(3)


@dataclass(frozen=True)
class FormerRow:
    place: Place
    villages: int  # villages grouped under it (retired ones included)


class FormerCommunesModel(TableModel):
    """The former communes, in their order; the name is edited in place (a rename)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FormerCommunesModel", "STT"),
        QT_TRANSLATE_NOOP("FormerCommunesModel", "Tên xã cũ"),
        QT_TRANSLATE_NOOP("FormerCommunesModel", "Số bản"),
    )
    HEADER_TIPS = {
        FORMER_NAME: QT_TRANSLATE_NOOP("FormerCommunesModel", "Nhấn đúp để đổi tên"),
        FORMER_VILLAGES: QT_TRANSLATE_NOOP(
            "FormerCommunesModel", "Số bản, tiểu khu thuộc xã cũ này"
        ),
    }

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.rows = self.build_rows()

    @staticmethod
    def row_key(row: FormerRow) -> Any:
        return row.place.id

    def build_rows(self) -> list[FormerRow]:
        store = self.session.store
        counts = Counter(v.parent_id for v in store.villages(include_retired=True))
        return [FormerRow(p, counts[p.id]) for p in store.former_communes()]

    def row_for_place(self, place_id: int) -> int | None:
        for number, row in enumerate(self.rows):
            if row.place.id == place_id:
                return number
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == FORMER_NAME and not catalogue_locked_reason(self.session):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row: FormerRow = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                FORMER_STT: str(index.row() + 1),
                FORMER_NAME: row.place.name,
                FORMER_VILLAGES: str(row.villages),
            }.get(column)
        if role == Qt.ItemDataRole.EditRole:
            return row.place.name if column == FORMER_NAME else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if column == FORMER_NAME else CENTER
        if role == Qt.ItemDataRole.ToolTipRole and column == FORMER_NAME:
            return catalogue_locked_reason(self.session)
        if role == ID_ROLE:
            return row.place.id
        if role == KIND_ROLE:
            return "former_commune"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if index.column() != FORMER_NAME:
            return False
        locked = catalogue_locked_reason(self.session)
        if locked:
            self.session.refuse(locked)
            return False
        row: FormerRow = self.rows[index.row()]
        name = " ".join(str(value or "").split())
        taken = {
            p.name.casefold() for p in self.session.store.former_communes() if p.id != row.place.id
        }
        if name.casefold() in taken:
            self.session.refuse(self.tr("Đã có xã cũ tên «{name}».").format(name=name))
            return False
        try:
            self.session.update_place(row.place, name=name)
        except StoreError as error:
            self.session.refuse(str(error))
            return False
        return True
