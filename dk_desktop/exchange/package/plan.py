"""Planning what receiving a package would do, reading the database and never writing it:
each incoming entry is sorted into new / changed / unchanged / conflict by the laptops'
logical counters (device, counter), never by clocks (docs/package-format.md, «Receiving»).
A configuration package's catalogue is checked with the JSON import's rules."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...core.model import Aggregation, Indicator, Place, PlaceKind, Result
from ...core.names import clean_name
from ...core.numbers import decimal_from_db
from ...core.validation import check_ratio, check_value
from ...store.errors import StoreError
from ...store.repository import FIRST_YEAR, LAST_YEAR, ResultInput, Store, history_text
from ..preview import Change, Preview, display_input
from .archive import DATA, Package, PackageRefused
from .roles import OFFICE, VILLAGE, database_role


@dataclass
class Plan:
    preview: Preview
    writes: list[tuple[int, int, int, ResultInput, tuple[str, int], str, str]] = field(
        default_factory=list
    )
    conflicts: list[tuple[int, int, int, dict[str, Any]]] = field(default_factory=list)
    # a configuration package's checked catalogue and places, and the commune's decisions
    catalogue: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    decided: set[tuple[str, int]] = field(default_factory=set)


def plan_package(store: Store, package: Package) -> Plan:
    manifest = package.manifest
    meta = store.meta()
    if manifest["device_id"] == meta["device_id"]:
        raise PackageRefused("Gói này do chính máy này tạo ra; hãy nhận nó ở máy khác.")
    received = {
        row["seq"]: row["sha256"]
        for row in store.query(
            "SELECT seq, sha256 FROM received_packages WHERE device_id = ? AND kind = ?",
            [manifest["device_id"], package.kind],
        )
    }
    if manifest["seq"] in received:
        if received[manifest["seq"]] != package.sha256:
            raise PackageRefused(
                f"Gói số {manifest['seq']} từ máy này đã được nhận với nội dung khác; không nhận."
            )
        return Plan(Preview(package, already_received=True))
    if received and manifest["seq"] < max(received):
        raise PackageRefused(
            f"Gói này cũ hơn gói đã nhận (số {manifest['seq']} < số {max(received)}); "
            "gói mới hơn đã có đủ số liệu. Không nhận."
        )
    if package.kind == DATA:
        if manifest["commune_uid"] != meta["commune_uid"]:
            raise PackageRefused(
                f"Gói này của xã khác hoặc của máy chưa nhận gói cấu hình của xã "
                f"(gói ghi: xã {manifest['commune_name']}). Không nhận."
            )
        return _plan_data(store, package)
    return _plan_config(store, package)


def entry_input(store: Store, entry: dict[str, Any], where: str, figure: Indicator) -> ResultInput:
    """Check one entry of a package against its figure, as if it were typed here."""
    try:
        values = {}
        for key in ("value", "numerator", "denominator"):
            text = entry.get(key)
            if text is not None and not isinstance(text, str):
                raise ValueError(f"«{key}» phải là số viết dạng chữ")
            values[key] = Decimal(text) if text is not None else None
            if values[key] is not None and not values[key].is_finite():
                raise ValueError(f"«{key}» không phải số")
        note = entry.get("note")
        if note is not None and not isinstance(note, str):
            raise ValueError("ghi chú phải là chữ")
        if (values["numerator"] is None) != (values["denominator"] is None):
            raise ValueError("cần cả số đạt và tổng số")
        if values["numerator"] is not None:
            if figure.aggregation is not Aggregation.RATIO:
                raise ValueError("chỉ số này không tính theo tỷ lệ")
            check_ratio(values["numerator"], values["denominator"], figure)
        if values["value"] is not None:
            check_value(figure.value_type, values["value"], figure.unit)
        result = ResultInput(values["value"], values["numerator"], values["denominator"], note)
        if result.is_empty:
            raise ValueError("bản ghi không có giá trị")
        return result
    except (ValueError, ArithmeticError) as error:
        raise PackageRefused(f"Gói có số liệu sai ở {where}: {error}. Không nhận gói.") from None


def read_origin(raw: Any, where: str) -> tuple[str, int] | None:
    if raw is None:
        return None
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not isinstance(raw[0], str)
        or not isinstance(raw[1], int)
        or isinstance(raw[1], bool)
    ):
        raise PackageRefused(f"Gói có dữ liệu sai ở {where}; không nhận.")
    return raw[0], raw[1]


def package_entries(package: Package, key: str) -> list[dict[str, Any]]:
    entries = package.content.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise PackageRefused(f"Gói có phần «{key}» sai; không nhận.")
    return entries


def _classify(
    store: Store,
    plan: Plan,
    figure: Indicator,
    place: Place,
    year: int,
    entry: ResultInput,
    origin: tuple[str, int],
    base: tuple[str, int] | None,
    who: str,
    when: str,
    *,
    decided: set[tuple[str, int]],
    keep_own: bool,
) -> None:
    """Sort one incoming entry into new / changed / unchanged / conflict."""
    current = store.result(figure.id, place.id, year)
    current_origin = store.current_origin(figure.id, place.id, year)
    old_text = _display(figure, current)
    new_text = display_input(figure, entry)
    change = Change(figure.code, figure.name, place.name, year, old_text, new_text, who, when)
    preview = plan.preview
    write = (figure.id, place.id, year, entry, origin, who, when)
    replaced_here = store.current_base(figure.id, place.id, year) == origin
    if current_origin == origin or origin in decided or replaced_here:
        # Already here, already decided, or already corrected here on top of this very
        # entry (packages carry every entry of the laptop, not only the new ones).
        preview.unchanged.append(change)
    elif keep_own:
        preview.unchanged.append(change)  # this laptop's own entry, not yet sent: kept
    elif (
        current_origin is None
        or current_origin == base
        or (current_origin[0] == origin[0] and current_origin[1] < origin[1])
    ):
        # Nothing here yet, or the sender changed exactly what we have (or its own older entry).
        if ResultInput.of(current) == entry:
            preview.unchanged.append(change)
        else:
            (preview.new if current is None else preview.changed).append(change)
        plan.writes.append(write)
    elif ResultInput.of(current) == entry:
        preview.unchanged.append(change)
    else:
        preview.conflicts.append(change)
        plan.conflicts.append(
            (
                figure.id,
                place.id,
                year,
                {
                    "value": history_text(entry.value),
                    "numerator": history_text(entry.numerator),
                    "denominator": history_text(entry.denominator),
                    "note": entry.note,
                    "entered_by": who,
                    "entered_at": when,
                    "origin": list(origin),
                    "base": list(base) if base else None,
                },
            )
        )


def _display(figure: Indicator, result: Result | None) -> str | None:
    return None if result is None else display_input(figure, ResultInput.of(result))


def _plan_data(store: Store, package: Package) -> Plan:
    plan = Plan(Preview(package))
    place_uid = package.manifest["place_uid"]
    places = {p.uid: p for p in store.places()}
    village = places.get(place_uid)
    if village is None or village.kind is not PlaceKind.VILLAGE:
        raise PackageRefused(
            f"Bản «{package.manifest.get('place_name')}» chưa có trong danh sách địa bàn của xã "
            "(máy bản chưa nhận gói cấu hình mới nhất). Hãy gửi gói cấu hình cho máy bản trước."
        )
    figures = {f.code: f for f in store.figures(include_retired=True)}
    decided = {
        tuple(json.loads(row["incoming"])["origin"])
        for row in store.query(
            "SELECT incoming FROM conflicts WHERE resolution = 'kept' AND place_id = ?",
            [village.id],
        )
    }
    for key in ("results", "tombstones"):
        for n, raw in enumerate(package_entries(package, key)):
            where = f"{key}[{n}]"
            figure = figures.get(raw.get("figure"))
            if figure is None:
                raise PackageRefused(
                    f"Gói có chỉ số lạ ở {where} ({raw.get('figure')}); không nhận."
                )
            if raw.get("place") != place_uid:
                raise PackageRefused(f"Gói có số liệu của địa bàn khác ở {where}; không nhận.")
            year = raw.get("year")
            if not isinstance(year, int) or not FIRST_YEAR <= year <= max(
                LAST_YEAR, figure.target_year
            ):
                raise PackageRefused(f"Gói có năm sai ở {where}; không nhận.")
            origin = read_origin(raw.get("origin"), where)
            if origin is None or origin[0] != package.manifest["device_id"]:
                raise PackageRefused(f"Gói có dữ liệu sai ở {where}; không nhận.")
            entry = entry_input(store, raw, where, figure) if key == "results" else ResultInput()
            who, when = str(raw.get("entered_by", "")), str(raw.get("entered_at", ""))
            _classify(
                store,
                plan,
                figure,
                village,
                year,
                entry,
                origin,
                read_origin(raw.get("base"), where),
                who,
                when,
                decided=decided,
                keep_own=False,
            )
    plan.preview.history = len(package_entries(package, "history"))
    return plan


def _plan_config(store: Store, package: Package) -> Plan:
    from ..json_format import _Validator

    manifest = package.manifest
    origin = f"xã {manifest['commune_name']}, người gửi: {manifest['sender']}"
    role = database_role(store)
    if role == OFFICE:
        raise PackageRefused(
            f"Máy này là máy của văn phòng xã: văn phòng xã tạo gói cấu hình cho các bản và "
            f"không nhận gói cấu hình của máy khác (gói này: {origin}). Không nhận; danh mục "
            "chỉ tiêu, địa bàn và số liệu của máy này không thay đổi."
        )
    if role == VILLAGE and manifest["commune_uid"] != store.meta()["commune_uid"]:
        raise PackageRefused(
            f"Máy này chỉ nhận gói cấu hình của văn phòng xã {store.commune_name()}; gói này "
            f"do máy khác tạo ({origin}). Không nhận; không có gì thay đổi. Hãy xin gói cấu "
            "hình từ máy của văn phòng xã."
        )
    content = package.content
    # The catalogue is checked with the same rules as a JSON import.
    check = {
        "format": "dk-desktop-data",
        "format_version": 1,
        "commune": content.get("commune"),
        "fields": content.get("fields"),
        "groups": content.get("groups"),
        "targets": content.get("targets"),
        "breakthroughs": content.get("breakthroughs"),
        "tasks": content.get("tasks"),
        "places": [],
        "results": [],
        "task_states": [],
        "history": [],
        "tombstones": [],
        "received_packages": [],
        "conflicts": [],
    }
    try:
        catalogue = _Validator(check).catalogue()
    except StoreError as error:
        raise PackageRefused(f"Gói cấu hình sai: {error}") from None
    plan = Plan(Preview(package))
    plan.catalogue = catalogue
    known = {f.code: f for f in store.figures(include_retired=True)}
    plan.preview.catalogue_changes = sum(
        1 for item in catalogue for figure in item["figures"] if _figure_differs(known, figure)
    )
    places = package_entries(package, "places")
    local = {p.uid: p for p in store.places()}
    commune = store.commune()
    if sum(1 for raw in places if raw.get("kind") == "commune") > 1:
        raise PackageRefused("Gói cấu hình có hơn một xã; một máy chỉ theo dõi một xã. Không nhận.")
    for n, raw in enumerate(places):
        if not isinstance(raw.get("uid"), str) or not isinstance(raw.get("name"), str):
            raise PackageRefused(f"Gói cấu hình có địa bàn sai ở places[{n}]; không nhận.")
        if raw.get("kind") not in ("commune", "former_commune", "village"):
            raise PackageRefused(f"Gói cấu hình có địa bàn sai ở places[{n}]; không nhận.")
        if raw["kind"] == "commune" and raw["uid"] != commune.uid and role is not None:
            # one laptop follows one commune: never a second place of kind commune (a fresh
            # laptop's commune, from its seed, becomes the package's: see apply_config)
            raise PackageRefused(
                f"Gói cấu hình mang xã «{raw['name']}», khác với xã {commune.name} của máy "
                "này; một máy chỉ theo dõi một xã. Không nhận; không có gì thay đổi."
            )
        if raw["uid"] in local and local[raw["uid"]].kind.value != raw["kind"]:
            raise PackageRefused(f"Gói cấu hình đổi loại địa bàn ở places[{n}]; không nhận.")
        raw["name"] = clean_name(raw["name"])
        if raw["uid"] not in local:
            plan.preview.new_places.append(raw["name"])
    plan.places = places
    decided = content.get("decided", [])
    if not isinstance(decided, list):
        raise PackageRefused("Gói cấu hình có phần «decided» sai; không nhận.")
    plan.decided = {tuple(o) for o in decided if isinstance(o, list)}
    plan.preview.binds = role is None and not plan.preview.already_received
    return plan


def _figure_differs(known: dict, figure: dict[str, Any]) -> bool:
    current = known.get(figure["code"])
    if current is None:
        return True
    return (
        current.name != figure["name"]
        or current.unit != figure["unit"]
        or current.target
        != (decimal_from_db(figure["target"]) if figure["target"] is not None else None)
        or current.retired != bool(figure["retired"])
    )
