"""Rebuild models/zoner/ (the learned line zoner) from the fixture generator and the dev texts.

    .venv/bin/python scripts/train_zoner.py                 # the shipped model
    .venv/bin/python scripts/train_zoner.py --synthetic 20 --no-real --out /tmp/zoner  # a quick one

Deterministic: fixed seeds for the documents, the noise and spaCy. Never reads the acceptance set.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dispatch_parser.zoning.training import run  # noqa: E402

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
    args = ap.parse_args(argv)
    run(args.out, synthetic=args.synthetic, texts=[] if args.no_real else real_texts(), noisy=args.noisy,
        epochs=args.epochs, seed=args.seed, heldout=args.heldout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
