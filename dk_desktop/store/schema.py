"""The database schema, created and upgraded by registered migrations.

Each migration is a function applied once, in order, inside a transaction together with
the record of it (sqlite-utils' Migrations). Never edit a migration that has shipped:
add a new one. A file whose record names a migration this app does not know was written
by a newer version of the app, and is refused (see connection.py).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x444B5444  # "DKTD": marks a file as this app's database
MIGRATION_SET = "dk_desktop"

migrations = Migrations(MIGRATION_SET)
_MIGRATION_NAMES: list[str] = []


def migration(function: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a migration, remembering its name to recognise newer files."""
    _MIGRATION_NAMES.append(function.__name__)
    return migrations()(function)


def own_transaction_migration(function: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a migration that opens its own transaction: a table rebuild must turn
    foreign keys off first, which SQLite ignores inside a transaction. Such a migration
    must be safe to run twice (its record is written just after its own commit)."""
    _MIGRATION_NAMES.append(function.__name__)
    return migrations(transactional=False)(function)


@migration
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE fields (
            code TEXT PRIMARY KEY
                CHECK (code IN ('economy', 'culture_society', 'defence_security',
                                'party_building')),
            name TEXT NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE TABLE groups (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            expected_count INTEGER,
            source TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            section TEXT NOT NULL CHECK (section IN ('target', 'breakthrough', 'task')),
            number TEXT NOT NULL,
            resolution_number INTEGER CHECK (resolution_number BETWEEN 1 AND 22),
            group_code TEXT REFERENCES groups(code),
            field_code TEXT NOT NULL REFERENCES fields(code),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            source TEXT NOT NULL DEFAULT '',
            note TEXT,
            position INTEGER NOT NULL,
            CHECK ((section = 'target') = (resolution_number IS NOT NULL))
        );
        CREATE UNIQUE INDEX items_resolution_number ON items(resolution_number)
            WHERE resolution_number IS NOT NULL;
        CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            item_id INTEGER NOT NULL REFERENCES items(id),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            unit TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('level', 'rate_range', 'cumulative',
                                               'threshold', 'maintain', 'milestone')),
            direction TEXT NOT NULL DEFAULT 'up' CHECK (direction IN ('up', 'down')),
            comparator TEXT NOT NULL DEFAULT '>='
                CHECK (comparator IN ('>=', '>', '<=', '<', '=')),
            target REAL,
            target_high REAL CHECK (target_high IS NULL OR target_high >= target),
            target_year INTEGER NOT NULL CHECK (target_year BETWEEN 2026 AND 2100),
            target_text TEXT,
            value_type TEXT NOT NULL
                CHECK (value_type IN ('count', 'amount', 'percent', 'rate', 'yesno')),
            aggregation TEXT NOT NULL DEFAULT 'none'
                CHECK (aggregation IN ('sum', 'ratio', 'none')),
            numerator_label TEXT,
            denominator_label TEXT,
            baseline REAL,
            baseline_year INTEGER NOT NULL DEFAULT 2025
                CHECK (baseline_year BETWEEN 2000 AND target_year - 1),
            baseline_text TEXT,
            baseline_source TEXT,
            source TEXT NOT NULL DEFAULT '',
            note TEXT,
            position INTEGER NOT NULL,
            retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
            CHECK (aggregation <> 'ratio' OR value_type = 'percent'),
            CHECK (kind = 'milestone' OR target IS NOT NULL)
        );
        CREATE INDEX figures_item ON figures(item_id);
        CREATE TABLE milestones (
            figure_id INTEGER NOT NULL REFERENCES figures(id),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            value REAL NOT NULL,
            PRIMARY KEY (figure_id, year)
        );
        CREATE TABLE places (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('commune', 'former_commune', 'village')),
            parent_id INTEGER REFERENCES places(id),
            position INTEGER NOT NULL DEFAULT 0,
            retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
            CHECK ((kind = 'commune') = (parent_id IS NULL)),
            UNIQUE (kind, name)
        );
        CREATE TABLE results (
            figure_id INTEGER NOT NULL REFERENCES figures(id),
            place_id INTEGER NOT NULL REFERENCES places(id),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            value REAL CHECK (value IS NULL OR typeof(value) IN ('real', 'integer')),
            numerator REAL CHECK (numerator IS NULL OR numerator >= 0),
            denominator REAL CHECK (denominator IS NULL OR denominator > 0),
            note TEXT,
            entered_by TEXT NOT NULL,
            entered_at TEXT NOT NULL,
            PRIMARY KEY (figure_id, place_id, year),
            CHECK ((numerator IS NULL) = (denominator IS NULL)),
            CHECK (numerator IS NULL OR numerator <= denominator),
            CHECK (value IS NOT NULL OR numerator IS NOT NULL OR note IS NOT NULL)
        );
        CREATE INDEX results_place ON results(place_id);
        CREATE TABLE task_states (
            item_id INTEGER NOT NULL REFERENCES items(id),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            state TEXT NOT NULL CHECK (state IN ('not_started', 'in_progress', 'done')),
            note TEXT,
            entered_by TEXT NOT NULL,
            entered_at TEXT NOT NULL,
            PRIMARY KEY (item_id, year)
        );
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL,
            entity TEXT NOT NULL CHECK (entity IN ('result', 'figure', 'item', 'place',
                                                   'task_state', 'milestone', 'database')),
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
            figure_id INTEGER,
            place_id INTEGER,
            year INTEGER,
            item_id INTEGER,
            attribute TEXT,
            old_value TEXT,
            new_value TEXT,
            note TEXT
        );
        CREATE INDEX history_result ON history(figure_id, place_id, year);
        """
    )
    # A value outside what its figure allows is refused by the database too, so that no
    # path into the file (an import, a script) can store a fraction of a household.
    for event in ("INSERT", "UPDATE"):
        db.execute(
            f"""
            CREATE TRIGGER results_value_fits_figure_{event.lower()} BEFORE {event} ON results
            WHEN NEW.value IS NOT NULL BEGIN
                SELECT RAISE(ABORT, 'value does not fit its figure')
                FROM figures f WHERE f.id = NEW.figure_id AND (
                    (f.value_type = 'count'
                        AND (NEW.value < 0 OR NEW.value <> CAST(NEW.value AS INTEGER)))
                    OR (f.value_type = 'amount' AND NEW.value < 0)
                    OR (f.value_type = 'percent' AND (NEW.value < 0 OR NEW.value > 100))
                    OR (f.value_type = 'yesno' AND NEW.value NOT IN (0, 1))
                    OR (f.value_type = 'rate' AND (NEW.value < -100 OR NEW.value > 1000)));
            END
            """
        )
    db.execute(
        """
        CREATE TRIGGER places_keep_village_with_results BEFORE DELETE ON places
        WHEN EXISTS (SELECT 1 FROM results WHERE place_id = OLD.id) BEGIN
            SELECT RAISE(ABORT, 'a place with results cannot be deleted');
        END
        """
    )


