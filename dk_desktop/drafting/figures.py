"""One target's words turned into figures: name, value or range, unit, kind, direction,
comparator, target year, and the exact words each came from.

The rules read the words a Political Report uses («đạt», «trên», «giảm còn», «hằng năm»,
«trong nhiệm kỳ» …). Where the words allow two readings, or hold no number, or a unit the
drafter does not know, the figure carries a reason in ``unsure`` (Vietnamese, for the
clerk): it is drafted, never silently guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import Value, canonical, find_values

# --- units ------------------------------------------------------------------------------
_COUNT_UNITS = (
    "lượt lao động", "lượt người", "đảng viên", "doanh nghiệp", "hợp tác xã", "tổ hợp tác",
    "tổ dân phố", "tiểu khu",
    "sản phẩm OCOP", "sản phẩm", "công trình", "cơ sở", "chi bộ", "con", "lồng", "bản",
    "thôn", "xóm", "ấp", "làng", "xã", "trường", "hộ", "người", "lao động", "mô hình",
    "câu lạc bộ", "nhà", "căn nhà", "phòng học", "tuyến", "trang trại", "gia trại",
    "lượt", "học sinh", "bác sĩ", "giường bệnh", "chợ", "cây", "thiết chế", "nhà văn hóa",
    "tổ chức", "điểm", "km", "chiếc", "chỉ tiêu", "tiêu chí",
)  # fmt: skip
_AMOUNT_UNITS = (
    "ha", "héc ta", "hecta", "tấn", "tạ", "kg", "m2", "m²", "m3", "m³", "lít", "USD",
)  # fmt: skip
_MONEY = r"(?:tỷ|tỉ|triệu|nghìn|ngàn)(?:\s+đồng)?|đồng"
_PER = r"(?:\s*/\s*(?:người|năm|ha|hộ|lao động|tháng|khẩu|vụ))*"
_UNIT = re.compile(
    r"\s*(?P<unit>%0|‰|%|"
    + _MONEY
    + "|"
    + "|".join(re.escape(u) for u in sorted(_AMOUNT_UNITS + _COUNT_UNITS, key=len, reverse=True))
    + r")(?![\w])(?P<per>"
    + _PER
    + ")",
    re.IGNORECASE,
)
_UNKNOWN_WORD = re.compile(r"\s*(?P<word>[^\W\d]+)", re.UNICODE)

# --- words ------------------------------------------------------------------------------
_YEARLY = r"hằng năm|hàng năm|mỗi năm|/\s*năm|bình quân năm|năm sau cao hơn năm trước"
_FLOW = (
    r"kết nạp|thành lập mới|trồng mới|trồng rừng|rừng mới|xây dựng mới|làm mới|giải quyết "
    r"việc làm|tạo việc làm|đào tạo nghề|xuất khẩu lao động|tuyển|nhập ngũ|cứng hóa|bê tông hóa|"
    r"(?<![-–] )(?<![-–])xây dựng|phát triển mới|phát triển từ"
)
_TERM = (
    r"trong nhiệm kỳ|cả nhiệm kỳ|trong giai đoạn|giai đoạn 20\d\d|thời kỳ 20\d\d|"
    r"đến hết nhiệm kỳ"
)
_MAINTAIN = r"duy trì|giữ vững|giữ ổn định|tiếp tục giữ"
_MAINTAIN_AND_GROW = r"(?:duy trì|giữ vững)\s+(?:và|,)\s*(?:phát triển|nâng cao|mở rộng|tăng)"
_DOWN_VERB = r"giảm|\bcòn\b|xuống|\bdưới\b|không quá|không vượt quá|tối đa|\bhạ\b"
_DOWN_SUBJECT = (
    r"hộ nghèo|cận nghèo|suy dinh dưỡng|thấp còi|tai nạn|tội phạm|tảo hôn|hôn nhân cận "
    r"huyết|sinh con thứ|bỏ học|thất nghiệp|ô nhiễm|tệ nạn|khiếu kiện|tăng dân số|tỷ suất sinh|"
    r"sinh thô"
)
_MILESTONE = (
    r"đạt chuẩn|đạt nông thôn mới|nông thôn mới|được công nhận|công nhận|hoàn thành|về đích|"
    r"đạt danh hiệu|vững mạnh|xây dựng xong|đưa vào sử dụng"
)
_YEARLY_RATING = (
    r"hoàn thành (?:tốt|xuất sắc)? ?nhiệm vụ|trong sạch,? vững mạnh|không có [^,;]*yếu kém|"
    r"đạt và vượt (?:các )?chỉ tiêu"
)
_YES_NO = _MILESTONE + "|" + _YEARLY_RATING + "|" + _MAINTAIN
_DOMAIN_THRESHOLD = (
    r"tiêm chủng|(?:chi bộ|đảng viên|tổ chức cơ sở đảng).*(?:hoàn thành|nề nếp|xếp loại)|"
    r"bảo vệ.*rừng hiện"
)
# The words of a number that is not a target's value: «mức độ 01», «dưới 1 tuổi»,
# «4 không», «(8 chỉ tiêu)», «Nghị quyết số 12».
_NOT_VALUE_BEFORE = re.compile(
    r"(?:mức độ|cấp độ|mức|loại|hạng|lần thứ|số|khóa|nhóm|chương trình|đề án|tiêu chí số|ngày|"
    r"dưới|trên|từ)\s*$|\(\s*$",
    re.IGNORECASE,
)
_NOT_VALUE_AFTER = re.compile(
    r"\s*(?:tuổi|không\b|chỉ tiêu\)|sao\b|cấp\b|vụ\b|-CT|-NQ|/NQ|/CT)", re.IGNORECASE
)
_BREAKS = re.compile(r",\s+trong đó\s+|,\s+|\s+và\s+|\s+với\s+|\s+trong đó\s+")
_LEAD = re.compile(
    r"^(?:về [^:]{1,40}:\s*|trong đó\s*|và\s+|với\s+|phấn đấu\s+(?:đến năm \d{4},?\s*)?|"
    r"[-–+•]\s*|\(\d+\)\.?\s*|\d+\.\s+)+",
    re.IGNORECASE,
)
_NAME_TAIL = re.compile(
    r"(?:\s|:|,)*(?:đạt|là|có|từ|trên|dưới|hơn|khoảng|ít nhất|tối thiểu|tối đa|không quá|"
    r"không dưới|giảm còn|giảm xuống|giảm|còn|tăng|duy trì|giữ vững|ở mức|bằng|lên|"
    r"bình quân|hằng năm|hàng năm|mỗi năm|mới|thêm|trở lên|:|,|\s)*$",
    re.IGNORECASE,
)


@dataclass
class Drafted:
    """A figure as drafted; ``unsure`` holds the reasons a clerk must look at it."""

    name: str
    unit: str
    kind: str
    direction: str
    comparator: str
    target: str | None
    target_high: str | None
    total: str | None
    structure: str | None
    target_year: int
    target_text: str
    source: str
    value_type: str
    unsure: list[str] = field(default_factory=list)


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


def body_of(target_text: str) -> str:
    """The target's words without its number «(4)», «(19).» or «4.»."""
    return re.sub(r"^\s*(?:\(\s*\d{1,2}\s*\)\.?|\d{1,2}\s*[.)])\s*", "", target_text)


