"""Write the project's sample corpus into corpus/: generated dispatches with their gold.

    .venv/bin/python scripts/make_corpus.py [--out corpus]

Every document comes from `dispatch_parser.fixtures.synthetic_document(seed)` (a seeded
RNG over vocabulary written for this project; no real document), so the corpus is
reproducible byte for byte except for PDF/PNG metadata. Layout of the output:

    text/   20 plain-text dispatches        pdf/    5 text-layer PDFs
    docx/   3 Word files                    scans/  3 noisy 300 dpi page scans (PNG)
    gold/   STEM.json: the exact record of each document (score.py --gold corpus/gold)
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dispatch_parser.fixtures import (render_docx, render_pdf, render_scan, render_text,  # noqa: E402
                                      scan_bytes, synthetic_document)

PLAN = [("text", range(1, 21)), ("pdf", range(21, 26)), ("docx", range(26, 29)), ("scans", range(29, 32))]
MAX_BYTES = 5 * 1024 * 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()
    out: Path = args.out
    for sub in ("text", "pdf", "docx", "scans", "gold"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    for kind, seeds in PLAN:
        for seed in seeds:
            doc = synthetic_document(seed)
            (out / "gold" / f"{doc.name}.json").write_text(
                json.dumps(doc.record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            if kind == "text":
                (out / kind / f"{doc.name}.txt").write_text(render_text(doc), encoding="utf-8")
            elif kind == "pdf":
                (out / kind / f"{doc.name}.pdf").write_bytes(render_pdf(doc)[0])
            elif kind == "docx":
                (out / kind / f"{doc.name}.docx").write_bytes(render_docx(doc))
            else:
                pdf, spot = render_pdf(doc)
                # no per-pixel grain and 16 colours keep a page small; skew, blur, speckle and
                # the red stamp stay
                pages = render_scan(pdf, spot, seed=seed, grain=0)
                (out / kind / f"{doc.name}.png").write_bytes(scan_bytes(pages[:1], "PNG", palette=True))
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"corpus: {sum(1 for _ in (out / 'gold').glob('*.json'))} documents, {total / 1e6:.2f} MB in {out}")
    if total > MAX_BYTES:
        print(f"corpus is over {MAX_BYTES} bytes", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
