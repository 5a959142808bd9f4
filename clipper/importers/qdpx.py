"""Read a REFI-QDA project (``.qdpx`` archive, or a bare ``.qde`` file) as an annotation file.

Gives the same validated structure as the Clipper JSON reader (an
:class:`~clipper.importers.clipper_json.ExportFile`), so one merge operation stores it:

- each text source (a ``TextSource``, or the text ``Representation`` of a ``PDFSource``)
  → an article: its text inline (``PlainTextContent``) or in the archive
  (``plainTextPath="internal://…"``, under ``sources/``), kept exactly (UTF-8, a BOM
  dropped) as Clipper JSON keeps it; its text variables named like article fields
  (outlet, author, published, url, language) → that metadata;
- each code → a tag: the name made a valid tag name (lower case, ``-`` for anything else,
  nested codes as ``parent-child``), the original name (nested: ``Parent / Child``) as its
  label, its colour; a ``Clipper tag: <name>`` description line gives the name back;
- each coding of a ``PlainTextSelection`` → an annotation (positions converted, see
  :mod:`clipper.importers.refi_positions`) with the selection's description and the notes
  it refers to as its note, the coding's (else the selection's) user as its coder, origin
  ``imported``; a coding of a whole source → an annotation over its whole text; a selection
  with no coding → an annotation tagged ``uncoded``; the first coding of a selection takes
  the selection's GUID as its identity (what Clipper writes), the others their coding's;
- a note named ``Clipper attributes`` → the annotation's attributes; a ``Link`` between two
  selections → a relation named after the link.

Not imported, and said in the warnings: picture, audio, video and PDF-area selections,
sources whose text is outside the archive (``relative://``, ``absolute://``) or missing,
links that are not between coded text selections. Not imported: cases, sets and graphs.

Safety: the XML is parsed by :mod:`defusedxml` with document type declarations refused (so
no entity expansion and no external entities); archives are read through
:mod:`clipper.importers.safe_zip` (no extraction, size and ratio limits, no links or
``../`` names). A file refused for any of these changes nothing.
"""

from __future__ import annotations

import functools
import json
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import defusedxml
import defusedxml.ElementTree as SafeET

from clipper import fields
from clipper.errors import InvalidExport
from clipper.importers import check_importable
from clipper.importers.clipper_json import ExportFile
from clipper.importers.export_format import ExportAnnotation, ExportArticle, ExportTag
from clipper.importers.limits import QDPX_MAX_PROJECT_BYTES
from clipper.importers.refi_positions import Positions, choose, default_reading
from clipper.importers.safe_zip import SafeArchive, open_archive
from clipper.importers.text import normalise_newlines
from clipper.model import AttributeValue, ImportedArticle
from clipper.qda import ATTRIBUTES_NOTE, TAG_NAME_MARK, slug

__all__ = ["UNCODED_TAG", "open_qdpx", "sniff_qdpx"]

#: The tag of selections that carry no code (their notes are kept).
UNCODED_TAG = "uncoded"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_META = ("outlet", "author", "published", "url", "language")
_MAX_LABEL = fields.MAX_TAG_LABEL_CHARS


def sniff_qdpx(head: bytes) -> bool:
    """A zip archive, or an XML file whose root is a REFI-QDA ``Project``."""
    if head.startswith(b"PK\x03\x04"):
        return True
    return b"urn:QDA-XML:project" in head[:4096]


_LOCAL: dict[str, str] = {}


def _local(tag: str) -> str:
    """An element's name without its namespace."""
    name = _LOCAL.get(tag)
    if name is None:
        name = _LOCAL[tag] = tag.rpartition("}")[2]
    return name


#: Elements the first pass skips (and frees) whole.
_SOURCES = frozenset({"TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource"})
#: Selections of what Clipper cannot hold (counted in a warning).
_OTHER_SELECTIONS = frozenset(
    {"PictureSelection", "AudioSelection", "VideoSelection", "TranscriptSelection"}
)
#: The parts of a project read in the first pass (freed in the second).
_PARTS = frozenset({"Users", "CodeBook", "Variables", "Cases", "Notes", "Links", "Sets", "Graphs"})


def _guid(value: str | None) -> str:
    """A GUID as a key: no braces, lower case."""
    return (value or "").strip().strip("{}").lower()


def _identity(value: str | None) -> str | None:
    """A GUID as a Clipper identity (a lower-case UUID), or ``None``."""
    guid = _guid(value)
    return guid if _UUID.fullmatch(guid) else None


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (child for child in element if _local(child.tag) == name)


