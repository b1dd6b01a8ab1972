"""The corpus store: resumable conversion, crash safety, search, refs, stats, exports."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from dispatch_parser.corpus.convert import SerialExecutor, convert
from dispatch_parser.corpus.export import export
from dispatch_parser.corpus.query import refs, search, stats
from dispatch_parser.corpus.store import SQLiteStore
from dispatch_parser.vntext import standard_tones

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds" / "text"
CLI = [sys.executable, "-m", "dispatch_parser.cli"]

needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared corpus not beside the repo")


def text_inputs() -> list[Path]:
    corpus = SHARED / "corpus"
    return sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md") and "gold" not in p.parts)


def dump(db_path: Path) -> dict:
    """Every table's rows in a fixed order: two stores with equal dumps hold the same data."""
    db = sqlite3.connect(db_path)
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'documents_fts%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    out = {t: sorted(map(repr, db.execute(f"SELECT * FROM {t}"))) for t in tables}
    out["fts"] = sorted(map(repr, db.execute("SELECT doc_id, subject FROM documents_fts")))
    db.close()
    return out


def copies(src: list[Path], folder: Path, n: int) -> list[Path]:
    """n distinct files made from real documents (a counter line keeps their hashes apart)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        s = src[i % len(src)]
        p = folder / f"{i:04d}_{s.stem}{s.suffix}"
        p.write_bytes(s.read_bytes() + f"\n\n{i}\n".encode())
        out.append(p)
    return out


@needs_shared
def test_second_run_parses_nothing_and_inputs_stay_untouched(tmp_path):
    inputs = text_inputs()
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs}
    db = tmp_path / "c.sqlite"
    first = convert([str(SHARED / "corpus")], db, executor=SerialExecutor())
    assert first.converted >= len(inputs)
    second = convert([str(SHARED / "corpus")], db, executor=SerialExecutor())
    assert second.converted == 0 and second.failed == 0
    assert second.skipped == first.found
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs} == before


def test_changed_file_is_parsed_again_and_bad_files_do_not_stop_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / "a.txt"
    good.write_text("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 12/UBND-VX\nLai Châu, ngày 2 tháng 3 năm 2024\n"
                    "V/v thử nghiệm\nKính gửi: Sở Tài chính\n1. Làm ngay.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
                    "Nguyễn Văn An\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    db = tmp_path / "c.sqlite"
    s1 = convert([str(folder)], db, executor=SerialExecutor())
    assert (s1.converted, s1.failed) == (1, 2)
    store = SQLiteStore(db, readonly=True)
    failures = {Path(r["path"]).name: r["error"] for r in store.db.execute("SELECT * FROM failures")}
    assert failures == {"empty.txt": "EmptyInputError", "binary.txt": "UnsupportedFormatError"}
    store.close()
    # the same run again: nothing is parsed, failures are not retried unless asked
    assert convert([str(folder)], db, executor=SerialExecutor()).converted == 0
    good.write_text(good.read_text(encoding="utf-8").replace("12/UBND-VX", "13/UBND-VX"), encoding="utf-8")
    s3 = convert([str(folder)], db, executor=SerialExecutor())
    assert s3.converted == 1
    store = SQLiteStore(db, readonly=True)
    numbers = [r[0] for r in store.db.execute("SELECT number_raw FROM documents")]
    assert numbers == ["13/UBND-VX"]      # the old content's record is gone with it
    store.close()


@needs_shared
def test_sigkill_halfway_then_rerun_equals_uninterrupted_run(tmp_path):
    files = copies(text_inputs(), tmp_path / "in", 240)
    clean_db, killed_db = tmp_path / "clean.sqlite", tmp_path / "killed.sqlite"
    args = ["convert", str(tmp_path / "in"), "--workers", "2", "--no-progress"]
    subprocess.run(CLI + args + ["--db", str(clean_db)], check=True, capture_output=True)

    proc = subprocess.Popen(CLI + args + ["--db", str(killed_db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    done = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            db = sqlite3.connect(f"file:{killed_db}?mode=ro", uri=True)
            done = db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
            db.close()
        except sqlite3.Error:
            continue
        if done >= 50:
            break
    assert proc.poll() is None, "the run finished before it could be killed; use more files"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < done < len(files)

    rerun = subprocess.run(CLI + args + ["--db", str(killed_db)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert "already done" in rerun.stderr
    assert dump(killed_db) == dump(clean_db)


def _contains(path: Path, phrase: str) -> bool:
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace")).lower()
    text = " ".join(standard_tones(text).split())
    return phrase in text


@needs_shared
def test_search_without_diacritics_finds_every_document_with_the_phrase(tmp_path):
    db = tmp_path / "c.sqlite"
    convert([str(p) for p in text_inputs()], db, executor=SerialExecutor())
    expected = {str(p) for p in text_inputs() if _contains(p, "an toàn thông tin")}
    assert len(expected) >= 5
    conn = SQLiteStore(db, readonly=True).db
    found = {r["path"] for r in search(conn, "an toan thong tin", limit=10_000)}
    assert expected <= found
    # the same with diacritics and the other tone placement
    assert {r["path"] for r in search(conn, "an toàn thông tin", limit=10_000)} == found
    # filters narrow the hits
    by_type = search(conn, "an toan thong tin", doc_type="Công văn", limit=10_000)
    assert by_type and all(r["document_type"] == "Công văn" for r in by_type)
    dated = search(conn, "an toan thong tin", date_from="2024-01-01", date_to="2024-12-31", limit=10_000)
    assert dated and all(r["year"] == 2024 for r in dated)


@needs_shared
def test_refs_lists_every_citing_document(tmp_path):
    db = tmp_path / "c.sqlite"
    convert([str(p) for p in text_inputs()], db, executor=SerialExecutor())
    conn = SQLiteStore(db, readonly=True).db
    row = conn.execute("SELECT number, COUNT(DISTINCT doc_id) AS n FROM doc_references "
                       "WHERE number IS NOT NULL GROUP BY number_key ORDER BY n DESC LIMIT 1").fetchone()
    assert row["n"] >= 3
    citing = {r[0] for r in conn.execute(
        "SELECT DISTINCT d.path FROM doc_references r JOIN documents d USING (doc_id) "
        "WHERE r.number_key = (SELECT number_key FROM doc_references WHERE number=? LIMIT 1)",
        (row["number"],))}
    result = refs(conn, row["number"])
    assert {d["path"] for d in result.cited_by} == citing
    # with different spacing and case the number is the same key
    assert len(refs(conn, row["number"].lower().replace("/", " / ")).cited_by) in (0, len(citing))


def test_duplicates_are_flagged_not_dropped(tmp_path):
    text = ("BỘ TÀI CHÍNH\nSố: 77/BTC-CST\nHà Nội, ngày 1 tháng 2 năm 2023\nV/v thuế\n"
            "Kính gửi: Cục Thuế\n1. Thực hiện.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Văn B\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text + "\n(bản sao)\n", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    summary = convert([str(tmp_path / "*.txt")], db, executor=SerialExecutor())
    assert summary.converted == 2 and summary.duplicates == 1
    conn = SQLiteStore(db, readonly=True).db
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2


@needs_shared
def test_stats_and_exports(tmp_path):
    import pyarrow.parquet as pq
    db = tmp_path / "c.sqlite"
    convert([str(SEEDS)], db, executor=SerialExecutor())
    conn = SQLiteStore(db, readonly=True).db
    st = stats(conn)
    assert st["totals"]["documents"] == 5
    assert sum(r["n"] for r in st["by_type"]) == 5
    assert export(conn, "jsonl", tmp_path / "r.jsonl") == 5
    first = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert "issuer" in first and "directives" in first
    assert export(conn, "csv", tmp_path / "r.csv") == 5
    assert export(conn, "parquet", tmp_path / "r.parquet") == 5
    assert pq.read_table(tmp_path / "r.parquet").num_rows == 5
    assert export(conn, "decree30", tmp_path / "m.jsonl") == 5
    meta = [json.loads(l) for l in (tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {"TypeName", "CodeNumber", "CodeNotation", "IssuedDate", "OrganName", "Subject",
            "SignerInfo", "To"} <= set(meta[0])
    assert any(m["CodeNotation"] == "UBND-THCB" and m["IssuedDate"] == "2023-04-28" for m in meta)


def test_schema_ddl_in_schemas_is_current():
    from dispatch_parser.corpus.store import schema_sql
    committed = Path(__file__).resolve().parents[1] / "schemas" / "store.sql"
    assert committed.read_text(encoding="utf-8") == schema_sql(), \
        "schemas/store.sql is stale: copy dispatch_parser/corpus/schema.sql over it"


def _dies_on_boom(path: str):
    """convert_one, except that reading 'boom.txt' ends the worker as an out-of-memory kill would."""
    if path.endswith("boom.txt"):
        os._exit(9)
    return _dies_on_boom.__wrapped_real__(path)


def test_a_worker_that_dies_costs_only_its_own_file(tmp_path, monkeypatch):
    import importlib

    from dispatch_parser.corpus.convert import ProcessExecutor

    module = importlib.import_module("dispatch_parser.corpus.convert")

    _dies_on_boom.__wrapped_real__ = module.convert_one
    monkeypatch.setattr(module, "convert_one", _dies_on_boom)
    folder = tmp_path / "in"
    folder.mkdir()
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: {n}/UBND-VX\nLai Châu, ngày 2 tháng 3 năm 2024\n"
            "V/v thử nghiệm\nKính gửi: Sở Tài chính\n1. Làm ngay.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n")
    for n in range(1, 7):
        (folder / f"d{n}.txt").write_text(text.format(n=n), encoding="utf-8")
    (folder / "boom.txt").write_text(text.format(n=99), encoding="utf-8")
    summary = convert([str(folder)], tmp_path / "c.sqlite", executor=ProcessExecutor(2))
    assert (summary.converted, summary.failed) == (6, 1)
    assert [Path(p).name for p, _ in summary.failures] == ["boom.txt"]
    assert "died" in summary.failures[0][1]


def _echo_or_die(item: str) -> str:
    if item == "boom":
        os._exit(9)              # as an out-of-memory kill would end the worker
    return item


def test_an_item_submitted_after_the_pool_broke_is_not_lost():
    """While the consumer is busy with a result, a worker dies: the next submit meets a broken
    pool, and that item must still be run."""
    import time

    from dispatch_parser.corpus.convert import ProcessExecutor

    items = ["a", "boom"] + [f"x{i}" for i in range(30)]
    seen = []
    for result in ProcessExecutor(2).map_unordered(_echo_or_die, items, lost=lambda item: f"lost {item}"):
        if not seen:
            time.sleep(1.5)      # the pool breaks meanwhile
        seen.append(result)
    assert sorted(seen) == sorted(["lost boom"] + [i for i in items if i != "boom"])
