"""Pages per second: our full parse of text-layer PDFs against raw pypdfium2 text extraction.

    .venv/bin/python benchmarks/bench_pdf.py                  # seeds + dev docs rendered to PDF
    .venv/bin/python benchmarks/bench_pdf.py --pdf-dir DIR    # PDFs already on disk
    .venv/bin/python benchmarks/bench_pdf.py --copies 20      # a bigger batch for the pool part
    .venv/bin/python benchmarks/bench_pdf.py --out OUT        # also write each record as JSON

One run measures, on the same files:

1. one core: raw pypdfium2 text extraction (open, each page's text), our reader alone
   (`read`) and our full parse (`read` + `parse_layout` with the default options, and with
   zoning "rules" for reference), per document back to back so all see the same load, best
   of `--repeat` rounds. CPU time (`time.process_time`) is the main figure: the machine may
   be shared, and CPU time is what other jobs disturb least; wall time is given beside it.
2. many files, all cores: the batch (every file `--copies` times) over a process pool of
   `os.cpu_count()` workers, once with raw extraction, once with `parse(path)`: wall-clock
   pages per second of the whole batch, and the workers' summed CPU time.

Aim (issue 2): the full parse at >= 0.1x the raw extraction rate. Figures are printed as a
Markdown table and written to benchmarks/results/pdf.json.

The PDFs are rendered from the corpus texts by the project's fixture generator
(`dispatch_parser.fixtures`); if it cannot be imported, by a small fpdf2 renderer here.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = ROOT / "benchmarks" / "results" / "pdf.json"
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/dejavu")


# --- the files ------------------------------------------------------------------------------
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


# --- what is timed --------------------------------------------------------------------------
def raw_extract(data) -> int:
    """pypdfium2's own text extraction of every page (bytes or a path): the floor any PDF
    reader pays. Returns the number of pages."""
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


def full_parse(data, zoning: str | None = None):
    from dispatch_parser.pipeline import parse_layout
    from dispatch_parser.read import read

    options = {} if zoning is None else {"zoning": zoning}
    return parse_layout(read(data), **options)


def read_only(data):
    from dispatch_parser.read import read

    return read(data)


# --- 1. one core ----------------------------------------------------------------------------
STEPS = ("raw", "read", "full", "full_rules")


def measure_one_core(pdfs: list[bytes], repeat: int) -> tuple[int, dict, dict, list]:
    """Per document, the best of `repeat` timings (CPU and wall) of each step, taken back to
    back so that all steps see the same machine load. Returns pages, CPU and wall seconds per
    step (summed over documents), and the default parse's records."""
    cpu = {s: [float("inf")] * len(pdfs) for s in STEPS}
    wall = {s: [float("inf")] * len(pdfs) for s in STEPS}
    records: list = [None] * len(pdfs)
    pages = 0
    for _ in range(repeat):
        pages = 0
        for k, data in enumerate(pdfs):
            for step in STEPS:
                w0, c0 = time.perf_counter(), time.process_time()
                if step == "raw":
                    pages += raw_extract(data)
                elif step == "read":
                    read_only(data)
                elif step == "full":
                    records[k] = full_parse(data)
                else:
                    full_parse(data, "rules")
                c1, w1 = time.process_time(), time.perf_counter()
                cpu[step][k] = min(cpu[step][k], c1 - c0)
                wall[step][k] = min(wall[step][k], w1 - w0)
    return pages, {s: sum(v) for s, v in cpu.items()}, {s: sum(v) for s, v in wall.items()}, records


# --- 2. all cores ---------------------------------------------------------------------------
def _warm() -> None:
    """Pool initializer: imports, compiled patterns and the zoning model out of the timing."""
    import pypdfium2  # noqa: F401

    from dispatch_parser.pipeline import parse  # noqa: F401
    sample = os.environ.get("BENCH_PDF_WARM")
    if sample:
        full_parse(Path(sample).read_bytes())


def _raw_task(path: str) -> tuple[int, float]:
    c0 = time.process_time()
    pages = raw_extract(path)
    return pages, time.process_time() - c0


def _parse_task(path: str) -> tuple[int, float]:
    """`parse(path)` written out (read, then parse_layout with the defaults) to count pages."""
    from dispatch_parser.pipeline import parse_layout
    from dispatch_parser.read import read

    c0 = time.process_time()
    layout = read(path)
    parse_layout(layout)
    return len(layout.pages), time.process_time() - c0


def measure_pool(paths: list[str], workers: int) -> dict:
    """The batch through a pool of `workers` processes, raw extraction then our parse: wall
    seconds of the whole batch and the workers' summed CPU seconds."""
    out = {}
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        # start every worker (and run its warm-up) before the clock starts
        list(pool.map(_raw_task, paths[:workers * 2], chunksize=1))
        for name, task in (("raw", _raw_task), ("full", _parse_task)):
            w0 = time.perf_counter()
            results = list(pool.map(task, paths, chunksize=4))
            wall = time.perf_counter() - w0
            out[name] = {"wall_s": wall, "cpu_s": sum(c for _, c in results),
                         "pages_reported": sum(p for p, _ in results)}
    return out


