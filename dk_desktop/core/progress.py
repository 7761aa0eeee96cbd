"""How far each figure is along the resolution's path, and what pace is still needed.

Pure Python: takes a FigureSpec and the commune's yearly values, returns an Assessment.
The rules, with worked examples, are in docs/progress.md. In short:

- «So với NQ (%)» (``Assessment.percent``) is the value against the resolution's figure, as
  Vietnamese reports write it: value ÷ NQ for what should grow (the sum for totals over the
  term, the lower end of a range), NQ ÷ value for what should fall.
- «Tiến độ (%)» (``Assessment.progress``) is the share of the way from the baseline to the
  target (gap closure), only for levels whose starting point is known.
- The verdict: «Vượt»/«Đạt» when met; in the target year otherwise «Chưa đạt»; before it,
  against the planned path: «Có khả năng đạt» at or beyond it, «Chậm tiến độ» when close
  (CLOSE_POINTS of «So với NQ» behind it), «Khó đạt» further behind.

Years: the term runs from the Congress (2025) to 2030. A level's 2025 value is the baseline
year's value (the starting point where the resolution gives no baseline); a cumulative
figure's 2025 value is what was done from the Congress to the end of 2025 and counts in the
term's total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext

from .model import COMPARISONS, YEARLY_KINDS, Direction, FigureSpec, Kind, Status, ValueType
from .numbers import format_number

CLOSE_POINTS = Decimal(10)
""""Close": «So với NQ» at most this many points below where the plan puts it that year
(below the target itself where no path is known). The one definition, for every kind."""

_HUNDRED = Decimal(100)
_PERCENT_STEP = Decimal("0.1")


@dataclass(frozen=True)
class Assessment:
    status: Status
    percent: Decimal | None
    """«So với NQ (%)»: the value against the resolution's figure (None for yes/no)."""
    year: int | None
    """The latest year with a result (within the limit asked for)."""
    value: Decimal | None
    """The result judged: the latest level, the running sum, or the term's mean rate."""
    planned: Decimal | None
    """Where the plan says the figure should be in ``year``."""
    pace: Decimal | None
    """Still needed per remaining year: an increment, or a mean rate for rate targets."""
    remaining_years: int
    progress: Decimal | None = None
    """«Tiến độ (%)»: the share of the way from the starting point to the target."""
    missed_years: tuple[int, ...] = ()
    """Thresholds and "duy trì": the years (before ``year``) that fell short."""
    reported: tuple[int, int] | None = None
    """A commune total added up from villages and not complete: (villages that reported,
    villages) of the year that made it incomplete; the status is then «Chưa đủ số liệu»."""


def counted_years(spec: FigureSpec) -> int:
    """The first year whose value is a result of the term: the baseline year itself for a
    cumulative figure (work done from the Congress to the end of 2025 counts), the year
    after it for every other kind (the baseline year's value is the starting point)."""
    return spec.baseline_year if spec.kind is Kind.CUMULATIVE else spec.baseline_year + 1


def assess(
    spec: FigureSpec,
    values: Mapping[int, Decimal],
    *,
    as_of: int | None = None,
    coverage: Mapping[int, tuple[int, int]] | None = None,
) -> Assessment:
    """Judge one figure from its yearly commune values (year -> value). ``coverage`` holds,
    for the years whose value was added up from villages, (villages that reported,
    villages): a total some villages are missing from is not judged (village_coverage)."""
    last_year = spec.target_year if as_of is None else min(as_of, spec.target_year)
    first_year = counted_years(spec)
    results = {
        year: value
        for year, value in sorted(values.items())
        if first_year <= year <= last_year and value is not None
    }
    if not results:
        remaining = spec.target_year - max(spec.baseline_year, last_year)
        return Assessment(
            Status.NO_DATA, None, None, None, None, _pace_without_data(spec), remaining
        )
    year = max(results)
    short = _incomplete_year(spec, results, coverage or {})
    if short is not None:
        # one village's 3.000 head of cattle is not the commune's herd: say who reported
        value = sum(results.values(), Decimal(0)) if spec.kind is Kind.CUMULATIVE else None
        value = results[year] if value is None else value
        remaining = spec.target_year - year
        return Assessment(
            Status.INCOMPLETE, None, year, value, None, None, remaining, reported=short
        )
    facts = _Facts(results, _starting_point(spec, values, results), year, results[year])
    aimed = aimed_spec(spec)
    assessment = _EVALUATORS[spec.kind](aimed, facts)
    falling_range = aimed.target != spec.target
    if falling_range and assessment.status.is_met and assessment.value is not None:
        # «giảm còn 2,5-3,5%»: 3 % is within the range (Đạt), 2 % below its lower end (Vượt)
        low = spec.target
        beyond = low is not None and assessment.value < low
        return _replace_status(assessment, Status.EXCEEDED if beyond else Status.MET)
    return assessment


