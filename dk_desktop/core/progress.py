"""How far each figure is along the resolution's path, and what pace is still needed.

Pure Python: takes a FigureSpec and the commune's yearly values, returns an Assessment.
Years are the term's years after the baseline year (2026–2030); a value entered for the
baseline year itself (2025) is the starting point, not a result of the term.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext

from .model import Direction, FigureSpec, Kind, Status, ValueType
from .numbers import format_number

BEHIND_MARGIN = Decimal("0.10")
"""Within 10 % of the way (or of the target) behind the plan counts as "Gần đạt"."""

_HUNDRED = Decimal(100)
_PERCENT_STEP = Decimal("0.1")


@dataclass(frozen=True)
class Assessment:
    status: Status
    percent: Decimal | None
    """"So với NQ (%)": how much of the resolution's target is done."""
    year: int | None
    """The latest year with a result (within the limit asked for)."""
    value: Decimal | None
    """The result judged: the latest level, the running sum, or the term's mean rate."""
    planned: Decimal | None
    """Where the plan says the figure should be in ``year``."""
    pace: Decimal | None
    """Still needed per remaining year: an increment, or a mean rate for rate targets."""
    remaining_years: int


def assess(
    spec: FigureSpec, values: Mapping[int, Decimal], *, as_of: int | None = None
) -> Assessment:
    """Judge one figure from its yearly commune values (year -> value)."""
    last_year = spec.target_year if as_of is None else min(as_of, spec.target_year)
    results = {
        year: value
        for year, value in sorted(values.items())
        if spec.baseline_year < year <= last_year and value is not None
    }
    if not results:
        remaining = spec.target_year - max(spec.baseline_year, last_year)
        return Assessment(
            Status.NO_DATA, None, None, None, None, _pace_without_data(spec), remaining
        )
    year = max(results)
    facts = _Facts(results, _starting_point(spec, values, results), year, results[year])
    return _EVALUATORS[spec.kind](spec, facts)


@dataclass(frozen=True)
class _Facts:
    """What every kind of target is judged from."""

    results: Mapping[int, Decimal]
    """Results of the term's years (after the baseline year, up to the year asked)."""
    start: tuple[int, Decimal] | None
    year: int
    """The latest year with a result, and its value."""
    value: Decimal


def _pace_without_data(spec: FigureSpec) -> Decimal | None:
    """Before any result: the whole target spread over the term, or the rate asked."""
    if spec.kind is Kind.CUMULATIVE:
        return _per_year(spec, spec.target, spec.target_year - spec.baseline_year)  # type: ignore[arg-type]
    if spec.kind is Kind.RATE_RANGE:
        return spec.target
    return None


def _starting_point(
    spec: FigureSpec, values: Mapping[int, Decimal], results: Mapping[int, Decimal]
) -> tuple[int, Decimal] | None:
    """Where the planned path starts: the baseline, else a value entered for the baseline
    year, else the first result (so a figure without a baseline is judged from its first
    measurement, never from a made-up zero)."""
    if spec.baseline is not None:
        return spec.baseline_year, spec.baseline
    if values.get(spec.baseline_year) is not None:
        return spec.baseline_year, values[spec.baseline_year]
    if results:
        first = min(results)
        return first, results[first]
    return None


# --- comparisons --------------------------------------------------------------------


def meets(value: Decimal, comparator: str, target: Decimal) -> bool:
    return {
        ">=": value >= target,
        ">": value > target,
        "<=": value <= target,
        "<": value < target,
        "=": value == target,
    }[comparator]


def _better(spec: FigureSpec, a: Decimal, b: Decimal) -> bool:
    """a is strictly better than b in the figure's direction."""
    return a > b if spec.direction is Direction.UP else a < b


def _exceeds(spec: FigureSpec, value: Decimal) -> bool:
    """Beyond the target, not merely meeting it. A range is exceeded only above its top;
    a strict target ("trên 90 %") or an exact one is met, not exceeded."""
    if spec.target_high is not None:
        return value > spec.target_high
    if spec.comparator in (">=", "<="):
        return _better(spec, value, spec.target)  # type: ignore[arg-type]
    return False


def _ratio_percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return (numerator / denominator * _HUNDRED).quantize(_PERCENT_STEP, ROUND_HALF_UP)


