"""Learned zoning (dispatch_parser/zoning, models/zoner): loading, labelling, the switch, training."""
from __future__ import annotations

import random

import pytest

from dispatch_parser import parse
from dispatch_parser.cli import main as cli_main
from dispatch_parser.errors import DispatchParserError
from dispatch_parser.fixtures import render_text, synthetic_document
from dispatch_parser.layout import Layout
from dispatch_parser.normalize import normalize
from dispatch_parser.segment import segment
from dispatch_parser.zoning import LABELS, MODEL_DIR, apply_zoning, load_zoner
from dispatch_parser.zoning.data import add_noise, layout
from dispatch_parser.zoning.features import line_features, shape

needs_model = pytest.mark.skipif(not (MODEL_DIR / "transitions.json").exists(),
                                 reason="models/zoner not built (scripts/train_zoner.py)")


def test_features_carry_neighbours_and_survive_lost_diacritics():
    texts = ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    feats = line_features(texts, 1)
    assert "p:f=noi" in feats and "n:f2=-_luu" in feats
    plain = set(line_features(["Noi nhan:", "- Nhu tren;", "- Luu: VT."], 1))
    assert len(plain & set(feats)) > 0.8 * len(set(feats))
    assert shape("1063/TTr-SGTVT") == "d/Xx-X"


def test_layout_variants_keep_one_label_per_line():
    doc = synthetic_document(3)
    for how in ("stack", "interleave", "fuse"):
        texts, labels = layout(doc, how)
        assert len(texts) == len(labels) and set(labels) <= set(LABELS)
        assert "number" in labels and "signer" in labels and "distribution" in labels
    noisy = add_noise("Kính gửi: Sở Tài chính", random.Random(1), 1.0)
    assert noisy != "" and isinstance(noisy, str)


@needs_model
def test_model_labels_a_generated_document_mostly_right():
    doc = synthetic_document(777777)           # far outside the training seeds
    texts, gold = layout(doc, "stack")
    pred = [label for label, _ in load_zoner().label(texts)]
    right = sum(p == g for p, g in zip(pred, gold))
    assert right >= 0.85 * len(gold)
    assert pred[gold.index("number")] == "number"


@needs_model
def test_switch_rules_model_both():
    text = render_text(synthetic_document(424242))
    records = {mode: parse(text, zoning=mode) for mode in ("rules", "model", "both")}
    assert records["rules"].number == records["both"].number
    assert records["model"].number is not None and records["model"].signer is not None
    with pytest.raises(DispatchParserError):
        parse(text, zoning="neural")


