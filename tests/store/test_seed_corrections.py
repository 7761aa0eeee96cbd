"""A database made from the earlier seed takes the seed's corrections (issue 12 §5) when the
app opens it, where the clerk has not changed the figure since; nothing else changes."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from dk_desktop.store.repository import Store
from dk_desktop.store.seed_corrections import SEED_CORRECTIONS_2026_12


def as_made_by_the_earlier_seed(path: Path, keep: dict[str, str] | None = None) -> None:
    """Write the earlier seed's words back into a new file and forget migration m003, as
    a file made before the correction is; ``keep`` sets notes a clerk typed since."""
    Store.open(path).close()
    with sqlite3.connect(path) as db:
        for code, changes in SEED_CORRECTIONS_2026_12.items():
            for column, (before, _after) in changes.items():
                db.execute(f"UPDATE figures SET {column} = ? WHERE code = ?", [before, code])
        for code, note in (keep or {}).items():
            db.execute("UPDATE figures SET note = ? WHERE code = ?", [note, code])
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_seed_corrections'")
    db.close()


def test_a_file_of_the_earlier_seed_takes_the_corrections(tmp_path):
    path = tmp_path / "cu.sqlite"
    as_made_by_the_earlier_seed(path, keep={"CT07a": "Ghi chú của văn phòng xã."})
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT kind FROM figures WHERE code = 'CT03d'").fetchone() == ("level",)
    db.close()
    store = Store.open(path)
    try:
        assert store.figure_by_code("CT03d").kind.value == "rate_range"
        assert store.figure_by_code("CT03d").unit == "%/năm"
        assert store.figure_by_code("CT04c").baseline is None
        assert store.figure_by_code("CT09b").baseline == Decimal("62.5")
        assert store.figure_by_code("CT09c").baseline == Decimal("12.5")
        # the clerk's own note is kept, and the history says what the app changed
        assert store.figure_by_code("CT07a").note == "Ghi chú của văn phòng xã."
        changed = store.history(figure_id=store.figure_by_code("CT04c").id)
        assert any(
            e.attribute == "baseline" and e.old_value == "39.1" and e.new_value is None
            for e in changed
        )
        assert not store.history(figure_id=store.figure_by_code("CT07a").id)
    finally:
        store.close()


def test_a_new_file_has_the_corrected_seed_and_no_such_history(tmp_path):
    store = Store.open(tmp_path / "moi.sqlite")
    try:
        for code in SEED_CORRECTIONS_2026_12:
            figure = store.figure_by_code(code)
            assert not store.history(figure_id=figure.id), code
        assert store.figure_by_code("CT09b").baseline == Decimal("62.5")
    finally:
        store.close()
