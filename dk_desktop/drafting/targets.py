"""Finding the targets in the text: the section, its group headings and its targets.

Three layouts are read, as Political Reports print them:
- numbered «(1) … (22)», or «1. …» at the start of a line, under group headings such as
  «2.1. Các chỉ tiêu về kinh tế (8 chỉ tiêu)» or «Về xã hội:»;
- the in-sentence form «… đề ra 12 chỉ tiêu cụ thể: …; …; …»;
- bullets «- …» when nothing is numbered.
A number counts as a target's number only in sequence (1, 2, 3 …, or 1 again after a
group heading), so «(8 chỉ tiêu)» or «(2030)» inside a target never starts one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import DraftError

_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_SECTION_START = re.compile(
    r"^\s*(?:[\dIVX]+(?:\.\d+)*\.?\s*)?(?:các\s+)?(?:mục tiêu,\s*)?chỉ tiêu\s+"
    r"(?:chủ yếu|cụ thể|chính)",
    re.IGNORECASE,
)
_SECTION_END = re.compile(
    r"^\s*(?:[\dIVX]+(?:\.\d+)*\.?\s*)?(?:các\s+|ba\s+|\d+\s+)?(?:khâu đột phá|đột phá|"
    r"nhiệm vụ(?:,| và)? giải pháp|nhiệm vụ trọng tâm|nhiệm vụ chủ yếu|giải pháp chủ yếu|"
    r"phương hướng,? nhiệm vụ|tổ chức thực hiện)",
    re.IGNORECASE,
)
_GROUP = re.compile(
    r"^(?:(?P<code>\d+(?:\.\d+)*|[a-zđ]|[IVX]+)[.)]\s*)?(?:[-–+•*]\s*)?"
    r"(?P<name>(?:(?:các|nhóm)\s+)?(?:chỉ tiêu\s+)?(?:về|thuộc|lĩnh vực)\s+[^:()]{3,90}?|"
    r"(?:các|nhóm)\s+chỉ tiêu\s+[^:()]{3,90}?)"
    r"\s*(?:\(\s*(?P<count>\d+)\s*chỉ tiêu\s*\))?\s*(?::|$)",
    re.IGNORECASE,
)
# Where a list of targets in running text begins: «đề ra 12 chỉ tiêu cụ thể:», «đề ra các
# chỉ tiêu, như:», «thông qua 16 chỉ tiêu … Cụ thể,», «đặt mục tiêu đến năm 2030,».
_INTRO = re.compile(
    r"(?:(?:chỉ tiêu|mục tiêu)(?:\s+(?:cụ thể|chủ yếu|chính))?"
    r"(?:\s+(?:về|trên|nhiệm kỳ|giai đoạn|của)\s[^:;.]{0,60}?)?"
    r"\s*(?::|,?\s*như:?|,?\s*cụ thể[:,]?|,?\s*trong đó(?:\s+phấn đấu)?)"
    r"|đặt (?:ra )?mục tiêu(?:\s+đến năm \d{4})?,?|^cụ thể,?)\s*",
    re.IGNORECASE,
)
_ONLY_INTRO = re.compile(r"\b\d+\s+(?:nhóm\s+)?chỉ tiêu\b", re.IGNORECASE)
# a target's number inside a line: «(2)», or «2. » after the end of the one before and
# before a capital («… 60 triệu đồng. 3. Tổng sản lượng …»)
_INLINE_MARK = re.compile(r"\(\s*(\d{1,2})\s*\)\.?\s*|(?<=[.;:)…]\s)(\d{1,2})\.\s+(?=[A-ZĐÀ-Ỹ])")
_LINE_MARK = re.compile(r"^(?:\(\s*(\d{1,2})\s*\)|(\d{1,2})\s*[.)](?!\d))\.?\s*")
_BULLET = re.compile(r"^[-–+•*]\s+")

# Field keywords, in the order they are tried: «xây dựng Đảng, củng cố hệ thống chính
# trị» is party building before anything else; «kinh tế - xã hội» is the economy.
FIELD_WORDS: tuple[tuple[str, str], ...] = (
    ("party_building", r"xây dựng đảng|hệ thống chính trị|đảng viên|chi bộ|cấp ủy|tổ chức đảng"),
    ("defence_security", r"quốc phòng|an ninh|quân sự|nhập ngũ|tuyển quân|ma tu[ýy]|tội phạm"),
    (
        "culture_society",
        r"xã hội|văn h[oó]a|giáo dục|y tế|dân số|lao động|an sinh|hộ nghèo|"
        r"trường học|bảo hiểm|tỷ suất sinh|hành chính|chuyển đổi số",
    ),
    (
        "economy",
        r"kinh tế|tài nguyên|môi trường|nông nghiệp|ngân sách|sản xuất|hạ tầng|"
        r"thu nhập|sản phẩm|tăng trưởng|thương mại|dịch vụ|trồng|rừng|nông thôn mới|chăn nuôi|"
        r"diện tích|doanh nghiệp|hợp tác xã|giao thông|sản lượng|lương thực|công nghiệp|"
        r"xây dựng|đầu tư|đô thị",
    ),
)


def field_of(words: str) -> str | None:
    """The field (economy, culture_society, defence_security, party_building) words name."""
    lowered = words.lower()
    for code, pattern in FIELD_WORDS:
        if re.search(pattern, lowered):
            return code
    return None


@dataclass
class Group:
    code: str
    name: str
    count: int | None
    source: str
    field: str | None


@dataclass
class Target:
    number: str  # as numbered in the text («4»), or its order in the sentence form
    text: str  # the target's words, whitespace collapsed, from its number to its end
    group: str | None = None


@dataclass
class Parsed:
    layout: str  # numbered | sentence | bullets
    groups: list[Group] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


def lines_of(text: str) -> list[str]:
    """The text's lines, trimmed, without empty lines and lines holding only a page number."""
    return [
        line.strip() for line in text.split("\n") if line.strip() and not _PAGE_NUMBER.match(line)
    ]


