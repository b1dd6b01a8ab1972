"""Bulk conversion: inputs -> parsed records -> the store, resumable and crash-safe.

Inputs are read, never written. Each file is keyed by the SHA-256 of its bytes: a rerun
skips a path whose size, mtime and hash are already stored, and re-parses a file whose
content changed. Parsing runs in an executor (a process pool by default; a Dask executor
can stand in its place); results are written in batches, one transaction each, so a
`kill -9` loses at most the batch in flight and a rerun finishes the job.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, wait, FIRST_COMPLETED
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Protocol, Sequence

from ..errors import DispatchParserError
from .store import Converted, Failed, SQLiteStore

SUPPORTED = {".txt", ".md", ".markdown", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff",
             ".bmp", ".webp", ".docx", ".htm", ".html"}


def discover(inputs: Sequence[str]) -> list[Path]:
    """Files, folders (recursive) and globs -> the supported files, sorted, each once."""
    found: dict[str, Path] = {}
    for item in inputs:
        paths = [Path(p) for p in sorted(glob.glob(item, recursive=True))] if any(
            c in item for c in "*?[") else [Path(item)]
        for p in paths:
            if p.is_dir():
                for sub in sorted(p.rglob("*")):
                    if sub.is_file() and sub.suffix.lower() in SUPPORTED and not sub.name.startswith("."):
                        found.setdefault(str(sub.resolve()), sub)
            elif p.is_file():
                found.setdefault(str(p.resolve()), p)
            else:
                found.setdefault(str(p), p)    # reported as a failure: no such file
    return [found[k] for k in sorted(found)]


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def convert_one(path: str) -> "Converted | Failed":
    """Parse one file; never raises (every failure becomes a `Failed`)."""
    from ..pipeline import parse_layout
    from ..read import read

    try:
        st = os.stat(path)
        data = Path(path).read_bytes()
    except OSError as exc:
        return Failed(path, None, -1, -1, "InputError", f"cannot read: {exc.strerror or exc}")
    doc_id = file_hash(data)
    try:
        layout = read(data)
        layout.source = path
        record = parse_layout(layout)
        rec = record.model_dump(mode="json")
        rec["source"] = path
        return Converted(doc_id, path, st.st_size, st.st_mtime_ns, rec, layout.text, layout.format)
    except DispatchParserError as exc:
        return Failed(path, doc_id, st.st_size, st.st_mtime_ns, type(exc).__name__,
                      str(exc).replace("<bytes>: ", ""))
    except Exception as exc:   # a parser bug must not stop the batch: record it, go on
        return Failed(path, doc_id, st.st_size, st.st_mtime_ns, type(exc).__name__, f"internal error: {exc}")


class Executor(Protocol):
    """Runs `convert_one` over paths, yielding results as they finish."""

    def map_unordered(self, fn: Callable[[str], "Converted | Failed"], items: Sequence[str],
                      lost: Optional[Callable[[str], "Failed"]] = None) -> Iterator: ...


class SerialExecutor:
    def map_unordered(self, fn, items, lost=None):
        for item in items:
            yield fn(item)


class ProcessExecutor:
    """All cores by default; a bounded number of tasks in flight keeps memory flat."""

    def __init__(self, workers: Optional[int] = None):
        self.workers = workers or os.cpu_count() or 1

    def map_unordered(self, fn, items, lost=None):
        """`lost(item)` stands in for the result of an item whose worker process died
        (killed, out of memory); without it such an item is left out."""
        items = list(items)
        if self.workers <= 1 or len(items) <= 1:
            yield from SerialExecutor().map_unordered(fn, items)
            return
        in_flight: dict[Future, object] = {}
        todo = deque(items)
        try:
            with ProcessPoolExecutor(max_workers=self.workers) as pool:
                limit = self.workers * 8
                while todo:
                    # an item leaves `todo` only once submitted: submit itself raises on a
                    # pool that broke while the consumer was busy
                    future = pool.submit(fn, todo[0])
                    in_flight[future] = todo.popleft()
                    if len(in_flight) >= limit:
                        yield from self._finished(in_flight)
                while in_flight:
                    yield from self._finished(in_flight)
        except BrokenProcessPool:
            # which item killed its worker is unknown: those in flight run one per process,
            # then the rest go on in a new pool
            for item in in_flight.values():
                yield from _alone(fn, item, lost)
            yield from self.map_unordered(fn, todo, lost)

    @staticmethod
    def _finished(in_flight: dict):
        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
        for f in done:
            result = f.result()          # BrokenProcessPool propagates with the item still listed
            del in_flight[f]
            yield result


def _alone(fn, item, lost):
    with ProcessPoolExecutor(max_workers=1) as one:
        try:
            yield one.submit(fn, item).result()
        except BrokenProcessPool:
            if lost is not None:
                yield lost(item)


def worker_died(path: str) -> "Failed":
    try:
        st = os.stat(path)
        doc_id = file_hash(Path(path).read_bytes())
    except OSError:
        return Failed(path, None, -1, -1, "WorkerDied", "the process reading it died")
    return Failed(path, doc_id, st.st_size, st.st_mtime_ns, "WorkerDied",
                  "the process reading it died (out of memory or killed); the other files were converted")


@dataclass
class Summary:
    found: int = 0
    skipped: int = 0
    converted: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    review: int = 0
    duplicates: int = 0

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


def plan(store: SQLiteStore, paths: Sequence[Path], retry_failed: bool = False) -> tuple[list[str], int]:
    """Which paths need parsing. Same path, size and mtime as stored: skipped. Otherwise the
    content hash decides: bytes already stored are linked to the path without parsing."""
    known = store.known()
    todo: list[str] = []
    skipped = 0
    for p in paths:
        key = str(p)
        try:
            st = p.stat()
        except OSError:
            todo.append(key)
            continue
        prev = known.get(key)
        if prev is None:
            todo.append(key)        # a new path: the worker hashes it (no second read here)
            continue
        if prev[1] == st.st_size and prev[2] == st.st_mtime_ns and not (
                retry_failed and store.is_failure(key)):
            skipped += 1
            continue
        try:
            digest = file_hash(p.read_bytes())
        except OSError:
            todo.append(key)
            continue
        if store.has_document(digest):
            store.relink(key, digest, st.st_size, st.st_mtime_ns)
            skipped += 1
            continue
        todo.append(key)
    return todo, skipped


def convert(inputs: Sequence[str], db: "str | Path", *, executor: Optional[Executor] = None,
            batch_size: int = 50, retry_failed: bool = False, jsonl: Optional["str | Path"] = None,
            progress: Optional[Callable[[int, int, "Converted | Failed"], None]] = None) -> Summary:
    started = time.perf_counter()
    store = SQLiteStore(db)
    paths = discover(inputs)
    todo, skipped = plan(store, paths, retry_failed)
    summary = Summary(found=len(paths), skipped=skipped)
    executor = executor or ProcessExecutor()
    out = open(jsonl, "a", encoding="utf-8") if jsonl else None
    batch: list = []
    try:
        for i, result in enumerate(executor.map_unordered(convert_one, todo, lost=worker_died), 1):
            batch.append(result)
            if isinstance(result, Failed):
                summary.failed += 1
                summary.failures.append((result.path, f"{result.error}: {result.message}"))
            else:
                summary.converted += 1
                if out:
                    out.write(json.dumps(result.record, ensure_ascii=False) + "\n")
            if progress:
                progress(i, len(todo), result)
            if len(batch) >= batch_size:
                store.write(batch)
                batch = []
        if batch:
            store.write(batch)
        summary.duplicates = store.mark_duplicates()
        summary.review = store.counts()["needs_review"]
    finally:
        if out:
            out.close()
        store.close()
    summary.seconds = time.perf_counter() - started
    return summary
