"""How well the drafter reads real resolutions (issue 13 §4): not a timed test.

    .venv/bin/python bench/bench_drafting.py [--wrong]

For each commune of the corpus (tests/data/resolutions/<slug>/source.txt against its
expected.json, written by hand) and for Đoàn Kết (its targets section cut from
db/source/ by the drafter's own code, against db/resolution.json), and overall: the share
of figures drafted right without correction (value, range, unit, kind, direction each, and
all five together), the share of drafted figures marked unsure, and the wrong ones left
unmarked (a wrong figure not marked unsure, or an extra figure not marked). Prints a
Markdown table; --wrong lists every figure drafted wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dk_desktop.drafting.draft import build_draft  # noqa: E402
from dk_desktop.drafting.scoring import (  # noqa: E402
    ASPECTS,
    Score,
    compare,
    drafted_figures,
    expected_figures,
    flat_text,
)
from dk_desktop.drafting.targets import find_section  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "resolutions"
SEED = ROOT / "db" / "resolution.json"
REPORT = ROOT / "db" / "source" / "bao-cao-chinh-tri-dai-hoi-dang-bo-xa-doan-ket-2025-2030.txt"


def score_doan_ket() -> Score:
    section = find_section(REPORT.read_text(encoding="utf-8"))
    draft = build_draft(section, commune="Đoàn Kết", province="Sơn La")
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    return compare(drafted_figures(draft), drafted_figures(seed), flat_text(section))


def score_commune(folder: Path) -> Score:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    text = (folder / "source.txt").read_text(encoding="utf-8")
    term = tuple(expected.get("term") or (2025, 2030))
    draft = build_draft(text, term=(int(term[0]), int(term[1])))
    return compare(drafted_figures(draft), expected_figures(expected), flat_text(text))


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def row(name: str, score: Score) -> str:
    cells = [name, str(score.figures)]
    cells += [_percent(score.right[a], score.figures) for a in ASPECTS]
    cells += [
        _percent(score.all_right, score.figures),
        _percent(score.unsure, score.drafted),
        str(score.wrong_unmarked),
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| commune | figures | value | range | unit | kind | direction | all right | "
    "marked unsure | wrong, unmarked |\n" + "|---" * 10 + "|"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wrong", action="store_true", help="list every figure drafted wrong")
    args = parser.parse_args()
    scores: list[tuple[str, Score]] = [("Đoàn Kết (db/)", score_doan_ket())]
    folders = sorted(p for p in CORPUS.iterdir() if (p / "expected.json").exists())
    for folder in folders:
        try:
            scores.append((folder.name, score_commune(folder)))
        except Exception as error:  # one broken folder must not hide the others' figures
            print(f"{folder.name}: not scored ({type(error).__name__}: {error})")
    total, corpus = Score(), Score()
    for name, score in scores:
        total.add(score)
        if not name.startswith("Đoàn Kết"):
            corpus.add(score)
    lines = [HEADER] + [row(name, score) for name, score in scores]
    lines += [row("**corpus**", corpus), row("**overall**", total)]
    print(f"Drafting benchmark: {len(folders)} corpus communes + Đoàn Kết\n")
    print("\n".join(lines))
    print(
        "\n(«all right»: value, range, unit, kind and direction all as written by hand; "
        "«marked unsure»: of the figures drafted; «wrong, unmarked»: drafted wrong or extra "
        "without an unsure mark)"
    )
    if args.wrong:
        for name, score in scores:
            for wrong in score.wrong:
                print(f"- {name} {wrong}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
