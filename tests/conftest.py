"""Shared fixtures: a fresh real SQLite database per test."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from dk_desktop.store.repository import ResultInput, Store  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "du-lieu.sqlite"


@pytest.fixture
def store(db_path: Path):
    opened = Store.open(db_path, user="Nguyễn Văn Thư")
    yield opened
    opened.close()


# --- a small database with known values, for the chart and report tests -------------


def fill_known(store) -> dict:
    """Known results (test data): poverty 5,5 → 4,8 %; 15 + 12 new Party members;
    budget growth 9 and 7,5 %/year; cattle in three villages; the new-rural milestone
    not reached. Returns the figures by code and the villages."""
    commune = store.commune()
    villages = [store.add_village(f"Bản {n}") for n in (1, 2, 3)]
    codes = ("CT11a", "CT20a", "CT02a", "CT04a", "CT05a", "CT12a")
    figures = {code: store.figure_by_code(code) for code in codes}

    def put(code, place, year, value):
        store.set_result(figures[code].id, place.id, year, ResultInput(Decimal(value)))

    put("CT11a", commune, 2026, "5.5")
    put("CT11a", commune, 2027, "4.8")
    put("CT20a", commune, 2026, "15")
    put("CT20a", commune, 2027, "12")
    put("CT02a", commune, 2026, "9")
    put("CT02a", commune, 2027, "7.5")
    put("CT05a", commune, 2026, "0")
    put("CT05a", commune, 2027, "0")
    for village, value in zip(villages[:2], ("4100", "5230"), strict=True):
        put("CT04a", village, 2027, value)
    # Cultural households by village: numerator / denominator.
    for village, (done, total) in zip(villages, ((90, 100), (70, 100), (160, 200)), strict=True):
        store.set_result(
            figures["CT12a"].id,
            village.id,
            2027,
            ResultInput(numerator=Decimal(done), denominator=Decimal(total)),
        )
    return {"figures": figures, "villages": villages}


@pytest.fixture
def known(store):
    return {"store": store, **fill_known(store)}


@pytest.fixture
def note():
    from dk_desktop.charts.style import ChartNote

    return ChartNote(date(2027, 3, 15), "Nghị quyết Đại hội Đảng bộ xã Đoàn Kết (thử)")


# --- real little disks: full, read-only (tests of the store's refusals) ---------------


@pytest.fixture
def small_disk(tmp_path: Path):
    """A factory: ``small_disk("16m")`` mounts a tmpfs of that size for the test (a real
    file system that fills up) and returns its folder; ``small_disk.read_only(folder)``
    makes it read-only. Mounting needs root: skipped otherwise, with the reason."""
    import subprocess

    mounts: list[Path] = []

    def run(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run(command, capture_output=True, text=True)

    def make(size: str = "16m") -> Path:
        if os.name != "posix" or os.geteuid() != 0:
            pytest.skip("mounting a small file system (tmpfs) needs root")
        folder = tmp_path / f"o-dia-{len(mounts)}"
        folder.mkdir()
        done = run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounts.append(folder)
        return folder

    def read_only(folder: Path) -> None:
        done = run("mount", "-o", "remount,ro", str(folder))
        assert done.returncode == 0, done.stderr

    make.read_only = read_only  # type: ignore[attr-defined]
    yield make
    for folder in reversed(mounts):
        run("umount", "-l", str(folder))


@pytest.fixture
def read_only_copy(tmp_path: Path, small_disk):
    """A factory: ``read_only_copy(database, folder_too=True)`` copies a database file
    where it cannot be written and returns the copy's path. As root (who may write any
    file) the copy is on a tmpfs remounted read-only; otherwise the permissions say it."""
    import shutil
    import stat
    import subprocess

    changed: list[Path] = []
    immutable: list[Path] = []

    def make(database: Path, *, folder_too: bool = True) -> Path:
        if os.name == "posix" and os.geteuid() == 0:
            if not folder_too:  # root writes any file, but not an immutable one
                copy = Path(shutil.copy2(database, tmp_path / f"chi-doc-{database.name}"))
                done = subprocess.run(["chattr", "+i", str(copy)], capture_output=True)
                if done.returncode != 0:
                    pytest.skip(f"cannot make a file immutable here: {done.stderr!r}")
                immutable.append(copy)
                return copy
            folder = small_disk("16m")
            copy = Path(shutil.copy2(database, folder / database.name))
            small_disk.read_only(folder)
            return copy
        folder = tmp_path / "chi-doc"
        folder.mkdir(exist_ok=True)
        copy = Path(shutil.copy2(database, folder / database.name))
        copy.chmod(stat.S_IRUSR | stat.S_IRGRP)
        changed.append(copy)
        if folder_too:
            folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
            changed.append(folder)
        return copy

    yield make
    for path in reversed(changed):
        path.chmod(stat.S_IRWXU)
    for path in immutable:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
