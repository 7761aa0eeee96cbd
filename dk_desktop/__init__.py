"""Theo dõi thực hiện Nghị quyết Đại hội Đảng bộ xã: any commune's resolution, its names
and its term being data of the open file (db/resolution.json is the bundled example)."""

__version__ = "0.1.0"
APP_NAME = "Theo dõi Nghị quyết Đại hội Đảng bộ xã"
"""The app's one generic name (window title before a file is open, PDF and image
metadata); the commune's own name is the open file's (store.commune_name())."""
