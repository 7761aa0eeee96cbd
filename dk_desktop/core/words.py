"""The one way a value, a percentage, a target or a verdict becomes words and colours.

The screen, the charts, the PDF and the xlsx all call these, so that they can never
disagree ("87 %" on screen and "87,0" on paper; «Đạt» on screen and «Hoàn thành» in a
report). Pure Python: the UI passes the words through Qt's translation with these very
strings as sources (ui/texts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .model import COMPARISONS, Direction, Indicator, Kind, Status, ValueType
from .numbers import format_number
from .progress import Assessment

YES = "Đạt"
NO = "Chưa đạt"
"""The words of a yes/no figure, typed and shown (also understood: «có», «không»)."""

COMPARED_HEADING = "So với NQ (%)"
PROGRESS_HEADING = "Tiến độ (%)"
PROGRESS_EXPLAINED = (
    "«So với NQ (%)»: kết quả so với mức Nghị quyết (kết quả ÷ NQ; chỉ tiêu cần giảm: "
    "NQ ÷ kết quả; chỉ tiêu cộng dồn: tổng cả nhiệm kỳ ÷ NQ). «Tiến độ (%)»: phần đã đi "
    "được trên chặng đường từ số đầu kỳ (năm đầu nhiệm kỳ) đến mục tiêu, chỉ với chỉ tiêu có số "
    "đầu kỳ."
)
STATUS_EXPLAINED = (
    "Cách đánh giá: «Vượt», «Đạt» — đã đạt mức Nghị quyết; trước năm đích: «Có khả năng "
    "đạt» — bằng hoặc vượt lộ trình (đường thẳng từ số đầu kỳ đến mục tiêu), «Chậm tiến "
    "độ» — thấp hơn lộ trình không quá 10 điểm % so với NQ, «Khó đạt» — thấp hơn nhiều; "
    "năm đích (và mỗi năm với chỉ tiêu hằng năm): «Chưa đạt». «Chưa đến hạn»: mốc chưa "
    "đến năm phải đạt. Chỉ tiêu có nhiều chỉ số chỉ được tính «đạt» khi mọi chỉ số đều có "
    "số liệu và đều đạt; thiếu số liệu thì ghi «Chưa đủ số liệu»."
)


def yes_no_text(value: Decimal) -> str:
    return YES if value >= 1 else NO


def value_text(figure: Indicator, value: Decimal | None, *, with_unit: bool = False) -> str:
    """A result as the clerk writes it: "1.041", "26,3", "Đạt" / "Chưa đạt" for yes/no."""
    if value is None:
        return ""
    if figure.value_type is ValueType.YESNO:
        return yes_no_text(value)
    text = format_number(value)
    if figure.kind is Kind.UNITS_OF_TOTAL and figure.total is not None:
        text = f"{text}/{format_number(figure.total)}"  # «4/9 thôn»
    return f"{text} {figure.unit}" if with_unit and figure.unit else text


def entry_text(
    figure: Indicator,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
) -> str:
    """What an entry holds, as a preview or a conflict shows it: "21/310" (a ratio's
    parts), "1.041 hộ" (with the unit), «Đạt» for a yes/no figure; "" for a note alone."""
    if numerator is not None and denominator is not None:
        return f"{value_text(figure, numerator)}/{value_text(figure, denominator)}"
    return value_text(figure, value, with_unit=True)


def shown_percent(percent: Decimal | None) -> Decimal | None:
    """A percentage rounded the way every report shows it: one decimal at most (66,7; 87).
    The xlsx keeps it a number; percent_text writes it."""
    if percent is None:
        return None
    return percent.quantize(Decimal("0.1"), rounding="ROUND_HALF_UP").normalize()


def percent_text(percent: Decimal | None) -> str:
    """A percentage with one decimal at most, the way a report writes it: "66,7 %",
    "87 %" (never "87,0"), "" for None."""
    rounded = shown_percent(percent)
    return "" if rounded is None else f"{format_number(rounded)} %"


def compared_text(figure: Indicator, assessment: Assessment) -> str:
    """The «So với NQ (%)» cell: the percentage, or for a yes/no figure its words."""
    if figure.value_type is ValueType.YESNO:
        return value_text(figure, assessment.value)
    return percent_text(assessment.percent)


def progress_text(assessment: Assessment) -> str:
    """The «Tiến độ (%)» cell: the share of the way from the baseline ("" without one)."""
    return percent_text(assessment.progress)


def status_text(status: Status | None) -> str:
    return "" if status is None else status.value


def target_text(figure: Indicator, *, with_unit: bool = False) -> str:
    """The resolution's figure, short: "≥ 60", "8–10", "≤ 3", "Đạt", "≥ 80 (cả NK)",
    "> 90 mỗi năm"; the new kinds as their words read: «4/9 thôn», «giảm bình quân 2,1
    điểm %/năm», «tăng 31,6 % so với năm 2025», «≥ 25 đảng viên/năm», «> 4 %/năm»,
    «100 % chỉ tiêu»."""
    new_kind = _new_kind_target(figure, with_unit)
    if new_kind is not None:
        return new_kind
    if figure.value_type is ValueType.YESNO:
        text = YES
    elif figure.target is None:
        return ""
    elif figure.target_high is not None:
        text = f"{format_number(figure.target)}–{format_number(figure.target_high)}"
    else:
        text = f"{COMPARISONS[figure.comparator].sign}{format_number(figure.target)}"
    if with_unit and figure.unit and figure.value_type is not ValueType.YESNO:
        text += f" {figure.unit}"
    if figure.kind is Kind.CUMULATIVE:
        text += " (cả NK)"
    elif figure.kind is Kind.THRESHOLD:
        text += " mỗi năm"
    return text


def _new_kind_target(figure: Indicator, with_unit: bool) -> str | None:
    """target_text of the kinds whose words are not a sign and a number (None otherwise)."""
    target = figure.target
    if target is None:
        return None
    number = format_number(target)
    unit = f" {figure.unit}" if with_unit and figure.unit else ""
    move = "tăng" if figure.direction is Direction.UP else "giảm"
    above = "trên " if figure.comparator in (">", "<") else ""
    if figure.kind is Kind.UNITS_OF_TOTAL and figure.total is not None:
        return f"{number}/{format_number(figure.total)}{unit}"
    if figure.kind is Kind.YEARLY_CHANGE:
        return f"{move} bình quân {above}{number}{unit or '/năm'}"
    if figure.kind is Kind.TERM_GROWTH:
        return f"{move} {above}{number} % so với năm {figure.baseline_year}"
    if figure.kind is Kind.QUOTA:
        return f"{number}{unit or ' %'}"
    if figure.kind in (Kind.YEARLY_MINIMUM, Kind.YEARLY_RATE):
        sign = COMPARISONS[figure.comparator].sign
        return f"{sign}{number}{unit or ' mỗi năm'}"
    return None


def baseline_text(figure: Indicator) -> str:
    if figure.baseline is None:
        return ""
    return value_text(figure, figure.baseline)


def year_row_label(figure: Indicator, year: int) -> str:
    """What a year's row means for this figure: its baseline year's row (2025 for the
    bundled resolution, the first year of any file's term) of a cumulative figure counts
    in the term («2025 (từ Đại hội)»); for every other kind it is the baseline year."""
    if year != figure.baseline_year:
        return str(year)
    if figure.kind is Kind.CUMULATIVE:
        return f"{year} (từ Đại hội)"
    return f"{year} (năm gốc)"


def villages_text(reported: tuple[int, int] | None) -> str:
    """ "12/31 bản có số liệu": why a commune total is «Chưa đủ số liệu»."""
    if reported is None:
        return ""
    return f"{reported[0]}/{reported[1]} bản có số liệu"


def term_text(start: int | str, end: int | str) -> str:
    """The Congress's term as Party committees' documents write it: «2025 – 2030», an en
    dash with a space each side (docs/report-formats.md). Every report, chart and window
    that names the term calls this."""
    return f"{start} – {end}"


def figures_with_data_text(with_data: int, total: int) -> str:
    """ "2/7 chỉ số có số liệu": why a target is «Chưa đủ số liệu»."""
    return f"{with_data}/{total} chỉ số có số liệu"


# --- colours ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusLook:
    """One palette for screen and paper: dark ink on a light fill, and a hatch so that a
    black-and-white printout tells the bars apart; the word is always written beside."""

    ink: str
    fill: str
    hatch: str | None


STATUS_LOOKS: dict[Status, StatusLook] = {
    Status.EXCEEDED: StatusLook("#0b3d12", "#8fd19e", None),
    Status.MET: StatusLook("#14501d", "#c3e6c8", None),
    Status.NOT_DUE: StatusLook("#333333", "#f2f2f2", "--"),
    Status.ON_TRACK: StatusLook("#0d3c61", "#c6dcf2", "///"),
    Status.BEHIND: StatusLook("#5c3d00", "#ffe08a", "..."),
    Status.AT_RISK: StatusLook("#7a0c0c", "#f5b5b0", "xxx"),
    Status.NOT_MET: StatusLook("#5a0000", "#e57373", "xxxx"),
    Status.INCOMPLETE: StatusLook("#444444", "#e6e6e6", "\\\\"),
    Status.NO_DATA: StatusLook("#555555", "#ffffff", None),
}


def level_unit(figure: Indicator) -> str:
    """The unit of what is typed each year. It is the figure's unit, except where the
    resolution asks for a change of a level: a yearly change in «điểm %/năm» is followed by
    the level in «%» (6,1 %, 4,5 %…), a growth «31,6 %» over the term by a level whose unit
    the resolution does not give (the figure's name says what it is)."""
    if figure.kind is Kind.YEARLY_CHANGE:
        return "%" if "%" in figure.unit else figure.unit.removesuffix("/năm").strip()
    if figure.kind is Kind.TERM_GROWTH:
        return ""
    return figure.unit


def baseline_words(figure: Indicator, typed_2025: Decimal | None) -> str:
    """The header's starting point: the resolution's baseline; else, for a level, the value
    typed for 2025 (the baseline year's value, used as the baseline); «chưa có» only when
    neither exists. A cumulative figure's baseline is the previous term's total."""
    shown_unit = level_unit(figure)
    unit = f" {shown_unit}" if shown_unit and figure.value_type is not ValueType.YESNO else ""
    year = figure.baseline_year
    if figure.kind is Kind.CUMULATIVE:
        if figure.baseline is None:
            return f"Nhiệm kỳ trước: chưa có; năm {year} tính từ Đại hội"
        shown = value_text(figure, figure.baseline)
        return f"Nhiệm kỳ trước: {shown}{unit}; năm {year} tính từ Đại hội"
    if figure.baseline is not None:
        return f"Gốc {year}: {value_text(figure, figure.baseline)}{unit}"
    if typed_2025 is not None:
        return f"Gốc {year}: {value_text(figure, typed_2025)}{unit} (số đã nhập cho năm {year})"
    return f"Gốc {year}: chưa có"
