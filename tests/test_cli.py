"""The command line's own words, its refusals, and its output encoding (the commands
themselves are tested with their modules)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dk_desktop.cli import build_parser, main
from dk_desktop.cli_words import WORDS

ROOT = Path(__file__).resolve().parents[1]
# argparse's English, as a person would see it in the help or a refusal
ENGLISH = (
    "usage",
    "options",
    "positional arguments",
    "show this help",
    "version number",
    "error",
    "required",
    "invalid",
    "unrecognized",
    "choose from",
    "expected",
)


def test_the_command_line_names_itself_as_it_is_run(monkeypatch):
    """The help of the frozen file shows its own name, not "python -m dk_desktop"."""
    assert build_parser().prog == "python -m dk_desktop"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "C:/Tài liệu/DoanKetNghiQuyet.exe")
    assert build_parser().prog == "DoanKetNghiQuyet"


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def _english_in(text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in ENGLISH if word in lowered]


@pytest.mark.parametrize(
    "argv",
    [["-h"], ["export", "-h"], ["import", "-h"], ["package", "-h"], ["package", "export", "-h"]],
)
def test_help_is_vietnamese(argv, capsys):
    code, out, _err = _run(argv, capsys)
    assert code == 0
    assert out.startswith("cách dùng: ")
    assert "tùy chọn:" in out
    assert "hiện hướng dẫn này rồi thoát" in out
    assert _english_in(out) == []


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "còn thiếu tham số bắt buộc: {init,resolution,export,import,check,package}"),
        (["export", "--db", "x.sqlite"], "còn thiếu tham số bắt buộc: -o/--output"),
        (
            ["export", "-o", "x.odt", "--format", "odt"],
            "tham số --format: không có lựa chọn 'odt' (chọn một trong: 'docx', 'json', 'pdf', "
            "'xlsx')",
        ),
        (["check", "--bogus"], "không hiểu các tham số: --bogus"),
        (["export", "-o", "x.pdf", "--year", "hai"], "năm phải là một số, ví dụ 2026"),
        (["export", "-o"], "tham số -o/--output: cần một giá trị"),
        (["package", "resolve", "abc", "--keep"], "tham số conflict_id: giá trị không hợp lệ"),
        (["package", "resolve", "1"], "cần một trong các tham số --keep --take"),
    ],
)
def test_a_wrong_command_line_is_refused_in_vietnamese(argv, expected, capsys, tmp_path):
    code, out, err = _run(argv, capsys)
    assert code == 2
    assert out == ""
    assert "Lỗi câu lệnh: " in err and expected in err
    assert err.startswith("cách dùng: ")
    assert _english_in(err) == []


@pytest.mark.parametrize("year", ["2025", "2030"])
def test_a_year_of_the_term_is_taken(year):
    args = build_parser().parse_args(["export", "-o", "bao-cao.pdf", "--year", year])
    assert args.year == int(year)


def _later_term_file(folder: Path) -> Path:
    """A commune's file whose term is 2030–2035 (not the bundled 2025–2030)."""
    from dk_desktop.store.database import create_database
    from dk_desktop.store.seed import read_seed

    seed = read_seed()
    seed["commune"] = {**seed["commune"], "term_start": 2030, "term_end": 2035}
    for item in seed["items"]:  # the same resolution, five years later
        for figure in item.get("figures", []):
            figure["target_year"] += 5
            if figure.get("baseline"):
                figure["baseline"]["year"] += 5
    path = folder / "nhiem-ky-sau.sqlite"
    create_database(path, seed)
    return path


@pytest.mark.parametrize("year", ["2029", "2036"])
def test_a_report_year_outside_the_files_own_term_is_refused(year, tmp_path, capsys):
    """The years are the open file's: 2029 and 2036 are outside a 2030–2035 file's term."""
    db = _later_term_file(tmp_path)
    output = tmp_path / "bao-cao.pdf"
    argv = ["export", "--db", str(db), "-o", str(output), "--format", "pdf", "--year", year]
    code, out, err = _run(argv, capsys)
    assert code == 1
    assert err == f"Lỗi: năm {year} nằm ngoài nhiệm kỳ 2030 – 2035 của tệp dữ liệu.\n"
    assert not output.exists()


def test_the_command_line_names_no_commune_of_its_own(capsys):
    """The description is every commune's; init says the count and the commune it made."""
    code, out, _err = _run(["--help"], capsys)
    assert code == 0
    assert "Đoàn Kết" not in out and "2025" not in out


