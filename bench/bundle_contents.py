"""What takes the room in a one-file executable: the largest entries and the packages.

.venv/bin/python bench/bundle_contents.py dist/DoanKetNghiQuyet [--top 40]
.venv/bin/python bench/bundle_contents.py dist/A build/bench/dist/B   # side by side
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader


def entries(executable: Path) -> dict[str, int]:
    """Compressed size of every entry, with the Python modules of PYZ.pyz listed too."""
    reader = CArchiveReader(str(executable))
    sizes: dict[str, int] = {}
    for name, (_offset, compressed, _full, _flag, kind) in reader.toc.items():
        if kind == "z":  # the archive of Python modules: count its modules one by one
            pyz = ZlibArchiveReader(_pyz_path(reader, name))
            for module, (_kind, _off, length) in pyz.toc.items():
                sizes[f"PYZ:{module}"] = length
        else:
            sizes[name] = compressed
    return sizes


def _pyz_path(reader: CArchiveReader, name: str) -> str:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pyz", delete=False) as handle:
        handle.write(reader.extract(name))
    return handle.name


def group(name: str) -> str:
    if name.startswith("PYZ:"):
        return "py:" + name[4:].split(".")[0]
    parts = name.split("/")
    if parts[0] == "PySide6" and len(parts) > 3 and parts[1] == "Qt":
        return f"PySide6/Qt/{parts[2]}" + (f"/{parts[3]}" if parts[2] == "plugins" else "")
    return parts[0] if len(parts) > 1 else "(top-level libraries)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("executables", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    tables = [entries(path) for path in args.executables]
    for path, sizes in zip(args.executables, tables, strict=True):
        print(f"\n{path}: {path.stat().st_size / 1e6:.1f} MB on disk")
        groups = collections.Counter()
        for name, size in sizes.items():
            groups[group(name)] += size
        for name, size in groups.most_common(args.top):
            print(f"  {size / 1e6:7.2f} MB  {name}")
    if len(tables) == 2:
        first, second = tables
        print(f"\nonly in / larger in {args.executables[0].name} (MB):")
        differences = {n: s - second.get(n, 0) for n, s in first.items()}
        for name, size in sorted(differences.items(), key=lambda x: -x[1])[: args.top]:
            if size > 20_000:
                print(f"  {size / 1e6:7.2f}  {name}")
        print(f"\nonly in / larger in {args.executables[1].name} (MB):")
        differences = {n: s - first.get(n, 0) for n, s in second.items()}
        for name, size in sorted(differences.items(), key=lambda x: -x[1])[: args.top]:
            if size > 20_000:
                print(f"  {size / 1e6:7.2f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
