"""Planning what receiving a package would do, reading the database and never writing it:
each incoming entry is sorted into new / changed / unchanged / conflict by the laptops'
logical counters (device, counter), never by clocks (docs/package-format.md, «Receiving»).
A configuration package's catalogue is checked by the JSON import's validator.

The plan is frozen (tuples, read-only mappings): applying reads it and never changes it, so
the same plan previews and applies alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from ...core.model import Aggregation, Indicator, Place, PlaceKind, Result
from ...core.names import clean_name
from ...core.numbers import decimal_from_db
from ...core.validation import check_ratio, check_value
from ...store.repository import ResultInput, Store
from ..preview import Change, Preview, display_input
from ..validator import ImportRefused, check_catalogue
from .archive import DATA, Package, PackageRefused
from .roles import OFFICE, VILLAGE, database_role

Origin = tuple[str, int]
"""The change that made an entry: (device, counter) of the laptop that made it."""
Row = Mapping[str, Any]
"""A read-only row ready for its table (a catalogue item, a figure, a place)."""


@dataclass(frozen=True)
class Incoming:
    """An entry a data package brings, checked, for one figure, place and year."""

    figure_id: int
    place_id: int
    year: int
    entry: ResultInput
    origin: Origin
    base: Origin | None
    """The change the sender replaced (None: nothing was there on the sender's laptop)."""
    who: str
    when: str


@dataclass(frozen=True)
class Plan:
    """What receiving a package will do, decided before anything is written."""

    package: Package
    preview: Preview
    writes: tuple[Incoming, ...] = ()
    """Entries to take: nothing is here yet, or the sender changed exactly what is here."""
    conflicts: tuple[Incoming, ...] = ()
    """Entries both sides changed: kept beside the one here until a person chooses."""
    commune: Row = field(default_factory=lambda: MappingProxyType({}))
    """A configuration's words of the commune (meta keys: its name, congress, term…)."""
    fields: tuple[Row, ...] = ()
    groups: tuple[Row, ...] = ()
    items: tuple[Row, ...] = ()
    """A configuration's catalogue items, each with its "figures", each with its
    "milestones" (year -> value)."""
    places: tuple[Row, ...] = ()
    """A configuration's places: "uid", "name", "kind", "parent" (a uid), "position",
    "retired"."""
    decided: frozenset[Origin] = frozenset()
    """Changes the commune refused (kept its own value): a village laptop keeps none of its
    own entries the commune decided against."""


def read_only(value: Any) -> Any:
    """A JSON-like value that cannot be changed: dicts become read-only mappings, lists
    tuples, all the way down."""
    if isinstance(value, dict):
        return MappingProxyType({key: read_only(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(read_only(item) for item in value)
    return value


def plan_package(store: Store, package: Package) -> Plan:
    """What receiving the package would do here; PackageRefused if it cannot be received."""
    manifest = package.manifest
    meta = store.meta()
    if manifest["device_id"] == meta["device_id"]:
        raise PackageRefused("Gói này do chính máy này tạo ra; hãy nhận nó ở máy khác.")
    received = store.exchange.received_digests(manifest["device_id"], package.kind)
    if manifest["seq"] in received:
        if received[manifest["seq"]] != package.sha256:
            raise PackageRefused(
                f"Gói số {manifest['seq']} từ máy này đã được nhận với nội dung khác; không nhận."
            )
        return Plan(package, Preview(package, already_received=True))
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


def entry_input(entry: dict[str, Any], where: str, figure: Indicator) -> ResultInput:
    """Check one entry of a package against its figure, as if it were typed here."""
    try:
        values: dict[str, Decimal | None] = {}
        for key in ("value", "numerator", "denominator"):
            text = entry.get(key)
            if text is not None and not isinstance(text, str):
                raise ValueError(f"«{key}» phải là số viết dạng chữ")
            value = Decimal(text) if text is not None else None
            if value is not None and not value.is_finite():
                raise ValueError(f"«{key}» không phải số")
            values[key] = value
        note = entry.get("note")
        if note is not None and not isinstance(note, str):
            raise ValueError("ghi chú phải là chữ")
        if (values["numerator"] is None) != (values["denominator"] is None):
            raise ValueError("cần cả số đạt và tổng số")
        if values["numerator"] is not None and values["denominator"] is not None:
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


def read_origin(raw: Any, where: str) -> Origin | None:
    """An entry's "origin" or "base" ([device, counter]), or None where it has none."""
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
    """A list part of the content ("results", "places", …), each an object, or refused."""
    entries: list[dict[str, Any]] = package.content.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise PackageRefused(f"Gói có phần «{key}» sai; không nhận.")
    return entries


@dataclass
class _Sorting:
    """Planning's working lists (the plan itself is frozen once they are complete)."""

    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)
    writes: list[Incoming] = field(default_factory=list)
    kept: list[Incoming] = field(default_factory=list)


def _classify(
    store: Store,
    sorting: _Sorting,
    figure: Indicator,
    place: Place,
    incoming: Incoming,
    *,
    decided: set[Origin],
) -> None:
    """Sort one incoming entry into new / changed / unchanged / conflict."""
    year, entry, origin = incoming.year, incoming.entry, incoming.origin
    current = store.result(figure.id, place.id, year)
    current_origin = store.current_origin(figure.id, place.id, year)
    old_text = _display(figure, current)
    new_text = display_input(figure, entry)
    change = Change(
        figure.code, figure.name, place.name, year, old_text, new_text, incoming.who, incoming.when
    )
    replaced_here = store.current_base(figure.id, place.id, year) == origin
    if current_origin == origin or origin in decided or replaced_here:
        # Already here, already decided, or already corrected here on top of this very
        # entry (packages carry every entry of the laptop, not only the new ones).
        sorting.unchanged.append(change)
    elif (
        current_origin is None
        or current_origin == incoming.base
        or (current_origin[0] == origin[0] and current_origin[1] < origin[1])
    ):
        # Nothing here yet, or the sender changed exactly what we have (or its own older entry).
        if ResultInput.of(current) == entry:
            sorting.unchanged.append(change)
        else:
            (sorting.new if current is None else sorting.changed).append(change)
        sorting.writes.append(incoming)
    elif ResultInput.of(current) == entry:
        sorting.unchanged.append(change)
    else:
        sorting.conflicts.append(change)
        sorting.kept.append(incoming)


def _display(figure: Indicator, result: Result | None) -> str | None:
    return None if result is None else display_input(figure, ResultInput.of(result))


def _plan_data(store: Store, package: Package) -> Plan:
    place_uid = package.manifest["place_uid"]
    places = {p.uid: p for p in store.places()}
    village = places.get(place_uid)
    if village is None or village.kind is not PlaceKind.VILLAGE:
        raise PackageRefused(
            f"Bản «{package.manifest.get('place_name')}» chưa có trong danh sách địa bàn của xã "
            "(máy bản chưa nhận gói cấu hình mới nhất). Hãy gửi gói cấu hình cho máy bản trước."
        )
    figures = {f.code: f for f in store.figures(include_retired=True)}
    decided: set[Origin] = set(store.exchange.kept_origins(village.id))
    sorting = _Sorting()
    for key in ("results", "tombstones"):
        for n, raw in enumerate(package_entries(package, key)):
            where = f"{key}[{n}]"
            figure = figures.get(str(raw.get("figure")))
            if figure is None:
                raise PackageRefused(
                    f"Gói có chỉ số lạ ở {where} ({raw.get('figure')}); không nhận."
                )
            if raw.get("place") != place_uid:
                raise PackageRefused(f"Gói có số liệu của địa bàn khác ở {where}; không nhận.")
            year = raw.get("year")
            first_year, last_year = store.entries.years_accepted(figure)  # the term's
            if not isinstance(year, int) or not first_year <= year <= last_year:
                raise PackageRefused(f"Gói có năm sai ở {where}; không nhận.")
            origin = read_origin(raw.get("origin"), where)
            if origin is None or origin[0] != package.manifest["device_id"]:
                raise PackageRefused(f"Gói có dữ liệu sai ở {where}; không nhận.")
            incoming = Incoming(
                figure.id,
                village.id,
                year,
                entry_input(raw, where, figure) if key == "results" else ResultInput(),
                origin,
                read_origin(raw.get("base"), where),
                str(raw.get("entered_by", "")),
                str(raw.get("entered_at", "")),
            )
            _classify(store, sorting, figure, village, incoming, decided=decided)
    preview = Preview(
        package,
        new=sorting.new,
        changed=sorting.changed,
        unchanged=sorting.unchanged,
        conflicts=sorting.conflicts,
        history=len(package_entries(package, "history")),
    )
    return Plan(package, preview, writes=tuple(sorting.writes), conflicts=tuple(sorting.kept))


def _plan_config(store: Store, package: Package) -> Plan:
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
    try:  # the catalogue has the JSON export's shape, and is checked by the same rules
        catalogue = check_catalogue(content)
    except ImportRefused as error:
        raise PackageRefused(f"Gói cấu hình sai: {error}") from None
    known = {f.code: f for f in store.figures(include_retired=True)}
    catalogue_changes = sum(
        1 for item in catalogue.items for row in item["figures"] if _figure_differs(known, row)
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
    named = [{**raw, "name": clean_name(raw["name"])} for raw in places]
    decided = content.get("decided", [])
    if not isinstance(decided, list):
        raise PackageRefused("Gói cấu hình có phần «decided» sai; không nhận.")
    preview = Preview(
        package,
        binds=role is None,
        catalogue_changes=catalogue_changes,
        new_places=[raw["name"] for raw in named if raw["uid"] not in local],
    )
    return Plan(
        package,
        preview,
        commune=read_only(catalogue.commune),
        fields=read_only(catalogue.fields),
        groups=read_only(catalogue.groups),
        items=read_only(catalogue.items),
        places=read_only(named),
        decided=frozenset(tuple(o) for o in decided if isinstance(o, list)),
    )


def _figure_differs(known: dict[str, Indicator], figure: Row) -> bool:
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