def aimed_spec(spec: FigureSpec) -> FigureSpec:
    """What must be reached. A falling level given as a range («tỷ lệ hộ nghèo giảm còn
    2,5-3,5%») is reached at its upper end (3,5 %: «So với NQ», the path and the pace are
    measured against it); below its lower end it is «Vượt». A structure's share written
    with "=" («nông, lâm nghiệp 75%») is reached from its direction's side. A yearly change
    or a growth over the term is the size of the change asked («giảm bình quân 2,1%/năm»:
    at least 2,1), whatever the direction."""
    if spec.kind is Kind.STRUCTURE and spec.comparator == "=":
        return replace(spec, comparator=">=" if spec.direction is Direction.UP else "<=")
    if spec.kind in (Kind.YEARLY_CHANGE, Kind.TERM_GROWTH):
        strict = spec.comparator in (">", "<")
        return replace(spec, comparator=">" if strict else ">=")
    falling_range = spec.direction is Direction.DOWN and spec.target_high is not None
    if falling_range and spec.kind in (Kind.LEVEL, Kind.MAINTAIN, Kind.THRESHOLD):
        return replace(spec, target=spec.target_high, target_high=None)
    return spec


def _incomplete_year(
    spec: FigureSpec, results: Mapping[int, Decimal], coverage: Mapping[int, tuple[int, int]]
) -> tuple[int, int] | None:
    """(reported, villages) of a year the verdict rests on whose village total is
    incomplete: the latest year, or for a total over the term (or a mean rate) any year."""
    over_term = (Kind.CUMULATIVE, Kind.RATE_RANGE)
    years = list(results) if spec.kind in over_term else [max(results)]
    for year in sorted(years, reverse=True):
        reported, villages = coverage.get(year, (0, 0))
        if reported < villages:
            return reported, villages
    return None


def village_coverage(
    aggregation: str,
    rows: Iterable[tuple[int, int, int, object, object, object]],
    commune_id: int,
    villages: set[int],
) -> dict[int, tuple[int, int]]:
    """For each year whose commune value is added up from villages (nothing typed for the
    commune itself): (active villages that reported, active villages). ``rows`` are
    (figure_id, place_id, year, value, numerator, denominator) as stored."""
    if aggregation not in ("sum", "ratio") or not villages:
        return {}
    rows = list(rows)
    typed = {
        year for _, place, year, value, _, _ in rows if place == commune_id and value is not None
    }
    reported: dict[int, set[int]] = {}
    for _, place, year, value, numerator, denominator in rows:
        if place not in villages or year in typed:
            continue
        counted = (
            value is not None if aggregation == "sum" else None not in (numerator, denominator)
        )
        if counted:
            reported.setdefault(year, set()).add(place)
    return {year: (len(places), len(villages)) for year, places in reported.items()}


@dataclass(frozen=True)
class _Facts:
    """What every kind of target is judged from."""

    results: Mapping[int, Decimal]
    """Results of the term's years (see counted_years), up to the year asked."""
    start: tuple[int, Decimal] | None
    year: int
    """The latest year with a result, and its value."""
    value: Decimal


