"""The corpus store: one small interface, SQLite behind it.

`Store` is what the converter and the queries use; `SQLiteStore` implements it on an
embedded database (WAL journal, one transaction per batch, so a killed run loses only the
batch in flight). A PostgreSQL store can implement the same methods.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Optional, Protocol

import regex

from ..vntext import fold


def number_key(number: Optional[str]) -> Optional[str]:
    """The lookup key of a document number: folded, without spaces ('1752/ubnd-thcb')."""
    if not number:
        return None
    return regex.sub(r"\s+", "", fold(number)) or None


@dataclass
class Converted:
    """One converted input: its record (as JSON dict) and normalized text. The folded text
    and the record's JSON are made in the worker, so the single writer only writes."""

    doc_id: str
    path: str
    size: int
    mtime_ns: int
    record: dict
    text: str
    format: str
    folded: str = ""
    record_json: str = ""

    def __post_init__(self) -> None:
        if not self.folded:
            self.folded = fold(self.text)
        if not self.record_json:
            self.record_json = json.dumps(self.record, ensure_ascii=False, sort_keys=True)


@dataclass
class Failed:
    path: str
    doc_id: Optional[str]
    size: int
    mtime_ns: int
    error: str
    message: str


class Store(Protocol):
    def known(self) -> dict[str, tuple[str, int, int]]: ...
    def write(self, results: Iterable["Converted | Failed"]) -> None: ...
    def mark_duplicates(self) -> int: ...
    def close(self) -> None: ...


def schema_sql() -> str:
    return resources.files("dispatch_parser.corpus").joinpath("schema.sql").read_text("utf-8")