def find_section(text: str) -> str:
    """The targets section of a whole report («Chỉ tiêu chủ yếu» to the next part, such as
    «Các khâu đột phá»); a text that is only the section is returned whole."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _SECTION_START.match(line)), None)
    if start is None:
        return text
    end = next(
        (i for i in range(start + 1, len(lines)) if _SECTION_END.match(lines[i])), len(lines)
    )
    return "\n".join(lines[start:end])


def _group(line: str, number: int) -> tuple[Group, str] | None:
    """A group heading at the start of ``line`` (and the rest of the line), if it is one."""
    match = _GROUP.match(line)
    if match is None:
        return None
    name = " ".join(match["name"].split())
    code = field_of(name)
    if code is None:
        return None
    return (
        Group(
            code=match["code"] or str(number),
            name=name[:1].upper() + name[1:],
            count=int(match["count"]) if match["count"] else None,
            source=match.group(0).strip().rstrip(":").strip(),
            field=code,
        ),
        line[match.end() :].strip(),
    )


def _numbered(lines: list[str]) -> Parsed:
    parsed = Parsed("numbered")
    expected = 1
    current: list[str] | None = None

    def close() -> None:
        if current is not None and parsed.targets:
            parsed.targets[-1].text = " ".join(" ".join(current).split())

    after_heading = False
    for line in lines:
        mark = _LINE_MARK.match(line)
        number = int(mark[1] or mark[2]) if mark else None
        if number != expected:
            heading = _group(line, len(parsed.groups) + 1)
            # «Về giáo dục: 100% trường …» inside a target is its text, not a heading: a
            # heading stands alone on its line, or before a target's number
            if heading is not None and heading[1] and not _LINE_MARK.match(heading[1]):
                heading = None
            if heading is not None:
                close()
                current = None
                after_heading = True
                parsed.groups.append(heading[0])
                line = heading[1]
                mark = _LINE_MARK.match(line)
                number = int(mark[1] or mark[2]) if mark else None
                if not line:
                    continue
        if number == 1 and after_heading:  # numbering starts again in this group
            expected = 1
        after_heading = False
        pieces = _split_marks(line, expected, at_start=number == expected)
        for piece_number, piece in pieces:
            if piece_number is None:
                if current is not None:
                    current.append(piece)
                continue
            close()
            group = parsed.groups[-1].code if parsed.groups else None
            parsed.targets.append(Target(str(piece_number), "", group))
            current = [piece]
            expected = piece_number + 1
    close()
    return parsed


def _split_marks(line: str, expected: int, *, at_start: bool) -> list[tuple[int | None, str]]:
    """``line`` cut at the targets' numbers it holds, in sequence from ``expected``."""
    pieces: list[tuple[int | None, str]] = []
    position = 0
    number: int | None = None
    if at_start:
        mark = _LINE_MARK.match(line)
        assert mark is not None
        number, position, expected = expected, 0, expected + 1
    for mark in _INLINE_MARK.finditer(line):
        if mark.start() < position + 1 or int(mark[1] or mark[2]) != expected:
            continue
        pieces.append((number, line[position : mark.start()].strip()))
        number, position, expected = expected, mark.start(), expected + 1
    pieces.append((number, line[position:].strip()))
    return [(n, text) for n, text in pieces if text]


