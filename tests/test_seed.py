"""The seed (db/resolution.json) checked against the source document, figure by figure.

Every item and figure must be traceable: its sentence occurs in the Political Report, and
the number the app ships is the number written there (docs/seed-format.md). The expected
shape of the resolution (22 targets, how many figures each holds, which figures have a
baseline) is written out here by hand, so that a deleted or added figure fails too.

The report is kept in the repository (db/source/, with its provenance). If it is missing,
these tests fail: a seed that cannot be checked is not a checked seed.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from dk_desktop.core.numbers import parse_number

REPO = Path(__file__).absolute().parents[1]
SEED_PATH = REPO / "db" / "resolution.json"
DOCUMENT_NAME = "bao-cao-chinh-tri-dai-hoi-dang-bo-xa-doan-ket-2025-2030.txt"
DOCUMENT_PATH = REPO / "db" / "source" / DOCUMENT_NAME

SEED = json.loads(SEED_PATH.read_text(encoding="utf-8"))
ITEMS = SEED["items"]
FIGURES = [(item, figure) for item in ITEMS for figure in item["figures"]]

# --- what the resolution holds (read off the document by hand) -----------------------

# Part 3, I.2: figures per target. Target 4 holds seven ("cây ăn quả…" has no number).
TARGET_FIGURES = {
    1: 2, 2: 2, 3: 4, 4: 7, 5: 2, 6: 1, 7: 1, 8: 2, 9: 3, 10: 1, 11: 1,
    12: 2, 13: 1, 14: 2, 15: 3, 16: 1, 17: 1, 18: 1, 19: 2, 20: 1, 21: 4, 22: 1,
}  # fmt: skip
BREAKTHROUGH_FIGURES = {"3.1": 1, "3.2": 0, "3.3": 2}
TASK_FIGURES = {
    "1.1": 0, "1.2": 0, "1.3": 0, "1.4": 0, "1.5": 1,
    "2.1": 0, "2.2": 1, "2.3": 0, "2.4": 2,
    "3.1": 0, "3.2": 0,
    "4.1": 0, "4.2": 0, "4.3": 0, "4.4": 0, "4.5": 0,
}  # fmt: skip
# Figures for which Part 2 gives a comparable figure. Not CT04c: its 39,1 ha is the pond
# area kept each year, not area renovated (issue 12). CT09b/c: derived from the schools
# counted in Part 2, (04 + 01) / 08 and 01 / 08 (baseline.derivation).
WITH_BASELINE = {
    "CT02b", "CT03a", "CT04a", "CT04b", "CT04e", "CT04f", "CT05a", "CT09a", "CT09b",
    "CT09c", "CT11a", "CT12a", "CT19a", "CT19b", "CT20a", "NV2.4a", "NV2.4b",
}  # fmt: skip
# Growth rates tracked per year and as the term's mean (issue 12: CT03d is one, like CT03b).
RATE_FIGURES = {"CT02a", "CT03b", "CT03d"}
GROUPS = {"2.1": (1, 8), "2.2": (9, 15), "2.3": (16, 19), "2.4": (20, 22)}
FIELDS = {
    "economy": "Kinh tế",
    "culture_society": "Văn hóa – Xã hội",
    "defence_security": "Quốc phòng – An ninh",
    "party_building": "Xây dựng Đảng",
}
BREAKTHROUGH_FIELDS = {"3.1": "economy", "3.2": "economy", "3.3": "party_building"}
TASK_FIELDS = {"1": "economy", "2": "culture_society", "3": "defence_security",
               "4": "party_building"}  # fmt: skip
FORMER_COMMUNES = ["Quy Hướng", "Tà Lại", "Nà Mường", "Hua Păng"]

KINDS = {"level", "rate_range", "cumulative", "threshold", "maintain", "milestone"}
DIRECTIONS = {"up", "down"}
COMPARATORS = {">=", ">", "<=", "<", "="}
VALUE_TYPES = {"count", "amount", "percent", "rate", "yesno"}
AGGREGATIONS = {"sum", "ratio", "none"}
# baseline.text_unit -> figure unit: factor turning the written number into the value.
UNIT_FACTORS = {("triệu đồng", "tỷ đồng"): Decimal("0.001")}


def target_field(number: int) -> str:
    if number <= 8 or 16 <= number <= 19:
        return "economy"
    if number <= 14:
        return "culture_society"
    return "defence_security" if number == 15 else "party_building"


def target_group(number: int) -> str:
    return next(code for code, (low, high) in GROUPS.items() if low <= number <= high)


# --- reading the document ---------------------------------------------------------------

# The text was extracted from a PDF. A sentence is compared "as it reads", so both the
# document and every quoted sentence go through the same normaliser, which only:
#  1. composes Vietnamese letters (NFC): a few lines of the extraction (855–862, 938) are
#     in decomposed form, which would not match text typed normally;
#  2. drops page-number lines (a line holding only a number, e.g. "10", "11");
#  3. drops footnote markers: a digit 1–5 glued to the end of a word or a "%" and followed
#     by a space or punctuation ("gia đình văn hóa2 trung bình", "chiếm 8,5%3."). Footnotes
#     1–5 are the only ones; the one other hit in the document ("240,66 km2;") is
#     harmless because quotations go through the same function;
#  4. collapses every run of whitespace (line breaks included) into one space.
# Footnote texts themselves are left in place: no shipped sentence runs across one.
PAGE_NUMBER_LINE = re.compile(r"^[ \t]*\d+[ \t]*$", re.MULTILINE)
FOOTNOTE_MARKER = re.compile(r"(?<=[^\W\d_]|%)[1-5](?=[\s.,;:)]|$)")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = PAGE_NUMBER_LINE.sub("", text)
    text = FOOTNOTE_MARKER.sub("", text)
    return " ".join(text.split())


# A number written the Vietnamese way: "9820", "10.000", "11. 152", "4,0", "11. 553,6".
VN_NUMBER = r"(?:\d{1,3}(?:\. ?\d{3})+|\d+)(?:,\d+)?"
NUMBER = re.compile(rf"(?<![\d.,]){VN_NUMBER}(?!\d)")
RANGE = re.compile(rf"(?<![\d.,]){VN_NUMBER}\s*[-–]\s*{VN_NUMBER}")
CANONICAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)


def read(number_text: str) -> str:
    """The canonical decimal string of a number as written ("11. 152" -> "11152")."""
    return str(parse_number(number_text))


@pytest.fixture(scope="module")
def document() -> str:
    assert DOCUMENT_PATH.is_file(), f"Thiếu văn bản gốc để đối chiếu: {DOCUMENT_PATH}"
    return normalise(DOCUMENT_PATH.read_text(encoding="utf-8"))


# --- the checkers -----------------------------------------------------------------------


def quote_problems(label: str, quote: object, document: str) -> list[str]:
    if not isinstance(quote, str) or not quote.strip():
        return [f"{label}: missing"]
    if normalise(quote) not in document:
        return [f"{label} does not occur in the document: {quote!r}"]
    return []


def number_problems(label: str, value: object) -> list[str]:
    if not isinstance(value, str) or not CANONICAL.fullmatch(value):
        return [f"{label} {value!r} is not a canonical decimal string"]
    return []


def baseline_problems(figure: dict, document: str) -> list[str]:
    baseline = figure["baseline"]
    if baseline is None:
        return []
    problems = number_problems("baseline.value", baseline.get("value"))
    if not isinstance(baseline.get("year"), int) or not 2020 <= baseline["year"] <= 2025:
        problems.append(f"baseline.year {baseline.get('year')!r} is not in 2020–2025")
    problems += quote_problems("baseline.source", baseline.get("source"), document)
    text = baseline.get("text")
    if not isinstance(text, str) or normalise(text) not in normalise(baseline.get("source", "")):
        problems.append(f"baseline.text {text!r} is not inside baseline.source")
        return problems
    if problems:
        return problems
    if figure["value_type"] == "yesno":
        if baseline["value"] not in ("0", "1"):
            problems.append("a yes/no baseline is 0 or 1")
        return problems
    if "derivation" in baseline:
        return problems + derivation_problems(baseline)
    numbers = numbers_in(text)
    if not numbers:
        return [f"baseline.text {text!r} holds no number"]
    written = parse_number(numbers[0])
    text_unit = baseline.get("text_unit")
    if text_unit is not None:
        factor = UNIT_FACTORS.get((text_unit, figure["unit"]))
        if factor is None or text_unit not in text:
            return [f"baseline.text_unit {text_unit!r} cannot convert to {figure['unit']!r}"]
        written *= factor
    if str(written) != baseline["value"]:
        problems.append(f"baseline.text {text!r} reads {written}, not {baseline['value']}")
    return problems


def derivation_problems(baseline: dict) -> list[str]:
    """A share worked out from counts the document gives: ``counts`` (as written, each in
    baseline.text) over ``total`` (as written, in baseline.source), × 100, one decimal."""
    derivation = baseline["derivation"]
    counts, total = derivation.get("counts"), derivation.get("total")
    if not counts or not isinstance(total, str):
        return ["baseline.derivation needs counts and a total"]
    problems = [f"count {c!r} not in baseline.text" for c in counts if c not in baseline["text"]]
    if total not in baseline["source"]:
        problems.append(f"total {total!r} not in baseline.source")
    share = sum(parse_number(c) for c in counts) / parse_number(total) * 100
    if str(share.quantize(Decimal("0.1"))) != baseline["value"]:
        problems.append(f"baseline.derivation gives {share}, not {baseline['value']}")
    return problems


def target_problems(figure: dict) -> list[str]:
    """target_text holds the figure: its first number is the target, the second the upper
    end of a range. A yes/no figure's target is 1; its text may name only the year."""
    text = figure["target_text"]
    numbers = numbers_in(text)
    if figure["value_type"] == "yesno":
        problems = []
        if figure["target"] != "1" or figure["comparator"] != "=":
            problems.append("a yes/no figure has target 1 and comparator '='")
        if figure["target_high"] is not None:
            problems.append("a yes/no figure has no target_high")
        if numbers not in ([], [str(figure["target_year"])]):
            problems.append(f"target_text {text!r} holds a number other than the year")
        return problems
    if not numbers:
        return [f"target_text {text!r} holds no number"]
    problems = []
    if read(numbers[0]) != figure["target"]:
        problems.append(f"target_text {text!r} reads {read(numbers[0])}, not {figure['target']}")
    high = figure["target_high"]
    if high is None:
        if RANGE.search(text):
            problems.append(f"target_text {text!r} is a range but target_high is missing")
    elif len(numbers) < 2 or read(numbers[1]) != high:
        problems.append(f"target_text {text!r} does not end its range at {high}")
    elif Decimal(high) <= Decimal(figure["target"]):
        problems.append("target_high must be above target")
    return problems


