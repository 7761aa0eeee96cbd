"""Files that travel between laptops on a USB stick (docs/package-format.md).

- A *gói số liệu* (data package, village → commune) carries the entries this laptop made
  for one village, with the change each replaced, and the history behind them.
- A *gói cấu hình* (configuration package, commune → village) carries the catalogue, the
  places and the commune's current figures.

Both are one zip file holding exactly ``manifest.json`` and ``content.json``; the manifest
holds the SHA-256 of the content. A file is written under a temporary name, flushed, read
back and verified, then renamed. Receiving is verify → preview → apply, the apply in one
transaction. Decisions use the laptops' logical counters (device, counter), never clocks.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.model import Aggregation, PlaceKind, ValueType
from ..core.names import clean_name, name_key
from ..core.numbers import decimal_from_db, format_number
from ..core.validation import check_ratio, check_value
from ..store.errors import StoreError
from ..store.files import writing
from ..store.repository import FIRST_YEAR, LAST_YEAR, ResultInput, Store, history_text, now_text
from ..store.schema import LAPTOP_KEYS
from .safe_json import UnreadableJson, load_json, refusing_bad_content

PACKAGE_FORMAT = "dk-desktop-package"
PACKAGE_VERSION = 1
MANIFEST = "manifest.json"
CONTENT = "content.json"
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBER_BYTES = 20 * 1024 * 1024
DATA, CONFIG = "data", "config"
KIND_LABELS = {DATA: "gói số liệu", CONFIG: "gói cấu hình"}
SUFFIX = ".dkgoi"
OFFICE, VILLAGE = "office", "village"
"""The two roles of a database in the exchange (see ``database_role``)."""
ROLE_KEY = "exchange_role"
"""Meta key set to OFFICE when this database makes its first configuration package."""
LOCAL_META = {*LAPTOP_KEYS, "commune_uid", "created_at", ROLE_KEY}
"""Meta keys that belong to this laptop, never taken from a configuration package."""


class PackageRefused(StoreError):
    """The file cannot be received; nothing was changed."""


@dataclass(frozen=True)
class Package:
    manifest: dict[str, Any]
    content: dict[str, Any]
    sha256: str

    @property
    def kind(self) -> str:
        return self.manifest["kind"]

    @property
    def label(self) -> str:
        m = self.manifest
        if self.kind == DATA:
            return f"gói số liệu của {m['place_name']} (số {m['seq']}, người gửi: {m['sender']})"
        return f"gói cấu hình của xã {m['commune_name']} (số {m['seq']}, người gửi: {m['sender']})"


# --- writing and reading the file ------------------------------------------------------


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def write_package(path: Path, manifest: dict[str, Any], content: dict[str, Any]) -> None:
    """Write the zip under a temporary name, flush it, read it back, then rename it."""
    body = _json_bytes(content)
    manifest = {
        **manifest,
        "content_sha256": hashlib.sha256(body).hexdigest(),
        "content_bytes": len(body),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, _json_bytes(manifest))
        archive.writestr(CONTENT, body)
    data = buffer.getvalue()
    # the store's one way to write a file: room checked, a temporary name, a Vietnamese
    # message for a full disk or a pulled stick, the temporary removed on any failure
    with writing(path, len(data)) as temporary:
        temporary.write_bytes(data)
        read_package(temporary)  # what reached the disk is what we meant to write


def read_package(path: Path) -> Package:
    """Open and verify a package; refuse anything else with a Vietnamese message."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise PackageRefused(f"Không tìm thấy tệp «{name}».") from None
    if size > MAX_FILE_BYTES:
        raise PackageRefused(
            f"Tệp «{name}» quá lớn ({size // 1_048_576} MB) để là một gói số liệu."
        )
    not_a_package = (
        f"Tệp «{name}» không phải là gói số liệu/gói cấu hình của ứng dụng, hoặc đã bị hỏng "
        "(ví dụ rút USB khi chưa chép xong). Hãy chép lại tệp từ máy gửi."
    )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = [info.filename for info in infos]
            if sorted(names) != sorted([MANIFEST, CONTENT]):
                odd = [n for n in names if n not in (MANIFEST, CONTENT)]
                raise PackageRefused(
                    f"Tệp «{name}» có thành phần lạ ({', '.join(odd[:3]) or 'thiếu thành phần'}); "
                    "không nhận. Gói hợp lệ chỉ có manifest.json và content.json."
                )
            for info in infos:
                if info.file_size > MAX_MEMBER_BYTES:
                    raise PackageRefused(f"Tệp «{name}» có thành phần quá lớn; không nhận.")
            manifest_bytes = _read_limited(archive, MANIFEST)
            content_bytes = _read_limited(archive, CONTENT)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,  # a header naming an unknown compression method or version
        RuntimeError,  # a header flagging the member as encrypted
    ):
        raise PackageRefused(not_a_package) from None
    try:
        manifest = load_json(manifest_bytes)
    except UnreadableJson:
        raise PackageRefused(not_a_package) from None
    if not isinstance(manifest, dict) or manifest.get("format") != PACKAGE_FORMAT:
        raise PackageRefused(not_a_package)
    if manifest.get("format_version") != PACKAGE_VERSION:
        raise PackageRefused(
            f"Gói «{name}» được tạo bởi phiên bản khác của ứng dụng (định dạng "
            f"{manifest.get('format_version')}); hãy dùng cùng phiên bản ứng dụng."
        )
    digest = hashlib.sha256(content_bytes).hexdigest()
    if digest != manifest.get("content_sha256"):
        raise PackageRefused(
            f"Gói «{name}» bị hỏng: nội dung không khớp mã kiểm tra SHA-256. "
            "Hãy chép lại tệp từ máy gửi."
        )
    try:
        content = load_json(content_bytes)
    except UnreadableJson as error:
        raise PackageRefused(
            f"Gói «{name}» có nội dung không đọc được ({error}); không nhận. "
            "Hãy xin máy gửi tạo lại gói bằng ứng dụng."
        ) from None
    _check_manifest(manifest, name)
    if not isinstance(content, dict):
        raise PackageRefused(not_a_package)
    return Package(manifest, content, digest)


