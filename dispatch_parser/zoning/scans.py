"""Training lines from real OCR: generator documents rendered as noisy 300 dpi scans (or as
phone photos of them: fixtures/render_photo.py), read by the project's own OCR reader
(read/image.py), each OCR line labelled by aligning it to the zones the generator laid out.

Text-level noise (data.add_noise) imitates OCR; this is OCR itself: Tesseract's line splits,
its column order, wrapped body lines, debris from the stamp and the signature. Only synthetic
documents are rendered here (never the seeds / dev renderings the ablation is scored on, never
the acceptance documents). Some get footnotes and lines after the foot, which the generator's
documents lack, so that the zoner sees what a page foot looks like after OCR.

The OCR'd layouts are cached as pickles (OCR is ~10 s a page); Tesseract, the renderer and the
seeds are deterministic, so a rebuild from a clean clone reads the same lines.
"""
from __future__ import annotations

import copy
import dataclasses
import hashlib
import pickle
import random
from pathlib import Path
from typing import Optional, Sequence

from ..fixtures.document import FixtureDoc
from ..vntext import fold, rx
from .data import NUMBERED, zones
from .features import geometry

Example = tuple[list[str], list[str], list]   # line texts, labels, line geometry (features.geometry)

_FOOTNOTES = [
    "Số liệu tính từ ngày 01/01/{year} đến hết ngày 30/{m}/{year}.",
    "Theo báo cáo của {org} tại cuộc họp ngày {d}/{m}/{year}.",
    "{law} năm {lawyear} và các văn bản hướng dẫn thi hành.",
    "Danh sách chi tiết kèm theo Phụ lục số {n} của văn bản này.",
    "Không bao gồm các đơn vị đã được sáp nhập, hợp nhất trong năm {year}.",
    "Mức hỗ trợ theo quy định tại Điều {n} của {law} năm {lawyear}.",
    "Đối với các trường hợp đã nộp hồ sơ trước ngày {d}/{m}/{year} thì tiếp tục thực hiện theo quy định "
    "trước đây cho đến khi có hướng dẫn mới của cơ quan có thẩm quyền.",
]
_LAWS = ["Luật Ngân sách nhà nước", "Luật Đất đai", "Luật Đầu tư công", "Luật Cán bộ, công chức",
         "Luật Bảo hiểm xã hội", "Luật Giáo dục", "Luật Xây dựng", "Luật Tổ chức chính quyền địa phương"]
_AFTER = ["Ghi chú: Văn bản này thay thế văn bản số {n}/{sym} ngày {d}/{m}/{year}.", "{initials}",
          "Bản sao gửi kèm qua hệ thống quản lý văn bản điện tử."]


def augment(doc: FixtureDoc, seed: int, long: bool = False) -> FixtureDoc:
    """A copy of `doc` with, for some seeds, footnotes and lines after the foot."""
    rng = random.Random(seed * 7 + 3)
    doc = copy.deepcopy(doc)
    values = dict(year=doc.record.get("date", {}).get("year") or 2024, m=rng.randint(1, 12), d=rng.randint(1, 28),
                  n=rng.randint(1, 12), org=(doc.issuer_lines or ["Sở Nội vụ"])[-1].title(),
                  law=rng.choice(_LAWS), lawyear=rng.choice([2013, 2015, 2019, 2020, 2024]),
                  sym=(doc.number_line.split("/", 1)[-1] if "/" in doc.number_line else "UBND"),
                  initials=rng.choice(["TH", "NVA", "LT", "Hg"]) + "." + str(rng.randint(5, 30)) + "b")
    if rng.random() < 0.45:
        k = rng.randint(1, 2)
        # long: one to three sentences each (a real footnote often wraps over several lines)
        doc.footnotes = [(str(i + 1), " ".join(t.format(**values) for t in rng.sample(_FOOTNOTES, rng.randint(1, 3))))
                         if long else (str(i + 1), rng.choice(_FOOTNOTES).format(**values)) for i in range(k)]
    if rng.random() < 0.2:
        doc.after = [rng.choice(_AFTER).format(**values)]
    return doc