def _pace_without_data(spec: FigureSpec) -> Decimal | None:
    """Before any result: the whole target spread over the term, or the rate asked."""
    if spec.kind is Kind.CUMULATIVE:
        return _per_year(spec, spec.target, spec.target_year - spec.baseline_year)  # type: ignore[arg-type]
    if spec.kind in (Kind.RATE_RANGE, Kind.YEARLY_CHANGE):
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


def _met_status(spec: FigureSpec, value: Decimal) -> Status:
    """«Vượt» when the value is past the resolution's figure (a range: past its top), for
    every kind, thresholds and "duy trì" included; «Đạt» when it is exactly there. A strict
    target ("trên 90 %") asks to be past its figure, so being past it is «Đạt»."""
    if spec.target_high is not None:
        return Status.EXCEEDED if value > spec.target_high else Status.MET
    if spec.comparator in (">=", "<=") and _better(spec, value, spec.target):  # type: ignore[arg-type]
        return Status.EXCEEDED
    return Status.MET


def _ratio_percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return (numerator / denominator * _HUNDRED).quantize(_PERCENT_STEP, ROUND_HALF_UP)


def against_resolution(spec: FigureSpec, value: Decimal | None) -> Decimal | None:
    """«So với NQ (%)» of a value: value ÷ NQ for what should grow (a range: its lower end),
    NQ ÷ value for what should fall ("giảm còn 3 %": 4,5 % is 66,7 %). None for a yes/no
    figure (its words say it) and where the division has no meaning."""
    target = spec.target
    if value is None or target is None or spec.value_type is ValueType.YESNO:
        return None
    if spec.direction is Direction.DOWN:
        if value == 0:
            return _HUNDRED if target == 0 else None
        return _ratio_percent(target, value)
    return _ratio_percent(value, target)


def _missed_verdict(spec: FigureSpec, year: int, value: Decimal, planned: Decimal | None) -> Status:
    """A value that does not meet the target: «Chưa đạt» in the target year (final),
    before it the chance of reaching it (_close_verdict)."""
    if year >= spec.target_year:
        return Status.NOT_MET
    return _close_verdict(spec, value, planned)


def _close_verdict(spec: FigureSpec, value: Decimal, planned: Decimal | None) -> Status:
    """Before the target year, a value not yet meeting the target: «Có khả năng đạt» at or
    beyond the planned value, «Chậm tiến độ» within CLOSE_POINTS of «So với NQ» behind it,
    «Khó đạt» further. Without a known path the target itself is the measure, so such a
    value is never «Có khả năng đạt»."""
    target = spec.target
    assert target is not None
    if planned is not None and (value == planned or _better(spec, value, planned)):
        return Status.ON_TRACK
    reached = against_resolution(spec, value)
    expected = against_resolution(spec, planned if planned is not None else target)
    if reached is None or expected is None:
        return Status.AT_RISK
    return Status.BEHIND if reached >= expected - CLOSE_POINTS else Status.AT_RISK


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
    spec = aimed_spec(spec)
    target = level_aim(spec, start)
    assert target is not None
    if spec.kind is Kind.YEARLY_CHANGE:  # the change asked each year, down to 0 at most
        return [(y, _changed_level(spec, start, y)) for y in range(start[0], spec.target_year + 1)]
    if spec.kind is Kind.TERM_GROWTH:
        return [start, (spec.target_year, target)]  # a change asked: no clerk's milestones
    if spec.kind in _LEVEL_KINDS and meets(start[1], spec.comparator, target):
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
    spec = aimed_spec(spec)
    if spec.kind in YEARLY_KINDS:
        return spec.target
    if spec.kind is Kind.CUMULATIVE:
        start = (spec.baseline_year, Decimal(0))
    elif spec.kind in _LEVEL_KINDS and spec.baseline is not None:
        start = (spec.baseline_year, spec.baseline)
    else:
        return None
    return _planned_value(spec, start, year).quantize(Decimal("0.01")).normalize()


