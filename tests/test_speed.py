"""The speed-ups of issue 2 must not change what the parser reads: each shortcut is checked
against the slow definition it replaces."""
import random

import regex

from dispatch_parser import segment
from dispatch_parser.extract.citations import fold_keep_case
from dispatch_parser.vntext import _FOLD_TABLE, fold, rx


def _slow_fold(text: str) -> str:
    return text.lower() if text.isascii() else text.translate(_FOLD_TABLE)


def _slow_keep_case(text: str) -> str:
    return "".join(f.upper() if c.isupper() else f for c, f in zip(text, fold(text)))


def test_fold_string_table_equals_dict_table():
    for cp in range(0x3000):
        if 0xD800 <= cp < 0xE000:
            continue
        c = chr(cp)
        assert fold(c) == _slow_fold(c), hex(cp)
        assert fold("Đ" + c) == _slow_fold("Đ" + c), hex(cp)


def test_fold_keep_case_table_equals_per_character_rule():
    for text in ["Căn cứ Thông tư số 130/2016/TT-BTC", "ĐIỀU 1. Quyết định", "ẞ straße", "abc",
                 "Ủy ban nhân dân tỉnh Lai Châu ⁄ “Kính gửi”", "\U0001d400 Ⓐ ǅ"]:
        assert fold_keep_case(text) == _slow_keep_case(text)


def test_rx_compiles_once():
    assert rx(r"\s+") is rx(r"\s+")
    assert rx(r"a", regex.I).match("A")


def _mutate(text: str, edits: int, rnd: random.Random) -> str:
    chars = list(text)
    for _ in range(edits):
        k = rnd.randrange(len(chars) + 1)
        op = rnd.choice("sid")
        letter = rnd.choice("abcdeghiklmnopqrstuvxy -")
        if op == "s" and k < len(chars):
            chars[k] = letter
        elif op == "d" and k < len(chars):
            del chars[k]
        else:
            chars.insert(k, letter)
    return "".join(chars)


def test_motto_prefilter_never_drops_a_match():
    rnd = random.Random(7)
    bases = ["cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc",
             "dang cong san viet nam", "bo tai chinh cong hoa xa hoi chu nghia viet nam",
             "cuc thue tp ha noi doc lap - tu do - hanh phuc", "tong cuc thue", "so: 12/tct-cs"]
    for _ in range(600):
        line = _mutate(rnd.choice(bases), rnd.randrange(5), rnd)
        if segment.MOTTO.search(line):
            assert segment._may_hold_motto(line), line
            assert segment._search(segment.MOTTO, line) is not None, line


def test_motto_fragment_shortcut_agrees_with_the_fuzzy_search():
    rnd = random.Random(11)
    motto = segment._MOTTO_LETTERS
    for _ in range(300):
        a = rnd.randrange(len(motto) - 4)
        piece = _mutate(motto[a:a + rnd.randrange(4, 30)], rnd.randrange(3), rnd)
        letters = regex.sub(r"[^a-z]+", "", piece)
        expected = len(letters) >= 4 and regex.search(
            r"(?:%s){e<=%d}" % (letters, len(letters) // 8), motto) is not None
        assert segment._motto_fragment(piece) == expected, piece


def test_type_name_prefilter_never_drops_a_fuzzy_match():
    rnd = random.Random(3)
    names = [segment.fold(t) for t in segment.DOCUMENT_TYPES] + ["bo tai chinh", "ubnd tinh", "so: 12/ubnd"]
    for _ in range(800):
        line = _mutate(rnd.choice(names), rnd.randrange(3), rnd)
        line = rnd.choice(["", "- ", "*"]) + line + rnd.choice(["", ":", " ."])
        if segment.TYPE_TITLE_FUZZY.match(line):
            assert segment._may_be_type_name(line), line


def _clean_markup_unguarded(text: str) -> str:
    from dispatch_parser import normalize as n
    text = n._INVISIBLE.sub("", text)
    text = n._MD_LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = n._ANGLE_URL.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    text = n._SUP_ANY.sub("", text)
    text = n._TAG.sub("", text)
    text = n._ESCAPE.sub(r"\1", text)
    text = n._HEADING.sub("", text)
    return n._EMPHASIS.sub("", text)


def test_clean_markup_guards_change_nothing():
    from dispatch_parser.normalize import clean_markup
    pieces = ["**Điều 1.**", "[Thông tư](https://x.vn/a)", "<https://gdt.gov.vn>", "<sup>1</sup>",
              "<b>KÍNH GỬI</b>", "\\*", "## Mục", "__", "_x_", "(*)", "\u200bSố\u00ad", "a\\.b",
              "<mailto:a@b.vn>", "[a@b.vn](mailto:a@b.vn)", "Hà Nội", " ", "*"]
    rnd = random.Random(5)
    for _ in range(1500):
        line = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 5)))
        assert clean_markup(line) == _clean_markup_unguarded(line), line


def test_paragraph_text_follows_its_lines():
    from dispatch_parser.extract.paragraphs import Paragraph
    p = Paragraph(texts=["Thông tư số 12/2024/TT-", "BTC hướng dẫn"])
    assert p.text == "Thông tư số 12/2024/TT-BTC hướng dẫn"
    p.texts.append("thi hành.")
    assert p.text == "Thông tư số 12/2024/TT-BTC hướng dẫn thi hành."