def value_problems(figure: dict) -> list[str]:
    """The target fits the value type, and kind/direction/comparator agree."""
    value_type, kind = figure["value_type"], figure["kind"]
    problems = []
    for value in (figure["target"], figure["target_high"]):
        if value is None:
            continue
        number = Decimal(value)
        if value_type == "count" and (number < 0 or number != number.to_integral_value()):
            problems.append(f"count {value} is not a whole number ≥ 0")
        if value_type == "amount" and number < 0:
            problems.append(f"amount {value} is negative")
        if value_type == "percent" and not 0 <= number <= 100:
            problems.append(f"percent {value} is not within 0–100")
    if kind == "milestone" and value_type != "yesno":
        problems.append("a milestone is yes/no")
    if value_type == "yesno" and kind not in ("milestone", "threshold"):
        problems.append("a yes/no figure is a milestone or a yearly threshold")
    if kind == "rate_range" and value_type != "rate":
        problems.append("a rate_range figure has value_type rate")
    if kind == "cumulative" and value_type not in ("count", "amount"):
        problems.append("a cumulative figure adds up counts or amounts")
    if figure["direction"] == "down" and figure["comparator"] not in ("<=", "<"):
        problems.append("direction down needs comparator <= or <")
    if figure["direction"] == "up" and figure["comparator"] not in (">=", ">", "="):
        problems.append("direction up needs comparator >=, > or =")
    if figure["comparator"] == "=" and value_type != "yesno":
        problems.append("comparator '=' is for yes/no figures")
    if figure["aggregation"] == "ratio":
        if value_type != "percent":
            problems.append("a ratio is a percentage")
        for part in ("numerator", "denominator"):
            if not isinstance(figure.get(part), str) or not figure[part].strip():
                problems.append(f"a ratio needs a {part} label")
    elif figure.get("numerator") is not None or figure.get("denominator") is not None:
        problems.append("numerator/denominator are only for ratios")
    return problems


