"""Progress read from the database: each figure's commune series (entered for the commune,
else the villages' added up), its assessment, each item's status and the targets counted
by status. The rules themselves are core.progress; this part only feeds them rows."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from ..core import progress
from ..core.model import Field, Indicator, Section, Status
from ..core.numbers import decimal_from_db
from .access import Access
from .catalogue import Catalogue
from .places import Territory
from .values import decimal_or_none

ValueRow = tuple[int, int, int, Any, Any, Any]
"""(figure_id, place_id, year, value, numerator, denominator) as stored."""


class Progress:
    """Series, assessments and statuses of one database's figures."""

    def __init__(self, access: Access, catalogue: Catalogue, territory: Territory):
        self._access = access
        self._catalogue = catalogue
        self._territory = territory

    def commune_series(self, figure: Indicator) -> dict[int, Decimal]:
        """The commune's value per year: what was entered for the commune, else the
        villages' figures added up the figure's way."""
        rows = self._value_rows("WHERE figure_id = ?", [figure.id])
        return _series_from(figure, rows, self._territory.commune().id)

    def all_series(self) -> dict[int, dict[int, Decimal]]:
        """Every figure's commune series, read in one query."""
        grouped = self._rows_by_figure()
        commune_id = self._territory.commune().id
        return {f.id: _series_from(f, grouped[f.id], commune_id) for f in self._catalogue.figures()}

    def assess(self, figure: Indicator, as_of: int | None = None) -> progress.Assessment:
        rows = self._value_rows("WHERE figure_id = ?", [figure.id])
        return _assess_from(figure, rows, self._territory.commune().id, self._village_ids(), as_of)

    def assessments(self, as_of: int | None = None) -> dict[int, progress.Assessment]:
        """Every figure judged; a total some active villages are missing from is «Chưa đủ
        số liệu» with how many reported (progress.village_coverage)."""
        grouped = self._rows_by_figure()
        commune_id, villages = self._territory.commune().id, self._village_ids()
        return {
            f.id: _assess_from(f, grouped[f.id], commune_id, villages, as_of)
            for f in self._catalogue.figures()
        }

    def item_statuses(self, as_of: int | None = None) -> dict[int, Status]:
        assessments = self.assessments(as_of)
        by_item: dict[int, list[Status]] = defaultdict(list)
        for figure in self._catalogue.figures():
            by_item[figure.item_id].append(assessments[figure.id].status)
        return {
            item.id: progress.combine(by_item.get(item.id, [])) for item in self._catalogue.items()
        }

    def summary(self, field: Field | None = None, as_of: int | None = None) -> progress.Summary:
        """The 22 targets (or one field's) counted by status."""
        statuses = self.item_statuses(as_of)
        targets = self._catalogue.items(Section.TARGET, field)
        return progress.summarize(statuses[item.id] for item in targets)

    def _rows_by_figure(self) -> dict[int, list[ValueRow]]:
        grouped: dict[int, list[ValueRow]] = defaultdict(list)
        for row in self._value_rows("", []):
            grouped[row[0]].append(row)
        return grouped

    def _value_rows(self, where: str, params: list[Any]) -> list[ValueRow]:
        """The stored values as plain tuples, because the overview reads every result and
        records cost time."""
        rows: list[ValueRow] = self._access.db.execute(
            "SELECT figure_id, place_id, year, value, numerator, denominator FROM results " + where,
            params,
        ).fetchall()
        return rows

    def _village_ids(self) -> set[int]:
        return {village.id for village in self._territory.villages()}


def _series_from(figure: Indicator, rows: list[ValueRow], commune_id: int) -> dict[int, Decimal]:
    direct: dict[int, Decimal] = {}
    by_year: dict[int, list[tuple[Decimal | None, Decimal | None, Decimal | None]]] = defaultdict(
        list
    )
    for _, place_id, year, value, numerator, denominator in rows:
        if place_id == commune_id:
            if value is not None:
                direct[year] = decimal_from_db(value)
        else:
            by_year[year].append(
                (decimal_or_none(value), decimal_or_none(numerator), decimal_or_none(denominator))
            )
    series = {}
    for year, values in by_year.items():
        total = progress.commune_total(figure.aggregation.value, values)
        if total is not None:
            series[year] = total
    series.update(direct)
    return dict(sorted(series.items()))


def _assess_from(
    figure: Indicator,
    rows: list[ValueRow],
    commune_id: int,
    villages: set[int],
    as_of: int | None,
) -> progress.Assessment:
    series = _series_from(figure, rows, commune_id)
    coverage = progress.village_coverage(figure.aggregation.value, rows, commune_id, villages)
    return progress.assess(figure.spec, series, as_of=as_of, coverage=coverage)
