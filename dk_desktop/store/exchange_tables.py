"""The tables packages between laptops need (docs/package-format.md): the packages this
database sent (its counter) and received, the entries it sends with their clocks, the
history received with them, the conflicts waiting for a person's choice, and the
catalogue and places a configuration package brings. The exchange (dk_desktop/exchange)
reads and checks the files; every row it reads or writes goes through here."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..core.names import name_key
from .access import Access
from .catalogue import Catalogue
from .errors import StoreError
from .history import ChangeLog
from .places import Territory
from .records import ResultInput
from .results import Entries, Origin
from .values import history_text, now_text

ENTRY_TABLES = ("results", "result_tombstones")


@dataclass(frozen=True)
class ReceivedEntry:
    """An entry received from another laptop, with its clocks and who entered it when."""

    entry: ResultInput
    origin: Origin
    base: Origin | None
    entered_by: str
    entered_at: str


@dataclass(frozen=True)
class WaitingConflict:
    """A received entry that differs from the one here, waiting for a person's choice."""

    id: int
    figure_id: int
    place_id: int
    year: int
    incoming: ReceivedEntry


@dataclass(frozen=True)
class ReceivedLine:
    """A line of history made on another laptop (its id there is ``origin_id``)."""

    origin_id: int
    changed_at: str
    changed_by: str
    action: str
    figure_id: int | None
    year: int | None
    attribute: str | None
    old_value: str | None
    new_value: str | None
    note: str | None