def _read_limited(archive: zipfile.ZipFile, member: str) -> bytes:
    """Read at most MAX_MEMBER_BYTES, whatever the zip header claims (no zip bombs)."""
    with archive.open(member) as handle:
        data = handle.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise PackageRefused(f"Thành phần «{member}» quá lớn; không nhận.")
    return data


def _check_manifest(manifest: dict[str, Any], name: str) -> None:
    expected = {
        "kind": str,
        "app_version": str,
        "commune_uid": str,
        "commune_name": str,
        "device_id": str,
        "seq": int,
        "sender": str,
        "created_at": str,
    }
    for key, kind in expected.items():
        value = manifest.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise PackageRefused(f"Gói «{name}» thiếu thông tin «{key}»; không nhận.")
    if manifest["kind"] not in (DATA, CONFIG) or manifest["seq"] < 1:
        raise PackageRefused(f"Gói «{name}» không rõ loại; không nhận.")
    if manifest["kind"] == DATA and not all(
        isinstance(manifest.get(key), str) for key in ("place_uid", "place_name")
    ):
        raise PackageRefused(f"Gói «{name}» không ghi bản gửi; không nhận.")


# --- making packages ---------------------------------------------------------------------


def database_role(store: Store) -> str | None:
    """Who this database is when packages travel (docs/package-format.md, «Who may change
    the plan»): the commune OFFICE once it has made a configuration package or received a
    village's data; a VILLAGE laptop once it has received a configuration package (it is
    then bound to that commune's office); None for a fresh file that has done neither."""
    if store.query("SELECT 1 FROM received_packages WHERE kind = 'config' LIMIT 1"):
        return VILLAGE
    if store.meta().get(ROLE_KEY) == OFFICE or store.query(
        "SELECT 1 FROM received_packages WHERE kind = 'data' LIMIT 1"
    ):
        return OFFICE
    return None


def default_sender(store: Store, kind: str, village: str | None = None) -> str:
    """Who sends, when no person is named (the command line): the office for a
    configuration package or on the office's file, the village's secretary otherwise."""
    if kind == CONFIG or database_role(store) == OFFICE or not village:
        return f"Văn phòng xã {store.commune_name()}".strip()
    return f"Bí thư chi bộ {clean_name(village)}"


def _next_seq(store: Store) -> int:
    """Count packages this laptop sends; committed before the file is written, so a number
    is never reused for different content (a lost number is harmless)."""
    with store.transaction():
        seq = int(store.meta().get("package_seq", "0")) + 1
        store.db.execute("UPDATE meta SET value = ? WHERE key = 'package_seq'", [str(seq)])
    return seq


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


