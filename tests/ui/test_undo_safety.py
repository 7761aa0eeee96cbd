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


def test_undoing_a_note_never_overwrites_a_later_change(session):
    store = session.store
    figure = store.figure_by_code("CT04a")
    refusals: list[str] = []
    session.refused.connect(refusals.append)
    assert session.set_figure_note(figure, "Theo báo cáo số 12")
    store.set_figure_note(figure.id, "Sửa theo gói cấu hình")  # written outside undo
    session.undo_stack.undo()
    assert store.figure(figure.id).note == "Sửa theo gói cấu hình"
    assert "đã được thay đổi sau đó" in refusals[-1]


def test_undo_and_redo_of_a_note_when_nothing_else_changed(session):
    store = session.store
    figure = store.figure_by_code("CT04a")
    before = figure.note
    assert session.set_figure_note(figure, "Theo báo cáo số 12")
    assert not session.set_figure_note(figure, " Theo báo cáo số 12 ")  # the same note
    session.undo_stack.undo()
    assert store.figure(figure.id).note == before
    session.undo_stack.redo()
    assert store.figure(figure.id).note == "Theo báo cáo số 12"
    notes = [e for e in store.history(figure_id=figure.id) if e.attribute == "note"]
    assert [e.new_value for e in notes][:3] == ["Theo báo cáo số 12", before, "Theo báo cáo số 12"]