def heading_of(body: str) -> str | None:
    """The heading before a colon («Sản phẩm Nông nghiệp chủ yếu: …»), if it holds no
    number and is short."""
    head, colon, _ = body.partition(":")
    if not colon or len(head) > 90 or re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", "", head)):
        return None
    return head.strip() or None


def _sentences(body: str) -> list[str]:
    """Sentences: a full stop followed by a space and no digit («11. 553,6» stays whole)."""
    return [s.strip() for s in re.split(r"(?<=\.)\s+(?=[^\d\s])", body) if s.strip()]


def _clauses(sentence: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<=[;…])\s*", sentence) if c.strip(" ;…")]


def _values(clause: str) -> list[Value]:
    """The clause's target values: numbers that are levels, grades or ages are left out."""
    kept: list[Value] = []
    for value in find_values(clause):
        before = clause[max(0, value.start - 14) : value.start]
        after = clause[value.end : value.end + 40]
        last = value.high or value.low
        if _NOT_VALUE_AFTER.match(clause[last.end : last.end + 12]) and not after.startswith("%"):
            continue
        # «mức độ 01», «(8 …»: but «trên 90%», «từ 02 bản», «các loại 2.700 ha» are
        # values (a unit follows)
        if _NOT_VALUE_BEFORE.search(before) and not _UNIT.match(after):
            continue
        if value.total is not None and re.match(r"/\d", clause[value.end : value.end + 2]):
            continue  # a date «13/2/2018»
        opened = clause.rfind("(", 0, value.start)
        if (
            kept
            and opened > kept[-1].end
            and ")" not in clause[opened : value.start]
            and not clause[_tail_end(clause, _unit_after(clause, kept[-1]).end) : opened].strip()
        ):
            continue  # a gloss of the value just before: «đạt 50% (8 xã)»
        kept.append(value)
    return kept


