"""«Báo cáo → Báo cáo Word (.docx)…» driven as a clerk does: the kind and the year chosen,
a Vietnamese file name suggested, the document written and read back; a failed write
shown in Vietnamese with the old file left whole."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from dk_desktop.store.repository import ResultInput


@pytest.fixture
def filled(window):  # type: ignore[no-untyped-def]
    session = window.session
    commune = session.store.commune()
    poverty = session.store.figure_by_code("CT11a")
    for year, value in ((2026, "5.5"), (2027, "4.8")):
        session.set_result(poverty, commune, year, ResultInput(Decimal(value)))
    return window


class Answers:
    """The dialogs replaced: each QInputDialog.getItem is answered from ``choices`` (the
    item's text), the save dialog with ``path``; warnings are remembered."""

    def __init__(self, monkeypatch, path: Path | None, choices: list[str]):  # type: ignore[no-untyped-def]
        self.path, self.choices = path, list(choices)
        self.asked: list[list[str]] = []
        self.suggested: list[str] = []
        self.warnings: list[str] = []
        monkeypatch.setattr(QInputDialog, "getItem", self.get_item)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self.save_name)
        monkeypatch.setattr(QMessageBox, "warning", self.warning)

    def get_item(self, parent, title, label, items, current=0, editable=True):  # type: ignore[no-untyped-def]
        self.asked.append(list(items))
        if not self.choices:
            return "", False
        return self.choices.pop(0), True

    def save_name(self, parent, title, suggested, filters, *args):  # type: ignore[no-untyped-def]
        self.suggested.append(Path(suggested).name)
        return (str(self.path), filters.split(";;")[0]) if self.path else ("", "")

    def warning(self, parent, title, text, *args):  # type: ignore[no-untyped-def]
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok


def trigger(window) -> None:  # type: ignore[no-untyped-def]
    found = window.findChild(QAction, "action_report_docx")
    assert found is not None and found.text() == "Báo cáo Word (.docx)…"
    window.report_actions.update_actions()
    assert found.isEnabled()
    found.trigger()


def test_the_word_report_through_the_menu(filled, monkeypatch, tmp_path):
    target = tmp_path / "bao-cao.docx"
    answers = Answers(monkeypatch, target, ["Báo cáo sơ kết giữa nhiệm kỳ", "Thực hiện năm 2027"])
    trigger(filled)
    kinds, years = answers.asked
    assert kinds == [
        "Báo cáo năm",
        "Báo cáo sơ kết giữa nhiệm kỳ",
        "Báo cáo tổng kết nhiệm kỳ",
    ]
    assert years[0] == "Thực hiện năm 2027"  # the latest year with data first
    assert answers.suggested == ["Báo cáo sơ kết giữa nhiệm kỳ (đến năm 2027).docx"]
    document = Document(str(target))
    paragraphs = [p.text.replace("\u00a0", " ") for p in document.paragraphs]
    assert any(t.startswith("sơ kết giữa nhiệm kỳ thực hiện Nghị quyết") for t in paragraphs)
    poverty = next(t for t in paragraphs if t.startswith("Chỉ tiêu 11 – "))
    assert "còn 4,8 %" in poverty
    assert "Đã lưu báo cáo" in filled.status_text()
    assert not answers.warnings


def test_cancelling_the_kind_writes_nothing(filled, monkeypatch, tmp_path):
    target = tmp_path / "bao-cao.docx"
    answers = Answers(monkeypatch, target, [])
    trigger(filled)
    assert len(answers.asked) == 1 and not answers.suggested and not target.exists()


def test_a_file_open_in_word_is_refused_in_vietnamese(filled, monkeypatch, tmp_path):
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")
    answers = Answers(monkeypatch, target, ["Báo cáo năm", "Thực hiện năm 2027"])

    def refused(temporary, path):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("dk_desktop.reports.common.commit_file", refused)
    trigger(filled)
    assert target.read_bytes() == b"old"
    assert len(answers.warnings) == 1 and "đang mở trong chương trình khác" in answers.warnings[0]
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".dang-ghi")]