def _entry_rows(store: Store, table: str, where: str, params: list[Any]) -> list[dict[str, Any]]:
    rows = store.query(
        f"SELECT f.code AS figure, p.uid AS place, r.* FROM {table} r "
        "JOIN figures f ON f.id = r.figure_id JOIN places p ON p.id = r.place_id "
        f"WHERE {where} ORDER BY f.code, p.uid, r.year",
        params,
    )
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
    own = "r.place_id = ? AND r.origin_device = ?"
    params = [village_id, store.device_id()]
    return (
        _entry_rows(store, "results", own, params),
        _entry_rows(store, "result_tombstones", own, params),
    )


def find_village(store: Store, name: str):  # type: ignore[no-untyped-def]
    wanted = name_key(name)  # an NFD «Bản Suối Giăng 1» is the same village
    for village in store.villages():
        if name_key(village.name) == wanted:
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
            for row in store.query(
                "SELECT h.*, f.code FROM history h JOIN figures f ON f.id = h.figure_id "
                "WHERE h.entity = 'result' AND h.place_id = ? AND h.origin_device IS NULL "
                "ORDER BY h.id",
                [village.id],
            )
        ],
    }
    manifest = {
        **_manifest(store, DATA, _next_seq(store), sender),
        "place_uid": village.uid,
        "place_name": village.name,
    }
    write_package(path, manifest, content)
    return manifest


def export_config_package(store: Store, path: Path, *, sender: str | None = None) -> dict[str, Any]:
    """Write the gói cấu hình: catalogue, places and the commune's current figures. Only
    the commune office makes one: a village laptop's file is refused."""
    from .json_format import export_data

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
        "results": _entry_rows(store, "results", "r.origin_device IS NOT NULL", []),
        "tombstones": _entry_rows(store, "result_tombstones", "1", []),
        "decided": [
            json.loads(row["incoming"])["origin"]
            for row in store.query("SELECT incoming FROM conflicts WHERE resolution = 'kept'")
        ],
    }
    manifest = _manifest(store, CONFIG, _next_seq(store), sender)
    write_package(path, manifest, content)
    # only a configuration package that was written marks this file as the office's: a
    # failed one (a full stick) must not leave a fresh village laptop refusing the office's
    with store.transaction():
        store.db["meta"].upsert({"key": ROLE_KEY, "value": OFFICE}, pk="key")
    return manifest


# --- receiving: preview ------------------------------------------------------------------


@dataclass
class Change:
    figure_code: str
    figure_name: str
    place_name: str
    year: int
    old: str | None
    new: str | None
    who: str
    when: str

    def line(self) -> str:
        old = self.old if self.old is not None else "(trống)"
        new = self.new if self.new is not None else "(xóa)"
        return (
            f"{self.figure_code} {self.figure_name} — {self.place_name}, năm {self.year}: "
            f"{old} → {new} ({self.who}, {self.when[:10]})"
        )


@dataclass
class Preview:
    """What receiving a file would do (a package, or a filled-in Excel sheet)."""

    package: Package | None
    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)
    already_received: bool = False
    binds: bool = False
    """A first configuration package: receiving it binds this laptop to its commune's office
    (the window asks first, naming the commune and the sender)."""
    catalogue_changes: int = 0
    new_places: list[str] = field(default_factory=list)
    history: int = 0
    skipped: list[Change] = field(default_factory=list)
    """Cells read but not taken (a sheet's commune total over the villages' figures)."""
    title: str = ""
    """What is received, for a file that is not a package."""

    @property
    def label(self) -> str:
        return self.package.label if self.package else self.title

    def summary(self) -> str:
        if self.already_received:
            return f"Đã nhận {self.label} trước đây; không có gì thay đổi."
        text = (
            f"{self.label}: {len(self.new)} số liệu mới, {len(self.changed)} thay đổi, "
            f"{len(self.unchanged)} không đổi, {len(self.conflicts)} xung đột cần chọn"
        )
        if self.skipped:
            text += (
                f"; {len(self.skipped)} ô tổng toàn xã khác tổng các bản bị bỏ qua "
                "(hãy sửa số liệu của từng bản)"
            )
        if self.package and self.package.kind == CONFIG:
            text += (
                f"; {self.catalogue_changes} thay đổi danh mục, {len(self.new_places)} địa bàn mới"
            )
        if self.binds:
            text += (
                "; đây là gói cấu hình đầu tiên máy này nhận: từ nay máy chỉ nhận gói cấu hình "
                f"của văn phòng xã {self.package.manifest['commune_name']}"  # type: ignore[union-attr]
            )
        return text + "."

    def report(self) -> str:
        lines = [self.summary()]
        for title, changes in (
            ("Mới", self.new),
            ("Thay đổi", self.changed),
            ("Xung đột (giữ cả hai, cần chọn)", self.conflicts),
            ("Bỏ qua (tổng toàn xã tính từ các bản)", self.skipped),
        ):
            if changes:
                lines.append(f"{title}:")
                lines.extend(f"  - {change.line()}" for change in changes)
        return "\n".join(lines)


