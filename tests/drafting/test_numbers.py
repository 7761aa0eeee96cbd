"""Numbers as Political Reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dk_desktop.drafting.numbers import canonical, find_values


def _read(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (
            canonical(v.low.value),
            canonical(v.high.value) if v.high else None,
            canonical(v.total.value) if v.total else None,
        )
        for v in find_values(text)
    ]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("gia cầm là 10.000 con", [("10000", None, None)]),
        ("đạt trên 4,0%/năm", [("4.0", None, None)]),  # the precision written is kept
        ("có từ 02 bản", [("2", None, None)]),
        ("tổng đàn gia súc 11. 553,6 con", [("11553.6", None, None)]),
        ("thành lập mới từ 3-5 doanh nghiệp", [("3", "5", None)]),
        ("hàng năm từ 8 - 10%", [("8", "10", None)]),
        ("giảm hàng năm 0,5%-0,8%", [("0.5", "0.8", None)]),
        ("từ 25 đến 30 ha", [("25", "30", None)]),
        ("số thôn đạt chuẩn: 04/09 thôn", [("4", None, "9")]),
        ("đến năm 2030 đạt 7,0%", [("7.0", None, None)]),  # a year is not a value
        ("nhiệm kỳ 2025-2030", []),
        ("Giá trị sản xuất/1 ha: 60 triệu đồng", [("60", None, None)]),  # «/1 ha» a unit
        ("mức độ 2. 100% trường", [("2", None, None), ("100", None, None)]),
    ],
)
def test_numbers_as_written(text: str, read: list[tuple[str, str | None, str | None]]) -> None:
    assert _read(text) == read


def test_canonical_keeps_the_digits_written() -> None:
    assert canonical(Decimal("4.0")) == "4.0"
    assert canonical(Decimal("10000")) == "10000"
