"""Exports of the store: JSONL (full records), CSV and Parquet (one row per document), and
the metadata set of Decree 30, Appendix VI, that records-management systems import."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Iterator

FLAT_COLUMNS = ["doc_id", "path", "document_type", "number_raw", "number_seq", "number_symbol",
                "issuer", "issuer_parent", "place", "issued", "year", "month", "day", "subject",
                "signer_name", "signer_position", "urgency", "secrecy", "needs_review", "duplicate_of"]


def records(db: sqlite3.Connection) -> Iterator[dict]:
    for (text,) in db.execute("SELECT record_json FROM documents ORDER BY path"):
        yield json.loads(text)


def flat_rows(db: sqlite3.Connection) -> Iterator[dict]:
    db.row_factory = sqlite3.Row
    for row in db.execute(f"SELECT {', '.join(FLAT_COLUMNS)} FROM documents ORDER BY path"):
        yield dict(row)


def decree30_metadata(record: dict) -> dict:
    """One record as the Appendix VI metadata set (names as records systems use them)."""
    number = record.get("number") or {}
    date = record.get("date") or {}
    signer = record.get("signer") or {}
    issuer = record.get("issuer") or {}
    marks = record.get("marks") or {}
    issued = None
    if date.get("year"):
        issued = "-".join(f"{v:02d}" if i else f"{v:04d}" for i, v in enumerate(
            [date.get("year"), date.get("month"), date.get("day")]) if v)
    signer_info = ", ".join(x for x in [*(signer.get("authority") or []), signer.get("position"),
                                        signer.get("name")] if x) or None
    return {
        "TypeName": record.get("document_type"),
        "CodeNumber": str(number["seq"]) if number.get("seq") is not None else None,
        "CodeNotation": number.get("symbol"),
        "IssuedDate": issued,
        "OrganName": issuer.get("name"),
        "ParentOrganName": issuer.get("parent"),
        "Place": record.get("place"),
        "Subject": record.get("subject"),
        "SignerInfo": signer_info,
        "SignerName": signer.get("name"),
        "SignerPosition": signer.get("position"),
        "To": record.get("recipients") or [],
        "Distribution": record.get("distribution") or [],
        "Urgency": marks.get("urgency"),
        "Confidentiality": marks.get("secrecy"),
        "LegalBasis": [r.get("number") for r in record.get("legal_basis") or [] if r.get("number")],
    }


def export(db: sqlite3.Connection, fmt: str, out: "str | Path") -> int:
    out = Path(out)
    n = 0
    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as f:
            for rec in records(db):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    elif fmt == "decree30":
        with out.open("w", encoding="utf-8") as f:
            for rec in records(db):
                f.write(json.dumps(decree30_metadata(rec), ensure_ascii=False) + "\n")
                n += 1
    elif fmt == "csv":
        with out.open("w", encoding="utf-8-sig", newline="") as f:   # BOM: Excel reads UTF-8
            w = csv.DictWriter(f, fieldnames=FLAT_COLUMNS)
            w.writeheader()
            for row in flat_rows(db):
                w.writerow(row)
                n += 1
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        rows = list(flat_rows(db))
        table = pa.Table.from_pylist(rows, schema=_parquet_schema(pa))
        pq.write_table(table, out)
        n = len(rows)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return n


def _parquet_schema(pa):
    ints = {"number_seq", "year", "month", "day", "needs_review"}
    return pa.schema([(c, pa.int64() if c in ints else pa.string()) for c in FLAT_COLUMNS])
