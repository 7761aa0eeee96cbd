"""Generated databases for the benchmarks (test data only, never shipped): villages
"Bản 1" … "Bản N", every figure of the seed for every year, through the Store API.

    real size:   31 villages, 2025–2030, each entry typed once
    ten times:  300 villages, 2025–2030, each entry typed, then corrected twice
                (the Store refuses years outside 2025–2030, so "10 years" of history is
                 reached as three writes per entry: the history table is ~29× larger)
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from dk_desktop.core.model import Aggregation, ValueType
from dk_desktop.store.repository import ResultInput, Store
from dk_desktop.store.seed import read_seed


@dataclass(frozen=True)
class Size:
    name: str
    villages: int
    years: range
    writes_per_entry: int  # 1 = typed once; 3 = typed and corrected twice

    def describe(self) -> str:
        return (
            f"{self.villages} bản, {self.years[0]}–{self.years[-1]}, "
            f"{self.writes_per_entry} lần ghi mỗi số liệu"
        )


_COMMUNE = read_seed()["commune"]
TERM_YEARS = range(_COMMUNE["term_start"], _COMMUNE["term_end"] + 1)  # the bundled seed's
REAL = Size("real", 31, TERM_YEARS, 1)
TEN_TIMES = Size("10×", 300, TERM_YEARS, 3)


def _value(figure, rng: random.Random, share: float = 1.0) -> Decimal:  # type: ignore[no-untyped-def]
    kind = figure.value_type
    if kind is ValueType.YESNO:
        return Decimal(1 if rng.random() < 0.8 else 0)
    if kind is ValueType.PERCENT:
        return Decimal(str(round(rng.uniform(40, 99), 1)))
    if kind is ValueType.RATE:
        return Decimal(str(round(rng.uniform(-2, 15), 1)))
    if kind is ValueType.COUNT:
        return Decimal(max(0, round(rng.uniform(5, 400) * share)))
    return Decimal(str(round(rng.uniform(1, 500) * share, 1)))  # amount


def entries(store: Store, size: Size, rng: random.Random):  # type: ignore[no-untyped-def]
    """(figure, place, year, ResultInput) for every entry of a database of this size."""
    commune = store.commune()
    villages = store.villages()
    households = {v.id: rng.randint(60, 320) for v in villages}
    for figure in store.figures():
        for year in size.years:
            if figure.aggregation is Aggregation.NONE:
                yield figure, commune, year, ResultInput(_value(figure, rng))
            elif figure.aggregation is Aggregation.RATIO:
                for village in villages:
                    total = households[village.id]
                    done = round(total * rng.uniform(0.4, 1.0))
                    yield (
                        figure,
                        village,
                        year,
                        ResultInput(numerator=Decimal(done), denominator=Decimal(total)),
                    )
            else:
                for village in villages:
                    yield figure, village, year, ResultInput(_value(figure, rng, 1 / len(villages)))


def build(path: Path, size: Size, *, seed: int = 2025) -> dict[str, float]:
    """Create and fill a database; return how long it took and how much was written."""
    rng = random.Random(seed)
    start = time.perf_counter()
    store = Store.open(path, user="Bench")
    created = time.perf_counter() - start
    store.db.execute("PRAGMA synchronous = OFF")  # generated data: no need to wait for disk
    writes = 0
    start = time.perf_counter()
    with store.transaction():
        for n in range(1, size.villages + 1):
            store.add_village(f"Bản {n}")
    with store.transaction():
        for figure, place, year, entry in entries(store, size, rng):
            store.set_result(figure.id, place.id, year, entry)
            writes += 1
            for _ in range(size.writes_per_entry - 1):  # corrections: full history
                if entry.value is not None:
                    entry = ResultInput(_value(figure, rng, 1 / max(1, size.villages)))
                else:
                    total = entry.denominator
                    entry = ResultInput(
                        numerator=Decimal(round(total * Decimal(rng.uniform(0.4, 1.0)))),
                        denominator=total,
                    )
                store.set_result(figure.id, place.id, year, entry)
                writes += 1
    filled = time.perf_counter() - start
    store.db.execute("PRAGMA synchronous = FULL")
    counts = {
        table: store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("results", "history")
    }
    store.close()
    return {
        "create_s": created,
        "fill_s": filled,
        "writes": writes,
        "results": counts["results"],
        "history": counts["history"],
        "bytes": path.stat().st_size,
    }
