"""The seeds rendered to a text-layer PDF and to DOCX score within 0.02 record F1 of the text.

The fixture generator lays each seed out as Decree 30 does (header and foot in columns, lines
wrapped at the page's width, not where the text broke them); a parser that reads zones off
single physical lines loses fields there. benchmarks/eval_renderings.py runs the same check
over the dev set too.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SCORER, SEEDS_GOLD, SEEDS_TEXT

pytest.importorskip("fpdf", reason="fpdf2 (a test extra) renders the PDFs")
pytestmark = pytest.mark.skipif(not SEEDS_TEXT.exists() or not SCORER.exists(),
                                reason="shared corpus not present")
MAX_DROP = 0.02


def _record_f1(paths: list[Path], pred: Path) -> float:
    from dispatch_parser import parse

    pred.mkdir()
    for path in paths:
        record = parse(path).model_dump(mode="json")
        (pred / (path.stem + ".json")).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    report = pred / "report.json"
    subprocess.run([sys.executable, str(SCORER), "--gold", str(SEEDS_GOLD), "--pred", str(pred),
                    "--json", str(report)], check=True, capture_output=True)
    return json.loads(report.read_text(encoding="utf-8"))["record_f1"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, list[Path]]:
    from dispatch_parser.fixtures import document_from_file, render_docx, render_pdf

    out = tmp_path_factory.mktemp("renderings")
    files: dict[str, list[Path]] = {"text": sorted(SEEDS_TEXT.glob("*.txt")), "pdf": [], "docx": []}
    for src in files["text"]:
        doc = document_from_file(src, SEEDS_GOLD)
        for fmt, data in (("pdf", render_pdf(doc)[0]), ("docx", render_docx(doc))):
            path = out / f"{src.stem}.{fmt}"
            path.write_bytes(data)
            files[fmt].append(path)
    return files


@pytest.fixture(scope="module")
def text_f1(rendered, tmp_path_factory) -> float:
    return _record_f1(rendered["text"], tmp_path_factory.mktemp("pred") / "text")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_rendered_seeds_score_like_their_text(fmt, rendered, text_f1, tmp_path):
    assert len(rendered[fmt]) == len(rendered["text"]) == 5
    f1 = _record_f1(rendered[fmt], tmp_path / fmt)
    assert f1 >= text_f1 - MAX_DROP, f"{fmt} seeds record F1 {f1:.3f} vs text {text_f1:.3f}"