class ExchangeTables:
    """The exchange's bookkeeping of one database."""

    def __init__(
        self,
        access: Access,
        changes: ChangeLog,
        catalogue: Catalogue,
        territory: Territory,
        entries: Entries,
    ):
        self._access = access
        self._changes = changes
        self._catalogue = catalogue
        self._territory = territory
        self._entries = entries

    # --- packages sent and received -----------------------------------------------------

    def next_package_seq(self) -> int:
        """Count the packages this laptop sends; committed at once (its own transaction),
        before the file is written, so that a number is never reused for different content
        (a lost number is harmless)."""
        with self._access.transaction():
            seq = int(self._access.meta().get("package_seq", "0")) + 1
            self._access.set_meta("package_seq", str(seq))
        return seq

    def has_received(self, kind: str) -> bool:
        """Whether any package of this kind ("data" or "config") was received."""
        return bool(
            self._access.query("SELECT 1 FROM received_packages WHERE kind = ? LIMIT 1", [kind])
        )

    def received_digests(self, device_id: str, kind: str) -> dict[int, str]:
        """The packages of a kind received from one laptop: number -> sha256."""
        rows = self._access.query(
            "SELECT seq, sha256 FROM received_packages WHERE device_id = ? AND kind = ?",
            [device_id, kind],
        )
        return {row["seq"]: row["sha256"] for row in rows}

    def record_package(
        self,
        *,
        device_id: str,
        seq: int,
        kind: str,
        sha256: str,
        place_uid: str | None,
        sender: str,
        summary: str,
    ) -> None:
        """Remember a package as received, with a history line «Nhận …» (``summary`` says
        what it brought). Call inside the transaction that applied it."""
        self._access.table("received_packages").insert(
            {
                "device_id": device_id,
                "seq": seq,
                "kind": kind,
                "sha256": sha256,
                "place_uid": place_uid,
                "sender": sender,
                "applied_at": now_text(),
                "applied_by": self._access.user,
            }
        )
        self._changes.log("database", "update", note=f"Nhận {summary}")

    # --- what a package carries --------------------------------------------------------

    def stamped_rows(
        self, table: str, *, place_id: int | None = None, origin_device: str | None = None
    ) -> list[dict[str, Any]]:
        """The entries ("results") or clears ("result_tombstones") that carry the change
        that made them, as stored, with their figure's code ("figure") and their place's
        uid ("place"); only one place's or one laptop's when asked. By code, uid, year."""
        if table not in ENTRY_TABLES:
            raise ValueError(f"not an entry table: {table}")
        where: list[str] = ["r.origin_device IS NOT NULL"]
        params: list[Any] = []
        if place_id is not None:
            where.append("r.place_id = ?")
            params.append(place_id)
        if origin_device is not None:
            where.append("r.origin_device = ?")
            params.append(origin_device)
        return self._access.query(
            f"SELECT f.code AS figure, p.uid AS place, r.* FROM {table} r "
            "JOIN figures f ON f.id = r.figure_id JOIN places p ON p.id = r.place_id "
            f"WHERE {' AND '.join(where)} ORDER BY f.code, p.uid, r.year",
            params,
        )

    def typed_history(self, place_id: int) -> list[dict[str, Any]]:
        """The history lines of a place's results typed on this laptop (not received),
        oldest first, each with its figure's code ("code")."""
        return self._access.query(
            "SELECT h.*, f.code FROM history h JOIN figures f ON f.id = h.figure_id "
            "WHERE h.entity = 'result' AND h.place_id = ? AND h.origin_device IS NULL "
            "ORDER BY h.id",
            [place_id],
        )

    # --- receiving entries ---------------------------------------------------------------

    def write_received(
        self,
        figure_id: int,
        place_id: int,
        year: int,
        entry: ResultInput,
        *,
        origin: Origin,
        entered_by: str,
        entered_at: str,
    ) -> None:
        """Take a received entry with its own clocks; a conflict waiting on the same
        figure, place and year is settled by it. Call inside a transaction."""
        self._entries.write_result(
            figure_id,
            place_id,
            year,
            entry,
            origin=origin,
            entered_by=entered_by,
            entered_at=entered_at,
        )
        self._drop_waiting(figure_id, place_id, year)

    def add_received_history(
        self, lines: Iterable[ReceivedLine], *, device_id: str, place_id: int
    ) -> None:
        """Keep the history lines a village's package brought (each once, however many
        packages carry it). Call inside a transaction."""
        for line in lines:
            self._access.db.execute(
                "INSERT OR IGNORE INTO history (changed_at, changed_by, entity, action, "
                "figure_id, place_id, year, attribute, old_value, new_value, note, "
                "origin_device, origin_id) VALUES (?, ?, 'result', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    line.changed_at,
                    line.changed_by,
                    line.action,
                    line.figure_id,
                    place_id,
                    line.year,
                    line.attribute,
                    line.old_value,
                    line.new_value,
                    line.note,
                    device_id,
                    line.origin_id,
                ],
            )

    # --- conflicts -------------------------------------------------------------------------

    def add_conflict(
        self,
        figure_id: int,
        place_id: int,
        year: int,
        incoming: ReceivedEntry,
        *,
        device_id: str,
        seq: int,
    ) -> None:
        """Keep a received entry that differs from the one here until a person chooses
        (it replaces one still waiting on the same figure, place and year). Call inside a
        transaction."""
        self._drop_waiting(figure_id, place_id, year)
        self._access.table("conflicts").insert(
            {
                "figure_id": figure_id,
                "place_id": place_id,
                "year": year,
                "incoming": json.dumps(
                    _incoming_json(incoming), ensure_ascii=False, sort_keys=True
                ),
                "device_id": device_id,
                "seq": seq,
                "created_at": now_text(),
            }
        )

    def waiting_conflicts(self) -> list[WaitingConflict]:
        """The conflicts waiting for a person's choice, oldest first."""
        rows = self._access.query("SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY id")
        return [_waiting(row) for row in rows]

    def resolve_conflict(self, conflict_id: int, take_incoming: bool) -> None:
        """The person's choice: keep the entry here, or take the received one (written
        with its own clocks and a history line)."""
        rows = self._access.query(
            "SELECT * FROM conflicts WHERE id = ? AND resolved_at IS NULL", [conflict_id]
        )
        if not rows:
            raise StoreError(f"Không có xung đột số {conflict_id} đang chờ.")
        conflict = _waiting(rows[0])
        with self._access.transaction():
            if take_incoming:
                incoming = conflict.incoming
                self._entries.write_logged(
                    conflict.figure_id,
                    conflict.place_id,
                    conflict.year,
                    incoming.entry,
                    origin=incoming.origin,
                    entered_by=incoming.entered_by,
                    entered_at=incoming.entered_at,
                )
            self._access.table("conflicts").update(
                conflict_id,
                {
                    "resolved_at": now_text(),
                    "resolved_by": self._access.user,
                    "resolution": "taken" if take_incoming else "kept",
                },
            )

    def kept_origins(self, place_id: int | None = None) -> list[Origin]:
        """The received changes a person refused (kept the entry here instead), oldest
        first; one place's when asked. A package that brings one again changes nothing."""
        sql = "SELECT incoming FROM conflicts WHERE resolution = 'kept'"
        params: list[Any] = []
        if place_id is not None:
            sql += " AND place_id = ?"
            params.append(place_id)
        rows = self._access.query(sql + " ORDER BY id", params)
        return [_origin(json.loads(row["incoming"])["origin"]) for row in rows]

    def _drop_waiting(self, figure_id: int, place_id: int, year: int) -> None:
        self._access.db.execute(
            "DELETE FROM conflicts WHERE figure_id = ? AND place_id = ? AND year = ? "
            "AND resolved_at IS NULL",
            [figure_id, place_id, year],
        )

    # --- a configuration package's catalogue and places -----------------------------------

    def adopt_commune(self, commune_uid: str, meta: Mapping[str, str]) -> None:
        """Belong to the office's commune: its uid, and its words (``meta``: the keys a
        configuration package brings, without this laptop's own). Call inside a
        transaction."""
        self._access.set_meta("commune_uid", commune_uid)
        for key, value in meta.items():
            self._access.set_meta(key, value)

    def adopt_catalogue(
        self,
        fields: Iterable[Mapping[str, Any]],
        groups: Iterable[Mapping[str, Any]],
        items: Iterable[Mapping[str, Any]],
    ) -> None:
        """The office's catalogue, by code: fields and groups replaced, items and figures
        updated or added (with their milestones), figures the office dropped retired.
        ``items`` are rows of the items table, each with its "figures" (rows of the
        figures table, each with its "milestones": year -> value). The arguments are not
        changed. Call inside a transaction."""
        db = self._access.db
        for position, row in enumerate(fields):  # in their order, unless each says its own
            self._access.table("fields").upsert(
                {
                    "code": row["code"],
                    "name": row["name"],
                    "position": row.get("position", position),
                },
                pk="code",
            )
        for group in groups:
            self._access.table("groups").upsert(dict(group), pk="code")
        item_ids = {i.code: i.id for i in self._catalogue.items()}
        known_figures = {f.code: f.id for f in self._catalogue.figures(include_retired=True)}
        seen_figures = set()
        for raw_item in items:
            item = {k: v for k, v in raw_item.items() if k != "figures"}
            if item["code"] in item_ids:
                item_id = item_ids[item["code"]]
                self._access.table("items").update(item_id, item)
            else:
                item_id = self._access.insert("items", item)
            for raw_figure in raw_item["figures"]:
                figure = {k: v for k, v in raw_figure.items() if k != "milestones"}
                figure["item_id"] = item_id
                seen_figures.add(figure["code"])
                if figure["code"] in known_figures:
                    figure_id = known_figures[figure["code"]]
                    self._access.table("figures").update(figure_id, figure)
                else:
                    figure_id = self._access.insert("figures", figure)
                db.execute("DELETE FROM milestones WHERE figure_id = ?", [figure_id])
                for year, value in raw_figure["milestones"].items():
                    self._access.table("milestones").insert(
                        {"figure_id": figure_id, "year": year, "value": value}
                    )
        for code, figure_id in known_figures.items():
            if code not in seen_figures:
                self._access.table("figures").update(figure_id, {"retired": 1})

    def adopt_places(self, places: Iterable[Mapping[str, Any]]) -> None:
        """The office's places, by uid: each has "uid", "name", "kind", "parent" (its
        parent's uid), "position" and "retired". A village first typed here under the same
        name takes the office's uid; the commune is always this file's one commune.
        Call inside a transaction."""
        local = {p.uid: p for p in self._territory.places()}
        by_name = {(p.kind.value, name_key(p.name)): p for p in self._territory.places()}
        for raw in sorted(places, key=lambda raw: raw["kind"] != "commune"):  # parents first
            parent = local.get(raw["parent"]) if raw.get("parent") else None
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
                existing = self._territory.commune()  # one commune per file: never a second one
            if existing:
                self._access.table("places").update(existing.id, row)
            else:
                self._access.table("places").insert(row)
            local = {p.uid: p for p in self._territory.places()}


