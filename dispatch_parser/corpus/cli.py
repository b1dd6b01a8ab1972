"""Sub-commands over the corpus store: convert, search, refs, stats, export, serve."""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

DEFAULT_DB = "corpus.sqlite"


def register(sub) -> None:
    c = sub.add_parser("convert", help="parse files, folders and globs into a SQLite store")
    c.add_argument("inputs", nargs="+", metavar="INPUT")
    c.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    c.add_argument("--jsonl", metavar="OUT", help="also append the records to OUT as JSON lines")
    c.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    c.add_argument("--retry-failed", action="store_true", help="parse failed files again")
    c.add_argument("--no-progress", action="store_true", help="no progress bar")
    c.set_defaults(func=cmd_convert)

    s = sub.add_parser("search", help="full-text search (diacritics optional)")
    s.add_argument("query")
    s.add_argument("--db", default=DEFAULT_DB)
    s.add_argument("--issuer")
    s.add_argument("--type", dest="doc_type")
    s.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    s.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    r = sub.add_parser("refs", help="which documents cite NUMBER, and what it cites")
    r.add_argument("number")
    r.add_argument("--db", default=DEFAULT_DB)
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_refs)

    t = sub.add_parser("stats", help="counts by issuer, type and month")
    t.add_argument("--db", default=DEFAULT_DB)
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_stats)

    e = sub.add_parser("export", help="export the store")
    e.add_argument("format", choices=["jsonl", "csv", "parquet", "decree30"])
    e.add_argument("out")
    e.add_argument("--db", default=DEFAULT_DB)
    e.set_defaults(func=cmd_export)

    v = sub.add_parser("serve", help="browse the store in Datasette (read-only)")
    v.add_argument("db", nargs="?", default=DEFAULT_DB)
    v.add_argument("--host", default="127.0.0.1")
    v.add_argument("--port", type=int, default=8001)
    v.set_defaults(func=cmd_serve)


def _open(db: str) -> sqlite3.Connection:
    if not Path(db).exists():
        print(f"dispatch-parser: {db}: no such store; run `dispatch-parser convert … --db {db}` first",
              file=sys.stderr)
        raise SystemExit(2)
    from .store import SQLiteStore
    return SQLiteStore(db, readonly=True).db


def cmd_convert(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from .convert import ProcessExecutor, convert

    console = Console(stderr=True)
    show = not args.no_progress and console.is_terminal
    progress = Progress(TextColumn("[bold]converting"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]:.1f} files/s"), TextColumn("{task.fields[bad]} failed"),
                        TimeElapsedColumn(), TimeRemainingColumn(), console=console, disable=not show)
    state = {"task": None, "bad": 0}

    def tick(done: int, total: int, result) -> None:
        if state["task"] is None:
            state["task"] = progress.add_task("convert", total=total, rate=0.0, bad=0)
        if hasattr(result, "error"):
            state["bad"] += 1
            console.print(f"[red]failed[/red] {result.path}: {result.error}: {result.message}")
        task = progress.tasks[0]
        progress.update(state["task"], completed=done, bad=state["bad"],
                        rate=done / task.elapsed if task.elapsed else 0.0)

    with progress:
        summary = convert(args.inputs, args.db, executor=ProcessExecutor(args.workers),
                          jsonl=args.jsonl, retry_failed=args.retry_failed, progress=tick)
    print(f"found {summary.found} files: {summary.converted} converted, {summary.skipped} already "
          f"done, {summary.failed} failed, in {summary.seconds:.1f} s", file=sys.stderr)
    print(f"store {args.db}: {summary.review} records to check by hand "
          f"(`dispatch-parser serve {args.db}`, query needs_review), {summary.duplicates} duplicates flagged",
          file=sys.stderr)
    for path, reason in summary.failures[:20]:
        print(f"  failed: {path}: {reason}", file=sys.stderr)
    return 1 if summary.failed else 0


def _print_rows(rows: list[dict]) -> None:
    for r in rows:
        date = r.get("issued") or "-".join(str(x) for x in (r.get("year"), r.get("month"), r.get("day")) if x) or "?"
        print(f"{r.get('number_raw') or '(no number)':<22} {date:<10} {r.get('document_type') or '?':<11} "
              f"{(r.get('issuer') or '?')[:40]:<40} {(r.get('subject') or '')[:80]}")


def cmd_search(args: argparse.Namespace) -> int:
    from .query import search
    rows = search(_open(args.db), args.query, issuer=args.issuer, doc_type=args.doc_type,
                  date_from=args.date_from, date_to=args.date_to, limit=args.limit)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _print_rows(rows)
        print(f"{len(rows)} documents", file=sys.stderr)
    return 0


def cmd_refs(args: argparse.Namespace) -> int:
    from dataclasses import asdict
    from .query import refs
    result = refs(_open(args.db), args.number)
    if args.json:
        print(json.dumps(asdict(result), ensure_ascii=False, indent=1))
        return 0
    doc = result.document
    print(f"{args.number}: " + (f"in the corpus: {doc['document_type']} of {doc['issuer']}, {doc['subject']}"
                                if doc else "not itself in the corpus"))
    print(f"cited by {len(result.cited_by)} documents:")
    _print_rows(result.cited_by)
    for depth, level in enumerate(result.chain[1:], 2):
        print(f"cited at depth {depth} (documents citing those):")
        _print_rows(level)
    if result.cites:
        print("it cites:")
        for c in result.cites:
            print(f"  {'[basis] ' if c['legal_basis'] else ''}{c['doc_type'] or ''} {c['number']} "
                  f"{c['date'] or ''} {c['issuer'] or ''}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from .query import stats
    result = stats(_open(args.db))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(" ".join(f"{k}={v}" for k, v in result["totals"].items()))
    for title, key, col in (("by issuer", "by_issuer", "issuer"), ("by type", "by_type", "document_type"),
                            ("by month", "by_month", "month")):
        print(f"\n{title}:")
        for row in result[key]:
            print(f"  {row['n']:6}  {row[col]}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export
    n = export(_open(args.db), args.format, args.out)
    print(f"wrote {n} records to {args.out}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve
    _open(args.db).close()
    return serve(args.db, args.host, args.port)