def test_cli_accepts_zoning(tmp_path, capsys):
    path = tmp_path / "doc.txt"
    path.write_text(render_text(synthetic_document(5)), encoding="utf-8")
    assert cli_main(["parse", str(path), "--zoning", "rules", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "doc.json").exists()


class _FixedZoner:
    """Labels by a fixed table: lets the merge be tested without a trained model."""

    def __init__(self, table):
        self.table = table

    def label(self, texts, geo=None, folded=None):
        return [self.table.get(t, ("body", 0.9)) for t in texts]


def test_merge_fills_only_what_the_rules_left_empty():
    text = render_text(synthetic_document(11)).replace("Nơi nhận:", "N0'i nh.n:")   # past the fuzzy rule
    lines = normalize(Layout.from_text(text))
    rules = segment(lines)
    number_before = rules.number
    table = {l.text: ("distribution", 0.95) for l in lines if l.text.startswith(("N0'i", "- Như trên", "- Lưu"))}
    table[rules.number.line.text] = ("body", 0.99)      # the model may not override a found zone
    seg = apply_zoning(rules, "both", zoner=_FixedZoner(table))
    assert seg.number is number_before
    assert "Lưu" in [t for _, t in seg.distribution][-1]      # from the model, or the rules' headless list
    assert not any(l.text.startswith("- Lưu") for l in seg.body)


def test_training_runs_end_to_end(tmp_path):
    from dispatch_parser.zoning.model import Zoner
    from dispatch_parser.zoning.training import run
    info = run(tmp_path / "zoner", synthetic=4, texts=[], noisy=1, epochs=1, heldout=1, log=lambda *_: None)
    assert info["training_lines"] > 50 and (tmp_path / "zoner" / "transitions.json").exists()
    zoner = Zoner.load(tmp_path / "zoner")
    labels = zoner.label(["Số: 12/UBND-VP", "Nơi nhận:"])
    assert len(labels) == 2 and all(l in LABELS for l, _ in labels)


def test_training_is_deterministic(tmp_path):
    from dispatch_parser.zoning.model import Zoner
    from dispatch_parser.zoning.training import run
    texts = ["ỦY BAN NHÂN DÂN", "Số: 12/UBND-VP", "Kính gửi: Sở Tài chính", "Nơi nhận:", "Nguyễn Văn An"]
    probs = []
    for name in ("a", "b"):
        run(tmp_path / name, synthetic=3, texts=[], noisy=1, epochs=1, heldout=0, log=lambda *_: None)
        probs.append(Zoner.load(tmp_path / name).probabilities(texts))
    assert (probs[0] == probs[1]).all()


@needs_model
def test_numpy_scorer_matches_spacy_and_parse_needs_no_spacy():
    import subprocess
    import sys

    import numpy as np
    from dispatch_parser.zoning.model import Zoner
    texts, _ = layout(synthetic_document(31337), "fuse")
    fast, ref = Zoner.load(MODEL_DIR), Zoner.load_spacy(MODEL_DIR)
    assert np.abs(fast.probabilities(texts) - ref.probabilities(texts)).max() < 1e-5
    code = ("import sys; from dispatch_parser import parse; "
            f"parse({render_text(synthetic_document(8))!r}, zoning='both'); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_auto_zoning_uses_the_model_on_laid_out_input_only():
    from dispatch_parser.layout import Layout, Page
    from dispatch_parser.pipeline import zoning_for

    text_layout = Layout.from_text("Số: 1/UBND-VX\nV/v thử")
    assert zoning_for(text_layout, "auto") == "rules"
    scanned = Layout(pages=[Page(number=1, ocr=False), Page(number=2, ocr=True)])
    assert zoning_for(scanned, "auto") == "both"
    assert zoning_for(scanned, "rules") == "rules"      # an explicit choice is kept
    assert zoning_for(Layout(pages=[Page(number=1)], format="docx"), "auto") == "both"
    assert zoning_for(Layout.from_text("x", format="markdown"), "auto") == "rules"


def test_geometry_tokens_mark_small_type_and_columns():
    from dispatch_parser.zoning.features import document_features
    texts = ["Nơi nhận:", "- Như trên;", "1 Số liệu tính đến ngày 30/9/2024."]
    geo = [(1, 500.0, 60.0, 120.0, 13.0, "left"), (1, 515.0, 60.0, 130.0, 13.0, "left"),
           (2, 760.0, 80.0, 500.0, 9.0, None)]
    feats = document_features(texts, geo)
    assert "col=left" in feats[0] and "pg1" in feats[0]
    assert "ht0" in feats[2] and "pglast" in feats[2] and "gapnew" in feats[2]
    assert not any(t.startswith(("ht", "y")) for t in document_features(texts)[2])   # no boxes, no tokens


def test_scan_lines_are_labelled_by_the_generator_piece_they_come_from():
    from dispatch_parser.zoning.scans import align
    doc = synthetic_document(5)
    body = next(b for b in doc.body if len(b) > 80)
    texts = [doc.issuer_lines[0], doc.number_line.replace("ố", "o"), body[:60], body[60:], "~ |",
             doc.signature[-1], doc.distribution[0]]
    labels = align(doc, texts)
    assert labels[0] == "issuer" and labels[1] == "number" and labels[4] == "noise"
    assert labels[2] == labels[3] and labels[2] in ("preamble", "body", "closing")
    assert labels[5] == "signer" and labels[6] == "distribution"


def _boxed(text, top, height, page=1):
    """A line as OCR boxes it: as wide as its letters at a pitch that grows with the type size."""
    from dispatch_parser.models import Box
    from dispatch_parser.normalize import CleanLine
    return CleanLine(text, 0, len(text), page, Box(x0=80, top=top, x1=80 + 0.45 * height * len(text), bottom=top + height))


def _body(count=8):
    return [_boxed(f"dòng thân văn bản thứ {k} của công văn mẫu", 100 + 20 * k, 13) for k in range(count)]


def test_model_footnotes_need_a_marker_and_small_type():
    from dispatch_parser.segment import Segments
    from dispatch_parser.zoning.combine import _add_footnotes
    lines = _body()
    lines += [_boxed("1 Số liệu tính từ ngày 01/01 đến 30/9/2024 của các", 700, 9),
              _boxed("đơn vị thuộc Tổng cục.", 711, 10),
              _boxed("2 Theo báo cáo của Cục Thuế.", 722, 9),
              _boxed("3 Điều khoản in thường, không phải chú thích.", 740, 13)]
    labelled = [(l, "body", 0.99) for l in lines[:8]] + [(lines[8], "footnote", 0.9), (lines[9], "body", 0.8),
                                                         (lines[10], "body", 0.7), (lines[11], "footnote", 0.9)]
    seg = Segments(lines=lines)
    _add_footnotes(seg, labelled, 0.6)
    assert [l.footnote for l in seg.footnotes] == ["1", "", "2"]      # '3' is in body type: no footnote
    assert seg.footnotes[0].text.startswith("Số liệu")


def test_model_footnotes_without_markers_split_at_paragraph_ends():
    # a phone photo's superscript markers are lost: the small-type run ending the page is taken
    # whole and split where a short line ends a sentence and the next opens with a capital
    from dispatch_parser.segment import Segments
    from dispatch_parser.zoning.combine import _add_footnotes
    lines = _body()
    notes = ["Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị về lãnh đạo cuộc",
             "bầu cử đại biểu Quốc hội khóa XVI.",
             "Hiến pháp năm 2013 (sửa đổi, bổ sung năm 2025); Luật Tổ chức Quốc hội."]
    lines += [_boxed(t, 700 + 11 * k, 9) for k, t in enumerate(notes)]
    labelled = [(l, "body", 0.99) for l in lines[:8]] + [(lines[8], "footnote", 0.5), (lines[9], "body", 0.7),
                                                         (lines[10], "footnote", 0.9)]
    seg = Segments(lines=lines)
    _add_footnotes(seg, labelled, 0.6)
    assert [l.footnote for l in seg.footnotes] == ["1", "", "2"]
    seg = Segments(lines=lines)
    _add_footnotes(seg, [(l, "body", 0.9) for l, _, _ in labelled], 0.6)     # the model sees no footnote
    assert seg.footnotes == []


def test_model_footnote_block_must_be_small_type_as_a_whole():
    # an annex's note: its first line measured small by OCR, the lines under it in body type
    from dispatch_parser.segment import Segments
    from dispatch_parser.zoning.combine import _add_footnotes
    lines = _body()
    lines += [_boxed("* Chỉ tiêu theo cột:", 600, 11)] + [_boxed(f"- Cột {k}: ghi nội dung của cột.", 615 + 15 * k, 13)
                                                        for k in range(4)]
    labelled = [(l, "body", 0.99) for l in lines[:8]] + [(lines[8], "footnote", 0.9)] + [(l, "noise", 0.9) for l in lines[9:]]
    seg = Segments(lines=lines)
    _add_footnotes(seg, labelled, 0.6)
    assert seg.footnotes == [] and all(id(l) not in seg.zones for l in lines[8:])


def test_model_distribution_joins_wrapped_entries():
    from dispatch_parser.zoning.combine import segments_from_labels
    texts = ["Nơi nhận: j.", "- Như trên;", "- Trưởng ban Thực hiện chính", "sách BHXH (để b/c);", "- Lưu: VT, CSXH."]
    lines = normalize(Layout.from_text("\n".join(texts)))
    seg = segments_from_labels(lines, [(l, "distribution", 0.9) for l in lines if not l.blank])
    assert [t for _, t in seg.distribution] == ["- Như trên;", "- Trưởng ban Thực hiện chính sách BHXH (để b/c);",
                                                "- Lưu: VT, CSXH."]


def test_scorer_token_cache_gives_the_same_scores():
    import numpy as np
    from dispatch_parser.zoning.linear import LinearScorer, _slots
    rng = np.random.default_rng(0)
    W, b = rng.normal(size=(3, 64)), rng.normal(size=3)
    scorer = LinearScorer(W.reshape(-1), b, ["a", "b", "c"])
    docs = [["x", "y", "x"], ["z"], ["y", "w"]]
    first, again = scorer.predict(docs), scorer.predict(docs)
    assert (first == again).all()
    WT = W.T
    s = b + sum(WT[_slots(t, 64)[0]] + WT[_slots(t, 64)[1]] for t in ["x", "y", "x"])
    assert np.allclose(first[0], np.exp(s - s.max()) / np.exp(s - s.max()).sum())


def test_sequence_pass_matches_brute_force():
    import itertools

    import numpy as np
    from dispatch_parser.zoning.model import _posteriors, _viterbi
    rng = np.random.default_rng(3)
    n, k = 6, 3
    emit, start, trans = np.log(rng.dirichlet(np.ones(k), n)), np.log(rng.dirichlet(np.ones(k))), \
        np.log(rng.dirichlet(np.ones(k), k))
    scores = {}
    for path in itertools.product(range(k), repeat=n):
        scores[path] = start[path[0]] + emit[0, path[0]] + sum(
            trans[a, b] + emit[i + 1, b] for i, (a, b) in enumerate(zip(path, path[1:])))
    assert tuple(_viterbi(emit, start, trans)) == max(scores, key=scores.get)
    z = sum(np.exp(s) for s in scores.values())
    marg = np.zeros((n, k))
    for path, s in scores.items():
        for i, label in enumerate(path):
            marg[i, label] += np.exp(s) / z
    assert np.allclose(_posteriors(emit, start, trans), marg)


def test_a_missing_model_is_said_not_silently_skipped(tmp_path, monkeypatch):
    """Without models/zoner (a damaged checkout, an install without it) `both` keeps the rules'
    zones and says so in the record; `model` has nothing to fall back on and raises."""
    from dispatch_parser.errors import ZonerUnavailableError
    from dispatch_parser.pipeline import parse_layout
    from dispatch_parser.zoning import combine, model

    monkeypatch.setattr(model, "MODEL_DIR", tmp_path / "no-model")
    monkeypatch.setattr(combine, "GATE", lambda seg: True)       # a document the model could help
    model.load_zoner.cache_clear()
    try:
        laid_out = Layout.from_text(render_text(synthetic_document(7)), None, "docx")
        record = parse_layout(laid_out, zoning="both")
        assert record.number is not None
        assert any(w.startswith("zoning: the learned zoner cannot be loaded") for w in record.warnings)
        with pytest.raises(ZonerUnavailableError):
            parse_layout(laid_out, zoning="model")
    finally:
        model.load_zoner.cache_clear()


def _rules_foot(texts, zones):
    """The clean lines of `texts` and the rules' Segments of their foot: `zones` maps a line's
    index to its zone ('heading' is the Nơi nhận heading: in the zone, not an entry)."""
    from dispatch_parser.segment import Segments
    lines = [l for l in normalize(Layout.from_text("\n".join(texts))) if not l.blank]
    seg = Segments(lines=lines)
    for k, zone in sorted(zones.items()):
        seg.zones[id(lines[k])] = "distribution" if zone == "heading" else zone
        if zone == "body":
            seg.body.append(lines[k])
        elif zone in ("distribution", "signature"):
            getattr(seg, zone).append((lines[k], lines[k].text))
    return lines, seg


def test_both_takes_a_distribution_entry_before_the_first_and_a_name_behind_debris():
    # OCR put a smudge before the first entry's bullet, and stroke debris before the signer's
    # name, so the rules left both lines in no zone; the model is sure of them
    from dispatch_parser.zoning.combine import _extend
    texts = ["Nơi nhận:", "~- Như trên;", "- Phòng Pháp chế;", "- Lưu: VT.", "KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG",
             "SE Mai Xuân Thanh"]
    # the rules' foot: the smudged lines in no zone
    lines, seg = _rules_foot(texts, {0: "heading", 2: "distribution", 3: "distribution", 4: "signature", 5: "signature"})
    labels = ["distribution"] * 4 + ["authority", "authority", "signer"]
    _extend(seg, [(l, lab, 0.95) for l, lab in zip(lines, labels)])
    assert [t for _, t in seg.distribution][:2] == ["- Như trên;", "- Phòng Pháp chế;"]
    assert seg.signature[-1][1] == "Mai Xuân Thanh"
    seg.signature, seg.zones[id(lines[6])] = seg.signature[:2], None
    _extend(seg, [(l, lab, 0.7) for l, lab in zip(lines, labels)])      # the model unsure: nothing taken
    assert len(seg.signature) == 2


def test_model_footnotes_leave_out_titles_and_notes_that_go_on_in_body_type():
    from dispatch_parser.segment import Segments
    from dispatch_parser.zoning.combine import _add_footnotes
    body = _body()
    # the signer's title that OCR left above an unmarked footnote block is no footnote line
    foot = [_boxed(t, 700 + 11 * k, 9)
            for k, t in enumerate(["TRƯỞNG BAN XÂY DỰNG ĐẢNG", "Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị."])]
    lines = body + foot
    seg = Segments(lines=lines)
    _add_footnotes(seg, [(l, "body", 0.99) for l in body] + [(foot[0], "noise", 0.6), (foot[1], "footnote", 0.9)], 0.6)
    assert [l.text for l in seg.footnotes] == [foot[1].text]
    # a marked note in small type whose sentence goes on in body type: a table's note, not a footnote
    note = [_boxed("(1) Tiêu chí xác định thôn (ấp),", 700, 11), _boxed("xã, tỉnh vùng đồng bào dân tộc", 713, 13)]
    seg = Segments(lines=body + note)
    _add_footnotes(seg, [(l, "body", 0.99) for l in body] + [(note[0], "footnote", 0.9), (note[1], "noise", 0.9)], 0.6)
    assert seg.footnotes == []


def test_both_takes_subject_lines_the_rules_left_in_the_header():
    # OCR lost the subject's 'V/v' line; its wrapped rest stands in the header column, where the
    # rules keep it; the model is sure it is the subject (the number and motto lines stay)
    from dispatch_parser.zoning.combine import merge
    text = ("VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 11583/VPCP-CN\nkhai Kết luận của Ủy ban Thường vụ Quốc hội\nvề dự án đường Hồ Chí Minh\n"
            "Hà Nội, ngày 26 tháng 11 năm 2025\nKính gửi: Bộ trưởng Bộ Xây dựng.\n"
            "Về Kết luận của Ủy ban Thường vụ Quốc hội, Thủ tướng Chính phủ giao Bộ Xây dựng chủ trì.\n")
    lines = [l for l in normalize(Layout.from_text(text)) if not l.blank]
    from dispatch_parser.segment import segment
    seg = segment(lines)
    assert not seg.subject and seg.zones.get(id(lines[4])) == "header"
    labels = ["issuer", "motto", "motto", "number", "subject", "subject", "date", "recipients", "preamble"]
    merged = merge(seg, [(l, lab, 0.95) for l, lab in zip(lines, labels)])
    assert [l.text for l in merged.subject] == [lines[4].text, lines[5].text]
    assert all(h.line is not lines[4] for h in merged.header) and merged.number.line is lines[3]


def test_model_footnotes_take_type_size_from_character_pitch_and_lookalike_markers():
    # a small photo: the footnote lines' boxes are as tall as body lines (diacritics), but their
    # letters are narrower; the second marker '2' was read as 'z'
    from dispatch_parser.models import Box
    from dispatch_parser.normalize import CleanLine
    from dispatch_parser.segment import Segments
    from dispatch_parser.zoning.combine import _add_footnotes
    body = _body()

    def small(text, top):   # 10-pt letters in a box 13 units high
        return CleanLine(text, 0, len(text), 1, Box(x0=80, top=top, x1=80 + 4.5 * len(text), bottom=top + 13))
    foot = [small("1 Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị về lãnh đạo cuộc", 700),
            small("bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân,", 713),
            small("z Hiến pháp năm 2013 (sửa đổi, bổ sung năm 2025); Luật Tổ chức Quốc hội.", 726)]
    labelled = [(l, "body", 0.99) for l in body] + [(foot[0], "footnote", 0.9), (foot[1], "body", 0.8),
                                                     (foot[2], "footnote", 0.9)]
    seg = Segments(lines=body + foot)
    _add_footnotes(seg, labelled, 0.6)
    assert [(l.footnote, l.text[:9]) for l in seg.footnotes] == [("1", "Chỉ thị s"), ("", "bầu cử đạ"), ("2", "Hiến pháp")]
    # the same letters at body pitch are body type, whatever the model says
    wide = [CleanLine(l.text, 0, len(l.text), 1, Box(x0=80, top=l.box.top, x1=80 + 5.85 * len(l.text), bottom=l.box.bottom))
            for l in foot]
    seg = Segments(lines=body + wide)
    _add_footnotes(seg, [(l, "body", 0.99) for l in body] + [(l, "footnote", 0.9) for l in wide], 0.6)
    assert seg.footnotes == []


def test_pitch_tokens_tell_small_type_on_long_lines_only():
    from dispatch_parser.zoning.features import document_features
    texts = ["Ủy ban nhân dân tỉnh đề nghị các cơ quan thực hiện", "Ủy ban nhân dân tỉnh đề nghị các cơ quan thực hiện",
             "1 Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị", "Nơi nhận:"]
    geo = [(1, 100.0, 60.0, 60.0 + 6.0 * len(texts[0]), 13.0, None), (1, 120.0, 60.0, 60.0 + 6.0 * len(texts[1]), 13.0, None),
           (1, 700.0, 60.0, 60.0 + 4.5 * len(texts[2]), 13.0, None), (1, 140.0, 60.0, 200.0, 13.0, None)]
    feats = document_features(texts, geo)
    assert "pt2" in feats[0] and "pt0" in feats[2]
    assert not any(t.startswith("pt") for t in feats[3])       # too short to tell


def test_both_takes_distribution_lines_above_a_list_whose_heading_ocr_garbled():
    # 'Nơi nhận:' read as 'nhận:' in the body, the first entry read between the signer's title
    # lines: the rules opened the list at '- Lưu'; the model is sure of the lines above it
    from dispatch_parser.zoning.combine import _extend
    texts = ["Đề nghị các đơn vị thực hiện./.", "nhận:", "thực hiện);", "- Như trên;", "KT. TRƯỞNG BAN",
             "PCT. Nguyễn Thành Hưng (để b/c);", "- Lưu: VT, NVTHQ.", "Đào Thu Hương"]
    lines, seg = _rules_foot(texts, {0: "body", 1: "body", 2: "body", 3: "body", 4: "signature", 6: "distribution",
                                     7: "signature"})
    labels = ["closing", "distribution", "distribution", "distribution", "authority", "distribution", "distribution", "signer"]
    _extend(seg, [(l, lab, 0.95) for l, lab in zip(lines, labels)])
    # the heading's rest and a wrapped rest whose entry OCR lost are no entries
    assert [t for _, t in seg.distribution] == ["- Như trên;", "PCT. Nguyễn Thành Hưng (để b/c);", "- Lưu: VT, NVTHQ."]
    assert seg.body == lines[:1] and seg.zones[id(lines[1])] == "distribution"


def test_both_puts_a_smudged_entry_in_its_place_and_leaves_an_appended_forms_list_alone():
    # '_=Website CT;' (its bullet smudged) sits between two entries the rules found; far below
    # the foot an appended form carries its own 'Nơi nhận:' list, which is not this one's
    from dispatch_parser.zoning.combine import _extend
    texts = ["Nơi nhận:", "- Như trên;", "- Ban NVT, PC;", "_=Website CT;", "- Lưu: VT, CS.", "KT. CỤC TRƯỞNG",
             "Phạm Thị Minh Hiền"] + [f"Mẫu số 01 dòng {k}" for k in range(6)] + ["Nơi nhận:", "- Như trên;"]
    lines, seg = _rules_foot(texts, {0: "heading", 1: "distribution", 2: "distribution", 4: "distribution",
                                     5: "signature", 6: "signature"})
    labels = ["distribution"] * 5 + ["authority", "signer"] + ["body"] * 6 + ["distribution"] * 2
    _extend(seg, [(l, lab, 0.95) for l, lab in zip(lines, labels)])
    assert [t for _, t in seg.distribution] == ["- Như trên;", "- Ban NVT, PC;", "_=Website CT;", "- Lưu: VT, CS."]
    assert id(lines[-1]) not in seg.zones


def test_both_steps_over_noi_nhan_entries_read_between_the_title_and_a_quoted_name():
    # the foot's columns interleaved: two Nơi nhận entries between the signer's title and the
    # name, which OCR read with a quote before it and a comma after it
    from dispatch_parser.zoning.combine import _extend
    texts = ["Nơi nhận:", "- Như trên;", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "- Sở Nội vụ;", "- Lưu: VT.",
             '"Nguyễn Mạnh Cường,']
    lines, seg = _rules_foot(texts, {0: "heading", 1: "distribution", 2: "signature", 3: "signature",
                                     4: "distribution", 5: "distribution"})
    labels = ["distribution", "distribution", "authority", "authority", "distribution", "distribution", "signer"]
    _extend(seg, [(l, lab, 0.95) for l, lab in zip(lines, labels)])
    assert seg.signature[-1][1] == "Nguyễn Mạnh Cường"


def test_model_distribution_is_the_first_list_only():
    # an appended form repeats 'Nơi nhận:' with its own list: not the document's
    from dispatch_parser.zoning.combine import segments_from_labels
    texts = ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, HCC3.", "MẪU SỐ 01", "Nơi nhận:", "- Như trên;"]
    lines = normalize(Layout.from_text("\n".join(texts)))
    labels = ["distribution", "distribution", "distribution", "body", "distribution", "distribution"]
    seg = segments_from_labels(lines, list(zip([l for l in lines if not l.blank], labels, [0.9] * 6)))
    assert [t for _, t in seg.distribution] == ["- Như Điều 3;", "- Lưu: VT, HCC3."]


def test_both_takes_the_signers_name_back_from_an_open_noi_nhan_list():
    # the 'Lưu' line lost, so the rules read the name below the title as the last entry's rest
    from dispatch_parser.zoning.combine import _extend
    texts = ["Nơi nhận:", "- UBND phường,", "- Ban CTMT TDP ( Thực hiện)", "TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH",
             "Phạm Thị Thúy"]
    lines, seg = _rules_foot(texts, {0: "heading", 1: "distribution", 2: "distribution", 3: "signature",
                                     4: "signature"})
    seg.distribution[-1] = (lines[2], "- Ban CTMT TDP ( Thực hiện) Phạm Thị Thúy")
    seg.zones[id(lines[5])] = "distribution"
    labels = ["distribution"] * 3 + ["authority", "authority", "signer"]
    _extend(seg, [(l, lab, 0.95) for l, lab in zip(lines, labels)])
    assert seg.signature[-1][1] == "Phạm Thị Thúy"
    assert [t for _, t in seg.distribution] == ["- UBND phường,", "- Ban CTMT TDP ( Thực hiện)"]
