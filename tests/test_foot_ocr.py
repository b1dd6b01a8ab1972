"""The foot (Nơi nhận, signature) and the number line as OCR reads them off scans and photos."""
from __future__ import annotations

from dispatch_parser import parse
from dispatch_parser.extract.distribution import clean_entry, extract_distribution
from dispatch_parser.segment import _strip_foot_noise
from test_foot import HEAD      # the same letter above the foot as the clean-foot tests


SIGNATURE = "\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTống Thanh Hải\n"


def _parse(foot: str, head: str = HEAD):
    return parse((head + "\n" + foot).encode("utf-8"))


def _laid_out(foot: str, x_of):
    """The letter's segments with a box on every line, one 16 pt row each: `x_of(text, in_foot)`
    gives a line's (x0, x1), as on a page read from an image."""
    from dispatch_parser.layout import Layout
    from dispatch_parser.models import Box
    from dispatch_parser.normalize import normalize
    from dispatch_parser.segment import segment
    lines = normalize(Layout.from_text(HEAD + "\n" + foot))
    top, in_foot = 50, False
    for line in lines:
        in_foot = in_foot or line.text.startswith("Nơi nhận")
        x0, x1 = x_of(line.text, in_foot)
        line.box = Box(x0=x0, top=top, x1=x1, bottom=top + 12)
        top += 16
    return segment(lines)


def test_a_bullet_read_with_a_speck_beside_it_is_a_bullet():
    assert _strip_foot_noise("~- Như trên;") == "- Như trên;"
    assert _strip_foot_noise(".~ Website TCT;") == "- Website TCT;"
    rec = _parse("Nơi nhận:\n- Như trên;\n~- Văn phòng Quốc hội;\n- Lưu: VT, VX." + SIGNATURE)
    assert rec.distribution == ["Như trên", "Văn phòng Quốc hội", "Lưu: VT, VX"]


def test_a_run_of_dashes_before_a_name_is_no_bullet():
    assert _strip_foot_noise("——Mai Xuân Thanh") == "——Mai Xuân Thanh"
    assert _strip_foot_noise("- Như trên;") == "- Như trên;"


def test_specks_after_an_entry_closing_semicolon_leave_it_closed():
    rec = _parse("Nơi nhận:\n- Ban Bí thư Trung ương Đảng; hộ HY\nUy ban Thường vụ Quốc hội;\n"
                 "- Như trên; 2 `,\nVụ Pháp chế;\n- Lưu: VT, VX." + SIGNATURE)
    assert rec.distribution == ["Ban Bí thư Trung ương Đảng", "Uy ban Thường vụ Quốc hội",
                                "Như trên", "Vụ Pháp chế", "Lưu: VT, VX"]


def test_codes_listed_after_a_colon_still_wrap():
    rec = _parse("Nơi nhận:\n- Như trên;\n- Các phòng: TTKT3; KK\nTTHT; HKDCN;\n- Lưu: VT, VX." + SIGNATURE)
    assert rec.distribution == ["Như trên", "Các phòng: TTKT3; KK TTHT; HKDCN", "Lưu: VT, VX"]


def test_an_open_parenthesis_does_not_swallow_the_next_entry():
    rec = _parse("Nơi nhận:\n- Văn phòng Trung ương Đảng và các ban của Đảng;\n- Vụ CS; PC (TCT:\n"
                 "Website TCT;\n- Bộ Tài chính (Vụ\nNSNN);\n- Lưu: VT, VX." + SIGNATURE)
    assert rec.distribution == ["Văn phòng Trung ương Đảng và các ban của Đảng", "Vụ CS; PC (TCT",
                                "Website TCT", "Bộ Tài chính (Vụ NSNN)", "Lưu: VT, VX"]


def test_a_number_whose_slash_ocr_read_as_dots():
    rec = _parse("Nơi nhận:\n- Lưu: VT." + SIGNATURE, HEAD.replace("Số: 12/UBND-VX", "Số: . 828..QD-UBND"))
    assert rec.number.seq == 828
    assert rec.number.symbol == "QĐ-UBND"


def test_a_speck_before_the_signer_name_goes():
    assert _strip_foot_noise("SE Mai Xuân Thanh") == "Mai Xuân Thanh"
    assert _strip_foot_noise("au Đỗ Thị Xuân Phương") == "Đỗ Thị Xuân Phương"
    assert _strip_foot_noise("TP Lê Văn An") == "TP Lê Văn An"        # a title's initials
    assert _strip_foot_noise("Lê Trường Sơn") == "Lê Trường Sơn"      # a two-letter surname
    assert _strip_foot_noise("bà Lê Thị Hoa") == "bà Lê Thị Hoa"      # a word, no speck
    assert _strip_foot_noise("b Mai Sơn") == "Mai Sơn"                 # a two-word name
    assert _strip_foot_noise("SE Mai Sơn") == "SE Mai Sơn"             # too little to tell
    rec = _parse("Nơi nhận:\n- Như trên;\n- Lưu: VT, VX.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nSE Tống Thanh Hải\n")
    assert rec.signer.name == "Tống Thanh Hải"