def _status_against_path(
    spec: FigureSpec, value: Decimal, planned: Decimal, span: Decimal
) -> Status:
    """On track at or beyond the planned value; behind within a margin of the whole way."""
    if value == planned or _better(spec, value, planned):
        return Status.ON_TRACK
    if abs(planned - value) <= BEHIND_MARGIN * abs(span):
        return Status.BEHIND
    return Status.AT_RISK


def _per_year(spec: FigureSpec, amount: Decimal, years: int) -> Decimal | None:
    """An amount spread over the remaining years; whole things round up (14,0 → 14; 13,2 → 14)."""
    if years <= 0:
        return None
    pace = amount / years
    if spec.value_type is ValueType.COUNT:
        return pace.quantize(Decimal(1), ROUND_CEILING)
    return pace.quantize(Decimal("0.01"), ROUND_HALF_UP)


def planned_points(spec: FigureSpec, start: tuple[int, Decimal]) -> list[tuple[int, Decimal]]:
    """The corners of the planned path from ``start`` (year, value): the clerk's yearly
    milestones, then the target in the target year; a level already met at the start
    stays at the target."""
    target = spec.target
    assert target is not None
    if spec.kind is Kind.LEVEL and meets(start[1], spec.comparator, target):
        return [(start[0], target), (spec.target_year, target)]
    points = {start[0]: start[1], spec.target_year: target}
    points.update({y: v for y, v in spec.milestones.items() if start[0] < y < spec.target_year})
    return sorted(points.items())


def _planned_value(spec: FigureSpec, start: tuple[int, Decimal], year: int) -> Decimal:
    """The planned path (planned_points) read at ``year``, straight between corners."""
    points = planned_points(spec, start)
    if year <= points[0][0]:
        return points[0][1]
    for (left, low), (right, high) in zip(points, points[1:], strict=False):
        if left <= year <= right:
            return low + (high - low) * Decimal(year - left) / Decimal(right - left)
    return points[-1][1]


def planned_for_year(spec: FigureSpec, year: int) -> Decimal | None:
    """Where the plan puts the figure in ``year``: the straight path (or the clerk's
    milestones) from the baseline to the target, a running total for cumulative figures,
    the level itself for thresholds. None where the path is not known in advance (a level
    without a baseline starts from its first measurement)."""
    target = spec.target
    if target is None or year <= spec.baseline_year:
        return None
    if spec.kind in (Kind.THRESHOLD, Kind.MAINTAIN):
        return target
    if spec.kind is Kind.CUMULATIVE:
        start = (spec.baseline_year, Decimal(0))
    elif spec.kind is Kind.LEVEL and spec.baseline is not None:
        start = (spec.baseline_year, spec.baseline)
    else:
        return None
    return _planned_value(spec, start, year).quantize(Decimal("0.01")).normalize()


# --- the kinds ----------------------------------------------------------------------


def _assess_level(spec: FigureSpec, facts: _Facts) -> Assessment:
    target = spec.target
    assert target is not None
    year, value, start = facts.year, facts.value, facts.start
    remaining = spec.target_year - year
    percent = _level_percent(spec, value, start)
    if meets(value, spec.comparator, target):
        status = Status.EXCEEDED if _exceeds(spec, value) else Status.MET
        return Assessment(status, percent, year, value, target, None, remaining)
    assert start is not None  # there are results, so there is a starting point
    planned = _planned_value(spec, start, year)
    status = _status_against_path(spec, value, planned, target - start[1])
    if start[1] == value and start[0] == year and year < spec.target_year:
        status = Status.ON_TRACK  # the first measurement is the start of its own path
    pace = _per_year(spec, abs(target - value), remaining)
    return Assessment(status, percent, year, value, planned, pace, remaining)


def _level_percent(
    spec: FigureSpec, value: Decimal, start: tuple[int, Decimal] | None
) -> Decimal | None:
    """Gap closed from the baseline (decreases too); actual/target where there is no
    baseline, or where the baseline already met the target."""
    target = spec.target
    assert target is not None
    baseline = spec.baseline
    if baseline is not None and baseline != target and not meets(baseline, spec.comparator, target):
        return _ratio_percent(value - baseline, target - baseline)
    if spec.direction is Direction.UP:
        return _ratio_percent(value, target)
    if value == 0:
        return _HUNDRED if target >= 0 else None
    return _ratio_percent(target, value)


