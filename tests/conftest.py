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