@migration
def m002_exchange(db: Database) -> None:
    """What offline exchange between laptops needs (docs/package-format.md):

    - each database knows its own device id, the commune it belongs to, a logical
      counter (never the wall clock) and how many data packages it has sent;
    - places get a uid that is the same on every laptop;
    - each result remembers which change made it (origin) and which change it replaced
      (base), so that the commune can tell a new figure from a conflict;
    - cleared results leave a tombstone, so that a clear travels too;
    - received packages, unresolved conflicts and imported history are recorded.
    """
    db.executescript(
        """
        ALTER TABLE places ADD COLUMN uid TEXT;
        ALTER TABLE results ADD COLUMN origin_device TEXT;
        ALTER TABLE results ADD COLUMN origin_counter INTEGER;
        ALTER TABLE results ADD COLUMN base_device TEXT;
        ALTER TABLE results ADD COLUMN base_counter INTEGER;
        ALTER TABLE history ADD COLUMN origin_device TEXT;
        ALTER TABLE history ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX history_origin ON history(origin_device, origin_id)
            WHERE origin_device IS NOT NULL;
        CREATE TABLE result_tombstones (
            figure_id INTEGER NOT NULL REFERENCES figures(id),
            place_id INTEGER NOT NULL REFERENCES places(id),
            year INTEGER NOT NULL,
            origin_device TEXT NOT NULL,
            origin_counter INTEGER NOT NULL,
            base_device TEXT,
            base_counter INTEGER,
            entered_by TEXT NOT NULL,
            entered_at TEXT NOT NULL,
            PRIMARY KEY (figure_id, place_id, year)
        );
        CREATE TABLE received_packages (
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq > 0),
            kind TEXT NOT NULL CHECK (kind IN ('data', 'config')),
            sha256 TEXT NOT NULL,
            place_uid TEXT,
            sender TEXT,
            applied_at TEXT NOT NULL,
            applied_by TEXT NOT NULL,
            PRIMARY KEY (device_id, seq)
        );
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            figure_id INTEGER NOT NULL REFERENCES figures(id),
            place_id INTEGER NOT NULL REFERENCES places(id),
            year INTEGER NOT NULL,
            incoming TEXT NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            resolved_at TEXT,
            resolved_by TEXT,
            resolution TEXT CHECK (resolution IN ('kept', 'taken'))
        );
        CREATE UNIQUE INDEX conflicts_open ON conflicts(figure_id, place_id, year)
            WHERE resolved_at IS NULL;
        """
    )
    for place_id, kind, name in db.execute("SELECT id, kind, name FROM places").fetchall():
        db.execute("UPDATE places SET uid = ? WHERE id = ?", [place_uid(kind, name), place_id])
    db.execute("CREATE UNIQUE INDEX places_uid ON places(uid)")
    for key, value in (
        ("device_id", str(uuid.uuid4())),
        ("commune_uid", str(uuid.uuid4())),
        ("counter", "0"),
        ("package_seq", "0"),
    ):
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", [key, value])


