"""A real PostgreSQL server for the team-server tests (issue 17); fixtures in conftest.py.

One server per test session, from the PostgreSQL binaries of Debian's ``postgresql`` package
(``/usr/lib/postgresql/<version>/bin``, else ``pg_ctl`` on ``PATH``): ``initdb`` in a fresh
folder under ``/tmp``, started with ``pg_ctl`` on a unix socket in that folder and no TCP port
(``listen_addresses=''``). PostgreSQL refuses to run as root, so when the tests run as root
(CI does) the server runs as ``nobody`` (or, where there is no such user, a system user
``clipper-pg`` made with ``useradd``): ``subprocess`` switches user and group itself
(``user=``/``group=``), no ``su``/``runuser`` needed, and the folder is handed to that user.

Authentication (``pg_hba.conf``): members of the group role ``clipper_password_auth`` log in
with a password (SCRAM), everyone else is trusted on the socket (as a peer-authenticated
socket user would be). Tests that need PostgreSQL are marked ``@pytest.mark.postgres`` and
are skipped, with the reason, only when no PostgreSQL binaries exist.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

#: The superuser ``initdb`` makes (the tests' administrator).
ADMIN = "clipper_admin"
#: Members of this group role must give a password; everyone else is trusted.
PASSWORD_GROUP = "clipper_password_auth"
#: How long the server may take to start or stop on a loaded machine.
START_SECONDS = 180


def postgres_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` with ``initdb`` and ``pg_ctl``, else the
    folder of ``pg_ctl`` on ``PATH`` (``None``: PostgreSQL is not installed)."""

    def version(path: str) -> tuple[int, ...]:
        number = Path(path).parent.name
        return tuple(int(p) for p in number.split(".") if p.isdigit())

    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    if found and (Path(found).resolve().parent / "initdb").exists():
        return Path(found).resolve().parent
    return None


def _server_user() -> pwd.struct_passwd | None:
    """The user the server runs as: ``None`` (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("nobody", "clipper-pg"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "clipper-pg"],
        check=True,
    )
    return pwd.getpwnam("clipper-pg")


@dataclass
class PostgresServer:
    """A running PostgreSQL cluster on a unix socket in :attr:`socket_dir`."""

    bindir: Path
    socket_dir: Path
    data_dir: Path
    user: pwd.struct_passwd | None
    _numbers: Iterator[int] = field(default_factory=itertools.count)

    def url(self, database: str = "postgres", login: str = ADMIN, password: str = "") -> str:
        """A ``postgresql://`` URL for ``login`` on ``database`` over the socket."""
        secret = f":{quote(password, safe='')}" if password else ""
        host = quote(str(self.socket_dir), safe="")
        return f"postgresql://{quote(login, safe='')}{secret}@{host}/{database}"

    def run_sql(self, sql: str, *, database: str = "postgres") -> None:
        """Run ``sql`` as the administrator with ``psql`` (no Python driver needed)."""
        subprocess.run(
            [
                str(self.bindir / "psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
                self.url(database),
            ],
            check=True,
            capture_output=True,
            text=True,
        )

    def new_database(self) -> str:
        """A fresh, empty database; its URL (the administrator's)."""
        name = f"clipper_test_{os.getpid()}_{next(self._numbers)}"
        self.run_sql(f"CREATE DATABASE {name}")
        return self.url(name)

    def as_role(self, url: str, login: str, password: str = "") -> str:
        """``url`` with ``login`` (and ``password``) instead of its user."""
        database = url.rsplit("/", 1)[1].split("?", 1)[0]
        return self.url(database, login, password)

    def stop(self) -> None:
        _run_as(
            self.user,
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data_dir),
                "-m",
                "immediate",
                "-w",
                "-t",
                str(START_SECONDS),
                "stop",
            ],
            check=False,
        )


def _run_as(
    user: pwd.struct_passwd | None, command: list[str], *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    extra: dict[str, Any] = {}
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    if user is not None:
        extra = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        env["HOME"] = "/tmp"
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd="/tmp", **extra)
    if check and result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def start_server(bindir: Path) -> PostgresServer:
    """initdb + pg_ctl start in a new folder under /tmp (short: a socket path has a limit)."""
    user = _server_user()
    base = Path(tempfile.mkdtemp(prefix="clipper-pg-", dir="/tmp"))
    data = base / "data"
    if user is not None:
        os.chown(base, user.pw_uid, user.pw_gid)
    os.chmod(base, 0o755)
    _run_as(
        user,
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            ADMIN,
            "-E",
            "UTF8",
            "--no-locale",
            "--auth=trust",
            "--no-sync",
        ],
    )
    (data / "pg_hba.conf").write_text(
        f"local all +{PASSWORD_GROUP} scram-sha-256\nlocal all all trust\n"
    )
    settings = {
        "listen_addresses": "''",
        "unix_socket_directories": f"'{base}'",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "200",
        "password_encryption": "'scram-sha-256'",
    }
    with (data / "postgresql.conf").open("a") as conf:
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
    if user is not None:
        os.chown(data / "pg_hba.conf", user.pw_uid, user.pw_gid)
    _run_as(
        user,
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "server.log"),
            "-w",
            "-t",
            str(START_SECONDS),
            "start",
        ],
    )
    server = PostgresServer(bindir, base, data, user)
    deadline = time.monotonic() + START_SECONDS
    while True:  # pg_ctl -w waits for the socket; make sure it answers SQL too
        try:
            server.run_sql(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN")
            return server
        except subprocess.CalledProcessError as error:
            if time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(f"PostgreSQL did not answer: {error.stderr}") from error
            time.sleep(0.5)
