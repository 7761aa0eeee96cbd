class StoreError(Exception):
    """A problem with a database file, with a Vietnamese message for the person."""
