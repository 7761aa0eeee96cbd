"""The rules of the app's JSON content, checked before anything is written (docs/data-format.md):
one validator for the whole-database document a JSON import reads (``json_format``) and for
the catalogue a configuration package carries (``package/plan.py``), which has the same
shape. Each check names the place in the file and what is expected, in Vietnamese."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple, NoReturn

from ..core.model import (
    COMPARATORS,
    Aggregation,
    Direction,
    Field,
    Kind,
    PlaceKind,
    Section,
    TaskState,
    ValueType,
)
from ..core.numbers import decimal_from_db
from ..core.validation import DIGITS, check_ratio, check_value, labels_are_whole
from ..store.errors import StoreError

SECTION_KEYS = {
    Section.TARGET: "targets",
    Section.BREAKTHROUGH: "breakthroughs",
    Section.TASK: "tasks",
}
"""Where each section of the catalogue is, in a JSON export and in a configuration package."""


class ImportRefused(StoreError):
    """The file is not a valid export; nothing was changed."""


class CatalogueRows(NamedTuple):
    """A checked catalogue: the commune's words (meta keys, each a text), and rows of its
    tables, each item with its "figures", each figure with its "milestones" (year -> value)."""

    commune: dict[str, str]
    fields: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    items: list[dict[str, Any]]


def check_catalogue(content: dict[str, Any]) -> CatalogueRows:
    """The catalogue of a JSON export or of a configuration package (the keys «commune»,
    «fields», «groups», «targets», «breakthroughs», «tasks»), checked; ImportRefused
    otherwise."""
    return Validator(content).catalogue()


class Validator:
    """Checks content against the format, collecting rows ready to insert. ``document`` is
    the parsed JSON (a whole export, or a configuration package's content)."""

    def __init__(self, document: dict[str, Any]):
        self.document = document

    def fail(self, where: str, expected: str) -> NoReturn:
        raise ImportRefused(f"Tệp dữ liệu sai ở {where}: {expected}. Không có gì bị thay đổi.")

    def get(
        self,
        obj: Any,
        key: str,
        where: str,
        kind: type | tuple[type, ...],
        *,
        optional: bool = False,
    ) -> Any:
        if not isinstance(obj, dict):
            self.fail(where, "cần một đối tượng JSON")
        value = obj.get(key)
        if value is None and optional:
            return None
        if value is None or not isinstance(value, kind) or isinstance(value, bool) and kind is int:
            names = {str: "chữ", int: "số nguyên", list: "danh sách", dict: "đối tượng"}
            expected = names.get(kind, "giá trị") if isinstance(kind, type) else "giá trị"
            self.fail(f"{where}.{key}", f"cần {expected}")
        return value

    def decimal(
        self, obj: Any, key: str, where: str, *, optional: bool = True
    ) -> float | int | None:
        text = self.get(obj, key, where, str, optional=optional)
        if text is None:
            return None
        try:
            value = Decimal(text)
        except Exception:
            value = None
        if value is None or not value.is_finite():
            self.fail(f"{where}.{key}", f"cần một số viết dạng «26.3», không phải «{text}»")
        if value.adjusted() >= DIGITS:  # before int() or abs(): «1e999999999» overflows
            self.fail(f"{where}.{key}", f"số quá lớn («{text[:20]}»)")
        return int(value) if value == value.to_integral_value() else float(value)

    def choice(self, obj: Any, key: str, where: str, allowed: list[str]) -> str:
        value: str = self.get(obj, key, where, str)
        if value not in allowed:
            self.fail(f"{where}.{key}", f"cần một trong {', '.join(allowed)}")
        return value

    def validate(self) -> dict[str, Any]:
        """The whole export's rows by table (its format and version already checked by
        ``json_format``)."""
        doc = self.document
        meta, fields, groups, items = self.catalogue()
        figure_types = {
            figure["code"]: (
                ValueType(figure["value_type"]),
                figure["aggregation"],
                labels_are_whole(figure["numerator_label"], figure["denominator_label"]),
            )
            for item in items
            for figure in item["figures"]
        }
        places = self.places()
        place_ids = {p["id"]: p for p in places}
        results = []
        for n, raw in enumerate(self.get(doc, "results", "results", list)):
            where = f"results[{n}]"
            code, place_id = self.entry_key(raw, where, figure_types, place_ids)
            row = {
                "figure": code,
                "place_id": place_id,
                "year": self.year(raw, where),
                "value": self.decimal(raw, "value", where),
                "numerator": self.decimal(raw, "numerator", where),
                "denominator": self.decimal(raw, "denominator", where),
                "note": self.get(raw, "note", where, str, optional=True),
                "entered_by": self.get(raw, "entered_by", where, str),
                "entered_at": self.get(raw, "entered_at", where, str),
                **self.origin(raw, where),
            }
            self.check_result(row, figure_types[code], where)
            results.append(row)
        self.unique([(r["figure"], r["place_id"], r["year"]) for r in results], "số liệu")
        item_codes = {i["code"] for i in items}
        task_states = []
        for n, raw in enumerate(self.get(doc, "task_states", "task_states", list)):
            where = f"task_states[{n}]"
            code = self.get(raw, "item", where, str)
            if code not in item_codes:
                self.fail(f"{where}.item", f"mục «{code}» không có trong danh mục")
            task_states.append(
                {
                    "item": code,
                    "year": self.year(raw, where),
                    "state": self.choice(raw, "state", where, [s.value for s in TaskState]),
                    "note": self.get(raw, "note", where, str, optional=True),
                    "entered_by": self.get(raw, "entered_by", where, str),
                    "entered_at": self.get(raw, "entered_at", where, str),
                }
            )
        history = []
        for n, raw in enumerate(self.get(doc, "history", "history", list)):
            where = f"history[{n}]"
            entry = {
                "changed_at": self.get(raw, "changed_at", where, str),
                "changed_by": self.get(raw, "changed_by", where, str),
                "entity": self.get(raw, "entity", where, str),
                "action": self.choice(raw, "action", where, ["insert", "update", "delete"]),
                "figure": self.get(raw, "figure", where, str, optional=True),
                "place_id": self.get(raw, "place_id", where, int, optional=True),
                "year": self.get(raw, "year", where, int, optional=True),
                "item": self.get(raw, "item", where, str, optional=True),
            }
            for key in ("attribute", "old_value", "new_value", "note", "origin_device"):
                entry[key] = self.get(raw, key, where, str, optional=True)
            entry["origin_id"] = self.get(raw, "origin_id", where, int, optional=True)
            history.append(entry)
        tombstones = []
        for n, raw in enumerate(self.get(doc, "tombstones", "tombstones", list)):
            where = f"tombstones[{n}]"
            code, place_id = self.entry_key(raw, where, figure_types, place_ids)
            tombstones.append(
                {
                    "figure": code,
                    "place_id": place_id,
                    "year": self.year(raw, where),
                    "entered_by": self.get(raw, "entered_by", where, str),
                    "entered_at": self.get(raw, "entered_at", where, str),
                    **self.origin(raw, where, required=True),
                }
            )
        received = []
        for n, raw in enumerate(self.get(doc, "received_packages", "received_packages", list)):
            where = f"received_packages[{n}]"
            received.append(
                {
                    "device_id": self.get(raw, "device_id", where, str),
                    "seq": self.get(raw, "seq", where, int),
                    "kind": self.choice(raw, "kind", where, ["data", "config"]),
                    "sha256": self.get(raw, "sha256", where, str),
                    "place_uid": self.get(raw, "place_uid", where, str, optional=True),
                    "sender": self.get(raw, "sender", where, str, optional=True),
                    "applied_at": self.get(raw, "applied_at", where, str),
                    "applied_by": self.get(raw, "applied_by", where, str),
                }
            )
        conflicts = []
        for n, raw in enumerate(self.get(doc, "conflicts", "conflicts", list)):
            where = f"conflicts[{n}]"
            code, place_id = self.entry_key(raw, where, figure_types, place_ids)
            conflicts.append(
                {
                    "figure": code,
                    "place_id": place_id,
                    "year": self.year(raw, where),
                    "incoming": self.get(raw, "incoming", where, str),
                    "device_id": self.get(raw, "device_id", where, str),
                    "seq": self.get(raw, "seq", where, int),
                    "created_at": self.get(raw, "created_at", where, str),
                    "resolved_at": self.get(raw, "resolved_at", where, str, optional=True),
                    "resolved_by": self.get(raw, "resolved_by", where, str, optional=True),
                    "resolution": raw.get("resolution")
                    and self.choice(raw, "resolution", where, ["kept", "taken"]),
                }
            )
        return {
            "meta": meta,
            "fields": fields,
            "groups": groups,
            "items": items,
            "places": places,
            "results": results,
            "task_states": task_states,
            "history": history,
            "tombstones": tombstones,
            "received_packages": received,
            "conflicts": conflicts,
        }

    def catalogue(self) -> CatalogueRows:
        """The commune's words, fields, groups and items (with their figures), checked."""
        doc = self.document
        commune: dict[str, str] = self.get(doc, "commune", "commune", dict)
        if not all(isinstance(v, str) for v in commune.values()):
            self.fail("commune", "mọi giá trị phải là chữ")
        fields = [
            {"code": f["code"], "name": f["name"], "position": position}
            for position, f in enumerate(self.get(doc, "fields", "fields", list))
            if self.choice(f, "code", f"fields[{position}]", [x.value for x in Field])
            and self.get(f, "name", f"fields[{position}]", str)
        ]
        groups = []
        for n, group in enumerate(self.get(doc, "groups", "groups", list)):
            where = f"groups[{n}]"
            groups.append(
                {
                    "code": self.get(group, "code", where, str),
                    "name": self.get(group, "name", where, str),
                    "expected_count": self.get(group, "expected_count", where, int, optional=True),
                    "source": self.get(group, "source", where, str, optional=True) or "",
                }
            )
        group_codes = {g["code"] for g in groups}
        items, figure_codes = [], []
        position = 0
        for section, key in SECTION_KEYS.items():
            for n, raw in enumerate(self.get(doc, key, key, list)):
                where = f"{key}[{n}]"
                if section is Section.TARGET:
                    number = self.get(raw, "number", where, int)
                    if number < 1:  # other communes have 12–30 targets (issue 13 §1)
                        self.fail(f"{where}.number", "số thứ tự chỉ tiêu từ 1 trở lên")
                else:
                    number = self.get(raw, "number", where, str)
                group = self.get(raw, "group", where, str, optional=True)
                if group is not None and group not in group_codes:
                    self.fail(f"{where}.group", f"nhóm «{group}» không có trong «groups»")
                item = {
                    "code": self.get(raw, "code", where, str),
                    "section": section.value,
                    "number": str(number),
                    "resolution_number": number if section is Section.TARGET else None,
                    "group_code": group,
                    "field_code": self.choice(raw, "field", where, [f["code"] for f in fields]),
                    "name": self.get(raw, "name", where, str),
                    "source": self.get(raw, "source", where, str, optional=True) or "",
                    "note": self.get(raw, "note", where, str, optional=True),
                    "position": position,
                    "figures": [],
                }
                position += 1
                for m, figure in enumerate(self.get(raw, "figures", where, list)):
                    row = self.figure(figure, f"{where}.figures[{m}]", m)
                    figure_codes.append(row["code"])
                    item["figures"].append(row)
                items.append(item)
        self.unique([i["code"] for i in items], "mã mục (code)")
        self.unique(figure_codes, "mã chỉ số (code)")
        return CatalogueRows(commune, fields, groups, items)

    def figure(self, raw: Any, where: str, position: int) -> dict[str, Any]:
        row = {
            "code": self.get(raw, "code", where, str),
            "name": self.get(raw, "name", where, str),
            "unit": self.get(raw, "unit", where, str, optional=True) or "",
            "kind": self.choice(raw, "kind", where, [k.value for k in Kind]),
            "direction": self.choice(raw, "direction", where, [d.value for d in Direction]),
            "comparator": self.choice(raw, "comparator", where, list(COMPARATORS)),
            "target": self.decimal(raw, "target", where),
            "target_high": self.decimal(raw, "target_high", where),
            "target_year": self.get(raw, "target_year", where, int),
            "target_text": self.get(raw, "target_text", where, str, optional=True),
            "value_type": self.choice(raw, "value_type", where, [v.value for v in ValueType]),
            "aggregation": self.choice(raw, "aggregation", where, [a.value for a in Aggregation]),
            "numerator_label": self.get(raw, "numerator", where, str, optional=True),
            "denominator_label": self.get(raw, "denominator", where, str, optional=True),
            "baseline": self.decimal(raw, "baseline", where),
            "baseline_year": self.get(raw, "baseline_year", where, int),
            "baseline_text": self.get(raw, "baseline_text", where, str, optional=True),
            "baseline_source": self.get(raw, "baseline_source", where, str, optional=True),
            "source": self.get(raw, "source", where, str, optional=True) or "",
            "note": self.get(raw, "note", where, str, optional=True),
            "position": position,
            "retired": int(bool(raw.get("retired"))),
            # the kinds of issue 13 §3: x of y units' y, a share's structure (absent in a
            # file of an earlier version: null)
            "total": self.decimal(raw, "total", where),
            "structure": self.get(raw, "structure", where, str, optional=True),
        }
        if not 2026 <= row["target_year"] <= 2100:
            self.fail(f"{where}.target_year", "năm mục tiêu từ 2026 đến 2100")
        if not 2000 <= row["baseline_year"] < row["target_year"]:
            self.fail(f"{where}.baseline_year", "năm gốc phải trước năm mục tiêu")
        if row["kind"] != "milestone" and row["target"] is None:
            self.fail(f"{where}.target", "cần giá trị mục tiêu")
        if row["kind"] == "units_of_total" and not row["total"]:
            self.fail(f"{where}.total", "cần tổng số đơn vị (9 của «4/9 thôn»)")
        if row["total"] is not None and row["total"] <= 0:
            self.fail(f"{where}.total", "tổng số đơn vị phải lớn hơn 0")
        if row["structure"] is not None and not row["structure"].strip():
            row["structure"] = None  # blank: no structure
        if row["kind"] == "structure" and not row["structure"]:
            self.fail(f"{where}.structure", "cần tên cơ cấu (ví dụ «Cơ cấu kinh tế»)")
        if row["aggregation"] == "ratio" and row["value_type"] != "percent":
            self.fail(f"{where}.aggregation", "tỷ lệ (ratio) chỉ dùng cho chỉ số tính bằng %")
        milestones = {}
        for year_text, value in self.get(raw, "milestones", where, dict).items():
            if not year_text.isdigit():
                self.fail(f"{where}.milestones", "khóa là năm, ví dụ «2027»")
            milestones[int(year_text)] = self.decimal({"v": value}, "v", f"{where}.milestones")
        row["milestones"] = milestones
        return row

    def places(self) -> list[dict[str, Any]]:
        places = []
        seen: set[int] = set()
        for n, raw in enumerate(self.get(self.document, "places", "places", list)):
            where = f"places[{n}]"
            row = {
                "id": self.get(raw, "id", where, int),
                "name": self.get(raw, "name", where, str),
                "kind": self.choice(raw, "kind", where, [k.value for k in PlaceKind]),
                "parent_id": self.get(raw, "parent_id", where, int, optional=True),
                "position": self.get(raw, "position", where, int),
                "retired": int(bool(raw.get("retired"))),
                "uid": self.get(raw, "uid", where, str),
            }
            if (row["kind"] == "commune") != (row["parent_id"] is None):
                self.fail(f"{where}.parent_id", "chỉ xã không có địa bàn cấp trên")
            if row["parent_id"] is not None and row["parent_id"] not in seen:
                self.fail(f"{where}.parent_id", "địa bàn cấp trên phải đứng trước trong danh sách")
            seen.add(row["id"])
            places.append(row)
        if sum(p["kind"] == "commune" for p in places) != 1:
            self.fail("places", "cần đúng một xã")
        self.unique([p["id"] for p in places], "số địa bàn (id)")
        self.unique([(p["kind"], p["name"]) for p in places], "tên địa bàn")
        self.unique([p["uid"] for p in places], "mã địa bàn (uid)")
        return places

    def origin(self, raw: Any, where: str, *, required: bool = False) -> dict[str, Any]:
        """Which change made an entry (device, counter) and which it replaced."""
        return {
            "origin_device": self.get(raw, "origin_device", where, str, optional=not required),
            "origin_counter": self.get(raw, "origin_counter", where, int, optional=not required),
            "base_device": self.get(raw, "base_device", where, str, optional=True),
            "base_counter": self.get(raw, "base_counter", where, int, optional=True),
        }

    def entry_key(
        self, raw: Any, where: str, figures: dict[str, Any], places: dict[int, Any]
    ) -> tuple[str, int]:
        """The figure code and place id an entry refers to, both known in the document."""
        code = self.get(raw, "figure", where, str)
        if code not in figures:
            self.fail(f"{where}.figure", f"chỉ số «{code}» không có trong danh mục")
        place_id = self.get(raw, "place_id", where, int)
        if place_id not in places:
            self.fail(f"{where}.place_id", f"địa bàn số {place_id} không có trong «places»")
        return code, place_id

    def year(self, raw: Any, where: str) -> int:
        year: int = self.get(raw, "year", where, int)
        if not 2000 <= year <= 2100:
            self.fail(f"{where}.year", "năm từ 2000 đến 2100")
        return year

    def check_result(
        self, row: dict[str, Any], figure_type: tuple[ValueType, str, bool], where: str
    ) -> None:
        value_type, aggregation, whole = figure_type  # whole: counted, not measured, parts
        try:
            if (row["numerator"] is None) != (row["denominator"] is None):
                raise ValueError("cần cả số đạt và tổng số")
            if row["numerator"] is not None:
                if aggregation != "ratio":
                    raise ValueError("chỉ số này không tính theo tỷ lệ")
                check_ratio(
                    decimal_from_db(row["numerator"]),
                    decimal_from_db(row["denominator"]),
                    whole=whole,
                )
            if row["value"] is not None:
                check_value(value_type, decimal_from_db(row["value"]))
            elif row["numerator"] is None and not row["note"]:
                raise ValueError("bản ghi không có giá trị")
        except ValueError as error:
            self.fail(where, str(error))

    def unique(self, keys: list[Any], what: str) -> None:
        if len(keys) != len(set(keys)):
            self.fail(what, "bị trùng")
