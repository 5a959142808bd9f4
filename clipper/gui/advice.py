"""The app's advice for an error's or a warning's :class:`~clipper.errors.Hint`.

Core messages are front-end neutral; where the remedy is a control, this is the one place
that names the app's own (a menu item, a question the import asks), as
``clipper.cli.advice`` names the command-line options.
"""

from __future__ import annotations

from clipper.errors import Cancelled, ClipperError, Hint, append_advice, hint_of

_IMPORT_CHOOSING_ENCODING = "File › Import text files choosing the encoding…"


def advice(
    hint: Hint | None, suggestion: str | None = None, *, warning: bool = False
) -> str | None:
    """What to do in the app; ``warning``: for a file that was imported (with a warning)."""
    if hint is Hint.FORCE:
        return "import it again and choose “Import anyway” when Clipper asks"
    if hint is Hint.PASSWORD:
        return "import it again and type the password when Clipper asks for it"
    if hint is Hint.ENCODING:
        if warning:
            return (
                "to choose another, delete the article and import the file again: Clipper "
                f"then asks which encoding to use, with a preview ({_IMPORT_CHOOSING_ENCODING} "
                "always asks)"
            )
        return "open the file in a text editor, save it as UTF-8, then import it again"
    if hint is Hint.OCR:
        return "import it again and choose “Run OCR” when Clipper offers it"
    if hint is Hint.OCR_LANGUAGE:
        return "install the language's Tesseract data, or import it with another OCR language"
    if hint is Hint.FORMAT:
        return "choose the format in the export dialog"
    if hint is Hint.RESTORE:
        return "quit Clipper and restore one with the command `clipper restore BACKUP`"
    if hint is Hint.JSON_EXPORT:
        return (
            "merge it with the command `clipper import-annotations FILE`; add text, PDF or "
            "web pages with File › Import files…"
        )
    if hint is Hint.DATABASE:
        return "create one with File › New database…, or open another"
    return None


def explain(item: ClipperError | Cancelled | str) -> str:
    """An error's or a warning's text with the app's advice."""
    if isinstance(item, ClipperError | Cancelled):
        return append_advice(item.message, advice(*hint_of(item)))
    return append_advice(item, advice(*hint_of(item), warning=True))