def _child_text(element: ET.Element, name: str) -> str | None:
    child = _child(element, name)
    return None if child is None else (child.text or "")


def _clean(value: str, limit: int = fields.MAX_FIELD_CHARS) -> str:
    """Free text made storable: NUL dropped, cut at ``limit`` characters."""
    value = value.replace("\x00", "")
    return value if len(value) <= limit else value[: limit - 1] + "…"


#: Projects repeat times (codings made in one go): check each once.
_timestamp_problem = functools.lru_cache(maxsize=1024)(fields.timestamp_problem)


def _stamp(value: str | None, fallback: str) -> str:
    if value and _timestamp_problem(value.strip()) is None:
        return value.strip()
    return fallback


@dataclass
class _Project:
    """What the first pass learns: everything the sources refer to."""

    name: str
    origin: str = ""
    creator: str | None = None
    users: dict[str, str] = field(default_factory=dict)
    codes: dict[str, ExportTag] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: selection guid → [(type, target selection guid, link identity)]
    links: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)
    link_count: int = 0
    uncoded: bool = False


# -- reading the XML -------------------------------------------------------------------


def _iterparse(stream: Any, what: str) -> Iterator[tuple[str, ET.Element]]:
    """``(event, element)`` as each element ends; bad or hostile XML raises a clear
    :class:`InvalidExport`."""
    try:
        yield from SafeET.iterparse(stream, events=("end",), forbid_dtd=True)
    except defusedxml.DTDForbidden:
        raise InvalidExport(
            f"{what} declares a document type (<!DOCTYPE …>), which a REFI-QDA project never "
            "needs and which can hide entity bombs or external files; it is not imported"
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise InvalidExport(f"{what} uses XML entities, which are refused: {exc}") from None
    except ET.ParseError as exc:
        raise InvalidExport(f"{what} is not well-formed XML: {exc}") from None


class _Source:
    """Opens the project file (as often as needed) and reads the archive's members."""

    def __init__(self, path: Path, stream: BinaryIO, archive: SafeArchive | None) -> None:
        self.path = path
        self.stream = stream
        self.archive = archive
        self.project: zipfile.ZipInfo | None = None
        if archive is not None:
            found = archive.find(".qde")
            if not found:
                raise InvalidExport(
                    f"{path.name} holds no project file (project.qde): it is not a REFI-QDA "
                    "project export"
                )
            self.project = found[0]

    @contextmanager
    def open_project(self) -> Iterator[Any]:
        if self.archive is None or self.project is None:
            self.stream.seek(0)
            yield self.stream
            return
        with self.archive.open(
            self.project, QDPX_MAX_PROJECT_BYTES, f"{self.path.name}: {self.project.filename}"
        ) as member:
            yield member


def _code_tags(codes: ET.Element, project: _Project, taken: set[str]) -> None:
    """Every code (depth first) → a tag, in ``project.codes`` by GUID."""

    def visit(code: ET.Element, path: list[str]) -> None:
        name = (code.get("name") or "").strip()
        here = [*path, name or "code"]
        description = _child_text(code, "Description") or ""
        marked = [
            line[len(TAG_NAME_MARK) :].strip()
            for line in description.splitlines()
            if line.startswith(TAG_NAME_MARK)
        ]
        wanted = marked[-1] if marked and fields.tag_name_problem(marked[-1]) is None else ""
        base = wanted or slug("-".join(here)) or f"code-{_guid(code.get('guid'))[:8]}"
        tag = base if fields.tag_name_problem(base) is None else "code"
        number = 2
        while tag in taken:
            suffix = f"-{number}"
            tag = base[: 64 - len(suffix)] + suffix
            number += 1
        taken.add(tag)
        label = _clean(" / ".join(p for p in here if p), _MAX_LABEL) or tag
        colour = (code.get("color") or "").strip()
        if re.fullmatch(r"#[0-9A-Fa-f]{3}", colour):
            colour = "#" + "".join(c * 2 for c in colour[1:])
        project.codes[_guid(code.get("guid"))] = ExportTag(
            tag,
            label if fields.label_problem(label) is None else tag,
            colour if fields.colour_problem(colour) is None else None,
            None,
        )
        for child in _children(code, "Code"):
            visit(child, here)

    for code in _children(codes, "Code"):
        visit(code, [])


def _read_project(source: _Source, what: str) -> _Project:
    """First pass: users, codes, variables, notes and links (the sources are skipped).

    Only ``end`` events are asked for (each element complete): every element looked at here
    has one name wherever it occurs in the schema, so no stack of parents is needed.
    """
    project = _Project(name=what)
    taken: set[str] = set()
    root: ET.Element | None = None
    with source.open_project() as stream:
        for _, element in _iterparse(stream, what):
            root = element
            name = _local(element.tag)
            if name == "PlainTextSelection":
                if _child(element, "Coding") is None:
                    project.uncoded = True
            elif name in _SOURCES:
                element.clear()
            elif name == "User":
                user = (element.get("name") or "").strip()[: fields.MAX_CODER_NAME_CHARS]
                user = "".join(c for c in user if c.isprintable()).strip()
                if user:
                    project.users[_guid(element.get("guid"))] = user
            elif name == "Codes":
                _code_tags(element, project, taken)
                element.clear()
            elif name == "Variable":
                project.variables[_guid(element.get("guid"))] = (element.get("name") or "").strip()
            elif name == "Note":
                content = _child_text(element, "PlainTextContent") or ""
                project.notes[_guid(element.get("guid"))] = (element.get("name") or "", content)
                element.clear()
            elif name == "Link":
                project.link_count += 1
                origin, target = _guid(element.get("originGUID")), _guid(element.get("targetGUID"))
                kind = _relation_type(element.get("name") or "")
                if origin and target:
                    project.links.setdefault(origin, []).append(
                        (kind, target, _identity(element.get("guid")))
                    )
    name = "" if root is None else _local(root.tag)
    if root is None or name != "Project":
        raise InvalidExport(
            f"{what} is not a REFI-QDA project (its root is <{name[:40]}>, not <Project>)"
        )
    project.origin = root.get("origin") or ""
    project.creator = _guid(root.get("creatingUserGUID")) or None
    if project.uncoded and UNCODED_TAG not in taken:
        project.codes[""] = ExportTag(UNCODED_TAG, "Uncoded selection", None, None)
    return project


def _relation_type(name: str) -> str:
    kind = re.sub(r"[^a-z0-9_]+", "_", name.strip().lower(), flags=re.ASCII).strip("_")[:64]
    if kind and not kind[0].isalpha():
        kind = ("link_" + kind)[:64]
    return kind if kind and fields.relation_type_problem(kind) is None else "linked"


# -- sources --------------------------------------------------------------------------


def _attributes(content: str) -> dict[str, AttributeValue] | None:
    """``key: JSON value`` lines (Clipper's attribute note), or ``None`` if they are not."""
    out: dict[str, AttributeValue] = {}
    for line in content.splitlines():
        if not line.strip():
            continue
        key, sep, raw = line.partition(":")
        try:
            value = json.loads(raw) if sep else None
        except ValueError:
            return None
        if (
            fields.attribute_key_problem(key.strip()) is not None
            or isinstance(value, bool)
            or not isinstance(value, str | int | float)
            or fields.attribute_problem(key.strip(), value) is not None
            or (isinstance(value, float) and not math.isfinite(value))
        ):
            return None
        out[key.strip()] = value
    return out or None


class _Reader:
    """Second pass: one article per text source."""

    def __init__(self, source: _Source, project: _Project, what: str, stamp: str) -> None:
        self.source = source
        self.project = project
        self.what = what
        self.stamp = stamp
        self.warnings: list[str] = []
        self.reading = default_reading(project.origin)
        self.seen: set[str] = set()
        self.linked: set[str] = set()
        self.detail = _clean(f"qdpx {project.origin}".strip(), 200)
        self.coders: dict[tuple[str | None, ...], str | None] = {}

    def warn(self, message: str) -> None:
        if len(self.warnings) < 200:
            self.warnings.append(message)
        elif len(self.warnings) == 200:
            self.warnings.append("… more problems were found; only the first 200 are listed")

    def articles(self) -> Iterator[ExportArticle]:
        skipped: dict[str, int] = {}
        with self.source.open_project() as stream:
            for _, element in _iterparse(stream, self.what):
                name = _local(element.tag)
                if name == "TextSource":  # only ever a child of <Sources>
                    article = self._article(element, element.get("name"))
                    if article is not None:
                        yield article
                    element.clear()
                elif name == "PDFSource":  # its text is its own <Representation>
                    text = _child(element, "Representation")
                    if text is not None:
                        article = self._article(text, element.get("name"))
                        if article is not None:
                            yield article
                    areas = sum(1 for _ in _children(element, "PDFSelection"))
                    if areas:
                        skipped["PDFSelection"] = skipped.get("PDFSelection", 0) + areas
                    element.clear()
                elif name in _OTHER_SELECTIONS:
                    skipped[name] = skipped.get(name, 0) + 1
                    element.clear()
                elif name in _PARTS:  # read in the first pass
                    element.clear()
        for kind, count in sorted(skipped.items()):
            self.warn(
                f"{count} {kind} element(s) were not imported: Clipper imports codings of text"
            )
        unlinked = self.project.link_count - len(self.linked)
        if unlinked > 0:
            self.warn(
                f"{unlinked} link(s) were not imported: Clipper keeps links between coded text "
                "selections only"
            )

    def _text(self, element: ET.Element, title: str) -> str | None:
        inline = _child_text(element, "PlainTextContent")
        if inline is not None:
            return inline
        path = (element.get("plainTextPath") or "").strip()
        if not path:
            self.warn(f"source {title!r} has no plain text; skipped")
            return None
        if not path.lower().startswith("internal://"):
            self.warn(
                f"source {title!r}: its text {path[:80]!r} is outside the project archive; "
                "skipped (Clipper reads only what the .qdpx holds)"
            )
            return None
        archive = self.source.archive
        member = (
            None if archive is None else archive.member("sources/" + path[len("internal://") :])
        )
        if archive is None or member is None:
            self.warn(f"source {title!r}: its text file {path[:80]!r} is missing; skipped")
            return None
        data = archive.read(member, fields.MAX_TEXT_FILE_BYTES, f"{self.what}: {member.filename}")
        try:
            return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError as exc:
            self.warn(f"source {title!r}: its text is not UTF-8 ({exc.reason}); skipped")
            return None

    def _meta(self, element: ET.Element, title: str) -> dict[str, str | None]:
        meta: dict[str, str | None] = dict.fromkeys(_META)
        for value in _children(element, "VariableValue"):
            ref = _child(value, "VariableRef")
            variable = self.project.variables.get(
                _guid(None if ref is None else ref.get("targetGUID"))
            )
            if variable not in _META:
                continue
            given = (
                _child_text(value, "TextValue") or _child_text(value, "DateValue") or ""
            ).strip()
            given = fields.normalise_article_field(variable, given)
            if given and fields.article_field_problem(variable, given) is None:
                meta[variable] = given
            elif given:
                self.warn(f"source {title!r}: its {variable} {given[:40]!r} is not kept")
        return meta

    def _article(self, element: ET.Element, name: str | None) -> ExportArticle | None:
        title = _clean((name or element.get("name") or "").strip()) or "Untitled clipping"
        raw = self._text(element, title)
        if raw is None:
            return None
        stored = raw.removeprefix("\ufeff")
        problem = fields.text_problem(stored, fields.MAX_TEXT_CHARS)
        if not stored.strip() or problem:
            self.warn(f"source {title!r}: its text {problem or 'is empty'}; skipped")
            return None
        selections = list(_children(element, "PlainTextSelection"))
        positions = self._positions(stored, selections)
        annotations: list[ExportAnnotation] = []
        for coding in _children(element, "Coding"):
            self._add(annotations, stored, 0, len(stored), element, [coding], title, whole=True)
        for selection in selections:
            try:
                start = positions.offset(int(selection.get("startPosition") or ""))
                end = positions.offset(int(selection.get("endPosition") or ""))
            except ValueError:
                self.warn(f"source {title!r}: a selection has no whole-number positions; skipped")
                continue
            if not 0 <= start < end <= len(stored):
                self.warn(
                    f"source {title!r}: selection {selection.get('startPosition')}.."
                    f"{selection.get('endPosition')} does not fit its text "
                    f"({len(stored):,} characters); skipped"
                )
                continue
            self._add(
                annotations,
                stored,
                start,
                end,
                selection,
                list(_children(selection, "Coding")),
                title,
                whole=False,
            )
        meta = self._meta(element, title)
        article = ImportedArticle(
            text=stored,
            title=title,
            source_name=_clean(name or title, 1000),
            source_kind="qdpx",
            **meta,  # type: ignore[arg-type]
        )
        return ExportArticle(article, annotations, _identity(element.get("guid")))

    def _positions(self, stored: str, selections: list[ET.Element]) -> Positions:
        spans = []
        for selection in selections:
            try:
                start = int(selection.get("startPosition") or "")
                end = int(selection.get("endPosition") or "")
            except ValueError:
                continue
            spans.append((start, end, selection.get("name")))
        return choose(stored, self.reading, spans)

    def _note(
        self, selection: ET.Element, codings: list[ET.Element]
    ) -> tuple[str, dict[str, AttributeValue] | None]:
        parts = []
        description = _child_text(selection, "Description")
        if description and description.strip():
            parts.append(description.strip())
        attributes: dict[str, AttributeValue] | None = None
        for holder in [selection, *codings]:
            for ref in _children(holder, "NoteRef"):
                found = self.project.notes.get(_guid(ref.get("targetGUID")))
                if found is None:
                    continue
                note_name, content = found
                if note_name == ATTRIBUTES_NOTE:
                    parsed = _attributes(content)
                    if parsed is not None:
                        attributes = {**(attributes or {}), **parsed}
                        continue
                if content.strip():
                    parts.append(content.strip())
        note = normalise_newlines("\n\n".join(parts)).replace("\x00", "")
        if len(note) > fields.MAX_NOTE_CHARS:
            note = note[: fields.MAX_NOTE_CHARS - 1] + "…"
        return note, attributes

    def _coder(self, *guids: str | None) -> str | None:
        """The first of the users named by ``guids`` with a name fit to be a coder's."""
        if guids in self.coders:
            return self.coders[guids]
        found = None
        for guid in guids:
            name = self.project.users.get(_guid(guid))
            if name and fields.coder_name_problem(name) is None:
                found = name
                break
        self.coders[guids] = found
        return found

    def _add(
        self,
        out: list[ExportAnnotation],
        stored: str,
        start: int,
        end: int,
        selection: ET.Element,
        codings: list[ET.Element],
        title: str,
        *,
        whole: bool,
    ) -> None:
        note, attributes = self._note(selection, [] if whole else codings)
        selection_guid = "" if whole else _guid(selection.get("guid"))
        created = _stamp(selection.get("creationDateTime"), self.stamp)
        updated = _stamp(selection.get("modifiedDateTime"), created)
        detail = self.detail
        relations = None
        for number, coding in enumerate(codings or [None]):
            if coding is None:
                tag = UNCODED_TAG
                coder = self._coder(selection.get("creatingUser"), self.project.creator)
                identity = _identity(selection_guid)
                coding_created = created
            else:
                ref = _child(coding, "CodeRef")
                found = self.project.codes.get(
                    _guid(None if ref is None else ref.get("targetGUID"))
                )
                if found is None:
                    self.warn(
                        f"source {title!r}: a coding refers to no code of the codebook; skipped"
                    )
                    continue
                tag = found.name
                coder = self._coder(
                    coding.get("creatingUser"), selection.get("creatingUser"), self.project.creator
                )
                identity = _identity(selection_guid if number == 0 else coding.get("guid"))
                if whole:
                    identity = _identity(coding.get("guid"))
                coding_created = _stamp(coding.get("creationDateTime"), created)
            if identity in self.seen:
                identity = None
            if identity is not None:
                self.seen.add(identity)
            if number == 0 and selection_guid in self.project.links:
                relations = [
                    (kind, target, link)
                    for kind, target, link in self.project.links[selection_guid]
                    if _UUID.fullmatch(target)
                ]
                self.linked.update(link or target for _, target, link in relations)
            out.append(
                (
                    start,
                    end,
                    tag,
                    stored[start:end],
                    note,
                    coding_created,
                    max(updated, coding_created),
                    None,
                    identity,
                    coder,
                    "imported",
                    detail,
                    "accepted",
                    attributes,
                    relations if number == 0 else None,
                )
            )


@contextmanager
def open_qdpx(path: Path, stamp: str) -> Iterator[ExportFile]:
    """Open a REFI-QDA project (``.qdpx`` archive or bare ``.qde``) as an annotation file;
    ``stamp``: the time given to codings without one."""
    path = Path(path)
    check_importable(path)
    with path.open("rb") as stream:
        head = stream.read(4)
        stream.seek(0)
        size = path.stat().st_size
        if head == b"PK\x03\x04":
            with open_archive(path, stream) as archive:
                yield _open(path, stream, archive, stamp, size)
        else:
            if path.suffix.lower() == ".qdpx":
                raise InvalidExport(
                    f"{path.name} is not a zip archive, as a REFI-QDA project (.qdpx) is; "
                    "it is damaged or another kind of file"
                )
            if size > QDPX_MAX_PROJECT_BYTES:
                raise InvalidExport(f"{path.name} is larger than a project file may be")
            yield _open(path, stream, None, stamp, size)


def _open(
    path: Path, stream: BinaryIO, archive: SafeArchive | None, stamp: str, size: int
) -> ExportFile:
    source = _Source(path, stream, archive)
    project = _read_project(source, path.name)
    reader = _Reader(source, project, path.name, stamp)
    tags = list(project.codes.values())
    return ExportFile(tags, reader.articles(), stream, size, reader.warnings)
