"""Receiving a package: verify → preview → apply (docs/package-format.md, «Receiving»). The
apply is one transaction, after a backup; anything raised leaves the database as it was."""

from __future__ import annotations

from pathlib import Path

from ...store.repository import Store
from ..preview import Preview
from ..safe_json import refusing_bad_content
from .apply import apply_config, apply_plan, record
from .archive import Package, PackageRefused, read_package
from .plan import Plan, plan_package


def preview_package(store: Store, package: Package) -> Preview:
    """What receiving the package would do, without changing anything. A configuration
    package is applied inside a transaction that is then rolled back: its catalogue and
    places must be in place before its figures can be compared."""
    with refusing_bad_content(_bad_content("Gói"), PackageRefused):
        plan = plan_package(store, package)
        if package.is_configuration and not plan.preview.already_received:
            return _dry_run(store, plan)
    return plan.preview


def _dry_run(store: Store, plan: Plan) -> Preview:
    """Apply a configuration only to see what it would change; nothing is kept."""
    with store.rolled_back():
        preview = apply_config(store, plan)
    return preview


def _bad_content(what: str) -> str:
    return (
        f"{what} có nội dung sai mà ứng dụng không đọc được; không nhận, không có gì thay "
        "đổi. Hãy xin máy gửi tạo lại gói bằng ứng dụng (Tệp → Gửi…)."
    )


def receive_package(store: Store, path: Path, *, dry_run: bool = False) -> Preview:
    """Verify → preview → apply (unless dry_run). The apply is one transaction, after a
    backup; an exception anywhere leaves the database as it was."""
    package = read_package(path)
    if dry_run:
        return preview_package(store, package)
    preview_package(store, package)  # refused here, before the backup, if it is refused
    store.check_writable()  # a read-only file: refused before a backup is made and thinned
    store.backup("truoc-nhan-goi")
    refusal = _bad_content(f"Gói «{path.name}»")
    with refusing_bad_content(refusal, PackageRefused), store.transaction():
        plan = plan_package(store, package)  # planned again inside the transaction: nothing moved
        if plan.preview.already_received:
            return plan.preview
        done = apply_plan(store, plan)
        record(store, package, done)
    return done