_LEVEL_KINDS = (
    Kind.LEVEL,
    Kind.UNITS_OF_TOTAL,
    Kind.STRUCTURE,
    Kind.YEARLY_CHANGE,
    Kind.TERM_GROWTH,
)
"""Kinds whose typed value is a level on a path from the starting point."""


def level_aim(spec: FigureSpec, start: tuple[int, Decimal]) -> Decimal | None:
    """The level the resolution asks for in the target year, from ``start`` (year,
    value): the target itself, or for a yearly change the start moved by the change asked
    each year (6,1 % − 5 × 2,1 điểm), for a growth over the term the start grown by it
    (55 triệu × 1,316)."""
    target = aimed_spec(spec).target
    if target is None:
        return None
    sign = 1 if spec.direction is Direction.UP else -1
    if spec.kind is Kind.YEARLY_CHANGE:
        return _changed_level(spec, start, spec.target_year)
    if spec.kind is Kind.TERM_GROWTH:
        return start[1] * (1 + sign * target / _HUNDRED)
    return target


def _changed_level(spec: FigureSpec, start: tuple[int, Decimal], year: int) -> Decimal:
    """A yearly change's level in ``year``: the start moved by the change asked each year
    since; a level that starts at or above 0 (a rate) never goes below 0."""
    asked = spec.target or Decimal(0)
    sign = 1 if spec.direction is Direction.UP else -1
    moved = start[1] + sign * asked * (year - start[0])
    return max(moved, Decimal(0)) if start[1] >= 0 else moved


# --- the kinds ----------------------------------------------------------------------


def _assess_level(spec: FigureSpec, facts: _Facts) -> Assessment:
    target = spec.target
    assert target is not None
    year, value, start = facts.year, facts.value, facts.start
    remaining = spec.target_year - year
    percent = against_resolution(spec, value)
    progress = _gap_closed(spec, value, start, year)
    if meets(value, spec.comparator, target):
        status = _met_status(spec, value)
        return Assessment(status, percent, year, value, target, None, remaining, progress)
    assert start is not None  # there are results, so there is a starting point
    own_start = start == (year, value)  # the first measurement: no path known yet
    planned = None if own_start else _planned_value(spec, start, year)
    status = _missed_verdict(spec, year, value, planned)
    pace = _per_year(spec, abs(target - value), remaining)
    return Assessment(status, percent, year, value, planned, pace, remaining, progress)


def _gap_closed(
    spec: FigureSpec, value: Decimal, start: tuple[int, Decimal] | None, year: int
) -> Decimal | None:
    """«Tiến độ (%)»: the share of the way from the starting point (the baseline, else the
    2025 value, else the first value) to the target. None where the start is this very
    value, or already met the target (there was no way to go)."""
    target = spec.target
    if start is None or target is None or start[0] >= year:
        return None
    begin = start[1]
    if begin == target or meets(begin, spec.comparator, target):
        return None
    return _ratio_percent(value - begin, target - begin)


def _assess_cumulative(spec: FigureSpec, facts: _Facts) -> Assessment:
    target = spec.target
    assert target is not None
    year = facts.year
    total = sum(facts.results.values(), Decimal(0))
    remaining = spec.target_year - year
    percent = against_resolution(spec, total)
    if meets(total, spec.comparator, target):
        return Assessment(_met_status(spec, total), percent, year, total, target, None, remaining)
    path_start = (spec.baseline_year, Decimal(0))  # a sum starts from nothing
    planned = _planned_value(spec, path_start, year)
    status = _missed_verdict(spec, year, total, planned)
    pace = _per_year(spec, target - total, remaining)
    return Assessment(status, percent, year, total, planned, pace, remaining)


