"""What a new database cannot hold of a draft (``init --resolution``), said before
anything is written: a missing commune name, a kind the database does not know yet (the
new kinds wait for migration m004), too many targets, a target year outside what the
database accepts. The limits are read from the schema of a new database, not copied here,
so that a migration that widens them widens these checks too.
"""

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..store import schema
from ..store.database import connect


def _figures_sql() -> str:
    """The CREATE TABLE of ``figures`` in a new database (built in memory)."""
    db = connect(Path(":memory:"))
    try:
        schema.apply_migrations(db)
        row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'figures'").fetchone()
        items = db.execute("SELECT sql FROM sqlite_master WHERE name = 'items'").fetchone()
    finally:
        db.close()
    return (row[0] if row else "") + "\n" + (items[0] if items else "")


def accepted_kinds() -> set[str] | None:
    """The kinds a new database accepts (None: its schema does not restrict them)."""
    match = re.search(r"CHECK\s*\(\s*kind\s+IN\s*\(([^)]*)\)", _figures_sql())
    return set(re.findall(r"'([^']+)'", match[1])) if match else None


def _limit(pattern: str, default: int | None) -> int | None:
    match = re.search(pattern, _figures_sql())
    return int(match[1]) if match else default


def _number(text: Any) -> Decimal | None:
    try:
        return None if text is None else Decimal(str(text))
    except InvalidOperation:
        return None


def database_problems(draft: Any) -> list[str]:
    """Vietnamese sentences, one per problem; empty when a database can be made."""
    if not isinstance(draft, dict) or not isinstance(draft.get("items"), list):
        return [
            "Tệp không phải bản nháp Nghị quyết (cần tệp .json do lệnh «resolution draft» tạo ra)."
        ]
    problems = []
    commune = draft.get("commune") or {}
    if not str(commune.get("name") or "").strip():
        problems.append(
            "Bản nháp chưa có tên xã. Hãy tạo lại bản nháp với --commune «Tên xã» "
            "(hoặc điền «name» trong mục «commune»)."
        )
    document = draft.get("document") or {}
    if not str(document.get("congress_number") or "").strip():
        problems.append(
            "Bản nháp chưa ghi Đại hội lần thứ mấy (báo cáo in «… lần thứ I»). Hãy tạo lại "
            "bản nháp với --congress I (hoặc điền «congress_number» trong mục «document»)."
        )
    targets = [i for i in draft["items"] if i.get("section") == "target"]
    if not targets:
        problems.append("Bản nháp không có chỉ tiêu nào.")
    most = _limit(r"resolution_number\s+BETWEEN\s+1\s+AND\s+(\d+)", None)
    if most is not None and len(targets) > most:
        problems.append(
            f"Bản nháp có {len(targets)} chỉ tiêu; cơ sở dữ liệu hiện chỉ nhận tối đa {most}."
        )
    kinds = accepted_kinds()
    first_year = _limit(r"target_year\s+INTEGER[^,]*?BETWEEN\s+(\d+)", 2026) or 2026
    last_year = _limit(r"target_year\s+INTEGER[^,]*?BETWEEN\s+\d+\s+AND\s+(\d+)", 2100) or 2100
    unknown: dict[str, list[str]] = {}
    for item in draft["items"]:
        for figure in item.get("figures") or []:
            code = figure.get("code", "?")
            kind = figure.get("kind")
            if kinds is not None and kind not in kinds:
                unknown.setdefault(str(kind), []).append(code)
            total = _number(figure.get("total"))
            if kind == "units_of_total" and (total is None or total <= 0):
                problems.append(
                    f"Số liệu {code}: loại «số đơn vị đạt / tổng số» cần tổng số đơn vị "
                    "(«total», ví dụ 9 của «4/9 thôn»)."
                )
            if kind == "structure" and not str(figure.get("structure") or "").strip():
                problems.append(
                    f"Số liệu {code}: tỷ trọng của một cơ cấu cần tên cơ cấu "
                    "(«structure», ví dụ «Cơ cấu kinh tế»)."
                )
            if kind != "milestone" and _number(figure.get("target")) is None:
                problems.append(f"Số liệu {code}: chưa có giá trị chỉ tiêu.")
            low, high = _number(figure.get("target")), _number(figure.get("target_high"))
            if low is not None and high is not None and high < low:
                problems.append(f"Số liệu {code}: cận trên {high} nhỏ hơn cận dưới {low}.")
            year = figure.get("target_year")
            if not isinstance(year, int) or not first_year <= year <= last_year:
                problems.append(
                    f"Số liệu {code}: năm chỉ tiêu «{year}» — cơ sở dữ liệu chỉ nhận năm từ "
                    f"{first_year} đến {last_year} (một nhiệm kỳ đã qua chưa theo dõi được)."
                )
    for kind, codes in unknown.items():
        problems.append(
            f"Loại chỉ tiêu «{kind}» ({', '.join(codes)}) chưa được phiên bản cơ sở dữ liệu "
            "này nhận. Hãy đổi loại của các số liệu đó trong bản nháp, hoặc chờ bản cập nhật "
            "có các loại chỉ tiêu mới."
        )
    return problems


def trial_load(draft: dict[str, Any]) -> str | None:
    """Load the draft into a database in memory: None when it fits, else SQLite's words
    (a constraint the checks above do not know yet)."""
    from ..store.seed import load_seed

    db = connect(Path(":memory:"))
    try:
        schema.apply_migrations(db)
        with db.atomic():
            load_seed(db, draft, created_by="kiểm tra")
    except (sqlite3.Error, KeyError, TypeError, ValueError) as error:
        return str(error) or type(error).__name__
    finally:
        db.close()
    return None
