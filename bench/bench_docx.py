"""Benchmark (not a test): the whole Word report (.docx) with its field charts, on the
seeded database with five years (2026–2030) of data for 31 generated villages (the same
data as bench/bench_reports.py; test data only, never shipped). Aim: under 2 s.

    .venv/bin/python bench/bench_docx.py                        # times, printed
    .venv/bin/python bench/bench_docx.py --examples docs/examples

With --examples it also writes the example report (EXAMPLE_YEAR, made on a fixed day) and,
where LibreOffice and poppler-utils are installed, its pages as PDF and PNG.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reports import EXAMPLE_YEAR, _timed, build_database  # noqa: E402

EXAMPLE_NAME = f"bao-cao-word-nam-{EXAMPLE_YEAR}"
EXAMPLE_DAY = date(EXAMPLE_YEAR + 1, 1, 15)


def write_example(store, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """The example .docx, its PDF (LibreOffice) and one PNG per page (pdftoppm, 60 dpi)."""
    from dk_desktop.reports.docx_report import write_docx_report

    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{EXAMPLE_NAME}.docx"
    write_docx_report(store, source, EXAMPLE_YEAR, made_on=EXAMPLE_DAY)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("LibreOffice or pdftoppm missing: only the .docx was written")
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    for old in folder.glob(f"{EXAMPLE_NAME}-trang-*.png"):
        old.unlink()
    pdf = folder / f"{EXAMPLE_NAME}.pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(folder / f"{EXAMPLE_NAME}-trang")],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--examples", type=Path, help="also write the example report here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        start = time.perf_counter()
        store = build_database(folder / "bench.sqlite")
        print(f"generated data: {time.perf_counter() - start:.1f} s")

        start = time.perf_counter()
        from dk_desktop.reports.docx_report import write_docx_report

        print(f"import python-docx + report: {time.perf_counter() - start:.2f} s")
        target = folder / "r.docx"
        write_docx_report(store, target)  # warm-up: font cache, matplotlib's first use
        median, best = _timed(lambda: write_docx_report(store, target), args.repeat)
        print(f"whole .docx report with charts: {median:.2f} s median, {best:.2f} s best")
        print(f"  ({target.stat().st_size / 1024:.0f} KB)")
        median, best = _timed(lambda: write_docx_report(store, target, charts=False), args.repeat)
        print(f"whole .docx report without charts: {median:.2f} s median, {best:.2f} s best")
        print(f"python {sys.version.split()[0]}, {platform.platform()}")
        if args.examples:
            write_example(store, args.examples)
            print(f"example written to {args.examples}")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
