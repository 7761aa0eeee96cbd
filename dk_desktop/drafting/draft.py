"""A whole draft: the targets of a text as a catalogue in the format of
docs/seed-format.md (what ``create_database`` and ``Store`` are made from), each figure
with its ``unsure`` reasons, plus the list of figures to look at first.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

from ..core.model import FIELD_LABELS, Field
from .errors import DraftError
from .figures import Drafted, body_of, figures_of, heading_of
from .targets import field_of, find_targets
from .text import normalise

FORMAT_VERSION = 1
DEFAULT_TERM = (2025, 2030)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def parse_term(text: str) -> tuple[int, int]:
    """«2025-2030» (or «2025–2030») → (2025, 2030); anything else is refused."""
    match = re.fullmatch(r"\s*((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\s*", text or "")
    if match is None:
        raise DraftError(f"Nhiệm kỳ «{text}» không rõ. Cần hai năm, ví dụ 2025-2030.")
    start, end = int(match[1]), int(match[2])
    if not 1 <= end - start <= 10:
        raise DraftError(
            f"Nhiệm kỳ {start}–{end} không hợp lệ: năm cuối phải sau năm đầu (thường 5 năm)."
        )
    return start, end


def commune_block(commune: str, province: str, term: tuple[int, int]) -> dict[str, Any]:
    return {
        "name": commune,
        "party_committee": f"ĐẢNG BỘ XÃ {commune.upper()}" if commune else "",
        "area": "",
        "province": province,
        "term_start": term[0],
        "term_end": term[1],
        "former_communes": [],
        "source": "",
        "merged_communes": [],
        "note": None,
    }


def document_block(commune: str, province: str) -> dict[str, Any]:
    """The header words of the commune's documents, from its names (the clerk may edit)."""
    return {
        "superior_body": f"ĐẢNG BỘ TỈNH {province.upper()}" if province else "",
        "issuing_body": f"ĐẢNG ỦY XÃ {commune.upper()}" if commune else "",
        "place_name": commune,
        "congress_number": "",
        "number_symbol": "BC/ĐU",
        "signing_authority": "T/M BAN THƯỜNG VỤ",
        "signer_title": "BÍ THƯ",
        "recipients": [],
        "source": "",
    }


def _figure_dict(code: str, drafted: Drafted) -> dict[str, Any]:
    return {
        "code": code,
        "name": drafted.name or "(chưa có tên)",
        "unit": drafted.unit,
        "kind": drafted.kind,
        "direction": drafted.direction,
        "comparator": drafted.comparator,
        "target": drafted.target,
        "target_high": drafted.target_high,
        "total": drafted.total,
        "structure": drafted.structure,
        "target_year": drafted.target_year,
        "target_text": drafted.target_text,
        "source": drafted.source,
        "value_type": drafted.value_type,
        "aggregation": "none",
        "numerator": None,
        "denominator": None,
        "baseline": None,
        "note": None,
        "unsure": list(drafted.unsure),
    }


def build_draft(
    text: str,
    *,
    commune: str = "",
    province: str = "",
    term: tuple[int, int] = DEFAULT_TERM,
) -> dict[str, Any]:
    """The draft of a resolution from its targets text (or a whole report). Refuses an
    empty text or one without targets (DraftError); never refuses an unsure figure."""
    text = normalise(text)
    parsed = find_targets(text)
    groups = {group.code: group for group in parsed.groups}
    items = []
    for position, target in enumerate(parsed.targets, start=1):
        code = f"CT{position:02d}"
        body = body_of(target.text)
        heading = heading_of(body)
        drafted, skipped = figures_of(target.text, term[1], heading)
        group = groups.get(target.group) if target.group else None
        # a target's own words outrank its group's («ma tuý» under «xã hội» is security)
        own_field = field_of(body)
        field = (
            own_field
            if own_field in ("defence_security", "party_building")
            else (group.field if group else own_field)
        )
        reasons = [] if field else ["chưa rõ lĩnh vực: tạm xếp vào Kinh tế"]
        figures = []
        for index, figure in enumerate(drafted):
            letter = _LETTERS[index] if index < len(_LETTERS) else f"_{index + 1}"
            entry = _figure_dict(code + letter, figure)
            entry["unsure"] += reasons
            figures.append(entry)
        note = None
        if skipped:
            note = "Không có số, chưa thành số liệu: " + "; ".join(f"«{s}»" for s in skipped)
        items.append(
            {
                "code": code,
                "section": "target",
                "number": target.number,
                "resolution_number": position,
                "group": target.group,
                "field": field or Field.ECONOMY.value,
                "name": _item_name(heading, body, figures),
                "source": target.text,
                "note": note,
                "figures": figures,
            }
        )
    return {
        "format_version": FORMAT_VERSION,
        "source_file": "",
        "layout": parsed.layout,
        "commune": commune_block(commune.strip(), province.strip(), term),
        "document": document_block(commune.strip(), province.strip()),
        "fields": [{"code": f.value, "name": FIELD_LABELS[f]} for f in Field],
        "groups": [
            {"code": g.code, "name": g.name, "count": g.count, "source": g.source}
            for g in parsed.groups
        ],
        "items": items,
    }


def with_term(draft: dict[str, Any], term: tuple[int, int]) -> dict[str, Any]:
    """The draft moved to another term (the clerk corrected it after drafting): a figure
    due at the old term's end is due at the new one's, a baseline of the old start year is
    the new start's; years the text wrote otherwise stay. A new dict; ``draft`` is kept."""
    moved = deepcopy(draft)
    old_start, old_end = moved["commune"]["term_start"], moved["commune"]["term_end"]
    moved["commune"]["term_start"], moved["commune"]["term_end"] = term
    for item in moved["items"]:
        for figure in item.get("figures", []):
            if figure.get("target_year") == old_end:
                figure["target_year"] = term[1]
            baseline = figure.get("baseline")
            if baseline and baseline.get("year") == old_start:
                baseline["year"] = term[0]
    return moved


def _item_name(heading: str | None, body: str, figures: list[dict[str, Any]]) -> str:
    """A target's short name: its heading, else its first figure's name, else its words."""
    if heading:
        return heading
    if figures and figures[0]["name"] and figures[0]["name"] != "(chưa có tên)":
        return figures[0]["name"]
    words = body.split()
    return " ".join(words[:12]) or "(chưa có tên)"


def all_figures(draft: dict[str, Any]) -> list[dict[str, Any]]:
    return [figure for item in draft["items"] for figure in item.get("figures", [])]


def figures_to_review(draft: dict[str, Any]) -> list[dict[str, Any]]:
    """Every figure, the unsure ones first (in the text's order within each part)."""
    figures = all_figures(draft)
    return [f for f in figures if f.get("unsure")] + [f for f in figures if not f.get("unsure")]


def counts(draft: dict[str, Any]) -> tuple[int, int]:
    """(figures, unsure figures) of a draft."""
    figures = all_figures(draft)
    return len(figures), sum(1 for f in figures if f.get("unsure"))