def is_target_clause(clause: str) -> bool:
    """Whether running text's clause states a target: a number, or a milestone's words."""
    return bool(_values(clause)) or _has(_YES_NO, clause)


@dataclass
class _Unit:
    unit: str
    end: int  # where the unit's words end in the clause
    known: bool


def _unit_after(clause: str, value: Value) -> _Unit:
    """The unit written after a value: «%», «%/năm», «tỷ đồng», «con», «doanh nghiệp, hợp
    tác xã»; an unknown word is returned as it is, marked unknown."""
    position = value.end
    rest = clause[position:]
    match = _UNIT.match(rest)
    if match is None:
        word = _UNKNOWN_WORD.match(rest)
        if word is None:
            return _Unit("", position, known=False)
        return _Unit(word["word"], position + word.end(), known=False)
    unit = match["unit"]
    if unit in ("%0", "‰"):  # «0,30%0»: per mille typed without the sign
        unit = "‰"
    elif unit != "%":
        unit = re.sub(r"^tỉ\b", "tỷ", " ".join(unit.split()), flags=re.IGNORECASE)
    unit += re.sub(r"\s+", "", match["per"])
    end = position + match.end()
    # «3-5 doanh nghiệp, hợp tác xã»: two units for one count
    more = re.match(r",\s*(" + "|".join(re.escape(u) for u in _COUNT_UNITS) + r")(?!\w)",
                    clause[end:], re.IGNORECASE)  # fmt: skip
    if more and unit in _COUNT_UNITS:
        unit += ", " + more[1]
        end += more.end()
    return _Unit(unit, end, known=True)


def _tail_end(clause: str, end: int) -> int:
    """After the unit: «trở lên», «/năm», «chỉ tiêu» still belong to the value's words."""
    tail = re.match(
        r"(?:\s*(?:trở lên|trở xuống|/\s*năm|chỉ tiêu(?: được giao| trên giao)?))+", clause[end:]
    )
    return end + tail.end() if tail else end


def _comparator(before: str, after: str, down: bool) -> str:
    if _has(r"\bdưới\b|thấp hơn|nhỏ hơn", before):
        return "<"
    if _has(r"không quá|không vượt quá|tối đa|không cao hơn", before) or _has(
        r"^\s*trở xuống", after
    ):
        return "<="
    if _has(r"\btrên\b|\bhơn\b|vượt", before):
        return ">"
    return "<=" if down else ">="


def _target_year(text: str, term_end: int) -> int:
    years = [int(y) for y in re.findall(r"(?:đến|vào|trong|tới)?\s*năm\s+((?:19|20)\d\d)", text)]
    later = [y for y in years if y > term_end - 6]
    return max(later) if later else term_end


