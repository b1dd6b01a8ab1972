"""Pages per second: our full parse of text-layer PDFs against raw pypdfium2 text extraction.

    .venv/bin/python benchmarks/bench_pdf.py                 # seeds + dev docs rendered to PDF
    .venv/bin/python benchmarks/bench_pdf.py --pdf-dir DIR   # PDFs already on disk
    .venv/bin/python benchmarks/bench_pdf.py --out OUT       # also write each record as JSON

The PDFs are rendered on the fly from the corpus texts by the project's fixture generator
(`dispatch_parser.fixtures`); if it cannot be imported, by a small fpdf2 renderer here. Both
measurements run in the same process over the same files, each repeated `--repeat` times and
the best round kept, so the ratio compares like with like. Aim: full parse ≥ 0.1× the raw rate.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/dejavu")


def corpus_texts() -> list[Path]:
    paths = sorted((CORPUS / "seeds" / "text").glob("*.txt"))
    paths += sorted((CORPUS / "real" / "dev").glob("*.txt")) + sorted((CORPUS / "real" / "dev").glob("*.md"))
    return paths


def render(path: Path) -> bytes:
    """A text document as a text-layer PDF: the fixture generator's Decree 30 layout."""
    try:
        from dispatch_parser.fixtures import document_from_file, render_pdf
    except ImportError:
        return simple_pdf(path.read_text(encoding="utf-8"))
    gold = path.parent / "gold"
    if path.parent.name == "text":
        gold = path.parent.parent / "gold"
    pdf, _ = render_pdf(document_from_file(path, gold))
    return pdf


def simple_pdf(text: str) -> bytes:
    """Fallback renderer: every line of the text in one column (no header layout)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    font = next((Path(d) / f for d in FONT_DIRS for f in ("LiberationSerif-Regular.ttf", "DejaVuSerif.ttf")
                 if (Path(d) / f).exists()), None)
    pdf.add_font("Serif", "", str(font))
    pdf.set_font("Serif", "", 12)
    pdf.set_margins(56, 56, 42)
    pdf.add_page()
    for line in text.split("\n"):
        pdf.multi_cell(0, 15, line or " ")
    return bytes(pdf.output())


def raw_extract(pdfs: list[bytes]) -> int:
    import pypdfium2 as pdfium

    pages = 0
    for data in pdfs:
        doc = pdfium.PdfDocument(data)
        for page in doc:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        doc.close()
    return pages


def full_parse(pdfs: list[bytes]) -> tuple[int, list]:
    from dispatch_parser.pipeline import parse_layout
    from dispatch_parser.read import read

    pages, records = 0, []
    for data in pdfs:
        layout = read(data)
        pages += len(layout.pages)
        records.append(parse_layout(layout))
    return pages, records


def best_rate(fn, pdfs: list[bytes], repeat: int) -> tuple[float, int, object]:
    best, pages, extra = float("inf"), 0, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(pdfs)
        elapsed = time.perf_counter() - t0
        if isinstance(result, tuple):
            pages, extra = result
        else:
            pages = result
        best = min(best, elapsed)
    return pages / best, pages, extra


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdf-dir", type=Path, help="benchmark the PDFs in this folder instead")
    ap.add_argument("--save-pdfs", type=Path, help="keep the rendered PDFs in this folder")
    ap.add_argument("--out", type=Path, help="write each document's record as OUT/STEM.json")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = ap.parse_args(argv)

    if args.pdf_dir:
        files = sorted(args.pdf_dir.glob("*.pdf"))
        names = [p.stem for p in files]
        pdfs = [p.read_bytes() for p in files]
    else:
        texts = corpus_texts()
        if args.limit:
            texts = texts[:args.limit]
        names = [p.stem for p in texts]
        t0 = time.perf_counter()
        pdfs = [render(p) for p in texts]
        print(f"rendered {len(pdfs)} PDFs in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        if args.save_pdfs:
            args.save_pdfs.mkdir(parents=True, exist_ok=True)
            for name, data in zip(names, pdfs):
                (args.save_pdfs / f"{name}.pdf").write_bytes(data)
    if not pdfs:
        print("no PDFs to measure", file=sys.stderr)
        return 1

    full_parse(pdfs[:1])        # imports and compiled patterns out of the timing
    raw_extract(pdfs[:1])
    raw_rate, pages, _ = best_rate(raw_extract, pdfs, args.repeat)
    full_rate, _, records = best_rate(full_parse, pdfs, args.repeat)
    ratio = full_rate / raw_rate
    print(f"documents: {len(pdfs)}, pages: {pages}")
    print(f"raw pypdfium2 text extraction: {raw_rate:9.1f} pages/s")
    print(f"dispatch-parser full parse:    {full_rate:9.1f} pages/s  ({1000 / full_rate:.1f} ms/page)")
    print(f"ratio full/raw: {ratio:.3f}x  (aim >= 0.1x: {'met' if ratio >= 0.1 else 'NOT met'})")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, record in zip(names, records):
            (args.out / f"{name}.json").write_text(
                json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