def figure_problems(item: dict, figure: dict, document: str) -> list[str]:
    """Everything wrong with one figure, as sentences (empty: the figure is right)."""
    problems = []
    for key, allowed in (
        ("kind", KINDS),
        ("direction", DIRECTIONS),
        ("comparator", COMPARATORS),
        ("value_type", VALUE_TYPES),
        ("aggregation", AGGREGATIONS),
    ):
        if figure.get(key) not in allowed:
            problems.append(f"{key} {figure.get(key)!r} is not one of {sorted(allowed)}")
    if not re.fullmatch(re.escape(item["code"]) + "[a-z]", figure.get("code", "")):
        problems.append(f"code {figure.get('code')!r} is not {item['code']} + a letter")
    for key in ("name", "target_text"):
        if not isinstance(figure.get(key), str) or not figure[key].strip():
            problems.append(f"{key} is missing")
    if not isinstance(figure.get("unit"), str):
        problems.append("unit is missing")
    if figure.get("note") is not None and not str(figure["note"]).strip():
        problems.append("note is empty: use null")
    if figure.get("target_year") != SEED["commune"]["term_end"]:
        problems.append(f"target_year {figure.get('target_year')!r} is not the term's end")
    problems += number_problems("target", figure.get("target"))
    if figure.get("target_high") is not None:
        problems += number_problems("target_high", figure["target_high"])
    problems += quote_problems("source", figure.get("source"), document)
    if problems:
        return problems
    source = normalise(figure["source"])
    if normalise(figure["target_text"]) not in source:
        problems.append(f"target_text {figure['target_text']!r} is not inside source")
    if item["section"] == "target" and source not in normalise(item["source"]):
        problems.append("source is not a sentence of the target's own source")
    problems += target_problems(figure)
    problems += value_problems(figure)
    problems += baseline_problems(figure, document)
    return problems


