"""Undo never overwrites a figure that something else changed since (a package received,
a conflict resolved)."""

from decimal import Decimal

from dk_desktop.store.repository import ResultInput


def test_undo_refuses_to_overwrite_a_later_change(session):
    store = session.store
    village = session.add_village("Bản Thử", None)
    figure = store.figure_by_code("CT04a")
    session.set_result(figure, village, 2026, ResultInput(Decimal(20)))
    session.set_result(figure, village, 2026, ResultInput(Decimal(21)))
    # A conflict resolved in favour of the village's value writes directly, outside undo.
    store.set_result(figure.id, village.id, 2026, ResultInput(Decimal(25)))
    session.undo_stack.undo()
    assert store.result(figure.id, village.id, 2026).value == Decimal(25)
    session.undo_stack.redo()  # the stack stays usable; still nothing overwritten
    assert store.result(figure.id, village.id, 2026).value == Decimal(25)


def test_undo_and_redo_still_work_when_nothing_else_changed(session):
    store = session.store
    village = session.add_village("Bản Thử", None)
    figure = store.figure_by_code("CT04a")
    session.set_result(figure, village, 2026, ResultInput(Decimal(20)))
    session.undo_stack.undo()
    assert store.result(figure.id, village.id, 2026) is None
    session.undo_stack.redo()
    assert store.result(figure.id, village.id, 2026).value == Decimal(20)
