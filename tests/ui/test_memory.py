"""PySide6's import hook keeps no module sources once the app has started (ui/memory.py)."""

from __future__ import annotations

import importlib
import linecache
import sys

import pytest

from dk_desktop.ui.memory import use_light_source_check


@pytest.fixture
def feature(monkeypatch):  # type: ignore[no-untyped-def]
    import PySide6.QtCore  # noqa: F401 - installs the hook

    module = sys.modules.get("shibokensupport.feature")
    if module is None:
        pytest.skip("this PySide6 has no __feature__ import hook")
    # whatever check is installed now (importing dk_desktop.ui already installed the light
    # one) is put back after the test
    monkeypatch.setattr(module, "_mod_uses_pyside", module._mod_uses_pyside)
    return module


def test_the_hook_answers_as_upstream_without_keeping_the_source(feature, tmp_path, monkeypatch):
    (tmp_path / "dk_probe_uses_qt.py").write_text("from PySide6 import QtCore\n")
    (tmp_path / "dk_probe_plain.py").write_text("ANSWER = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    use_light_source_check()
    for name in ("dk_probe_uses_qt", "dk_probe_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        importlib.import_module(name)
        monkeypatch.delitem(feature.pyside_feature_dict, name, raising=False)
    # importlib.import_module bypasses the hook: ask it the way it asks after an import
    feature.feature_imported(sys.modules["dk_probe_uses_qt"])
    feature.feature_imported(sys.modules["dk_probe_plain"])
    assert feature.pyside_feature_dict["dk_probe_uses_qt"] == 0  # uses PySide6
    assert feature.pyside_feature_dict["dk_probe_plain"] == -1  # ignored by __feature__
    assert str(tmp_path / "dk_probe_uses_qt.py") not in linecache.cache
    assert str(tmp_path / "dk_probe_plain.py") not in linecache.cache


def test_an_import_statement_after_start_up_leaves_linecache_empty(feature, tmp_path, monkeypatch):
    (tmp_path / "dk_probe_statement.py").write_text("from PySide6 import QtGui\nX = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "dk_probe_statement", raising=False)
    use_light_source_check()
    import dk_probe_statement  # noqa: F401 - through builtins.__import__, PySide6's hook

    assert feature.pyside_feature_dict.get("dk_probe_statement") == 0
    assert str(tmp_path / "dk_probe_statement.py") not in linecache.cache
