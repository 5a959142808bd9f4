"""Read members of an untrusted zip archive (a ``.qdpx``) without unpacking it to disk.

Before anything is read the central directory is checked: too many members, a name that
could leave a folder (``../``, an absolute path, a drive letter, a backslash, NUL), a
symbolic link, an encrypted member, two members of one name, or a member that unpacks to
more than :data:`~clipper.importers.limits.QDPX_MAX_RATIO` times its packed size (a zip
bomb) refuses the whole file. Members are then read as streams whose unpacked bytes are
counted: more than the member declares, or than the caller's limit, stops the read.
Nothing is ever written to disk.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from clipper.errors import InputTooLarge, InvalidExport
from clipper.importers.limits import MIB, QDPX_MAX_MEMBERS, QDPX_MAX_RATIO, megabytes

#: What reading a damaged archive raises (besides OSError).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


def _unsafe_name(name: str) -> str | None:
    """Why a member name is refused, or ``None``."""
    if "\x00" in name:
        return "contains a NUL character"
    if "\\" in name:
        return "contains a backslash"
    if name.startswith("/"):
        return "is an absolute path"
    if len(name) > 1 and name[1] == ":":
        return "starts with a drive letter"
    if ".." in name.split("/"):
        return "leads out of its folder (..)"
    return None


class _Counted:
    """A member's stream that refuses to give more than ``limit`` unpacked bytes."""

    def __init__(self, raw: BinaryIO, limit: int, what: str) -> None:
        self.raw = raw
        self.limit = limit
        self.what = what
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        want = self.limit + 1 - self.count if size < 0 else min(size, self.limit + 1 - self.count)
        try:
            data = self.raw.read(max(want, 1))
        except ZIP_ERRORS as exc:
            raise InvalidExport(f"{self.what} is damaged: {exc}") from None
        self.count += len(data)
        if self.count > self.limit:
            raise InputTooLarge(
                f"{self.what} unpacks to more than it may ({megabytes(self.limit)} at most, or "
                "more than the archive says): the file is damaged or a zip bomb; nothing was "
                "imported"
            )
        return data


class SafeArchive:
    """An opened, checked archive; :meth:`member` finds a member by name (folder names in
    any case), :meth:`open` and :meth:`read` read one with size limits."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive = archive
        self.name = name
        infos = archive.infolist()
        if len(infos) > QDPX_MAX_MEMBERS:
            raise InputTooLarge(
                f"{name} holds {len(infos):,} files; Clipper reads at most {QDPX_MAX_MEMBERS:,}"
            )
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self._check(info)
            if info.is_dir():
                continue
            key = self._key(info.filename)
            if key in self.members:
                raise InvalidExport(
                    f"{name} holds two files named {info.filename[:80]!r}; it is damaged or "
                    "was made to mislead, and is not imported"
                )
            self.members[key] = info

    @staticmethod
    def _key(name: str) -> str:
        """Members are found with their folder names in any case (``Sources/`` = ``sources/``)."""
        folder, _, base = name.rpartition("/")
        return f"{folder.lower()}/{base}" if folder else base

    def _check(self, info: zipfile.ZipInfo) -> None:
        shown = repr(info.filename[:80])
        problem = _unsafe_name(info.filename)
        if problem:
            raise InvalidExport(
                f"{self.name} is refused: the file name {shown} inside it {problem}; "
                "nothing was imported"
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise InvalidExport(
                f"{self.name} is refused: {shown} inside it is a symbolic link; nothing was "
                "imported"
            )
        if info.flag_bits & 0x1:
            raise InvalidExport(
                f"{self.name} is refused: {shown} inside it is encrypted; export the project "
                "again without a password"
            )
        if info.file_size > MIB and info.file_size > QDPX_MAX_RATIO * max(info.compress_size, 1):
            raise InputTooLarge(
                f"{self.name} is refused: {shown} inside it would unpack to "
                f"{megabytes(info.file_size)} from {info.compress_size:,} bytes (a zip bomb); "
                "nothing was imported"
            )

    def member(self, name: str) -> zipfile.ZipInfo | None:
        return self.members.get(self._key(name))

    def find(self, suffix: str) -> list[zipfile.ZipInfo]:
        """Members at the top of the archive whose names end with ``suffix`` (any case)."""
        return [
            info
            for key, info in self.members.items()
            if "/" not in key and key.lower().endswith(suffix)
        ]

    def _limit(self, info: zipfile.ZipInfo, limit: int, what: str) -> int:
        if info.file_size > limit:
            raise InputTooLarge(
                f"{what} unpacks to {megabytes(info.file_size)}; Clipper reads at most "
                f"{megabytes(limit)}"
            )
        return info.file_size

    @contextmanager
    def open(self, info: zipfile.ZipInfo, limit: int, what: str) -> Iterator[_Counted]:
        """A stream of the member's unpacked bytes, stopped past its declared size or
        ``limit``."""
        declared = self._limit(info, limit, what)
        try:
            with self.archive.open(info) as raw:
                yield _Counted(raw, declared, what)  # type: ignore[arg-type]
        except ZIP_ERRORS as exc:
            raise InvalidExport(f"{what} is damaged: {exc}") from None

    def read(self, info: zipfile.ZipInfo, limit: int, what: str) -> bytes:
        """The member's unpacked bytes (at most its declared size and ``limit``)."""
        with self.open(info, limit, what) as stream:
            parts = []
            while chunk := stream.read(1 << 20):
                parts.append(chunk)
            return b"".join(parts)


@contextmanager
def open_archive(path: Path, stream: BinaryIO) -> Iterator[SafeArchive]:
    """Open ``stream`` (the file at ``path``) as a checked archive."""
    try:
        archive = zipfile.ZipFile(stream)
    except (*ZIP_ERRORS, OSError) as exc:
        raise InvalidExport(f"{path.name} is not a readable zip archive: {exc}") from None
    with archive:
        yield SafeArchive(archive, path.name)
