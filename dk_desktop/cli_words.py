"""argparse's own words in Vietnamese: «cách dùng», «tùy chọn», and its error messages.

argparse looks its words up through gettext each time it uses them (when a parser is
built, when help is printed, when a command line is refused), and Python ships no
Vietnamese catalogue. ``vietnamese_argparse()`` answers those look-ups while the command
line is built and read, then puts gettext back, so nothing else in the process changes.
The keys are Python 3.11's texts; a text not listed stays English, and
tests/test_cli.py fails on any English word left in the help or the refusals.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

WORDS = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "còn thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng cùng với tham số %s",
    "unrecognized arguments: %s": "không hiểu các tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "không có lựa chọn %(value)r (chọn một trong: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s chưa rõ, có thể là: %(matches)s"
    ),
    "ignored explicit argument %r": "tham số %r không dùng được ở đây",
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
    "can't open '%(filename)s': %(error)s": "không mở được «%(filename)s»: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}
PLURAL_WORDS = {"expected %s argument": "cần %s giá trị"}


def _word(text: str) -> str:
    return WORDS.get(text, text)


def _plural_word(singular: str, plural: str, count: int) -> str:
    return PLURAL_WORDS.get(singular, singular if count == 1 else plural)


@contextmanager
def vietnamese_argparse() -> Iterator[None]:
    """Within this block, argparse speaks Vietnamese (module doc)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _word, _plural_word  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