def test_argparse_speaks_english_again_outside_the_command_line(capsys):
    """The words are swapped only while the command line is read: nothing else changes."""
    _run(["check", "--bogus"], capsys)
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]
    assert set(WORDS) >= {
        "usage: ",
        "options",
        "invalid choice: %(value)r (choose from %(choices)s)",
    }


def test_a_json_file_that_is_not_utf8_is_refused_without_codec_text(tmp_path, capsys):
    """A file saved again by another program in a Windows code page: a plain message,
    not "'utf-8' codec can't decode byte 0xd0 in position …"."""
    path = tmp_path / "du-lieu.json"
    text = json.dumps({"place": "Thôn Đông"}, ensure_ascii=False)
    path.write_bytes(text.encode("cp1258"))  # Windows' Vietnamese code page
    code, out, err = _run(["import", str(path), "--dry-run"], capsys)
    assert code == 1
    assert out == ""
    assert err.startswith("Lỗi: ") and "du-lieu.json" in err
    assert "codec" not in err and "decode" not in err and "position" not in err


# --- the output encoding (issue 15): UTF-8 whatever the console ---------------------------


def _run_python(args: list[str], encoding: str) -> subprocess.CompletedProcess[bytes]:
    """The app in a new Python whose output streams use ``encoding``, as Windows gives a
    program writing to a pipe or a file its ANSI code page (cp1252 cannot hold «Đ»)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    env.pop("PYTHONUTF8")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, timeout=120
    )


@pytest.mark.parametrize("entry", [["main.py"], ["-m", "dk_desktop"]])
def test_vietnamese_output_in_a_code_page_console(entry, tmp_path):
    database = tmp_path / "Dữ liệu" / "du-lieu.sqlite"
    database.parent.mkdir()
    made = _run_python([*entry, "init", "--db", str(database)], "cp1252")
    assert made.returncode == 0, made.stderr.decode("utf-8", "replace")
    assert made.stderr == b""
    assert made.stdout.decode("utf-8").startswith("Đã tạo cơ sở dữ liệu ")
    assert "Dữ liệu" in made.stdout.decode("utf-8")

    refused = _run_python([*entry, "check", "--db", str(tmp_path / "không-có.sqlite")], "cp1252")
    assert refused.returncode == 1
    assert refused.stderr.decode("utf-8").startswith("Lỗi: ")
    assert b"\\u" not in refused.stderr  # not "L\u1ed7i" (escaped by the code page)
    assert b"Traceback" not in refused.stderr


def test_an_error_of_the_system_is_a_message_not_a_traceback(monkeypatch, tmp_path, capsys):
    """An OSError the store did not word (Wine's GetFinalPathNameByHandleW refuses paths
    beyond 260 characters with WinError 234): «Lỗi: …» and exit code 1."""
    from dk_desktop.store import database

    def refuse(path: Path) -> None:
        raise OSError(22, "More data is available", str(path))

    monkeypatch.setattr(database, "inspect_file", refuse)
    code, out, err = _run(["check", "--db", str(tmp_path / "du-lieu.sqlite")], capsys)
    assert code == 1
    assert out == ""
    assert err.startswith("Lỗi: Không đọc hoặc ghi được «") and "du-lieu.sqlite" in err
    assert "Traceback" not in err and "More data" not in err


def test_a_bug_is_told_in_words_and_its_traceback_kept_in_the_log(monkeypatch, tmp_path, capsys):
    """Any other exception: a Vietnamese line and exit code 1, the traceback in the error
    log; never a traceback on the screen (nor the windowed .exe's modal box)."""
    from dk_desktop import cli
    from dk_desktop.store import database

    def broken(path: Path) -> None:
        raise TypeError("wrap() takes from 3 to 4 positional arguments but 5 were given")

    log = tmp_path / "nhat-ky-loi.log"
    monkeypatch.setattr(database, "inspect_file", broken)
    monkeypatch.setattr(cli, "log_path", lambda: log)
    code, out, err = _run(["check", "--db", str(tmp_path / "du-lieu.sqlite")], capsys)
    assert code == 1
    assert out == ""
    assert err.startswith("Lỗi không mong muốn (TypeError: wrap() takes")
    assert f"«{log}»" in err and "Traceback" not in err
    kept = log.read_text(encoding="utf-8")
    assert "ERROR dòng lệnh" in kept and "Traceback" in kept and "in broken" in kept
