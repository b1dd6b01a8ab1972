"""Ablation of the learned zoner: rules / model / both on seeds, dev, OCR'd scans of both, and a
generated held-out set; record F1 and group F1 from the project's scorer, time per document.

    .venv/bin/python benchmarks/bench_zoning.py [--sets seeds,dev,ocr_seeds,ocr_dev,photo_seeds,…]

OCR'd sets: the fixture generator renders each seed / dev document to a noisy 300 dpi TIFF
(python -m dispatch_parser.fixtures … --formats scan; ocr_*), to a phone photo of that scan
(--formats photo, 820-1100 px across; photo_*) or to a smaller one (--formats photo-small,
600-800 px; small_photo_*), and read/image.py OCRs it once; the Layouts are cached as pickles in
$ZONING_CACHE (default /tmp/zoning_bench) under a hash of the reading code (a changed reader
OCRs anew instead of scoring another reader's output), so the modes are
compared on the very same OCR output. CPU time: reading and OCR excluded; the modes take turns
on each document, best of 3 rounds (cpu_per_doc). Held-out: synthetic documents with seeds 500000+ (the
zoner trains on 1000-1399), as text and as OCR-like damaged text (zoning.data.add_noise, fused
header and foot columns). When a run parses all six OCR'd sets it also scores their 126 records
as one set (all_ocr_pooled). Not in the default run: ocr_acceptance, photo_acceptance and
small_photo_acceptance render the acceptance texts (never trained on; gold withheld) and score
each mode's records of the OCR'd rendering against the rules' records of the text itself: what
OCR costs each mode on documents the zoner has not seen, not absolute accuracy.
Writes benchmarks/results/zoning.json and prints a Markdown table.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dispatch_parser.layout import Layout  # noqa: E402
from dispatch_parser.pipeline import parse_layout  # noqa: E402
from dispatch_parser.read import read  # noqa: E402
from dispatch_parser.zoning.combine import MODES  # noqa: E402  (rules, model, both)
from eval_renderings import code_hash  # noqa: E402  (the same cache key as the renderings')

SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"
CACHE = Path(os.environ.get("ZONING_CACHE", "/tmp/zoning_bench"))
HELDOUT_FIRST, HELDOUT_N = 500000, 40


def text_set(folder: Path, gold: Path):
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
    return [(p.stem, read(p)) for p in paths], gold


READER_CODE = ("dispatch_parser/read/*.py", "dispatch_parser/layout.py")


@functools.lru_cache(maxsize=1)
def reader_hash() -> str:
    """The reading code's hash: cached OCR is reused only by the reader that made it."""
    return code_hash(READER_CODE, 12)


