"""Fill a new database with the resolution (db/resolution.json)."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, cast

from sqlite_utils import Database

from ..core.model import FIELD_LABELS, Field
from ..core.names import clean_name, name_key
from ..paths import seed_path
from .errors import StoreError
from .schema import place_uid


def read_seed(path: Path | None = None) -> dict[str, Any]:
    seed: dict[str, Any] = json.loads((path or seed_path()).read_text(encoding="utf-8"))
    return seed


@cache
def bundled_term() -> tuple[int, int]:
    """The bundled seed's term (first and last year): the years of a file made before its
    catalogue kept them (store.term()). Every other file has its own, in its meta."""
    commune = read_seed()["commune"]
    return int(commune["term_start"]), int(commune["term_end"])


def _number(text: str | None) -> float | None:
    """Seed numbers are decimal strings; SQLite stores them as REAL (read back exactly)."""
    return None if text is None else float(Decimal(text))


def load_seed(db: Database, seed: dict[str, Any], *, created_by: str) -> None:
    """Insert the catalogue, the commune, its former communes and (if the seed lists them)
    its villages. Call inside a transaction."""
    commune = seed["commune"]
    try:
        term = (int(commune["term_start"]), int(commune["term_end"]))
    except (KeyError, TypeError, ValueError):
        raise StoreError(
            "Nghị quyết chưa ghi rõ nhiệm kỳ (năm đầu và năm cuối, ví dụ 2025 và 2030)."
        ) from None
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    meta = {
        "commune_name": commune["name"],
        "party_committee": commune["party_committee"],
        "area": commune.get("area", ""),
        "province": commune.get("province", ""),
        "term_start": str(term[0]),
        "term_end": str(term[1]),
        "seed_format_version": str(seed["format_version"]),
        "created_at": now,
        **document_meta(seed),
    }
    db.table("meta").insert_all([{"key": k, "value": v} for k, v in meta.items()])
    db.table("fields").insert_all(
        {"code": code.value, "name": FIELD_LABELS[code], "position": position}
        for position, code in enumerate(Field)
    )
    db.table("groups").insert_all(
        {
            "code": group["code"],
            "name": group["name"],
            "expected_count": group.get("count"),
            "source": group.get("source", ""),
        }
        for group in seed["groups"]
    )
    for position, item in enumerate(seed["items"]):
        item_id = (
            db.table("items")
            .insert(
                {
                    "code": item["code"],
                    "section": item["section"],
                    "number": item["number"],
                    "resolution_number": item.get("resolution_number"),
                    "group_code": item.get("group"),
                    "field_code": item["field"],
                    "name": heading(item["name"]),
                    "source": item.get("source", ""),
                    "note": item.get("note"),
                    "position": position,
                }
            )
            .last_pk
        )
        for figure_position, figure in enumerate(item.get("figures", [])):
            db.table("figures").insert(
                figure_row(figure, cast(int, item_id), figure_position, term=term)
            )
    commune_id = (
        db.table("places")
        .insert(
            {
                "name": commune["name"],
                "kind": "commune",
                "parent_id": None,
                "position": 0,
                "uid": place_uid("commune", commune["name"]),
            }
        )
        .last_pk
    )
    db.table("places").insert_all(
        {
            "name": name,
            "kind": "former_commune",
            "parent_id": commune_id,
            "position": position,
            "uid": place_uid("former_commune", name),
        }
        for position, name in enumerate(commune.get("former_communes", []), start=1)
    )
    db.table("history").insert(
        {
            "changed_at": now,
            "changed_by": created_by,
            "entity": "database",
            "action": "insert",
            "note": "Tạo cơ sở dữ liệu với Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ "
            f"{term[0]}–{term[1]}",
        }
    )
    _load_villages(db, seed.get("villages") or [], cast(int, commune_id), now, created_by)


def _load_villages(
    db: Database, villages: list[dict[str, Any]], commune_id: int, now: str, created_by: str
) -> None:
    """The seed's optional villages ([{"name", "former_commune"}]), each under its former
    commune (or the commune where none is named), so that a new commune's file is made with
    its villages in one go; each gets its history line, as a village added later does."""
    parents = {
        name_key(row["name"]): row["id"]
        for row in db.query("SELECT id, name FROM places WHERE kind = 'former_commune'")
    }
    seen: set[str] = set()
    for position, village in enumerate(villages, start=1):
        name = clean_name(str(village.get("name") or ""))  # NFC, as Store.add_village
        former = clean_name(str(village.get("former_commune") or ""))
        if not name:
            raise StoreError(f"Bản thứ {position} của danh sách không có tên.")
        if name_key(name) in seen:
            raise StoreError(f"Danh sách bản có hai lần bản «{name}». Mỗi bản chỉ có một tên.")
        if former and name_key(former) not in parents:
            raise StoreError(
                f"Bản «{name}» thuộc xã cũ «{former}», nhưng xã cũ này không có trong danh "
                "sách xã cũ của Nghị quyết."
            )
        seen.add(name_key(name))
        place_id = (
            db.table("places")
            .insert(
                {
                    "name": name,
                    "kind": "village",
                    "parent_id": parents[name_key(former)] if former else commune_id,
                    "position": position,
                    "uid": place_uid("village", name),
                }
            )
            .last_pk
        )
        db.table("history").insert(
            {
                "changed_at": now,
                "changed_by": created_by,
                "entity": "place",
                "action": "insert",
                "place_id": place_id,
                "attribute": "name",
                "new_value": name,
            }
        )


DOCUMENT_KEYS = (
    "superior_body",
    "issuing_body",
    "place_name",
    "congress_number",
    "number_symbol",
    "signing_authority",
    "signer_title",
    "recipients",
)
"""The words of a document's header and signature block (the seed's "document" block,
docs/seed-format.md), kept in meta as "document_<key>"; recipients one per line."""


def document_meta(seed: dict[str, Any]) -> dict[str, str]:
    """The seed's "document" block as meta rows."""
    block = seed.get("document") or {}
    meta = {}
    for key in DOCUMENT_KEYS:
        value = block.get(key)
        if value is not None:
            meta[f"document_{key}"] = "\n".join(value) if isinstance(value, list) else str(value)
    return meta


