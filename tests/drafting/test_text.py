"""Reading the targets text: .txt, .docx, pasted; bad inputs refused in Vietnamese."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest

from dk_desktop.drafting import text as text_module
from dk_desktop.drafting.errors import DraftError
from dk_desktop.drafting.text import normalise, read_text_file

TARGETS = "(1) Thu nhập bình quân đầu người đạt 50 triệu đồng.\n(2) Tỷ lệ hộ nghèo giảm còn 3%."


def test_a_txt_file_is_read_as_nfc_with_plain_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "chi-tieu.txt"
    decomposed = unicodedata.normalize("NFD", TARGETS).replace("\n", "\r\n")
    path.write_bytes(("\ufeff" + decomposed).encode("utf-8"))
    assert read_text_file(path) == TARGETS


def test_a_docx_file_is_read_paragraph_by_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "chi-tieu.docx"
    document = docx.Document()
    for line in TARGETS.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))
    assert read_text_file(path) == TARGETS


def test_a_windows_code_page_txt_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    # Windows' Vietnamese code page writes the tone marks as combining characters
    # («ê» + dot below), not as one letter: the text read back is NFC all the same
    path.write_bytes("Ty\u0309 l\u00ea\u0323 gia\u0309m".encode("cp1258"))
    assert read_text_file(path) == "Tỷ lệ giảm"


@pytest.mark.parametrize("content", ["", "   \n\t\n", "\ufeff"])
def test_an_empty_text_is_refused(content: str) -> None:
    with pytest.raises(DraftError, match="Văn bản trống"):
        normalise(content)


def test_a_docx_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gia.docx"
    path.write_text("không phải tệp Word", encoding="utf-8")
    with pytest.raises(DraftError, match="không phải tệp Word .docx"):
        read_text_file(path)


def test_an_old_word_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(DraftError, match="Lưu thành"):
        read_text_file(path)


def test_a_binary_file_named_txt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(DraftError, match="không phải văn bản thuần"):
        read_text_file(path)


def test_a_huge_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lon.txt"
    path.write_text(TARGETS * 10, encoding="utf-8")
    monkeypatch.setattr(text_module, "MAX_BYTES", 100)
    with pytest.raises(DraftError, match="quá lớn"):
        read_text_file(path)


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="Không tìm thấy tệp"):
        read_text_file(tmp_path / "khong-co.txt")
    with pytest.raises(DraftError, match="thư mục"):
        read_text_file(tmp_path)


def test_a_huge_pasted_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "MAX_BYTES", 100)
    with pytest.raises(DraftError, match="Văn bản quá dài"):
        normalise(TARGETS * 10)
    assert normalise(TARGETS[:90]) == TARGETS[:90]
