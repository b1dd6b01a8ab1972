"""The analyst web view: Datasette over the store, read-only, with full-text search,
facets and canned queries configured."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

CANNED = {
    "search_text": {
        "title": "Tìm trong toàn văn (không dấu cũng được)",
        "sql": ("select d.document_type, d.number_raw, d.issuer, d.issued, d.subject, d.path "
                "from documents d where d.doc_id in (select doc_id from documents_fts "
                "where documents_fts match 'folded : \"' || fold(:q) || '\"') "
                "order by d.year desc, d.month desc, d.day desc limit 200"),
    },
    "cited_by": {
        "title": "Văn bản nào trích dẫn số …",
        "sql": ("select d.document_type, d.number_raw, d.issuer, d.issued, d.subject, "
                "r.legal_basis from doc_references r join documents d using (doc_id) "
                "where r.number_key = replace(fold(:number), ' ', '') order by d.year, d.month, d.day"),
    },
    "needs_review": {
        "title": "Bản ghi cần kiểm tra lại",
        "sql": "select path, document_type, number_raw, issuer, warnings from documents where needs_review",
    },
    "failures": {"title": "Tệp không đọc được", "sql": "select * from failures order by path"},
}


def metadata(db_path: str) -> dict:
    name = Path(db_path).stem
    return {
        "title": "dispatch-parser corpus",
        "description": "Văn bản hành chính đã được phân tích (Nghị định 30/2020/NĐ-CP)",
        "databases": {name: {
            "queries": CANNED,
            "tables": {
                "documents": {
                    "fts_table": "documents_fts",
                    "facets": ["issuer", "document_type", "year"],
                    "sort_desc": "year",
                    "label_column": "subject",
                    "hidden_columns": [],
                },
                "documents_fts": {"hidden": True},
            },
        }},
        "plugins": {},
    }


def plugin_source() -> str:
    """A one-function Datasette plugin: `fold()` in SQL, the same folding the store uses."""
    return (
        "from datasette import hookimpl\n"
        "from dispatch_parser.vntext import fold\n\n"
        "@hookimpl\n"
        "def prepare_connection(conn):\n"
        "    conn.create_function('fold', 1, lambda s: fold(s) if s else s, deterministic=True)\n"
    )


def serve_command(db_path: str, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """The datasette command line, with metadata and plugin written to a temp folder."""
    tmp = Path(tempfile.mkdtemp(prefix="dispatch-serve-"))
    (tmp / "metadata.json").write_text(json.dumps(metadata(db_path), ensure_ascii=False), "utf-8")
    plugins = tmp / "plugins"
    plugins.mkdir()
    (plugins / "fold_function.py").write_text(plugin_source(), "utf-8")
    return [sys.executable, "-m", "datasette", "serve", "-i", str(db_path), "--metadata",
            str(tmp / "metadata.json"), "--plugins-dir", str(plugins), "--host", host,
            "--port", str(port), "--setting", "default_page_size", "50"]


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8001) -> int:
    cmd = serve_command(db_path, host, port)
    os.execv(cmd[0], cmd)
    return 0