@dataclass
class _Plan:
    preview: Preview
    writes: list[tuple[int, int, int, ResultInput, tuple[str, int], str, str]] = field(
        default_factory=list
    )
    conflicts: list[tuple[int, int, int, dict[str, Any]]] = field(default_factory=list)
    # a configuration package's checked catalogue and places, and the commune's decisions
    catalogue: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    decided: set[tuple[str, int]] = field(default_factory=set)


class _DryRun(Exception):
    """Raised to roll back a configuration applied only to see what it would change."""


def preview_package(store: Store, package: Package) -> Preview:
    """What receiving the package would do, without changing anything. A configuration
    package is applied inside a transaction that is then rolled back: its catalogue and
    places must be in place before its figures can be compared."""
    with refusing_bad_content(_bad_content("Gói"), PackageRefused):
        plan = _plan(store, package)
        if package.kind == CONFIG and not plan.preview.already_received:
            try:
                with store.db.atomic():
                    _apply_config(store, plan)
                    raise _DryRun
            except _DryRun:
                pass
    return plan.preview


def _bad_content(what: str) -> str:
    return (
        f"{what} có nội dung sai mà ứng dụng không đọc được; không nhận, không có gì thay "
        "đổi. Hãy xin máy gửi tạo lại gói bằng ứng dụng (Tệp → Gửi…)."
    )


def _plan(store: Store, package: Package) -> _Plan:
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
        return _Plan(Preview(package, already_received=True))
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


def _entry_input(store: Store, entry: dict[str, Any], where: str, figure) -> ResultInput:  # type: ignore[no-untyped-def]
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


def _origin(raw: Any, where: str) -> tuple[str, int] | None:
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


def _entries(package: Package, key: str) -> list[dict[str, Any]]:
    entries = package.content.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise PackageRefused(f"Gói có phần «{key}» sai; không nhận.")
    return entries