def _value_type(kind: str, unit: str) -> str:
    if kind == "milestone":
        return "yesno"
    if kind in ("rate_range", "yearly_rate"):
        return "rate"
    # what is typed each year for a change of a level is the level itself (core.words.
    # level_unit): the poverty rate in %, the income in its own unit — not a rate
    if kind == "yearly_change":
        return "percent" if "%" in unit else "amount"
    if kind == "term_growth":
        return "amount"
    if unit.startswith("%"):
        return "percent"
    first = unit.split(",")[0].split("/")[0].strip()
    return "count" if first in _COUNT_UNITS and first != "km" else "amount"


def _name(words: str, fallback: str | None) -> str:
    """What a figure measures, from its words: connectives and value words trimmed."""
    name = _LEAD.sub("", words.strip(" ,;:.…"))
    name = _NAME_TAIL.sub("", name).strip(" ,;:.…")
    if fallback and len(name.split()) <= 3 and fallback.lower() not in name.lower():
        return f"{fallback}: {name}" if name else fallback
    return name or (fallback or "")


def _yes_no_kind(text: str) -> str:
    """A rating every year (threshold), a status to keep (maintain), or a milestone."""
    if _has(_YEARLY_RATING, text):
        return "threshold"
    if _has(r"^\W*(?:" + _MAINTAIN + ")", _LEAD.sub("", text.strip())):
        return "maintain"
    return "milestone"


def _yes_no(words: str, source: str, heading: str | None, term_end: int) -> Drafted:
    """A figure without a number: a milestone (or a yearly rating «hoàn thành tốt nhiệm
    vụ», a threshold), marked unsure unless its words say what is reached."""
    text = _LEAD.sub("", words.strip(" ,;.…"))
    kind = _yes_no_kind(text)
    drafted = Drafted(
        name=_name(re.sub(r"\s*(?:vào|đến|trong)?\s*năm\s+\d{4}", "", text), heading),
        unit="",
        kind=kind,
        direction="up",
        comparator="=",
        target="1",
        target_high=None,
        total=None,
        structure=None,
        target_year=_target_year(text, term_end),
        target_text=text,
        source=source,
        value_type="yesno",
    )
    if not _has(_YES_NO, text):
        drafted.unsure.append("không tìm thấy số: tạm hiểu là mốc đạt/chưa đạt, cần xem lại")
    return drafted


def _segments(clause: str, values: list[Value]) -> list[tuple[int, int]]:
    """Where each value's words start and end in the clause: between two values, at the
    last «,», «và», «với» or «trong đó» after the first value's unit."""
    starts = [0]
    for previous, value in zip(values, values[1:], strict=False):
        low = _tail_end(clause, _unit_after(clause, previous).end)
        cut = low
        for brk in _BREAKS.finditer(clause, low, value.start):
            cut = brk.start()
        starts.append(cut)
    return list(zip(starts, starts[1:] + [len(clause)], strict=True))


