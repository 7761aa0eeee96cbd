"""The whole database as one JSON document, and back (all or nothing).

The format is documented in docs/data-format.md. Export is deterministic (no timestamp
of its own), so export → import → export gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.model import Indicator, Section
from ..core.progress import Assessment, describe_pace
from ..store.files import write_bytes_atomically
from ..store.repository import Store, history_text
from ..store.schema import LAPTOP_KEYS
from .safe_json import UnreadableJson, load_json, refusing_bad_content
from .validator import SECTION_KEYS, ImportRefused, Validator

FORMAT_NAME = "dk-desktop-data"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 100 * 1024 * 1024
"""A whole commune's export is a few MB; anything far larger is not one."""
ORIGIN_COLUMNS = ("origin_device", "origin_counter", "base_device", "base_counter")


def _text(value: Any) -> str | None:
    return history_text(value)


# --- export ----------------------------------------------------------------------------


def export_data(store: Store) -> dict[str, Any]:
    figures_by_item: dict[int, list[Indicator]] = {}
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
        "fields": store.content.rows("fields"),
        "groups": store.content.rows("groups"),
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
                        "total": _text(figure.total),
                        "structure": figure.structure,
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
        for row in store.content.rows("results")
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
        for row in store.content.rows("result_tombstones")
    ]
    document["received_packages"] = store.content.rows("received_packages")
    document["conflicts"] = [
        {key: value for key, value in row.items() if key not in ("id", "figure_id")}
        for row in store.content.rows("conflicts")
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
        for row in store.content.rows("task_states")
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


def _progress(figure: Indicator, assessment: Assessment | None) -> dict[str, Any] | None:
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
        plan = _checked(document)
    return {key: len(value) for key, value in plan.items() if isinstance(value, list)}


def import_data(store: Store, document: dict[str, Any]) -> dict[str, int]:
    """Replace the database's content with the document's, in one transaction.

    Everything is checked before the first write; any problem raises ImportRefused
    with the place in the file and what is expected, and the database is unchanged.
    """
    with refusing_bad_content(BAD_DOCUMENT, ImportRefused):
        plan = _checked(document)
    with refusing_bad_content(BAD_DOCUMENT, ImportRefused):
        store.content.replace(plan)  # one transaction, this laptop's identity kept
    return {key: len(value) for key, value in plan.items() if isinstance(value, list)}


def _checked(document: Any) -> dict[str, Any]:
    """The document's rows by table, once it is known to be this format and version."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportRefused(
            "Tệp không phải là dữ liệu xuất từ ứng dụng theo dõi Nghị quyết "
            "(cần tệp tạo bởi lệnh «export --format json»)."
        )
    if document.get("format_version") != FORMAT_VERSION:
        raise ImportRefused(
            f"Tệp có định dạng phiên bản {document.get('format_version')}, ứng dụng này đọc "
            f"phiên bản {FORMAT_VERSION}. Hãy cập nhật ứng dụng."
        )
    return Validator(document).validate()
