"""Plain text and Markdown: bytes -> str (encoding detected) -> one-page `Layout`."""
from __future__ import annotations

import unicodedata
from typing import Optional

from ..errors import EncodingError, UnsupportedFormatError
from ..layout import Layout
from . import legacy

_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]


def decode_bytes(data: bytes, source: Optional[str] = None) -> tuple[str, list[str]]:
    """Decode text bytes: BOM, then UTF-8, then UTF-16 without BOM, then Windows-1258."""
    warnings: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), warnings
            except UnicodeDecodeError as exc:
                raise EncodingError(f"starts with a {enc} mark but does not decode: {exc}", source)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    zeros = sample.count(b"\x00")
    if zeros > len(sample) // 4:
        # UTF-16 text without a BOM has a NUL in every other byte of its ASCII characters
        even, odd = sample[0::2].count(b"\x00"), sample[1::2].count(b"\x00")
        enc = "utf-16-be" if even > odd else "utf-16-le"
        try:
            return data.decode(enc), [f"decoded as {enc} without a byte-order mark"]
        except UnicodeDecodeError:
            raise UnsupportedFormatError("binary data, not text: convert it to PDF, DOCX or "
                                         "UTF-8 text first", source)
    if zeros:
        raise UnsupportedFormatError("binary data, not text: convert it to PDF, DOCX or UTF-8 "
                                     "text first", source)
    # one-byte TCVN3 / VNI text (old .VnTime / VNI-Times files): its codes are Latin-1 letters
    latin = data.decode("latin-1")
    kind = legacy.detect(latin)
    if kind:
        return legacy.convert(latin, kind), [f"text in the legacy {kind.upper()} encoding, "
                                             "converted to Unicode"]
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"neither UTF-8 nor Windows-1258 ({exc}); save it as UTF-8", source)
    warnings.append("not UTF-8: decoded as Windows-1258")
    return text, warnings


def decode_text(text: str) -> str:
    """Line endings to \\n, NFC; keeps everything else for the normalizer."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def unicode_text(text: str) -> tuple[str, list[str]]:
    """Text that still carries TCVN3 / VNI codes (pasted from an old document) converted, with
    the warning that says so."""
    text, kind = legacy.convert_if_legacy(text)
    return text, [f"text in the legacy {kind.upper()} encoding, converted to Unicode"] if kind else []


def read_text_bytes(data: bytes, source: Optional[str], fmt: str = "text") -> Layout:
    text, warnings = decode_bytes(data, source)
    if not warnings:
        text, warnings = unicode_text(text)
    layout = Layout.from_text(decode_text(text), source, fmt)
    layout.warnings.extend(warnings)
    return layout
