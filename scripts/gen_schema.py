#!/usr/bin/env python3
"""Write schemas/record.schema.json, the JSON Schema of `DispatchRecord`.

Run after changing dispatch_parser/models.py; tests/test_schema.py fails while the committed
file differs from what this script writes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "schemas" / "record.schema.json"


def render_schema() -> str:
    """The schema as the exact text committed to schemas/ (stable key order, final newline)."""
    sys.path.insert(0, str(ROOT))
    from dispatch_parser.models import DispatchRecord

    # mode="serialization" describes the JSON the CLI prints (it includes computed `date.iso`)
    schema = DispatchRecord.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> int:
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(render_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
