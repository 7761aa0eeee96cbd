"""The review screen of a new resolution (issue 13 §2): paste, draft, correct, save."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from dk_desktop.store.repository import Store
from dk_desktop.ui.resolution_review import KEYS, UNSURE_MARK, ResolutionReviewDialog

from .conftest import Modals, click, enter_in_cell, type_text

TEXT = """Các chỉ tiêu chủ yếu
Các chỉ tiêu về kinh tế (3 chỉ tiêu)
(1) Tốc độ tăng trưởng kinh tế bình quân 8 - 10%/năm.
(2) Thu nhập bình quân đầu người đến năm 2030 đạt 60 triệu đồng trở lên.
(3) Tỷ lệ hộ nghèo giảm còn 3%.
Các chỉ tiêu về xây dựng Đảng (1 chỉ tiêu)
(4) Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ hằng năm đạt trên 90%.
"""


@pytest.fixture
def dialog(qtbot):  # type: ignore[no-untyped-def]
    review = ResolutionReviewDialog(user="Lò Thị Hương")
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    return review


def _drafted(dialog: ResolutionReviewDialog, text: str = TEXT) -> None:
    dialog.text.setPlainText(text)
    type_text(dialog.commune, "Chiềng Sơn")
    type_text(dialog.province, "Sơn La")
    dialog.draft_button.click()
    type_text(dialog.document_fields["congress_number"], "I")


def _column(dialog: ResolutionReviewDialog, key: str) -> list[str]:
    return [dialog.table.item(r, KEYS.index(key)).text() for r in range(dialog.table.rowCount())]


def test_a_pasted_text_gives_its_figures_the_unsure_first(dialog) -> None:  # type: ignore[no-untyped-def]
    _drafted(dialog)
    assert dialog.table.rowCount() == 4
    assert sorted(_column(dialog, "number")) == ["1", "2", "3", "4"]
    marks = _column(dialog, "check")
    # every ⚠ row comes before every row without one
    assert marks == sorted(marks, key=lambda mark: mark != UNSURE_MARK)
    row = _column(dialog, "number").index("1")
    assert dialog.table.item(row, KEYS.index("target")).text() == "8"
    assert dialog.table.item(row, KEYS.index("target_high")).text() == "10"
    assert "4 chỉ tiêu" in dialog.summary.text()


def test_the_chosen_figure_is_highlighted_in_the_text(dialog) -> None:  # type: ignore[no-untyped-def]
    _drafted(dialog)
    row = _column(dialog, "number").index("3")
    dialog.table.selectRow(row)
    selections = dialog.text.extraSelections()
    assert len(selections) == 1
    highlighted = selections[0].cursor.selectedText()
    assert "3%" in highlighted
    assert highlighted in dialog.text.toPlainText()


def test_a_wrong_number_is_refused_in_vietnamese_and_a_right_one_kept(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    _drafted(dialog)
    row = _column(dialog, "number").index("2")
    figure = dialog.rows[row]
    index = dialog.table.model().index(row, KEYS.index("target"))
    enter_in_cell(qtbot, dialog.table, index, "6O")
    assert "không phải là số" in dialog.banner.text()
    assert figure["target"] == "60"
    assert dialog.table.item(row, KEYS.index("target")).text() == "60"
    enter_in_cell(qtbot, dialog.table, index, "65,5")
    assert figure["target"] == "65.5"
    assert dialog.banner.isHidden()
    assert dialog.table.item(row, KEYS.index("target")).text() == "65,5"


def test_a_kind_chosen_from_the_list_goes_into_the_draft(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    _drafted(dialog)
    row = _column(dialog, "number").index("3")
    index = dialog.table.model().index(row, KEYS.index("kind"))
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    combo = dialog.table.focusWidget()
    combo.setCurrentIndex(combo.findData("maintain"))
    dialog.table.commitData(combo)
    QApplication.processEvents()
    assert dialog.rows[row]["kind"] == "maintain"
    assert dialog.table.item(row, KEYS.index("kind")).text() == combo.currentText()


def test_saved_as_a_new_database_with_its_commune_and_villages(
    qtbot, dialog, tmp_path: Path, modals: Modals
) -> None:  # type: ignore[no-untyped-def]
    _drafted(dialog)
    dialog.pages.setCurrentIndex(1)
    dialog.villages.setPlainText(  # pasted
        "Bản Mòn, Chiềng Sơn cũ\nBản Nà Tân, Nà Tân\nbản mòn, Chiềng Sơn cũ"
    )
    # the villages go into the draft: the file is made with them in one go
    assert dialog.draft_to_save()["villages"] == [
        {"name": "Bản Mòn", "former_commune": "Chiềng Sơn cũ"},
        {"name": "Bản Nà Tân", "former_commune": "Nà Tân"},
    ]
    path = tmp_path / "Nghị quyết Chiềng Sơn.sqlite"
    modals.then(QMessageBox, click("Đóng"))
    assert dialog.save(path)
    modals.finish()
    assert "trùng" in dialog.villages_result.text().lower()
    store = Store.open(path, create=False)
    try:
        assert store.commune_name() == "Chiềng Sơn"
        assert store.meta()["document_congress_number"] == "I"
        assert store.meta()["document_issuing_body"] == "ĐẢNG ỦY XÃ CHIỀNG SƠN"
        assert len(store.figures()) == 4
        assert sorted(v.name for v in store.villages()) == ["Bản Mòn", "Bản Nà Tân"]
        assert sorted(p.name for p in store.former_communes()) == ["Chiềng Sơn cũ", "Nà Tân"]
        income = [f for f in store.figures() if f.name.startswith("Thu nhập")][0]
        assert str(income.target) in ("60", "60.0", "60.00")
    finally:
        store.close()


def test_bad_input_is_said_and_nothing_is_made(dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not dialog.make_draft()  # an empty text
    assert "Văn bản trống" in dialog.banner.text()
    dialog.text.setPlainText("Một đoạn văn không có chỉ tiêu nào được đánh số.")
    assert not dialog.make_draft()
    assert dialog.banner.text()
    assert dialog.table.rowCount() == 0
    path = tmp_path / "x.sqlite"
    assert not dialog.save(path)
    assert not path.exists()
    dialog.text.setPlainText(TEXT)
    dialog.term.setText("2030")
    assert not dialog.make_draft()
    assert "Nhiệm kỳ" in dialog.banner.text()


def test_no_commune_name_no_file(dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.text.setPlainText(TEXT)
    assert dialog.make_draft()
    path = tmp_path / "x.sqlite"
    assert not dialog.save(path)
    assert "tên xã" in dialog.banner.text()
    assert not path.exists()


def test_a_file_that_is_not_text_is_refused(dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "bao-cao.docx"
    fake.write_bytes(b"not a zip at all")
    assert not dialog.open_file(fake)
    assert "docx" in dialog.banner.text().lower() or "word" in dialog.banner.text().lower()
    good = tmp_path / "chi-tieu.txt"
    good.write_text(TEXT, encoding="utf-8")
    assert dialog.open_file(good)
    assert dialog.text.toPlainText().startswith("Các chỉ tiêu chủ yếu")


@pytest.mark.parametrize("how", ["esc", "button", "close"])
def test_it_closes_every_way(qtbot, dialog, how: str) -> None:  # type: ignore[no-untyped-def]
    _drafted(dialog)
    if how == "esc":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    elif how == "button":
        dialog.findChild(type(dialog.save_button), "review_close").click()
    else:
        dialog.close()
    assert not dialog.isVisible()
    assert dialog.saved_path is None


# --- revising the open database's catalogue ---------------------------------------------


def test_revising_writes_each_change_with_history_and_one_undo(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    dialog = ResolutionReviewDialog.revising(session)
    qtbot.addWidget(dialog)
    dialog.show()
    figures = session.store.figures()
    assert dialog.table.rowCount() == len(figures)
    assert dialog.commune.isReadOnly() and dialog.commune.text() == session.store.commune_name()
    poverty = next(f for f in figures if f.code == "CT11a")
    row = next(r for r, values in enumerate(dialog.rows) if values["id"] == poverty.id)
    enter_in_cell(qtbot, dialog.table, dialog.table.model().index(row, KEYS.index("target")), "2,5")
    enter_in_cell(
        qtbot, dialog.table, dialog.table.model().index(row, KEYS.index("unit")), "% số hộ"
    )
    history_before = len(session.store.history(figure_id=poverty.id))
    assert dialog.save()
    revised = session.store.figure(poverty.id)
    assert revised.target == Decimal("2.5")
    assert revised.unit == "% số hộ"
    assert len(session.store.history(figure_id=poverty.id)) > history_before
    session.undo_stack.undo()  # one «Hoàn tác» takes the whole revision back
    assert session.store.figure(poverty.id).target == poverty.target
    assert session.store.figure(poverty.id).unit == poverty.unit


def test_a_refused_revision_leaves_the_catalogue_as_it_was(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    dialog = ResolutionReviewDialog.revising(session)
    qtbot.addWidget(dialog)
    dialog.show()
    first, second = dialog.rows[0], dialog.rows[1]
    before = {f.id: f.name for f in session.store.figures()}
    first["name"] = "Tên mới"
    second["comparator"] = "không có"  # the store refuses an unknown comparator
    assert not dialog.save()
    assert dialog.banner.text()
    assert {f.id: f.name for f in session.store.figures()} == before


def test_the_file_menu_opens_the_revision_of_the_open_catalogue(qtbot, window, modals) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, "action_revise_resolution")
    assert action is not None and action.text() == "Xem lại Nghị quyết…"
    poverty = window.session.store.figure_by_code("CT11a")

    def revise(dialog: ResolutionReviewDialog) -> None:
        assert dialog.windowTitle() == "Xem lại Nghị quyết"
        row = next(r for r, values in enumerate(dialog.rows) if values["id"] == poverty.id)
        dialog.rows[row]["target"] = "2.8"
        dialog.save_button.click()

    modals.then(ResolutionReviewDialog, revise)
    action.trigger()
    modals.finish()
    assert window.session.store.figure(poverty.id).target == Decimal("2.8")
    assert window.undo_action.isEnabled()


def test_the_header_words_follow_the_names_and_the_congress_number_is_asked(
    dialog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog.text.setPlainText(TEXT)
    type_text(dialog.commune, "Chiềng Sơn")
    type_text(dialog.province, "Sơn La")
    assert dialog.make_draft()
    issuing = dialog.document_fields["issuing_body"]
    assert issuing.text() == "ĐẢNG ỦY XÃ CHIỀNG SƠN"
    dialog.document_fields["superior_body"].setText("ĐẢNG BỘ TỈNH SƠN LA (mới)")  # the clerk's
    type_text(dialog.commune, " Hạ")  # the name corrected after drafting
    assert issuing.text() == "ĐẢNG ỦY XÃ CHIỀNG SƠN HẠ"
    assert dialog.document_fields["superior_body"].text() == "ĐẢNG BỘ TỈNH SƠN LA (mới)"
    path = tmp_path / "x.sqlite"
    assert not dialog.save(path)  # no Congress number yet
    assert "lần thứ" in dialog.banner.text()
    assert dialog.pages.currentWidget() is dialog.document_page
    assert not path.exists()
    type_text(dialog.document_fields["congress_number"], "II")
    draft = dialog.draft_to_save()
    assert draft is not None
    assert draft["document"]["congress_number"] == "II"
    assert draft["document"]["issuing_body"] == "ĐẢNG ỦY XÃ CHIỀNG SƠN HẠ"
    assert draft["commune"]["name"] == "Chiềng Sơn Hạ"


def test_a_term_corrected_after_drafting_moves_the_target_years(dialog) -> None:  # type: ignore[no-untyped-def]
    _drafted(dialog)
    assert {f["target_year"] for f in dialog.rows} == {2030}
    dialog.term.setText("2030-2035")
    draft = dialog.draft_to_save()
    assert draft is not None
    years = {f["target_year"] for item in draft["items"] for f in item["figures"]}
    assert years == {2035}
    assert (draft["commune"]["term_start"], draft["commune"]["term_end"]) == (2030, 2035)


def test_x_of_y_units_gets_its_total_in_the_table(qtbot, dialog, tmp_path: Path, modals) -> None:  # type: ignore[no-untyped-def]
    _drafted(dialog, TEXT + "(5) Số thôn đạt chuẩn nông thôn mới: 04/09 thôn.\n")
    row = _column(dialog, "number").index("5")
    assert dialog.rows[row]["kind"] == "units_of_total"
    assert dialog.table.item(row, KEYS.index("total")).text() == "9"
    index = dialog.table.model().index(row, KEYS.index("total"))
    enter_in_cell(qtbot, dialog.table, index, "10")
    assert dialog.rows[row]["total"] == "10"
    path = tmp_path / "x.sqlite"
    modals.then(QMessageBox, click("Đóng"))
    assert dialog.save(path)
    modals.finish()
    store = Store.open(path, create=False)
    try:
        villages_standard = [f for f in store.figures() if f.kind.value == "units_of_total"]
        assert [f.total for f in villages_standard] == [Decimal(10)]
    finally:
        store.close()
