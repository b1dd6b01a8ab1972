"""`dispatch-parser train-zoner`: train the learned zoner through training.run, like
scripts/train_zoner.py but on the real texts named on the command line only (the script takes
the seeds and dev texts by default) and without the script's scan options (--scan-weight,
--scan-data, --rescan, --scan-cache): the shipped model is the script's."""
from __future__ import annotations

import argparse
from pathlib import Path



def cmd_train(args: argparse.Namespace) -> int:
    from .model import MODEL_DIR
    from .training import run
    texts: list[Path] = []
    for folder in args.texts:
        folder = Path(folder)
        if "acceptance" in folder.parts:
            raise SystemExit("dispatch-parser: the acceptance documents may not be trained on")
        texts += sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md")) if folder.is_dir() else [folder]
    run(Path(args.out or MODEL_DIR), synthetic=args.synthetic, texts=texts, noisy=args.noisy, epochs=args.epochs,
        seed=args.seed, heldout=args.heldout, scans=range(1000, 1000 + args.scans),
        heldout_scans=range(900000, 900012) if args.scans else ())
    return 0


def register(sub) -> None:
    p = sub.add_parser("train-zoner", help="train the learned line zoner (models/zoner)")
    p.add_argument("texts", nargs="*", help="real text documents (or folders) to add, zoned by the rules")
    p.add_argument("--out", default=None, help="model folder (default: models/zoner)")
    p.add_argument("--synthetic", type=int, default=400)
    p.add_argument("--noisy", type=int, default=2)
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--heldout", type=int, default=60)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--scans", type=int, default=64,
                   help="OCR'd generator scans to train on (models/zoner/ocr_lines.jsonl.gz, else OCR'd anew)")
    p.set_defaults(func=cmd_train)
