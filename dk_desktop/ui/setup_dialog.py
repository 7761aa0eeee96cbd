"""First start: who uses this laptop (their name goes into the history of every edit), and
for another commune the way to its own resolution («Nghị quyết của xã khác…»)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.names import clean_name
from ..core.words import term_text
from .settings import ROLE_COMMUNE, ROLE_VILLAGE, AppSettings
from .widgets import RefusalBanner, may_drop_typed


class SetupDialog(QDialog):
    """``commune_name`` and ``term``: the open database's (none at the first start)."""

    def __init__(
        self,
        settings: AppSettings,
        *,
        commune_name: str = "",
        term: tuple[int, int] | None = None,
        villages: list[str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.settings = settings
        self.resolution_path: Path | None = None  # a new resolution's file, once saved
        self.setWindowTitle(self.tr("Thiết lập ban đầu"))
        self.setMinimumWidth(480)

        follows = (
            self.tr("Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ {term}").format(term=term_text(*term))
            if term
            else self.tr("Nghị quyết Đại hội Đảng bộ xã")
        )
        intro = QLabel(
            self.tr(
                "<b>Chào mừng!</b> Ứng dụng giúp theo dõi thực hiện {follows}. Hãy cho biết ai "
                "đang dùng máy này: tên của bạn được ghi vào lịch sử mỗi lần nhập, sửa số liệu."
            ).format(follows=follows)
        )
        intro.setWordWrap(True)
        self.commune = QLineEdit(commune_name or settings.commune_name)
        self.commune.setObjectName("commune_name")
        self.commune.setPlaceholderText(self.tr("ví dụ: Chiềng Sơn"))
        other = QLabel(
            self.tr(
                "Xã có Nghị quyết riêng: dán phần «Các chỉ tiêu chủ yếu» của Báo cáo chính trị "
                "để ứng dụng lập bản nháp, xem lại rồi lưu thành tệp dữ liệu của xã."
            )
        )
        other.setWordWrap(True)
        self.other_resolution = QPushButton(self.tr("Nghị quyết của xã khác…"))
        self.other_resolution.setObjectName("setup_other_resolution")
        self.other_resolution.setAutoDefault(False)  # Enter still means «Bắt đầu»
        self.other_resolution.clicked.connect(self.open_other_resolution)
        self.user = QLineEdit(settings.user_name)
        self.user.setObjectName("user_name")
        self.user.setPlaceholderText(self.tr("Họ và tên, ví dụ: Lò Thị Hương"))
        self.commune_role = QRadioButton(self.tr("Văn phòng Đảng ủy / UBND xã"))
        self.commune_role.setObjectName("role_commune")
        self.village_role = QRadioButton(self.tr("Bí thư chi bộ (trưởng bản) của bản:"))
        self.village_role.setObjectName("role_village")
        group = QButtonGroup(self)
        group.addButton(self.commune_role)
        group.addButton(self.village_role)
        self.village = QComboBox()
        self.village.setObjectName("village_name")
        self.village.setEditable(True)
        self.village.addItems(villages or [])
        self.village.setEditText(settings.village)
        line_edit = self.village.lineEdit()
        assert line_edit is not None  # an editable combo box has one
        line_edit.setPlaceholderText(self.tr("Tên bản"))
        if settings.role == ROLE_VILLAGE:
            self.village_role.setChecked(True)
        else:
            self.commune_role.setChecked(True)
        self.village.setEnabled(self.village_role.isChecked())
        self.village_role.toggled.connect(self.village.setEnabled)

        form = QFormLayout()
        form.addRow(self.tr("Tên xã:"), self.commune)
        form.addRow(self.tr("Họ và tên người dùng:"), self.user)
        form.addRow(self.tr("Vai trò:"), self.commune_role)
        form.addRow("", self.village_role)
        form.addRow("", self.village)
        form.addRow(other)
        form.addRow("", self.other_resolution)

        self.banner = RefusalBanner()
        self.banner.setObjectName("setup_banner")
        # «Hủy» as well as Esc and ✕: the dialog opens at every start until it is filled in,
        # and from «Người dùng…», where leaving it must change nothing
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Bắt đầu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.shown = self.typed()  # what the dialog opened with

    def typed(self) -> dict[str, str]:
        """What each field holds now, by its label."""
        role = (
            self.tr("bí thư chi bộ") if self.village_role.isChecked() else self.tr("văn phòng xã")
        )
        return {
            self.tr("Tên xã"): self.commune.text().strip(),
            self.tr("Họ và tên"): self.user.text().strip(),
            self.tr("Vai trò"): role,
            self.tr("Bản"): self.village.currentText().strip(),
        }

    def reject(self) -> None:
        """Hủy, Esc or the title bar's ✕: ask before what was typed is dropped."""
        if may_drop_typed(self, self.typed(), self.shown):
            super().reject()  # otherwise «Quay lại»: the dialog stays open with the text

    def accept(self) -> None:
        name = clean_name(self.user.text())
        if not name:
            self.banner.show_message(self.tr("Cần nhập họ và tên người dùng."))
            self.user.setFocus()
            return
        village = clean_name(self.village.currentText())
        if self.village_role.isChecked() and not village:
            self.banner.show_message(self.tr("Cần nhập tên bản của bí thư chi bộ."))
            self.village.setFocus()
            return
        self.settings.commune_name = self.commune.text().strip()
        self.settings.user_name = name
        self.settings.role = ROLE_VILLAGE if self.village_role.isChecked() else ROLE_COMMUNE
        self.settings.village = village if self.village_role.isChecked() else ""
        self.settings.sync()
        super().accept()

    def open_other_resolution(self) -> bool:
        """The review screen of a new resolution; once it saved a file, the file is kept in
        ``resolution_path`` (the window opens it) and its commune's name shown above."""
        from .resolution_review import ResolutionReviewDialog  # when asked for
        from .widgets import run_dialog

        review = ResolutionReviewDialog(user=clean_name(self.user.text()), parent=self)
        run_dialog(review)
        if review.saved_path is None:
            return False
        self.resolution_path = review.saved_path
        self.commune.setText(review.saved_commune)
        self.shown[self.tr("Tên xã")] = review.saved_commune  # came with the file, not typed
        return True
