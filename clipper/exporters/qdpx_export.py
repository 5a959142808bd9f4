"""REFI-QDA project export (``.qdpx``): a zip of ``project.qde`` and ``sources/<guid>.txt``.

What goes where (REFI-QDA 1.5, ``Project-mrt2019.xsd``):

- each coder → a ``User`` (GUID: the coder's UUID);
- each tag → a ``Code`` of the ``CodeBook`` named by its label, with its colour (GUID: the
  tag's UUID); a tag whose label does not give its name back keeps it in a description
  line ``Clipper tag: <name>``;
- each article → a ``TextSource`` (GUID: the article's UUID, name: its title) whose text is
  ``sources/<uuid>.txt`` (UTF-8, exactly the stored text), with the article's outlet,
  author, date, URL and language as text ``Variables``;
- each annotation → a ``PlainTextSelection`` (GUID: the annotation's UUID; positions:
  Unicode code points, end exclusive, as the specification counts them) with one
  ``Coding`` of its tag by its coder, its note as the ``Description``, and its attributes
  as a note named ``Clipper attributes`` (``key: JSON value`` lines);
- each relation between exported annotations → a one-way ``Link`` named by its type.

Only accepted annotations are exported: REFI-QDA has no status, so a pending or rejected
suggestion would become a coding like any other. Not carried: tag keys, an annotation's
origin and status (read back as ``imported``, ``accepted``), PDF page layout.

Written as a stream without a schema-binding library: pyrefiqda (pydantic models generated
from the XSD) builds the whole project in memory and extracts archives to disk, which
neither scales to 100,000 codings nor is safe for reading; the XML here is small and fixed.
"""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, BinaryIO

import clipper
from clipper.exporters.refi_xml import PROJECT_NS, attr, code_element, datetime, text
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.qda import ATTRIBUTES_NOTE, derived_guid
from clipper.store import Store, now
from clipper.store.export_queries import Selection, selected_article_ids
from clipper.store.qda_queries import (
    QdaAnnotation,
    count_qda_annotations,
    iter_qda_annotations,
    qda_article,
    qda_relations,
)

#: The article metadata exported as text variables, in this order.
VARIABLES = ("outlet", "author", "published", "url", "language")
#: Longest selection name (the start of the selected text, as ATLAS.ti writes it).
NAME_CHARS = 100
_FLUSH = 1 << 20
#: Annotations above which the project file may pass 2 GB (about 700 bytes each).
ZIP64_ANNOTATIONS = 1_000_000

if TYPE_CHECKING:
    from clipper.exporters.registry import ExportOptions


def variable_guid(name: str) -> str:
    return derived_guid("variable", name)


def selection_name(span: str) -> str:
    return span if len(span) <= NAME_CHARS else span[: NAME_CHARS - 1] + "…"


def _stamp(name: str, value: str | None) -> str:
    stamp = datetime(value)
    return f' {name}="{stamp}"' if stamp else ""


class _Sink:
    """Buffers XML text and writes it to the zip member as UTF-8 in large pieces."""

    def __init__(self, member: BinaryIO) -> None:
        self.member = member
        self.parts: list[str] = []
        self.size = 0

    def write(self, part: str) -> None:
        self.parts.append(part)
        self.size += len(part)
        if self.size > _FLUSH:
            self.flush()

    def flush(self) -> None:
        self.member.write("".join(self.parts).encode("utf-8"))
        self.parts.clear()
        self.size = 0


def _header(store: Store) -> str:
    coders = store.list_coders()
    users = "".join(f'    <User guid="{c.uuid}" name="{attr(c.name)}"/>\n' for c in coders)
    codes = "".join(code_element(t) for t in store.list_tags())
    variables = "".join(
        f'    <Variable guid="{variable_guid(v)}" name="{v}" typeOfVariable="Text"/>\n'
        for v in VARIABLES
    )
    return (
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
        f'<Project xmlns="{PROJECT_NS}" name="Clipper export" '
        f'origin="Clipper {attr(clipper.__version__)}" creationDateTime="{datetime(now())}">\n'
        + (f"  <Users>\n{users}  </Users>\n" if users else "")
        + (f"  <CodeBook>\n    <Codes>\n{codes}    </Codes>\n  </CodeBook>\n" if codes else "")
        + f"  <Variables>\n{variables}  </Variables>\n"
    )


def _write_sources(
    store: Store, archive: zipfile.ZipFile, article_ids: Iterable[int]
) -> dict[int, tuple[str, ...]]:
    """Each article's text as ``sources/<uuid>.txt``; returns what the project file needs
    of each (uuid, title, imported_at, then the :data:`VARIABLES`)."""
    heads: dict[int, tuple[str, ...]] = {}
    for article_id in article_ids:
        _, uuid, title, body, imported_at, *meta = qda_article(store, article_id)
        archive.writestr(f"sources/{uuid}.txt", body.encode("utf-8", "surrogatepass"))
        heads[article_id] = (uuid, title, imported_at, *meta)  # type: ignore[arg-type]
    return heads


