"""Shared fixtures: a fresh real SQLite database per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from dk_desktop.store.repository import Store  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "du-lieu.sqlite"


@pytest.fixture
def store(db_path: Path):
    opened = Store.open(db_path, user="Nguyễn Văn Thư")
    yield opened
    opened.close()
