"""Dataclasses' compiled methods kept between runs (issue 11: start-up time).

Each case runs a fresh interpreter (the cache is installed once per process), with the
cache in a temporary folder: the classes made with and without the cache are the same,
a second run compiles nothing, and a damaged or foreign file is ignored.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Defines dataclasses through the cache at argv[1] (if given), prints what they do and
#: how many methods were compiled or found.
_RUN = """
import dataclasses, json, sys
from pathlib import Path
from clipper import dataclass_code
if len(sys.argv) > 1:
    dataclass_code.install(Path(sys.argv[1]))

@dataclasses.dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 2
    tags: list[str] = dataclasses.field(default_factory=list)

@dataclasses.dataclass(order=True)
class Rank:
    score: float
    name: str = "n"

p = Point(1)
try:
    p.x = 3
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
print(json.dumps({
    "repr": repr(p),
    "eq": p == Point(1, 2, []),
    "frozen": frozen,
    "order": sorted([Rank(2.0), Rank(1.0, "a")])[0].name,
    "init_annotation": repr(Point.__init__.__annotations__.get("x")),
    "loaded": len(dataclass_code._loaded),
    "new": len(dataclass_code._new),
}))
"""


def _run(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment.update(env or {})
    out = subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found: dict[str, object] = json.loads(out.splitlines()[-1])
    return found


def _behaviour(result: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in result.items() if k not in ("loaded", "new")}


def test_classes_are_the_same_and_a_second_run_compiles_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "dataclass_code.marshal"
    plain = _run()
    first = _run(str(cache))
    assert cache.is_file()
    second = _run(str(cache))
    assert _behaviour(first) == _behaviour(second) == _behaviour(plain)
    assert plain["init_annotation"] == "<class 'int'>"  # evaluated, as dataclasses do
    assert first["loaded"] == 0 and first["new"] > 0
    assert second["new"] == 0 and second["loaded"] == first["new"]


def test_a_damaged_or_foreign_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "dataclass_code.marshal"
    for content in (b"", b"garbage", importlib.util.MAGIC_NUMBER + b"\x00\x01", b"\x00" * 8):
        cache.write_bytes(content)
        result = _run(str(cache))
        assert result["loaded"] == 0 and result["new"] > 0
        assert result["repr"] == "Point(x=1, y=2, tags=[])"
        assert _run(str(cache))["new"] == 0  # rewritten, usable


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path: Path) -> None:
    cache = tmp_path / "dataclass_code.marshal"
    result = _run(str(cache), env={"PYTHONDONTWRITEBYTECODE": "1"})
    assert result["new"] > 0
    assert not cache.exists()


def test_the_app_and_the_cli_keep_the_cache_beside_clippers_bytecode() -> None:
    from clipper import dataclass_code

    path = dataclass_code.cache_path()
    assert path is not None
    assert path.name == f"dataclass_code.{sys.implementation.cache_tag}.marshal"
    expected = importlib.util.cache_from_source(str(ROOT / "clipper" / "__init__.py"))
    assert path.parent == Path(expected).parent
