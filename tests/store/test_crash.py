"""Power cuts: a child process writing figures is killed with SIGKILL at chosen moments.

Every write the child reported as saved must be in the file afterwards, and the file
must pass integrity_check; an import killed half-way leaves all of it or none of it.
The moments are markers the child prints (the n-th saved write, the n-th SQL statement
of the import, where the child waits to be killed), never a delay measured on the
clock: on a busy machine a delay lands anywhere.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from dk_desktop.exchange.package import export_config_package, export_data_package, receive_package
from dk_desktop.store.database import connect, inspect_file, integrity_problem
from dk_desktop.store.repository import ResultInput, Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

WRITER = """
import sys
from decimal import Decimal
from pathlib import Path
from dk_desktop.store.repository import ResultInput, Store

store = Store.open(Path(sys.argv[1]))
figures = [store.figure_by_code(code) for code in ("CT20a", "CT04a", "CT19a", "NV2.4a")]
commune = store.commune()
print("ready", flush=True)
for value in range(1, 100000):
    figure = figures[value % len(figures)]
    year = 2026 + (value // len(figures)) % 5
    store.set_result(figure.id, commune.id, year, ResultInput(Decimal(value)))
    print(f"saved {figure.code} {year} {value}", flush=True)
"""

RECEIVER = """
import sys
from pathlib import Path
from dk_desktop.exchange.package import receive_package
from dk_desktop.store.repository import Store

store = Store.open(Path(sys.argv[1]))
stop_at = int(sys.argv[3])  # the statement to be killed at; 0: none
count = 0

def step(statement):
    global count
    count += 1
    if count == stop_at:
        print("stop", flush=True)
        sys.stdin.readline()  # waits here until the parent kills the process

store.db.conn.set_trace_callback(step)
print("ready", flush=True)
receive_package(store, Path(sys.argv[2]))
store.db.conn.set_trace_callback(None)
print(f"applied {count}", flush=True)
"""

ROUNDS = 15


def start(script: str, *args: object) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert child.stdout.readline().strip() == "ready"
    return child


def kill(child: subprocess.Popen, before: list[str]) -> list[str]:
    """SIGKILL the child; every line it printed, ``before`` (already read) first."""
    os.kill(child.pid, signal.SIGKILL)
    output = child.stdout.read()
    child.wait()
    child.stdin.close()
    return before + output.splitlines()


def kill_after_saved(child: subprocess.Popen, writes: int) -> list[str]:
    """Kill the writer as soon as it has reported ``writes`` saved writes."""
    lines = []
    while sum(line.startswith("saved ") for line in lines) < writes:
        line = child.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
    return kill(child, lines)


def test_every_acknowledged_write_survives_a_kill(db_path):
    Store.open(db_path).close()
    chance = random.Random(2025)
    for _ in range(ROUNDS):
        child = start(WRITER, db_path)
        lines = kill_after_saved(child, chance.randint(1, 120))
        saved = {}
        for line in lines:
            if line.startswith("saved "):
                _, code, year, value = line.split()
                saved[(code, int(year))] = int(value)
        store = Store.open(db_path)
        assert integrity_problem(store.db) is None
        for (code, year), value in saved.items():
            result = store.result(store.figure_by_code(code).id, store.commune().id, year)
            # the acknowledged value, or a later one written just before the kill
            assert result is not None and result.value >= value, (code, year, value)
        store.close()


def results_state(path: Path) -> list[tuple]:
    db = connect(path, readonly=True)
    rows = db.execute(
        "SELECT figure_id, place_id, year, value, numerator, denominator FROM results "
        "ORDER BY 1, 2, 3"
    ).fetchall()
    received = db.execute("SELECT device_id, seq FROM received_packages").fetchall()
    db.close()
    return rows + received


def test_an_import_killed_half_way_is_all_or_nothing(tmp_path):
    office_path = tmp_path / "xa.sqlite"
    office = Store.open(office_path)
    villages = [office.add_village(f"Bản {n}") for n in range(1, 4)]
    config = tmp_path / "cau-hinh.dkgoi"
    export_config_package(office, config)
    office.close()
    laptop = Store.open(tmp_path / "ban.sqlite")
    receive_package(laptop, config)
    village = next(v for v in laptop.villages() if v.name == villages[0].name)
    for figure in laptop.figures():
        if figure.value_type.value in ("count", "amount"):
            for year in range(2026, 2031):
                laptop.set_result(figure.id, village.id, year, ResultInput(D(year - 2020)))
    package = tmp_path / "ban-1.dkgoi"
    export_data_package(laptop, village.name, package)
    laptop.close()

    pristine = tmp_path / "xa-truoc.sqlite"
    shutil.copyfile(office_path, pristine)
    reference = tmp_path / "xa-sau.sqlite"
    shutil.copyfile(office_path, reference)
    reference_store = Store.open(reference)
    receive_package(reference_store, package)
    reference_store.close()
    before, after = results_state(pristine), results_state(reference)
    assert before != after

    # How many SQL statements an undisturbed import runs, from "ready" to done.
    shutil.copyfile(pristine, office_path)
    child = start(RECEIVER, office_path, package, 0)
    applied = child.stdout.readline().split()
    assert applied[0] == "applied"
    statements = int(applied[1])
    child.wait()
    child.stdin.close()

    outcomes = set()
    for moment in range(ROUNDS):  # kills spread from the first statement to past the last
        shutil.copyfile(pristine, office_path)
        stop_at = 1 + round(statements * moment / (ROUNDS - 1))
        child = start(RECEIVER, office_path, package, stop_at)
        marker = child.stdout.readline().strip()
        assert marker == ("stop" if stop_at <= statements else f"applied {statements}")
        kill(child, [marker])
        inspect_file(office_path)  # as the app opens it: rolls back an interrupted write
        db = connect(office_path, readonly=True)
        assert integrity_problem(db) is None
        db.close()
        state = results_state(office_path)
        assert state in (before, after)
        outcomes.add("after" if state == after else "before")
    # The kills must have caught the import both before and after its commit, or this
    # test proves nothing about the middle.
    assert outcomes == {"before", "after"}
