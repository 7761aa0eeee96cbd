"""Tệp → Xử lý xung đột…: each open conflict (a value this laptop and a village's package
both changed) with both values side by side; the person chooses per conflict, and the
choice is written through ui.operations.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..exchange.package import Conflict, open_conflicts, resolve_conflict
from ..store.repository import Store
from .change import Change
from .host import WindowHost
from .operations import run_write
from .package_texts import entry_text, who_when
from .widgets import RefusalBanner, run_dialog


class ConflictDialog(QDialog):
    """Each open conflict with both values side by side; the person chooses per conflict."""

    def __init__(self, host: WindowHost):
        super().__init__(host.window())
        self.host = host
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Xử lý xung đột số liệu"))
        self.resize(900, 560)
        intro = QLabel(
            self.tr(
                "Mỗi mục dưới đây là một số liệu mà máy này và bản gửi gói cùng sửa, với hai "
                "giá trị khác nhau. Ứng dụng giữ cả hai cho đến khi bạn chọn giá trị đúng. "
                "Ngày giờ lấy theo đồng hồ của từng máy, có thể không chính xác."
            )
        )
        intro.setWordWrap(True)
        self.empty = QLabel(self.tr("Không còn xung đột nào cần chọn."))
        self.empty.setObjectName("conflict_empty")
        self.cards = QWidget()
        self.cards_layout = QVBoxLayout(self.cards)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards)
        self.banner = RefusalBanner()
        self.banner.setObjectName("conflict_banner")
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.conflicts: list[Conflict] = []
        self.choices: dict[int, tuple[list[QPushButton], QLabel]] = {}
        """Per conflict id: its two buttons and the line that says what was chosen."""
        self.reload()

    def reload(self) -> None:
        """Build one card per open conflict. A card stays after its choice (showing what
        was chosen) until the dialog closes: removing it inside its own button's click
        crashed PySide6 on the deferred delete."""
        session = self.host.session
        self.conflicts = open_conflicts(session.store) if session is not None else []
        for conflict in self.conflicts:
            self.cards_layout.addWidget(self._card(session.store, conflict))  # type: ignore[union-attr]
        self.cards_layout.addStretch(1)
        self._show_empty()

    def _show_empty(self) -> None:
        self.empty.setVisible(not self.conflicts)

    def _card(self, store: Store, conflict: Conflict) -> QFrame:
        figure = store.figure(conflict.figure_id)
        place = store.place(conflict.place_id)
        card = QFrame()
        card.setObjectName(f"conflict_{conflict.id}")
        decided = QLabel()
        decided.setObjectName(f"decided_{conflict.id}")
        decided.setWordWrap(True)
        decided.hide()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(card)
        title = QLabel(
            self.tr("<b>{code} {figure}</b> — {place}, năm {year}").format(
                code=figure.code, figure=figure.name, place=place.name, year=conflict.year
            )
        )
        title.setWordWrap(True)
        grid.addWidget(title, 0, 0, 1, 2)
        sides = (
            (
                self.tr("Đang có ở máy này"),
                entry_text(figure, conflict.current),
                who_when(conflict.current_by, conflict.current_at),
                self.tr("Giữ giá trị hiện có"),
                f"keep_{conflict.id}",
                False,
            ),
            (
                self.tr("Trong gói của {place}").format(place=place.name),
                entry_text(figure, conflict.incoming, self.tr("(xóa)")),
                who_when(conflict.incoming_by, conflict.incoming_at),
                self.tr("Lấy giá trị trong gói"),
                f"take_{conflict.id}",
                True,
            ),
        )
        buttons: list[QPushButton] = []
        self.choices[conflict.id] = (buttons, decided)
        for column, (heading, value, by, button_text, name, take) in enumerate(sides):
            box = QFrame()
            box.setFrameShape(QFrame.Shape.Box)
            inner = QVBoxLayout(box)
            inner.addWidget(QLabel(heading))
            shown = QLabel(value)
            shown.setObjectName(f"{name}_value")
            big = QFont(shown.font())
            big.setBold(True)
            big.setPointSizeF(big.pointSizeF() * 1.3)
            shown.setFont(big)
            shown.setWordWrap(True)
            inner.addWidget(shown)
            person = QLabel(by)
            person.setWordWrap(True)
            inner.addWidget(person)
            button = QPushButton(button_text)
            button.setObjectName(name)
            button.clicked.connect(
                lambda _=False, c=conflict, t=take: self.choose(c, take_incoming=t)
            )
            inner.addWidget(button)
            buttons.append(button)
            grid.addWidget(box, 1, column)
        grid.addWidget(decided, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return card

    def choose(self, conflict: Conflict, *, take_incoming: bool) -> bool:
        session = self.host.session
        if session is None:
            return False
        self.banner.clear_message()
        figure = session.store.figure(conflict.figure_id)
        text = (
            self.tr("Đã lấy giá trị trong gói cho «{figure}», năm {year}")
            if take_incoming
            else self.tr("Đã giữ giá trị hiện có cho «{figure}», năm {year}")
        ).format(figure=figure.name, year=conflict.year)
        outcome = run_write(
            self.host,
            lambda store: resolve_conflict(store, conflict.id, take_incoming),
            refused=self.banner.show_message,
            after=Change("all", figure_id=figure.id, place_id=conflict.place_id),
            done=lambda _resolved: text,
        )
        if not outcome.done:
            return False
        buttons, decided = self.choices[conflict.id]
        for button in buttons:
            button.setEnabled(False)
        decided.setText(f"✔ {text}.")
        decided.show()
        self.conflicts = [c for c in self.conflicts if c.id != conflict.id]
        self._show_empty()
        return True


def show_conflicts(window: WindowHost) -> None:
    if window.session is None:
        window.show_error(
            QCoreApplication.translate("exchange", "Xử lý xung đột"),
            QCoreApplication.translate("exchange", "Chưa mở tệp dữ liệu nào."),
        )
        return
    run_dialog(ConflictDialog(window))