def figures_of(
    target_text: str, term_end: int, item_heading: str | None = None
) -> tuple[list[Drafted], list[str]]:
    """The figures of one target, and the words of it that gave none (for the item's
    note: nothing is dropped without a word)."""
    body = body_of(target_text)
    heading = item_heading or heading_of(body)
    if heading and body.startswith(heading):
        body = body[len(heading) :].lstrip(" :")
    figures: list[Drafted] = []
    skipped: list[str] = []
    structure = _structure_key(f"{heading or ''}: {body}")
    for sentence in _sentences(body):
        for clause in _clauses(sentence):
            values = _values(clause)
            if not values:
                if _has(_YES_NO, clause) or not _any_value(body):
                    for words in _yes_no_parts(clause):
                        figures.append(_yes_no(words, sentence, heading, term_end))
                else:
                    skipped.append(clause.strip(" ;,.…") + ("…" if "…" in clause else ""))
                continue
            for index, (start, end) in enumerate(_segments(clause, values)):
                value = values[index]
                # «xã đạt nông thôn mới vào năm 2030, có từ 02 bản …»: a milestone before
                if index == 0:
                    lead = [b for b in _BREAKS.finditer(clause, 0, value.start) if b.start() > 0]
                    lead_words = clause[: lead[-1].start()] if lead else ""
                    if (
                        lead
                        and _has(_YES_NO, lead_words)
                        and len(re.sub(_MAINTAIN, "", lead_words, flags=re.I).split()) >= 2
                        and not _values(lead_words)
                        and not _has(r"^\s*(?:số|tỷ lệ|tỉ lệ)\b", lead_words)
                    ):
                        words = clause[: lead[-1].start()]
                        figures.append(_yes_no(words, sentence, heading, term_end))
                        start = lead[-1].end()
                figure = _figure(clause, start, end, value, sentence, heading, structure, term_end)
                figures.append(figure)
                # «… đạt 135 triệu đồng/người và phấn đấu … đạt chuẩn nông thôn mới»
                trailing = _trailing_words(clause, value, end)
                if trailing and index == len(values) - 1:
                    if _has(_MILESTONE + "|" + _MAINTAIN, trailing) and len(trailing.split()) >= 3:
                        figures.append(_yes_no(trailing, sentence, heading, term_end))
                    else:
                        skipped.append(trailing.strip(" ;,."))
    return figures, skipped


def _yes_no_parts(clause: str) -> list[str]:
    """A clause without numbers holding several yes/no targets («giữ vững danh hiệu xã
    nông thôn mới và đạt xã nông thôn mới nâng cao …») cut in parts, each its own."""
    parts = [p for p in re.split(r",\s+|\s+và\s+", clause) if p.strip()]
    if len(parts) > 1 and all(len(p.split()) >= 3 and _has(_YES_NO, p) for p in parts):
        return parts
    return [clause]


def _trailing_words(clause: str, value: Value, end: int) -> str | None:
    """Words without a number after a figure written words-first, past a comma or «và»
    («đạt 2 tỷ đồng, xây dựng xã đạt chuẩn …», «9820 con, về cây ăn quả…»); never the
    words after a number-first figure («100% trường, bản đạt chuẩn»): they name it."""
    tail_end = _tail_end(clause, _unit_after(clause, value).end)
    words_before = _LEAD.sub("", clause[: value.start].strip(" ,;:"))
    if len(_NAME_TAIL.sub("", words_before).split()) <= 1:
        return None
    brk = _BREAKS.search(clause, tail_end, end)
    if brk is None:
        return None
    rest = clause[brk.end() : end]
    return None if _values(rest) or len(rest.split()) < 2 else rest


def _any_value(body: str) -> bool:
    return any(_values(clause) for s in _sentences(body) for clause in _clauses(s))


def _structure_key(body: str) -> str | None:
    """«Cơ cấu kinh tế: nông, lâm nghiệp 75%; dịch vụ 20%; …»: the structure's name."""
    match = re.search(r"(cơ cấu [^:;,.\d]{2,60}?)\s*(?::|\(|,|;|\d)", body, re.IGNORECASE)
    if match is None or len(re.findall(r"%", body)) < 2:
        return None
    key = match[1].strip()
    return key[:1].upper() + key[1:]


@dataclass(frozen=True)
class _Words:
    """What a figure's kind is read from."""

    scope: str  # the figure's words and its target's heading
    before: str  # the words just before the number
    segment: str  # the figure's words
    context: str  # the heading and the whole clause
    unit: str  # as written after the number
    yearly: bool  # «hằng năm», «mỗi năm», «…/năm» (not an income per year)
    quota_after: str  # the words right after the number («% chỉ tiêu»)
    in_structure: bool  # the target is a structure of shares («Cơ cấu kinh tế: …»)


