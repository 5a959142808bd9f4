"""The store layer: the only place in Clipper that speaks SQL."""

# First: sqlite-utils without pandas and numpy (see the module).
import clipper.store.sqlite_utils_lite  # noqa: F401
from clipper.store.clock import now
from clipper.store.database import Store
from clipper.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "now"]