def item_problems(item: dict, document: str) -> list[str]:
    problems = quote_problems("source", item.get("source"), document)
    if problems:
        return problems
    section, number, source = item["section"], item["number"], item["source"]
    if section == "target":
        n = item["resolution_number"]
        if number != str(n) or item["code"] != f"CT{n:02d}":
            problems.append("a target is numbered CTnn / 'n' / n alike")
        if not source.startswith(f"({n}) ") and not source.startswith(f"({n}). "):
            problems.append(f"source does not start with ({n})")
        if item["group"] != target_group(n):
            problems.append(f"target {n} belongs to group {target_group(n)}")
        if item["field"] != target_field(n):
            problems.append(f"target {n} belongs to field {target_field(n)}")
        if normalise(item["name"]) not in normalise(source):
            problems.append(f"name {item['name']!r} is not words of the source")
    else:
        if item["resolution_number"] is not None or item["group"] is not None:
            problems.append("only targets have a resolution number and a group")
        if not source.startswith(f"{number}. ") or item["name"] != source[len(number) + 2 :]:
            problems.append("source is the heading '<number>. <name>'")
        if section == "breakthrough":
            expected = ("DP" + number.split(".")[1], BREAKTHROUGH_FIELDS.get(number))
        elif section == "task":
            expected = ("NV" + number, TASK_FIELDS.get(number.split(".")[0]))
        else:
            return problems + [f"section {section!r} is not target/breakthrough/task"]
        if (item["code"], item["field"]) != expected:
            problems.append(f"{item['code']} / {item['field']} should be {expected}")
    return problems


