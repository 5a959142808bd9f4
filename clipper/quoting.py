"""Short quoted previews of clipped text for messages ("“£79.60” is already tagged Figure")."""

from __future__ import annotations

# Double quotation marks the text itself may start or end with; the preview adds its own.
_OUTER_QUOTES = '"“”„‟«»'


def quote(text: str, limit: int = 30) -> str:
    """``text`` on one line in curly quotes, cut to at most ``limit`` characters (at a word
    end where one is near) with an ellipsis.

    Quotation marks around the text itself are dropped, so a quote is quoted once
    (“All those…”, not “"All those…”); apostrophes are kept.
    """
    flat = " ".join(text.split())
    inner = flat.strip(_OUTER_QUOTES + " ") or flat
    if len(inner) > limit:
        cut = inner[: limit - 1]
        space = cut.rfind(" ")
        if not inner[limit - 1].isspace() and space > limit // 2:  # end on a whole word
            cut = cut[:space]
        inner = cut.rstrip(" ,;:") + "…"
    return f"“{inner}”"
