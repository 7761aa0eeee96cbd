"""The whole database as one JSON document, and back (all or nothing).

The format is documented in docs/data-format.md. Export is deterministic (no timestamp
of its own), so export → import → export gives the same bytes.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import __version__
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
from ..core.progress import describe_pace
from ..core.validation import DIGITS, check_ratio, check_value, labels_are_whole
from ..store.errors import StoreError
from ..store.files import write_bytes_atomically
from ..store.repository import Store, history_text
from ..store.schema import LAPTOP_KEYS, keep_identity
from .safe_json import UnreadableJson, load_json, refusing_bad_content

FORMAT_NAME = "dk-desktop-data"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 100 * 1024 * 1024
"""A whole commune's export is a few MB; anything far larger is not one."""
SECTION_KEYS = {
    Section.TARGET: "targets",
    Section.BREAKTHROUGH: "breakthroughs",
    Section.TASK: "tasks",
}
ORIGIN_COLUMNS = ("origin_device", "origin_counter", "base_device", "base_counter")
CONTENT_TABLES = (
    "conflicts",
    "received_packages",
    "result_tombstones",
    "history",
    "task_states",
    "results",
    "milestones",
    "figures",
    "items",
    "places",
    "groups",
    "fields",
    "meta",
)


def _text(value: Any) -> str | None:
    return history_text(value)


# --- export ----------------------------------------------------------------------------


def export_data(store: Store) -> dict[str, Any]:
    figures_by_item: dict[int, list] = {}
    for figure in store.figures(include_retired=True):
        figures_by_item.setdefault(figure.item_id, []).append(figure)
    assessments = store.assessments()
    items = store.items()
    item_codes = {item.id: item.code for item in items}
    figure_codes = {}
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "commune": {k: v for k, v in store.meta().items() if k not in LAPTOP_KEYS},
        "fields": store.query("SELECT code, name FROM fields ORDER BY position"),
        "groups": store.query(
            "SELECT code, name, expected_count, source FROM groups ORDER BY code"
        ),
    }
    for section, key in SECTION_KEYS.items():
        document[key] = []
        for item in (i for i in items if i.section is section):
            entry: dict[str, Any] = {
                "code": item.code,
                "number": item.resolution_number if section is Section.TARGET else item.number,
                "field": item.field.value,
                "group": item.group_code,
                "name": item.name,
                "source": item.source,
                "note": item.note,
                "figures": [],
            }
            for figure in figures_by_item.get(item.id, []):
                figure_codes[figure.id] = figure.code
                assessment = assessments.get(figure.id)
                entry["figures"].append(
                    {
                        "code": figure.code,
                        "name": figure.name,
                        "unit": figure.unit,
                        "kind": figure.kind.value,
                        "direction": figure.direction.value,
                        "comparator": figure.comparator,
                        "target": _text(figure.target),
                        "target_high": _text(figure.target_high),
                        "target_year": figure.target_year,
                        "target_text": figure.target_text,
                        "value_type": figure.value_type.value,
                        "aggregation": figure.aggregation.value,
                        "numerator": figure.numerator_label,
                        "denominator": figure.denominator_label,
                        "baseline": _text(figure.baseline),
                        "baseline_year": figure.baseline_year,
                        "baseline_text": figure.baseline_text,
                        "baseline_source": figure.baseline_source,
                        "source": figure.source,
                        "note": figure.note,
                        "retired": figure.retired,
                        "milestones": {
                            str(year): _text(value)
                            for year, value in sorted(figure.milestones.items())
                        },
                        "progress": _progress(figure, assessment),
                    }
                )
            document[key].append(entry)
    document["places"] = [
        {
            "id": p.id,
            "name": p.name,
            "kind": p.kind.value,
            "parent_id": p.parent_id,
            "position": p.position,
            "retired": p.retired,
            "uid": p.uid,
        }
        for p in sorted(store.places(), key=lambda p: p.id)
    ]
    codes = "SELECT f.code AS figure, r.* FROM {table} r JOIN figures f ON f.id = r.figure_id"
    order = " ORDER BY r.figure_id, r.place_id, r.year"
    document["results"] = [
        {
            "figure": row["figure"],
            "place_id": row["place_id"],
            "year": row["year"],
            **{key: _text(row[key]) for key in ("value", "numerator", "denominator")},
            "note": row["note"],
            "entered_by": row["entered_by"],
            "entered_at": row["entered_at"],
            **{key: row[key] for key in ORIGIN_COLUMNS},
        }
        for row in store.query(codes.format(table="results") + order)
    ]
    document["tombstones"] = [
        {
            "figure": row["figure"],
            "place_id": row["place_id"],
            "year": row["year"],
            "entered_by": row["entered_by"],
            "entered_at": row["entered_at"],
            **{key: row[key] for key in ORIGIN_COLUMNS},
        }
        for row in store.query(codes.format(table="result_tombstones") + order)
    ]
    document["received_packages"] = store.query(
        "SELECT * FROM received_packages ORDER BY device_id, seq"
    )
    document["conflicts"] = [
        {key: value for key, value in row.items() if key not in ("id", "figure_id")}
        for row in store.query(codes.format(table="conflicts") + " ORDER BY r.id")
    ]
    document["task_states"] = [
        {
            "item": row["code"],
            "year": row["year"],
            "state": row["state"],
            "note": row["note"],
            "entered_by": row["entered_by"],
            "entered_at": row["entered_at"],
        }
        for row in store.query(
            "SELECT i.code, t.* FROM task_states t JOIN items i ON i.id = t.item_id "
            "ORDER BY i.position, t.year"
        )
    ]
    document["history"] = [
        {
            "changed_at": h.changed_at,
            "changed_by": h.changed_by,
            "entity": h.entity,
            "action": h.action,
            "figure": figure_codes.get(h.figure_id) if h.figure_id else None,
            "place_id": h.place_id,
            "year": h.year,
            "item": item_codes.get(h.item_id) if h.item_id else None,
            "attribute": h.attribute,
            "old_value": h.old_value,
            "new_value": h.new_value,
            "note": h.note,
            "origin_device": h.origin_device,
            "origin_id": h.origin_id,
        }
        for h in reversed(store.history())
    ]
    return document


