"""What only Windows does, run by `make windows-check` with the Windows Python under Wine
(skipped elsewhere): the one-copy lock through msvcrt between two processes, the data
folder in %LOCALAPPDATA%, portable mode beside the .exe, drive letters and backslashes,
a path longer than 260 characters, and the output in UTF-8 when it goes into a file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dk_desktop import paths
from dk_desktop.cli import main
from dk_desktop.store.errors import StoreError
from dk_desktop.store.lock import DatabaseLock

pytestmark = pytest.mark.skipif(sys.platform != "win32", reason="Windows only")
ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """A second Python process; its output in UTF-8 (what the app's entry points set up)."""
    return subprocess.run(
        [sys.executable, "-X", "utf8", "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        **kwargs,
    )


def test_a_second_process_cannot_take_the_lock(tmp_path):
    """msvcrt.locking: the lock of one process is seen by another."""
    database = tmp_path / "du-lieu.sqlite"
    assert main(["init", "--db", str(database)]) == 0
    lock = DatabaseLock(database)
    lock.acquire()
    try:
        other = _python(
            f"""
            from pathlib import Path
            from dk_desktop.store.errors import StoreError
            from dk_desktop.store.lock import DatabaseLock
            try:
                DatabaseLock(Path({str(database)!r})).acquire()
            except StoreError as error:
                print("refused:", error)
            else:
                print("taken")
            """
        )
    finally:
        lock.release()
    assert other.returncode == 0, other.stderr
    assert other.stdout.startswith("refused: "), other.stdout
    again = DatabaseLock(database)
    again.acquire()  # released: taken again
    again.release()


def test_the_same_process_cannot_lock_twice(tmp_path):
    database = tmp_path / "du-lieu.sqlite"
    first = DatabaseLock(database)
    first.acquire()
    try:
        with pytest.raises(StoreError):
            DatabaseLock(database).acquire()
    finally:
        first.release()


def test_the_data_folder_is_in_local_appdata():
    assert paths.data_dir() == Path(os.environ["LOCALAPPDATA"]) / "DoanKetNghiQuyet"
    assert paths.default_database_path().name == "du-lieu-nghi-quyet.sqlite"


def test_portable_mode_beside_the_exe(monkeypatch, tmp_path):
    usb = tmp_path / "USB"
    usb.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(usb / "DoanKetNghiQuyet.exe"))
    assert not paths.is_portable()
    (usb / "portable.txt").write_text("", encoding="utf-8")
    assert paths.is_portable()
    assert paths.data_dir() == usb / "du-lieu"


def test_drive_letters_and_backslashes(tmp_path, capsys):
    folder = str(tmp_path).replace("/", "\\") + "\\Dữ liệu xã"
    assert folder[1:3] == ":\\"
    database = folder + "\\du-lieu.sqlite"
    assert main(["init", "--db", database]) == 0
    assert main(["check", "--db", database.replace("\\", "/")]) == 0  # the other separator
    out = capsys.readouterr().out
    assert f"Đã tạo cơ sở dữ liệu {database} " in out
    assert Path(database).is_file()


def test_a_path_longer_than_260_characters(tmp_path, capsys):
    """Made there; opened there on Windows, or (Wine 8, whose GetFinalPathNameByHandleW
    stops at MAX_PATH) refused with a message, never a traceback."""
    folder = Path(tmp_path)
    while len(str(folder)) < 300:
        folder = folder / "thư mục dữ liệu của xã Đoàn Kết"
    database = folder / "du-lieu.sqlite"
    assert len(str(database)) > 260
    assert main(["init", "--db", str(database)]) == 0
    assert database.is_file()
    capsys.readouterr()
    code = main(["check", "--db", str(database)])
    err = capsys.readouterr().err
    assert code == 0 or (code == 1 and err.startswith("Lỗi: ")), err


def test_output_into_a_file_is_utf8(tmp_path):
    """A real Windows file handle gets the ANSI code page (cp1252): the app's output must
    still be UTF-8 (the bug of issue 15: UnicodeEncodeError after the work was done)."""
    database = tmp_path / "du-lieu.sqlite"
    log = tmp_path / "nhat-ky.txt"
    with log.open("wb") as output:
        done = subprocess.run(
            [sys.executable, "main.py", "init", "--db", str(database)],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=120,
            env={key: value for key, value in os.environ.items() if not key.startswith("PYTHON")},
        )
    text = log.read_bytes().decode("utf-8")
    assert done.returncode == 0, text
    assert text.startswith("Đã tạo cơ sở dữ liệu ")
