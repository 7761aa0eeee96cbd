"""The two places the app changes a library's internals, each with its off switch:

- ui/memory.py replaces PySide6's private ``shibokensupport.feature._mod_uses_pyside``
  (DK_NO_LIGHT_SOURCE_CHECK=1 leaves it);
- charts/style.py swaps ``io.open`` while matplotlib opens its fonts, to hand it the file
  mapped into memory (DK_NO_FONTS_IN_MEMORY=1 leaves it).

The tests of what upstream does FAIL, never skip, when an upgrade changes it: the patch
would then silently do nothing (or the wrong thing), and someone must look.
"""

from __future__ import annotations

import importlib
import inspect
import io
import linecache
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from matplotlib import font_manager, ft2font
from matplotlib.font_manager import FontProperties

from dk_desktop.charts import style
from dk_desktop.ui import memory

# --- PySide6's import hook ------------------------------------------------------------------


@pytest.fixture
def feature(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    import PySide6.QtCore  # noqa: F401 - installs the hook

    module = sys.modules.get("shibokensupport.feature")
    assert module is not None, "PySide6 has no shibokensupport.feature: ui/memory.py is moot"
    # whatever check is installed now is put back after the test
    monkeypatch.setattr(module, "_mod_uses_pyside", module._mod_uses_pyside)
    return module


def _upstream(feature: ModuleType) -> Callable[[ModuleType], bool]:
    """PySide6's own check: kept by ui/memory.py if it already replaced it."""
    current = feature._mod_uses_pyside
    if current is memory._uses_pyside:
        assert memory.upstream_check is not None
        return memory.upstream_check
    return current  # type: ignore[no-any-return]


def _probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> ModuleType:
    (tmp_path / f"{name}.py").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, name, raising=False)
    module = importlib.import_module(name)  # bypasses the hook
    monkeypatch.delitem(feature_dict(), name, raising=False)
    return module


def feature_dict() -> dict[str, Any]:
    return sys.modules["shibokensupport.feature"].pyside_feature_dict  # type: ignore[no-any-return]


def test_pyside_still_asks_its_question_as_the_light_check_answers_it(
    feature: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ui/memory.py relies on: the hook calls ``_mod_uses_pyside(module)`` (looked up
    by name when a module is imported), which answers whether the source says "PySide6",
    and keeps that source in linecache (the memory the light check saves)."""
    upstream = _upstream(feature)
    assert list(inspect.signature(upstream).parameters) == ["module"]
    uses = _probe(tmp_path, monkeypatch, "dk_probe_upstream_qt", "from PySide6 import QtCore\n")
    plain = _probe(tmp_path, monkeypatch, "dk_probe_upstream_plain", "ANSWER = 42\n")
    linecache.clearcache()
    assert upstream(uses) is True
    assert upstream(plain) is False
    assert str(tmp_path / "dk_probe_upstream_qt.py") in linecache.cache, (
        "PySide6 no longer keeps module sources: ui/memory.py can go"
    )
    # the light check gives the same answers
    assert memory._uses_pyside(uses) is True
    assert memory._uses_pyside(plain) is False
    # and the hook asks through the module attribute that memory.py replaces
    calls: list[str] = []
    monkeypatch.setattr(feature, "_mod_uses_pyside", lambda module: calls.append(module.__name__))
    feature.feature_imported(uses)
    assert calls == ["dk_probe_upstream_qt"]


def test_the_light_check_is_installed_and_keeps_no_source(
    feature: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(memory.OFF_SWITCH, raising=False)
    assert memory.use_light_source_check() is True
    assert feature._mod_uses_pyside is memory._uses_pyside
    module = _probe(tmp_path, monkeypatch, "dk_probe_light", "from PySide6 import QtGui\n")
    feature.feature_imported(module)
    assert feature_dict()["dk_probe_light"] == 0  # a module that uses PySide6
    assert str(tmp_path / "dk_probe_light.py") not in linecache.cache


def test_the_off_switch_leaves_pysides_own_check(
    feature: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upstream = _upstream(feature)
    monkeypatch.setattr(feature, "_mod_uses_pyside", upstream)
    monkeypatch.setenv(memory.OFF_SWITCH, "1")
    assert memory.use_light_source_check() is False
    assert feature._mod_uses_pyside is upstream
    module = _probe(tmp_path, monkeypatch, "dk_probe_off", "from PySide6 import QtGui\n")
    linecache.clearcache()
    feature.feature_imported(module)
    assert feature_dict()["dk_probe_off"] == 0
    assert str(tmp_path / "dk_probe_off.py") in linecache.cache  # upstream's way


# --- matplotlib's fonts ----------------------------------------------------------------------


def _in_new_thread(work: Callable[[], Any]) -> Any:
    """matplotlib keeps one FT2Font per file and thread: a new thread opens them anew."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:  # handed to the test's thread
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


@pytest.fixture
def fresh_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fonts opened anew (thread numbers are reused), the mapped ones recorded."""
    mapped: list[str] = []

    class Recorded(style._MappedFont):
        def __new__(cls, path: str) -> Recorded:
            mapped.append(path)
            return super().__new__(cls, path)  # type: ignore[return-value]

    monkeypatch.setattr(style, "_MappedFont", Recorded)
    monkeypatch.setattr(style, "_fonts_ready", set())
    font_manager._get_font.cache_clear()
    yield mapped
    font_manager._get_font.cache_clear()


def _chart_font() -> str:
    return str(font_manager.findfont(FontProperties(family=style.FONT_FAMILY)))


def test_matplotlib_still_opens_a_font_with_io_open_and_takes_a_file_object(
    fresh_fonts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What charts/style.py relies on: FT2Font opens a font given by name with
    ``io.open(name, "rb")`` (looked up at each call) and keeps the name, it reads a font
    from a file object (the mapped file), and matplotlib's cache of fonts can be cleared."""
    path = _chart_font()
    opened: list[tuple[Any, ...]] = []
    real_open = io.open

    def spy(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        opened.append((file, mode, args, kwargs))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", spy)
    font = _in_new_thread(lambda: font_manager.get_font(path))
    monkeypatch.setattr(io, "open", real_open)
    assert (path, "rb", (), {}) in opened, (
        f"matplotlib no longer opens its fonts with io.open(name, 'rb'): {opened}"
    )
    assert font.fname == path

    def from_memory() -> Any:
        loaded = ft2font.FT2Font(style._MappedFont(path))
        loaded.set_size(12, 72)
        loaded.set_text("Đoàn Kết", 0)
        return loaded

    loaded = _in_new_thread(from_memory)
    assert loaded.get_width_height()[0] > 0
    assert callable(font_manager._get_font.cache_clear)


def test_fonts_are_read_from_memory(
    fresh_fonts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(style.OFF_SWITCH, raising=False)
    path = os.path.realpath(_chart_font())

    def load() -> Any:
        style.fonts_in_memory()
        return font_manager.get_font(path)

    font = _in_new_thread(load)
    assert path in fresh_fonts
    assert font.fname == path
    assert io.open is not None and io.open.__module__ in ("io", "_io")  # put back


def test_the_off_switch_leaves_matplotlib_reading_files(
    fresh_fonts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(style.OFF_SWITCH, "1")
    real_open = io.open
    swapped: list[object] = []
    path = os.path.realpath(_chart_font())

    def load() -> Any:
        style.fonts_in_memory()
        swapped.append(io.open)
        return font_manager.get_font(path)

    font = _in_new_thread(load)
    assert fresh_fonts == []
    assert swapped == [real_open]
    assert font.fname == path