def _kind(words: _Words, value: Value) -> tuple[str, str]:
    """The figure's kind and its unit as the kind writes it (issue 13 §3, kinds.md)."""
    unit = words.unit
    percent = unit.startswith(("%", "‰"))
    scope = words.scope
    growth = _has(r"tốc độ tăng|tăng trưởng|tăng bình quân|tăng thu|tỷ lệ tăng", scope)
    share_of = _has(r"tỷ lệ|tỉ lệ|tỷ suất", scope)
    if percent and words.in_structure:
        return "structure", "%"
    if percent and (
        _has(r"^\s*%?\s*chỉ tiêu", words.quota_after)
        or _has(r"chỉ tiêu (?:được )?giao|kế hoạch giao", words.segment)
    ):
        return "quota", "% chỉ tiêu"
    if value.total is not None and not _has(_MAINTAIN, words.before):
        return "units_of_total", unit
    if percent and _has(r"so với(?: năm)? (?:19|20)\d\d|so với đầu nhiệm kỳ|gấp", scope):
        return "term_growth", "%"
    if (
        percent
        and words.yearly
        and _has(r"giảm|tăng", scope)
        and share_of
        and not _has(r"tốc độ|tỷ lệ tăng", scope)
    ):
        return "yearly_change", f"điểm {unit[0]}/năm"
    if percent and (growth or "/năm" in unit) and not _has(_FLOW, scope):
        return "rate_range", "%/năm"  # «tốc độ tăng trưởng … đạt 7,0%»: yearly even unsaid
    if percent and words.yearly and _has(r"\btăng\b|\bgiảm\b", scope) and not share_of:
        return "rate_range", "%/năm"  # «thu ngân sách tăng 5% hàng năm»
    if words.yearly and percent:
        return ("yearly_rate", "%/năm") if _has(_FLOW, scope) else ("threshold", unit)
    if words.yearly and not _has(_TERM, scope):
        # a flow per year: its unit says so («ha/năm»)
        return "yearly_minimum", (re.sub(r"/năm$", "", unit) + "/năm" if unit else "")
    if not percent and (_has(_TERM, scope) or _has(_FLOW, scope)):
        return "cumulative", unit
    if _has(_MAINTAIN, words.before) and not _has(_MAINTAIN_AND_GROW, words.segment):
        return "maintain", unit
    if percent and _has(_DOMAIN_THRESHOLD, words.context):
        return "threshold", unit
    return "level", unit


