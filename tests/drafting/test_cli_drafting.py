"""The command line end to end: «resolution draft» then «init --resolution»."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from dk_desktop.cli import main
from dk_desktop.store.repository import Store

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "db" / "source" / "bao-cao-chinh-tri-dai-hoi-dang-bo-xa-doan-ket-2025-2030.txt"
TARGETS = (
    "Các chỉ tiêu chủ yếu\n"
    "(1) Thu nhập bình quân đầu người đạt 60 triệu đồng/người/năm trở lên.\n"
    "(2) Sản lượng lương thực đạt 500 yến.\n"
    "(3) Tỷ lệ che phủ rừng đạt 49%.\n"
)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_draft_then_init_makes_the_commune_s_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "chi-tieu.docx"
    document = docx.Document()
    for line in TARGETS.splitlines():
        document.add_paragraph(line)
    document.save(str(source))
    draft = tmp_path / "ban-nhap.json"
    code, out, err = _run(
        ["resolution", "draft", str(source), "--commune", "Ngọc Chiến", "--province", "Sơn La",
         "--term", "2025-2030", "--congress", "I", "-o", str(draft)],
        capsys,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Đã ghi bản nháp {draft}: 3 chỉ tiêu, 3 số liệu, 1 số liệu chưa chắc chắn.",
        "  - CT02a «Sản lượng lương thực đạt 500 yến»: đơn vị lạ: «yến»",
    ]
    written = json.loads(draft.read_text(encoding="utf-8"))
    assert written["commune"]["name"] == "Ngọc Chiến"
    assert not list(tmp_path.glob("*.dang-ghi"))  # written atomically, nothing left

    db = tmp_path / "ngoc-chien.sqlite"
    code, out, err = _run(["init", "--db", str(db), "--resolution", str(draft)], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Đã tạo cơ sở dữ liệu {db} với 3 chỉ tiêu (3 số liệu)."
    store = Store.open(db, create=False)
    try:
        assert store.commune_name() == "Ngọc Chiến"
        assert [f.code for f in store.figures()] == ["CT01a", "CT02a", "CT03a"]
    finally:
        store.close()


def test_doan_ket_s_whole_report_is_drafted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "doan-ket.json"
    code, out, _ = _run(["resolution", "draft", str(REPORT), "-o", str(draft)], capsys)
    assert code == 0
    assert out.startswith(f"Đã ghi bản nháp {draft}: 22 chỉ tiêu, 45 số liệu,")
    assert out.splitlines()[-2] == (
        "Lưu ý: chưa có tên xã (--commune); cần có trước khi tạo cơ sở dữ liệu."
    )


def test_init_refuses_a_draft_the_database_cannot_hold_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "ban-nhap.json"
    assert main(["resolution", "draft", str(_write(tmp_path, TARGETS)), "-o", str(draft)]) == 0
    capsys.readouterr()
    db = tmp_path / "moi.sqlite"
    code, out, err = _run(["init", "--db", str(db), "--resolution", str(draft)], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines()[:2] == [
        "Lỗi: chưa tạo cơ sở dữ liệu từ bản nháp, vì:",
        "  - Bản nháp chưa có tên xã. Hãy tạo lại bản nháp với --commune «Tên xã» (hoặc điền "
        "«name» trong mục «commune»).",
    ]
    assert not db.exists()


def _write(folder: Path, text: str, name: str = "chi-tieu.txt") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("", "trong.txt", "Lỗi: Văn bản trống."),
        ("Đại hội thành công tốt đẹp.", "chu.txt", "Lỗi: Không tìm thấy chỉ tiêu nào"),
        ("không phải Word", "gia.docx", "Lỗi: Tệp «gia.docx» không phải tệp Word .docx"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, name: str, message: str
) -> None:
    output = tmp_path / "ban-nhap.json"
    code, out, err = _run(
        ["resolution", "draft", str(_write(tmp_path, content, name)), "-o", str(output)], capsys
    )
    assert (code, out) == (1, "")
    assert err.startswith(message)
    assert not output.exists()


def test_init_refuses_a_file_that_is_not_a_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        ["init", "--db", str(tmp_path / "x.sqlite"), "--resolution", str(REPORT)], capsys
    )
    assert code == 1
    assert err.startswith(f"Lỗi: «{REPORT.name}» không phải bản nháp .json đọc được")
    code, _, err = _run(
        ["init", "--db", str(tmp_path / "x.sqlite"), "--resolution", str(tmp_path / "khong.json")],
        capsys,
    )
    assert (code, err.strip()) == (1, f"Lỗi: Không tìm thấy bản nháp «{tmp_path / 'khong.json'}».")
    assert not (tmp_path / "x.sqlite").exists()


def test_a_wrong_term_is_a_wrong_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["resolution", "draft", str(REPORT), "--term", "2030", "-o", "x.json"])
    assert stop.value.code == 2
    assert "Lỗi câu lệnh: tham số --term: Nhiệm kỳ «2030» không rõ." in capsys.readouterr().err


def test_no_traceback_reaches_the_person(tmp_path: Path) -> None:
    """The real program, as a clerk runs it: a refusal is one Vietnamese line."""
    run = subprocess.run(
        [sys.executable, "-m", "dk_desktop", "resolution", "draft", str(tmp_path / "khong.txt"),
         "-o", str(tmp_path / "x.json")],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.strip() == f"Lỗi: Không tìm thấy tệp «{tmp_path / 'khong.txt'}»."
    assert "Traceback" not in run.stderr
