"""Scans: our full parse against the raw `tesseract` CLI on the same images, same run.

    .venv/bin/python benchmarks/bench_ocr.py                 # 6 generated 300 dpi scans
    .venv/bin/python benchmarks/bench_ocr.py --images a.png b.jpg --workers 2

Both sides get the same process pool size (all cores by default) and the same images; the
raw side is `tesseract IMAGE stdout -l vie` with OMP_THREAD_LIMIT=1 (its fast setting), ours
is `dispatch_parser.parse(IMAGE)`: decode, grey/deskew/despeckle, Tesseract, layout,
segmentation and extraction. Prints pages per second of each and their ratio (aim >= 0.8).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def raw_tesseract(path: str) -> int:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    subprocess.run(["tesseract", path, "stdout", "-l", "vie"], capture_output=True, check=True, env=env)
    return 1


def our_parse(path: str) -> int:
    from dispatch_parser import parse

    record = parse(path)
    return 1 if record is not None else 0


def make_scans(folder: Path, count: int) -> list[str]:
    from dispatch_parser.fixtures import render_pdf, render_scan, synthetic_document

    paths = []
    for seed in range(count):
        doc = synthetic_document(1000 + seed)
        pdf, spot = render_pdf(doc)
        page = render_scan(pdf, spot, seed=seed)[0]
        path = folder / f"scan_{seed}.png"
        page.save(path, dpi=(300, 300))
        paths.append(str(path))
    return paths


def timed(fn, paths: list[str], workers: int) -> float:
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        pages = sum(pool.map(fn, paths))
    return pages / (time.perf_counter() - start)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", nargs="*", help="page images to read (default: generated scans)")
    ap.add_argument("--count", type=int, default=6, help="generated scans when --images is not given")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best of each side")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = args.images or make_scans(Path(tmp), args.count)
        raw = ours = 0.0
        for _ in range(args.rounds):        # alternate, so load from elsewhere hits both sides
            raw = max(raw, timed(raw_tesseract, paths, args.workers))
            ours = max(ours, timed(our_parse, paths, args.workers))
    print(f"pages: {len(paths)}, workers: {args.workers}")
    print(f"raw tesseract CLI : {raw:6.3f} pages/s")
    print(f"dispatch-parser   : {ours:6.3f} pages/s")
    print(f"ratio (ours / raw): {ours / raw:6.2f}x   (aim >= 0.8x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
