"""Who a database is when packages travel (docs/package-format.md, «Who may change the
commune's plan»): the commune office, a village laptop bound to it, or a fresh file."""

from __future__ import annotations

from ...store.repository import Store

OFFICE, VILLAGE = "office", "village"
"""The two roles of a database in the exchange (see ``database_role``)."""
ROLE_KEY = "exchange_role"
"""Meta key set to OFFICE when this database makes its first configuration package."""


def database_role(store: Store) -> str | None:
    """Who this database is when packages travel (docs/package-format.md, «Who may change
    the plan»): the commune OFFICE once it has made a configuration package or received a
    village's data; a VILLAGE laptop once it has received a configuration package (it is
    then bound to that commune's office); None for a fresh file that has done neither."""
    if store.exchange.has_received("config"):
        return VILLAGE
    if store.meta().get(ROLE_KEY) == OFFICE or store.exchange.has_received("data"):
        return OFFICE
    return None
