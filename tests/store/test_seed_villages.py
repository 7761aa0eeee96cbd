"""A seed may list the commune's villages (docs/seed-format.md, "villages"): a new
commune's file is then made with them in one go, each under its former commune."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from dk_desktop.store.database import create_database
from dk_desktop.store.errors import StoreError
from dk_desktop.store.repository import Store
from dk_desktop.store.seed import read_seed


def _seed(villages: list[dict[str, Any]]) -> dict[str, Any]:
    seed = read_seed()
    seed["villages"] = villages
    return seed


def test_the_seeds_villages_are_made_with_the_file(tmp_path: Path) -> None:
    former = read_seed()["commune"]["former_communes"][0]
    path = tmp_path / "xa.sqlite"
    create_database(
        path,
        _seed(
            [
                # typed decomposed: kept as the one (NFC) name the app compares
                {"name": unicodedata.normalize("NFD", "Bản Nà Mường"), "former_commune": former},
                {"name": "Bản Mới", "former_commune": ""},
            ]
        ),
        created_by="Lò Thị Hương",
    )
    store = Store.open(path)
    try:
        villages = {v.name: v for v in store.villages()}
        assert list(villages) == ["Bản Nà Mường", "Bản Mới"]
        parents = {p.id: p for p in store.places()}
        assert parents[villages["Bản Nà Mường"].parent_id].name == former
        assert parents[villages["Bản Mới"].parent_id].id == store.commune().id
        made = [h for h in store.history() if h.entity == "place"]
        assert sorted(h.new_value for h in made) == ["Bản Mới", "Bản Nà Mường"]
        assert {h.changed_by for h in made} == {"Lò Thị Hương"}
    finally:
        store.close()


@pytest.mark.parametrize(
    ("villages", "words"),
    [
        ([{"name": "Bản A"}, {"name": " bản  a "}], "hai lần bản «bản a»"),
        ([{"name": "Bản A", "former_commune": "Xã Không Có"}], "xã cũ «Xã Không Có»"),
        ([{"name": "  "}], "Bản thứ 1"),
    ],
)
def test_a_wrong_villages_list_is_refused_and_no_file_is_made(
    tmp_path: Path, villages: list[dict[str, Any]], words: str
) -> None:
    path = tmp_path / "xa.sqlite"
    with pytest.raises(StoreError, match=words):
        create_database(path, _seed(villages))
    assert not path.exists()
