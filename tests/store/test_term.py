"""The term's years come from the catalogue (the seed's commune block, kept in meta), not
from constants: a database made for another term takes that term's years."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from dk_desktop.core.model import TaskState
from dk_desktop.store.database import create_database
from dk_desktop.store.errors import StoreError
from dk_desktop.store.repository import ResultInput, Store
from dk_desktop.store.seed import read_seed


@pytest.fixture
def later_term(tmp_path: Path):
    """A database of a commune whose resolution runs 2030–2035."""
    seed = read_seed()
    seed["commune"] = {**seed["commune"], "term_start": 2030, "term_end": 2035}
    for item in seed["items"]:  # the same resolution, five years later
        for figure in item.get("figures", []):
            if "target_year" in figure:
                figure["target_year"] += 5
            if (figure.get("baseline") or {}).get("year"):
                figure["baseline"]["year"] += 5
    figure = seed["items"][0]["figures"][0]  # one that does not say its years
    del figure["target_year"]
    figure["baseline"] = None
    path = tmp_path / "nhiem-ky-sau.sqlite"
    create_database(path, seed)
    store = Store.open(path)
    yield store
    store.close()


def test_the_term_is_read_from_the_catalogue(store, later_term):
    assert store.term() == (2025, 2030)
    assert later_term.term() == (2030, 2035)


def test_results_are_taken_for_the_years_of_the_databases_term(later_term):
    figure = later_term.figure_by_code("CT20a")  # new Party members, a count
    commune = later_term.commune()
    for year in (2030, 2035):
        later_term.set_result(figure.id, commune.id, year, ResultInput(D("12")))
        assert later_term.result(figure.id, commune.id, year).value == D("12")
    with pytest.raises(StoreError, match="từ 2030 đến 2035"):
        later_term.set_result(figure.id, commune.id, 2029, ResultInput(D("12")))


def test_task_states_are_taken_for_the_years_of_the_databases_term(store, later_term):
    task = later_term.items()[-1]
    later_term.set_task_state(task.id, 2035, TaskState.DONE)
    assert later_term.task_states(task.id)[2035][0] is TaskState.DONE
    with pytest.raises(StoreError, match="từ 2030 đến 2035"):
        later_term.set_task_state(task.id, 2029, TaskState.DONE)
    with pytest.raises(StoreError, match="từ 2025 đến 2030"):
        store.set_task_state(store.items()[-1].id, 2035, TaskState.DONE)


def test_a_new_figure_runs_from_the_first_to_the_last_year_of_the_term(later_term):
    item = later_term.items()[0]
    added = later_term.add_figure(item.id, name="Số hộ có đường ô tô", unit="hộ", target=50)
    assert (added.baseline_year, added.target_year) == (2030, 2035)


def test_a_seed_figure_without_its_years_takes_the_terms(later_term):
    figure = later_term.figures()[0]
    assert (figure.baseline_year, figure.target_year) == (2030, 2035)
    (made,) = [h for h in later_term.history() if h.entity == "database"]
    assert made.note.endswith("nhiệm kỳ 2030–2035")


def test_a_file_without_its_term_in_meta_keeps_the_2025_2030_term(store):
    with store.transaction():
        store.db.execute("DELETE FROM meta WHERE key IN ('term_start', 'term_end')")
    assert store.term() == (2025, 2030)