def _assess_cumulative(spec: FigureSpec, facts: _Facts) -> Assessment:
    target = spec.target
    assert target is not None
    year = facts.year
    total = sum(facts.results.values(), Decimal(0))
    remaining = spec.target_year - year
    percent = _ratio_percent(total, target)
    if meets(total, spec.comparator, target):
        status = Status.EXCEEDED if _exceeds(spec, total) else Status.MET
        return Assessment(status, percent, year, total, target, None, remaining)
    path_start = (spec.baseline_year, Decimal(0))  # a sum starts from nothing
    planned = _planned_value(spec, path_start, year)
    status = _status_against_path(spec, total, planned, target)
    pace = _per_year(spec, target - total, remaining)
    return Assessment(status, percent, year, total, planned, pace, remaining)


def _assess_rate(spec: FigureSpec, facts: _Facts) -> Assessment:
    low = spec.target
    assert low is not None
    term_years = spec.target_year - spec.baseline_year
    year = facts.year
    remaining = spec.target_year - year
    growth = _product_of_growth(facts.results.values())
    mean = _mean_rate(growth, len(facts.results))
    percent = _ratio_percent(mean, low) if low != 0 else None
    if meets(mean, spec.comparator, low) and (spec.target_high is None or mean <= spec.target_high):
        return Assessment(Status.MET, percent, year, mean, low, None, remaining)
    if spec.target_high is not None and mean > spec.target_high:
        return Assessment(Status.EXCEEDED, percent, year, mean, low, None, remaining)
    behind = abs(low - mean) <= BEHIND_MARGIN * abs(low) if low != 0 else False
    status = Status.BEHIND if behind else Status.AT_RISK
    pace = None
    if remaining > 0:
        # The mean rate the remaining years need so that the whole term averages `low`.
        needed_growth = _growth(low) ** term_years / growth
        pace = _mean_rate(needed_growth, remaining).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return Assessment(status, percent, year, mean, low, pace, remaining)


def _growth(rate: Decimal) -> Decimal:
    return 1 + rate / _HUNDRED


def _product_of_growth(rates: Iterable[Decimal]) -> Decimal:
    product = Decimal(1)
    for rate in rates:
        product *= _growth(rate)
    return product