def ocr_set(name: str, sources: list[Path], gold: Path, fmt: str = "scan"):
    """Render each source to a noisy scan (or phone photo, fmt "photo") and OCR it, cached."""
    scans = CACHE / f"{fmt}_{name}"
    suffix = ".tif" if fmt == "scan" else f".{fmt}.tif"
    layouts = []
    for src in sources:
        pkl = CACHE / (("ocr_" if fmt == "scan" else f"ocr_{fmt}_") + name) / reader_hash() / f"{src.stem}.pkl"
        if not pkl.exists():
            tif = scans / f"{src.stem}{suffix}"
            if not tif.exists():
                subprocess.run([sys.executable, "-m", "dispatch_parser.fixtures", str(src), "--out", str(scans),
                                "--formats", fmt], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            pkl.parent.mkdir(parents=True, exist_ok=True)
            pkl.write_bytes(pickle.dumps(read(tif)))
        layouts.append((src.stem, pickle.loads(pkl.read_bytes())))
    return layouts, gold


@functools.lru_cache(maxsize=None)      # the acceptance sets share one reference: parsed once a run
def text_records(sources: tuple[Path, ...], name: str) -> Path:
    """A reference for documents whose gold is withheld (the acceptance set): each text's own
    record parsed by the rules. Scoring an OCR'd rendering against it measures what OCR costs
    each mode on documents that neither training nor tuning has seen, not absolute accuracy."""
    gold = CACHE / f"{name}_text_records"
    gold.mkdir(parents=True, exist_ok=True)
    for src in sources:
        record = parse_layout(read(src), zoning="rules")
        (gold / f"{src.stem}.json").write_text(json.dumps(record.model_dump(mode="json"), ensure_ascii=False),
                                               encoding="utf-8")
    return gold


def heldout_set(noisy: bool):
    from dispatch_parser.fixtures import render_text, synthetic_document
    from dispatch_parser.zoning.data import add_noise, layout
    gold = CACHE / ("heldout_noisy_gold" if noisy else "heldout_gold")
    gold.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    out = []
    for seed in range(HELDOUT_FIRST, HELDOUT_FIRST + HELDOUT_N):
        doc = synthetic_document(seed)
        (gold / f"{doc.name}.json").write_text(json.dumps(doc.record, ensure_ascii=False), encoding="utf-8")
        if noisy:
            texts, _ = layout(doc, rng.choice(["interleave", "fuse"]))
            text = "\n".join(add_noise(t, rng, 0.6) for t in texts) + "\n"
        else:
            text = render_text(doc)
        out.append((doc.name, Layout.from_text(text, doc.name)))
    return out, gold


def score(gold: Path, pred: Path) -> dict:
    report = pred / "report.json"
    subprocess.run([sys.executable, str(SCORE), "--gold", str(gold), "--pred", str(pred), "--json", str(report)],
                   check=True, stdout=subprocess.DEVNULL)
    data = json.loads(report.read_text())
    return {"record_f1": data["record_f1"], "groups": data["groups"]}


REPEATS = 3


def cpu_per_doc(docs, modes=MODES, repeats: int = REPEATS) -> dict:
    """CPU ms per document of each mode: the modes take turns on every document and the best
    of `repeats` rounds counts, so a load change on this shared machine hits all modes alike."""
    best = {m: float("inf") for m in modes}
    for _ in range(repeats):
        spent = dict.fromkeys(modes, 0.0)
        for _stem, lay in docs:
            for mode in modes:
                t0 = time.process_time()
                parse_layout(lay, zoning=mode)
                spent[mode] += time.process_time() - t0
        best = {m: min(best[m], spent[m]) for m in modes}
    return {m: round(best[m] / max(1, len(docs)) * 1000, 1) for m in modes}


def run_set(name: str, docs, gold: Path, modes=MODES) -> dict:
    results = {}
    for mode in modes:
        pred = CACHE / "pred" / name / mode
        pred.mkdir(parents=True, exist_ok=True)
        for old in pred.glob("*.json"):
            old.unlink()
        for stem, lay in docs:      # (the first parse of a mode also loads the model and warms caches)
            record = parse_layout(lay, zoning=mode)
            (pred / f"{stem}.json").write_text(json.dumps(record.model_dump(mode="json"), ensure_ascii=False),
                                               encoding="utf-8")
        results[mode] = score(gold, pred)
    for mode, ms in cpu_per_doc(docs, modes).items():
        results[mode]["cpu_ms_per_doc"] = ms
    return results


OCR_SETS = ("ocr_seeds", "ocr_dev", "photo_seeds", "photo_dev", "small_photo_seeds", "small_photo_dev")
POOLED = "all_ocr_pooled"


def pooled(table: dict, golds: dict[str, Path]) -> dict:
    """The OCR'd sets' records scored as one set (126 documents: each record counts once, so a
    group's F1 weighs every document alike), from the predictions `run_set` left in CACHE."""
    out = {"documents": sum(table[name]["documents"] for name in OCR_SETS)}
    for mode in MODES:
        root = CACHE / "pred" / POOLED / mode
        for kind in ("gold", "pred"):
            (root / kind).mkdir(parents=True, exist_ok=True)
            for old in (root / kind).glob("*.json"):
                old.unlink()
        for name in OCR_SETS:
            for pred in (CACHE / "pred" / name / mode).glob("*.json"):
                gold = golds[name] / pred.name
                if pred.name != "report.json" and gold.exists():
                    (root / "gold" / f"{name}__{pred.name}").symlink_to(gold)
                    (root / "pred" / f"{name}__{pred.name}").symlink_to(pred)
        out[mode] = score(root / "gold", root / "pred")
        out[mode]["cpu_ms_per_doc"] = round(sum(table[n][mode]["cpu_ms_per_doc"] * table[n]["documents"]
                                                for n in OCR_SETS) / out["documents"], 1)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="seeds,dev,ocr_seeds,ocr_dev,photo_seeds,photo_dev,small_photo_seeds,"
                                      "small_photo_dev,heldout,heldout_noisy")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "zoning.json")
    ap.add_argument("--card", action="store_true", help="write the table into models/zoner/MODEL_CARD.md")
    ap.add_argument("--from-json", action="store_true", help="no parsing: print (and --card) the tables of --out")
    args = ap.parse_args(argv)
    seeds_gold, dev_gold = SHARED / "corpus/seeds/gold", SHARED / "corpus/real/dev/gold"
    seeds = sorted((SHARED / "corpus/seeds/text").glob("*.txt"))
    dev = sorted(p for p in (SHARED / "corpus/real/dev").iterdir() if p.suffix in (".txt", ".md"))
    accept = tuple(sorted(p for p in (SHARED / "corpus/real/acceptance").iterdir() if p.suffix in (".txt", ".md")))
    makers = {
        "seeds": lambda: text_set(SHARED / "corpus/seeds/text", seeds_gold),
        "dev": lambda: text_set(SHARED / "corpus/real/dev", dev_gold),
        "ocr_seeds": lambda: ocr_set("seeds", seeds, seeds_gold),
        "ocr_dev": lambda: ocr_set("dev", dev, dev_gold),
        "photo_seeds": lambda: ocr_set("seeds", seeds, seeds_gold, "photo"),
        "photo_dev": lambda: ocr_set("dev", dev, dev_gold, "photo"),
        "small_photo_seeds": lambda: ocr_set("seeds", seeds, seeds_gold, "photo-small"),
        "small_photo_dev": lambda: ocr_set("dev", dev, dev_gold, "photo-small"),
        # not run by default: OCR'd renderings of the acceptance texts, scored against the
        # records of the texts themselves (their gold is withheld)
        "ocr_acceptance": lambda: ocr_set("acceptance", accept, text_records(accept, "acceptance")),
        "photo_acceptance": lambda: ocr_set("acceptance", accept, text_records(accept, "acceptance"), "photo"),
        "small_photo_acceptance": lambda: ocr_set("acceptance", accept, text_records(accept, "acceptance"),
                                                  "photo-small"),
        "heldout": lambda: heldout_set(False),
        "heldout_noisy": lambda: heldout_set(True),
    }
    table = json.loads(args.out.read_text()) if args.out.exists() else {}
    for name in ([] if args.from_json else args.sets.split(",")):
        docs, gold = makers[name]()
        table[name] = {"documents": len(docs), **run_set(name, docs, gold)}
        print(name, {m: table[name][m]["record_f1"] for m in MODES}, flush=True)
    ran = set([] if args.from_json else args.sets.split(","))
    if set(OCR_SETS) <= ran:        # only when every OCR'd set was parsed by this run
        golds = {n: seeds_gold if n.endswith("seeds") else dev_gold for n in OCR_SETS}
        table[POOLED] = pooled(table, golds)
        print(POOLED, {m: table[POOLED][m]["record_f1"] for m in MODES}, flush=True)
    order = [s for s in ap.get_default("sets").split(",") if s not in args.sets.split(",")]
    order = args.sets.split(",") + order + [POOLED]     # the table's rows: --sets first
    table = {k: table[k] for k in order if k in table} | {k: v for k, v in table.items() if k not in order}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(markdown(table))
    card = ROOT / "models" / "zoner" / "MODEL_CARD.md"
    if args.card and card.exists():        # the card's ablation section, replaced on every run
        text = card.read_text(encoding="utf-8").split("\n## Ablation")[0].rstrip("\n")
        card.write_text(text + "\n\n## Ablation (benchmarks/bench_zoning.py)\n\n" + markdown(table) + "\n",
                        encoding="utf-8")
    return 0


def markdown(table: dict) -> str:
    rows = ["| set | docs | rules | model | both | both - rules | CPU ms/doc rules / model / both | both / rules CPU |",
            "|---|---|---|---|---|---|---|---|"]
    for name, r in table.items():
        rows.append(f"| {name} | {r['documents']} | " + " | ".join(f"{r[m]['record_f1']:.3f}" for m in MODES)
                    + f" | {r['both']['record_f1'] - r['rules']['record_f1']:+.3f} | "
                    + " / ".join(f"{r[m]['cpu_ms_per_doc']:.0f}" for m in MODES)
                    + f" | {r['both']['cpu_ms_per_doc'] / max(0.1, r['rules']['cpu_ms_per_doc']):.2f} |")
    groups = sorted({g for r in table.values() for m in MODES for g in r[m]["groups"]})
    rows += ["", "| set | mode | " + " | ".join(groups) + " |", "|---|---|" + "---|" * len(groups)]
    for name, r in table.items():
        for m in MODES:
            rows.append(f"| {name} | {m} | " + " | ".join(f"{r[m]['groups'].get(g, float('nan')):.2f}" for g in groups) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
