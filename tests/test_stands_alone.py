"""The repository stands alone: nothing in it reads the design folder beside it.

A clerk or a developer who clones the repository has no ``../shared``; a test, a tool or
the app that read it would pass here and fail for them (`.ci/run` proves the whole suite in
a clone with nothing beside it; this test names the offending line at once).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).absolute().parents[1]
# A path into the folder beside the repository: "../shared", "parents[2] / 'shared'".
OUTSIDE = re.compile(r"\.\./shared\b|/\s*[\"']shared[\"']")
TEXT_SUFFIXES = {".py", ".sh", ".md", ".toml", ".spec", ".json", ".txt", ".cfg", ""}


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [REPO / name for name in listed.split("\0") if name]


def test_no_tracked_file_points_outside_the_repository() -> None:
    offending = []
    for path in tracked_files():
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        if path == Path(__file__).absolute():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                offending.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offending == []


def test_the_source_document_is_in_the_repository() -> None:
    source = REPO / "db" / "source"
    documents = list(source.glob("*.txt"))
    assert len(documents) == 1
    assert "Đảng bộ xã Đoàn Kết" in documents[0].read_text(encoding="utf-8")
    assert (source / "README.md").is_file()
