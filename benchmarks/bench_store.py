"""Store benchmark (issue [3]): conversion throughput against parse-only throughput of the
same documents in the same run, peak memory as the count grows, and search latency.

    .venv/bin/python benchmarks/bench_store.py --docs 10000 --search-docs 100000

1. Writes N distinct documents (real corpus texts with their number, date and a counter
   varied, so every file has its own hash and record) into a temp folder.
2. parse-only: the same process pool parses them and discards the records.
3. convert: `dispatch-parser convert` into a fresh SQLite store (process pool, batches).
   Ratio = convert docs/s / parse-only docs/s (aim >= 0.75). Peak RSS of the convert
   process tree is read from getrusage of the children, for 1k and for N documents.
4. Search latency: a store of M documents (records of parsed documents replicated with new
   ids and varied text, written through the store's own `write`), then 200 searches of
   common and rare phrases without diacritics; p50/p95 in ms (aim p95 <= 50 ms).
Results are printed and appended to benchmarks/results/store.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"

from dispatch_parser.corpus.convert import ProcessExecutor, convert_one, file_hash  # noqa: E402
from dispatch_parser.corpus.query import search  # noqa: E402
from dispatch_parser.corpus.store import Converted, SQLiteStore  # noqa: E402


def sources() -> list[Path]:
    own = sorted((ROOT / "corpus").rglob("*.txt"))
    shared = sorted(p for p in SHARED.rglob("*") if p.suffix in (".txt", ".md") and "gold" not in p.parts)
    return own + shared


def make_documents(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sources()]
    texts = [t for t in texts if len(t) < 40_000] or texts
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        t = texts[i % len(texts)]
        # a new running number and day keep records distinct, like a real archive's letters
        t = t.replace("Số:", f"Số: {rng.randint(1, 99999)}", 1).replace("ngày", f"ngày {rng.randint(1, 28)}", 1)
        p = folder / f"doc_{i:06d}.txt"
        p.write_text(t + f"\n\n{i}\n", encoding="utf-8")
        out.append(p)
    return out


def parse_only(paths: list[Path], workers: int) -> float:
    started = time.perf_counter()
    n = sum(1 for _ in ProcessExecutor(workers).map_unordered(convert_one, [str(p) for p in paths]))
    return n / (time.perf_counter() - started)


def convert_run(folder: Path, db: Path, workers: int) -> tuple[float, int, int]:
    """docs/s, peak RSS (KiB) of the convert process tree, files converted."""
    cmd = [str(ROOT / ".venv" / "bin" / "dispatch-parser"), "convert", str(folder), "--db", str(db),
           "--workers", str(workers), "--no-progress"]
    # run under a fresh python so getrusage(RUSAGE_CHILDREN) sees only this run's tree
    probe = ("import resource,subprocess,sys,time,json;t=time.perf_counter();"
             f"subprocess.run({cmd!r},check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
             "d=time.perf_counter()-t;print(json.dumps([d,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    seconds, rss = json.loads(subprocess.check_output([sys.executable, "-c", probe]))
    n = SQLiteStore(db, readonly=True).db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    return n / seconds, rss, n


def build_search_store(db: Path, templates: list[Path], m: int, seed: int = 11) -> None:
    """M documents from parsed templates with new ids and varied wording, written in batches."""
    rng = random.Random(seed)
    parsed = [convert_one(str(p)) for p in templates]
    parsed = [c for c in parsed if isinstance(c, Converted)]
    vocab = ["thuế", "hải quan", "ngân sách", "bầu cử", "chuyển đổi số", "y tế", "giáo dục",
             "đất đai", "môi trường", "an toàn thông tin", "phòng cháy", "giao thông", "nông nghiệp"]
    store = SQLiteStore(db)
    batch = []
    for i in range(m):
        base = parsed[i % len(parsed)]
        extra = " ".join(rng.sample(vocab, 3)) + f" mã {i}"
        rec = dict(base.record, subject=f"{base.record.get('subject') or ''} {extra}")
        text = base.text + "\n" + extra
        batch.append(Converted(file_hash(text.encode()), f"/bench/{i}.txt", len(text), i, rec, text, "text"))
        if len(batch) == 2000:
            store.write(batch)
            batch = []
    if batch:
        store.write(batch)
    store.close()


def search_latency(db: Path, queries: list[str], rounds: int = 200) -> dict:
    conn = SQLiteStore(db, readonly=True).db
    times = []
    for i in range(rounds):
        q = queries[i % len(queries)]
        t = time.perf_counter()
        search(conn, q, limit=50)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * len(times)) - 1], 2),
            "max_ms": round(times[-1], 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--search-docs", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    result = {"cores": os.cpu_count(), "workers": args.workers}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in sorted({args.small, args.docs}):
            folder = tmp / f"in{n}"
            paths = make_documents(folder, n)
            parse_rate = parse_only(paths, args.workers)
            conv_rate, rss, done = convert_run(folder, tmp / f"s{n}.sqlite", args.workers)
            result[f"n{n}"] = {"parse_only_docs_per_s": round(parse_rate, 1),
                               "convert_docs_per_s": round(conv_rate, 1),
                               "ratio_convert_to_parse": round(conv_rate / parse_rate, 3),
                               "peak_rss_mib": round(rss / 1024, 1), "converted": done}
            print(json.dumps({f"n{n}": result[f"n{n}"]}), flush=True)
        if not args.search_docs:
            print(json.dumps(result, indent=1))
            return
        db = tmp / "search.sqlite"
        t = time.perf_counter()
        build_search_store(db, sources()[:60], args.search_docs)
        result["search_store_build_s"] = round(time.perf_counter() - t, 1)
        queries = ["an toan thong tin", "thue thu nhap ca nhan", "bau cu dai bieu", "hai quan",
                   "chuyen doi so", "ngan sach nha nuoc", "phong chay", "ma 4242", "le phi mon bai"]
        result[f"search_{args.search_docs}"] = search_latency(db, queries)
    print(json.dumps(result, indent=1))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    with (out / "store.json").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), **result}) + "\n")


if __name__ == "__main__":
    main()
