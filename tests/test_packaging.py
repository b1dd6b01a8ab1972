"""A built wheel carries the trained zoner, so a non-editable install parses with the model too.

The model lives in models/zoner/ beside the package; setup.py copies the files parsing reads
into the built package (dispatch_parser/zoning/zoner_model/) and MANIFEST.in puts them in the
sdist. The build runs on a copy of the build inputs in a temporary directory (setuptools writes
build/ and *.egg-info beside its sources), sdist first and the wheel from it, as `python -m build` does.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LOADED = ["linear.npz", "transitions.json"]            # what Zoner.load reads
SHIPPED = LOADED + ["meta.json", "config.cfg", "MODEL_CARD.md"]
NOT_SHIPPED = ["ocr_lines.jsonl.gz", "photo_lines.jsonl.gz", "textcat/model", "training.json"]
IN_WHEEL = "dispatch_parser/zoning/zoner_model/"


def _run(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(sdist, wheel) built from the working tree's build inputs."""
    tmp = tmp_path_factory.mktemp("packaging")
    src = tmp / "src"
    src.mkdir()
    for name in ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md"]:
        shutil.copy2(REPO / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "dispatch_parser", src / "dispatch_parser", ignore=skip)
    shutil.copytree(REPO / "models" / "zoner", src / "models" / "zoner")   # all of it: the build must choose
    out = tmp / "dist"
    _run([sys.executable, "-c", f"from setuptools import build_meta; build_meta.build_sdist({str(out)!r})"], src)
    sdist = next(out.glob("*.tar.gz"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--disable-pip-version-check",
          "-q", "-w", str(out), str(sdist)], tmp)
    return sdist, next(out.glob("*.whl"))


def test_the_sdist_carries_the_model_files_but_not_the_training_data(built):
    sdist, _ = built
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for name in SHIPPED:
        assert f"models/zoner/{name}" in names
    for name in NOT_SHIPPED:
        assert f"models/zoner/{name}" not in names


def test_the_wheel_carries_the_model_inside_the_package(built):
    _, wheel = built
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert {IN_WHEEL + name for name in SHIPPED} <= names
        assert not [n for n in names if any(n.endswith(bad) for bad in NOT_SHIPPED)]
        for name in LOADED:     # the very files of the repository's model, not stale copies
            assert zf.read(IN_WHEEL + name) == (REPO / "models" / "zoner" / name).read_bytes()


def test_the_unpacked_wheel_loads_its_own_copy(built, tmp_path):
    """The package from the wheel, first on sys.path (ahead of the editable install), with no
    models/zoner beside it, finds the model inside itself and labels lines with it."""
    _, wheel = built
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import dispatch_parser\n"
        "from dispatch_parser.zoning import model\n"
        "assert dispatch_parser.__file__.startswith(sys.argv[1]), dispatch_parser.__file__\n"
        "assert model.MODEL_DIR == model.INSTALLED_MODEL_DIR, model.MODEL_DIR\n"
        "labels = model.load_zoner().label(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Nơi nhận:'])\n"
        "print([label for label, _ in labels])\n"
    )
    done = subprocess.run([sys.executable, "-I", "-c", probe, str(site)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("['motto', "), done.stdout
