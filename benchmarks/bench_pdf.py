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


def raw_extract(data: bytes) -> int:
    """pypdfium2's own text extraction of every page: the floor any PDF reader pays."""
    import pypdfium2 as pdfium

    pages = 0
    doc = pdfium.PdfDocument(data)
    for page in doc:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
        pages += 1
    doc.close()
    return pages


def full_parse(data: bytes):
    from dispatch_parser.pipeline import parse_layout
    from dispatch_parser.read import read

    return parse_layout(read(data))


def read_only(data: bytes):
    from dispatch_parser.read import read

    return read(data)


def measure(pdfs: list[bytes], repeat: int) -> tuple[int, list[float], list[float], list[float], list]:
    """Per document, the best of `repeat` timings of each of raw extraction, our reader alone
    and the full parse, taken back to back so that all three see the same machine load."""
    raw = [float("inf")] * len(pdfs)
    reader = [float("inf")] * len(pdfs)
    full = [float("inf")] * len(pdfs)
    records: list = [None] * len(pdfs)
    pages = 0
    for _ in range(repeat):
        pages = 0
        for k, data in enumerate(pdfs):
            t0 = time.perf_counter()
            pages += raw_extract(data)
            t1 = time.perf_counter()
            read_only(data)
            t2 = time.perf_counter()
            records[k] = full_parse(data)
            t3 = time.perf_counter()
            raw[k] = min(raw[k], t1 - t0)
            reader[k] = min(reader[k], t2 - t1)
            full[k] = min(full[k], t3 - t2)
    return pages, raw, reader, full, records


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

    full_parse(pdfs[0])        # imports and compiled patterns out of the timing
    raw_extract(pdfs[0])
    pages, raw, reader, full, records = measure(pdfs, args.repeat)
    raw_rate, reader_rate, full_rate = pages / sum(raw), pages / sum(reader), pages / sum(full)
    ratio = full_rate / raw_rate
    print(f"documents: {len(pdfs)}, pages: {pages} (best of {args.repeat} per document)")
    print(f"raw pypdfium2 text extraction: {raw_rate:9.1f} pages/s  ({1000 / raw_rate:.1f} ms/page)")
    print(f"dispatch-parser reader only:   {reader_rate:9.1f} pages/s  ({1000 / reader_rate:.1f} ms/page, "
          f"{reader_rate / raw_rate:.3f}x raw)")
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