LAPTOP_KEYS = ("device_id", "counter", "package_seq")
"""Meta keys that belong to this laptop's file, not to the data: never exported."""


def keep_identity(db: Database, before: dict[str, str]) -> None:
    """After the content of the database was replaced (a restore, a JSON import), keep
    this laptop's identity: its device id, and counters that never go back, so that a
    change made afterwards can never reuse an origin or a package number the commune has
    already seen. Call inside a transaction."""
    now = {row[0]: row[1] for row in db.execute("SELECT key, value FROM meta").fetchall()}
    merged = {
        "device_id": before.get("device_id") or now.get("device_id") or str(uuid.uuid4()),
        "commune_uid": now.get("commune_uid") or before.get("commune_uid") or str(uuid.uuid4()),
    }
    for key in ("counter", "package_seq"):
        merged[key] = str(max(int(before.get(key) or 0), int(now.get(key) or 0)))
    for key, value in merged.items():
        db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


@migration
def m003_seed_corrections(db: Database) -> None:
    """The seed's figures as a second reading of the report corrected them (issue 12 §5:
    CT03d a growth rate, CT04c without a baseline, CT09b/c with theirs, CT07a's note). A
    database made from the earlier seed takes each correction where its figure still holds
    the earlier seed's words, with a line of history; what a clerk changed is kept. A file
    of another commune, or a new file, holds none of the earlier words: nothing changes."""
    from datetime import datetime

    from .seed_corrections import SEED_CORRECTIONS_2026_12

    now = datetime.now().astimezone().isoformat(timespec="seconds")
    for code, changes in SEED_CORRECTIONS_2026_12.items():
        rows = list(db.query("SELECT * FROM figures WHERE code = ?", [code]))
        if not rows:
            continue
        figure = rows[0]
        for column, (before, after) in changes.items():
            if figure[column] != before:
                continue  # changed since the seed (by the clerk, or already corrected)
            db.execute(f"UPDATE figures SET {column} = ? WHERE id = ?", [after, figure["id"]])
            db.execute(
                "INSERT INTO history (changed_at, changed_by, entity, action, figure_id, "
                "item_id, attribute, old_value, new_value, note) "
                "VALUES (?, ?, 'figure', 'update', ?, ?, ?, ?, ?, ?)",
                [
                    now,
                    "Cập nhật của ứng dụng",
                    figure["id"],
                    figure["item_id"],
                    column,
                    None if before is None else str(before),
                    None if after is None else str(after),
                    "Sửa theo lần đọc lại Báo cáo chính trị (danh mục mặc định)",
                ],
            )


KINDS = (
    "level",
    "rate_range",
    "cumulative",
    "threshold",
    "maintain",
    "milestone",
    "yearly_change",
    "term_growth",
    "yearly_minimum",
    "yearly_rate",
    "units_of_total",
    "structure",
    "quota",
)
"""The kinds of target a database made by m004 accepts (core.model.Kind)."""

_ITEMS_M004 = """
    CREATE TABLE items_m004 (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        section TEXT NOT NULL CHECK (section IN ('target', 'breakthrough', 'task')),
        number TEXT NOT NULL,
        resolution_number INTEGER CHECK (resolution_number >= 1),
        group_code TEXT REFERENCES groups(code),
        field_code TEXT NOT NULL REFERENCES fields(code),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        source TEXT NOT NULL DEFAULT '',
        note TEXT,
        position INTEGER NOT NULL,
        CHECK ((section = 'target') = (resolution_number IS NOT NULL))
    )
"""