def test_an_authority_line_of_stamp_letters_is_dropped():
    rec = _parse("Nơi nhận:\n- Như trên;\n- Lưu: VT, VX.\n\nTL. CỤC TRƯỞNG\nKT. ỞỚN AN\n\nĐào Thu Hương\n")
    assert rec.signer.authority == ["TL. Cục trưởng"]
    assert rec.signer.name == "Đào Thu Hương"
    rec = _parse("Nơi nhận:\n- Lưu: VT.\n\nTM. HĐND XÃ\nCHỦ TỊCH\n\nĐào Thu Hương\n")
    assert len(rec.signer.authority) == 1          # an abbreviation is no garbled syllable


def test_an_entry_holds_no_empty_item():
    assert clean_entry("Như trên; ; ae Bộ Tài chính :") == "Như trên"
    assert clean_entry("- Các phòng: TTKT3; KK; TTHT;") == "Các phòng: TTKT3; KK; TTHT"


def test_acronyms_in_the_signer_titles_stay_upper_case():
    rec = _parse("Nơi nhận:\n- Lưu: VT.\n\nKT. TRƯỞNG BAN THỰC HIỆN CHÍNH SÁCH BHXH\nPHÓ TRƯỞNG BAN\n\nĐào Thu Hương\n")
    assert rec.signer.authority == ["KT. Trưởng ban Thực hiện chính sách BHXH"]


def test_a_cut_off_word_read_lu_is_no_archive_line():
    # 'Chủ tịch' cut to 'lu tịch' by OCR is an entry; 'Lưu' read 'Lu' before the codes is the archive
    from dispatch_parser.segment import is_archive_line
    assert not is_archive_line("- lu tịch và các PCT UBND thành phố;")
    assert is_archive_line("- Lu VT, TC.") and is_archive_line("- Lưu: VT, VHTT.") and is_archive_line("Lu văn thư")


def test_a_line_as_wide_as_the_body_ends_an_open_nơi_nhận_list_on_a_laid_out_page():
    # an entry whose ';' OCR read as ':' leaves the list open; the annex prose below it is as
    # wide as the body, which a Nơi nhận line (half the page) never is
    from dispatch_parser.layout import Layout
    from dispatch_parser.models import Box
    from dispatch_parser.normalize import normalize
    from dispatch_parser.segment import segment
    prose = "Đối với bảo hiểm xã hội bắt buộc: một số quy định trong pháp luật về bảo hiểm xã hội hiện hành"
    foot = "Nơi nhận:\n- Như trên;\n- Bộ trưởng (để báo cáo):\nTL. BỘ TRƯỞNG\n" + prose + "\n"
    lines = normalize(Layout.from_text(HEAD + "\n" + foot))
    top = 50
    for line in lines:
        narrow = line.text.startswith(("Nơi", "- Như", "- Bộ", "TL."))
        line.box = Box(x0=60, top=top, x1=300 if narrow else 540, bottom=top + 12)
        top += 16
    seg = segment(lines)
    assert [t for _, t in seg.distribution][-1].endswith("(để báo cáo):")
    assert any(l.text == prose for l in seg.after_signature)


def test_a_heading_woven_with_its_first_entry_opens_the_list():
    # OCR read 'Nơi nhận:' and the '- Như trên;' set close below it as one line, word by word
    from dispatch_parser.segment import _woven_heading
    assert _woven_heading("Noi Như nhận: trên;") == "Như trên;"
    assert _woven_heading("Noi ni Nhu trên") == "Nhu trên"
    assert _woven_heading("Nơi nhận:") is None and _woven_heading("Nói chung nhận thấy rằng") is None
    rec = _parse("Noi Như nhận: trên;\n- Vụ Pháp chế;\n- Lưu: VT, VX." + SIGNATURE)
    assert rec.distribution == ["Như trên", "Vụ Pháp chế", "Lưu: VT, VX"]


def test_a_heading_left_as_noi_ni_opens_the_list_when_its_bullets_are_lost_too():
    # a small photo: 'Nơi nhận:' read 'Noi ni', and no entry kept its bullet; the entries' ';'
    # tells that a list follows
    rec = _parse("Noi ni\nNhu trên;\nTổng cục Thuế (để b/c);\nLưu: VT, HTr(2)." + SIGNATURE)
    assert rec.distribution[:2] == ["Nhu trên", "Tổng cục Thuế (để b/c)"]
    rec = _parse("Noi ni\nNhu trên" + SIGNATURE)       # nothing shows a list: no heading
    assert not rec.distribution or rec.distribution[0] != "Nhu trên"


