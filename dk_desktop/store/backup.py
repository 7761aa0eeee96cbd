"""Copies of the live database, made through SQLite's backup API (never a file copy).

Backups are numbered: the number, not the laptop's clock, says which is newest, so a
clock set to 2001 can never make the app delete the latest good copies. Thinning keeps
the newest few whatever their dates, then one per day, per week and per month.

Each backup's name also records the live file's change counter at that moment (SQLite
adds one to it at every write): the start-up backup is due when the data changed since
the newest backup, whatever the clock says (a laptop whose clock goes back to 2001 at
every boot), and otherwise once a day.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from ..paths import backups_dir, can_write
from .connection import connect, inspect_file
from .errors import StoreError, from_os_error, from_sqlite_error
from .files import TEMPORARY_SUFFIX, shortened, temporary_name, writing
from .schema import keep_identity

log = logging.getLogger(__name__)

KEEP_LATEST = 10
KEEP_DAILY = 14
KEEP_WEEKLY = 8
KEEP_MONTHLY = 24
STARTUP = "khoi-dong"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<seq>\d{6})-(?P<stamp>\d{8}-\d{6})(?:-v(?P<version>\d+))?"
    r"-(?P<reason>[a-z-]+)\.sqlite$"
)
# the longest tail a backup's name gets after the database's stem (for shortening)
_LONGEST_TAIL = len(
    "-000000-20270315-083000-v4294967295-truoc-sua-danh-muc.sqlite.dang-ghi-journal"
)

REASON_LABELS = {
    STARTUP: "Khi mở ứng dụng",
    "truoc-nhap": "Trước khi nhập dữ liệu",
    "truoc-nhan-goi": "Trước khi nhận gói",
    "truoc-khoi-phuc": "Trước khi khôi phục",
    "truoc-nang-cap": "Trước khi nâng cấp",
    "truoc-sua-danh-muc": "Trước khi sửa danh mục",
    "thu-cong": "Sao lưu thủ công",
}


@dataclass(frozen=True)
class Backup:
    path: Path
    seq: int
    taken_at: datetime
    reason: str
    version: int | None = None  # the live file's change counter when it was made

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


def backup_stem(database_path: Path) -> str:
    """The database's name as its backups start with it: shortened when a long name and
    the backup's tail would pass the file system's limit on a name."""
    return shortened(database_path.stem, _LONGEST_TAIL)


def list_backups(database_path: Path) -> list[Backup]:
    """This database's backups, newest (highest number) first."""
    folder = backups_dir(database_path)
    if not folder.is_dir():
        return []
    stem = backup_stem(database_path)
    found = []
    for path in folder.glob("*.sqlite"):
        match = _NAME.match(path.name)
        if not match or match["stem"] != stem:
            continue
        try:
            taken_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        version = int(match["version"]) if match["version"] else None
        found.append(Backup(path, int(match["seq"]), taken_at, match["reason"], version))
    return sorted(found, key=lambda b: b.seq, reverse=True)


def change_counter(database_path: Path) -> int | None:
    """SQLite's file change counter (header bytes 24–27), one more after every write;
    None when it cannot be read."""
    try:
        with database_path.open("rb") as handle:
            handle.seek(24)
            raw = handle.read(4)
    except OSError:
        return None
    return int.from_bytes(raw, "big") if len(raw) == 4 else None


