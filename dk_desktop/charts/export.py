"""Saving a chart as PNG, SVG or PDF at print quality."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from .. import APP_NAME
from ..store.files import commit_file, temporary_name
from .style import chart_rc

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
PRINT_DPI = 200


def save_chart(figure: Figure, path: Path) -> None:
    """Write the chart by the file's suffix (.png, .svg, .pdf). PDF text stays text with
    the font embedded (searchable); PNG at 200 dpi. Written under a temporary name and
    renamed, so a half-written file never carries the final name."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(
            f"Chỉ lưu được biểu đồ dạng PNG, SVG hoặc PDF, không phải «{path.suffix}»."
        )
    temporary = temporary_name(path)
    try:
        with chart_rc():
            figure.savefig(
                temporary,
                format=fmt,
                dpi=PRINT_DPI,
                facecolor="white",
                metadata=_metadata(fmt),
            )
        commit_file(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _metadata(fmt: str) -> dict[str, str]:
    if fmt in ("pdf", "svg"):
        return {"Creator": APP_NAME}
    return {"Software": APP_NAME}
