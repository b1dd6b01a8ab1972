"""Queries over the store: full-text search, citation chains, counts."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Optional

import regex

from ..vntext import fold
from .store import number_key

_SEARCH_COLUMNS = ("doc_id, path, document_type, number_raw, issuer, issued, year, month, day, "
                   "subject, duplicate_of, needs_review")


def fts_query(text: str) -> str:
    """A user's words -> an FTS5 query over the folded column: every word must occur, in
    order where quoted; punctuation that FTS5 would read as syntax is dropped."""
    phrases = regex.findall(r'"([^"]+)"|(\S+)', text)
    parts = []
    for quoted, word in phrases:
        words = regex.findall(r"[\p{L}\p{N}]+", fold(quoted or word))
        if words:
            parts.append('"' + " ".join(words) + '"')
    if not parts:
        return ""
    # all the words as one phrase first matches the phrase anywhere in the folded text
    return "folded : (" + " AND ".join(parts) + ")"


def search(db: sqlite3.Connection, query: str, *, issuer: Optional[str] = None,
           doc_type: Optional[str] = None, date_from: Optional[str] = None,
           date_to: Optional[str] = None, limit: int = 50, phrase: bool = True) -> list[dict]:
    """Documents whose text contains the words of `query` (diacritics and tone placement
    ignored), filtered by issuer (substring, folded), type, and issue date range (ISO)."""
    where, args = [], []
    fts = ""
    if query.strip():
        if phrase and '"' not in query:
            words = regex.findall(r"[\p{L}\p{N}]+", fold(query))
            fts = 'folded : "' + " ".join(words) + '"' if words else ""
        else:
            fts = fts_query(query)
    if issuer:
        where.append("(fold(d.issuer) LIKE ? OR fold(d.issuer_parent) LIKE ?)")
        args += [f"%{fold(issuer)}%"] * 2
    if doc_type:
        where.append("fold(d.document_type) = ?")
        args.append(fold(doc_type))
    if date_from:
        where.append("printf('%04d-%02d-%02d', d.year, coalesce(d.month, 1), coalesce(d.day, 1)) >= ?")
        args.append(date_from)
    if date_to:
        where.append("printf('%04d-%02d-%02d', d.year, coalesce(d.month, 12), coalesce(d.day, 31)) <= ?")
        args.append(date_to)
    if date_from or date_to:
        where.append("d.year IS NOT NULL")
    register_functions(db)
    cols = ", ".join("d." + c.strip() for c in _SEARCH_COLUMNS.split(","))
    if fts:
        # Walk the full-text hits newest-stored first and stop at `limit`: FTS5 yields rowids
        # in order without scoring every hit, which keeps common phrases fast on big stores.
        sql = (f"SELECT {cols} FROM documents_fts f JOIN documents d ON d.rowid = f.rowid "
               f"WHERE documents_fts MATCH ? {''.join(' AND ' + w for w in where)} "
               "ORDER BY f.rowid DESC LIMIT ?")
        rows = [dict(r) for r in db.execute(sql, [fts, *args, limit])]
    else:
        sql = f"SELECT {cols} FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY d.rowid DESC LIMIT ?"
        rows = [dict(r) for r in db.execute(sql, [*args, limit])]
    # newest issue date first for display
    rows.sort(key=lambda r: (r.get("year") or 0, r.get("month") or 0, r.get("day") or 0), reverse=True)
    return rows


def register_functions(db: sqlite3.Connection) -> None:
    db.create_function("fold", 1, lambda s: fold(s) if s else s, deterministic=True)


@dataclass
class Citations:
    number: str
    document: Optional[dict]          # the corpus document with that number, if any
    cited_by: list[dict]              # corpus documents that cite it
    cites: list[dict]                 # what that document cites
    chain: list[list[dict]]           # cited_by, recursively: who cites the citers


def refs(db: sqlite3.Connection, number: str, depth: int = 3) -> Citations:
    """Which corpus documents cite `number`, what that document cites, and the chain of
    documents implementing it (ministry -> province -> commune)."""
    key = number_key(number)
    doc = db.execute(f"SELECT {_SEARCH_COLUMNS} FROM documents WHERE number_key=? ORDER BY doc_id LIMIT 1",
                     (key,)).fetchone()
    cited_by = _citers(db, key)
    cites = []
    if doc is not None:
        cites = [dict(r) for r in db.execute(
            "SELECT number, doc_type, date, issuer, subject, legal_basis FROM doc_references "
            "WHERE doc_id=? ORDER BY pos", (doc["doc_id"],))]
    chain: list[list[dict]] = []
    level, seen = cited_by, {key}
    for _ in range(depth):
        if not level:
            break
        chain.append(level)
        nxt = []
        for d in level:
            k = number_key(d.get("number_raw"))
            if k and k not in seen and d.get("number_raw") and not d["number_raw"].startswith("/"):
                seen.add(k)
                nxt.extend(_citers(db, k))
        level = nxt
    return Citations(number, dict(doc) if doc else None, cited_by, cites, chain)


def _citers(db: sqlite3.Connection, key: Optional[str]) -> list[dict]:
    if not key:
        return []
    rows = db.execute(
        f"SELECT DISTINCT {', '.join('d.' + c.strip() for c in _SEARCH_COLUMNS.split(','))}, "
        "MAX(r.legal_basis) AS legal_basis FROM doc_references r JOIN documents d USING (doc_id) "
        "WHERE r.number_key=? GROUP BY d.doc_id ORDER BY d.year, d.month, d.day, d.doc_id", (key,))
    return [dict(r) for r in rows]


def stats(db: sqlite3.Connection) -> dict:
    """Counts by issuer, type and month, and the store's totals."""
    q = lambda sql: [dict(r) for r in db.execute(sql)]
    return {
        "totals": q("SELECT (SELECT COUNT(*) FROM documents) AS documents, "
                    "(SELECT COUNT(*) FROM files) AS files, (SELECT COUNT(*) FROM failures) AS failures, "
                    "(SELECT COUNT(*) FROM documents WHERE needs_review) AS needs_review, "
                    "(SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL) AS duplicates")[0],
        "by_issuer": q("SELECT coalesce(issuer, '(unknown)') AS issuer, COUNT(*) AS n FROM documents "
                       "GROUP BY 1 ORDER BY n DESC, 1"),
        "by_type": q("SELECT coalesce(document_type, '(unknown)') AS document_type, COUNT(*) AS n "
                     "FROM documents GROUP BY 1 ORDER BY n DESC, 1"),
        "by_month": q("SELECT CASE WHEN year IS NULL THEN '(undated)' WHEN month IS NULL THEN "
                      "printf('%04d', year) ELSE printf('%04d-%02d', year, month) END AS month, "
                      "COUNT(*) AS n FROM documents GROUP BY 1 ORDER BY 1"),
    }
