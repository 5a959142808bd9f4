"""Who is coding: the one resolution of the current coder, for every front end."""

from __future__ import annotations

import os
from collections.abc import Mapping

from clipper.model import DEFAULT_CODER

#: The environment variable naming the coder when no ``--coder`` is given.
CODER_ENV = "CLIPPER_CODER"


def resolve_coder(
    given: str | None = None,
    setting: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The coder's name: the one ``given`` (``--coder``), else $CLIPPER_CODER, else the
    app's ``setting``, else :data:`~clipper.model.DEFAULT_CODER`. Blank values count as
    not given; the name itself is checked when an annotation is stored."""
    env = os.environ if environ is None else environ
    for candidate in (given, env.get(CODER_ENV), setting):
        if candidate is not None and candidate.strip():
            return candidate.strip()
    return DEFAULT_CODER
