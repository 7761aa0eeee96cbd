"""The command line's own words (the commands themselves are tested with their modules)."""

from __future__ import annotations

import sys

from dk_desktop.cli import build_parser


def test_the_command_line_names_itself_as_it_is_run(monkeypatch):
    """The help of the frozen file shows its own name, not "python -m dk_desktop"."""
    assert build_parser().prog == "python -m dk_desktop"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "C:/Tài liệu/DoanKetNghiQuyet.exe")
    assert build_parser().prog == "DoanKetNghiQuyet"
