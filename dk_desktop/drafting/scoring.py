"""How good a draft is against figures written by hand (db/resolution.json, or a
corpus commune's expected.json): the share drafted right, aspect by aspect.

Figures are paired by the words of the text they quote (``target_text``): a drafted figure
is compared with the expected one whose words overlap its own most (numbering may differ:
the corpus numbers a news report's clauses its own way). Where the words are not found,
the n-th figure of a target is compared with the n-th expected one. A missing figure counts
as wrong; an extra one as wrong too where it is not marked unsure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .targets import lines_of
from .text import normalise

ASPECTS = ("value", "range", "unit", "kind", "direction")


def flat_text(text: str) -> str:
    """The text as figures quote it: NFC, page-number lines dropped, whitespace collapsed."""
    return " ".join(" ".join(lines_of(normalise(text))).split())


@dataclass
class Score:
    """Counts over the expected figures (plus drafted figures nothing expected)."""

    figures: int = 0  # expected figures
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ASPECTS, 0))
    all_right: int = 0
    core_right: int = 0  # value, unit, kind and direction (the seed's measure)
    unsure: int = 0  # drafted figures marked unsure
    drafted: int = 0
    wrong_unmarked: int = 0  # drafted wrong (any aspect) and not marked unsure
    extra: int = 0  # drafted figures with no expected one
    wrong: list[str] = field(default_factory=list)  # what went wrong, for the report

    def add(self, other: Score) -> None:
        self.figures += other.figures
        for aspect in ASPECTS:
            self.right[aspect] += other.right[aspect]
        for name in ("all_right", "core_right", "unsure", "drafted", "wrong_unmarked", "extra"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wrong += other.wrong

    def share(self, count: int) -> float:
        return count / self.figures if self.figures else 0.0


def _number(text: Any) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


def _unit(text: Any) -> str:
    return " ".join(str(text or "").lower().replace("tỉ", "tỷ").split())


def drafted_figures(draft: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(target number as written, figure) of a draft or of db/resolution.json's targets."""
    return [
        (str(item["number"]), figure)
        for item in draft["items"]
        if item.get("section", "target") == "target"
        for figure in item.get("figures", [])
    ]


def expected_figures(expected: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(target number, figure) of a corpus expected.json (its figures name their target)."""
    return [(str(f["number"]), f) for f in expected["figures"]]


def _spans(figures: list[tuple[str, dict[str, Any]]], text: str) -> list[tuple[int, int] | None]:
    """Where each figure's words (``target_text``) stand in ``text``, searched in order
    (so that a repeated «100%» is found at its own place); None where they are not found."""
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for _, figure in figures:
        words = " ".join(str(figure.get("target_text") or "").split())
        at = text.find(words, cursor) if words else -1
        if at < 0 and words:
            at = text.find(words)
        if at < 0:
            spans.append(None)
            continue
        spans.append((at, at + len(words)))
        cursor = at + 1
    return spans


def _pairs(
    drafted: list[tuple[str, dict[str, Any]]],
    expected: list[tuple[str, dict[str, Any]]],
    text: str | None,
) -> list[int | None]:
    """For each expected figure, the index of the drafted figure that reads the same words:
    the one whose words overlap most in the text; else the next of the same target."""
    paired: list[int | None] = [None] * len(expected)
    used: set[int] = set()
    if text is not None:
        mine, theirs = _spans(drafted, text), _spans(expected, text)
        for e, span in enumerate(theirs):
            if span is None:
                continue
            best, best_overlap = None, 0
            for d, other in enumerate(mine):
                if d in used or other is None:
                    continue
                overlap = min(span[1], other[1]) - max(span[0], other[0])
                if overlap > best_overlap:
                    best, best_overlap = d, overlap
            if best is not None:
                paired[e] = best
                used.add(best)
    for e, (target, _) in enumerate(expected):
        if paired[e] is None:
            left = [d for d, (t, _) in enumerate(drafted) if t == target and d not in used]
            if left:
                paired[e] = left[0]
                used.add(left[0])
    return paired


def compare(
    drafted: list[tuple[str, dict[str, Any]]],
    expected: list[tuple[str, dict[str, Any]]],
    text: str | None = None,
) -> Score:
    """Score ``drafted`` against ``expected``; with ``text`` (the source, whitespace
    collapsed) figures are paired by the words they quote, not by their numbering."""
    score = Score()
    paired = _pairs(drafted, expected, text)
    for (target, want), index in zip(expected, paired, strict=True):
        score.figures += 1
        have = drafted[index][1] if index is not None else None
        if have is None:
            score.wrong.append(f"({target}) thiếu: {want.get('target_text')}")
            continue
        checks = {
            "value": _number(have.get("target")) == _number(want.get("target")),
            "range": _number(have.get("target_high")) == _number(want.get("target_high")),
            "unit": _unit(have.get("unit")) == _unit(want.get("unit")),
            "kind": have.get("kind") == want.get("kind"),
            "direction": have.get("direction") == want.get("direction"),
        }
        for aspect, ok in checks.items():
            score.right[aspect] += ok
        score.all_right += all(checks.values())
        score.core_right += all(checks[a] for a in ("value", "unit", "kind", "direction"))
        if not all(checks.values()):
            bad = ", ".join(
                f"{a}: {have.get(_KEY[a])!r} ≠ {want.get(_KEY[a])!r}"
                for a, ok in checks.items()
                if not ok
            )
            mark = "đã đánh dấu" if have.get("unsure") else "KHÔNG đánh dấu"
            score.wrong.append(f"({target}) {want.get('target_text')}: {bad} [{mark}]")
            score.wrong_unmarked += not have.get("unsure")
    score.drafted = len(drafted)
    score.unsure = sum(1 for _, f in drafted if f.get("unsure"))
    for d, (target, figure) in enumerate(drafted):
        if d not in set(i for i in paired if i is not None):
            score.extra += 1
            score.wrong_unmarked += not figure.get("unsure")
            score.wrong.append(f"({target}) thừa: {figure.get('target_text')}")
    return score


_KEY = {
    "value": "target",
    "range": "target_high",
    "unit": "unit",
    "kind": "kind",
    "direction": "direction",
}