def _mean_rate(growth: Decimal, years: int) -> Decimal:
    """Geometric mean yearly rate (%) of a total growth factor over some years."""
    if growth <= 0:
        return Decimal(-100)
    with localcontext() as ctx:
        ctx.prec = 28
        mean = growth ** (Decimal(1) / years)
        return ((mean - 1) * _HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _assess_every_year(spec: FigureSpec, facts: _Facts) -> Assessment:
    """Threshold and maintain: every year must hold the level."""
    target = spec.target
    assert target is not None
    year, value = facts.year, facts.value
    remaining = spec.target_year - year
    if spec.direction is Direction.UP:
        percent = _ratio_percent(value, target)
    else:
        percent = _HUNDRED if value == 0 else _ratio_percent(target, value)
    every_year = all(meets(v, spec.comparator, target) for v in facts.results.values())
    if every_year:
        status = Status.MET
    elif meets(value, spec.comparator, target):
        status = Status.BEHIND  # held now, but some year fell short
    elif abs(target - value) <= BEHIND_MARGIN * abs(target):
        status = Status.BEHIND
    else:
        status = Status.AT_RISK
    pace = target if remaining > 0 else None
    return Assessment(status, percent, year, value, target, pace, remaining)


def _assess_milestone(spec: FigureSpec, facts: _Facts) -> Assessment:
    year, value = facts.year, facts.value
    remaining = spec.target_year - year
    reached = value >= 1
    status = Status.MET if reached else Status.AT_RISK
    percent = _HUNDRED if reached else Decimal(0)
    return Assessment(status, percent, year, value, Decimal(1), None, remaining)


_EVALUATORS = {
    Kind.LEVEL: _assess_level,
    Kind.CUMULATIVE: _assess_cumulative,
    Kind.RATE_RANGE: _assess_rate,
    Kind.THRESHOLD: _assess_every_year,
    Kind.MAINTAIN: _assess_every_year,
    Kind.MILESTONE: _assess_milestone,
}


# --- words ---------------------------------------------------------------------------


def describe_pace(spec: FigureSpec, assessment: Assessment, unit: str) -> str:
    """The pace still needed, as a Vietnamese sentence ("" when nothing more is needed)."""
    if assessment.status.is_met and spec.kind not in (Kind.THRESHOLD, Kind.MAINTAIN):
        return ""
    pace = assessment.pace
    if pace is None:
        if spec.kind is Kind.MILESTONE:
            return f"Phấn đấu đạt trước năm {spec.target_year}"
        return ""
    years = assessment.remaining_years or (spec.target_year - spec.baseline_year)
    span = f"trong {years} năm còn lại"
    unit_text = f" {unit}" if unit else ""
    if pace == 0 and spec.target is not None:  # at a strict target ("trên 90 %"): not yet past it
        word = "vượt" if spec.direction is Direction.UP else "xuống dưới"
        return f"Cần {word} mức {format_number(spec.target)}{unit_text} {span}"
    amount = format_number(pace)
    if spec.kind is Kind.RATE_RANGE:
        return f"Cần tăng bình quân {amount} %/năm {span}"
    if spec.kind in (Kind.THRESHOLD, Kind.MAINTAIN):
        sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}[spec.comparator]
        return f"Cần giữ mức {sign} {amount}{unit_text} mỗi năm {span}"
    if spec.kind is Kind.CUMULATIVE:
        return f"Cần thêm {amount}{unit_text}/năm {span}"
    verb = "tăng" if spec.direction is Direction.UP else "giảm"
    return f"Cần {verb} thêm {amount}{unit_text}/năm {span}"


# --- several figures, several targets --------------------------------------------------


def combine(statuses: Iterable[Status]) -> Status:
    """A target's status from its figures': the worst among those with data; "Vượt" only
    when every figure with data is exceeded."""
    known = [s for s in statuses if s is not Status.NO_DATA]
    if not known:
        return Status.NO_DATA
    return max(known, key=lambda s: s.rank)


@dataclass(frozen=True)
class Summary:
    counts: dict[Status, int]
    total: int

    @property
    def met(self) -> int:
        return self.counts[Status.EXCEEDED] + self.counts[Status.MET]

    def sentence(self, noun: str = "chỉ tiêu") -> str:
        """E.g. "5/22 chỉ tiêu đạt và vượt, 9 đúng tiến độ, 3 gần đạt, 2 chưa đạt"."""
        parts = [f"{self.met}/{self.total} {noun} đạt và vượt"]
        for status, words in (
            (Status.ON_TRACK, "đúng tiến độ"),
            (Status.BEHIND, "gần đạt"),
            (Status.AT_RISK, "chưa đạt"),
            (Status.NO_DATA, "chưa có số liệu"),
        ):
            if self.counts[status]:
                parts.append(f"{self.counts[status]} {words}")
        return ", ".join(parts)


def summarize(statuses: Iterable[Status]) -> Summary:
    counts = dict.fromkeys(Status, 0)
    total = 0
    for status in statuses:
        counts[status] += 1
        total += 1
    return Summary(counts, total)


def commune_total(
    aggregation: str,
    village_values: Iterable[tuple[Decimal | None, Decimal | None, Decimal | None]],
) -> Decimal | None:
    """The commune figure from its villages' (value, numerator, denominator).

    Sums add up; ratios divide the summed numerators by the summed denominators, never
    averaging the villages' percentages (a village of 40 households must not weigh as
    much as one of 400).
    """
    rows = list(village_values)
    if aggregation == "sum":
        present = [v for v, _, _ in rows if v is not None]
        return sum(present, Decimal(0)) if present else None
    if aggregation == "ratio":
        pairs = [(n, d) for _, n, d in rows if n is not None and d is not None]
        denominator = sum((d for _, d in pairs), Decimal(0))
        if not pairs or denominator == 0:
            return None
        numerator = sum((n for n, _ in pairs), Decimal(0))
        return (numerator / denominator * _HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return None
