"""PDF bombs: small files that expand to huge work or memory when read (see rawpdf)."""

from __future__ import annotations

from rawpdf import build_pdf, page_pdf, stream


def text_bomb(repeats: int = 2_000_000) -> bytes:
    """One page whose content stream (deflated ~1000:1) shows ``repeats`` tiny strings."""
    content = b"BT /F1 1 Tf 10 10 Td " + b"(a) Tj " * repeats + b"ET"
    return page_pdf([stream(content)])


def operator_bomb(repeats: int = 5_000_000) -> bytes:
    """One page of ``q Q`` pairs: no output at all, only interpreter time."""
    return page_pdf([stream(b"q Q " * repeats)])


def operand_bomb(repeats: int = 5_000_000) -> bytes:
    """Numbers never consumed by an operator: the operand stack grows."""
    return page_pdf([stream(b"1 " * repeats)])


def path_bomb(repeats: int = 1_000_000) -> bytes:
    """Tiny rectangles: one layout object each."""
    return page_pdf([stream(b"0 0 1 1 re f " * repeats)])


def xobject_bomb(levels: int = 8, fanout: int = 10) -> bytes:
    """Form XObjects each drawing the next ``fanout`` times: fanout**levels leaf texts."""
    objects: dict[int, bytes] = {}
    for level in range(levels):
        number = 50 + level
        body = b"BT /F1 1 Tf (ab) Tj ET" if level == levels - 1 else b"/X Do " * fanout
        child = b"/X %d 0 R" % (number + 1) if level < levels - 1 else b""
        objects[number] = stream(
            body,
            b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> /XObject << %s >> >>" % child,
        )
    return page_pdf(
        [stream(b"/X Do")],
        objects,
        resources=b"<< /Font << /F1 4 0 R >> /XObject << /X 50 0 R >> >>",
    )


def nested_flate_bomb(layers: int = 2, size: int = 200_000_000) -> bytes:
    """A content stream of ``size`` bytes compressed ``layers`` times
    (``/Filter [/FlateDecode /FlateDecode]``), built without holding ``size`` bytes."""
    import zlib

    packer = zlib.compressobj(9)
    parts = [packer.compress(b"BT /F1 1 Tf (a) Tj ET ")]
    chunk = b" " * (1 << 20)
    for _ in range(size >> 20):
        parts.append(packer.compress(chunk))
    parts.append(packer.flush())
    data = b"".join(parts)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    filters = b" ".join([b"/FlateDecode"] * layers)
    body = b"<< /Length %d /Filter [%s] >>\nstream\n%s\nendstream" % (len(data), filters, data)
    return page_pdf([body])


def many_pages(count: int) -> bytes:
    """``count`` pages, each with a one-line text (distinct page objects)."""
    return page_pdf([stream(b"BT /F1 12 Tf 72 700 Td (Page text here.) Tj ET")] * count)


def deep_xobjects(depth: int = 5000) -> bytes:
    """A chain of ``depth`` nested form XObjects (recursion depth)."""
    return xobject_bomb(levels=depth, fanout=1)


__all__ = [
    "build_pdf",
    "deep_xobjects",
    "many_pages",
    "nested_flate_bomb",
    "operand_bomb",
    "operator_bomb",
    "path_bomb",
    "text_bomb",
    "xobject_bomb",
]
