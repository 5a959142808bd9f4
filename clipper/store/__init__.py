"""The store layer: the only place in Clipper that speaks SQL."""

from clipper.store.clock import now
from clipper.store.database import Store
from clipper.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "now"]