class SQLiteStore:
    """The corpus in one SQLite file."""

    def __init__(self, path: "str | Path", *, readonly: bool = False):
        self.path = str(path)
        if readonly:
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.db = sqlite3.connect(uri, uri=True)
        else:
            self.db = sqlite3.connect(self.path)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(schema_sql())
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys=ON")

    # --- what is done -------------------------------------------------------------------
    def known(self) -> dict[str, tuple[str, int, int]]:
        """path -> (content hash, size, mtime) of every input converted or failed before."""
        out = {r["path"]: (r["doc_id"], r["size"], r["mtime_ns"])
               for r in self.db.execute("SELECT path, doc_id, size, mtime_ns FROM files")}
        for r in self.db.execute("SELECT path, doc_id, size, mtime_ns FROM failures"):
            out.setdefault(r["path"], (r["doc_id"], r["size"], r["mtime_ns"]))
        return out

    def is_failure(self, path: str) -> bool:
        return self.db.execute("SELECT 1 FROM failures WHERE path=?", (path,)).fetchone() is not None

    def relink(self, path: str, doc_id: str, size: int, mtime_ns: int) -> None:
        """Point a path at content already stored (same bytes, new mtime or new path)."""
        with self.db:
            old = self.db.execute("SELECT doc_id FROM files WHERE path=?", (path,)).fetchone()
            self.db.execute("INSERT OR REPLACE INTO files(path, doc_id, size, mtime_ns) VALUES (?,?,?,?)",
                            (path, doc_id, size, mtime_ns))
            self.db.execute("DELETE FROM failures WHERE path=?", (path,))
            if old is not None and old[0] != doc_id:
                self._drop_if_orphan(old[0])

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE doc_id=?", (doc_id,)).fetchone() is not None

    # --- writing ----------------------------------------------------------------------
    def write(self, results: Iterable["Converted | Failed"]) -> None:
        """Write one batch in one transaction."""
        replaced: set[str] = set()
        with self.db:
            for r in results:
                old = self.db.execute("SELECT doc_id FROM files WHERE path=?", (r.path,)).fetchone()
                if old is not None and old[0] != r.doc_id:
                    replaced.add(old[0])
                if isinstance(r, Failed):
                    self.db.execute("DELETE FROM files WHERE path=?", (r.path,))
                    self.db.execute(
                        "INSERT OR REPLACE INTO failures(path, doc_id, size, mtime_ns, error, message) "
                        "VALUES (?,?,?,?,?,?)", (r.path, r.doc_id, r.size, r.mtime_ns, r.error, r.message))
                    continue
                self.db.execute("DELETE FROM failures WHERE path=?", (r.path,))
                if not self.has_document(r.doc_id):
                    self._insert_document(r)
                self.db.execute("INSERT OR REPLACE INTO files(path, doc_id, size, mtime_ns) VALUES (?,?,?,?)",
                                (r.path, r.doc_id, r.size, r.mtime_ns))
            # a document no file points to any more (its file changed) goes away
            for doc_id in replaced:
                self._drop_if_orphan(doc_id)

    def _drop_if_orphan(self, doc_id: str) -> None:
        if self.db.execute("SELECT 1 FROM files WHERE doc_id=?", (doc_id,)).fetchone():
            return
        row = self.db.execute("SELECT rowid FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        if row is not None:
            self.db.execute("DELETE FROM documents_fts WHERE rowid=?", (row[0],))
            self.db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))

    def _insert_document(self, r: Converted) -> None:
        rec = r.record
        number = rec.get("number") or {}
        issuer = rec.get("issuer") or {}
        date = rec.get("date") or {}
        signer = rec.get("signer") or {}
        marks = rec.get("marks") or {}
        review = bool(rec.get("warnings")) or any(
            (s or {}).get("confidence", 1) < 0.5 for s in (rec.get("status") or {}).values())
        self.db.execute(
            """INSERT INTO documents(doc_id, path, format, document_type, number_raw, number_seq,
               number_symbol, number_key, issuer, issuer_parent, place, year, month, day, issued,
               subject, signer_name, signer_position, urgency, secrecy, needs_review, warnings,
               record_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (r.doc_id, r.path, r.format, rec.get("document_type"), number.get("raw"), number.get("seq"),
             number.get("symbol"), number_key(number.get("raw")), issuer.get("name") or None,
             issuer.get("parent"), rec.get("place"), date.get("year"), date.get("month"),
             date.get("day"), date.get("iso"), rec.get("subject"), signer.get("name"),
             signer.get("position"), marks.get("urgency"), marks.get("secrecy"), int(review),
             json.dumps(rec.get("warnings") or [], ensure_ascii=False),
             r.record_json))
        d = r.doc_id
        self.db.executemany("INSERT INTO recipients VALUES (?,?,?)",
                            [(d, i, x) for i, x in enumerate(rec.get("recipients") or [])])
        basis = {number_key(x.get("number")) for x in rec.get("legal_basis") or [] if x.get("number")}
        refs = list(rec.get("references") or [])
        self.db.executemany(
            "INSERT INTO doc_references VALUES (?,?,?,?,?,?,?,?,?)",
            [(d, i, int(number_key(x.get("number")) in basis and x.get("number") is not None),
              x.get("doc_type"), x.get("number"), number_key(x.get("number")), x.get("date"),
              x.get("issuer"), x.get("subject")) for i, x in enumerate(refs)])
        self.db.executemany("INSERT OR IGNORE INTO directives VALUES (?,?,?,?,?)",
                            list(_flatten(d, rec.get("directives") or [])))
        self.db.executemany(
            "INSERT INTO contacts VALUES (?,?,?,?,?,?,?)",
            [(d, i, c.get("name"), c.get("title"), c.get("organization"),
              json.dumps(c.get("phones") or [], ensure_ascii=False), json.dumps(c.get("emails") or []))
             for i, c in enumerate(rec.get("contacts") or [])])
        if signer:
            self.db.execute("INSERT INTO signers VALUES (?,?,?,?)",
                            (d, signer.get("name"), signer.get("position"),
                             json.dumps(signer.get("authority") or [], ensure_ascii=False)))
        self.db.executemany("INSERT INTO distribution VALUES (?,?,?)",
                            [(d, i, x) for i, x in enumerate(rec.get("distribution") or [])])
        # the FTS row shares the document's rowid, which is how Datasette joins the two
        self.db.execute("INSERT INTO documents_fts(rowid, doc_id, subject, issuer, text, folded) "
                        "SELECT rowid, doc_id, ?, ?, ?, ? FROM documents WHERE doc_id=?",
                        (rec.get("subject"), issuer.get("name"), r.text, r.folded, d))

    def mark_duplicates(self) -> int:
        """Flag documents with the same number, symbol and issuer as an earlier one
        (Decree 30, Appendix VI: the identity of a document). Returns how many."""
        with self.db:
            self.db.execute("UPDATE documents SET duplicate_of=NULL")
            self.db.execute(
                """UPDATE documents SET duplicate_of = (
                       SELECT MIN(o.doc_id) FROM documents o
                       WHERE o.number_key = documents.number_key AND o.number_seq IS NOT NULL
                         AND o.issuer IS documents.issuer AND o.doc_id < documents.doc_id)
                   WHERE number_key IS NOT NULL AND number_seq IS NOT NULL""")
        return self.db.execute("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0]

    def counts(self) -> dict[str, int]:
        q = lambda sql: self.db.execute(sql).fetchone()[0]
        return {"documents": q("SELECT COUNT(*) FROM documents"), "files": q("SELECT COUNT(*) FROM files"),
                "failures": q("SELECT COUNT(*) FROM failures"),
                "needs_review": q("SELECT COUNT(*) FROM documents WHERE needs_review"),
                "duplicates": q("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL")}

    def close(self) -> None:
        self.db.close()


def _flatten(doc_id: str, items: list, prefix: str = "", depth: int = 0) -> Iterator[tuple]:
    bullets: dict[str, int] = {}
    for item in items:
        label = str(item.get("label") or "")
        key = label
        if label in ("-", "+", "•", ""):
            bullets[label] = bullets.get(label, 0) + 1
            key = f"{label}{bullets[label]}"
        path = f"{prefix}/{key}" if prefix else key
        yield doc_id, path, depth, label, item.get("text") or ""
        yield from _flatten(doc_id, item.get("children") or [], path, depth + 1)