def _classify(
    store: Store,
    plan: _Plan,
    figure,
    place,
    year: int,  # type: ignore[no-untyped-def]
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


def _display(figure, result) -> str | None:  # type: ignore[no-untyped-def]
    return None if result is None else display_input(figure, ResultInput.of(result))


def display_input(figure, entry: ResultInput) -> str | None:  # type: ignore[no-untyped-def]
    if entry.is_empty:
        return None
    if entry.numerator is not None and entry.denominator is not None:
        return f"{format_number(entry.numerator)}/{format_number(entry.denominator)}"
    if entry.value is None:
        return f"(ghi chú) {entry.note}"
    unit = f" {figure.unit}" if figure.unit else ""
    return format_number(entry.value) + unit


def _plan_data(store: Store, package: Package) -> _Plan:
    plan = _Plan(Preview(package))
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
        for n, raw in enumerate(_entries(package, key)):
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
            origin = _origin(raw.get("origin"), where)
            if origin is None or origin[0] != package.manifest["device_id"]:
                raise PackageRefused(f"Gói có dữ liệu sai ở {where}; không nhận.")
            entry = _entry_input(store, raw, where, figure) if key == "results" else ResultInput()
            who, when = str(raw.get("entered_by", "")), str(raw.get("entered_at", ""))
            _classify(
                store,
                plan,
                figure,
                village,
                year,
                entry,
                origin,
                _origin(raw.get("base"), where),
                who,
                when,
                decided=decided,
                keep_own=False,
            )
    plan.preview.history = len(_entries(package, "history"))
    return plan


def _plan_config(store: Store, package: Package) -> _Plan:
    from .json_format import _Validator

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
    plan = _Plan(Preview(package))
    plan.catalogue = catalogue
    known = {f.code: f for f in store.figures(include_retired=True)}
    plan.preview.catalogue_changes = sum(
        1 for item in catalogue for figure in item["figures"] if _figure_differs(known, figure)
    )
    places = _entries(package, "places")
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
            # laptop's commune, from its seed, becomes the package's: see _apply_config)
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


# --- receiving: apply ---------------------------------------------------------------------


def receive_package(store: Store, path: Path, *, dry_run: bool = False) -> Preview:
    """Verify → preview → apply (unless dry_run). The apply is one transaction, after a
    backup; an exception anywhere leaves the database as it was."""
    package = read_package(path)
    if dry_run:
        return preview_package(store, package)
    preview_package(store, package)  # refused here, before the backup, if it is refused
    store.check_writable()  # a read-only file: refused before a backup is made and thinned
    store.backup("truoc-nhan-goi")
    refusal = _bad_content(f"Gói «{path.name}»")
    with refusing_bad_content(refusal, PackageRefused), store.transaction():
        plan = _plan(store, package)  # planned again inside the transaction: nothing moved
        if not plan.preview.already_received:
            if package.kind == CONFIG:
                _apply_config(store, plan)
            else:
                _apply_data(store, plan)
            _record(store, package, plan.preview)
    return plan.preview


def _apply_data(store: Store, plan: _Plan) -> None:
    package = plan.preview.package
    device = package.manifest["device_id"]
    for figure_id, place_id, year, entry, origin, who, when in plan.writes:
        store.write_result(
            figure_id, place_id, year, entry, origin=origin, entered_by=who, entered_at=when
        )
        store.db.execute(
            "DELETE FROM conflicts WHERE figure_id = ? AND place_id = ? AND year = ? "
            "AND resolved_at IS NULL",
            [figure_id, place_id, year],
        )
    _store_conflicts(store, plan, device, package.manifest["seq"])
    figures = {f.code: f.id for f in store.figures(include_retired=True)}
    village = next(p for p in store.places() if p.uid == package.manifest["place_uid"])
    for raw in _entries(package, "history"):
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
                figures.get(raw.get("figure")),
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


def _store_conflicts(store: Store, plan: _Plan, device: str, seq: int) -> None:
    for figure_id, place_id, year, incoming in plan.conflicts:
        store.db.execute(
            "DELETE FROM conflicts WHERE figure_id = ? AND place_id = ? AND year = ? "
            "AND resolved_at IS NULL",
            [figure_id, place_id, year],
        )
        store.db["conflicts"].insert(
            {
                "figure_id": figure_id,
                "place_id": place_id,
                "year": year,
                "incoming": json.dumps(incoming, ensure_ascii=False, sort_keys=True),
                "device_id": device,
                "seq": seq,
                "created_at": now_text(),
            }
        )


def _apply_config(store: Store, plan: _Plan) -> None:
    package = plan.preview.package
    content = package.content
    db = store.db
    db.execute(
        "UPDATE meta SET value = ? WHERE key = 'commune_uid'", [package.manifest["commune_uid"]]
    )
    for key, value in content["commune"].items():
        if key not in LOCAL_META:
            db["meta"].upsert({"key": key, "value": value}, pk="key")
    for position, row in enumerate(content["fields"]):
        db["fields"].upsert(
            {"code": row["code"], "name": row["name"], "position": position}, pk="code"
        )
    for group in content["groups"]:
        db["groups"].upsert(group, pk="code")
    # Catalogue by code: update what exists, add what is new, retire what the commune dropped.
    items = {i.code: i.id for i in store.items()}
    known_figures = {f.code: f.id for f in store.figures(include_retired=True)}
    seen_figures = set()
    for item in plan.catalogue:
        figures = item.pop("figures")
        if item["code"] in items:
            db["items"].update(items[item["code"]], item)
            item_id = items[item["code"]]
        else:
            item_id = db["items"].insert(item).last_pk
        for figure in figures:
            milestones = figure.pop("milestones")
            figure["item_id"] = item_id
            seen_figures.add(figure["code"])
            if figure["code"] in known_figures:
                figure_id = known_figures[figure["code"]]
                db["figures"].update(figure_id, figure)
            else:
                figure_id = db["figures"].insert(figure).last_pk
            db.execute("DELETE FROM milestones WHERE figure_id = ?", [figure_id])
            for year, value in milestones.items():
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
    figures = {f.code: f for f in store.figures(include_retired=True)}
    own = store.device_id()
    decided = plan.decided
    for key in ("results", "tombstones"):
        for n, raw in enumerate(_entries(package, key)):
            where = f"{key}[{n}]"
            figure, place = figures.get(raw.get("figure")), local.get(raw.get("place"))
            year = raw.get("year")
            if figure is None or place is None or not isinstance(year, int):
                raise PackageRefused(f"Gói cấu hình có dữ liệu sai ở {where}; không nhận.")
            origin = _origin(raw.get("origin"), where)
            if origin is None:
                raise PackageRefused(f"Gói cấu hình có dữ liệu sai ở {where}; không nhận.")
            entry = _entry_input(store, raw, where, figure) if key == "results" else ResultInput()
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
                plan.preview.unchanged.append(change)
                continue
            if current is not None and current[0] == own and current not in decided:
                plan.preview.unchanged.append(change)
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
            (plan.preview.new if before is None else plan.preview.changed).append(change)


def _record(store: Store, package: Package, preview: Preview) -> None:
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


# --- conflicts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    id: int
    figure_id: int
    place_id: int
    year: int
    current: ResultInput
    current_by: str
    current_at: str
    incoming: ResultInput
    incoming_by: str
    incoming_at: str


def open_conflicts(store: Store) -> list[Conflict]:
    conflicts = []
    for row in store.query("SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY id"):
        incoming = json.loads(row["incoming"])
        current = store.result(row["figure_id"], row["place_id"], row["year"])
        conflicts.append(
            Conflict(
                id=row["id"],
                figure_id=row["figure_id"],
                place_id=row["place_id"],
                year=row["year"],
                current=ResultInput.of(current),
                current_by=current.entered_by if current else "",
                current_at=current.entered_at if current else "",
                incoming=ResultInput(
                    *(
                        Decimal(incoming[k]) if incoming[k] is not None else None
                        for k in ("value", "numerator", "denominator")
                    ),
                    incoming["note"],
                ),
                incoming_by=incoming["entered_by"],
                incoming_at=incoming["entered_at"],
            )
        )
    return conflicts


def describe_conflict(store: Store, conflict: Conflict) -> str:
    figure = store.figure(conflict.figure_id)
    place = store.place(conflict.place_id)
    mine = display_input(figure, conflict.current) or "(trống)"
    theirs = display_input(figure, conflict.incoming) or "(xóa)"
    return (
        f"[{conflict.id}] {figure.code} {figure.name} — {place.name}, năm {conflict.year}: "
        f"đang có {mine} ({conflict.current_by}, {conflict.current_at[:10]}); "
        f"trong gói {theirs} ({conflict.incoming_by}, {conflict.incoming_at[:10]})"
    )


def resolve_conflict(store: Store, conflict_id: int, take_incoming: bool) -> None:
    """The person's choice: keep the commune's value, or take the village's."""
    rows = store.query(
        "SELECT * FROM conflicts WHERE id = ? AND resolved_at IS NULL", [conflict_id]
    )
    if not rows:
        raise StoreError(f"Không có xung đột số {conflict_id} đang chờ.")
    row = rows[0]
    incoming = json.loads(row["incoming"])
    with store.transaction():
        if take_incoming:
            old = store.result(row["figure_id"], row["place_id"], row["year"])
            entry = ResultInput(
                *(
                    Decimal(incoming[k]) if incoming[k] is not None else None
                    for k in ("value", "numerator", "denominator")
                ),
                incoming["note"],
            )
            store.write_result(
                row["figure_id"],
                row["place_id"],
                row["year"],
                entry,
                origin=tuple(incoming["origin"]),
                entered_by=incoming["entered_by"],
                entered_at=incoming["entered_at"],
            )
            store._log_result_change(row["figure_id"], row["place_id"], row["year"], old, entry)
        store.db["conflicts"].update(
            conflict_id,
            {
                "resolved_at": now_text(),
                "resolved_by": store.user,
                "resolution": "taken" if take_incoming else "kept",
            },
        )


__all__ = [
    "CONFIG",
    "DATA",
    "Package",
    "PackageRefused",
    "Preview",
    "ValueType",
    "export_config_package",
    "export_data_package",
    "open_conflicts",
    "preview_package",
    "read_package",
    "receive_package",
    "resolve_conflict",
]
