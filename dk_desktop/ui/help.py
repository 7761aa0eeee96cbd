"""A short user guide in Vietnamese (F1), and About with the version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..core.model import Section
from ..core.words import term_text
from .texts import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from ..store.repository import Store

GUIDE_HTML = QT_TRANSLATE_NOOP(
    "HelpDialog",
    """
<h2>Hướng dẫn sử dụng nhanh</h2>
<p>Ứng dụng theo dõi thực hiện {resolution}. Máy không cần mạng.</p>

<h3>1. Các tab</h3>
<ul>
<li><b>Tổng quan</b>: bao nhiêu chỉ tiêu đạt và vượt, có khả năng đạt, chậm tiến độ, khó đạt;
nhấn đúp vào một chỉ tiêu để mở trong tab lĩnh vực.</li>
<li><b>Kinh tế</b>, <b>Văn hóa – Xã hội</b>, <b>Quốc phòng – An ninh</b>,
<b>Xây dựng Đảng</b>: bảng chỉ tiêu (Gốc, Nghị quyết, Kết quả mới nhất,
So với NQ (%), Tiến độ (%), Đánh giá, Tiến độ cần đạt). Chọn một dòng để xem và nhập
chi tiết ở bên phải.</li>
<li><b>Địa bàn</b>: danh sách bản, tiểu khu theo xã cũ.</li>
</ul>

<h3>2. Nhập số liệu như trong Excel</h3>
<ul>
<li>Chọn ô rồi gõ số; <b>Enter</b> lưu và xuống dòng, <b>Tab</b> lưu và sang ô bên phải,
<b>Esc</b> bỏ qua, <b>Delete</b> xóa ô, <b>F2</b> sửa tiếp nội dung ô.</li>
<li>Viết số kiểu Việt Nam: dấu chấm tách hàng nghìn, dấu phẩy cho phần thập phân:
<b>1.041</b> (một nghìn không trăm bốn mươi mốt), <b>26,3</b> (hai mươi sáu phẩy ba).
Gõ «26.3» sẽ bị từ chối để tránh nhầm.</li>
<li>Số không hợp lệ (chữ, tỷ lệ quá 100 %, số âm, số hộ có phần lẻ) bị từ chối ngay tại ô,
có thông báo cần nhập gì; giá trị cũ được giữ nguyên.</li>
<li>Mỗi số được <b>lưu ngay</b> vào tệp dữ liệu, thanh trạng thái báo «Đã lưu».
Không cần bấm nút Lưu.</li>
<li><b>Ctrl+Z</b> hoàn tác, <b>Ctrl+Y</b> làm lại (cả trong menu Sửa); hoàn tác cũng được
lưu ngay.</li>
</ul>

<h3>3. Số liệu theo bản</h3>
<p>Với chỉ số do các bản báo cáo, mở trang <b>Theo bản</b>, chọn năm, nhập số của từng bản.
Số toàn xã được tự tính: cộng các bản, hoặc với tỷ lệ thì lấy tổng số đạt chia tổng số
(ví dụ tổng số hộ nghèo / tổng số hộ), không lấy trung bình các tỷ lệ.
Nếu đã nhập số cho toàn xã ở trang <b>Kết quả theo năm</b>, số đó được dùng để đánh giá.</p>

