"""REFI-QDA conventions Clipper's writer and reader share (one place).

How a Clipper tag name survives a trip through QDA software, where codes are known by their
label, and how attributes ride along as a note.
"""

from __future__ import annotations

import re
import uuid as _uuid

from clipper.model import CLIPPER_NAMESPACE

#: A code's description line that keeps the Clipper tag name when the code's name (the
#: tag's label) would not give it back (e.g. the label "Money" of the tag ``figure_eur``).
TAG_NAME_MARK = "Clipper tag: "
#: The name of the note that carries an annotation's attributes (``key: JSON value`` lines).
ATTRIBUTES_NOTE = "Clipper attributes"


def slug(name: str) -> str:
    """A name as a Clipper tag name is made of it: lower case, runs of anything but a-z,
    0-9, ``_`` and ``-`` as one ``-``, at most 64 characters (``""`` when nothing is left)."""
    out = re.sub(r"[^a-z0-9_-]+", "-", name.strip().lower(), flags=re.ASCII)
    return out.strip("-_")[:64].rstrip("-_")


def derived_guid(kind: str, identity: str) -> str:
    """A stable GUID for something Clipper has no identity of its own for (a coding, a
    variable, an attribute note), made from the identity it belongs to."""
    return str(_uuid.uuid5(CLIPPER_NAMESPACE, f"refi-{kind}:{identity}"))