def _assess_rate(spec: FigureSpec, facts: _Facts) -> Assessment:
    low = spec.target
    assert low is not None
    term_years = spec.target_year - spec.baseline_year
    year = facts.year
    remaining = spec.target_year - year
    elapsed = term_years - remaining  # years of the term so far, with or without data
    growth = _product_of_growth(facts.results.values())
    mean = _mean_rate(growth, len(facts.results))
    percent = against_resolution(spec, mean)
    if meets(mean, spec.comparator, low):
        return Assessment(_met_status(spec, mean), percent, year, mean, low, None, remaining)
    status = _missed_verdict(spec, year, mean, None)
    pace = None
    # a year at −100 % leaves nothing to grow from: no later rate makes up for it, and
    # the mean still needed cannot be computed (it divided by zero)
    if remaining > 0 and growth > 0:
        # The mean rate the remaining years need so that the whole term averages `low`,
        # the years without data counted at the mean shown (not at 0 %).
        with localcontext() as ctx:
            ctx.prec = 28
            so_far = growth ** (Decimal(elapsed) / len(facts.results))
            needed_growth = _growth(low) ** term_years / so_far
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
    """Threshold and "duy trì": each year is judged on its own, and that verdict is final
    for the year (a missed year is «Chưa đạt», not a chance); earlier years that fell short
    are listed in ``missed_years`` (and in the pace sentence)."""
    target = spec.target
    assert target is not None
    year, value = facts.year, facts.value
    remaining = spec.target_year - year
    percent = against_resolution(spec, value)
    missed = tuple(
        y for y, v in facts.results.items() if y != year and not meets(v, spec.comparator, target)
    )
    met = meets(value, spec.comparator, target)
    status = _met_status(spec, value) if met else Status.NOT_MET
    pace = target if remaining > 0 else None
    return Assessment(status, percent, year, value, target, pace, remaining, None, missed)


def _assess_milestone(spec: FigureSpec, facts: _Facts) -> Assessment:
    """Yes/no: reached is «Đạt»; not reached before the target year is «Chưa đến hạn» (no
    failure), in the target year «Chưa đạt». A milestone followed by its criteria count
    (value type count, target the number of criteria, e.g. 19) has a level's numbers (so
    với NQ, tiến độ, pace in criteria) and, before its year, «Chưa đến hạn» as its verdict
    (docs/progress.md)."""
    if spec.value_type is not ValueType.YESNO:
        assessment = _assess_level(spec, facts)
        if assessment.status in (Status.ON_TRACK, Status.BEHIND, Status.AT_RISK):
            return _replace_status(assessment, Status.NOT_DUE)
        return assessment
    year, value = facts.year, facts.value
    remaining = spec.target_year - year
    if value >= 1:
        status = Status.MET
    elif year < spec.target_year:
        status = Status.NOT_DUE
    else:
        status = Status.NOT_MET
    return Assessment(status, None, year, value, Decimal(1), None, remaining)


