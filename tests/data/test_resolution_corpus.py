"""The corpus of other communes' targets (tests/data/resolutions/) is sound.

Each folder holds a commune's «chỉ tiêu chủ yếu» as published (source.txt) and the figures
written by hand from it (expected.json). The drafting benchmark measures against them, so a
wrong key, a kind nobody knows, a number that is not canonical or a `target_text` that is
not in the text would make it measure nothing. See tests/data/resolutions/README.md.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from dk_desktop.core.model import Kind
from dk_desktop.core.numbers import parse_number

CORPUS = Path(__file__).parent / "resolutions"
FOLDERS = sorted(path for path in CORPUS.iterdir() if path.is_dir()) if CORPUS.is_dir() else []

KINDS = {kind.value for kind in Kind}  # the app's kinds, the seven of issue 13 §3 among them
TOP_KEYS = {"commune", "province", "term", "source_url", "source_title", "layout", "figures"}
FIGURE_KEYS = {
    "number",
    "name",
    "target_text",
    "kind",
    "direction",
    "comparator",
    "target",
    "target_high",
    "unit",
    "target_year",
    "total",
    "structure",
}
OPTIONAL_FIGURE_KEYS = {"note"}
# A number as Vietnamese documents write it: "10.000", "11. 553,6", "04", "0,30".
NUMBER = re.compile(r"[0-9]+(?:\. ?[0-9]{3})*(?:,[0-9]+)?")
CANONICAL = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]+)?")


def _numbers(text: str) -> list[str]:
    """The numbers written in a piece of text, each as its canonical decimal string."""
    return [str(parse_number(token)) for token in NUMBER.findall(text)]


def _is_yes_no(figure: dict) -> bool:
    return figure["target"] == "1" and figure["unit"] == "" and figure["comparator"] == "="


def _load(folder: Path) -> tuple[str, dict]:
    source = (folder / "source.txt").read_text(encoding="utf-8")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return source, expected


def test_the_corpus_has_at_least_eight_communes_of_both_terms_and_layouts() -> None:
    assert len(FOLDERS) >= 8
    loaded = [_load(folder)[1] for folder in FOLDERS]
    assert {tuple(expected["term"]) for expected in loaded} >= {(2020, 2025), (2025, 2030)}
    assert {expected["layout"] for expected in loaded} == {"numbered", "sentence"}
    assert len({expected["province"] for expected in loaded}) >= 4


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_source_is_nfc_text_and_expected_has_the_keys(folder: Path) -> None:
    source, expected = _load(folder)
    assert source.strip(), "source.txt is empty"
    assert unicodedata.is_normalized("NFC", source)
    assert expected.keys() >= TOP_KEYS
    assert expected["commune"].startswith(("Xã ", "Phường ", "Thị trấn "))
    start, end = expected["term"]
    assert isinstance(start, int) and end - start == 5
    assert expected["source_url"].startswith(("https://", "http://"))
    assert expected["source_title"].strip()
    assert expected["layout"] in {"numbered", "sentence"}
    assert expected["figures"], "a commune without figures"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_every_figure_is_written_from_the_text(folder: Path) -> None:
    source, expected = _load(folder)
    for figure in expected["figures"]:
        where = f"{folder.name} target {figure.get('number')}: {figure.get('target_text')!r}"
        assert FIGURE_KEYS <= figure.keys() <= FIGURE_KEYS | OPTIONAL_FIGURE_KEYS, where
        assert figure["kind"] in KINDS, where
        assert figure["direction"] in {"up", "down"}, where
        assert figure["comparator"] in {">=", ">", "<=", "<", "="}, where
        assert figure["number"].isdigit(), where
        assert figure["name"].strip(), where
        assert figure["note"].strip() if "note" in figure else True, where
        assert figure["target_text"] in source, where
        start, end = expected["term"]
        assert start <= figure["target_year"] <= end, where
        for key in ("target", "target_high", "total"):
            value = figure[key]
            assert value is None or CANONICAL.fullmatch(value), f"{where}: {key} {value!r}"

        if _is_yes_no(figure):
            assert figure["kind"] in {"milestone", "threshold", "maintain"}, where
            assert figure["target_high"] is None and figure["total"] is None, where
            continue
        assert figure["kind"] != "milestone", f"{where}: a milestone is yes/no"
        # The figure's number comes first in its words; a range's upper end second.
        written = _numbers(figure["target_text"])
        assert written and written[0] == figure["target"], where
        if figure["target_high"] is not None:
            assert written[1] == figure["target_high"], where
            assert Decimal(figure["target_high"]) > Decimal(figure["target"]), where
        if figure["kind"] == "units_of_total":
            assert figure["total"] is not None and written[1] == figure["total"], where
        else:
            assert figure["total"] is None, where
        assert (figure["structure"] is not None) == (figure["kind"] == "structure"), where
        if figure["kind"] == "structure":
            assert figure["comparator"] == "=" and figure["unit"] == "%", where
        elif figure["kind"] == "yearly_change":
            # The target is the size of the yearly change; the comparator compares that size.
            assert figure["comparator"] in {">=", ">"}, where
        elif figure["direction"] == "down":
            assert figure["comparator"] in {"<=", "<"}, where
        else:
            assert figure["comparator"] in {">=", ">"}, where


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_the_shares_of_a_structure_add_up_to_at_most_a_hundred(folder: Path) -> None:
    _, expected = _load(folder)
    totals: dict[str, Decimal] = {}
    for figure in expected["figures"]:
        if figure["kind"] == "structure":
            key = figure["structure"]
            totals[key] = totals.get(key, Decimal(0)) + Decimal(figure["target"])
    for key, total in totals.items():
        assert total <= 100, f"{folder.name}: {key} adds up to {total}"


def test_the_readme_names_every_commune_and_its_source() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for folder in FOLDERS:
        _, expected = _load(folder)
        assert f"`{folder.name}`" in readme
        assert expected["source_url"] in readme
