"""Write small PDFs byte by byte, for traps no PDF library would produce (bombs, broken trees).

``build_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", ...})`` numbers the objects as given
and writes a correct cross-reference table, so only the content is hostile.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from pathlib import Path

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(data: bytes, extra: bytes = b"", *, compress: bool = True, level: int = 9) -> bytes:
    """A stream object: ``data`` FlateDecode-compressed unless ``compress`` is false."""
    body = zlib.compress(data, level) if compress else data
    flate = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s %s >>\nstream\n%s\nendstream" % (len(body), flate, extra, body)


def build_pdf(objects: Mapping[int, bytes], root: int = 1) -> bytes:
    """A PDF file holding ``objects`` (number -> body), with ``root`` as the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def page_pdf(
    contents: list[bytes],
    extra_objects: Mapping[int, bytes] | None = None,
    resources: bytes = b"<< /Font << /F1 4 0 R >> >>",
) -> bytes:
    """One page per content stream (objects 1000, 1002, … hold the pages, 1001, 1003, …
    their contents, or from after the last of ``extra_objects`` if that is higher)."""
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 4: FONT}
    kids = []
    base = max(1000, max(extra_objects or {0: b""}) + 1)
    for index, content in enumerate(contents):
        page, body = base + 2 * index, base + 1 + 2 * index
        kids.append(b"%d 0 R" % page)
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s "
            b"/Contents %d 0 R >>" % (resources, body)
        )
        objects[body] = content
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    objects.update(extra_objects or {})
    return build_pdf(objects)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pages(paragraphs: list[str], count: int, *, lines: int = 50, width: int = 95) -> bytes:
    """``count`` pages of real text: ``paragraphs`` wrapped at ``width`` characters,
    ``lines`` lines a page, repeated as needed (Helvetica, deflated content streams)."""
    import textwrap

    wrapped: list[str] = []
    for paragraph in paragraphs:
        wrapped.extend(textwrap.wrap(paragraph, width) or [""])
    contents = []
    at = 0
    for _ in range(count):
        ops = [b"BT /F1 10 Tf 12 TL 50 740 Td"]
        for _ in range(lines):
            ops.append(b"(%s) Tj T*" % _escape(wrapped[at % len(wrapped)]))
            at += 1
        ops.append(b"ET")
        contents.append(stream(b"\n".join(ops)))
    return page_pdf(contents)
