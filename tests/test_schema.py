"""The committed JSON Schema is current, and parsed records validate against it."""
from __future__ import annotations

import importlib.util
import json

import jsonschema
import pytest

from conftest import REPO, SEEDS_TEXT, shared_or_skip
from dispatch_parser import parse

SCHEMA_FILE = REPO / "schemas" / "record.schema.json"


def _gen_schema_module():
    spec = importlib.util.spec_from_file_location("gen_schema", REPO / "scripts" / "gen_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_committed_schema_is_current():
    expected = _gen_schema_module().render_schema()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == expected, (
        "schemas/record.schema.json is stale: run `.venv/bin/python scripts/gen_schema.py` "
        "and commit the result")


def test_schema_is_valid_json_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)


def test_sample_record_validates(schema, sample_text):
    record = parse(sample_text).model_dump(mode="json")
    jsonschema.validate(record, schema, cls=jsonschema.Draft202012Validator)


def test_seed_records_validate(schema):
    shared_or_skip(SEEDS_TEXT)
    for path in sorted(SEEDS_TEXT.glob("*.txt")):
        record = parse(path).model_dump(mode="json")
        jsonschema.validate(record, schema, cls=jsonschema.Draft202012Validator)


def test_schema_rejects_a_broken_record(schema, sample_text):
    record = parse(sample_text).model_dump(mode="json")
    record["date"]["month"] = 13
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema, cls=jsonschema.Draft202012Validator)


def test_empty_record_validates(schema):
    record = parse("Hôm nay trời đẹp, chúng tôi đi chơi công viên.").model_dump(mode="json")
    jsonschema.validate(record, schema, cls=jsonschema.Draft202012Validator)
