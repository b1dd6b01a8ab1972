"""The `dispatch-parser parse` command: --json, --jsonl, --out DIR, errors and exit status."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dispatch_parser.cli import main


def run(capsys, *argv):
    code = main(["parse", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_prints_one_record(capsys, sample_file):
    code, out, _ = run(capsys, sample_file, "--json")
    assert code == 0
    record = json.loads(out)
    assert record["number"]["raw"] == "215/SKHCN-VP"
    assert record["source"] == str(sample_file)


def test_default_output_is_json(capsys, sample_file):
    code, out, _ = run(capsys, sample_file)
    assert code == 0 and json.loads(out)["document_type"] == "Công văn"


def test_jsonl_prints_one_line_per_input(capsys, sample_file, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text(sample_file.read_text(encoding="utf-8").replace("215/", "216/"), encoding="utf-8")
    code, out, _ = run(capsys, sample_file, second, "--jsonl")
    lines = out.strip().split("\n")
    assert code == 0 and len(lines) == 2
    assert [json.loads(l)["number"]["seq"] for l in lines] == [215, 216]


def test_out_writes_stem_json(capsys, sample_file, tmp_path):
    out_dir = tmp_path / "records"
    code, out, _ = run(capsys, sample_file, "--out", out_dir)
    assert code == 0 and out == ""
    written = out_dir / f"{sample_file.stem}.json"
    assert json.loads(written.read_text(encoding="utf-8"))["subject"].startswith("tăng cường")


def test_failed_input_goes_to_stderr_and_sets_exit_status(capsys, sample_file, tmp_path):
    empty = tmp_path / "trống.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, sample_file, empty, missing, "--jsonl")
    assert code == 1
    assert len(out.strip().split("\n")) == 1          # the good file still printed
    assert "trống.txt" in err and "missing.txt" in err


def test_all_good_inputs_exit_zero(capsys, sample_file):
    assert run(capsys, sample_file, "--jsonl")[0] == 0


def test_non_document_warns_on_stderr(capsys, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Chiều nay họp lớp ở quán cà phê quen.", encoding="utf-8")
    code, out, err = run(capsys, path, "--json")
    assert code == 0 and "note.txt" in err and "warning" in err
    code, _, err = run(capsys, path, "--json", "--strict")
    assert code == 1 and "note.txt" in err


def test_console_script_runs(sample_file, tmp_path):
    """The installed entry point, as users and score.py --cmd call it."""
    cli = Path(sys.executable).with_name("dispatch-parser")
    argv = [str(cli)] if cli.exists() else [sys.executable, "-m", "dispatch_parser.cli"]
    run = subprocess.run([*argv, "parse", str(sample_file), "--json"], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["number"]["symbol"] == "SKHCN-VP"
    bad = subprocess.run([*argv, "parse", str(tmp_path / "nope.txt")], capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode == 1 and "nope.txt" in bad.stderr


def test_internal_error_is_reported_with_the_file_and_the_batch_goes_on(capsys, sample_file, tmp_path,
                                                                        monkeypatch):
    import dispatch_parser.cli as cli
    real_parse = cli.parse
    broken = tmp_path / "boom.txt"
    broken.write_text("x", encoding="utf-8")

    def flaky(path, **kwargs):
        if Path(path).name == "boom.txt":
            raise RuntimeError("simulated bug")
        return real_parse(path, **kwargs)

    monkeypatch.setattr(cli, "parse", flaky)
    code, out, err = run(capsys, broken, sample_file, "--jsonl")
    assert code == 1 and len(out.strip().split("\n")) == 1
    assert "boom.txt" in err and "internal error" in err


def test_many_files_on_worker_processes_keep_order_and_survive_bad_ones(capsys, sample_file, tmp_path):
    files = []
    for seq in range(216, 222):
        f = tmp_path / f"d{seq}.txt"
        f.write_text(sample_file.read_text(encoding="utf-8").replace("215/", f"{seq}/"), encoding="utf-8")
        files.append(f)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files.insert(3, empty)
    code, out, err = run(capsys, *files, "--jsonl", "--jobs", "2")
    assert code == 1 and "empty.txt" in err
    assert [json.loads(l)["number"]["seq"] for l in out.strip().split("\n")] == list(range(216, 222))
    # the same records as one process gives
    assert run(capsys, *files, "--jsonl", "--jobs", "1")[1] == out


def test_a_worker_that_dies_loses_only_its_own_file(capsys, sample_file, tmp_path, monkeypatch):
    import os

    from dispatch_parser import cli

    real = cli._parse_one

    def dies_on_boom(args, path, many):
        if path.endswith("boom.txt"):
            os._exit(9)                  # as an out-of-memory kill would end the process
        return real(args, path, many)

    monkeypatch.setattr(cli, "_parse_one", dies_on_boom)
    files = []
    for name in ("a.txt", "boom.txt", "c.txt", "d.txt"):
        f = tmp_path / name
        f.write_text(sample_file.read_text(encoding="utf-8"), encoding="utf-8")
        files.append(f)
    code, out, err = run(capsys, *files, "--jsonl", "--jobs", "2")
    assert code == 1 and "boom.txt" in err and "died" in err
    assert len(out.strip().split("\n")) == 3          # a, c and d still parsed


def test_out_keeps_both_records_of_inputs_that_share_a_stem(capsys, sample_file, tmp_path):
    a, b = tmp_path / "a" / "x.txt", tmp_path / "b" / "x.md"
    for f, seq in ((a, 301), (b, 302)):
        f.parent.mkdir()
        f.write_text(sample_file.read_text(encoding="utf-8").replace("215/", f"{seq}/"), encoding="utf-8")
    out_dir = tmp_path / "records"
    assert run(capsys, a, b, "--out", out_dir)[0] == 0
    seqs = {p.name: json.loads(p.read_text(encoding="utf-8"))["number"]["seq"] for p in out_dir.iterdir()}
    assert seqs == {"x.txt.json": 301, "x.md.json": 302}