# --- report ---------------------------------------------------------------------------------
def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdf-dir", type=Path, help="benchmark the PDFs in this folder instead")
    ap.add_argument("--save-pdfs", type=Path, help="keep the rendered PDFs in this folder")
    ap.add_argument("--out", type=Path, help="write each document's record as OUT/STEM.json")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the one-core part (best kept)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--copies", type=int, default=10, help="each file this many times in the pool batch")
    ap.add_argument("--workers", type=int, default=0, help="pool size (default: os.cpu_count())")
    ap.add_argument("--no-pool", action="store_true", help="the one-core part only")
    ap.add_argument("--json", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    args = ap.parse_args(argv)

    if args.pdf_dir:
        files = sorted(args.pdf_dir.glob("*.pdf"))[:args.limit or None]
        names = [p.stem for p in files]
        pdfs = [p.read_bytes() for p in files]
    else:
        texts = corpus_texts()[:args.limit or None]
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
    load_before = os.getloadavg()

    # 1. one core: pinned to one CPU, so that no library thread (numpy's BLAS in the learned
    # zoner) runs beside it; the pool below gets every CPU back
    allowed = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if allowed:
        os.sched_setaffinity(0, {min(allowed)})
    try:
        full_parse(pdfs[0])        # imports, compiled patterns, the zoning model out of the timing
        full_parse(pdfs[0], "rules")
        raw_extract(pdfs[0])
        pages, cpu, wall, records = measure_one_core(pdfs, args.repeat)
    finally:
        if allowed:
            os.sched_setaffinity(0, allowed)
    one = {"pages": pages, "documents": len(pdfs),
           "cpu_pages_per_s": {s: pages / cpu[s] for s in STEPS},
           "wall_pages_per_s": {s: pages / wall[s] for s in STEPS},
           "cpu_ms_per_page": {s: 1000 * cpu[s] / pages for s in STEPS}}
    one["ratio_cpu"] = {s: one["cpu_pages_per_s"][s] / one["cpu_pages_per_s"]["raw"] for s in STEPS}
    one["ratio_wall"] = {s: one["wall_pages_per_s"][s] / one["wall_pages_per_s"]["raw"] for s in STEPS}

    # 2. all cores
    pool = None
    if not args.no_pool:
        workers = args.workers or os.cpu_count() or 1
        with tempfile.TemporaryDirectory(prefix="bench_pdf_") as tmp:
            paths = []
            for name, data in zip(names, pdfs):
                path = Path(tmp) / f"{name}.pdf"
                path.write_bytes(data)
                paths.append(str(path))
            os.environ["BENCH_PDF_WARM"] = paths[0]
            batch = paths * max(1, args.copies)
            runs = measure_pool(batch, workers)
        batch_pages = pages * max(1, args.copies)
        pool = {"workers": workers, "files": len(batch), "pages": batch_pages}
        for name, run in runs.items():
            pool[name] = {"wall_pages_per_s": batch_pages / run["wall_s"],
                          "cpu_pages_per_s": batch_pages / run["cpu_s"],
                          "wall_s": run["wall_s"], "cpu_s": run["cpu_s"]}
        pool["ratio_wall"] = pool["full"]["wall_pages_per_s"] / pool["raw"]["wall_pages_per_s"]
        pool["ratio_cpu"] = pool["full"]["cpu_pages_per_s"] / pool["raw"]["cpu_pages_per_s"]
        # how much of the machine the pool used: summed CPU over wall, per worker
        pool["cpu_use_per_worker"] = {n: runs[n]["cpu_s"] / runs[n]["wall_s"] / workers for n in runs}

    result = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": _commit(), "python": platform.python_version(), "machine": platform.machine(),
        "cpu_count": os.cpu_count(), "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "source": str(args.pdf_dir) if args.pdf_dir else "seeds + dev texts rendered by dispatch_parser.fixtures",
        "repeat": args.repeat, "one_core": one, "pool": pool,
        "aim": "full parse >= 0.1x raw pypdfium2 text extraction (pages/s)",
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(_rounded(result), indent=1) + "\n", encoding="utf-8")
    print(table(result))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, record in zip(names, records):
            (args.out / f"{name}.json").write_text(
                json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8")
    return 0


def _rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def table(result: dict) -> str:
    one, pool = result["one_core"], result["pool"]
    rows = [
        f"{one['documents']} text-layer PDFs, {one['pages']} pages; commit {result['commit']}, "
        f"{result['cpu_count']} cores, load average {result['load_average_before'][0]} before, "
        f"{result['load_average_after'][0]} after",
        "",
        "| run | clock | raw pypdfium2 pages/s | our read pages/s | our full parse pages/s "
        "| full parse, zoning rules | full / raw | aim 0.1x |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for clock in ("cpu", "wall"):
        r = one[f"{clock}_pages_per_s"]
        ratio = one[f"ratio_{clock}"]["full"]
        rows.append(f"| one core | {'CPU time' if clock == 'cpu' else 'wall'} | {r['raw']:.0f} | {r['read']:.0f} "
                    f"| {r['full']:.1f} | {r['full_rules']:.1f} | {ratio:.3f}x "
                    f"| {'met' if ratio >= 0.1 else 'not met'} |")
    if pool:
        for clock in ("wall", "cpu"):
            ratio = pool[f"ratio_{clock}"]
            label = "wall (batch)" if clock == "wall" else "CPU time (summed)"
            rows.append(f"| {pool['workers']} workers, {pool['files']} files | {label} "
                        f"| {pool['raw'][f'{clock}_pages_per_s']:.0f} | - | {pool['full'][f'{clock}_pages_per_s']:.1f} "
                        f"| - | {ratio:.3f}x | {'met' if ratio >= 0.1 else 'not met'} |")
    ms = one["cpu_ms_per_page"]
    rows += ["", f"CPU ms/page, one core: raw {ms['raw']:.2f}, read {ms['read']:.2f}, "
                 f"full {ms['full']:.2f}, full with zoning rules {ms['full_rules']:.2f}"]
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
