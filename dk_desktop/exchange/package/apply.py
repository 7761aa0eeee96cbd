"""Applying a planned package, inside the transaction ``receive`` opens: a data package's
entries, conflicts and history; a configuration package's catalogue, places and the
commune's figures; then the package is recorded as received. The plan is only read."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from ...core.names import name_key
from ...store.repository import ResultInput, Store, history_text, now_text
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
        store.write_result(
            incoming.figure_id,
            incoming.place_id,
            incoming.year,
            incoming.entry,
            origin=incoming.origin,
            entered_by=incoming.who,
            entered_at=incoming.when,
        )
        store.db.execute(
            "DELETE FROM conflicts WHERE figure_id = ? AND place_id = ? AND year = ? "
            "AND resolved_at IS NULL",
            [incoming.figure_id, incoming.place_id, incoming.year],
        )
    _store_conflicts(store, plan, device, package.manifest["seq"])
    figures = {f.code: f.id for f in store.figures(include_retired=True)}
    village = next(p for p in store.places() if p.uid == package.manifest["place_uid"])
    for raw in package_entries(package, "history"):
        if not isinstance(raw.get("id"), int):
            continue
        store.db.execute(
            "INSERT OR IGNORE INTO history (changed_at, changed_by, entity, action, figure_id, "
            "place_id, year, attribute, old_value, new_value, note, origin_device, origin_id) "
            "VALUES (?, ?, 'result', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                str(raw.get("changed_at", "")),
                str(raw.get("changed_by", "")),
                raw.get("action")
                if raw.get("action") in ("insert", "update", "delete")
                else "update",
                figures.get(str(raw.get("figure"))),
                village.id,
                raw.get("year") if isinstance(raw.get("year"), int) else None,
                _text_or_none(raw.get("attribute")),
                _text_or_none(raw.get("old_value")),
                _text_or_none(raw.get("new_value")),
                _text_or_none(raw.get("note")),
                device,
                raw["id"],
            ],
        )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _store_conflicts(store: Store, plan: Plan, device: str, seq: int) -> None:
    for incoming in plan.conflicts:
        store.db.execute(
            "DELETE FROM conflicts WHERE figure_id = ? AND place_id = ? AND year = ? "
            "AND resolved_at IS NULL",
            [incoming.figure_id, incoming.place_id, incoming.year],
        )
        entry = incoming.entry
        kept = {
            "value": history_text(entry.value),
            "numerator": history_text(entry.numerator),
            "denominator": history_text(entry.denominator),
            "note": entry.note,
            "entered_by": incoming.who,
            "entered_at": incoming.when,
            "origin": list(incoming.origin),
            "base": list(incoming.base) if incoming.base else None,
        }
        store.db["conflicts"].insert(
            {
                "figure_id": incoming.figure_id,
                "place_id": incoming.place_id,
                "year": incoming.year,
                "incoming": json.dumps(kept, ensure_ascii=False, sort_keys=True),
                "device_id": device,
                "seq": seq,
                "created_at": now_text(),
            }
        )


def apply_config(store: Store, plan: Plan) -> Preview:
    """Write a configuration package's plan; its preview with the commune's figures sorted
    into new / changed / unchanged."""
    package = plan.package
    content = package.content
    db = store.db
    db.execute(
        "UPDATE meta SET value = ? WHERE key = 'commune_uid'", [package.manifest["commune_uid"]]
    )
    for key, value in content["commune"].items():
        if key not in LOCAL_META:
            db["meta"].upsert({"key": key, "value": value}, pk="key")
    for row in plan.fields:
        db["fields"].upsert(dict(row), pk="code")
    for group in plan.groups:
        db["groups"].upsert(dict(group), pk="code")
    # Catalogue by code: update what exists, add what is new, retire what the commune dropped.
    items = {i.code: i.id for i in store.items()}
    known_figures = {f.code: f.id for f in store.figures(include_retired=True)}
    seen_figures = set()
    for planned in plan.items:
        item = {key: value for key, value in planned.items() if key != "figures"}
        if item["code"] in items:
            db["items"].update(items[item["code"]], item)
            item_id = items[item["code"]]
        else:
            item_id = db["items"].insert(item).last_pk
        for row in planned["figures"]:
            columns = {key: value for key, value in row.items() if key != "milestones"}
            columns["item_id"] = item_id
            seen_figures.add(columns["code"])
            if columns["code"] in known_figures:
                figure_id = known_figures[columns["code"]]
                db["figures"].update(figure_id, columns)
            else:
                figure_id = db["figures"].insert(columns).last_pk
            db.execute("DELETE FROM milestones WHERE figure_id = ?", [figure_id])
            for year, value in row["milestones"].items():
                db["milestones"].insert({"figure_id": figure_id, "year": year, "value": value})
    for code, figure_id in known_figures.items():
        if code not in seen_figures:
            db["figures"].update(figure_id, {"retired": 1})
    # Places by uid (a village first typed here under the same name adopts the commune's uid).
    local = {p.uid: p for p in store.places()}
    by_name = {(p.kind.value, name_key(p.name)): p for p in store.places()}
    for raw in sorted(plan.places, key=lambda raw: raw["kind"] != "commune"):  # parents first
        parent = local.get(raw.get("parent")) if raw.get("parent") else None
        row = {
            "name": raw["name"],
            "kind": raw["kind"],
            "uid": raw["uid"],
            "parent_id": parent.id if parent else None,
            "position": int(raw.get("position") or 0),
            "retired": int(bool(raw.get("retired"))),
        }
        existing = local.get(raw["uid"]) or by_name.get((raw["kind"], name_key(raw["name"])))
        if raw["kind"] == "commune":
            existing = store.commune()  # one commune per file: never a second one
        if existing:
            db["places"].update(existing.id, row)
        else:
            db["places"].insert(row)
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
    store.db["received_packages"].insert(
        {
            "device_id": manifest["device_id"],
            "seq": manifest["seq"],
            "kind": package.kind,
            "sha256": package.sha256,
            "place_uid": manifest.get("place_uid"),
            "sender": manifest["sender"],
            "applied_at": now_text(),
            "applied_by": store.user,
        }
    )
    store.db["history"].insert(
        {
            "changed_at": now_text(),
            "changed_by": store.user,
            "entity": "database",
            "action": "update",
            "note": f"Nhận {preview.summary()}",
        }
    )
