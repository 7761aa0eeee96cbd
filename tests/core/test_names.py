"""Names compared after Unicode NFC normalisation (issue 10 §6): what looks the same is the
same place, however the keyboard composed the letters."""

from __future__ import annotations

import unicodedata

import pytest

from dk_desktop.core.names import clean_name, name_key
from dk_desktop.store.errors import StoreError

COMPOSED = "Bản Suối Giăng 1"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def test_an_nfd_name_is_the_same_name():
    assert DECOMPOSED != COMPOSED
    assert clean_name(f"  {DECOMPOSED}  ") == COMPOSED
    assert name_key(DECOMPOSED) == name_key("bản  suối GIĂNG 1") == name_key(COMPOSED)
    assert name_key("Bản Suối Giăng 2") != name_key(COMPOSED)


def test_the_store_keeps_names_in_nfc_and_refuses_an_nfd_duplicate(store):
    village = store.add_village(DECOMPOSED)
    assert village.name == COMPOSED
    with pytest.raises(StoreError):
        store.add_village(COMPOSED)
    renamed = store.update_place(village.id, name=unicodedata.normalize("NFD", "Bản Nà Mường"))
    assert renamed.name == "Bản Nà Mường"
