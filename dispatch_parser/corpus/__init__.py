"""The corpus: bulk conversion into a store, and the queries analysts run on it."""
from .convert import Summary, convert
from .store import SQLiteStore

__all__ = ["convert", "Summary", "SQLiteStore"]
