"""The package file itself (docs/package-format.md, «The file»): one zip holding exactly
``manifest.json`` and ``content.json``, the manifest holding the content's SHA-256.

A file is written under a temporary name, flushed, read back and verified, then renamed;
one that arrives is checked (members, sizes, hash, JSON, manifest) before anything reads
its content. Nothing here knows a database: making and receiving are in the modules beside.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...store.errors import StoreError
from ...store.files import writing
from ..safe_json import UnreadableJson, load_json

PACKAGE_FORMAT = "dk-desktop-package"
PACKAGE_VERSION = 1
MANIFEST = "manifest.json"
CONTENT = "content.json"
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBER_BYTES = 20 * 1024 * 1024
DATA, CONFIG = "data", "config"
KIND_LABELS = {DATA: "gói số liệu", CONFIG: "gói cấu hình"}
SUFFIX = ".dkgoi"


class PackageRefused(StoreError):
    """The file cannot be received; nothing was changed."""


@dataclass(frozen=True)
class Package:
    manifest: dict[str, Any]
    content: dict[str, Any]
    sha256: str

    @property
    def kind(self) -> str:
        kind: str = self.manifest["kind"]  # checked by read_package: DATA or CONFIG
        return kind

    @property
    def is_configuration(self) -> bool:
        """A gói cấu hình (the commune's plan), not a village's gói số liệu."""
        return self.kind == CONFIG

    @property
    def label(self) -> str:
        m = self.manifest
        if self.kind == DATA:
            return f"gói số liệu của {m['place_name']} (số {m['seq']}, người gửi: {m['sender']})"
        return f"gói cấu hình của xã {m['commune_name']} (số {m['seq']}, người gửi: {m['sender']})"


# --- writing and reading the file ------------------------------------------------------


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def write_package(path: Path, manifest: dict[str, Any], content: dict[str, Any]) -> None:
    """Write the zip under a temporary name, flush it, read it back, then rename it."""
    body = _json_bytes(content)
    manifest = {
        **manifest,
        "content_sha256": hashlib.sha256(body).hexdigest(),
        "content_bytes": len(body),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, _json_bytes(manifest))
        archive.writestr(CONTENT, body)
    data = buffer.getvalue()
    # the store's one way to write a file: room checked, a temporary name, a Vietnamese
    # message for a full disk or a pulled stick, the temporary removed on any failure
    with writing(path, len(data)) as temporary:
        temporary.write_bytes(data)
        read_package(temporary)  # what reached the disk is what we meant to write


def read_package(path: Path) -> Package:
    """Open and verify a package; refuse anything else with a Vietnamese message."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise PackageRefused(f"Không tìm thấy tệp «{name}».") from None
    if size > MAX_FILE_BYTES:
        raise PackageRefused(
            f"Tệp «{name}» quá lớn ({size // 1_048_576} MB) để là một gói số liệu."
        )
    not_a_package = (
        f"Tệp «{name}» không phải là gói số liệu/gói cấu hình của ứng dụng, hoặc đã bị hỏng "
        "(ví dụ rút USB khi chưa chép xong). Hãy chép lại tệp từ máy gửi."
    )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = [info.filename for info in infos]
            if sorted(names) != sorted([MANIFEST, CONTENT]):
                odd = [n for n in names if n not in (MANIFEST, CONTENT)]
                raise PackageRefused(
                    f"Tệp «{name}» có thành phần lạ ({', '.join(odd[:3]) or 'thiếu thành phần'}); "
                    "không nhận. Gói hợp lệ chỉ có manifest.json và content.json."
                )
            for info in infos:
                if info.file_size > MAX_MEMBER_BYTES:
                    raise PackageRefused(f"Tệp «{name}» có thành phần quá lớn; không nhận.")
            manifest_bytes = _read_limited(archive, MANIFEST)
            content_bytes = _read_limited(archive, CONTENT)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,  # a header naming an unknown compression method or version
        RuntimeError,  # a header flagging the member as encrypted
    ):
        raise PackageRefused(not_a_package) from None
    try:
        manifest = load_json(manifest_bytes)
    except UnreadableJson:
        raise PackageRefused(not_a_package) from None
    if not isinstance(manifest, dict) or manifest.get("format") != PACKAGE_FORMAT:
        raise PackageRefused(not_a_package)
    if manifest.get("format_version") != PACKAGE_VERSION:
        raise PackageRefused(
            f"Gói «{name}» được tạo bởi phiên bản khác của ứng dụng (định dạng "
            f"{manifest.get('format_version')}); hãy dùng cùng phiên bản ứng dụng."
        )
    digest = hashlib.sha256(content_bytes).hexdigest()
    if digest != manifest.get("content_sha256"):
        raise PackageRefused(
            f"Gói «{name}» bị hỏng: nội dung không khớp mã kiểm tra SHA-256. "
            "Hãy chép lại tệp từ máy gửi."
        )
    try:
        content = load_json(content_bytes)
    except UnreadableJson as error:
        raise PackageRefused(
            f"Gói «{name}» có nội dung không đọc được ({error}); không nhận. "
            "Hãy xin máy gửi tạo lại gói bằng ứng dụng."
        ) from None
    _check_manifest(manifest, name)
    if not isinstance(content, dict):
        raise PackageRefused(not_a_package)
    return Package(manifest, content, digest)


def _read_limited(archive: zipfile.ZipFile, member: str) -> bytes:
    """Read at most MAX_MEMBER_BYTES, whatever the zip header claims (no zip bombs)."""
    with archive.open(member) as handle:
        data = handle.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise PackageRefused(f"Thành phần «{member}» quá lớn; không nhận.")
    return data


def _check_manifest(manifest: dict[str, Any], name: str) -> None:
    expected = {
        "kind": str,
        "app_version": str,
        "commune_uid": str,
        "commune_name": str,
        "device_id": str,
        "seq": int,
        "sender": str,
        "created_at": str,
    }
    for key, kind in expected.items():
        value = manifest.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise PackageRefused(f"Gói «{name}» thiếu thông tin «{key}»; không nhận.")
    if manifest["kind"] not in (DATA, CONFIG) or manifest["seq"] < 1:
        raise PackageRefused(f"Gói «{name}» không rõ loại; không nhận.")
    if manifest["kind"] == DATA and not all(
        isinstance(manifest.get(key), str) for key in ("place_uid", "place_name")
    ):
        raise PackageRefused(f"Gói «{name}» không ghi bản gửi; không nhận.")
