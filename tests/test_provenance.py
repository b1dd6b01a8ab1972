"""Provenance: every field of a record read from a PDF says on which page and in which box
it was found, and the boxes sit where Decree 30 puts the field."""
from __future__ import annotations

from pathlib import Path

import pytest

from dispatch_parser.pipeline import parse

pytest.importorskip("fpdf")
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SEED = SEEDS / "text" / "000_101615bfb3ce79c9.txt"


@pytest.fixture(scope="module")
def record():
    if not SEED.exists():
        pytest.skip("../shared is not beside the repository")
    from dispatch_parser.fixtures.from_text import document_from_file
    from dispatch_parser.fixtures.render_pdf import render_pdf

    pdf, _ = render_pdf(document_from_file(SEED, SEEDS / "gold"))
    return parse(pdf)


def test_every_filled_field_has_a_page_and_a_box(record):
    filled = [name for name in ("document_type", "number", "issuer", "place", "subject",
                                "recipients", "directives", "signer", "distribution")
              if getattr(record, name)]
    assert record.date.year is not None
    for name in filled + ["date"]:
        prov = record.provenance.get(name)
        assert prov is not None and prov.page is not None and prov.box is not None, name
    for name in ("legal_basis", "references", "contacts", "directives"):
        for item in getattr(record, name):
            assert item.provenance is not None and item.provenance.box is not None, name


def test_header_boxes_follow_the_decree_30_layout(record):
    prov = record.provenance
    # issuing body top left, above the number; place and date on the right, level with it
    assert prov["issuer"].box.bottom <= prov["number"].box.top + 1
    assert prov["issuer"].box.x1 < prov["date"].box.x0
    assert prov["place"] == prov["date"]
    assert abs(prov["date"].box.top - prov["number"].box.top) < 10
    # the subject sits under the number in the left column, recipients below both
    assert prov["subject"].box.top >= prov["number"].box.bottom - 1
    assert prov["recipients"].box.top > prov["number"].box.bottom


def test_a_field_over_a_page_break_has_one_box_per_page(record):
    directives = record.provenance["directives"]
    assert [b.page for b in directives.boxes] == [1, 2]
    assert directives.boxes[0].box == directives.box
    assert record.provenance["signer"].page == 2
    assert record.provenance["number"].boxes == []


def test_debug_drawing_of_a_page_printed_sideways_is_upright(tmp_path):
    """/Rotate 90: boxes are in the upright frame, so the page is drawn turned upright."""
    if not SEED.exists():
        pytest.skip("../shared is not beside the repository")
    import pypdfium2 as pdfium
    from PIL import Image

    from dispatch_parser.cli import main
    from dispatch_parser.fixtures.from_text import document_from_file
    from dispatch_parser.fixtures.render_pdf import render_pdf

    pdf, _ = render_pdf(document_from_file(SEED, SEEDS / "gold"))
    doc = pdfium.PdfDocument(pdf)
    for page in doc:
        page.set_rotation(90)
    src = tmp_path / "sideways.pdf"
    doc.save(str(src))
    out = tmp_path / "debug.png"
    assert main(["parse", str(src), "--debug-pdf", str(out), "--out", str(tmp_path / "json")]) == 0
    first = Image.open(tmp_path / "debug-p1.png")
    assert first.height > first.width          # A4 portrait again, as the boxes expect


def test_debug_drawing_of_a_scan_puts_the_boxes_on_the_ink(tmp_path):
    """A skewed noisy scan: OCR boxes are in the levelled frame; the drawing levels the page
    the same way, so the number's box covers the printed number."""
    if not SEED.exists():
        pytest.skip("../shared is not beside the repository")
    from dispatch_parser.read.ocr import ocr_available
    if not ocr_available():
        pytest.skip("Tesseract is not installed")
    from PIL import Image

    from dispatch_parser.debug_render import _upright
    from dispatch_parser.fixtures.from_text import document_from_file
    from dispatch_parser.fixtures.render_pdf import render_pdf
    from dispatch_parser.fixtures.render_scan import render_scan, scan_bytes
    from dispatch_parser.pipeline import parse_layout
    from dispatch_parser.read import read

    pdf, spot = render_pdf(document_from_file(SEED, SEEDS / "gold"))
    first = render_scan(pdf, spot, seed=3)[:1]
    src = tmp_path / "scan.png"
    src.write_bytes(scan_bytes(first, "PNG"))
    layout = read(src)
    record = parse_layout(layout)
    box = record.provenance["number"].box
    page = _upright(first[0].convert("L"), layout.pages[0])
    px = 300 / 72
    crop = page.crop((int(box.x0 * px), int(box.top * px), int(box.x1 * px), int(box.bottom * px)))
    dark = sum(crop.point(lambda v: 255 if v < 100 else 0).histogram()[255:])
    assert dark > 0.05 * crop.width * crop.height      # printed text under the box
    from dispatch_parser.debug_render import render_debug_image
    written = render_debug_image(src, layout, record, tmp_path / "debug.png")
    assert [p.name for p in written] == ["debug-p1.png"]
    assert Image.open(written[0]).width == pytest.approx(page.width * 100 / 300, abs=3)
