"""Bundled resources: found from a checkout, an installed wheel and a PyInstaller bundle;
the app icon's PNGs are present, the right size and rendered from the current SVG."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import clipper.resources as resources
from clipper.resources import (
    SAMPLE_ATTRIBUTION,
    SAMPLE_CLIPPING,
    SAMPLE_META,
    resource_path,
    resources_dir,
)

ROOT = Path(__file__).resolve().parent.parent
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def load_resources_module(package_dir: Path) -> ModuleType:
    """A fresh copy of clipper/resources.py imported as if it lived in ``package_dir``."""
    target = package_dir / "resources.py"
    shutil.copy(Path(resources.__file__), target)
    spec = importlib.util.spec_from_file_location("relocated_resources", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_resources(folder: Path) -> None:
    (folder / "samples").mkdir(parents=True)
    (folder / SAMPLE_CLIPPING).write_text("sample", encoding="utf-8")


def test_checkout_finds_top_level_resources() -> None:
    assert resources_dir() == ROOT / "resources"
    assert resource_path(SAMPLE_CLIPPING).read_text(encoding="utf-8").strip()
    assert resource_path("icons/clipper.svg").is_file()


def test_missing_resource_names_the_file() -> None:
    with pytest.raises(FileNotFoundError, match=r"icons/nope\.svg"):
        resource_path("icons/nope.svg")


def test_installed_wheel_layout_is_found(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "clipper"
    make_resources(package / "resources")
    module = load_resources_module(package)
    assert module.resources_dir() == package / "resources"


def test_pyinstaller_layout_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "_internal"
    make_resources(bundle / "clipper" / "resources")
    package = tmp_path / "elsewhere"
    package.mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    module = load_resources_module(package)
    assert module.resources_dir() == bundle / "clipper" / "resources"


def test_no_resources_anywhere_is_a_clear_error(tmp_path: Path) -> None:
    module = load_resources_module(tmp_path)
    with pytest.raises(FileNotFoundError, match="resources folder is missing"):
        module.resources_dir()


def test_sample_attribution_names_licence_and_source() -> None:
    text = resource_path("samples/ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 2.5" in text
    assert SAMPLE_META["url"] in text
    assert Path(SAMPLE_CLIPPING).name in text
    assert "CC BY 2.5" in SAMPLE_ATTRIBUTION


def test_app_icon_svg_is_square_svg() -> None:
    root = ET.parse(resource_path("icons/clipper.svg")).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height


@pytest.mark.parametrize("size", ICON_SIZES)
def test_app_icon_png_sizes(size: int) -> None:
    assert png_size(resource_path(f"icons/png/clipper-{size}.png")) == (size, size)


def test_pngs_are_rendered_from_the_current_svg(qapp: object) -> None:
    """Editing the SVG without re-running packaging/render_icons.py fails here."""
    from PySide6.QtGui import QImage

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import render_icons
    finally:
        sys.path.pop(0)
    for size in (32, 128):
        fresh = render_icons.render(ROOT / "resources/icons/clipper.svg", size)
        committed = QImage(str(resource_path(f"icons/png/clipper-{size}.png")))
        committed = committed.convertToFormat(fresh.format())
        diff = sum(
            abs(fresh.pixelColor(x, y).red() - committed.pixelColor(x, y).red())
            + abs(fresh.pixelColor(x, y).alpha() - committed.pixelColor(x, y).alpha())
            for x in range(0, size, 2)
            for y in range(0, size, 2)
        ) / ((size // 2) ** 2)
        assert diff < 4, f"clipper-{size}.png is stale (mean difference {diff:.1f})"


def test_app_icon_loads_in_qt(qapp: object) -> None:
    from clipper.gui.icons import action_icon, app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert 16 in [s.width() for s in icon.availableSizes()]
    assert icon.pixmap(64, 64).width() == 64
    assert action_icon("no-such-action").isNull()