def _source_open(head: tuple[str, ...]) -> str:
    uuid, title, imported_at = head[:3]
    return (
        f'    <TextSource guid="{uuid}" name="{attr(title)}" '
        f'plainTextPath="internal://{uuid}.txt"{_stamp("creationDateTime", imported_at)}>\n'
    )


def _source_close(head: tuple[str, ...]) -> str:
    values = "".join(
        f'      <VariableValue><VariableRef targetGUID="{variable_guid(name)}"/>'
        f"<TextValue>{text(value)}</TextValue></VariableValue>\n"
        for name, value in zip(VARIABLES, head[3:], strict=True)
        if value
    )
    return values + "    </TextSource>\n"


def _selection(row: QdaAnnotation, notes: list[str]) -> str:
    _, uuid, start, end, tag_uuid, span, note, created, updated, coder_uuid, attributes = row
    created_at = _stamp("creationDateTime", created)
    out = [
        f'      <PlainTextSelection guid="{uuid}" name="{attr(selection_name(span))}" '
        f'startPosition="{start}" endPosition="{end}" creatingUser="{coder_uuid}"{created_at} '
        f'modifyingUser="{coder_uuid}"{_stamp("modifiedDateTime", updated)}>\n'
    ]
    if note:
        out.append(f"        <Description>{text(note)}</Description>\n")
    out.append(
        f'        <Coding guid="{derived_guid("coding", uuid)}" creatingUser="{coder_uuid}"'
        f'{created_at}><CodeRef targetGUID="{tag_uuid}"/></Coding>\n'
    )
    if attributes:
        note_guid = derived_guid("attributes", uuid)
        lines = "\n".join(
            f"{key}: {json.dumps(value, ensure_ascii=False)}"
            for key, value in sorted(json.loads(attributes).items())
        )
        notes.append(
            f'    <Note guid="{note_guid}" name="{ATTRIBUTES_NOTE}" creatingUser="{coder_uuid}">'
            f"<PlainTextContent>{text(lines)}</PlainTextContent></Note>\n"
        )
        out.append(f'        <NoteRef targetGUID="{note_guid}"/>\n')
    out.append("      </PlainTextSelection>\n")
    return "".join(out)


def _links(store: Store, selection: Selection) -> str:
    links = "".join(
        f'    <Link guid="{uuid}" name="{attr(kind)}" direction="OneWay" '
        f'originGUID="{origin}" targetGUID="{target}"/>\n'
        for uuid, kind, origin, target, _ in qda_relations(store, selection)
    )
    return f"  <Links>\n{links}  </Links>\n" if links else ""


def write_qdpx(
    store: Store,
    stream: BinaryIO,
    selection: Selection,
    options: ExportOptions,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> int:
    """Write the selection as a REFI-QDA project archive (accepted annotations only);
    returns the number of annotations written."""
    del options  # nothing to choose
    total = count_qda_annotations(store, selection)
    article_ids = selected_article_ids(store, selection)
    written = 0
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        heads = _write_sources(store, archive, article_ids)
        check_cancel(cancel)
        # A project file past 2 GB needs ZIP64; below, plain headers suit every reader.
        large = total > ZIP64_ANNOTATIONS
        info = zipfile.ZipInfo("project.qde", time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=large) as member:
            sink = _Sink(member)  # type: ignore[arg-type]
            sink.write(_header(store))
            if article_ids:  # an empty <Sources/> is not valid
                sink.write("  <Sources>\n")
            notes: list[str] = []
            pending = iter(article_ids)
            current: int | None = None

            def open_until(article_id: int, write: Callable[[str], None]) -> None:
                """Close the open source, write the sources without annotations before
                ``article_id``, then open it."""
                if current is not None:
                    write(_source_close(heads[current]))
                for other in pending:
                    if other == article_id:
                        break
                    write(_source_open(heads[other]) + _source_close(heads[other]))
                write(_source_open(heads[article_id]))

            for batch in iter_qda_annotations(store, selection):
                check_cancel(cancel)
                for row in batch:
                    if row[0] != current:
                        open_until(row[0], sink.write)
                        current = row[0]
                    sink.write(_selection(row, notes))
                written += len(batch)
                if progress:
                    progress(written, total)
            if current is not None:
                sink.write(_source_close(heads[current]))
            for other in pending:
                sink.write(_source_open(heads[other]) + _source_close(heads[other]))
            if article_ids:
                sink.write("  </Sources>\n")
            if notes:
                sink.write("  <Notes>\n")
                for note in notes:
                    sink.write(note)
                sink.write("  </Notes>\n")
            sink.write(_links(store, selection))
            sink.write("</Project>\n")
            sink.flush()
    return written
