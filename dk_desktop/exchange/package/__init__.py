"""Files that travel between laptops on a USB stick (docs/package-format.md).

- A *gói số liệu* (data package, village → commune) carries the entries this laptop made
  for one village, with the change each replaced, and the history behind them.
- A *gói cấu hình* (configuration package, commune → village) carries the catalogue, the
  places and the commune's current figures.

One job per module, each readable alone:

- ``archive``: the zip file itself (members, sizes, SHA-256, manifest), written and checked;
- ``roles``: who a database is in the exchange (commune office, village laptop, fresh);
- ``make``: making the two kinds of package;
- ``plan``: what receiving a package would do, reading the database, never writing it;
- ``apply``: writing a plan, inside the transaction ``receive`` opens;
- ``receive``: verify → preview → apply, the apply in one transaction after a backup;
- ``conflicts``: the entries both sides changed, kept until a person chooses.

The preview a person reads (``Preview``, ``Change``) is ``exchange/preview.py``, shared
with the Excel import. Decisions use the laptops' logical counters, never clocks.
"""

from ..preview import Change, Preview, display_input
from .archive import (
    CONFIG,
    DATA,
    KIND_LABELS,
    MANIFEST,
    SUFFIX,
    Package,
    PackageRefused,
    read_package,
    write_package,
)
from .conflicts import Conflict, describe_conflict, open_conflicts, resolve_conflict
from .make import (
    data_package_entries,
    default_sender,
    export_config_package,
    export_data_package,
    find_village,
)
from .receive import preview_package, receive_package
from .roles import OFFICE, VILLAGE, database_role

__all__ = [
    "CONFIG",
    "DATA",
    "KIND_LABELS",
    "MANIFEST",
    "OFFICE",
    "SUFFIX",
    "VILLAGE",
    "Change",
    "Conflict",
    "Package",
    "PackageRefused",
    "Preview",
    "data_package_entries",
    "database_role",
    "default_sender",
    "describe_conflict",
    "display_input",
    "export_config_package",
    "export_data_package",
    "find_village",
    "open_conflicts",
    "preview_package",
    "read_package",
    "receive_package",
    "resolve_conflict",
    "write_package",
]