# --- the tests --------------------------------------------------------------------------


def test_source_document_is_there() -> None:
    assert DOCUMENT_PATH.is_file(), f"Thiếu văn bản gốc để đối chiếu: {DOCUMENT_PATH}"
    assert SEED["source_file"] == DOCUMENT_PATH.name


def test_top_level() -> None:
    assert SEED["format_version"] == 1
    assert {f["code"]: f["name"] for f in SEED["fields"]} == FIELDS
    assert [f["code"] for f in SEED["fields"]] == list(FIELDS)


def test_commune(document: str) -> None:
    commune = SEED["commune"]
    assert (commune["name"], commune["party_committee"]) == ("Đoàn Kết", "ĐẢNG BỘ XÃ ĐOÀN KẾT")
    assert (commune["term_start"], commune["term_end"]) == (2025, 2030)
    assert commune["former_communes"] == FORMER_COMMUNES
    assert quote_problems("commune.source", commune["source"], document) == []
    for name in commune["former_communes"] + commune["merged_communes"]:
        assert name in commune["source"]


def test_groups(document: str) -> None:
    assert [g["code"] for g in SEED["groups"]] == list(GROUPS)
    for group in SEED["groups"]:
        low, high = GROUPS[group["code"]]
        members = [i for i in ITEMS if i["group"] == group["code"]]
        assert [i["resolution_number"] for i in members] == list(range(low, high + 1))
        assert group["count"] == len(members)
        assert quote_problems("group.source", group["source"], document) == []
        assert group["source"] == f"{group['code']}. {group['name']} ({group['count']} chỉ tiêu)"


def test_exactly_22_targets_numbered_1_to_22() -> None:
    targets = [i for i in ITEMS if i["section"] == "target"]
    assert [i["resolution_number"] for i in targets] == list(range(1, 23))


def test_figures_per_item() -> None:
    def counts(section: str) -> dict:
        return {
            (i["resolution_number"] if section == "target" else i["number"]): len(i["figures"])
            for i in ITEMS
            if i["section"] == section
        }

    assert counts("target") == TARGET_FIGURES
    assert counts("breakthrough") == BREAKTHROUGH_FIGURES
    assert counts("task") == TASK_FIGURES
    assert {i["section"] for i in ITEMS} == {"target", "breakthrough", "task"}


def test_codes_are_unique() -> None:
    item_codes = [i["code"] for i in ITEMS]
    figure_codes = [f["code"] for _, f in FIGURES]
    assert len(set(item_codes)) == len(item_codes)
    assert len(set(figure_codes)) == len(figure_codes)


def test_baselines_where_part_two_gives_one() -> None:
    assert {f["code"] for _, f in FIGURES if f["baseline"] is not None} == WITH_BASELINE


def test_growth_rates_are_tracked_as_rates() -> None:
    rates = {f["code"]: f["unit"] for _, f in FIGURES if f["kind"] == "rate_range"}
    assert set(rates) == RATE_FIGURES
    assert rates["CT03d"] == rates["CT03b"] == "%/năm"


@pytest.mark.parametrize("item", ITEMS, ids=[i["code"] for i in ITEMS])
def test_item_matches_the_document(item: dict, document: str) -> None:
    assert item_problems(item, document) == []


@pytest.mark.parametrize("item, figure", FIGURES, ids=[f["code"] for _, f in FIGURES])
def test_figure_matches_the_document(item: dict, figure: dict, document: str) -> None:
    assert figure_problems(item, figure, document) == []


def test_heading_figures_sit_in_their_own_section(document: str) -> None:
    """A breakthrough's or task's figure is quoted from between its heading and the next."""
    headings = sorted(
        (document.index(normalise(i["source"])), i) for i in ITEMS if i["section"] != "target"
    )
    for (start, item), (end, _) in zip(
        headings, headings[1:] + [(len(document), None)], strict=True
    ):
        for figure in item["figures"]:
            where = document.find(normalise(figure["source"]), start)
            assert start <= where < end, f"{figure['code']} is quoted from another section"


# --- the checker can fail ---------------------------------------------------------------

