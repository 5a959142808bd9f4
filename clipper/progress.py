"""Callback types for long work (imports, exports) and the cancellation check."""

from __future__ import annotations

from collections.abc import Callable

from clipper.errors import Cancelled

#: ``progress(done, total)``; ``total`` is 0 when unknown.
ProgressCallback = Callable[[int, int], None]
#: Returns ``True`` once the user asked to stop.
CancelCheck = Callable[[], bool]


def check_cancel(cancel: CancelCheck | None) -> None:
    """Raise :class:`Cancelled` if the user asked to stop."""
    if cancel is not None and cancel():
        raise Cancelled("cancelled; nothing was changed")
