"""Reading the targets text: pasted, or opened from a .txt or a .docx file.

Whatever the source, the result is plain NFC text (a few Word files and PDF extractions
hold decomposed letters) with Windows line ends and odd spaces made plain.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

from .errors import DraftError

MAX_BYTES = 2 * 1024 * 1024
"""A whole Political Report is about 120 kB of text (a .docx a few hundred kB); a file
much larger than 2 MB is not a report's targets section, and reading it would only hang."""

_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\ufeff": "", "\u200b": ""}


def normalise(text: str) -> str:
    """NFC, «\\n» line ends, no-break and zero-width spaces made plain; refuse an empty
    text, or a pasted one far longer than a whole report."""
    if len(text) > MAX_BYTES:
        raise DraftError(
            f"Văn bản quá dài ({len(text) // 1024} nghìn ký tự; tối đa {MAX_BYTES // 1024} "
            "nghìn). Hãy chỉ dán phần «Các chỉ tiêu chủ yếu»."
        )
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    for odd, plain in _SPACES.items():
        text = text.replace(odd, plain)
    if not text.strip():
        raise DraftError(
            "Văn bản trống. Hãy dán (hoặc mở tệp chứa) phần «Các chỉ tiêu chủ yếu» của "
            "Báo cáo chính trị, ví dụ: «(1) Tốc độ tăng trưởng kinh tế bình quân 8 - 10%/năm»."
        )
    return text


def read_text_file(path: Path) -> str:
    """The text of a .txt (UTF-8, or Windows' Vietnamese code page) or a .docx file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DraftError(f"Không tìm thấy tệp «{path}».") from None
    except OSError as error:
        raise DraftError(f"Không đọc được tệp «{path}»: {error.strerror or error}.") from None
    if path.is_dir():
        raise DraftError(f"«{path}» là một thư mục, không phải tệp .txt hoặc .docx.")
    if size > MAX_BYTES:
        raise DraftError(
            f"Tệp «{path.name}» quá lớn ({size // 1024} kB; tối đa {MAX_BYTES // 1024} kB). "
            "Hãy chép riêng phần «Các chỉ tiêu chủ yếu» vào một tệp nhỏ rồi mở tệp đó."
        )
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return normalise(_docx_text(path))
    if suffix == ".doc":
        raise DraftError(
            f"Tệp «{path.name}» là tệp Word cũ (.doc). Hãy mở nó bằng Word, chọn «Lưu thành» "
            "kiểu .docx (hoặc .txt) rồi mở lại."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DraftError(f"Không đọc được tệp «{path}»: {error.strerror or error}.") from None
    if data.startswith(b"PK\x03\x04") or data.startswith(b"%PDF"):
        raise DraftError(
            f"Tệp «{path.name}» không phải văn bản thuần. Hãy mở tệp .txt hoặc .docx, hoặc "
            "chép phần chỉ tiêu rồi dán vào."
        )
    if b"\x00" in data:
        raise DraftError(f"Tệp «{path.name}» không phải tệp văn bản (.txt).")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return normalise(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise DraftError(  # pragma: no cover - cp1258 maps nearly every byte
        f"Không đọc được chữ trong tệp «{path.name}». Hãy lưu nó kiểu UTF-8 rồi thử lại."
    )


def _docx_text(path: Path) -> str:
    """The paragraphs of a Word document (tables' cells too, row by row)."""
    import docx  # python-docx: only loaded when a .docx is opened
    from docx.opc.exceptions import PackageNotFoundError

    not_docx = DraftError(
        f"Tệp «{path.name}» không phải tệp Word .docx đọc được (có thể là tệp khác đổi tên "
        "hoặc tệp bị hỏng). Hãy mở nó bằng Word và lưu lại kiểu .docx, hoặc dán văn bản vào."
    )
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise not_docx from None
    except OSError as error:
        raise DraftError(f"Không đọc được tệp «{path}»: {error.strerror or error}.") from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)