def document_words(meta: dict[str, str]) -> dict[str, str]:
    """The document words of a database (DOCUMENT_KEYS -> text). A database made before
    they were in the catalogue lacks them: they are taken from the bundled seed, its
    commune's names only when it is the same commune (else made from the meta's own
    names), so that an old file still prints its own commune."""
    words = {k: meta[f"document_{k}"] for k in DOCUMENT_KEYS if f"document_{k}" in meta}
    if len(words) == len(DOCUMENT_KEYS):
        return words
    seed = read_seed()
    bundled = {k[len("document_") :]: v for k, v in document_meta(seed).items()}
    commune = meta.get("commune_name", "")
    if commune != seed["commune"]["name"]:
        province = meta.get("province", "")
        bundled.update(
            superior_body=f"ĐẢNG BỘ TỈNH {province.upper()}" if province else "",
            issuing_body=meta.get("party_committee") or f"ĐẢNG BỘ XÃ {commune.upper()}",
            place_name=commune,
        )
    return {k: words.get(k, bundled.get(k, "")) for k in DOCUMENT_KEYS}


def heading(name: str) -> str:
    """A name cut from the middle of a sentence ("xã đạt nông thôn mới") shown as a
    heading: first letter capital, the rest exactly as written (the source keeps it all)."""
    return name[:1].upper() + name[1:]


def figure_row(
    figure: dict[str, Any],
    item_id: int,
    position: int,
    *,
    term: tuple[int, int],
) -> dict[str, Any]:
    """A figure of the seed as a row of the figures table; a figure that does not say
    its years runs from the ``term``'s first year to its last."""
    baseline = figure.get("baseline") or {}
    return {
        "code": figure["code"],
        "item_id": item_id,
        "name": heading(figure["name"]),
        "unit": figure.get("unit", ""),
        "kind": figure["kind"],
        "direction": figure.get("direction", "up"),
        "comparator": figure.get("comparator", ">="),
        "target": _number(figure.get("target")),
        "target_high": _number(figure.get("target_high")),
        "target_year": figure.get("target_year", term[1]),
        "target_text": figure.get("target_text"),
        "value_type": figure["value_type"],
        "aggregation": figure.get("aggregation", "none"),
        "numerator_label": figure.get("numerator"),
        "denominator_label": figure.get("denominator"),
        "baseline": _number(baseline.get("value")),
        "baseline_year": baseline.get("year", term[0]),
        "baseline_text": baseline.get("text"),
        "baseline_source": baseline.get("source"),
        "source": figure.get("source", ""),
        "note": figure.get("note"),
        "position": position,
        "retired": 0,
        "total": _number(figure.get("total")),  # units_of_total: the 9 of «04/09 thôn»
        "structure": figure.get("structure"),  # structure: «Cơ cấu kinh tế»
    }