FIGURE_BY_CODE = {f["code"]: (item, f) for item, f in FIGURES}


def _set(key, value):
    def change(figure: dict) -> None:
        figure[key] = value

    return change


def _set_baseline(key, value):
    def change(figure: dict) -> None:
        figure["baseline"][key] = value

    return change


def _drop_baseline_key(key):
    def change(figure: dict) -> None:
        del figure["baseline"][key]

    return change


OTHER_TOTAL = {"counts": ["01"], "total": "09"}
MUTATIONS = [
    ("CT04b", "target is another number of the document", _set("target", "132399")),
    ("CT04b", "target typed in English format", _set("target", "10.000")),
    ("CT09a", "target is the denominator of 5/8", _set("target", "8")),
    ("CT03b", "target loses its written precision", _set("target", "4")),
    ("CT02a", "range without its upper end", _set("target_high", None)),
    ("CT02a", "range with a wrong upper end", _set("target_high", "12")),
    ("CT04a", "target_text not in the source", _set("target_text", "Tổng đàn gia súc 9.820 con")),
    ("CT04a", "source not in the document", _set("source", "Tổng đàn gia súc 9821 con")),
    ("CT11a", "baseline value mistyped", _set_baseline("value", "6.0")),
    ("CT11a", "baseline source changed", _set_baseline("source", "254 hộ nghèo, chiếm 6,2 %")),
    ("CT02b", "baseline unit conversion dropped", _drop_baseline_key("text_unit")),
    ("CT09b", "derived baseline miscounted", _set_baseline("value", "50.0")),
    ("CT09c", "derived baseline of another total", _set_baseline("derivation", OTHER_TOTAL)),
    ("CT04c", "unknown kind", _set("kind", "stock")),
    ("CT11a", "decrease checked as an increase", _set("direction", "up")),
    ("CT05a", "milestone not reached as target", _set("target", "0")),
    ("CT11a", "ratio without a denominator", _set("denominator", None)),
    ("CT12a", "percentage above 100", _set("target", "185")),
    ("CT20a", "target as a JSON number", _set("target", 80)),
    ("CT06a", "wrong target year", _set("target_year", 2035)),
]  # fmt: skip


@pytest.mark.parametrize(
    "code, change", [(c, f) for c, _, f in MUTATIONS], ids=[d for _, d, _ in MUTATIONS]
)
def test_checker_rejects_a_changed_figure(code: str, change, document: str) -> None:
    item, figure = FIGURE_BY_CODE[code]
    assert figure_problems(item, figure, document) == []
    changed = copy.deepcopy(figure)
    change(changed)
    assert figure_problems(item, changed, document) != []


@pytest.mark.parametrize(
    "code, change",
    [
        ("CT04", _set("source", "(4) Sản phẩm Nông nghiệp chủ yếu: Tổng đàn gia súc 9821")),
        ("CT07", _set("field", "party_building")),
        ("NV2.4", _set("name", "Tiếp tục thực hiện tốt các chính sách")),
        ("DP3", _set("code", "DP2")),
    ],
)  # fmt: skip
def test_checker_rejects_a_changed_item(code: str, change, document: str) -> None:
    item = copy.deepcopy(next(i for i in ITEMS if i["code"] == code))
    change(item)
    assert item_problems(item, document) != []


def test_normaliser_and_number_reader() -> None:
    raw = "gia đình văn hóa2 \ntrung bình đạt 80%.\n\n\n10 \n \nmua\u0300"
    assert normalise(raw) == "gia đình văn hóa trung bình đạt 80%. mu" + "à"
    assert normalise("chiếm 8,5%3. Đã") == "chiếm 8,5%. Đã"
    assert normalise("Tổng đàn gia súc 9820 con") == "Tổng đàn gia súc 9820 con"
    assert numbers_in("11. 553,6 ha; từ 8 - 10%; 5/8; 10.000 con") == [
        "11. 553,6", "8", "10", "5", "8", "10.000",
    ]  # fmt: skip
    assert [read(n) for n in ("11. 152", "4,0", "02", "10.000")] == ["11152", "4.0", "2", "10000"]
