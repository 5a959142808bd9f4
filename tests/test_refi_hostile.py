"""Hostile .qdpx archives and project files: refused with a clear message, nothing changed.

Every file is built at test time: ``../`` names, symbolic links, a member that unpacks to
1 GB, a member that unpacks to more than it declares, external entities, billion laughs.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from refi_files import make_qdpx, project, selection, text_source

from clipper.errors import ClipperError, InputTooLarge, InvalidExport
from clipper.model import ImportedArticle
from clipper.operations.merge import merge_export
from clipper.store import Store

GOOD_SOURCE = text_source(
    selection("99999999-9999-4999-8999-999999999999", 0, 5), path="internal://t.txt"
)
GOOD_QDE = project(GOOD_SOURCE)
GOOD_TEXT = b"Hello hostile world"


def _state(store: Store) -> tuple[object, ...]:
    return (
        [(a.id, a.title) for a in store.list_articles()],
        [(a.id, a.tag, a.start, a.end) for a in store.list_annotations()],
        [t.name for t in store.list_tags()],
    )


@pytest.fixture
def seeded(store: Store) -> Store:
    article = store.add_article(
        ImportedArticle(text="Existing text.", title="Kept", source_name="k", source_kind="txt")
    )
    store.add_annotation(article.id, 0, 8, "quote")
    return store


def _refused(store: Store, path: Path, error: type[ClipperError], *words: str) -> str:
    before = _state(store)
    with pytest.raises(error) as caught:
        merge_export(store, path)
    assert _state(store) == before
    message = str(caught.value)
    for word in words:
        assert word in message
    return message


def _with_member(path: Path, name: str, data: bytes, **info: object) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", GOOD_QDE)
        member = zipfile.ZipInfo(name)
        for key, value in info.items():
            setattr(member, key, value)
        archive.writestr(member, data)
    return path


def test_a_good_archive_is_merged(seeded: Store, tmp_path: Path) -> None:
    path = make_qdpx(tmp_path / "good.qdpx", GOOD_QDE, {"sources/t.txt": GOOD_TEXT})
    merge_export(seeded, path)
    assert [a.text for a in seeded.list_annotations(tags=["topic"])] == ["Hello"]


@pytest.mark.parametrize(
    "name", ["../evil.txt", "sources/../../evil.txt", "/etc/evil.txt", "C:/evil.txt", "a\\..\\b"]
)
def test_member_names_that_leave_the_folder_are_refused(
    seeded: Store, tmp_path: Path, name: str
) -> None:
    path = _with_member(tmp_path / "slip.qdpx", name, b"x")
    _refused(seeded, path, InvalidExport, "refused", "nothing was imported")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_symbolic_link_members_are_refused(seeded: Store, tmp_path: Path) -> None:
    path = _with_member(
        tmp_path / "link.qdpx",
        "sources/t.txt",
        b"/etc/passwd",
        external_attr=(0o120777 << 16),
        create_system=3,
    )
    _refused(seeded, path, InvalidExport, "symbolic link")


@pytest.mark.slow
def test_a_member_of_1_gb_unpacked_is_refused_before_reading(seeded: Store, tmp_path: Path) -> None:
    path = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("project.qde", GOOD_QDE)
        with archive.open("sources/t.txt", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(1024):
                member.write(chunk)
    assert path.stat().st_size < 20 * 1024 * 1024
    _refused(seeded, path, InputTooLarge, "zip bomb")


def _lie_about_size(path: Path, member: str, declared: int) -> None:
    """Patch the central directory so ``member`` declares ``declared`` unpacked bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    at = data.rfind(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length].decode() == member:
            struct.pack_into("<I", data, at + 24, declared)
            break
        at = data.rfind(b"PK\x01\x02", 0, at)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("member", ["sources/t.txt", "project.qde"])
def test_a_member_that_unpacks_to_more_than_it_declares_is_stopped(
    seeded: Store, tmp_path: Path, member: str
) -> None:
    big = b"Hello " + b"a" * (200 * 1024)
    qde = GOOD_QDE.encode() + b"<!--" + b"b" * (200 * 1024) + b"-->"
    path = make_qdpx(tmp_path / "liar.qdpx", qde, {"sources/t.txt": big})
    _lie_about_size(path, member, 100)
    # Stopped at the declared size: by the counting reader or zipfile's own check.
    message = _refused(seeded, path, ClipperError, "liar.qdpx")
    assert "damaged" in message or "more than the archive says" in message


XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>'
)
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>'
)


@pytest.mark.parametrize("xml", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
@pytest.mark.parametrize("packed", [True, False], ids=["qdpx", "qde"])
def test_entity_attacks_are_refused(seeded: Store, tmp_path: Path, xml: str, packed: bool) -> None:
    if packed:
        path = make_qdpx(tmp_path / "evil.qdpx", xml)
    else:
        path = tmp_path / "evil.qde"
        path.write_text(xml)
    _refused(seeded, path, InvalidExport, "document type")


BROKEN: dict[str, Callable[[Path], Path]] = {
    "not a zip": lambda p: (p.write_bytes(b"PK\x03\x04 this is not a zip"), p)[1],
    "text named .qdpx": lambda p: (p.write_text("just some notes"), p)[1],
    "no project file": lambda p: make_qdpx_without_project(p),
    "bad xml": lambda p: make_qdpx(p, "<Project xmlns='urn:QDA-XML:project:1.0'><Users>"),
    "other root": lambda p: make_qdpx(p, "<CodeBook xmlns='urn:QDA-XML:codebook:1.0'/>"),
    "duplicate members": lambda p: duplicate(p),
}


def make_qdpx_without_project(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("sources/t.txt", GOOD_TEXT)
    return path


def duplicate(path: Path) -> Path:
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", GOOD_QDE)
        archive.writestr("sources/t.txt", GOOD_TEXT)
        archive.writestr("Sources/t.txt", b"Other text")
        archive.writestr("sources/t.txt", b"Third text")
    return path


@pytest.mark.parametrize("case", list(BROKEN))
def test_damaged_archives_get_a_clear_message(seeded: Store, tmp_path: Path, case: str) -> None:
    path = BROKEN[case](tmp_path / "broken.qdpx")
    message = _refused(seeded, path, InvalidExport)
    assert "broken.qdpx" in message


def test_a_source_that_is_not_utf8_is_skipped_with_a_warning(seeded: Store, tmp_path: Path) -> None:
    path = make_qdpx(
        tmp_path / "latin.qdpx", GOOD_QDE, {"sources/t.txt": "Olé olé".encode("cp1252")}
    )
    report = merge_export(seeded, path)
    assert report.articles_created == 0
    assert any("not UTF-8" in w for w in report.warnings)
