"""A rule's message (:mod:`clipper.fields`) as a dialog shows it next to the field.

The words are the core's, the same the store raises and the command line prints; a dialog
only makes them a sentence, and under a field that shows the value it leaves the value out.
"""

from __future__ import annotations

import re

#: The value at the start of a core message ("'12/09/2015' is …", "2015-02-30 is …").
_VALUE_IS = re.compile(r"""^(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+) is """)


#: A first word that is an ordinary lower-case word (not a file name, address or value).
_PLAIN_WORD = re.compile(r"[a-z]+(?=[\s,;]|:\s|$)")


def sentence(message: str | None) -> str | None:
    """``message`` with a capital first letter (unless it starts with a file name, an
    address or a value, which keep their spelling) and a full stop."""
    if not message:
        return None
    if _PLAIN_WORD.match(message):
        message = message[0].upper() + message[1:]
    return f"{message}{'' if message.endswith(('.', '?', '!')) else '.'}"


def beside_field(message: str | None) -> str | None:
    """:func:`sentence` without the value the field shows already (so that it fits on the
    one line kept for it)."""
    return sentence(_VALUE_IS.sub("", message) if message else None)