<h3>4. Đánh giá</h3>
<p><b>So với NQ (%)</b>: kết quả so với mức Nghị quyết, như báo cáo vẫn viết («145 lồng cá, đạt
116% so với Nghị quyết»): kết quả ÷ NQ; chỉ tiêu cần giảm (hộ nghèo «giảm còn 3%»): NQ ÷ kết
quả; chỉ tiêu cộng dồn: tổng cả nhiệm kỳ ÷ NQ. <b>Tiến độ (%)</b>: phần đã đi được trên chặng
đường từ số đầu kỳ đến mục tiêu (ví dụ hộ nghèo 6,1 % → 4,5 %, mục tiêu 3 %: 51,6 %); chỉ có
với chỉ tiêu có số đầu kỳ.</p>
<p>Mỗi chỉ tiêu có chữ và màu: <b>Vượt</b>, <b>Đạt</b>; trước năm phải đạt: <b>Có khả năng
đạt</b> (bằng hoặc hơn lộ trình), <b>Chậm tiến độ</b> (thấp hơn lộ trình không quá 10 điểm %
so với NQ), <b>Khó đạt</b>; năm phải đạt (và mỗi năm với chỉ tiêu hằng năm): <b>Chưa đạt</b>.
<b>Chưa đến hạn</b>: mốc (như đạt nông thôn mới) chưa đến năm phải đạt.
<b>Chưa đủ số liệu</b>: còn chỉ số hoặc còn bản chưa có số liệu (có ghi «2/7 chỉ số», «12/31
bản»). Chỉ tiêu đạt/chưa đạt gõ chữ <b>Đạt</b> hoặc <b>Chưa đạt</b>.
Năm đầu nhiệm kỳ{start} của chỉ tiêu cộng dồn là số từ Đại hội đến hết năm đó và được cộng
vào cả nhiệm kỳ; với chỉ tiêu khác, năm đầu nhiệm kỳ là năm gốc.
Cột «Tiến độ cần đạt» cho biết mỗi năm còn lại cần đạt thêm bao nhiêu.</p>

<h3>5. Tệp dữ liệu</h3>
<ul>
<li><b>Tệp → Lưu bản sao…</b>: ghi một bản sao an toàn (ví dụ vào USB) để mang đi.</li>
<li><b>Tệp → Mở…</b>: mở tệp dữ liệu khác; tệp hỏng hoặc không đúng được từ chối,
không bị thay đổi.</li>
<li>Khi mở lại, ứng dụng tự mở tệp dùng lần trước.</li>
</ul>

<h3>6. Xem</h3>
<p><b>Xem → Chữ to hơn</b> (Ctrl++) phóng to chữ cho dễ đọc.</p>
""",
)


def resolution_words(store: Store | None) -> str:
    """The resolution the open file follows, in its own names and years: «Nghị quyết Đại
    hội Đảng bộ xã Chiềng Sơn nhiệm kỳ 2030 – 2035: 15 chỉ tiêu chủ yếu, 2 khâu đột phá …»;
    before a file is open, every commune's."""
    translate = QCoreApplication.translate
    if store is None:
        return translate(
            "help",
            "Nghị quyết Đại hội Đảng bộ xã: các chỉ tiêu chủ yếu, các khâu đột phá và các "
            "nhiệm vụ, giải pháp",
        )
    return translate(
        "help",
        "Nghị quyết Đại hội Đảng bộ xã {commune} nhiệm kỳ {term}: {targets} chỉ tiêu chủ yếu, "
        "{breakthroughs} khâu đột phá và các nhiệm vụ, giải pháp",
    ).format(
        commune=store.commune_name(),
        term=term_text(*store.term()),
        targets=len(store.items(Section.TARGET)),
        breakthroughs=len(store.items(Section.BREAKTHROUGH)),
    )


class HelpDialog(QDialog):
    """The guide; ``store``: the open file, whose names and years it uses."""

    def __init__(self, parent: QWidget | None = None, store: Store | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng"))
        self.resize(720, 560)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_text")
        start = f" ({store.term()[0]})" if store is not None else ""
        self.browser.setHtml(
            self.tr(GUIDE_HTML)
            .replace("{resolution}", resolution_words(store))
            .replace("{start}", start)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def about_text(store: Store | None = None) -> str:
    """About, naming the open file's resolution (its commune, province, term)."""
    resolution = resolution_words(store)
    if store is not None:
        meta = store.meta()
        place = ", ".join(p for p in (meta.get("area", ""), meta.get("province", "")) if p)
        if place:
            resolution += f" ({place})"
    return QCoreApplication.translate(
        "help",
        "<h3>{app}</h3>"
        "<p>Phiên bản {version}</p>"
        "<p>Theo dõi thực hiện {resolution}. Chạy không cần mạng; dữ liệu được lưu trên "
        "máy.</p>"
        "<p>Phông chữ DejaVu Sans (giấy phép tự do, xem resources/fonts).</p>",
    ).format(app=APP_NAME, version=__version__, resolution=resolution)


def show_about(parent: QWidget | None, store: Store | None = None) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("help", "Giới thiệu"), about_text(store))
