"""`dispatch-parser train-zoner`: train the learned zoner through training.run. The options
are the ones scripts/train_zoner.py uses (it builds its parser here); the command trains on
the real texts named on its command line, the script on the seeds and dev texts by default."""
from __future__ import annotations

import argparse
from pathlib import Path

SCANS, HELDOUT_SCANS = 64, 12
FIRST_SCAN, FIRST_HELDOUT_SCAN = 1000, 900000
PHOTOS, HELDOUT_PHOTOS = 48, 8
FIRST_PHOTO, FIRST_HELDOUT_PHOTO = 2000, 910000
SMALL_PHOTOS, HELDOUT_SMALL_PHOTOS = 32, 6
FIRST_SMALL_PHOTO, FIRST_HELDOUT_SMALL_PHOTO = 3000, 920000


def add_training_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=None, help="model folder (default: models/zoner)")
    p.add_argument("--synthetic", type=int, default=400, help="synthetic documents to train on")
    p.add_argument("--noisy", type=int, default=2, help="OCR-damaged readings per document")
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--heldout", type=int, default=60, help="held-out synthetic documents to score")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--scans", type=int, default=SCANS,
                   help=f"synthetic documents (seeds {FIRST_SCAN} on) rendered as noisy scans and OCR'd to train on")
    p.add_argument("--scan-weight", type=int, default=4, help="times each OCR'd scan or photo counts")
    p.add_argument("--heldout-scans", type=int, default=HELDOUT_SCANS,
                   help=f"OCR'd scans of held-out synthetic documents (seeds {FIRST_HELDOUT_SCAN} on) to score lines on")
    p.add_argument("--scan-data", type=Path, default=None,
                   help="the OCR'd lines of those scans (default: models/zoner/ocr_lines.jsonl.gz; "
                        "read when complete, else OCR'd and written)")
    p.add_argument("--photos", type=int, default=PHOTOS,
                   help=f"synthetic documents (seeds {FIRST_PHOTO} on) rendered as phone photos and OCR'd to train on")
    p.add_argument("--heldout-photos", type=int, default=HELDOUT_PHOTOS,
                   help=f"OCR'd photos of held-out synthetic documents (seeds {FIRST_HELDOUT_PHOTO} on) to score lines on")
    p.add_argument("--small-photos", type=int, default=SMALL_PHOTOS,
                   help=f"synthetic documents (seeds {FIRST_SMALL_PHOTO} on) rendered as small phone photos "
                        "(600-800 px, as the worst real ones) and OCR'd to train on")
    p.add_argument("--heldout-small-photos", type=int, default=HELDOUT_SMALL_PHOTOS,
                   help=f"small photos of held-out synthetic documents (seeds {FIRST_HELDOUT_SMALL_PHOTO} on) to score lines on")
    p.add_argument("--photo-data", type=Path, default=None,
                   help="the OCR'd lines of those photos (default: models/zoner/photo_lines.jsonl.gz)")
    p.add_argument("--rescan", action="store_true", help="OCR the scans and photos again instead of reading the data files")
    p.add_argument("--scan-cache", type=Path, default=None, help="keep the OCR'd layouts here (pickles)")


def train_from_options(args: argparse.Namespace, texts: list[Path]) -> int:
    from .model import MODEL_DIR
    from .training import PHOTO_DATA, SCAN_DATA, run

    if any("acceptance" in p.parts for p in texts):
        raise SystemExit("dispatch-parser: the acceptance documents may not be trained on")
    scan_data, photo_data = args.scan_data or SCAN_DATA, args.photo_data or PHOTO_DATA
    for data in (scan_data, photo_data):
        if args.rescan and data.exists():
            data.unlink()
    run(args.out or MODEL_DIR, synthetic=args.synthetic, texts=texts, noisy=args.noisy,
        epochs=args.epochs, seed=args.seed, heldout=args.heldout,
        scans=range(FIRST_SCAN, FIRST_SCAN + args.scans), scan_weight=args.scan_weight,
        heldout_scans=range(FIRST_HELDOUT_SCAN, FIRST_HELDOUT_SCAN + args.heldout_scans) if args.scans else (),
        scan_data=scan_data, scan_cache=args.scan_cache,
        photos=range(FIRST_PHOTO, FIRST_PHOTO + args.photos),
        heldout_photos=range(FIRST_HELDOUT_PHOTO, FIRST_HELDOUT_PHOTO + args.heldout_photos) if args.photos else (),
        photo_data=photo_data,
        small_photos=range(FIRST_SMALL_PHOTO, FIRST_SMALL_PHOTO + args.small_photos),
        heldout_small_photos=range(FIRST_HELDOUT_SMALL_PHOTO, FIRST_HELDOUT_SMALL_PHOTO + args.heldout_small_photos)
        if args.small_photos else ())
    return 0


def text_files(items) -> list[Path]:
    """The .txt/.md files of the named files and folders."""
    texts: list[Path] = []
    for item in map(Path, items):
        texts += sorted(p for p in item.iterdir() if p.suffix in (".txt", ".md")) if item.is_dir() else [item]
    return texts


def cmd_train(args: argparse.Namespace) -> int:
    return train_from_options(args, text_files(args.texts))


def register(sub) -> None:
    p = sub.add_parser("train-zoner", help="train the learned line zoner (models/zoner)")
    p.add_argument("texts", nargs="*", help="real text documents (or folders) to add, zoned by the rules")
    add_training_options(p)
    p.set_defaults(func=cmd_train)
