"""Helpers for the REFI-QDA tests: build .qdpx archives and project files at test time."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

FIXTURES = Path(__file__).parent / "fixtures" / "refi"
SAMPLES = Path(__file__).parent / "fixtures" / "refi" / "samples"
NS = "urn:QDA-XML:project:1.0"

USER = "11111111-2222-4333-8444-555555555555"
CODE = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
SOURCE = "12345678-1234-4234-8234-123456789abc"


def make_qdpx(path: Path, qde: str | bytes, members: dict[str, bytes] | None = None) -> Path:
    """A .qdpx at ``path`` holding ``project.qde`` and ``members`` (name → bytes)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde if isinstance(qde, bytes) else qde.encode("utf-8"))
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return path


def project(
    sources: str, *, origin: str = "Test 1.0", codes: str | None = None, extra: str = ""
) -> str:
    """A project file with one user and one code (``codes`` replaces the code book)."""
    codebook = codes or f'<Code guid="{CODE}" name="Topic" isCodable="true" color="#FF0000"/>'
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="{NS}" name="test" origin={quoteattr(origin)}>'
        f'<Users><User guid="{USER}" name="Rita Coder"/></Users>'
        f"<CodeBook><Codes>{codebook}</Codes></CodeBook>"
        f"<Sources>{sources}</Sources>{extra}</Project>"
    )


def selection(guid: str, start: int, end: int, *, name: str | None = None, code: str = CODE) -> str:
    named = f" name={quoteattr(name)}" if name is not None else ""
    return (
        f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}"'
        f'{named} creatingUser="{USER}" creationDateTime="2024-05-01T10:00:00Z">'
        f'<Coding guid="{guid[:-4]}ffff" creatingUser="{USER}"><CodeRef targetGUID="{code}"/>'
        "</Coding></PlainTextSelection>"
    )


def text_source(selections: str, *, path: str | None = None, inline: str | None = None) -> str:
    content = "" if inline is None else f"<PlainTextContent>{inline}</PlainTextContent>"
    where = f' plainTextPath="{path}"' if path else ""
    return f'<TextSource guid="{SOURCE}" name="doc.txt"{where}>{content}{selections}</TextSource>'
