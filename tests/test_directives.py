"""Directives: the body's enumerated items as a tree, built from small hand-written bodies."""
from __future__ import annotations

from dispatch_parser.extract.directives import extract_directives
from dispatch_parser.extract.paragraphs import paragraphs
from dispatch_parser.normalize import CleanLine
from dispatch_parser.segment import Segments


def _lines(text: str) -> list[CleanLine]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(CleanLine(raw.strip(), pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def _tree(text: str) -> list[tuple]:
    seg = Segments(lines=[])
    seg.body = _lines(text)

    def walk(nodes):
        return [(d.label, d.text, walk(d.children)) if d.children else (d.label, d.text)
                for d in nodes]
    return walk(extract_directives(seg))


def test_nesting_follows_marker_kinds():
    tree = _tree("I. MỤC ĐÍCH\n1. Mục đích\n- Tuyên truyền rộng rãi.\n- Nâng cao nhận thức.\n"
                 "2. Yêu cầu\na) Đúng quy định;\nb) Tiết kiệm.\nII. NỘI DUNG\n1. Tổ chức hội nghị.")
    assert tree == [
        ("I", "MỤC ĐÍCH", [("1", "Mục đích", [("-", "Tuyên truyền rộng rãi."), ("-", "Nâng cao nhận thức.")]),
                          ("2", "Yêu cầu", [("a", "Đúng quy định;"), ("b", "Tiết kiệm.")])]),
        ("II", "NỘI DUNG", [("1", "Tổ chức hội nghị.")]),
    ]


def test_wrapped_lines_and_blank_lines_inside_an_item_are_joined():
    tree = _tree("1. Quy định về nghĩa vụ thuế đối với cá nhân không cư trú có tài\n\n"
                 "sản cho thuê tại Việt Nam\n\n2. Quy định khác.")
    assert tree == [("1", "Quy định về nghĩa vụ thuế đối với cá nhân không cư trú có tài sản cho thuê tại Việt Nam"),
                    ("2", "Quy định khác.")]


def test_plain_paragraph_is_not_appended_and_ends_a_finished_item():
    tree = _tree("Đề nghị các đơn vị thực hiện:\n1. Phổ biến nội dung Cẩm nang.\n"
                 "Bộ Tài chính gửi kèm bộ Cẩm nang gồm:\n- Cẩm nang;\n- Video giới thiệu.")
    assert tree == [("1", "Phổ biến nội dung Cẩm nang."), ("-", "Cẩm nang;"), ("-", "Video giới thiệu.")]


def test_marker_alone_on_its_line_takes_the_next_line():
    assert _tree("Điều 1.\nQuyết định này có hiệu lực kể từ ngày ký.") == [
        ("Điều 1", "Quyết định này có hiệu lực kể từ ngày ký.")]


def test_quoted_legal_text_is_neither_tree_nor_text():
    tree = _tree("- Tại Điều 4 Luật Thuế quy định:\n\n“Điều 4. Người nộp thuế\n\n"
                 "1. Tổ chức, cá nhân sản xuất, kinh doanh.”\n\n- Tại Điều 2 Luật thuế quy định:")
    assert tree == [("-", "Tại Điều 4 Luật Thuế quy định:"), ("-", "Tại Điều 2 Luật thuế quy định:")]


def test_quote_whose_closing_mark_was_lost_ends_at_the_next_citation():
    tree = _tree("- Tại khoản 7 Điều 2 Nghị định quy định:\n\n“Điều 2. Người nộp lệ phí\n\n"
                 "7. Cá nhân, nhóm cá nhân kinh doanh.\n\n- Tại Điều 4 Luật Thuế quy định:\n\n“Điều 4. Người nộp thuế.”")
    assert [label for label, *_ in tree] == ["-", "-"]
    assert tree[1][1] == "Tại Điều 4 Luật Thuế quy định:"


def test_cited_provision_without_quotes_adds_no_items():
    tree = _tree("- Tại Điều 1 Luật số 106/2016/QH13 quy định:\n\nCơ sở kinh doanh không được hoàn thuế:\n\n"
                 "a) Dự án không góp đủ vốn.\n\n- Tại điểm 2 Nghị định số 100/2016/NĐ-CP quy định:")
    assert [t[0] for t in tree] == ["-", "-"]
    assert all(len(t) == 2 for t in tree)


def test_closing_mark_ends_the_directives():
    tree = _tree("1. Thực hiện ngay.\n\nTổng cục thông báo để biết./. £\noe KT. TỔNG CỤC TRƯỞNG\n- Văn phòng Chính phủ;")
    assert tree == [("1", "Thực hiện ngay.")]


def test_ocr_marker_slips_are_repaired():
    tree = _tree("1. Một.\n\n6. Sáu.\n\n1. Bảy, đọc sai.\n\n§. Tám.\n\nIIL. BA\n\na) A;\n\nb) B;\n\n©) C;\n\n_đ) D;")
    assert [t[0] for t in tree] == ["1", "6", "7", "8", "III"]
    assert [c[0] for c in tree[-1][2]] == ["a", "b", "c", "d"]


def test_numbered_list_restarting_under_an_announcing_item_nests():
    tree = _tree("1. Hàng hóa:\n2. Mô tả hàng hóa\n- Cách thức sử dụng:\n1. Chuẩn bị nguồn điện.\n2. Bật nguồn.")
    assert tree[1][2] == [("-", "Cách thức sử dụng:", [("1", "Chuẩn bị nguồn điện."), ("2", "Bật nguồn.")])]


def test_amounts_and_minus_signs_are_not_markers():
    tree = _tree("- Nhiệt độ hoạt động:\n-20°C đến +50°C;\n- Mức lương cơ sở là\n1.210.000 đồng/tháng.")
    assert tree == [("-", "Nhiệt độ hoạt động: -20°C đến +50°C;"), ("-", "Mức lương cơ sở là 1.210.000 đồng/tháng.")]


def test_paragraphs_api_keeps_lines_and_texts():
    paras = paragraphs(_lines("Căn cứ Luật Quản lý thuế;\nCăn cứ Nghị định số 126/2020/NĐ-CP của\nChính phủ;"))
    assert [p.text for p in paras] == ["Căn cứ Luật Quản lý thuế;", "Căn cứ Nghị định số 126/2020/NĐ-CP của Chính phủ;"]
    assert [len(p.lines) for p in paras] == [1, 2] and paras[1].texts[1] == "Chính phủ;"


def test_roman_sub_items_in_brackets():
    tree = _tree("a) Ghi nhận kết quả đạt được.\nb) Đề nghị:\n(i) Sở Công Thương báo cáo tiến độ.\n"
                 "(ii) Chủ đầu tư hoàn thành nghiệm thu.\nc) Giao Sở Xây dựng theo dõi.")
    assert tree == [
        ("a", "Ghi nhận kết quả đạt được."),
        ("b", "Đề nghị:", [("i", "Sở Công Thương báo cáo tiến độ."),
                           ("ii", "Chủ đầu tư hoàn thành nghiệm thu.")]),
        ("c", "Giao Sở Xây dựng theo dõi."),
    ]


def test_an_item_ending_with_a_colon_goes_on_with_the_names_it_announces():
    tree = _tree("Điều 2. Quyết định có hiệu lực từ ngày ký.\nĐiều 3. Giám đốc các Sở:\n"
                 "Tài chính, Nội vụ, Tư pháp và Thủ trưởng các đơn vị chịu trách nhiệm thi hành.")
    assert tree[1] == ("Điều 3", "Giám đốc các Sở: Tài chính, Nội vụ, Tư pháp và Thủ trưởng các "
                                 "đơn vị chịu trách nhiệm thi hành.")


def test_a_quotation_is_not_glued_to_the_item_introducing_it():
    long = "- Căn cứ Điều 5 Luật Đất đai số 1/2020/QH14 ngày 1/1/2020 quy định về đất ở, cụ thể:"
    body = "\n".join([long, "“1. Đất ở gồm:", "a) Đất ở nông thôn;", "b) Đất ở đô thị.”",
                      "- Căn cứ quy định trên, đề nghị Công ty thực hiện."] + ["x" * 60] * 8)
    tree = _tree(body)
    assert tree[0] == ("-", long[2:])


def test_an_underscore_opening_an_announced_list_is_a_bullet():
    tree = _tree("a) Sở Y tế:\n_ Tăng cường kiểm tra an toàn thực phẩm.\n- Báo cáo kết quả.\n"
                 "b) Sở Tài chính bố trí kinh phí.")
    assert tree == [
        ("a", "Sở Y tế:", [("-", "Tăng cường kiểm tra an toàn thực phẩm."), ("-", "Báo cáo kết quả.")]),
        ("b", "Sở Tài chính bố trí kinh phí."),
    ]


def test_a_heading_under_a_lone_marker_ends_at_the_blank_line():
    tree = _tree("3.\nCông tác tuyên truyền\n\nTuyên truyền trên loa đài về phòng dịch.\n"
                 "4.\nHậu cần\n- Rà soát vật tư.")
    assert tree == [("3", "Công tác tuyên truyền"), ("4", "Hậu cần", [("-", "Rà soát vật tư.")])]


def _top(tree) -> list[str]:
    return [node[0] for node in tree]


def test_roman_heading_whose_dot_ocr_lost_is_taken_where_the_sequence_expects_it():
    tree = _tree("I. MỤC ĐÍCH\n1. Tuyên truyền rộng rãi.\nII NỘI DUNG THỰC HIỆN\n1. Tổ chức hội nghị.")
    assert _top(tree) == ["I", "II"]
    assert tree[1][2] == [("1", "Tổ chức hội nghị.")]


def test_roman_look_alike_without_its_sequence_stays_what_it_reads():
    # no 'I.' before: a bare 'II' heading is not expected, and '1. MỤC ĐÍCH' stays a number
    # when no 'II.' follows it
    assert _top(_tree("1. MỤC ĐÍCH\n- Tuyên truyền rộng rãi.\n2. NỘI DUNG\n- Tổ chức hội nghị.")) == ["1", "2"]


def test_first_roman_heading_read_as_l_or_1_is_I_when_II_follows():
    for first in ("L.", "l.", "1.", "|."):
        tree = _tree(f"{first} MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nắm tình hình.\nII. NỘI DUNG\n1. Giám sát.")
        assert _top(tree) == ["I", "II"], first
        assert tree[0][2][0][0] == "1"


def test_roman_list_does_not_count_backwards():
    tree = _tree("I. MỤC ĐÍCH\n1. Mục đích.\nII. NỘI DUNG\n1. Nội dung.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính.")
    assert _top(tree) == ["I", "II", "III"]


def test_numbered_list_going_on_keeps_its_number_under_a_roman_heading():
    tree = _tree("I. NHIỆM VỤ\n10. Bộ Y tế.\n11. BỘ TÀI CHÍNH\nII. TỔ CHỨC\n1. Sở Y tế.")
    assert [n[0] for n in tree[0][2]] == ["10", "11"]


def test_article_line_cut_after_its_first_word_goes_on_past_a_blank_line():
    filler = "".join(f"{k}. Rà soát, xây dựng quy trình điện tử giải quyết thủ tục hành chính số {k};\n"
                     for k in range(1, 9))
    tree = _tree("Điều 3. Giao\n\nSở Tài chính chủ trì, phối hợp các đơn vị liên quan có trách nhiệm:\n" + filler)
    assert tree[0][:2] == ("Điều 3", "Giao Sở Tài chính chủ trì, phối hợp các đơn vị liên quan có trách nhiệm:")


def test_dash_before_a_wrapped_line_in_lower_case_is_ocr_debris():
    tree = _tree("Căn cứ Nghị định số 01/2016/NĐ-CP của Chính phủ quy định\n"
                 "- chức năng, nhiệm vụ của Bảo hiểm xã hội;\n1. Sửa đổi Điều 7.")
    assert tree == [("1", "Sửa đổi Điều 7.")]
    tree = _tree("1. Các đơn vị thực hiện việc rà soát theo quy định\n- chức năng, nhiệm vụ được giao.")
    assert tree == [("1", "Các đơn vị thực hiện việc rà soát theo quy định chức năng, nhiệm vụ được giao.")]


def test_dash_opening_a_capitalised_line_is_still_a_bullet():
    assert _tree("Các đơn vị thực hiện:\n- Rà soát quy định\n- Báo cáo kết quả.") == [
        ("-", "Rà soát quy định"), ("-", "Báo cáo kết quả.")]


def test_letter_marker_read_with_a_square_or_curly_bracket_goes_on_the_list():
    tree = _tree("1. Yêu cầu:\na) Đúng quy định;\nb] Tiết kiệm;\nc} Hiệu quả.")
    assert tree == [("1", "Yêu cầu:", [("a", "Đúng quy định;"), ("b", "Tiết kiệm;"), ("c", "Hiệu quả.")])]


def test_bracketed_letter_out_of_sequence_is_not_an_item():
    # 'x]' where 'b' would come next: part of the sentence, not a marker
    tree = _tree("1. Yêu cầu:\na) Đúng quy định theo mẫu\nx] Tiết kiệm.")
    assert tree == [("1", "Yêu cầu:", [("a", "Đúng quy định theo mẫu x] Tiết kiệm.")])]


def test_labelled_line_between_two_labelled_dash_items_lost_its_dash():
    tree = _tree("1.1. Xây dựng hướng dẫn.\n- Thời gian hoàn thành: Tháng 11/2025;\n"
                 "Đơn vị chủ trì: Phó Chủ tịch Thường trực;\n- Kết quả: Dự thảo hướng dẫn.")
    assert [n[0] for n in tree[0][2]] == ["-", "-", "-"]


def test_plain_sentence_between_dash_items_stays_out_of_the_list():
    tree = _tree("Về vấn đề này, ý kiến như sau:\n- Căn cứ khoản 3 Điều 1 Thông tư số 60/2019/TT-BTC quy định trị giá.\n"
                 "Giá bán hàng hóa là giá ghi trên hợp đồng.\n- Căn cứ điểm 6 Khoản 3 Điều 1 Thông tư số 60/2019/TT-BTC.")
    assert len(tree) == 2


def test_sentence_tail_set_apart_by_a_blank_line_goes_on_the_bullet():
    filler = "".join(f"- Theo dõi, kiểm tra việc chấp hành quy định về quản lý dự án số {k};\n" for k in range(8))
    tree = _tree("1. Cấp xã\n" + filler + "- Báo cáo tình hình thực hiện\n\nChương trình.\n2. Cấp tỉnh")
    assert tree[0][2][-1] == ("-", "Báo cáo tình hình thực hiện Chương trình.")


def test_line_opening_with_a_word_and_semicolon_goes_on_the_sentence():
    tree = _tree("Điều 3.\nCác Ông/bà: Chánh Văn phòng\n\nBộ; Cục trưởng Cục Quản lý chịu trách nhiệm thi hành.")
    assert tree == [("Điều 3", "Các Ông/bà: Chánh Văn phòng Bộ; Cục trưởng Cục Quản lý chịu trách nhiệm thi hành.")]


def test_number_jumping_ahead_is_a_misread_digit_unless_the_list_goes_on_from_it():
    tree = _tree("Điều 3. Các đơn vị có trách nhiệm:\n1. Niêm yết.\n2. Rà soát.\n9. Báo cáo kết quả.")
    assert [n[0] for n in tree[0][2]] == ["1", "2", "3"]
    # '2.' lost by OCR: '3.' and '4.' go on, so '3.' is right
    tree = _tree("Điều 3. Các đơn vị có trách nhiệm:\n1. Niêm yết.\n3. Rà soát.\n4. Báo cáo kết quả.")
    assert [n[0] for n in tree[0][2]] == ["1", "3", "4"]
    tree = _tree("Điều 3. Các đơn vị có trách nhiệm:\n1. Niêm yết.\n2. Rà soát.\n9. Báo cáo kết quả.\n4. Tổng hợp.")
    assert [n[0] for n in tree[0][2]] == ["1", "2", "3", "4"]


def test_number_marker_read_with_a_comma_goes_on_the_list():
    tree = _tree("Tổng cục Hải quan có ý kiến như sau:\n\n1,Căn cứ khoản 11 Điều 16 Luật Thuế, bao gồm:\n"
                 "- Máy móc, thiết bị;\n- Vật tư xây dựng.\n2, Căn cứ điểm 3 mục III phần A Phụ lục I.")
    assert [n[0] for n in tree] == ["1", "2"]
    assert tree[0][1] == "Căn cứ khoản 11 Điều 16 Luật Thuế, bao gồm:"


def test_number_with_a_comma_out_of_sequence_stays_in_its_sentence():
    tree = _tree("1. Mức hỗ trợ gồm các khoản\n5, Sáu khoản còn lại theo quy định.")
    assert tree == [("1", "Mức hỗ trợ gồm các khoản 5, Sáu khoản còn lại theo quy định.")]


def test_roman_marker_read_with_h_for_two_strokes_goes_on_the_headings():
    # OCR page text: paragraphs set apart by blank lines
    tree = _tree("\n\n".join(["I. MỤC ĐÍCH", "1. Theo dõi việc thực hiện.", "II. ĐỐI TƯỢNG", "1. Các cơ quan liên quan.",
                               "HI. NỘI DUNG GIÁM SÁT", "1. Nội dung giám sát.", "IV. PHƯƠNG PHÁP", "1. Khảo sát thực tế."]))
    assert [n[0] for n in tree] == ["I", "II", "III", "IV"]
    assert tree[2][1] == "NỘI DUNG GIÁM SÁT"
    assert [n[0] for n in tree[2][2]] == ["1"]


def test_h_opening_a_heading_the_sequence_does_not_expect_is_no_roman():
    # 'HI.' where the headings are at I: not III, so no heading is made up
    tree = _tree("I. MỤC ĐÍCH\n1. Theo dõi việc thực hiện.\nHI. NỘI DUNG\nII. PHƯƠNG PHÁP")
    assert [n[0] for n in tree] == ["I", "II"]


def _page(rows: list) -> list[tuple]:
    """The tree of an OCR'd page: rows are (indent in characters, text) or '' for a blank line;
    characters are 6 pt wide, the text column starts at x 80."""
    from dispatch_parser.models import Box
    lines, pos, top = [], 0, 100.0
    for row in rows:
        indent, text = row if row else (0, "")
        x0 = 80 + 6 * indent
        box = Box(x0=x0, top=top, x1=x0 + 6 * len(text), bottom=top + 12) if text else None
        lines.append(CleanLine(text, pos, pos + len(text), 1, box))
        pos, top = pos + len(text) + 1, top + 20
    seg = Segments(lines=[])
    seg.body = lines

    def walk(nodes):
        return [(d.label, d.text, walk(d.children)) if d.children else (d.label, d.text) for d in nodes]
    return walk(extract_directives(seg))


_DASHES = ["", (0, "- Phân công lực lượng tại chỗ triển khai trực giám sát 24/24; chủ động theo dõi"),
           (0, "thường xuyên các hệ thống giám sát."), "",
           (0, "- Chủ động rà soát các lỗ hổng, điểm yếu trên các hệ thống thông tin thuộc phạm"),
           (0, "vi quản lý.")]


def test_first_dash_lost_by_ocr_leaves_its_room_before_the_text():
    tree = _page([(0, "1. Tăng cường triển khai hoạt động bảo đảm an toàn thông tin mạng:"), "",
                  (1.5, "Rà soát các hệ thống thông tin, bảo đảm các hệ thống được triển khai đầy"),
                  (0, "đủ các biện pháp bảo vệ theo cấp độ an toàn.")] + _DASHES)
    assert [n[0] for n in tree[0][2]] == ["-", "-", "-"]
    assert tree[0][2][0][1].startswith("Rà soát các hệ thống")


def test_paragraph_starting_where_the_items_start_is_no_lost_dash():
    tree = _page([(0, "1. Tăng cường triển khai hoạt động bảo đảm an toàn thông tin mạng:"), "",
                  (0, "Rà soát các hệ thống thông tin, bảo đảm các hệ thống được triển khai đầy"),
                  (0, "đủ các biện pháp bảo vệ theo cấp độ an toàn.")] + _DASHES)
    assert [n[0] for n in tree[0][2]] == ["-", "-"]
    # an indent much wider than a dash is a paragraph's own indent, not a lost marker
    tree = _page([(0, "1. Tăng cường triển khai hoạt động bảo đảm an toàn thông tin mạng:"), "",
                  (7, "Rà soát các hệ thống thông tin, bảo đảm các hệ thống được triển khai đầy"),
                  (0, "đủ các biện pháp bảo vệ theo cấp độ an toàn.")] + _DASHES)
    assert [n[0] for n in tree[0][2]] == ["-", "-"]


def test_lost_dashes_go_on_their_list_up_to_the_next_lettered_item():
    tree = _page([(0, "d) Thực hiện hoạt động dinh dưỡng tại bệnh viện"), "",
                  (0, "- Xây dựng và triển khai các hướng dẫn chuyên môn về dinh dưỡng điều trị,"),
                  (0, "tiết chế tại các cơ sở khám, chữa bệnh."), "",
                  (1.4, "Tổ chức truyền thông, tư vấn dinh dưỡng cho bệnh nhân, người nhà bệnh"),
                  (0, "nhân tại cơ sở khám chữa bệnh."), "",
                  (1.4, "Triển khai các quy định về dinh dưỡng trong bệnh viện như thực hiện tiêu"),
                  (0, "chí dinh dưỡng trong Bộ tiêu chí chất lượng bệnh viện."), "",
                  (0, "đ) Tăng cường triển khai hoạt động dinh dưỡng khẩn cấp")])
    assert [(n[0], len(n[2]) if len(n) == 3 else 0) for n in tree] == [("d", 3), ("đ", 0)]


def test_lost_letter_is_the_one_the_list_expects():
    b = [(0, "b) Chủ trì, phối hợp với các Bộ, ngành, đoàn thể xây dựng và tổ chức thực hiện"),
         (0, "các chương trình, dự án về dinh dưỡng."), "",
         (3, "Nghiên cứu, xây dựng, hoàn thiện để ban hành theo thẩm quyền văn bản pháp"),
         (0, "luật, chính sách thúc đẩy công tác dinh dưỡng."), ""]
    tree = _page([(0, "1. Bộ Y tế"), ""] + b + [(0, "d) Nghiên cứu các giải pháp, mô hình can thiệp.")])
    assert [n[0] for n in tree[0][2]] == ["b", "c", "d"]
    # the list goes on with 'c)': the paragraph between is plain text
    tree = _page([(0, "1. Bộ Y tế"), ""] + b + [(0, "c) Nghiên cứu các giải pháp, mô hình can thiệp.")])
    assert [n[0] for n in tree[0][2]] == ["b", "c"]


def test_dot_set_apart_from_its_word_ends_no_sentence():
    tree = _tree("a) Phối hợp với Bộ Y tế chỉ đạo tổ chức thực hiện .\nChiến lược lồng ghép với Đề án thể lực.\n"
                 "b) Chỉ đạo lồng ghép hoạt động.")
    assert tree[0] == ("a", "Phối hợp với Bộ Y tế chỉ đạo tổ chức thực hiện . Chiến lược lồng ghép với Đề án thể lực.")


def test_dash_with_a_speck_beside_it_is_a_dash():
    tree = _tree("a) Về chế độ ăn hợp lý\n- Tỷ lệ trẻ có chế độ ăn đúng đạt 65%.\n\n"
                 "~-Tỷ lệ bệnh viện tổ chức khám, tư vấn đạt 90%.\n\n- Tỷ lệ xã có tư vấn dinh dưỡng đạt 50%.")
    assert [n[0] for n in tree[0][2]] == ["-", "-", "-"]
    assert tree[0][2][1][1] == "Tỷ lệ bệnh viện tổ chức khám, tư vấn đạt 90%."


def test_first_dash_lost_after_a_plain_announcement_opens_the_list():
    tree = _page([(0, "Chi cục Hải quan kiểm tra các nội dung dưới đây để xác nhận khả năng đáp ứng"),
                  (0, "điều kiện kiểm tra, giám sát hải quan:"), "",
                  (1.5, "Tường rào cứng bao quanh, ngăn cách với khu vực bên ngoài.")] + _DASHES)
    assert [n[0] for n in tree] == ["-", "-", "-"]
    assert tree[0][1] == "Tường rào cứng bao quanh, ngăn cách với khu vực bên ngoài."


def test_guillemet_opens_the_quotation_an_item_announces():
    # OCR read the opening '“' as '«': the quoted point is neither the item's text nor an item
    tree = _tree("Điều 1. Sửa đổi một số điều như sau:\n1. Sửa đổi Điểm 3.2 Khoản 3 Điều 7 như sau:\n"
                 "«3.2, Chi nhánh của doanh nghiệp đóng tại địa bàn đó.”\n2. Sửa đổi Khoản 6 Điều 46 như sau:")
    assert [n[0] for n in tree[0][2]] == ["1", "2"]
    assert tree[0][2][0][1] == "Sửa đổi Điểm 3.2 Khoản 3 Điều 7 như sau:"


def test_one_read_as_a_letter_opens_the_list_that_two_goes_on():
    body = "III. TỔ CHỨC THỰC HIỆN\nViệc phân công nhiệm vụ được triển khai như sau:\n{}Ban Thường trực Ủy ban\n" \
           "- Đồng chí Chủ tịch chỉ đạo chung.\n2. Các tổ chức chính trị - xã hội xã\n- Tăng cường công tác tuyên truyền."
    tree = _tree(body.format("lê "))
    assert [n[0] for n in tree[0][2]] == ["1", "2"]
    assert tree[0][2][0][1] == "Ban Thường trực Ủy ban"
    # no '2.' after it: the words stay plain text
    tree = _tree(body.format("lê ").replace("2. Các", "Các"))
    assert [n[0] for n in tree[0][2]] == ["-", "-"]


def test_as_above_entry_ends_the_body_when_the_distribution_heading_was_lost():
    tree = _tree("1. Thực hiện ngay.\n\nTổng cục Thuế trả lời để Cục Thuế được biết...\n"
                 "- Như Noi trên; nhận: KT. TỔNG CỤC TRƯỞNG\n- Vụ PC TCT;\n- Lưu: VT.")
    assert tree == [("1", "Thực hiện ngay.")]


def test_plain_paragraph_after_a_hanging_list_is_no_lost_dash():
    # the dash items hang their wrapped lines under their text (1.5 characters in)
    hanging = ["", (0, "- Phân công lực lượng tại chỗ triển khai trực giám sát 24/24; chủ động theo dõi"),
               (1.5, "thường xuyên các hệ thống giám sát."), "",
               (0, "- Chủ động rà soát các lỗ hổng, điểm yếu trên các hệ thống thông tin thuộc phạm"),
               (1.5, "vi quản lý.")]
    plain = ["", (0, "Các đơn vị báo cáo kết quả thực hiện về Sở Thông tin và Truyền thông trước ngày"),
             (0, "15 hằng tháng để tổng hợp.")]
    tree = _page([(0, "1. Tăng cường triển khai hoạt động bảo đảm an toàn thông tin mạng:")] + hanging + plain)
    assert [n[0] for n in tree[0][2]] == ["-", "-"]
    # the same paragraph hanging like the items did lose its dash
    lost = ["", (1.5, plain[1][1]), (1.5, plain[2][1])]
    tree = _page([(0, "1. Tăng cường triển khai hoạt động bảo đảm an toàn thông tin mạng:")] + hanging + lost)
    assert [n[0] for n in tree[0][2]] == ["-", "-", "-"]


def test_lost_first_number_is_one_where_two_goes_on():
    item2 = ["", (0, "2. Các doanh nghiệp cung cấp dịch vụ viễn thông bảo đảm hạ tầng an toàn, thông"),
             (0, "suốt trong dịp Tết.")]
    tree = _page([(0, "UBND thành phố đề nghị các cơ quan, đơn vị thực hiện một số nội dung công việc"),
                  (0, "sau:"), "",
                  (2.5, "Tăng cường triển khai hoạt động bảo đảm an toàn thông tin mạng tại các cơ quan"),
                  (0, "nhà nước.")] + item2)
    assert [n[0] for n in tree] == ["1", "2"]
    # the list goes on from an item before: the paragraph is plain text
    tree = _page([(0, "1. Rà soát các hệ thống thông tin."), (0, "UBND thành phố đề nghị các cơ quan thực hiện"),
                  (0, "một số nội dung công việc sau:"), "",
                  (2.5, "Tăng cường triển khai hoạt động bảo đảm an toàn thông tin mạng tại các cơ quan"),
                  (0, "nhà nước.")] + item2)
    assert [n[0] for n in tree] == ["1", "2"] and tree[0][1] == "Rà soát các hệ thống thông tin."


def test_as_above_opening_a_sentence_is_no_distribution_entry():
    tree = _tree("1. Thực hiện ngay.\n- Như trên, các đơn vị báo cáo kết quả trước ngày 15.\n2. Tổng hợp.")
    assert [n[0] for n in tree] == ["1", "2"] and len(tree[0]) == 3


def test_one_with_a_comma_after_an_upper_case_heading_starts_the_list():
    tree = _tree("III. NỘI\nDUNG GIÁM SÁT, ĐÁNH GIÁ\n1, Nội dung giám sát\n- Theo dõi tiến độ.\n"
                 "2. Nội dung đánh giá\n- Đánh giá kết quả.")
    assert tree[0][1] == "NỘI DUNG GIÁM SÁT, ĐÁNH GIÁ"
    assert [n[0] for n in tree[0][2]] == ["1", "2"]
    # after a plain sentence '1, …' stays inside it
    assert paragraphs(_lines("Số lượng được duyệt là\n1, Nội dung giám sát"))[0].text.endswith("giám sát")


def test_digit_before_b_opens_a_lettered_list():
    # OCR read 'a)' as '8)': the next item is 'b)' and no lettered list is open
    tree = _tree("4. Tăng cường nguồn nhân lực\n8) Củng cố đội ngũ cán bộ.\nb) Xây dựng chương trình.\n"
                 "5. Tăng cường chuyên môn")
    assert [n[0] for n in tree] == ["4", "5"] and [c[0] for c in tree[0][2]] == ["a", "b"]
    # followed by a number, '8)' is a number
    tree = _tree("7. Một.\n8) Hai.\n9. Ba.")
    assert [n[0] for n in tree] == ["7", "8", "9"]


def test_a_run_of_lost_dashes_is_measured_against_the_dash_after_it():
    tree = _page([(0, "a) Về thực hiện chế độ ăn đa dạng, hợp lý và an ninh thực phẩm cho mọi lứa"),
                  (0, "tuổi, mọi đối tượng"), "",
                  (1.5, "Tỷ lệ trẻ 6-23 tháng có chế độ ăn đúng, đủ đạt 65% vào năm 2025 và đạt"),
                  (0, "80% vào năm 2030."), "",
                  (1.5, "Tỷ lệ người trưởng thành tiêu thụ đủ số lượng rau quả hàng ngày đạt 55%"),
                  (0, "vào năm 2025.")] + _DASHES)
    assert [n[0] for n in tree[0][2]] == ["-", "-", "-", "-"]
    # plain paragraphs at the margin stay plain text
    tree = _page([(0, "a) Về thực hiện chế độ ăn đa dạng, hợp lý và an ninh thực phẩm cho mọi lứa"),
                  (0, "tuổi, mọi đối tượng"), "",
                  (0, "Tỷ lệ trẻ 6-23 tháng có chế độ ăn đúng, đủ đạt 65% vào năm 2025 và đạt"),
                  (0, "80% vào năm 2030."), "",
                  (0, "Tỷ lệ người trưởng thành tiêu thụ đủ số lượng rau quả hàng ngày đạt 55%"),
                  (0, "vào năm 2025.")] + _DASHES)
    assert [n[0] for n in tree[0][2]] == ["-", "-"]


def test_lost_first_dash_before_a_numbered_sub_list_that_dashes_follow():
    tree = _page([(0, "2.1. Chuẩn bị các văn bản về nhân sự và tổ chức 3 Hội nghị hiệp thương công tác"),
                  (0, "bầu cử theo Hướng dẫn."), "",
                  (1.5, "Nguyên tắc tổ chức hiệp thương: Bảo đảm dân chủ, công khai, minh bạch, đúng"),
                  (0, "quy trình."), "",
                  (0, "(1) Tổ chức hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025 (trước ngày bầu"),
                  (0, "cử 95 ngày)."), "",
                  (0, "(2) Tổ chức hiệp thương lần thứ hai: Chậm nhất ngày 03/02/2026 (trước ngày bầu"),
                  (0, "cử 40 ngày).")] + _DASHES)
    assert [n[0] for n in tree[0][2]] == ["-", "1", "2", "-", "-"]
    assert tree[0][2][0][1].startswith("Nguyên tắc")


def test_numbered_title_ends_where_the_next_line_would_have_fitted_and_starts_further_right():
    head = [(0, "2. Các cơ quan nhà nước thực hiện nghiêm các quy định về bảo đảm an toàn thông"),
            (0, "tin mạng trong dịp Tết."), ""]
    title = [(0, "3. Các doanh nghiệp cung cấp dịch vụ viễn thông, Internet"), ""]
    lost = [(1.5, "Tăng cường nguồn nhân lực thực hiện trực giám sát, hỗ trợ và khắc phục sự cố bảo"),
            (0, "đảm hạ tầng viễn thông an toàn, thông suốt."), ""]
    tree = _page(head + title + lost + _DASHES)
    assert tree[1][1] == "Các doanh nghiệp cung cấp dịch vụ viễn thông, Internet"
    assert [n[0] for n in tree[1][2]] == ["-", "-", "-"]
    # a line at the item's margin goes on its title, as a wrapped line does
    tree = _page(head + title + [(0, lost[0][1]), lost[1], ""] + _DASHES)
    assert tree[1][1].startswith("Các doanh nghiệp cung cấp dịch vụ viễn thông, Internet Tăng cường")


_ITEM_4 = [(0, "4. Các cơ quan nhà nước thực hiện nghiêm các quy định về bảo đảm an toàn thông"),
           (0, "tin mạng trong dịp Tết."), ""]


def test_one_line_paragraph_is_measured_against_the_next_paragraphs_wrapped_line():
    # no wrapped line above it (a one-line title): the dash item below shows where text starts
    tree = _page(_ITEM_4 + [(0, "5. Các Phó chủ tịch phụ trách lĩnh vực Dân tộc, Tôn giáo"), "",
                  (1.5, "Thực hiện nhiệm vụ theo phân công tại mục II Kế hoạch này."), ""] + _DASHES)
    assert [n[0] for n in tree[1][2]] == ["-", "-", "-"]
    tree = _page(_ITEM_4 + [(0, "5. Các Phó chủ tịch phụ trách lĩnh vực Dân tộc, Tôn giáo"), "",
                  (0, "Thực hiện nhiệm vụ theo phân công tại mục II Kế hoạch này."), ""] + _DASHES)
    assert [n[0] for n in tree[1][2]] == ["-", "-"]


def test_first_dash_lost_under_an_item_whose_sibling_lists_dashes():
    first = [(0, "2.1. Đợt 1: Trong tháng 12/2025"), ""] + _DASHES + [""]
    second = [(0, "2.2. Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026"), "",
              (1.5, "Tập trung tuyên truyền đậm nét, cao điểm về cuộc bầu cử đại biểu Quốc hội khóa XVI"),
              (0, "và đại biểu Hội đồng nhân dân các cấp."), "", (0, "2.3. Đợt 3: Sau ngày bầu cử")]
    tree = _page(first + second)
    assert [n[0] for n in tree] == ["2.1", "2.2", "2.3"]
    assert [c[0] for c in tree[1][2]] == ["-"]
    # at the margin it is the item's plain text
    second[2] = (0, second[2][1])
    tree = _page(first + second)
    assert len(tree[1]) == 2


def test_doubled_letter_marker_goes_on_the_lettered_list():
    tree = _tree("2. Các doanh nghiệp:\na) Tăng cường nguồn lực;\nb) Triển khai biện pháp;\nc) Theo dõi phản ánh;\n"
                 "đd) Thực hiện nghiêm các biện pháp xử lý.\n3. Liên hệ đầu mối.")
    assert [c[0] for c in tree[0][2]] == ["a", "b", "c", "d"]
    # no lettered list before it: a word, not a marker
    tree = _tree("2. Các doanh nghiệp:\nđd) Thực hiện nghiêm.")
    assert len(tree[0]) == 2


def test_title_that_lost_its_dash_inside_a_plus_list_is_the_next_dash_item():
    rows = [(0, "1. Nội dung giám sát"), "",
            (0, "- Nội dung giám sát của chủ chương trình"), "",
            (0, "+ Theo dõi, kiểm tra công tác quản lý Chương trình: xây dựng hệ thống văn bản quản"),
            (0, "lý, tổ chức thực hiện Chương trình."), "",
            (0, "+ Báo cáo kết quả thực hiện Chương trình, kết quả xử lý các vướng mắc, khó khăn"),
            (0, "thuộc thẩm quyền."), "",
            (1.5, "Nội dung giám sát của chủ dự án thành phần"), "",
            (0, "+ Theo dõi, kiểm tra các nội dung về xây dựng hệ thống văn bản hướng dẫn thực hiện"),
            (0, "dự án thành phần.")]
    tree = _page(rows)
    assert [(c[0], len(c[2])) for c in tree[0][2]] == [("-", 2), ("-", 1)]
    # a finished sentence there is the '+' list going on
    rows[10] = (1.5, "Báo cáo tình hình thực hiện dự án thành phần.")
    tree = _page(rows)
    assert [(c[0], len(c[2])) for c in tree[0][2]] == [("-", 4)]


def test_symbol_read_for_a_letter_goes_on_the_lettered_list():
    tree = _tree("1. Bộ Y tế\na) Chủ trì xây dựng kế hoạch.\nb) Phối hợp với các Bộ.\n€) Nghiên cứu, xây dựng văn bản.\n"
                 "d) Nghiên cứu chuyên môn.")
    assert [c[0] for c in tree[0][2]] == ["a", "b", "c", "d"]
    tree = _tree("1. Bộ Y tế\n€) Nghiên cứu, xây dựng văn bản.")
    assert len(tree[0]) == 2


def test_lost_letter_before_the_next_letter_read_as_its_look_alike():
    # 'c) ' lost (its room left), then 'd)' read as 'đ)'
    tree = _page([(0, "2. Bộ Giáo dục và Đào tạo"), "",
                  (0, "a) Đẩy mạnh truyền thông, giáo dục dinh dưỡng, tăng cường hoạt động thể lực cho"),
                  (0, "trẻ em, học sinh."), "",
                  (0, "b) Tăng cường phối hợp giữa nhà trường và gia đình trong các hoạt động giáo dục"),
                  (0, "về dinh dưỡng."), "",
                  (3, "Chủ trì, phối hợp với ngành y tế tổ chức triển khai, thực hiện, giám sát các hoạt"),
                  (0, "động về dinh dưỡng hợp lý trong trường học."), "",
                  (0, "đ) Chỉ đạo, đẩy mạnh triển khai các hoạt động liên quan đến dinh dưỡng hợp lý"),
                  (0, "cho học sinh.")])
    assert [c[0] for c in tree[0][2]] == ["a", "b", "c", "d"]


def test_a_paragraph_held_on_one_unwrapped_line_ends_at_its_blank_line():
    # text kept one paragraph per line: an item's line longer than any printed line, a blank
    # line, then a plain paragraph, which is not part of the item
    heading = ("Kiểm tra, giám sát việc giới thiệu người ứng cử đại biểu Quốc hội, đại biểu Hội đồng "
               "nhân dân và việc nộp hồ sơ ứng cử của người ứng cử, người được giới thiệu ứng cử")
    tree = _tree("1. Giám sát việc lập danh sách cử tri\n\n2. " + heading + "\n\n"
                 "Kiểm tra việc ứng cử theo quy định tại Điều 3 của Luật Bầu cử. Cụ thể:\n\n"
                 "- Tiêu chuẩn của người ứng cử;")
    assert tree[1] == ("2", heading, [("-", "Tiêu chuẩn của người ứng cử;")])
    # a short line wrapped before a blank line still goes on
    assert _tree("1. Quy định về nghĩa vụ thuế đối với cá nhân không cư trú có tài\n\n"
                 "Sản cho thuê tại Việt Nam\n\n2. Quy định khác.")[0][0] == "1"
