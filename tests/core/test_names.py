"""Names compared after Unicode NFC normalisation (issue 10 §6): what looks the same is the
same place, however the keyboard composed the letters."""

from __future__ import annotations

import unicodedata

import pytest

from dk_desktop.core.names import clean_name, find_named, name_key
from dk_desktop.store.errors import StoreError

COMPOSED = "Bản Suối Giăng 1"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def test_an_nfd_name_is_the_same_name():
    assert DECOMPOSED != COMPOSED
    assert clean_name(f"  {DECOMPOSED}  ") == COMPOSED
    assert name_key(DECOMPOSED) == name_key("bản  suối GIĂNG 1") == name_key(COMPOSED)
    assert name_key("Bản Suối Giăng 2") != name_key(COMPOSED)


def test_a_village_is_found_by_its_name_however_it_was_typed(store):
    villages = [store.add_village("Bản Nà Mường"), store.add_village(COMPOSED)]
    assert find_named(villages, f" {DECOMPOSED.upper()} ") == villages[1]
    assert find_named(villages, "Bản Suối Giăng 2") is None
    assert find_named(villages, "") is None


def test_the_store_keeps_names_in_nfc_and_refuses_an_nfd_duplicate(store):
    village = store.add_village(DECOMPOSED)
    assert village.name == COMPOSED
    with pytest.raises(StoreError):
        store.add_village(COMPOSED)
    renamed = store.update_place(village.id, name=unicodedata.normalize("NFD", "Bản Nà Mường"))
    assert renamed.name == "Bản Nà Mường"


def test_a_file_name_windows_accepts_keeps_the_vietnamese_letters() -> None:
    from dk_desktop.core.names import FILE_NAME_LENGTH, file_name

    assert file_name("Biểu đồ: Tỷ lệ hộ nghèo / bản*") == "Biểu đồ- Tỷ lệ hộ nghèo - bản-"
    assert file_name("  Gói\tsố liệu.  ") == "Gói-số liệu"
    assert file_name("a" * 400) == "a" * FILE_NAME_LENGTH
    assert file_name('/:*?"<>|') == "-"
    assert file_name(" . ") == ""