def _progress(figure, assessment) -> dict[str, Any] | None:  # type: ignore[no-untyped-def]
    if assessment is None:  # a retired figure is not judged
        return None
    return {
        "status": assessment.status.value,
        "percent": _text(assessment.percent),
        "year": assessment.year,
        "value": _text(assessment.value),
        "planned": _text(assessment.planned),
        "pace": _text(assessment.pace),
        "pace_text": describe_pace(figure.spec, assessment, figure.unit),
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_json(store: Store, path: Path) -> None:
    write_bytes_atomically(path, dumps(export_data(store)).encode("utf-8"))


# --- import ----------------------------------------------------------------------------


class ImportRefused(StoreError):
    """The file is not a valid export; nothing was changed."""


def read_json(path: Path) -> Any:
    """The parsed file; its content is checked by import_data."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # before reading: a huge file must not fill the memory
            raise ImportRefused(
                f"Tệp «{path.name}» quá lớn ({size // 1_048_576} MB) để là dữ liệu xuất từ "
                "ứng dụng (thường dưới 5 MB). Không đọc tệp này."
            )
        raw = path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"Không đọc được tệp «{path.name}»: {error.strerror}.") from None
    expected = "Cần tệp được xuất bằng lệnh «export --format json» của ứng dụng."
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # its text ("'utf-8' codec can't decode…") is not for a clerk
        raise ImportRefused(
            f"Tệp «{path.name}» không phải là tệp JSON viết bằng chữ UTF-8 (có thể đã được lưu "
            f"lại bằng một chương trình khác). {expected}"
        ) from None
    try:
        document = load_json(text)  # bounded: no deep nesting, no number SQLite cannot hold
    except UnreadableJson as error:
        raise ImportRefused(
            f"Tệp «{path.name}» không phải là tệp JSON hợp lệ ({error}). {expected}"
        ) from None
    return document


BAD_DOCUMENT = (
    "Tệp dữ liệu có nội dung sai mà ứng dụng không đọc được; không có gì bị thay đổi. Cần tệp "
    "được xuất bằng lệnh «export --format json» của ứng dụng, không sửa tay."
)


def check_document(document: dict[str, Any]) -> dict[str, int]:
    """Validate without writing; the counts of what an import would hold."""
    with refusing_bad_content(BAD_DOCUMENT, ImportRefused):
        plan = _Validator(document).validate()
    return {key: len(value) for key, value in plan.items() if isinstance(value, list)}


def import_data(store: Store, document: dict[str, Any]) -> dict[str, int]:
    """Replace the database's content with the document's, in one transaction.

    Everything is checked before the first write; any problem raises ImportRefused
    with the place in the file and what is expected, and the database is unchanged.
    """
    with refusing_bad_content(BAD_DOCUMENT, ImportRefused):
        plan = _Validator(document).validate()
    identity = store.meta()
    with refusing_bad_content(BAD_DOCUMENT, ImportRefused), store.transaction():
        for table in CONTENT_TABLES:
            store.db.execute(f"DELETE FROM {table}")
        _write(store, plan)
        keep_identity(store.db, identity)
    return {key: len(value) for key, value in plan.items() if isinstance(value, list)}


def _write(store: Store, plan: dict[str, Any]) -> None:
    db = store.db
    db["meta"].insert_all({"key": k, "value": v} for k, v in plan["meta"].items())
    db["fields"].insert_all(plan["fields"])
    if plan["groups"]:
        db["groups"].insert_all(plan["groups"])
    # Places reference their parent: insert in id order (parents were created first).
    for place in plan["places"]:
        db["places"].insert(place)
    item_ids: dict[str, int] = {}
    figure_ids: dict[str, int] = {}
    for item in plan["items"]:
        figures = item.pop("figures")
        item_ids[item["code"]] = db["items"].insert(item).last_pk
        for figure in figures:
            milestones = figure.pop("milestones")
            figure["item_id"] = item_ids[item["code"]]
            figure_ids[figure["code"]] = db["figures"].insert(figure).last_pk
            for year, value in milestones.items():
                db["milestones"].insert(
                    {"figure_id": figure_ids[figure["code"]], "year": year, "value": value}
                )
    for result in plan["results"]:
        result["figure_id"] = figure_ids[result.pop("figure")]
        db["results"].insert(result)
    for state in plan["task_states"]:
        state["item_id"] = item_ids[state.pop("item")]
        db["task_states"].insert(state)
    for tombstone in plan["tombstones"]:
        tombstone["figure_id"] = figure_ids[tombstone.pop("figure")]
        db["result_tombstones"].insert(tombstone)
    if plan["received_packages"]:
        db["received_packages"].insert_all(plan["received_packages"])
    for conflict in plan["conflicts"]:
        conflict["figure_id"] = figure_ids[conflict.pop("figure")]
        db["conflicts"].insert(conflict)
    for entry in plan["history"]:
        figure = entry.pop("figure")
        item = entry.pop("item")
        entry["figure_id"] = figure_ids.get(figure) if figure else None
        entry["item_id"] = item_ids.get(item) if item else None
        db["history"].insert(entry)


class _Validator:
    """Checks a document against the format, collecting rows ready to insert."""

    def __init__(self, document: dict[str, Any]):
        self.document = document

    def fail(self, where: str, expected: str) -> None:
        raise ImportRefused(f"Tệp dữ liệu sai ở {where}: {expected}. Không có gì bị thay đổi.")

    def get(self, obj: Any, key: str, where: str, kind: type | tuple, *, optional=False) -> Any:  # type: ignore[no-untyped-def]
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

    def decimal(self, obj: dict, key: str, where: str, *, optional=True) -> float | int | None:  # type: ignore[no-untyped-def]
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

    def choice(self, obj: dict, key: str, where: str, allowed: list[str]) -> str:
        value = self.get(obj, key, where, str)
        if value not in allowed:
            self.fail(f"{where}.{key}", f"cần một trong {', '.join(allowed)}")
        return value

    def validate(self) -> dict[str, Any]:
        doc = self.document
        if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
            raise ImportRefused(
                "Tệp không phải là dữ liệu xuất từ ứng dụng theo dõi Nghị quyết "
                "(cần tệp tạo bởi lệnh «export --format json»)."
            )
        if doc.get("format_version") != FORMAT_VERSION:
            raise ImportRefused(
                f"Tệp có định dạng phiên bản {doc.get('format_version')}, ứng dụng này đọc "
                f"phiên bản {FORMAT_VERSION}. Hãy cập nhật ứng dụng."
            )
        meta = self.get(doc, "commune", "commune", dict)
        if not all(isinstance(v, str) for v in meta.values()):
            self.fail("commune", "mọi giá trị phải là chữ")
        fields, groups, items = self.catalogue_parts()
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

    def catalogue_parts(self) -> tuple[list, list, list]:
        """Fields, groups and items (with their figures) of the document, checked."""
        doc = self.document
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
                    if not 1 <= number <= 22:
                        self.fail(f"{where}.number", "số thứ tự chỉ tiêu từ 1 đến 22")
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
        return fields, groups, items

    def catalogue(self) -> list[dict[str, Any]]:
        """The items with their figures, ready to insert (for a configuration package)."""
        return self.catalogue_parts()[2]

    def figure(self, raw: dict, where: str, position: int) -> dict[str, Any]:
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
        }
        if not 2026 <= row["target_year"] <= 2100:
            self.fail(f"{where}.target_year", "năm mục tiêu từ 2026 đến 2100")
        if not 2000 <= row["baseline_year"] < row["target_year"]:
            self.fail(f"{where}.baseline_year", "năm gốc phải trước năm mục tiêu")
        if row["kind"] != "milestone" and row["target"] is None:
            self.fail(f"{where}.target", "cần giá trị mục tiêu")
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

    def origin(self, raw: dict, where: str, *, required: bool = False) -> dict[str, Any]:
        """Which change made an entry (device, counter) and which it replaced."""
        return {
            "origin_device": self.get(raw, "origin_device", where, str, optional=not required),
            "origin_counter": self.get(raw, "origin_counter", where, int, optional=not required),
            "base_device": self.get(raw, "base_device", where, str, optional=True),
            "base_counter": self.get(raw, "base_counter", where, int, optional=True),
        }

    def entry_key(self, raw: dict, where: str, figures: dict, places: dict) -> tuple[str, int]:
        """The figure code and place id an entry refers to, both known in the document."""
        code = self.get(raw, "figure", where, str)
        if code not in figures:
            self.fail(f"{where}.figure", f"chỉ số «{code}» không có trong danh mục")
        place_id = self.get(raw, "place_id", where, int)
        if place_id not in places:
            self.fail(f"{where}.place_id", f"địa bàn số {place_id} không có trong «places»")
        return code, place_id

    def year(self, raw: dict, where: str) -> int:
        year = self.get(raw, "year", where, int)
        if not 2000 <= year <= 2100:
            self.fail(f"{where}.year", "năm từ 2000 đến 2100")
        return year

    def check_result(self, row: dict, figure_type: tuple[ValueType, str, bool], where: str) -> None:
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

    def unique(self, keys: list, what: str) -> None:
        if len(keys) != len(set(keys)):
            self.fail(what, "bị trùng")
