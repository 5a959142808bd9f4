"""Spreadsheet formula protection of CSV cells: the rule, defined once.

A cell a spreadsheet could run as a formula starts with one of :data:`FORMULA_STARTS`
(possibly after apostrophes): it gets one leading apostrophe, which :func:`unprotect`
removes exactly, so the stored text can always be recovered.

Measured with LibreOffice Calc 7.4 (CSV import, formulas evaluated): only a leading ``=``
runs; ``+``, ``-``, ``@``, tab, CR and the fullwidth (``＝＋－＠``) and small-form
(``﹦﹢﹣﹫``) lookalikes stay text, and a leading apostrophe is shown as typed. Excel
runs ``=``, ``+``, ``-`` and ``@``, and its Japanese input turns fullwidth ``＝`` into a
formula; the lookalikes, tab, CR and LF are protected too, to be safe everywhere.
"""

from __future__ import annotations

import re

FORMULA_STARTS = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b"

_PROTECTED = re.compile(f"^'(?='*[{re.escape(FORMULA_STARTS)}])")
_NEEDS = re.compile(f"'*[{re.escape(FORMULA_STARTS)}]")


def protect(value: str) -> str:
    """``value`` with a leading apostrophe if a spreadsheet could run it as a formula."""
    return "'" + value if _NEEDS.match(value) else value


def unprotect(value: str) -> str:
    """Undo :func:`protect` (a no-op for cells it left alone)."""
    return _PROTECTED.sub("", value, count=1)
