class StoreError(Exception):
    """A problem with a database file, with a Vietnamese message for the person."""


class DamagedDatabase(StoreError):
    """The file is ours (or looks like SQLite) but does not pass the integrity check:
    never opened for writing; the way out is the latest good backup."""