_FIGURES_M004 = f"""
    CREATE TABLE figures_m004 (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        item_id INTEGER NOT NULL REFERENCES items(id),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        unit TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ({", ".join(f"'{k}'" for k in KINDS)})),
        direction TEXT NOT NULL DEFAULT 'up' CHECK (direction IN ('up', 'down')),
        comparator TEXT NOT NULL DEFAULT '>='
            CHECK (comparator IN ('>=', '>', '<=', '<', '=')),
        target REAL,
        target_high REAL CHECK (target_high IS NULL OR target_high >= target),
        target_year INTEGER NOT NULL CHECK (target_year BETWEEN 2026 AND 2100),
        target_text TEXT,
        value_type TEXT NOT NULL
            CHECK (value_type IN ('count', 'amount', 'percent', 'rate', 'yesno')),
        aggregation TEXT NOT NULL DEFAULT 'none'
            CHECK (aggregation IN ('sum', 'ratio', 'none')),
        numerator_label TEXT,
        denominator_label TEXT,
        baseline REAL,
        baseline_year INTEGER NOT NULL DEFAULT 2025
            CHECK (baseline_year BETWEEN 2000 AND target_year - 1),
        baseline_text TEXT,
        baseline_source TEXT,
        source TEXT NOT NULL DEFAULT '',
        note TEXT,
        position INTEGER NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        total REAL CHECK (total IS NULL OR total > 0),
        structure TEXT CHECK (structure IS NULL OR length(trim(structure)) > 0),
        CHECK (aggregation <> 'ratio' OR value_type = 'percent'),
        CHECK (kind = 'milestone' OR target IS NOT NULL),
        CHECK (kind <> 'units_of_total' OR total IS NOT NULL),
        CHECK (kind <> 'structure' OR structure IS NOT NULL)
    )
"""


@own_transaction_migration
def m004_new_kinds(db: Database) -> None:
    """The kinds other communes' resolutions use (issue 13 §3, docs/progress.md), the
    columns they need (``total``: the y of «04/09 thôn»; ``structure``: the structure a
    share belongs to) and any number of targets (other communes have 12–30, not 22).

    SQLite changes a CHECK only by rebuilding the table: ``items`` and ``figures`` are
    copied into new tables with the new checks, row for row and id for id, the old ones
    dropped and the new ones renamed; their indexes and the triggers that name them are
    made again from their own words. Foreign keys are off during the rebuild (as SQLite's
    own procedure asks) and checked before the commit; everything is one transaction, so a
    power cut leaves the file as it was. The app backs the file up before any migration."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(figures)").fetchall()}
    if "structure" in columns:
        return  # rebuilt already (the record of it was lost with a power cut)
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            _rebuild_items_and_figures(db)
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"m004: {len(broken)} broken links after rebuild")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        db.execute("PRAGMA foreign_keys = ON")


def _rebuild_items_and_figures(db: Database) -> None:
    tables = ("items", "figures")
    kept = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
        "(type = 'index' AND tbl_name IN ('items', 'figures')) OR "
        "(type IN ('trigger', 'view') AND (sql LIKE '%items%' OR sql LIKE '%figures%')))"
    ).fetchall()
    for kind, name, _sql in kept:
        if kind in ("trigger", "view"):  # a rename re-reads them: made again after it
            db.execute(f'DROP {kind.upper()} "{name}"')
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    for table, create in (("items", _ITEMS_M004), ("figures", _FIGURES_M004)):
        db.execute(create)
        names = [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]
        listed = ", ".join(names)
        db.execute(f"INSERT INTO {table}_m004 ({listed}) SELECT {listed} FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {table}_m004 RENAME TO {table}")
    for _kind, _name, sql in kept:
        db.execute(sql)
    for table in tables:
        now = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if now != counts[table]:
            raise sqlite3.IntegrityError(f"m004: {table} had {counts[table]} rows, now {now}")


def place_uid(kind: str, name: str) -> str:
    """The commune and its former communes get the same uid on every laptop (derived from
    their names); villages added later get a random one when created."""
    if kind == "village":
        return str(uuid.uuid4())
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"dk-desktop:{kind}:{name}"))


def schema_version() -> int:
    return len(_MIGRATION_NAMES)


def pending_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]


def apply_migrations(db: Database) -> None:
    migrations.apply(db)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {schema_version()}")


def known_migration_names() -> set[str]:
    return set(_MIGRATION_NAMES)