def scan_layout(doc: FixtureDoc, seed: int, cache: Optional[Path], photo: Optional[tuple[int, int]] = None):
    """The OCR reader's Layout of `doc` rendered as a noisy scan, or as phone photos of that scan
    `photo` = (least, most) px across the page, cached by content."""
    from ..fixtures import render_pdf, render_scan, scan_bytes
    from ..fixtures.render_photo import photo_bytes, render_photo
    from ..read import read
    # keyed by the document's content (the PDF's bytes hold its creation time)
    key = hashlib.sha1((repr(dataclasses.asdict(doc)) + str(seed) + (f"photo{photo}" if photo else "")).encode("utf-8")).hexdigest()[:16]
    path = Path(cache) / f"{doc.name}_{key}.pkl" if cache else None
    if path is not None and path.exists():
        return pickle.loads(path.read_bytes())
    pdf, spot = render_pdf(doc)
    pages = render_scan(pdf, spot, seed=seed)
    layout = read(photo_bytes(render_photo(pages, seed, photo)) if photo else scan_bytes(pages, "TIFF"))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(layout))
    return layout


def _grams(text: str) -> set[str]:
    s = rx(r"[\W_]+").sub("", fold(text).lower())
    return {s[k:k + 3] for k in range(len(s) - 2)} or ({s} if s else set())


def units(doc: FixtureDoc) -> list[tuple[str, str]]:
    """The generator's (text, label) pieces in page order, footnotes included."""
    z = zones(doc)
    out = []
    for band in ("pre", "left", "left2", "right", "right2", "title", "recipients", "body", "distribution",
                 "signature", "after"):
        out += z[band]
    out += [(t, "footnote") for _, t in doc.footnotes]
    return [(t, l) for t, l in out if t.strip()]


def align(doc: FixtureDoc, texts: Sequence[str], min_share: float = 0.4) -> list[str]:
    """A label for each OCR line: that of the generator piece holding most of its letter
    trigrams (a wrapped line is part of one piece); 'noise' when none holds enough of it."""
    pieces = [(_grams(t), l) for t, l in units(doc)]
    labels = []
    last = 0
    for text in texts:
        g = _grams(text)
        if len(g) < 2:
            # a wrapped paragraph's short last word ('mới.') belongs to the line above it
            low = rx(r"^\s*\p{Ll}").match(text) is not None and labels and labels[-1] != "noise"
            labels.append(labels[-1] if low else "noise")
            continue
        best, best_k = 0.0, None
        for k, (pg, _) in enumerate(pieces):
            share = len(g & pg) / len(g)
            # ties go to the piece nearest after the last one matched (repeated phrases)
            if share > best + 1e-9 or (abs(share - best) <= 1e-9 and best_k is not None and best_k < last <= k):
                best, best_k = share, k
        if best_k is None or best < min_share:
            labels.append("noise")
            continue
        last = best_k
        label = pieces[best_k][1]
        if label == "noise" and NUMBERED.match(text):
            label = "footnote"
        labels.append(label)
    return labels


def scan_example(seed: int, cache: Optional[Path], photo: Optional[tuple[int, int]] = None) -> Example:
    from ..fixtures import synthetic_document
    from ..normalize import normalize
    doc = augment(synthetic_document(seed), seed)
    layout = scan_layout(doc, seed, cache, photo)
    lines = [l for l in normalize(layout) if not l.blank]
    texts = [l.text for l in lines]
    return texts, align(doc, texts), geometry(lines)


def scan_examples(seeds: Sequence[int], cache: Optional[Path], workers: int = 1, log=None,
                  photo: Optional[tuple[int, int]] = None) -> list[Example]:
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(workers) as pool:
            out = list(pool.map(scan_example, seeds, [cache] * len(seeds), [photo] * len(seeds)))
    else:
        out = [scan_example(s, cache, photo) for s in seeds]
    if log:
        log(f"{len(out)} OCR'd {'photos' if photo else 'scans'}, {sum(len(t) for t, _, _ in out)} lines")
    return out