def _incoming_json(incoming: ReceivedEntry) -> dict[str, Any]:
    """A waiting entry as the conflicts table keeps it (docs/data-format.md)."""
    entry = incoming.entry
    return {
        "value": history_text(entry.value),
        "numerator": history_text(entry.numerator),
        "denominator": history_text(entry.denominator),
        "note": entry.note,
        "entered_by": incoming.entered_by,
        "entered_at": incoming.entered_at,
        "origin": list(incoming.origin),
        "base": list(incoming.base) if incoming.base else None,
    }


def _origin(raw: Any) -> Origin:
    return (str(raw[0]), int(raw[1]))


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def _waiting(row: dict[str, Any]) -> WaitingConflict:
    raw = json.loads(row["incoming"])
    return WaitingConflict(
        id=row["id"],
        figure_id=row["figure_id"],
        place_id=row["place_id"],
        year=row["year"],
        incoming=ReceivedEntry(
            entry=ResultInput(
                _decimal(raw["value"]),
                _decimal(raw["numerator"]),
                _decimal(raw["denominator"]),
                raw["note"],
            ),
            origin=_origin(raw["origin"]),
            base=_origin(raw["base"]) if raw.get("base") else None,
            entered_by=raw["entered_by"],
            entered_at=raw["entered_at"],
        ),
    )