def backup_database(
    db: Database,
    database_path: Path,
    *,
    reason: str,
    now: datetime | None = None,
    protect: Iterable[Path] = (),
) -> Path:
    """Write a consistent copy of ``db`` into the backups folder, then thin the folder
    (never deleting the ``protect``ed backups, such as the one being restored)."""
    folder = backups_dir(database_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise from_os_error(error, folder.name) from None
    existing = list_backups(database_path)
    seq = 1 + max((b.seq for b in existing), default=0)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    version = change_counter(database_path)
    mark = f"-v{version}" if version is not None else ""
    target = folder / f"{backup_stem(database_path)}-{seq:06d}-{stamp}{mark}-{reason}.sqlite"
    copy_database(db, target)
    thin_backups(database_path, protect=protect)
    return target


def backup_if_due(db: Database, database_path: Path, *, today: date | None = None) -> Path | None:
    """The start-up backup: when the data changed since the newest backup (whatever the
    clock says), and otherwise once a day by the laptop's clock. A database that cannot
    be written is still backed up where its backups folder can be; where it cannot, the
    backup is skipped and the reason logged (the data there cannot change)."""
    today = today or date.today()
    backups = list_backups(database_path)
    version = change_counter(database_path)
    changed = not backups or backups[0].version is None or backups[0].version != version
    made_today = any(b.reason == STARTUP and b.taken_at.date() == today for b in backups)
    if made_today and not changed:
        return None
    folder = backups_dir(database_path)
    if not can_write(folder):
        log.info("Bỏ qua sao lưu khi khởi động: không ghi được vào %s", folder)
        return None
    now = datetime.combine(today, datetime.now().time())
    return backup_database(db, database_path, reason=STARTUP, now=now)


def thin_backups(
    database_path: Path,
    *,
    keep_latest: int = KEEP_LATEST,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    protect: Iterable[Path] = (),
) -> list[Path]:
    """Delete old backups: keep the newest ``keep_latest`` by number whatever their dates,
    the newest of each reason (before a package, before an import, …, so a morning's copy
    is not pushed out by ten catalogue edits), then the newest of each of the last
    ``daily`` days, ``weekly`` weeks and ``monthly`` months (by the dates in their names).
    Returns what was deleted."""
    backups = list_backups(database_path)
    keep = {b.path for b in backups[:keep_latest]} | {Path(p) for p in protect}
    newest_by_reason: dict[str, Path] = {}
    for backup in backups:  # the last copy before each kind of risky step is kept too
        newest_by_reason.setdefault(backup.reason, backup.path)
    keep |= set(newest_by_reason.values())
    for limit, bucket in (
        (daily, lambda b: b.taken_at.date()),
        (weekly, lambda b: b.taken_at.isocalendar()[:2]),
        (monthly, lambda b: (b.taken_at.year, b.taken_at.month)),
    ):
        seen: list[object] = []
        for backup in backups:  # newest first: the first of a bucket is its newest
            key = bucket(backup)
            if key not in seen:
                seen.append(key)
                if len(seen) <= limit:
                    keep.add(backup.path)
    deleted = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink(missing_ok=True)
            except OSError as error:  # a read-only copy: kept, tried again next time
                log.warning("Không xóa được bản sao lưu cũ %s: %s", backup.path, error)
                continue
            deleted.append(backup.path)
    return deleted


def copy_database(db: Database, target: Path) -> None:
    """Save a copy of the live database to ``target`` through the backup API; the copy is
    built under a temporary name and renamed, so ``target`` is either whole or absent."""
    if db.conn.in_transaction:
        # The backup API would wait for ever on its own connection's open transaction.
        raise StoreError("Không sao lưu được giữa một giao dịch đang ghi; hãy thử lại.")
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    with writing(target, page_size * pages) as temporary:
        destination = sqlite3.connect(str(temporary))
        try:
            db.conn.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()


def remove_leftovers(database_path: Path) -> list[Path]:
    """Remove the temporary files («….dang-ghi») a power cut left while this database was
    being created or backed up: only the app's own, only beside this database and in its
    backups folder. Call with the database's lock held (nobody else is writing them)."""
    leftovers = [temporary_name(database_path)]
    folder = backups_dir(database_path)
    if folder.is_dir():
        stem = backup_stem(database_path)
        for path in folder.glob("*" + TEMPORARY_SUFFIX):
            match = _NAME.match(path.name.removesuffix(TEMPORARY_SUFFIX))
            if match and match["stem"] == stem:
                leftovers.append(path)
    removed = []
    for path in leftovers:
        try:
            if path.is_file():
                path.unlink()
                removed.append(path)
        except OSError as error:
            log.warning("Không xóa được tệp tạm %s: %s", path, error)
    if removed:
        log.info("Đã xóa tệp tạm còn sót: %s", ", ".join(p.name for p in removed))
    return removed


@dataclass(frozen=True)
class BackupCheck:
    ok: bool
    results: int
    problem: str | None


def check_backup(path: Path) -> BackupCheck:
    """Open a backup read-only: is it sound, and how many figures does it hold?"""
    try:
        inspect_file(path)
        db = connect(path, readonly=True)
        try:
            count = db.execute("SELECT count(*) FROM results").fetchone()[0]
        finally:
            db.close()
    except (StoreError, sqlite3.Error) as error:
        return BackupCheck(False, 0, str(error))
    return BackupCheck(True, count, None)


def latest_good_backup(database_path: Path) -> Backup | None:
    for backup in list_backups(database_path):
        if check_backup(backup.path).ok:
            return backup
    return None


def restore_backup(db: Database, database_path: Path, backup: Path) -> Path:
    """Put a backup's content into the live database, after backing up the current state.

    The backup is checked read-only first; the copy goes through the backup API into the
    open connection, so the live file is never half old and half new."""
    check = check_backup(backup)
    if not check.ok:
        raise StoreError(f"Bản sao lưu «{backup.name}» không dùng được: {check.problem}")
    # the thinning after this backup must not delete the backup about to be restored
    before = backup_database(db, database_path, reason="truoc-khoi-phuc", protect=[backup])
    identity = dict(db.execute("SELECT key, value FROM meta").fetchall())
    try:
        source = connect(backup, readonly=True)
        try:
            source.conn.backup(db.conn)
        finally:
            source.close()
        with db.atomic():
            keep_identity(db, identity)
    except sqlite3.Error as error:  # a full disk, a file held by another program
        refusal = from_sqlite_error(error, database_path.name)
        if refusal is None:
            raise
        raise refusal from None
    return before


def aside_name(path: Path, now: datetime | None = None) -> Path:
    """Where a damaged file is kept: «du-lieu (bị hỏng 15-03-2027 08h30).sqlite»."""
    stamp = (now or datetime.now()).strftime("%d-%m-%Y %Hh%M")
    candidate = path.with_name(f"{path.stem} (bị hỏng {stamp}){path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} (bị hỏng {stamp}, {number}){path.suffix}")
        number += 1
    return candidate


def replace_damaged(path: Path, backup: Backup) -> Path:
    """Rename the damaged file (and its journal, which belongs to it) aside, never
    deleting it, then copy the backup into place through the backup API (whole or
    absent). Call with the database's lock held. Returns where the damaged file went."""
    aside = aside_name(path)
    os.replace(path, aside)
    for extra in ("-journal", "-wal", "-shm"):
        companion = path.with_name(path.name + extra)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + extra))
    source = connect(backup.path, readonly=True)
    try:
        copy_database(source, path)
    finally:
        source.close()
    # The damaged file's counters are lost: a new device id makes sure that changes made
    # from now on can never reuse an origin the commune saw from the old one.
    restored = connect(path)
    try:
        with restored.atomic():
            restored.execute(
                "UPDATE meta SET value = ? WHERE key = 'device_id'", [str(uuid.uuid4())]
            )
    finally:
        restored.close()
    return aside
