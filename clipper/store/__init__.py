"""The store layer: the only place in Clipper that speaks SQL."""

from clipper.store.database import Store, now
from clipper.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "now"]