def test_a_title_above_an_authority_line_is_a_first_authority_whose_prefix_ocr_lost():
    # 'TL. CỤC TRƯỞNG' read without its 'TL.', then 'KT. TRƯỞNG BAN …': the position is the
    # title below the last authority line, not the first title of the block
    rec = _parse("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCỤC TRƯỞNG\nKT. TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ\n"
                 "PHÓ TRƯỞNG BAN\n\nĐào Thu Hương\n")
    assert rec.signer.position == "Phó Trưởng ban" and rec.signer.name == "Đào Thu Hương"
    assert rec.signer.authority == ["KT. Trưởng ban Nghiệp vụ Thuế HQ"]


def test_a_wrapped_rest_with_a_speck_after_its_own_semicolon_still_continues_the_entry():
    from dispatch_parser.segment import _continues_entry
    assert _continues_entry("- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc", "CP; k", False)
    assert not _continues_entry("- Như trên;", "Vụ Pháp chế; k", False)     # the entry above is closed


def test_an_entry_closed_by_a_semicolon_and_a_speck_takes_no_unbulleted_line_below():
    # '- Thủ tướng Chính phủ; :' is closed: the next line, its bullet lost, is an entry of its own
    rec = _parse("Nơi nhận:\n- Như trên;\n- Thủ tướng Chính phủ; :\nPhó TTg Vương Đình Huệ;\n"
                 "- Văn phòng Chính phủ;\n- Lưu: VT, KTTH." + SIGNATURE)
    assert rec.distribution[:3] == ["Như trên", "Thủ tướng Chính phủ", "Phó TTg Vương Đình Huệ"]


def test_an_authority_prefix_whose_dot_ocr_lost_is_still_an_authority():
    from dispatch_parser.segment import sig_kind
    assert sig_kind("KT CHỦ TỊCH") == "authority" and sig_kind("TM ỦY BAN NHÂN DÂN") == "authority"
    assert sig_kind("TMCP Ngoại thương") is None and sig_kind("KT Chủ tịch") is None
    rec = _parse("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nBùi Thanh An\n")
    assert rec.signer.position == "Phó Chủ tịch" and rec.signer.authority == ["TM. Ủy ban nhân dân", "KT. Chủ tịch"]


def test_an_entry_whose_bullet_and_semicolon_ocr_lost_starts_where_the_line_above_had_room():
    # 'Văn phòng Chính phủ' ends far short of the column: the writer broke the line there, so
    # 'Bộ Công an' opens the next entry; 'Chính phủ;' had no room above, so it is a wrapped rest
    foot = ("Nơi nhận:\n- Như trên;\n- Các bộ, cơ quan ngang bộ, cơ quan thuộc\nChính phủ;\n"
            "Văn phòng Chính phủ\nBộ Công an (để báo cáo)\n- Thường trực Tỉnh ủy (để báo cáo);\n- Lưu: VT.\n")
    seg = _laid_out(foot, lambda text, in_foot: (60, 60 + (6 * len(text) if in_foot else 480)))
    assert extract_distribution(seg) == ["Như trên", "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                                         "Văn phòng Chính phủ", "Bộ Công an (để báo cáo)",
                                         "Thường trực Tỉnh ủy (để báo cáo)", "Lưu: VT"]


def test_an_entry_ending_with_its_purpose_in_brackets_is_closed_when_ocr_lost_its_semicolon():
    r = _parse("Nơi nhận:\n- Văn phòng Chính phủ;\nBộ Công an (qua Cục A03) (để báo cáo)\n"
               "Thường trực Tỉnh ủy (để báo cáo)\n- Lưu: VT.\n")
    assert r.distribution == ["Văn phòng Chính phủ", "Bộ Công an (qua Cục A03) (để báo cáo)",
                              "Thường trực Tỉnh ủy (để báo cáo)", "Lưu: VT"]


def test_a_line_starting_in_the_signature_column_is_no_part_of_an_open_entry():
    # the archive line's '(2)' left open-ended, then the signer's name read below the titles on
    # the right half of the page: the name is the signature's, the '=' of the bullet goes
    foot = ("Nơi nhận:\n- Như trên;\n- Thủ tướng, các Phó Thủ tướng Chính phủ;\n- VPCP: BTCN, các PCN, Trợ lý TTg;\n"
            "- _=Lưu: Văn thư, KTTH (2) Nam\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nHồ Đức Phớc\n")

    def x_of(text, in_foot):
        x0 = 330 if in_foot and (text.isupper() or text == "Hồ Đức Phớc") else 60
        return x0, x0 + (6 * len(text) if in_foot else 480)
    seg = _laid_out(foot, x_of)
    assert extract_distribution(seg)[-1] == "Lưu: Văn thư, KTTH (2) Nam"
    assert any(t == "Hồ Đức Phớc" for _, t in seg.signature)


def test_a_deputys_title_cut_by_ocr_is_not_read_into_the_authority_above_it():
    r = _parse("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ\nHồ Huy Thành\n")
    assert r.signer.authority == ["KT. Chủ tịch"] and r.signer.name == "Hồ Huy Thành"
