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
reported beside it. "nlp share" is the CPU time spent inside the clean-up itself over the
whole CPU time of the nlp runs, measured in the same passes (the steadiest figure of its cost). underthesea's one-off import is timed separately: it is paid once per
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
from dispatch_parser import pipeline  # noqa: E402


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


class _TimedNLP:
    """Wraps pipeline.normalize_fields to add up the CPU time spent inside it."""

    def __init__(self) -> None:
        self.inner = pipeline.normalize_fields
        self.spent = 0.0

    def __call__(self, fields):
        start = time.process_time()
        try:
            return self.inner(fields)
        finally:
            self.spent += time.process_time() - start


def one_pass(docs: list[Path], nlp: bool, repeat: int) -> tuple[float, float]:
    """CPU and wall seconds to parse every document `repeat` times."""
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for doc in docs:
            parse(doc, nlp=nlp)
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--min-docs", type=int, default=60,
                    help="small sets are parsed repeatedly so one pass holds at least this many")
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
        repeat = max(1, -(-args.min_docs // len(docs)))
        n = len(docs) * repeat
        cpu = {True: [], False: []}
        wall = {True: [], False: []}
        timer = _TimedNLP()
        pipeline.normalize_fields = timer
        try:
            for _ in range(args.rounds):
                for flag in (False, True):
                    c, w = one_pass(docs, flag, repeat)
                    cpu[flag].append(c)
                    wall[flag].append(w)
        finally:
            pipeline.normalize_fields = timer.inner
        kb = sum(p.stat().st_size for p in docs) / 1024
        row = {"documents": len(docs), "parses_per_pass": n, "mean_kb": round(kb / len(docs), 2)}
        for flag, label in ((False, "no_nlp"), (True, "nlp")):
            c, w = statistics.median(cpu[flag]), statistics.median(wall[flag])
            row[label] = {"docs_per_s_cpu": round(n / c, 1), "docs_per_s_wall": round(n / w, 1),
                          "ms_per_doc_cpu": round(1000 * c / n, 2), "kb_per_s_cpu": round(kb * repeat / c, 1)}
        row["nlp_cost_ratio"] = round(row["no_nlp"]["docs_per_s_cpu"] / row["nlp"]["docs_per_s_cpu"], 3)
        # the clean-up's own share of the nlp runs' CPU time: immune to drift between runs
        row["nlp_share_of_parse"] = round(timer.spent / sum(cpu[True]), 4)
        results["sets"][name] = row

    print(f"one core, median of {args.rounds} rounds; underthesea import (once per process): "
          f"{results['underthesea_import_s']:.2f} s")
    print(f"{'set':10} {'docs':>5} {'KB/doc':>7} {'no-nlp docs/s':>14} {'nlp docs/s':>11} "
          f"{'nlp ms/doc':>11} {'time nlp/no-nlp':>16} {'nlp share':>10} {'wall docs/s (nlp)':>18}")
    for name, r in results["sets"].items():
        print(f"{name:10} {r['documents']:5} {r['mean_kb']:7.1f} {r['no_nlp']['docs_per_s_cpu']:14.1f} "
              f"{r['nlp']['docs_per_s_cpu']:11.1f} {r['nlp']['ms_per_doc_cpu']:11.2f} "
              f"{r['nlp_cost_ratio']:16.3f} {r['nlp_share_of_parse']:10.1%} {r['nlp']['docs_per_s_wall']:18.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
