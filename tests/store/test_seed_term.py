"""A seed says its term: every year the app shows comes from it, so a seed without one is
refused in words instead of taking another commune's years."""

from __future__ import annotations

from pathlib import Path

import pytest

from dk_desktop.store.database import create_database
from dk_desktop.store.errors import StoreError
from dk_desktop.store.seed import read_seed


@pytest.mark.parametrize("missing", ["term_start", "term_end"])
def test_a_seed_without_its_term_is_refused_and_no_file_is_made(
    tmp_path: Path, missing: str
) -> None:
    seed = read_seed()
    del seed["commune"][missing]
    path = tmp_path / "xa.sqlite"
    with pytest.raises(StoreError, match="chưa ghi rõ nhiệm kỳ"):
        create_database(path, seed)
    assert not path.exists()
