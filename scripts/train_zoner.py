"""Rebuild models/zoner/ (the learned line zoner) from the fixture generator and the dev texts.

    .venv/bin/python scripts/train_zoner.py                 # the shipped model
    .venv/bin/python scripts/train_zoner.py --synthetic 20 --no-real --scans 0 --out /tmp/zoner  # a quick one

The OCR'd scans it trains on come from models/zoner/ocr_lines.jsonl.gz, built by this script
(--rescan: render and OCR them again, ~10 s a page; Tesseract and the seeds are deterministic).
`dispatch-parser train-zoner` takes the same options, with the real texts named on its command line.

Deterministic: fixed seeds for the documents, the noise and spaCy. Never reads the acceptance set.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dispatch_parser.zoning.cli import add_training_options, text_files, train_from_options  # noqa: E402

REAL = [ROOT.parent / "shared" / "corpus" / "seeds" / "text", ROOT.parent / "shared" / "corpus" / "real" / "dev"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_training_options(ap)
    ap.add_argument("--no-real", action="store_true", help="leave out the seeds/dev texts")
    args = ap.parse_args(argv)
    return train_from_options(args, [] if args.no_real else text_files(f for f in REAL if f.is_dir()))


if __name__ == "__main__":
    sys.exit(main())
