"""Theo dõi Nghị quyết Đại hội Đảng bộ xã Đoàn Kết nhiệm kỳ 2025–2030."""

__version__ = "0.1.0"
APP_NAME = "Theo dõi Nghị quyết Đoàn Kết"
