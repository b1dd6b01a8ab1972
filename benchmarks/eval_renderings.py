"""Every input format scores like the text: seeds and dev documents rendered to PDF and DOCX.

    .venv/bin/python benchmarks/eval_renderings.py                  # seeds + dev, text/pdf/docx
    .venv/bin/python benchmarks/eval_renderings.py --sets seeds --formats pdf
    .venv/bin/python benchmarks/eval_renderings.py --fresh          # render again, ignore the cache
    .venv/bin/python benchmarks/eval_renderings.py --sets seeds,dev,synthetic

Each corpus text is rendered by the project's fixture generator (`dispatch_parser.fixtures`) to
a text-layer PDF and a DOCX, laid out as Decree 30 puts the parts (header columns, foot
columns, wrapped at the page's width rather than where the text broke its lines). Renderings
are cached under --cache, keyed by a hash of the source and of the generator's code (the
generator cuts zones with the project's own normalizer and segmenter, so those count too).

The `synthetic` set (not run by default) is the generator's own seeded random documents
1-40, whose "text" is the generator's plain-text rendering and whose gold is the record they
were drawn from. Every format is parsed with the default options, each set scored by ../shared/eval/score.py,
and a Markdown table printed: record F1 per set and format, its delta against text input, and
the lowest groups. The whole report goes to benchmarks/results/renderings.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"
SETS = {
    "seeds": (SHARED / "corpus" / "seeds" / "text", SHARED / "corpus" / "seeds" / "gold"),
    "dev": (SHARED / "corpus" / "real" / "dev", SHARED / "corpus" / "real" / "dev" / "gold"),
}
SYNTHETIC = range(1, 41)
FORMATS = ("text", "pdf", "docx")
# the code a rendering depends on: the generator and the zoning it borrows
GENERATOR_CODE = ["dispatch_parser/fixtures/*.py", "dispatch_parser/segment.py", "dispatch_parser/normalize.py",
                  "dispatch_parser/foot_vocab.py", "dispatch_parser/vntext.py", "dispatch_parser/extract/recipients.py"]


def sources(name: str) -> list[Path]:
    folder, _ = SETS[name]
    return sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md"))


def gold_dir(name: str, cache: Path) -> Path:
    return cache / generator_hash() / "synthetic" / "gold" if name == "synthetic" else SETS[name][1]


def code_hash(patterns, length: int = 16) -> str:
    """A hash of the files the patterns name under the repository: a cache key for their output."""
    h = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:length]


def generator_hash() -> str:
    return code_hash(GENERATOR_CODE)


def _render_one(job: tuple[str, str, str, str]) -> str:
    """Render one source to one format into `target` (run in a worker process)."""
    source, gold, fmt, target = job
    from dispatch_parser.fixtures import (document_from_file, render_docx, render_pdf, render_text,
                                          synthetic_document)

    if source.startswith("synthetic:"):
        doc = synthetic_document(int(source.split(":")[1]))
        (Path(gold) / f"{doc.name}.json").write_text(json.dumps(doc.record, ensure_ascii=False), encoding="utf-8")
    else:
        doc = document_from_file(Path(source), Path(gold))
    if fmt == "text":
        data = render_text(doc).encode("utf-8")
    else:
        data = render_pdf(doc)[0] if fmt == "pdf" else render_docx(doc)
    tmp = Path(target + ".part")
    tmp.write_bytes(data)
    tmp.replace(target)           # a crash never leaves half a file in the cache
    return target


def renderings(name: str, fmt: str, cache: Path, fresh: bool, pool) -> list[Path]:
    """The set's documents in `fmt`, rendered now or taken from the cache."""
    key = generator_hash()
    folder = cache / key / name
    folder.mkdir(parents=True, exist_ok=True)
    jobs, out = [], []
    if name == "synthetic":
        gold = gold_dir(name, cache)
        gold.mkdir(parents=True, exist_ok=True)
        for seed in SYNTHETIC:
            target = folder / f"synthetic_{seed:04d}.{'txt' if fmt == 'text' else fmt}"
            out.append(target)
            if fresh or not target.exists() or not (gold / f"synthetic_{seed:04d}.json").exists():
                jobs.append((f"synthetic:{seed}", str(gold), fmt, str(target)))
        list(pool.map(_render_one, jobs))
        return out
    if fmt == "text":
        return sources(name)
    for src in sources(name):
        digest = hashlib.sha256(src.read_bytes()).hexdigest()[:12]
        target = folder / f"{src.stem}.{digest}.{fmt}"
        out.append(target)
        if fresh or not target.exists():
            jobs.append((str(src), str(SETS[name][1]), fmt, str(target)))
    list(pool.map(_render_one, jobs))
    return out