def _assess_change(spec: FigureSpec, facts: _Facts) -> Assessment:
    """A yearly change («tỷ lệ hộ nghèo giảm bình quân mỗi năm 2,1%») or a growth over the
    term («tăng 31,6% so với năm 2025»): the clerk types the level each year; what is
    judged is its change from the starting point in the figure's direction — the mean per
    year (điểm %/năm) or the growth in % of the start — against the size asked."""
    target = spec.target
    assert target is not None
    start, year, level = facts.start, facts.year, facts.value
    remaining = spec.target_year - year
    if start is None or start[0] >= year or (spec.kind is Kind.TERM_GROWTH and start[1] == 0):
        # one value and nothing before it: no change can be measured yet
        return Assessment(Status.INCOMPLETE, None, year, None, None, None, remaining)
    sign = 1 if spec.direction is Direction.UP else -1
    moved = sign * (level - start[1])
    size = replace(spec, direction=Direction.UP)  # the change is judged by its size
    span = spec.target_year - start[0]
    if spec.kind is Kind.YEARLY_CHANGE:
        change = (moved / (year - start[0])).quantize(Decimal("0.01"), ROUND_HALF_UP)
        planned = None  # the mean asked is the same every year: the plan is the target
        progress = _ratio_percent(moved, target * span)
    else:
        change = (moved / start[1] * _HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP)
        planned = (target * (year - start[0]) / span).quantize(Decimal("0.01"), ROUND_HALF_UP)
        progress = None  # the share of the way is the growth ÷ the growth asked: «So với NQ»
    percent = against_resolution(size, change)
    if meets(change, spec.comparator, target):
        status = _met_status(size, change)
        return Assessment(status, percent, year, change, target, None, remaining, progress)
    status = _missed_verdict(size, year, change, planned)
    pace = None
    if remaining > 0 and spec.kind is Kind.YEARLY_CHANGE:
        pace = _per_year(spec, target * span - moved, remaining)
    elif remaining > 0 and level > 0:
        aim = level_aim(spec, start)
        assert aim is not None
        with localcontext() as ctx:
            ctx.prec = 28
            factor = (aim / level) ** (Decimal(1) / remaining)
        pace = (sign * (factor - 1) * _HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return Assessment(status, percent, year, change, planned, pace, remaining, progress)


def _replace_status(assessment: Assessment, status: Status) -> Assessment:
    return replace(assessment, status=status)


_EVALUATORS = {
    Kind.LEVEL: _assess_level,
    Kind.CUMULATIVE: _assess_cumulative,
    Kind.RATE_RANGE: _assess_rate,
    Kind.THRESHOLD: _assess_every_year,
    Kind.MAINTAIN: _assess_every_year,
    Kind.MILESTONE: _assess_milestone,
    # yearly amounts, rates and quotas: each year against the same figure, like a threshold
    Kind.YEARLY_MINIMUM: _assess_every_year,
    Kind.YEARLY_RATE: _assess_every_year,
    Kind.QUOTA: _assess_every_year,
    # x of y units and a structure's share: levels to reach by the target year
    Kind.UNITS_OF_TOTAL: _assess_level,
    Kind.STRUCTURE: _assess_level,
    Kind.YEARLY_CHANGE: _assess_change,
    Kind.TERM_GROWTH: _assess_change,
}


# --- words ---------------------------------------------------------------------------


def _unit_words(unit: str) -> str:
    return f" {unit}" if unit else ""


def _per_year_words(spec: FigureSpec, unit: str) -> str:
    """ " đảng viên/năm", " điểm %/năm" (a level in % moves in percentage points), and
    " triệu đồng/người/năm mỗi năm" where the unit already ends in "/năm"."""
    if spec.kind in (Kind.LEVEL, Kind.STRUCTURE) and unit.strip() == "%":
        return " điểm %/năm"
    if unit.endswith("/năm"):
        return f" {unit} mỗi năm"
    return f"{_unit_words(unit)}/năm"


def describe_pace(spec: FigureSpec, assessment: Assessment, unit: str) -> str:
    """The pace still needed, as a Vietnamese sentence ("" when nothing more is needed)."""
    if spec.kind in YEARLY_KINDS:
        return _keep_words(spec, assessment, unit)
    if assessment.status.is_met:
        return ""
    pace = assessment.pace
    if pace is None:
        if spec.kind is Kind.MILESTONE and spec.value_type is ValueType.YESNO:
            return f"Phấn đấu đạt vào năm {spec.target_year}"
        return ""
    years = assessment.remaining_years or (spec.target_year - spec.baseline_year)
    span = f"trong {years} năm còn lại"
    strict = spec.comparator in (">", "<")
    above = "trên " if strict else ""
    if pace == 0 and spec.target is not None:  # at a strict target ("trên 90 %"): not yet past it
        word = "vượt" if spec.direction is Direction.UP else "xuống dưới"
        return f"Cần {word} mức {format_number(spec.target)}{_unit_words(unit)} {span}"
    amount = format_number(pace)
    if spec.kind is Kind.RATE_RANGE:
        return f"Cần tăng bình quân {above}{amount} %/năm {span}"
    move = "tăng" if spec.direction is Direction.UP else "giảm"
    if spec.kind is Kind.YEARLY_CHANGE:  # the unit is already per year: «điểm %/năm»
        return f"Cần {move} bình quân {above}{amount}{_unit_words(unit)} {span}"
    if spec.kind is Kind.TERM_GROWTH:  # the level's mean yearly rate still needed
        return f"Cần {move} bình quân {above}{amount} %/năm {span}"
    verb = "thêm" if spec.kind is Kind.CUMULATIVE else _verb(spec)
    still = _still_needed(spec, assessment)
    if spec.value_type is ValueType.COUNT and still is not None and still % years != 0:
        # 2 more over 4 years is not "1 a year" (that makes 4): say the total.
        return f"Cần {verb} {above}{format_number(still)}{_unit_words(unit)} {span}"
    return f"Cần {verb} {above}{amount}{_per_year_words(spec, unit)} {span}"


def _verb(spec: FigureSpec) -> str:
    return "tăng thêm" if spec.direction is Direction.UP else "giảm thêm"


def _still_needed(spec: FigureSpec, assessment: Assessment) -> Decimal | None:
    """How much is still missing in all: target − running sum, or target − latest level."""
    if spec.target is None or assessment.value is None:
        return None
    return abs(spec.target - assessment.value)


def _keep_words(spec: FigureSpec, assessment: Assessment, unit: str) -> str:
    """Thresholds and "duy trì": the level to keep, and the years that fell short."""
    parts = []
    if assessment.pace is not None and spec.target is not None:
        years = assessment.remaining_years
        level = f"{COMPARISONS[spec.comparator].words}{format_number(spec.target)}"
        if spec.value_type is ValueType.YESNO:
            parts.append(f"Cần đạt mỗi năm trong {years} năm còn lại")
        elif spec.kind in (Kind.YEARLY_MINIMUM, Kind.YEARLY_RATE, Kind.QUOTA):
            # an amount or a rate of each year: «≥ 25 đảng viên mỗi năm», not «/năm mỗi năm»
            per_year = unit.removesuffix("/năm").strip()
            parts.append(
                f"Cần đạt {level}{_unit_words(per_year)} mỗi năm trong {years} năm còn lại"
            )
        else:
            parts.append(
                f"Cần giữ mức {level}{_unit_words(unit)} mỗi năm trong {years} năm còn lại"
            )
    if assessment.missed_years:
        years_text = ", ".join(str(y) for y in assessment.missed_years)
        parts.append(f"năm {years_text} chưa đạt")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


# --- several figures, several targets --------------------------------------------------


def combine(statuses: Iterable[Status]) -> Status:
    """A target's status from its figures': met only when every figure has data and is
    met; «Chưa đủ số liệu» while some figures have data and some not; otherwise the worst
    verdict among them ("Vượt" only when every figure is past its target)."""
    known = list(statuses)
    if not known or all(s is Status.NO_DATA for s in known):
        return Status.NO_DATA
    if any(not s.is_judged for s in known):
        return Status.INCOMPLETE
    return max(known, key=lambda s: s.rank)


def figures_with_data(statuses: Iterable[Status]) -> tuple[int, int]:
    """(figures with data, figures) of a target: what «Chưa đủ số liệu» stands for."""
    known = list(statuses)
    return sum(1 for s in known if s is not Status.NO_DATA), len(known)


SUMMARY_ORDER = (
    Status.ON_TRACK,
    Status.BEHIND,
    Status.AT_RISK,
    Status.NOT_MET,
    Status.NOT_DUE,
    Status.INCOMPLETE,
    Status.NO_DATA,
)
"""The lines of a summary after "đạt và vượt", in the order a report reads them."""


@dataclass(frozen=True)
class Summary:
    counts: dict[Status, int]
    total: int

    @property
    def met(self) -> int:
        return self.counts[Status.EXCEEDED] + self.counts[Status.MET]

    def sentence(self, noun: str = "chỉ tiêu") -> str:
        """E.g. "5/22 chỉ tiêu đạt và vượt, 9 có khả năng đạt, 3 chậm tiến độ, 2 khó đạt":
        the verdict words themselves, lower-cased, each line only when it counts any."""
        parts = [f"{self.met}/{self.total} {noun} đạt và vượt"]
        for status in SUMMARY_ORDER:
            if self.counts[status]:
                parts.append(f"{self.counts[status]} {status.value.lower()}")
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