def _sentence(text: str) -> Parsed | None:
    """Targets in running text («… đề ra 12 chỉ tiêu cụ thể: …; …; …», a news report's
    «… đặt mục tiêu đến năm 2030, …. …»): each clause (between «;» or sentences) that
    holds a number or a milestone is a target, numbered in order; the words introducing
    the list are left out."""
    from .figures import is_target_clause  # figures knows what a figure's words look like

    flat = " ".join(text.split())
    parsed = Parsed("sentence")
    for clause in re.split(r"(?<=[;.…])\s+(?=[^\d\s])|;\s*", flat):
        clause = clause.strip()
        intros = list(_INTRO.finditer(clause))
        if intros:  # the list starts after the last introducing words of the clause
            intro = intros[-1]
            clause = clause[intro.end() :].strip()
        elif _ONLY_INTRO.search(clause):
            continue  # «… thông qua 16 chỉ tiêu nhiệm kỳ 2020-2025.»: no target in it
        if not clause or not is_target_clause(clause):
            continue
        heading = _group(clause, len(parsed.groups) + 1)
        if heading is not None and heading[1]:
            parsed.groups.append(heading[0])
            clause = heading[1]
        group = parsed.groups[-1].code if parsed.groups else None
        parsed.targets.append(Target(str(len(parsed.targets) + 1), clause, group))
    return parsed if parsed.targets else None


def _bullets(lines: list[str]) -> Parsed:
    parsed = Parsed("bullets")
    for line in lines:
        if _BULLET.match(line):
            group = parsed.groups[-1].code if parsed.groups else None
            parsed.targets.append(Target(str(len(parsed.targets) + 1), line, group))
            continue
        heading = _group(line, len(parsed.groups) + 1)
        if heading is not None:
            parsed.groups.append(heading[0])
        elif parsed.targets:
            parsed.targets[-1].text += " " + line
    for target in parsed.targets:
        target.text = " ".join(target.text.split())
    return parsed


def find_targets(text: str) -> Parsed:
    """The groups and targets of a targets section (or of a whole report: the section is
    cut out first). A text without any target is refused with a message."""
    section = find_section(text)
    lines = lines_of(section)
    parsed = _numbered(lines)
    if len(parsed.targets) < 2:
        bullets = _bullets(lines)
        parsed = bullets if len(bullets.targets) >= 2 else (_sentence(section) or bullets)
    if len(parsed.targets) < 2 and not (parsed.targets and parsed.layout == "sentence"):
        raise DraftError(
            "Không tìm thấy chỉ tiêu nào được đánh số trong văn bản. Cần phần «Các chỉ tiêu "
            "chủ yếu» với các chỉ tiêu đánh số «(1) …», «(2) …» hoặc «1. …», «2. …» đầu dòng, "
            "hoặc một câu «… đề ra 12 chỉ tiêu cụ thể: …; …; …»."
        )
    return parsed
