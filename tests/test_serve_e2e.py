"""The analyst web view, end to end: Datasette over a converted store, driven in headless
Chromium. Open the page, search without diacritics, see the right documents."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from dispatch_parser.corpus.convert import SerialExecutor, convert
from dispatch_parser.corpus.serve import serve_command

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds" / "text"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared corpus not beside the repo"),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/setup.sh installs it)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "corpus.sqlite"
    convert([str(SEEDS)], db, executor=SerialExecutor())
    port = _free_port()
    proc = subprocess.Popen(serve_command(str(db), port=port), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"datasette did not start: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
    yield url, db.stem
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page()
        yield page
        browser.close()


def test_search_box_without_diacritics_finds_the_documents(server, page):
    url, name = server
    page.goto(f"{url}/{name}/documents")
    box = page.locator("input[name=_search]")
    box.fill("lo hong bao mat")       # 'lỗ hổng bảo mật', typed without diacritics
    box.press("Enter")
    page.wait_for_load_state("networkidle")
    body = page.inner_text("body")
    assert "cảnh báo lỗ hổng bảo mật" in body
    rows = page.locator("table.rows-and-columns tbody tr")
    # seeds 000 and 002 and 003 mention lỗ hổng bảo mật in their text
    assert rows.count() >= 2
    assert "Tuyên Quang" in body or "Tam Điệp" in body


def test_facets_and_canned_query(server, page):
    url, name = server
    page.goto(f"{url}/{name}/documents")
    body = page.inner_text("body")
    assert "issuer" in body and "document_type" in body and "year" in body
    page.goto(f"{url}/{name}/search_text?q=an+toan+thong+tin")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 5          # all five seeds are about an toàn thông tin
    # the view is read-only: no write SQL is accepted
    page.goto(f"{url}/{name}?sql=delete+from+documents")
    assert "must be a SELECT" in page.inner_text("body")
    left = urllib.request.urlopen(f"{url}/{name}.json?sql=select+count(*)+as+n+from+documents&_shape=array")
    assert json.loads(left.read()) == [{"n": 5}]
