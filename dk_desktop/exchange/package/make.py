"""Making packages (docs/package-format.md): the gói số liệu a village laptop sends the
commune, and the gói cấu hình the commune office sends the villages. Each takes the next
number of this laptop's package counter, then is written by ``archive.write_package``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ... import __version__
from ...core.model import Place
from ...core.names import clean_name, find_named
from ...store.errors import StoreError
from ...store.repository import Store, history_text, now_text
from ..json_format import export_data
from .archive import CONFIG, DATA, PACKAGE_FORMAT, PACKAGE_VERSION, PackageRefused, write_package
from .roles import OFFICE, ROLE_KEY, VILLAGE, database_role


def default_sender(store: Store, kind: str, village: str | None = None) -> str:
    """Who sends, when no person is named (the command line): the office for a
    configuration package or on the office's file, the village's secretary otherwise."""
    if kind == CONFIG or database_role(store) == OFFICE or not village:
        return f"Văn phòng xã {store.commune_name()}".strip()
    return f"Bí thư chi bộ {clean_name(village)}"


def _manifest(store: Store, kind: str, seq: int, sender: str | None) -> dict[str, Any]:
    meta = store.meta()
    return {
        "format": PACKAGE_FORMAT,
        "format_version": PACKAGE_VERSION,
        "kind": kind,
        "app_version": __version__,
        "commune_uid": meta["commune_uid"],
        "commune_name": meta.get("commune_name", ""),
        "device_id": meta["device_id"],
        "seq": seq,
        "sender": clean_name(sender or store.user),
        "created_at": now_text(),  # for people to read; never used to decide anything
    }


def _entry_rows(
    store: Store, table: str, *, place_id: int | None = None, origin_device: str | None = None
) -> list[dict[str, Any]]:
    rows = store.exchange.stamped_rows(table, place_id=place_id, origin_device=origin_device)
    entries = []
    for row in rows:
        entry = {
            "figure": row["figure"],
            "place": row["place"],
            "year": row["year"],
            "entered_by": row["entered_by"],
            "entered_at": row["entered_at"],
            "origin": [row["origin_device"], row["origin_counter"]],
            "base": [row["base_device"], row["base_counter"]] if row["base_device"] else None,
        }
        if table == "results":
            for key in ("value", "numerator", "denominator"):
                entry[key] = history_text(row[key])
            entry["note"] = row["note"]
        entries.append(entry)
    return entries


def data_package_entries(
    store: Store, village_id: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What a gói số liệu of the village carries: the values and the clears this laptop
    made for it (each with its origin and base)."""
    device = store.device_id()
    return (
        _entry_rows(store, "results", place_id=village_id, origin_device=device),
        _entry_rows(store, "result_tombstones", place_id=village_id, origin_device=device),
    )


def find_village(store: Store, name: str) -> Place:
    village = find_named(store.villages(), name)  # an NFD «Bản Suối Giăng 1» is the same
    if village is not None:
        return village
    names = ", ".join(v.name for v in store.villages()) or "chưa có bản nào"
    raise StoreError(f"Không có bản «{name}». Các bản đang theo dõi: {names}.")


def export_data_package(
    store: Store, village_name: str, path: Path, *, sender: str | None = None
) -> dict[str, Any]:
    """Write the gói số liệu of one village: every entry this laptop made for it (so a lost
    package never loses a figure: the next one carries it too) and its history. ``sender``
    is the person named in the manifest (the store's user when not given)."""
    village = find_village(store, village_name)
    results, tombstones = data_package_entries(store, village.id)
    content = {
        "village": {"uid": village.uid, "name": village.name},
        "results": results,
        "tombstones": tombstones,
        "history": [
            {
                "id": row["id"],
                "changed_at": row["changed_at"],
                "changed_by": row["changed_by"],
                "entity": row["entity"],
                "action": row["action"],
                "figure": row["code"],
                "year": row["year"],
                "attribute": row["attribute"],
                "old_value": row["old_value"],
                "new_value": row["new_value"],
                "note": row["note"],
            }
            for row in store.exchange.typed_history(village.id)
        ],
    }
    manifest = {
        **_manifest(store, DATA, store.exchange.next_package_seq(), sender),
        "place_uid": village.uid,
        "place_name": village.name,
    }
    write_package(path, manifest, content)
    return manifest


def export_config_package(store: Store, path: Path, *, sender: str | None = None) -> dict[str, Any]:
    """Write the gói cấu hình: catalogue, places and the commune's current figures. Only
    the commune office makes one: a village laptop's file is refused."""
    if database_role(store) == VILLAGE:
        raise PackageRefused(
            "Máy này là máy của bản (đã nhận gói cấu hình của văn phòng xã), nên không tạo "
            "gói cấu hình: chỉ văn phòng xã thay đổi danh mục chỉ tiêu và địa bàn. Hãy gửi "
            "gói số liệu của bản (Tệp → Gửi số liệu…)."
        )
    whole = export_data(store)
    places = {p.id: p for p in store.places()}
    content = {
        "commune": whole["commune"],
        "fields": whole["fields"],
        "groups": whole["groups"],
        "targets": whole["targets"],
        "breakthroughs": whole["breakthroughs"],
        "tasks": whole["tasks"],
        "places": [
            {
                "uid": p.uid,
                "name": p.name,
                "kind": p.kind.value,
                "parent": places[p.parent_id].uid if p.parent_id else None,
                "position": p.position,
                "retired": p.retired,
            }
            for p in places.values()
        ],
        "results": _entry_rows(store, "results"),
        "tombstones": _entry_rows(store, "result_tombstones"),
        "decided": [list(origin) for origin in store.exchange.kept_origins()],
    }
    manifest = _manifest(store, CONFIG, store.exchange.next_package_seq(), sender)
    write_package(path, manifest, content)
    # only a configuration package that was written marks this file as the office's: a
    # failed one (a full stick) must not leave a fresh village laptop refusing the office's
    with store.transaction():
        store.set_meta(ROLE_KEY, OFFICE)
    return manifest
