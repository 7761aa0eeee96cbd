"""Applying a planned package, inside the transaction ``receive`` opens: a data package's
entries, conflicts and history; a configuration package's catalogue, places and the
commune's figures; then the package is recorded as received. The plan is only read."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...store.exchange_tables import ReceivedEntry, ReceivedLine
from ...store.repository import ResultInput, Store
from ...store.schema import LAPTOP_KEYS
from ..preview import Change, Preview, display_input
from .archive import Package, PackageRefused
from .plan import Plan, entry_input, package_entries, read_origin
from .roles import ROLE_KEY

LOCAL_META = {*LAPTOP_KEYS, "commune_uid", "created_at", ROLE_KEY}
"""Meta keys that belong to this laptop, never taken from a configuration package."""


def apply_plan(store: Store, plan: Plan) -> Preview:
    """Write what the plan says; the preview of what was done (a configuration's figures
    are sorted only now, once its catalogue and places are in place)."""
    if plan.package.is_configuration:
        return apply_config(store, plan)
    _apply_data(store, plan)
    return plan.preview


def _apply_data(store: Store, plan: Plan) -> None:
    package = plan.package
    device = package.manifest["device_id"]
    for incoming in plan.writes:
        store.exchange.write_received(
            incoming.figure_id,
            incoming.place_id,
            incoming.year,
            incoming.entry,
            origin=incoming.origin,
            entered_by=incoming.who,
            entered_at=incoming.when,
        )
    _store_conflicts(store, plan, device, package.manifest["seq"])
    figures = {f.code: f.id for f in store.figures(include_retired=True)}
    village = next(p for p in store.places() if p.uid == package.manifest["place_uid"])
    lines = [
        ReceivedLine(
            origin_id=raw["id"],
            changed_at=str(raw.get("changed_at", "")),
            changed_by=str(raw.get("changed_by", "")),
            action=raw["action"]
            if raw.get("action") in ("insert", "update", "delete")
            else "update",
            figure_id=figures.get(str(raw.get("figure"))),
            year=raw["year"] if isinstance(raw.get("year"), int) else None,
            attribute=_text_or_none(raw.get("attribute")),
            old_value=_text_or_none(raw.get("old_value")),
            new_value=_text_or_none(raw.get("new_value")),
            note=_text_or_none(raw.get("note")),
        )
        for raw in package_entries(package, "history")
        if isinstance(raw.get("id"), int)
    ]
    store.exchange.add_received_history(lines, device_id=device, place_id=village.id)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _store_conflicts(store: Store, plan: Plan, device: str, seq: int) -> None:
    for incoming in plan.conflicts:
        store.exchange.add_conflict(
            incoming.figure_id,
            incoming.place_id,
            incoming.year,
            ReceivedEntry(
                incoming.entry, incoming.origin, incoming.base, incoming.who, incoming.when
            ),
            device_id=device,
            seq=seq,
        )


def apply_config(store: Store, plan: Plan) -> Preview:
    """Write a configuration package's plan; its preview with the commune's figures sorted
    into new / changed / unchanged."""
    package = plan.package
    commune = {k: v for k, v in plan.commune.items() if k not in LOCAL_META}
    store.exchange.adopt_commune(package.manifest["commune_uid"], commune)
    # Catalogue by code: update what exists, add what is new, retire what the commune dropped.
    store.exchange.adopt_catalogue(plan.fields, plan.groups, plan.items)
    # Places by uid (a village first typed here under the same name adopts the commune's uid).
    store.exchange.adopt_places(plan.places)
    local = {p.uid: p for p in store.places()}
    # Figures: the commune's, except this laptop's own entries it has not yet had accepted.
    by_code = {f.code: f for f in store.figures(include_retired=True)}
    own = store.device_id()
    decided = plan.decided
    new: list[Change] = []
    changed: list[Change] = []
    unchanged: list[Change] = []
    for key in ("results", "tombstones"):
        for n, raw in enumerate(package_entries(package, key)):
            where = f"{key}[{n}]"
            figure, place = by_code.get(str(raw.get("figure"))), local.get(str(raw.get("place")))
            year = raw.get("year")
            if figure is None or place is None or not isinstance(year, int):
                raise PackageRefused(f"Gói cấu hình có dữ liệu sai ở {where}; không nhận.")
            origin = read_origin(raw.get("origin"), where)
            if origin is None:
                raise PackageRefused(f"Gói cấu hình có dữ liệu sai ở {where}; không nhận.")
            entry = entry_input(raw, where, figure) if key == "results" else ResultInput()
            current = store.current_origin(figure.id, place.id, year)
            before = store.result(figure.id, place.id, year)
            change = Change(
                figure.code,
                figure.name,
                place.name,
                year,
                display_input(figure, ResultInput.of(before)) if before else None,
                display_input(figure, entry),
                str(raw.get("entered_by", "")),
                str(raw.get("entered_at", "")),
            )
            if current == origin or ResultInput.of(before) == entry:
                unchanged.append(change)
                continue
            if current is not None and current[0] == own and current not in decided:
                unchanged.append(change)
                continue  # an entry typed here and not yet accepted by the commune: keep it
            store.write_result(
                figure.id,
                place.id,
                year,
                entry,
                origin=origin,
                entered_by=change.who,
                entered_at=change.when,
            )
            (new if before is None else changed).append(change)
    return replace(plan.preview, new=new, changed=changed, unchanged=unchanged)


def record(store: Store, package: Package, preview: Preview) -> None:
    """Remember the package as received, with a history line saying what it brought."""
    manifest = package.manifest
    store.exchange.record_package(
        device_id=manifest["device_id"],
        seq=manifest["seq"],
        kind=package.kind,
        sha256=package.sha256,
        place_uid=manifest.get("place_uid"),
        sender=manifest["sender"],
        summary=preview.summary(),
    )
