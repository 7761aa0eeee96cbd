"""The catalogue: what the resolution asks (items, their figures, yearly milestones) and
the commune's words and term, read; and the clerk's changes to it, each written with its
history (and, for a change of what is asked, a backup first)."""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from decimal import Decimal
from typing import Any

from ..core.model import (
    Aggregation,
    Direction,
    Field,
    FigureSpec,
    Indicator,
    Item,
    Kind,
    Section,
    ValueType,
)
from ..core.numbers import decimal_from_db, format_number
from ..core.validation import check_value
from .access import Access
from .errors import StoreError
from .history import ChangeLog
from .records import figure_record, item_record
from .seed import bundled_term
from .values import decimal_or_none, stored_number

# Catalogue attributes the clerk may change, and how each is stored.
EDITABLE_FIGURE_ATTRIBUTES = {
    "name": "text",
    "unit": "text",
    "kind": "text",
    "direction": "text",
    "comparator": "text",
    "target": "number",
    "target_high": "number",
    "target_year": "int",
    "value_type": "text",
    "aggregation": "text",
    "numerator_label": "text",
    "denominator_label": "text",
    "baseline": "number",
    "note": "text",
    "retired": "int",
    "total": "number",
    "structure": "text",
}


class Catalogue:
    """Items, figures and milestones of one database, and the commune it belongs to."""

    def __init__(self, access: Access, changes: ChangeLog):
        self._access = access
        self._changes = changes

    # --- the commune ------------------------------------------------------------------

    def commune_name(self) -> str:
        return self._access.meta().get("commune_name", "")

    def term(self) -> tuple[int, int]:
        """The resolution's term (first and last year) as the catalogue gives it (the
        seed's commune block, kept in meta); a file made before it was kept there is the
        bundled resolution's, and takes its term."""
        meta = self._access.meta()
        with suppress(KeyError, ValueError):
            start, end = int(meta["term_start"]), int(meta["term_end"])
            if start < end:
                return start, end
        return bundled_term()

    # --- reading ---------------------------------------------------------------------

    def items(self, section: Section | None = None, field: Field | None = None) -> list[Item]:
        where, params = [], []
        if section is not None:
            where.append("section = ?")
            params.append(section.value)
        if field is not None:
            where.append("field_code = ?")
            params.append(field.value)
        sql = "SELECT * FROM items"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [item_record(row) for row in self._access.query(sql + " ORDER BY position", params)]

    def item(self, item_id: int) -> Item:
        rows = self._access.query("SELECT * FROM items WHERE id = ?", [item_id])
        if not rows:
            raise StoreError(f"Không có mục số {item_id}.")
        return item_record(rows[0])

    def figures(
        self, item_id: int | None = None, *, include_retired: bool = False
    ) -> list[Indicator]:
        sql = "SELECT f.* FROM figures f JOIN items i ON i.id = f.item_id"
        where, params = [], []
        if item_id is not None:
            where.append("f.item_id = ?")
            params.append(item_id)
        if not include_retired:
            where.append("f.retired = 0")
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._access.query(sql + " ORDER BY i.position, f.position", params)
        milestones = self._milestones()
        return [figure_record(row, milestones.get(row["id"], {})) for row in rows]

    def figure(self, figure_id: int) -> Indicator:
        rows = self._access.query("SELECT * FROM figures WHERE id = ?", [figure_id])
        if not rows:
            raise StoreError(f"Không có chỉ số số {figure_id}.")
        return figure_record(rows[0], self._milestones().get(figure_id, {}))

    def figure_by_code(self, code: str) -> Indicator:
        rows = self._access.query("SELECT id FROM figures WHERE code = ?", [code])
        if not rows:
            raise StoreError(f"Không có chỉ số mã «{code}».")
        return self.figure(rows[0]["id"])

    def _milestones(self) -> dict[int, dict[int, Decimal]]:
        result: dict[int, dict[int, Decimal]] = defaultdict(dict)
        for row in self._access.query("SELECT figure_id, year, value FROM milestones"):
            result[row["figure_id"]][row["year"]] = decimal_from_db(row["value"])
        return result

    # --- edited ----------------------------------------------------------------------

    def update_figure(self, figure_id: int, **changes: Any) -> Indicator:
        """Change what the resolution asks of a figure (a revised resolution, another
        commune); every change goes into the history."""
        unknown = set(changes) - set(EDITABLE_FIGURE_ATTRIBUTES)
        if unknown:
            raise StoreError(f"Không sửa được: {', '.join(sorted(unknown))}.")
        old_figure = self.figure(figure_id)
        row = self._access.table("figures").get(figure_id)
        stored = {
            key: _stored(EDITABLE_FIGURE_ATTRIBUTES[key], value) for key, value in changes.items()
        }
        candidate = {**row, **stored}
        self._check_figure_row(candidate)
        if "value_type" in changes:
            self._check_values_fit(figure_id, ValueType(candidate["value_type"]))
        self._access.check_writable()  # before the backup: a read-only file is refused at once
        self._access.backup("truoc-sua-danh-muc")
        with self._access.transaction():
            self._access.table("figures").update(figure_id, stored)
            for key, value in stored.items():
                if row[key] != value:
                    self._changes.log(
                        "figure",
                        "update",
                        figure_id=figure_id,
                        item_id=old_figure.item_id,
                        attribute=key,
                        old=row[key],
                        new=value,
                    )
        return self.figure(figure_id)

    def _check_values_fit(self, figure_id: int, value_type: ValueType) -> None:
        """Refuse a new kind of value the figure's results already entered do not fit."""
        rows = self._access.query(
            "SELECT year, value FROM results WHERE figure_id = ? AND value IS NOT NULL "
            "ORDER BY place_id, year",
            [figure_id],
        )
        for row in rows:
            try:
                check_value(value_type, decimal_from_db(row["value"]))
            except ValueError as error:
                raise StoreError(
                    f"Không đổi được kiểu số liệu: số liệu năm {row['year']} không hợp ({error})"
                ) from None

    def set_figure_note(self, figure_id: int, note: str | None) -> Indicator:
        """The note on a figure («Ghi chú, minh chứng»): typed like a result, so written
        with its history but without the backup a change of the catalogue takes."""
        before = self.figure(figure_id)  # a StoreError if it is gone
        note = (note or "").strip() or None
        if before.note == note:
            return before
        with self._access.transaction():
            self._access.table("figures").update(figure_id, {"note": note})
            self._changes.log(
                "figure",
                "update",
                figure_id=figure_id,
                item_id=before.item_id,
                attribute="note",
                old=before.note,
                new=note,
            )
        return self.figure(figure_id)

    def add_figure(self, item_id: int, **attributes: Any) -> Indicator:
        """A new figure of an item, asked for the term's last year from its first unless
        told otherwise."""
        item = self.item(item_id)
        existing = self.figures(item_id, include_retired=True)
        code = attributes.pop("code", None) or _next_code(item.code, [f.code for f in existing])
        first_year, last_year = self.term()
        row = {
            "code": code,
            "item_id": item_id,
            "kind": "level",
            "direction": "up",
            "comparator": ">=",
            "target_year": last_year,
            "value_type": "amount",
            "aggregation": "none",
            "unit": "",
            "baseline_year": first_year,
            "source": "",
            "position": 1 + max((f.position for f in existing), default=-1),
            "retired": 0,
        }
        unknown = set(attributes) - set(EDITABLE_FIGURE_ATTRIBUTES)
        if unknown:
            raise StoreError(f"Không có thuộc tính: {', '.join(sorted(unknown))}.")
        row.update(
            {key: _stored(EDITABLE_FIGURE_ATTRIBUTES[key], v) for key, v in attributes.items()}
        )
        self._check_figure_row(row)
        self._access.check_writable()  # before the backup: a read-only file is refused at once
        self._access.backup("truoc-sua-danh-muc")
        with self._access.transaction():
            figure_id = self._access.insert("figures", row)
            self._changes.log(
                "figure",
                "insert",
                figure_id=figure_id,
                item_id=item_id,
                attribute="name",
                new=row.get("name"),
            )
        return self.figure(figure_id)

    def retire_figure(self, figure_id: int, retired: bool = True) -> Indicator:
        return self.update_figure(figure_id, retired=int(retired))

    def set_milestone(self, figure_id: int, year: int, value: Decimal | None) -> None:
        """The plan's value for a year between a figure's baseline and its target (None
        removes it)."""
        figure = self.figure(figure_id)
        if not figure.baseline_year < year < figure.target_year:
            raise StoreError(
                f"Mốc kế hoạch đặt cho các năm từ {figure.baseline_year + 1} "
                f"đến {figure.target_year - 1}."
            )
        old = figure.milestones.get(year)
        with self._access.transaction():
            if value is None:
                self._access.table("milestones").delete_where(
                    "figure_id = ? AND year = ?", [figure_id, year]
                )
            else:
                try:
                    check_value(figure.value_type, value, figure.unit)
                except ValueError as error:
                    raise StoreError(str(error)) from None
                self._access.table("milestones").upsert(
                    {"figure_id": figure_id, "year": year, "value": stored_number(value)},
                    pk=("figure_id", "year"),
                )
            self._changes.log(
                "milestone",
                "update",
                figure_id=figure_id,
                year=year,
                attribute="value",
                old=old,
                new=value,
            )

    def _check_figure_row(self, row: dict[str, Any]) -> None:
        """Refuse a figure that could not be judged, with a message saying what is
        expected."""
        if not str(row.get("name") or "").strip():
            raise StoreError("Tên chỉ số không được để trống.")
        try:
            kind = Kind(row["kind"])
            ValueType(row["value_type"])
            Aggregation(row["aggregation"])
            FigureSpec(
                kind=kind,
                target=decimal_or_none(row.get("target")),
                direction=Direction(row["direction"]),
                comparator=row["comparator"],
                target_high=decimal_or_none(row.get("target_high")),
                baseline_year=row.get("baseline_year") or self.term()[0],
                target_year=row["target_year"],
            )
        except ValueError as error:
            raise StoreError(f"Chỉ số không hợp lệ: {error}") from None
        if kind is not Kind.MILESTONE and row.get("target") is None:
            raise StoreError("Cần nhập giá trị Nghị quyết đề ra (mục tiêu) cho chỉ số.")
        high, low = row.get("target_high"), row.get("target")
        if high is not None and low is not None and high < low:
            raise StoreError(
                f"Khoảng mục tiêu không hợp lệ: cận trên ({format_number(decimal_from_db(high))})"
                f" nhỏ hơn cận dưới ({format_number(decimal_from_db(low))})."
            )
        total = row.get("total")
        if total is not None and total <= 0:
            raise StoreError("Tổng số đơn vị phải lớn hơn 0 (ví dụ 9 của «4/9 thôn»).")
        if row.get("structure") is not None and not str(row["structure"]).strip():
            raise StoreError("Tên cơ cấu không được để trống (hoặc bỏ hẳn nếu không phải cơ cấu).")
        if kind is Kind.UNITS_OF_TOTAL and not row.get("total"):
            raise StoreError(
                "Chỉ số «số đơn vị đạt / tổng số» cần có tổng số đơn vị (ví dụ 9 của «4/9 thôn»)."
            )
        if kind is Kind.STRUCTURE and not str(row.get("structure") or "").strip():
            raise StoreError(
                "Chỉ số cơ cấu cần có tên cơ cấu (ví dụ «Cơ cấu kinh tế»), giống nhau ở mọi "
                "tỷ trọng của cùng một cơ cấu."
            )
        if row["aggregation"] == "ratio" and row["value_type"] != "percent":
            raise StoreError("Chỉ số tính theo tỷ lệ (số đạt / tổng số) phải có đơn vị là %.")


def _stored(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "number":
        return stored_number(value if isinstance(value, Decimal) else decimal_from_db(value))
    if kind == "int":
        return int(value)
    return str(value).strip()


def _next_code(item_code: str, taken: list[str]) -> str:
    for letter in "abcdefghijklmnopqrstuvwxyz":
        if item_code + letter not in taken:
            return item_code + letter
    raise StoreError("Mục này đã có quá nhiều chỉ số.")