def _parse_one(job: tuple[str, str]) -> str:
    from dispatch_parser import parse

    path, target = job
    try:
        record = parse(Path(path))
        data = record.model_dump(mode="json")
    except Exception as exc:      # a failure is scored as an empty record, and reported
        data = {"error": f"{type(exc).__name__}: {exc}"}
    Path(target).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


def score(name: str, paths: list[Path], pool, gold: Path) -> dict:
    """Parse `paths` (default options) and score them against the set's gold."""
    with tempfile.TemporaryDirectory(prefix="renderings-") as tmp:
        pred = Path(tmp)
        # the cache name is STEM.HASH.EXT: the prediction is named by the stem alone
        jobs = [(str(p), str(pred / (p.name.split(".")[0] + ".json"))) for p in paths]
        t0 = time.perf_counter()
        results = list(pool.map(_parse_one, jobs))
        seconds = time.perf_counter() - t0
        errors = {Path(r).stem: json.loads(Path(r).read_text())["error"] for r in results
                  if "error" in json.loads(Path(r).read_text(encoding="utf-8"))}
        report_path = pred / "report.json"
        subprocess.run([sys.executable, str(SCORE), "--gold", str(gold), "--pred", str(pred),
                        "--json", str(report_path)], check=True, capture_output=True)
        report = json.loads(report_path.read_text(encoding="utf-8"))
    return {"documents": len(paths), "record_f1": round(report["record_f1"], 6),
            "micro_f1": round(report["micro_f1"], 6), "perfect_documents": report["perfect_documents"],
            "groups": {k: round(v, 4) for k, v in report["groups"].items()},
            "misses": {doc: len(m) for doc, m in report["misses"].items()},
            "errors": errors, "parse_seconds": round(seconds, 2)}


def table(results: dict) -> str:
    rows = ["| set | format | record F1 | Δ vs text | lowest groups |", "|---|---|---|---|---|"]
    for name, by_format in results.items():
        text = by_format.get("text", {}).get("record_f1")
        for fmt, r in by_format.items():
            delta = "" if text is None or fmt == "text" else f"{r['record_f1'] - text:+.3f}"
            low = sorted(r["groups"].items(), key=lambda kv: kv[1])[:3]
            lows = ", ".join(f"{g} {f:.3f}" for g, f in low if f < 1.0) or "all 1.000"
            rows.append(f"| {name} | {fmt} | {r['record_f1']:.3f} | {delta} | {lows} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="seeds,dev")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "dispatch-parser-renderings")
    ap.add_argument("--fresh", action="store_true", help="render again even when cached")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "renderings.json")
    args = ap.parse_args(argv)
    if not SCORE.exists():
        ap.error(f"{SCORE} not found: the shared corpus and scorer sit beside the project")
    sets = args.sets.split(",")
    formats = args.formats.split(",")
    unknown = [s for s in sets if s not in SETS and s != "synthetic"] + [f for f in formats if f not in FORMATS]
    if unknown:
        ap.error(f"unknown set or format: {', '.join(unknown)}")
    results: dict = {}
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for name in sets:
            results[name] = {}
            for fmt in formats:
                paths = renderings(name, fmt, args.cache, args.fresh, pool)
                results[name][fmt] = score(name, paths, pool, gold_dir(name, args.cache))
                print(f"{name} {fmt}: record F1 {results[name][fmt]['record_f1']:.3f}", file=sys.stderr)
    md = table(results)
    print(md)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "generator": generator_hash(), "seconds": round(time.perf_counter() - t0, 1),
        "cpu_count": os.cpu_count(), "results": results, "table": md,
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
