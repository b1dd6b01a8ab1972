#!/usr/bin/env python3
"""Documents per second of the text path (`parse(path)` on .txt/.md), with and without the
underthesea clean-up of field values (nlp.py), on one core.

    .venv/bin/python benchmarks/bench_text.py [--rounds 5] [--json benchmarks/results/text.json]

Sets measured, each on its own and in one process:
  seeds      ../shared/corpus/seeds/text: five real dispatches of 2.6-6.7 KB (the "typical
             5 KB dispatch" of the aim)
  corpus     every .txt/.md under ../shared/corpus (seeds, dev, acceptance, other)
  generated  corpus/text/*.txt of this repo (fixture generator output), when present

Rounds alternate nlp on/off so machine drift hits both alike; each figure is the median over
rounds of CPU time (process_time: another job on the machine does not count), wall time is
reported beside it. underthesea's one-off import is timed separately: it is paid once per
process, which matters for one-file CLI calls, not for batches.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"

from dispatch_parser import parse  # noqa: E402
from dispatch_parser import nlp as nlp_module  # noqa: E402


def document_sets() -> dict[str, list[Path]]:
    sets: dict[str, list[Path]] = {}
    seeds = sorted((SHARED / "seeds" / "text").glob("*.txt"))
    if seeds:
        sets["seeds"] = seeds
    everything = sorted(p for p in SHARED.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    if everything:
        sets["corpus"] = everything
    generated = sorted((ROOT / "corpus" / "text").glob("*.txt"))
    if generated:
        sets["generated"] = generated
    return sets


def one_pass(docs: list[Path], nlp: bool) -> tuple[float, float]:
    """CPU and wall seconds to parse every document once."""
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in docs:
        parse(doc, nlp=nlp)
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", type=Path, help="write the results here as well")
    args = ap.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})   # one core

    start = time.perf_counter()
    nlp_module._token_normalizer()
    import_s = time.perf_counter() - start

    sets = document_sets()
    if not sets:
        print("no documents found (../shared/corpus missing?)", file=sys.stderr)
        return 1
    results: dict = {"python": platform.python_version(), "machine": platform.machine(),
                     "cpu_count": os.cpu_count(), "rounds": args.rounds,
                     "underthesea_import_s": round(import_s, 3), "sets": {}}
    for name, docs in sets.items():
        for doc in docs:                       # warm-up: caches, compiled patterns
            parse(doc, nlp=True)
        cpu = {True: [], False: []}
        wall = {True: [], False: []}
        for _ in range(args.rounds):
            for flag in (False, True):
                c, w = one_pass(docs, flag)
                cpu[flag].append(c)
                wall[flag].append(w)
        kb = sum(p.stat().st_size for p in docs) / 1024
        row = {"documents": len(docs), "mean_kb": round(kb / len(docs), 2)}
        for flag, label in ((False, "no_nlp"), (True, "nlp")):
            c, w = statistics.median(cpu[flag]), statistics.median(wall[flag])
            row[label] = {"docs_per_s_cpu": round(len(docs) / c, 1), "docs_per_s_wall": round(len(docs) / w, 1),
                          "ms_per_doc_cpu": round(1000 * c / len(docs), 2), "kb_per_s_cpu": round(kb / c, 1)}
        row["nlp_cost_ratio"] = round(row["no_nlp"]["docs_per_s_cpu"] / row["nlp"]["docs_per_s_cpu"], 3)
        results["sets"][name] = row

    print(f"one core, median of {args.rounds} rounds; underthesea import (once per process): "
          f"{results['underthesea_import_s']:.2f} s")
    print(f"{'set':10} {'docs':>5} {'KB/doc':>7} {'no-nlp docs/s':>14} {'nlp docs/s':>11} "
          f"{'nlp ms/doc':>11} {'time nlp/no-nlp':>16} {'wall docs/s (nlp)':>18}")
    for name, r in results["sets"].items():
        print(f"{name:10} {r['documents']:5} {r['mean_kb']:7.1f} {r['no_nlp']['docs_per_s_cpu']:14.1f} "
              f"{r['nlp']['docs_per_s_cpu']:11.1f} {r['nlp']['ms_per_doc_cpu']:11.2f} "
              f"{r['nlp_cost_ratio']:16.3f} {r['nlp']['docs_per_s_wall']:18.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
