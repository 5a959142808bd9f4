"""Packaging: version, entry points, desktop entry, AppStream metainfo, the wheel and a
real install of it into a fresh virtual environment.

"Fresh" here means a new ``python -m venv --system-site-packages`` with Clipper's wheel
installed ``--no-deps``: the interpreter, scripts and Clipper itself are the installed
copies (run from outside the checkout, so nothing imports the source tree), while the
dependencies come from the already-installed ones, so the test is fast and needs no
network. The test asserts those dependencies satisfy the wheel's requirements. The fully
fresh install (dependencies too) is measured by tests/benchmarks/bench_packaging.py, and
the standalone build is started with an empty environment by packaging/smoke_bundle.sh.
"""

from __future__ import annotations

import configparser
import importlib
import importlib.util
import inspect
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import venv
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import clipper

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.clipper.Clipper"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
GUI_APP = ROOT / "clipper" / "gui" / "app.py"


def load_packaging_module(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


make_metainfo = load_packaging_module("make_metainfo")


def pyproject() -> dict:  # type: ignore[type-arg]
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


# -- version and entry points -----------------------------------------------------------


def test_single_version_source() -> None:
    config = pyproject()
    assert "version" in config["project"]["dynamic"]
    assert config["tool"]["hatch"]["version"]["path"] == "clipper/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+([ab]|rc)?\d*", clipper.__version__)


