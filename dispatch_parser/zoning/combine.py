"""Rules and model together: model zones -> `Segments`, and the gap-filling merge with the rules.

    zoning="rules"   segment.segment() only
    zoning="model"   the zoner's line labels alone decide the zones (rules only cut fused
                     header columns and find the offsets of 'V/v' / 'Kính gửi' in a line)
    zoning="both"    the rules' zones, and where the rules found nothing for a zone the
                     model's lines for it, when the model is confident (MIN_CONFIDENCE)

The merge keeps every zone the rules found: on clean text the rules are near-perfect and the
model only speaks up where their anchors (Số:, ngày … tháng … năm, V/v, Kính gửi, Nơi nhận,
the signer) were lost to OCR noise or an unseen layout. It fills empty zones (from lines in no
zone, in the body the rules fall back on, or, for a subject, in the header), and adds lines the
rules put nowhere next to zones they found.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..errors import DispatchParserError, ZonerUnavailableError
from ..normalize import CleanLine
from ..segment import (DATE_BLANK, DATE_LINE, HeaderPart, KINH_GUI, NOI_NHAN, SUBJECT_VV, Segments, _place_start,
                       is_upper_line, motto_in, sig_kind, split_header_line, type_title_of, DOCUMENT_TYPES)
from ..segment import _BULLET as _FOOT_BULLET, _continues_entry, _strip_foot_noise, is_archive_line
from ..vntext import fold, rx
from .features import geometry, pitches
from .model import load_zoner

MODES = ("rules", "model", "both")
# what OCR leaves of the heading when 'Kính' went to another line: 'gửi:', 'gứi :'
_GUI_PIECE = regex.compile(r"^\W{0,3}(?:gui){e<=1}\s*:", regex.I)
MIN_CONFIDENCE = 0.6
MIN_LINES = 8      # "both" asks the model only about texts of a dispatch's size: 8 lines or more


def content_lines(lines: list[CleanLine]) -> list[CleanLine]:
    return [l for l in lines if not l.blank]


def model_labels(lines: list[CleanLine], zoner=None) -> list[tuple[CleanLine, str, float]]:
    """(line, label, probability) for every non-blank clean line."""
    content = content_lines(lines)
    if not content:
        return []
    zoner = zoner or load_zoner()
    # the boxes of laid-out input (PDF, OCR, DOCX) give each line its place on the page
    geo = geometry(content) if any(l.box is not None for l in content) else None
    labels = zoner.label([l.text for l in content], geo, folded=[l.folded for l in content])
    return [(l, lab, p) for l, (lab, p) in zip(content, labels)]


# each type name's folded letters, longest name first
_TYPE_LETTERS = [(name, fold(name).replace(" ", "")) for name in sorted(DOCUMENT_TYPES, key=len, reverse=True)]


def _type_name(line: CleanLine) -> Optional[str]:
    t = type_title_of(line)
    if t:
        return t
    key = rx(r"[\W\d_]+").sub("", line.folded)
    for name, letters in _TYPE_LETTERS:
        # within 2 edits of a name of 6 letters or more (a shorter one would match too many words)
        if key == letters or (len(letters) >= 6 and rx(r"(?:%s){e<=2}" % regex.escape(letters)).fullmatch(key)):
            return name
    return None


def _add_entry(seg: Segments, line: CleanLine, text: str, at: Optional[int] = None, join: bool = True) -> None:
    """A Nơi nhận line put at position `at` of the list (default: last): the wrapped rest of
    the entry above it (when `join` and the rules' test says so), or an entry of its own."""
    at = len(seg.distribution) if at is None else at
    if join and at and not _FOOT_BULLET.match(text):
        first, prev = seg.distribution[at - 1]
        if _continues_entry(prev, text, is_archive_line(_FOOT_BULLET.sub("", prev, count=1))):
            seg.distribution[at - 1] = (first, prev.rstrip() + " " + text.strip())
            return
    seg.distribution.insert(at, (line, text))


def segments_from_labels(lines: list[CleanLine], labelled: list[tuple[CleanLine, str, float]]) -> Segments:
    """A `Segments` whose zones are the model's line labels."""
    seg = Segments(lines=lines)
    list_ended = False
    for line, label, _ in labelled:
        if label in ("issuer", "motto", "number", "date", "mark"):
            parts = split_header_line(line)
            seg.zones[id(line)] = "header"
            for part in parts:
                f = fold(part.text)
                if label == "number" and seg.number is None and part.column == "left":
                    part.column = "left"
                    seg.number = part
                elif seg.date is None and (DATE_LINE.search(f) or DATE_BLANK.search(f)) and label in ("date", "number", "issuer", "motto"):
                    m = DATE_LINE.search(f) or DATE_BLANK.search(f)
                    cut = _place_start(part.text, f, m.start()) if m else 0
                    part = HeaderPart(part.text[cut:], line, part.offset + cut, "right")
                    seg.date = part
                elif label == "date" and seg.date is None:
                    part.column = "right"
                    seg.date = part
                elif label == "motto":
                    part.column = "right"
                elif label == "issuer" and part.column == "right" and not rx(r"(?:cong hoa|doc lap|tu do|hanh phuc)").search(f):
                    part.column = "left"
                seg.header.append(part)
        elif label == "type":
            if seg.type_line is None:
                seg.type_title, seg.type_line = _type_name(line), line
                seg.zones[id(line)] = "title"
        elif label == "subject":
            if seg.type_line is not None:
                seg.title.append(line)
                seg.zones[id(line)] = "title"
            else:
                if not seg.subject:
                    m = SUBJECT_VV.match(line.folded)
                    seg.subject_first_offset = m.end() if m else 0
                seg.subject.append(line)
                seg.zones[id(line)] = "subject"
        elif label == "recipients":
            if not seg.recipients:
                m = KINH_GUI.match(line.folded) or _GUI_PIECE.match(line.folded)
                seg.recipients_first_offset = m.end() if m else 0
            seg.recipients.append(line)
            seg.zones[id(line)] = "recipients"
        elif label in ("preamble", "body", "closing"):
            seg.body.append(line)
            seg.zones[id(line)] = "body"
        elif label == "distribution":
            m = NOI_NHAN.match(line.folded)        # the heading is no entry: its rest may be one
            if m and seg.distribution or list_ended:
                list_ended = True       # a second heading: an appended form's list, not this document's
                continue
            text = _strip_foot_noise(line.text[m.end():] if m else line.text)
            # what OCR leaves beside the heading ('Nơi nhận: j....') is a smudge, not an entry
            if text.strip(" .:;-_…") and not (m and len(rx(r"\p{L}").findall(text)) < 3):
                _add_entry(seg, line, text)
            seg.zones[id(line)] = "distribution"
        elif label in ("authority", "signer"):
            seg.signature.append((line, line.text))
            seg.zones[id(line)] = "signature"
        elif label == "footnote":
            seg.footnotes.append(line)
            seg.zones[id(line)] = "footnotes"
    if seg.type_title is None and seg.title:       # 'subject' lines under no type: a V/v subject
        seg.subject, seg.title = seg.title, []
    return seg




def _wanted(seg: Segments) -> set[str]:
    """The labels whose lines may fill a zone the rules left empty."""
    wanted = set()
    has_issuer = any(p.column == "left" for p in seg.header if p is not seg.number)
    if seg.number is None or seg.date is None or not has_issuer:
        wanted |= {"issuer", "motto", "number", "date", "mark"}
    if seg.type_title is None or (not seg.subject and not seg.title):
        wanted |= {"type", "subject"}
    for zone, labels in ((seg.recipients, ("recipients",)), (seg.signature, ("authority", "signer")),
                         (seg.distribution, ("distribution",))):
        if not zone:
            wanted |= set(labels)
    return wanted


def model_can_help(seg: Segments) -> bool:
    """Whether `merge` could change anything in the rules' segments, whatever the model says:
    a zone is empty, a numbered or small-type line in no zone could be a footnote, a line in no
    zone follows the Nơi nhận heading, or a signature without a name, or a header line follows
    the subject. When none holds, "both"
    is the rules' result and the model is not run (most clean born-digital documents)."""
    if _wanted(seg):
        return True
    content = content_lines(seg.lines)
    zone = seg.zones.get
    if not seg.footnotes and _footnote_candidates(seg, content):
        return True
    if seg.subject and not seg.title:
        at = next((k for k, l in enumerate(content) if l is seg.subject[-1]), None)
        if at is not None and at + 1 < len(content) and zone(id(content[at + 1])) in (None, "header"):
            return True
    if seg.distribution:
        at = next((k for k, l in enumerate(content) if zone(id(l)) == "distribution"), None)
        if at is not None and any(zone(id(l)) is None for l in content[at + 1:]):
            return True
    if seg.signature and not any(sig_kind(t) == "name" for _, t in seg.signature):
        at = max(k for k, l in enumerate(content) if zone(id(l)) == "signature")
        if any(zone(id(l)) is None for l in content[at + 1:at + 3]):
            return True
    return False


def _header_subject(seg: Segments, line: CleanLine, labelled) -> bool:
    """A line the rules left in the header (its 'V/v' lost or misread) that the model is sure
    is the subject: never the number or date line, nor a line of the motto."""
    p = next((p for l, label, p in labelled if l is line and label in ("subject", "type")), 0.0)
    return p >= STRONG and seg.zones.get(id(line)) == "header" \
        and line is not getattr(seg.number, "line", None) and line is not getattr(seg.date, "line", None) \
        and not motto_in(line)


def _footnote_candidates(seg: Segments, content: list[CleanLine]) -> bool:
    """A line in no zone that could open a footnote: a numeral marker, or small type (OCR may
    have lost the marker)."""
    size = type_sizes(content)
    return any(seg.zones.get(id(l)) is None and (_FOOTNOTE_MARK.match(l.text) or size[id(l)] <= SMALL_TYPE)
               for l in content if id(l) in size)


def merge(rules: Segments, labelled: list[tuple[CleanLine, str, float]], min_p: float = MIN_CONFIDENCE) -> Segments:
    """The rules' segments, with each zone the rules left empty taken from the model."""
    seg = rules
    taken = set(seg.zones)
    # only the labels of zones the rules left empty are turned into segments (saves time)
    wanted = _wanted(seg)
    model = segments_from_labels(seg.lines, [x for x in labelled if x[2] >= min_p and x[1] in wanted])

    def free(line: CleanLine) -> bool:     # a line the rules put in no zone, or in the body
        return id(line) not in taken or seg.zones.get(id(line)) == "body"

    if seg.number is None and model.number is not None and free(model.number.line) \
            and rx(r"\d|/").search(model.number.text):
        seg.number = model.number
        _claim(seg, [model.number.line], "header")
        seg.header.append(model.number)
    if seg.date is None and model.date is not None and free(model.date.line):
        seg.date = model.date
        _claim(seg, [model.date.line], "header")
        seg.header.append(model.date)
    if not any(p.column == "left" for p in seg.header if p is not seg.number):
        issuer = [p for p in model.header if p.column == "left" and p is not model.number
                  and free(p.line) and seg.zones.get(id(p.line)) != "body"]
        if issuer:
            seg.header[:0] = issuer
            _claim(seg, [p.line for p in issuer], "header")
    if seg.type_title is None and model.type_title and free(model.type_line):
        seg.type_title, seg.type_line = model.type_title, model.type_line
        _claim(seg, [model.type_line], "title")
    if not seg.subject and not seg.title:
        lines = [l for l in (model.subject or model.title) if free(l) or _header_subject(seg, l, labelled)]
        chosen = {id(l) for l in lines}
        seg.header = [h for h in seg.header if id(h.line) not in chosen]
        if lines:
            if model.subject:
                seg.subject, seg.subject_first_offset = lines, model.subject_first_offset if lines[0] is model.subject[0] else 0
            else:
                seg.title = lines
            _claim(seg, lines, "subject" if model.subject else "title")
    if not seg.recipients:
        lines = [l for l in model.recipients if free(l)]
        if lines and lines[0] is model.recipients[0]:
            seg.recipients, seg.recipients_first_offset = lines, model.recipients_first_offset
            _claim(seg, lines, "recipients")
    if not seg.signature:
        pairs = [(l, t) for l, t in model.signature if free(l)]
        if pairs:
            seg.signature = pairs
            _claim(seg, [l for l, _ in pairs], "signature")
    if not seg.distribution:
        pairs = [(l, t) for l, t in model.distribution if free(l)]
        if pairs:
            seg.distribution = pairs
            # every line the entries hold, their wrapped rests too (else _extend adds them again)
            _claim(seg, [l for l in seg.lines if model.zones.get(id(l)) == "distribution" and free(l)], "distribution")
    if not seg.footnotes:
        _add_footnotes(seg, labelled, min_p)
    _extend(seg, labelled)
    return seg


SMALL_TYPE = 0.88     # a footnote's type size against the document's usual one (10 pt vs 13-14 pt type)
WRAPPED_TYPE = 1.05   # a footnote's wrapped line may measure up to the usual size (OCR boxes vary a little)
# a footnote opens with its marker, which OCR reads as a plain number before the text
# ('1 Chỉ thị số …'); a wrapped line starting with a number ('01 như sau:') is no footnote
_FOOTNOTE_MARK = regex.compile(r"^\W{0,2}([1-9]\d?|\*{1,3})\W{0,2}\s+(?=\p{Lu}|\()")
# a superscript a few pixels high is often read as a look-alike sign ('z Hiến pháp …' for 2):
# taken only where that number is the one expected
_LOOKALIKE_MARK = regex.compile(r"^\W{0,1}(\S)\s+(?=\p{Lu}|\()")
_DIGIT_LOOKALIKES = {"1": "lIi|!¡", "2": "zZ", "4": "A", "5": "sS", "6": "b", "8": "B", "9": "gq"}


def _add_footnotes(seg: Segments, labelled: list[tuple[CleanLine, str, float]], min_p: float) -> None:
    """Footnotes the rules did not see (OCR lost the superscript): the model's footnote lines
    in no zone of the rules and in small type, each opened by a numeral marker (the rules'
    check) and continued by the small-type lines in no zone right below it (the model often
    calls a footnote's wrapped line 'body'). Where OCR lost every marker (a phone photo's
    superscripts are a few pixels high), a run of such lines that ends its page is taken whole
    and split at paragraph ends (`_unmarked_footnotes`). A block must be small type as a whole:
    one numbered line that OCR measured small, above body-size lines, is an annex's note."""
    size = type_sizes([l for l, _, _ in labelled])
    if not size:
        return          # without boxes the type size cannot confirm a footnote
    order = {id(l): k for k, (l, _, _) in enumerate(labelled)}
    blocks = _marked_footnotes(seg, labelled, min_p, size) or _unmarked_footnotes(seg, labelled, min_p, size, order)
    openers = {id(block[0][0]) for block in blocks}
    for block in blocks:            # (source line, footnote line) pairs
        if _median([size[id(line)] for line, _ in block]) > SMALL_TYPE:
            continue
        after = order[id(block[-1][0])] + 1
        if after < len(labelled) and seg.zones.get(id(labelled[after][0])) is None \
                and id(labelled[after][0]) not in openers and rx(r"^\W{0,2}\p{Ll}").match(labelled[after][0].text):
            continue        # its sentence goes on in body type: a note in an annex's table, not a footnote
        for line, note in block:
            seg.zones[id(line)] = "footnotes"
            seg.footnotes.append(note)


def _height(line: CleanLine) -> float:
    return line.box.bottom - line.box.top


def type_sizes(lines: list[CleanLine]) -> dict[int, float]:
    """Each boxed line's type size against the document's usual one, by id: the character
    pitch of a long line (steady even where OCR boxes of a small photo swing with the
    diacritics), else the line's height."""
    boxed = [l for l in lines if l.box is not None]
    if not boxed:
        return {}
    usual = _median([_height(l) for l in boxed])
    pitch = pitches([l.text for l in boxed], geometry(boxed))
    return {id(l): pt if pt is not None else _height(l) / usual for l, pt in zip(boxed, pitch)}


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def _as_note(line: CleanLine, marker: str, cut: int = 0) -> tuple[CleanLine, CleanLine]:
    """(line, its footnote line): `marker` on a footnote's first line, '' on the lines after."""
    return line, CleanLine(line.text[cut:], line.start + cut, line.end, line.page, line.box, marker, line.column)


def _free_small(seg: Segments, line: CleanLine, size: dict[int, float], limit: float) -> bool:
    """A line in no zone of the rules, with a box, its type no larger than `limit` x the usual."""
    return seg.zones.get(id(line)) is None and id(line) in size and size[id(line)] <= limit


def _marked_footnotes(seg: Segments, labelled, min_p: float,
                      size: dict[int, float]) -> list[list[tuple[CleanLine, CleanLine]]]:
    """Blocks opened by a numeral marker, as (source line, footnote line) pairs."""
    blocks: list[list[tuple[CleanLine, CleanLine]]] = []
    last = None
    for k, (line, label, p) in enumerate(labelled):
        following = bool(blocks) and last == k - 1
        if not _free_small(seg, line, size, WRAPPED_TYPE if following else SMALL_TYPE):
            continue
        expected = str(_int(blocks[-1][0][1].footnote) + 1) if blocks else "1"
        m = _FOOTNOTE_MARK.match(line.text)
        marker = m.group(1) if m else None
        if m is None:
            m = _LOOKALIKE_MARK.match(line.text)
            marker = expected if m and m.group(1) in _DIGIT_LOOKALIKES.get(expected, "") else None
        if marker and size[id(line)] > SMALL_TYPE:
            continue            # a numbered line in body type: an item, neither footnote nor its rest
        # a footnote opens where the model says so, or where the next number follows one
        if marker and ((following and marker == expected) or (label == "footnote" and p >= min_p)):
            blocks.append([_as_note(line, marker, m.end())])
        elif following:
            blocks[-1].append(_as_note(line, ""))
        else:
            continue
        last = k
    return [piece for block in blocks for piece in _split_at_paragraph_ends(block)]


# what a lost marker may leave before a footnote's first word: one sign ('+ Tại văn bản …')
_MARK_REMNANT = regex.compile(r"^(?:[^\w\s(]\s+)?(?=\p{Lu})")


def _split_at_paragraph_ends(block: list[tuple[CleanLine, CleanLine]]) -> list[list[tuple[CleanLine, CleanLine]]]:
    """A block split where a line ends a sentence short of the block's right edge and the next
    opens with a capital: the next footnote, whose marker OCR lost; it takes the next number."""
    lines = [line for line, _ in block]
    right = max(l.box.x1 for l in lines)
    width = right - min(l.box.x0 for l in lines)
    pieces = [[block[0]]]
    for prev, (line, note) in zip(lines, block[1:]):
        m = _MARK_REMNANT.match(line.text)
        if m and prev.text.rstrip().endswith(".") and prev.box.x1 < right - 0.12 * width:
            pieces.append([_as_note(line, str(_int(pieces[-1][0][1].footnote) + 1), m.end())])
        else:
            pieces[-1].append((line, note))
    return pieces


def _unmarked_footnotes(seg: Segments, labelled, min_p: float, size: dict[int, float],
                        order: dict[int, int]) -> list[list[tuple[CleanLine, CleanLine]]]:
    """Footnotes whose markers OCR lost: a run of consecutive small-type lines in no zone that
    ends its page, opened by a small line and mostly called 'footnote' by the model (once at
    `min_p` at least); a new footnote opens where a line ends a sentence short of the run's
    right edge and the next opens with a capital. The lost markers are numbered in order."""
    runs: list[list[tuple[CleanLine, str, float]]] = []
    last = None
    for k, (line, label, p) in enumerate(labelled):
        if _free_small(seg, line, size, WRAPPED_TYPE) and runs and last == k - 1 and line.page == runs[-1][-1][0].page:
            runs[-1].append((line, label, p))
        elif _free_small(seg, line, size, SMALL_TYPE):
            runs.append([(line, label, p)])
        else:
            continue
        last = k
    blocks = []
    for run in runs:
        # a footnote opens a sentence: lines before the first that can open one are left out
        # (an upper-case line is a title, the signer's that OCR left below the block)
        while run and (not rx(r"^\W{0,2}[\p{Lu}\d]").match(run[0][0].text) or is_upper_line(run[0][0].text, 0.8)
                       or size[id(run[0][0])] > SMALL_TYPE):
            run = run[1:]
        if not run:
            continue
        lines = [l for l, _, _ in run]
        page, end = lines[-1].page, order[id(lines[-1])]
        ends_page = all(l.page != page or seg.zones.get(id(l)) is None for l, _, _ in labelled[end + 1:])
        said = [p for _, label, p in run if label == "footnote"]
        # the opening line is a footnote's most telling one: where the model calls it something
        # else ('Ghi chú: …' below the foot is a note, 'noise'), the run is no footnote
        if not ends_page or run[0][1] != "footnote" or 2 * len(said) < len(run) or max(said, default=0.0) < min_p:
            continue
        first = _as_note(lines[0], str(_int(blocks[-1][0][1].footnote) + 1) if blocks else "1")
        blocks += _split_at_paragraph_ends([first] + [_as_note(line, "") for line in lines[1:]])
    return blocks


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


STRONG = 0.8      # the model may add a line to a zone the rules found only when this sure of it


def _extend(seg: Segments, labelled: list[tuple[CleanLine, str, float]]) -> None:
    """Lines the model is sure of next to zones the rules found, where the rules put them nowhere.

    A subject's last wrapped line the rules took for a header line, and Nơi nhận entries OCR
    read out of column order (below the signer's title) that the rules left in no zone.
    """
    order = {id(l): k for k, (l, _, _) in enumerate(labelled)}
    if seg.subject and not seg.title:
        k = order.get(id(seg.subject[-1]))
        while k is not None and k + 1 < len(labelled):
            line, label, p = labelled[k + 1]
            used = line is getattr(seg.number, "line", None) or line is getattr(seg.date, "line", None)
            # a line standing right above a date line that opens its own line is the date's
            # wrapped place ('Thành phố Hồ Chí' / 'Minh, ngày 28 tháng 11 …'), not the subject
            place = k + 2 < len(labelled) and seg.date is not None and labelled[k + 2][0] is seg.date.line \
                and not seg.date.line.text[:seg.date.offset].strip()
            if label != "subject" or p < STRONG or used or place or seg.zones.get(id(line)) not in (None, "header") \
                    or DATE_LINE.search(line.folded):
                break
            seg.header = [h for h in seg.header if h.line is not line]
            seg.subject.append(line)
            seg.zones[id(line)] = "subject"
            k += 1
    if seg.distribution:
        _distribution_above(seg, labelled, order)
        _extend_distribution(seg, labelled, order)
    if seg.signature:
        _add_signer_name(seg, labelled, order)


FOOT_SLACK = 3      # lines below the foot's last zoned line that may still be Nơi nhận entries read out of order


def _extend_distribution(seg: Segments, labelled, order: dict[int, int]) -> None:
    """Nơi nhận lines in no zone within the foot, from the heading to just below the last line
    of the list or the signature (a later 'Nơi nhận' is another list's, an appended form's): OCR
    put a smudge before the bullet, or read an entry out of column order. Each goes in at its
    place in reading order: before the first entry it opens an entry of its own, after it it is
    an entry or the wrapped rest of the entry above it, as the rules decide."""
    foot = [k for k, (l, _, _) in enumerate(labelled) if seg.zones.get(id(l)) in ("distribution", "signature")]
    heading = min((k for k in foot if seg.zones.get(id(labelled[k][0])) == "distribution"), default=None)
    first = order.get(id(seg.distribution[0][0]))
    if heading is None or first is None:
        return
    for k in range(heading + 1, min(max(foot) + FOOT_SLACK + 1, len(labelled))):
        line, label, p = labelled[k]
        if seg.zones.get(id(line)) is not None:
            continue
        if NOI_NHAN.match(line.folded):
            break           # another list's heading
        if label == "distribution" and p >= STRONG:
            text = _strip_foot_noise(line.text)
            if text.strip(" .:;-_…"):
                # after the entries that open above it
                at = sum(1 for l, _ in seg.distribution if order.get(id(l), -1) < k)
                _add_entry(seg, line, text, at, join=k > first)
            seg.zones[id(line)] = "distribution"


# what OCR leaves of a Nơi nhận heading whose first word it lost or garbled ('nhận:')
_HEADING_REST = regex.compile(r"^\W{0,3}(?:\w{1,3}\s+)?nhan\s*[:;.]", regex.I)


def _distribution_above(seg: Segments, labelled, order: dict[int, int]) -> None:
    """Nơi nhận lines above a list whose heading OCR garbled, so that the rules opened the list
    only at a line they know on sight ('- Lưu: VT …') and left the lines above it in the body or
    in no zone: the model's sure distribution lines right above the list, the signer's title
    lines read in between skipped, become its first entries (a heading's rest is dropped)."""
    if any(seg.zones.get(id(l)) == "distribution" and NOI_NHAN.match(l.folded) for l, _, _ in labelled):
        return
    k = order.get(id(seg.distribution[0][0]), 0) - 1
    above = []
    while k >= 0:
        line, label, p = labelled[k]
        zone = seg.zones.get(id(line))
        if zone != "signature":
            if label != "distribution" or p < STRONG or zone not in (None, "body"):
                break
            above.append(line)
        k -= 1
    if not above:
        return
    rules_entries, seg.distribution = seg.distribution, []
    for line in reversed(above):
        text = _strip_foot_noise(line.text)
        if _HEADING_REST.match(fold(line.text)) or not text.strip(" .:;-_…=~"):
            continue
        # a wrapped rest whose entry OCR lost is no entry
        if seg.distribution or not rx(r"^\W{0,2}\p{Ll}").match(text):
            _add_entry(seg, line, text)
    seg.distribution += rules_entries
    _claim(seg, above, "distribution")


NAME_REACH = 2       # lines in no zone below the signature block that may still hold the name


def _add_signer_name(seg: Segments, labelled, order: dict[int, int]) -> None:
    """The signer's name line below the signature block, which the rules left in no zone (OCR
    put stroke debris or quotes before the name, or a comma after it) or read into the Nơi
    nhận list still open above it (its 'Lưu' line lost, or the name taken for an entry's
    wrapped rest): taken when the model is sure it is the signer and the rest is a person's
    name. Nơi nhận entries that OCR read between the title and the name (the foot's two
    columns interleaved) are stepped over."""
    if any(sig_kind(t) == "name" for _, t in seg.signature):
        return
    last = max((order.get(id(l), -1) for l, _ in seg.signature), default=-1)
    reach = NAME_REACH
    for line, label, p in labelled[last + 1:last + 12]:
        zone = seg.zones.get(id(line))
        if zone not in (None, "distribution"):
            return
        if label == "signer" and p >= STRONG:
            # the stroke debris before the name goes, and a quote or comma around it
            text = _strip_foot_noise(line.text).strip(" \"'“”‘’,.;:")
            if sig_kind(text) != "name" or zone == "distribution" and not _drop_from_distribution(seg, line):
                return
            seg.signature.append((line, text))
            seg.zones[id(line)] = "signature"
            return
        if zone is None:
            reach -= 1
            if not reach:
                return


def _drop_from_distribution(seg: Segments, line: CleanLine) -> bool:
    """`line` out of the Nơi nhận list: its own entry, or the end of the entry it was joined to."""
    for k, (first, text) in enumerate(seg.distribution):
        if first is line:
            del seg.distribution[k]
            return True
        rest = line.text.strip()
        if text.rstrip().endswith(" " + rest):
            seg.distribution[k] = (first, text.rstrip()[:-len(rest)].rstrip())
            return True
    return False


def _claim(seg: Segments, lines: list[CleanLine], zone: str) -> None:
    """Move lines into `zone`: out of the body, where the rules had put them by default."""
    ids = {id(l) for l in lines}
    if any(seg.zones.get(i) == "body" for i in ids):
        seg.body = [l for l in seg.body if id(l) not in ids]
    for i in ids:
        seg.zones[i] = zone


GATE = model_can_help       # tests swap in `lambda seg: True` to compare with the ungated merge


def apply_zoning(seg: Segments, mode: str = "both", zoner=None) -> Segments:
    """The pipeline's zoning step: `seg` from segment(), adjusted per `mode`."""
    if mode == "rules":
        return seg
    if mode not in MODES:
        raise DispatchParserError(f"zoning must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "both" and (len(content_lines(seg.lines)) < MIN_LINES or not GATE(seg)):
        return seg          # a snippet (no document-sized context), or nothing the model could add
    try:
        labelled = model_labels(seg.lines, zoner)
    except (OSError, ImportError, ValueError) as exc:
        raise ZonerUnavailableError(f"the learned zoner cannot be loaded ({exc}); rebuild it with "
                                    "scripts/train_zoner.py or use zoning='rules'") from exc
    if mode == "model":
        return segments_from_labels(seg.lines, labelled)
    return merge(seg, labelled)