def _figure(
    clause: str,
    start: int,
    end: int,
    value: Value,
    source: str,
    heading: str | None,
    structure: str | None,
    term_end: int,
) -> Drafted:
    unit = _unit_after(clause, value)
    tail_end = _tail_end(clause, unit.end)
    words_before = clause[start : value.start]
    lead_stripped = _LEAD.sub("", words_before.strip(" ,;:"))
    number_first = len(_NAME_TAIL.sub("", lead_stripped).split()) <= 1
    text_end = end if number_first else tail_end
    target_text = _LEAD.sub("", clause[start:text_end].strip(" ,;:.…")) or clause[
        value.start : text_end
    ].strip(" ,;.")
    target_text = target_text.strip(" ,;:.")
    segment = clause[start:end]
    before = clause[max(start, value.start - 40) : value.start]
    after = clause[value.end : end]
    percent = unit.unit.startswith(("%", "‰"))
    unsure: list[str] = []

    # what is measured: the words before the number, or after it («100% trường học …»)
    if number_first:
        rest = _LEAD.sub("", clause[tail_end:end].strip(" ,;:.…"))
        name = ("Tỷ lệ " + rest if percent and rest else rest) or _name(lead_stripped, heading)
        if heading and len(name.split()) <= 2:
            name = f"{heading}: {name}" if name else heading
    else:
        name = _name(words_before, heading)

    down_verb = _has(_DOWN_VERB, before)
    up_verb = _has(r"\btăng\b|nâng lên|nâng cao", re.sub(_DOWN_SUBJECT, "", before, flags=re.I))
    down_subject = _has(_DOWN_SUBJECT, f"{heading or ''} {words_before}") and not up_verb
    down = (down_verb and not up_verb) or down_subject
    if down_subject and not down_verb:
        unsure.append("hai cách hiểu: chỉ tiêu cần giảm (nhỏ hơn là tốt) hay cần tăng?")
    comparator = _comparator(before, clause[unit.end : end], down)
    # the words that say what kind of target it is: the segment and the target's heading
    # («Tỷ lệ hộ nghèo … giảm bình quân/năm: trên 10%»)
    scope = f"{heading or ''} {segment}"
    words = _Words(
        scope=scope,
        before=before,
        segment=segment,
        context=f"{heading or ''} {clause}",
        unit=unit.unit,
        # «50 triệu đồng/người/năm» is an income, a level: «30 ha/năm» is a yearly flow
        yearly=not _has(r"^(?:tỷ|tỉ|triệu|nghìn|ngàn|đồng)", unit.unit)
        and (_has(_YEARLY, scope) or _has(_YEARLY, clause[:start]) or unit.unit.endswith("/năm")),
        quota_after=clause[value.end : tail_end + 1],
        in_structure=structure is not None,
    )
    kind, unit_text = _kind(words, value)
    total = canonical(value.total.value) if kind == "units_of_total" and value.total else None
    key = structure if kind == "structure" else None
    if kind == "structure":
        unsure.append("hai cách hiểu: tỷ trọng này trong cơ cấu cần tăng hay giảm?")
    if (
        kind == "level"
        and _has(r"\btăng\b|\bgiảm\b", before)
        and not _has(r"giảm còn|giảm xuống|còn|lên", before)
    ):
        unsure.append("hai cách hiểu: mức cần đạt, hay mức tăng/giảm thêm so với hiện nay?")

    if kind == "maintain" and value.total is not None:
        unsure.append(
            f"hai cách hiểu: duy trì {value.low.text} đơn vị, hay {value.low.text} trên tổng "
            f"{value.total.text}?"
        )
    if not unit.known:
        unsure.append(f"đơn vị lạ: «{unit.unit}»" if unit.unit else "không thấy đơn vị sau số")
    if unit_text == "triệu đồng" and _has(r"/\s*1?\s*ha\b", f"{heading or ''} {words_before}"):
        unit_text = "triệu đồng/ha"
    if kind in ("level", "threshold", "maintain") and percent and value.low.value > 100:
        unsure.append("tỷ lệ lớn hơn 100%: có thể không phải tỷ lệ")
    if value.high is not None and kind not in (
        "rate_range",
        "level",
        "cumulative",
        "yearly_change",
        "yearly_minimum",
        "maintain",
    ):
        unsure.append("khoảng giá trị với loại chỉ tiêu này: cần xem lại")
    if kind in ("structure", "quota", "rate_range", "yearly_change", "term_growth"):
        # a yearly change's comparator compares its size («giảm bình quân 2,1%» ≥ 2,1)
        if kind == "yearly_change":
            down = _has(r"giảm", scope)
        elif kind == "rate_range":  # «tốc độ tăng dân số … dưới 1%»: smaller is better
            down = down_subject or _has(r"\bdưới\b|không quá|\bgiảm\b", before)
        else:
            down = False
        comparator = "=" if kind == "structure" else _comparator(before, after, False)
    return Drafted(
        name=name[:1].upper() + name[1:] if name else (heading or ""),
        unit=unit_text,
        kind=kind,
        direction="down" if down else "up",
        comparator=comparator,
        target=canonical(value.low.value),
        target_high=canonical(value.high.value) if value.high else None,
        total=total,
        structure=key,
        target_year=_target_year(clause, term_end),
        target_text=target_text,
        source=source,
        value_type=_value_type(kind, unit_text),
        unsure=unsure,
    )
