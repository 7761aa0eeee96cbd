"""requirements/lock.txt, what the frozen builds install (tools/lock.py, docs/building.md):
it holds pyproject.toml's pins with hashes, and its Windows lines are the Windows ones."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lock() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dk_tools_lock", ROOT / "tools" / "lock.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_lock_holds_pyprojects_pins_with_hashes(lock: ModuleType) -> None:
    entries = lock.read_lock()
    assert lock.stale(entries) == [], "run `make lock` after changing pyproject.toml"
    assert all(entry.hashes for entry in entries)
    names = {entry.name for entry in entries}
    assert {"pyside6-essentials", "pyinstaller", "pytest", "numpy"} <= names
    assert lock.main(["check"]) == 0


def test_a_pin_the_lock_does_not_hold_is_found(
    lock: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = lock.LOCK.read_text(encoding="utf-8")
    older = tmp_path / "lock.txt"
    older.write_text(text.replace("\nmatplotlib==", "\nmatplotlib==0.0.0+", 1), encoding="utf-8")
    wrong = lock.stale(lock.read_lock(older))
    assert any(line.startswith("matplotlib==") for line in wrong)
    monkeypatch.setattr(lock, "LOCK", older)
    assert lock.main(["check"]) == 1


def test_the_windows_lines_decide_the_markers(lock: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "windows.txt"
    assert lock.main(["windows", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "==" in line]
    names = {line.split("==")[0] for line in lines}
    # what PyInstaller and pytest need only on Windows, nothing only macOS needs
    assert {"pefile", "pywin32-ctypes", "colorama"} <= names
    assert "macholib" not in names
    assert not any(";" in line for line in lines)  # no marker left for Linux's pip to judge
    assert text.count("--hash=sha256:") >= len(lines)
    linux = {**lock.WINDOWS, "sys_platform": "linux", "platform_system": "Linux"}
    on_linux = {e.name for e in lock.for_environment(lock.read_lock(), linux)}
    assert "pefile" not in on_linux and "pyinstaller" in on_linux
