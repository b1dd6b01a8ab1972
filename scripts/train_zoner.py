"""Rebuild models/zoner/ (the learned line zoner) from the fixture generator and the dev texts.

    .venv/bin/python scripts/train_zoner.py                 # the shipped model
    .venv/bin/python scripts/train_zoner.py --synthetic 20 --no-real --scans 0 --out /tmp/zoner  # a quick one

The OCR'd scans it trains on come from models/zoner/ocr_lines.jsonl.gz, built by this script
(--rescan: render and OCR them again, ~10 s a page; Tesseract and the seeds are deterministic).

Deterministic: fixed seeds for the documents, the noise and spaCy. Never reads the acceptance set.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dispatch_parser.zoning.training import SCAN_DATA, run  # noqa: E402

SCANS, HELDOUT_SCANS = 64, 12

REAL = [ROOT.parent / "shared" / "corpus" / "seeds" / "text", ROOT.parent / "shared" / "corpus" / "real" / "dev"]


def real_texts() -> list[Path]:
    paths: list[Path] = []
    for folder in REAL:
        if folder.is_dir():
            paths += sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
    return [p for p in paths if "acceptance" not in p.parts]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "zoner")
    ap.add_argument("--synthetic", type=int, default=400, help="synthetic documents to train on")
    ap.add_argument("--no-real", action="store_true", help="leave out the seeds/dev texts")
    ap.add_argument("--noisy", type=int, default=2, help="OCR-damaged readings per document")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--heldout", type=int, default=60, help="held-out synthetic documents to score")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scans", type=int, default=SCANS,
                    help="synthetic documents (seeds 1000 on) rendered as noisy scans and OCR'd to train on")
    ap.add_argument("--scan-weight", type=int, default=2, help="times each OCR'd scan counts")
    ap.add_argument("--heldout-scans", type=int, default=HELDOUT_SCANS,
                    help="OCR'd scans of held-out synthetic documents (seeds 900000 on) to score lines on")
    ap.add_argument("--scan-data", type=Path, default=SCAN_DATA,
                    help="the OCR'd lines of those scans (read when complete, else OCR'd and written)")
    ap.add_argument("--rescan", action="store_true", help="OCR the scans again instead of reading --scan-data")
    ap.add_argument("--scan-cache", type=Path, default=None, help="keep the OCR'd layouts here (pickles)")
    args = ap.parse_args(argv)
    if args.rescan and args.scan_data.exists():
        args.scan_data.unlink()
    run(args.out, synthetic=args.synthetic, texts=[] if args.no_real else real_texts(), noisy=args.noisy,
        epochs=args.epochs, seed=args.seed, heldout=args.heldout, scans=range(1000, 1000 + args.scans),
        scan_weight=args.scan_weight, heldout_scans=range(900000, 900000 + args.heldout_scans) if args.scans else (),
        scan_data=args.scan_data, scan_cache=args.scan_cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