def test_version_is_in_changelog() -> None:
    releases = make_metainfo.parse_changelog((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert clipper.__version__ in [r.version for r in releases], (
        f"CHANGELOG.md has no dated release heading for {clipper.__version__}"
    )


@pytest.mark.parametrize("table", ["scripts", "gui-scripts"])
def test_entry_points_are_callable_without_arguments(table: str) -> None:
    """Console/GUI scripts call their target with no arguments."""
    for name, target in pyproject()["project"].get(table, {}).items():
        module_name, _, attr = target.partition(":")
        func = getattr(importlib.import_module(module_name), attr)
        required = [
            p
            for p in inspect.signature(func).parameters.values()
            if p.default is inspect.Parameter.empty
            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        assert not required, f"entry point {name} = {target} needs arguments {required}"


# -- desktop entry and AppStream --------------------------------------------------------


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_files_with_the_gui() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "clipper gui %F"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    mime = entry["MimeType"].rstrip(";").split(";")
    assert {"text/plain", "application/pdf", "text/html"} <= set(mime)


def test_metainfo_matches_desktop_entry_and_changelog() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "MIT"
    assert root.find("screenshots/screenshot/image") is not None
    assert root.findtext("screenshots/screenshot/image", "").endswith("docs/screenshot.png")
    shipped = [(r.get("version"), r.get("date")) for r in root.iter("release")]
    changelog = make_metainfo.parse_changelog((ROOT / "CHANGELOG.md").read_text("utf-8"))
    assert shipped == [(r.version, r.date) for r in changelog], (
        "metainfo releases differ from CHANGELOG.md: run python packaging/make_metainfo.py"
    )
    mediatypes = {m.text for m in root.iter("mediatype")}
    assert mediatypes == set(desktop_entry()["MimeType"].rstrip(";").split(";"))


def test_changelog_parser_reads_keep_a_changelog() -> None:
    text = (
        "# Changelog\n\n## [Unreleased]\n- not yet\n\n## [0.2.0] - 2026-12-01\n"
        "- Faster `export` & **safer**\n  imports.\n\n## 0.1.0 - 2026-11-24\n"
        "### Added\n- First [release](https://example.org).\n### Fixed\n* A <crash>.\n"
    )
    releases = make_metainfo.parse_changelog(text)
    assert [(r.version, r.date) for r in releases] == [
        ("0.2.0", "2026-12-01"),
        ("0.1.0", "2026-11-24"),
    ]
    assert releases[0].sections == [("", ["Faster export & safer imports."])]
    assert releases[1].sections == [("Added", ["First release."]), ("Fixed", ["A <crash>."])]
    xml = make_metainfo.releases_xml(releases)
    parsed = ET.fromstring(xml)  # well-formed despite & and <
    assert [li.text for li in parsed.iter("li")][-1] == "A <crash>."


def test_changelog_release_without_date_is_refused() -> None:
    with pytest.raises(ValueError, match="without a date"):
        make_metainfo.parse_changelog("## [1.0.0]\n- x\n")


def test_make_metainfo_check_detects_stale_file(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("## [9.9.9] - 2030-01-01\n- Future.\n", encoding="utf-8")
    metainfo = tmp_path / "m.xml"
    shutil.copy(METAINFO, metainfo)
    args = ["--changelog", str(changelog), "--metainfo", str(metainfo)]
    assert make_metainfo.main([*args, "--check"]) == 1
    assert make_metainfo.main(args) == 0
    assert make_metainfo.main([*args, "--check"]) == 0
    assert 'version="9.9.9"' in metainfo.read_text(encoding="utf-8")


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def require(tool: str, package: str) -> None:
    """Skip without ``tool`` locally; in CI (which installs it) its absence is a failure."""
    if shutil.which(tool):
        return
    message = f"{tool} not found: apt-get install {package}"
    if os.environ.get("CI"):
        pytest.fail(message + " (.ci/run should have installed it)")
    pytest.skip(message)


def test_desktop_file_validates() -> None:
    require("desktop-file-validate", "desktop-file-utils")
    result = run_tool("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_validates() -> None:
    require("appstreamcli", "appstream")
    result = run_tool("appstreamcli", "validate", "--no-net", "--explain", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_desktop_script_stages_a_valid_tree(tmp_path: Path) -> None:
    env = {**os.environ, "DESTDIR": str(tmp_path), "PREFIX": "/usr"}
    result = subprocess.run(
        ["sh", str(PACKAGING / "install-desktop.sh"), "--exec", "/opt/clipper/clipper"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    share = tmp_path / "usr" / "share"
    installed = (share / "applications" / DESKTOP.name).read_text(encoding="utf-8")
    assert "Exec=/opt/clipper/clipper gui %F" in installed
    assert (share / "metainfo" / METAINFO.name).is_file()
    assert (share / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (share / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file()
    if shutil.which("appstreamcli"):
        check = run_tool("appstreamcli", "validate-tree", "--no-net", str(tmp_path / "usr"))
        assert check.returncode == 0, check.stdout + check.stderr


# -- the wheel --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Clipper's wheel, built from the checkout (the installed hatchling if there is one)."""
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out)]
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-build-isolation")
    result = subprocess.run(
        [*command, str(ROOT)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("clipper-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contents(wheel: Path) -> None:
    assert wheel.name.startswith(f"clipper-{clipper.__version__}-py3-none-any")
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = ROOT / "resources"
    expected = {
        "clipper/resources/" + p.relative_to(resources).as_posix()
        for p in resources.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert expected <= names, sorted(expected - names)
    for required in (
        "clipper/resources/icons/clipper.svg",
        "clipper/resources/icons/png/clipper-512.png",
        "clipper/resources/samples/wikinews_news_crane.txt",
        "clipper/resources/samples/ATTRIBUTION.md",
        "clipper/gui/about.py",
        "clipper/suggest/given_names.txt",
        "clipper/cli/__init__.py",
        f"clipper-{clipper.__version__}.dist-info/licenses/LICENSE",
    ):
        assert required in names
    if (ROOT / "clipper" / "py.typed").exists():
        assert "clipper/py.typed" in names
    assert not any(n.startswith(("tests/", "packaging/")) for n in names)
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


def _has_build() -> bool:
    """The `build` package (a PyInstaller build/ folder in the checkout is not it)."""
    try:
        return importlib.util.find_spec("build.__main__") is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not _has_build(), reason="pip install build")
def test_wheel_built_from_sdist_keeps_resources(tmp_path: Path) -> None:
    """``python -m build`` makes the wheel from the sdist: resources must survive both."""
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "-o", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 and "hatchling" in result.stdout + result.stderr:
        pytest.skip("hatchling is not installed for a --no-isolation build")
    assert result.returncode == 0, result.stdout + result.stderr
    (sdist,) = tmp_path.glob("clipper-*.tar.gz")
    (built,) = tmp_path.glob("clipper-*.whl")
    with tarfile.open(sdist) as archive:
        members = {Path(*Path(m).parts[1:]).as_posix() for m in archive.getnames()}
    assert {"LICENSE", "resources/icons/clipper.svg", f"packaging/{DESKTOP.name}"} <= members
    names = set(zipfile.ZipFile(built).namelist())
    assert "clipper/resources/samples/ATTRIBUTION.md" in names
    assert "clipper/resources/icons/png/clipper-256.png" in names


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment that cannot see the checkout (no PYTHONPATH, HOME in tmp)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CLIPPER_"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), **extra)
    return env


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A new venv with the wheel installed; yields its bin/ folder."""
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(system_site_packages=True, with_pip=False, symlinks=True).create(env_dir)
    bin_dir = env_dir / "bin"
    pip = [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", "-q"]
    result = subprocess.run(
        [*pip, "--no-deps", "--no-index", "--force-reinstall", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    yield bin_dir


def run_installed(
    bin_dir: Path, tmp_path: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / args[0]), *args[1:]],
        cwd=tmp_path,  # outside the checkout
        env=clean_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_installed_wheel_uses_its_own_files(installed: Path, tmp_path: Path) -> None:
    code = (
        "import clipper, clipper.resources as r, importlib.metadata as m;"
        "print(clipper.__file__); print(r.resources_dir()); print(m.version('clipper'))"
    )
    result = run_installed(installed, tmp_path, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    module_file, resources, version = result.stdout.split("\n")[:3]
    env_dir = installed.parent
    assert Path(module_file).is_relative_to(env_dir), module_file
    assert Path(resources).is_relative_to(env_dir), resources
    assert version == clipper.__version__


@pytest.mark.slow
def test_installed_wheel_dependencies_are_satisfied(installed: Path, tmp_path: Path) -> None:
    code = (
        "import importlib.metadata as m\n"
        "from packaging.requirements import Requirement\n"
        "bad = []\n"
        "for line in m.requires('clipper') or []:\n"
        "    r = Requirement(line)\n"
        "    if r.marker and not r.marker.evaluate({'extra': ''}): continue\n"
        "    try: v = m.version(r.name)\n"
        "    except m.PackageNotFoundError: bad.append(f'{r} missing'); continue\n"
        "    if not r.specifier.contains(v, prereleases=True): bad.append(f'{r} has {v}')\n"
        "print(bad or 'ok')\n"
    )
    if importlib.util.find_spec("packaging") is None:
        pytest.skip("the 'packaging' library is not installed")
    result = run_installed(installed, tmp_path, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.slow
def test_installed_clipper_version_and_cli(installed: Path, tmp_path: Path) -> None:
    version = run_installed(installed, tmp_path, "clipper", "--version")
    assert version.returncode == 0, version.stderr
    assert clipper.__version__ in version.stdout
    db = tmp_path / "smoke.db"
    imported = run_installed(
        installed,
        tmp_path,
        "python",
        "-c",
        "from clipper.resources import resource_path, SAMPLE_CLIPPING;"
        "print(resource_path(SAMPLE_CLIPPING))",
    )
    sample = imported.stdout.strip()
    result = run_installed(installed, tmp_path, "clipper", "--db", str(db), "import", sample)
    assert result.returncode == 0, result.stderr
    listed = run_installed(installed, tmp_path, "clipper", "--db", str(db), "articles")
    assert "Mecca crane collapse" in listed.stdout


@pytest.mark.slow
@pytest.mark.skipif(not GUI_APP.exists(), reason="clipper/gui/app.py not written yet")
@pytest.mark.parametrize("command", [["clipper", "gui"], ["clipper"], ["clipper-gui"]])
def test_installed_gui_paints_a_window(installed: Path, tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "gui.db"
    head, *rest = command
    if head == "clipper-gui":
        args = [head]
        extra = {"CLIPPER_DB": str(db)}
    else:
        args = [head, "--db", str(db), *rest]
        extra = {}
    result = run_installed(
        installed,
        tmp_path,
        *args,
        QT_QPA_PLATFORM="offscreen",
        CLIPPER_QUIT_AFTER_PAINT="1",
        **extra,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert db.exists()


# -- the standalone build ----------------------------------------------------------------


def test_standalone_bundle_starts_with_empty_environment() -> None:
    """packaging/smoke_bundle.sh on the bundle .ci/run built (CLIPPER_BUNDLE)."""
    if not os.environ.get("CLIPPER_BUNDLE"):
        message = "set CLIPPER_BUNDLE=dist/clipper after packaging/build.sh"
        if os.environ.get("CI"):
            pytest.fail(message + " (.ci/run should build it)")
        pytest.skip(message)
    bundle = Path(os.environ["CLIPPER_BUNDLE"]).resolve()
    result = subprocess.run(
        ["bash", str(PACKAGING / "smoke_bundle.sh"), str(bundle)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
