"""The places (địa bàn): the commune, the former communes merged into it and the villages;
added, renamed, regrouped, retired or (a village with nothing entered) deleted, each
change with its history."""

from __future__ import annotations

from typing import Any

from ..core.model import Place, PlaceKind
from ..core.names import clean_name, name_key
from .access import Access
from .errors import StoreError
from .history import ChangeLog
from .records import place_record
from .schema import place_uid


class Territory:
    """The places of one database."""

    def __init__(self, access: Access, changes: ChangeLog):
        self._access = access
        self._changes = changes

    def places(self, *, include_retired: bool = True) -> list[Place]:
        sql = "SELECT * FROM places"
        if not include_retired:
            sql += " WHERE retired = 0"
        rows = self._access.query(sql + " ORDER BY kind = 'village', position, id")
        return [place_record(row) for row in rows]

    def place(self, place_id: int) -> Place:
        rows = self._access.query("SELECT * FROM places WHERE id = ?", [place_id])
        if not rows:
            raise StoreError(f"Không có địa bàn số {place_id}.")
        return place_record(rows[0])

    def commune(self) -> Place:
        return next(p for p in self.places() if p.kind is PlaceKind.COMMUNE)

    def villages(self, *, include_retired: bool = False) -> list[Place]:
        return [
            p for p in self.places(include_retired=include_retired) if p.kind is PlaceKind.VILLAGE
        ]

    def former_communes(self) -> list[Place]:
        return [p for p in self.places() if p.kind is PlaceKind.FORMER_COMMUNE]

    def add_former_commune(self, name: str) -> Place:
        """A group of villages (the communes merged in 2025), for grouping and reports."""
        return self._add_place(
            name,
            PlaceKind.FORMER_COMMUNE,
            self.commune().id,
            empty="Cần nhập tên xã cũ (ví dụ: Quy Hướng).",
            taken="Đã có xã cũ tên «{name}».",
        )

    def add_village(self, name: str, parent_id: int | None = None) -> Place:
        return self._add_place(
            name,
            PlaceKind.VILLAGE,
            parent_id or self.commune().id,
            empty="Cần nhập tên bản (ví dụ: Bản Suối Giăng 1).",
            taken="Đã có bản tên «{name}». Mỗi bản chỉ có một tên.",
        )

    def _add_place(
        self, name: str, kind: PlaceKind, parent_id: int, *, empty: str, taken: str
    ) -> Place:
        self._check_parent(kind, parent_id)
        name = clean_name(name)  # NFC: an NFD «Bản Suối Giăng 1» is the same name
        if not name:
            raise StoreError(empty)
        siblings = [p for p in self.places() if p.kind is kind]
        if any(name_key(p.name) == name_key(name) for p in siblings):
            raise StoreError(taken.format(name=name))
        row = {
            "name": name,
            "kind": kind.value,
            "parent_id": parent_id,
            "position": 1 + max((p.position for p in siblings), default=0),
            "uid": place_uid(kind.value, name),
        }
        with self._access.transaction():
            place_id = self._access.insert("places", row)
            self._changes.log("place", "insert", place_id=place_id, attribute="name", new=name)
        return self.place(place_id)

    def _check_parent(self, kind: PlaceKind, parent_id: int | None) -> None:
        """A village belongs to the commune or a former commune; a former commune to the
        commune."""
        allowed = {PlaceKind.COMMUNE} | (
            {PlaceKind.FORMER_COMMUNE} if kind is PlaceKind.VILLAGE else set()
        )
        parent = self.place(parent_id) if parent_id is not None else None
        if parent is None or parent.kind not in allowed:
            raise StoreError("Bản chỉ thuộc xã hoặc một xã cũ; xã cũ thuộc xã.")

    def update_place(self, place_id: int, **changes: Any) -> Place:
        """Rename (name), regroup (parent_id), retire or bring back (retired) a place."""
        place = self.place(place_id)
        if "parent_id" in changes:
            self._check_parent(place.kind, changes["parent_id"])
        allowed = {"name", "parent_id", "retired"}
        if set(changes) - allowed:
            raise StoreError(f"Không sửa được: {', '.join(sorted(set(changes) - allowed))}.")
        if "name" in changes:
            changes["name"] = clean_name(str(changes["name"]))
            if not changes["name"]:
                raise StoreError("Tên địa bàn không được để trống.")
        if "retired" in changes:
            changes["retired"] = int(bool(changes["retired"]))
        with self._access.transaction():
            old = self._access.table("places").get(place_id)
            self._access.table("places").update(place_id, changes)
            for key, value in changes.items():
                if old[key] != value:
                    self._changes.log(
                        "place",
                        "update",
                        place_id=place.id,
                        attribute=key,
                        old=old[key],
                        new=value,
                    )
        return self.place(place_id)

    def delete_place(self, place_id: int) -> None:
        """Only a village without any figure may be deleted; others are retired instead."""
        place = self.place(place_id)
        if place.kind is not PlaceKind.VILLAGE:
            raise StoreError("Chỉ xóa được bản; xã và xã cũ được giữ lại.")
        db = self._access.db
        if db.execute("SELECT 1 FROM results WHERE place_id = ?", [place_id]).fetchone():
            raise StoreError(
                f"Bản «{place.name}» đã có số liệu nên không xóa được. "
                "Hãy chọn «Thôi theo dõi» để ẩn bản mà vẫn giữ số liệu."
            )
        if db.execute(
            "SELECT 1 FROM conflicts WHERE place_id = ? AND resolved_at IS NULL", [place_id]
        ).fetchone():
            raise StoreError(f"Bản «{place.name}» còn xung đột số liệu chờ chọn; chưa xóa được.")
        with self._access.transaction():
            # A figure typed then cleared leaves a tombstone (and perhaps a decided conflict):
            # nothing of the village remains to keep, so they go with it.
            for table in ("result_tombstones", "conflicts"):
                db.execute(f"DELETE FROM {table} WHERE place_id = ?", [place_id])
            self._access.table("places").delete(place_id)
            self._changes.log(
                "place", "delete", place_id=place_id, attribute="name", old=place.name
            )
