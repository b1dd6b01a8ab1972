"""Readers: any input -> one `Layout` (pages, lines, words with boxes).

`read(source)` picks the reader by the file's content (magic bytes) first and its suffix
second, so a misnamed file is still read right. Readers for PDF, images, DOCX and HTML
register themselves in `READERS` by format name; text is always available.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Union

from ..errors import EmptyInputError, InputError, InputTooLargeError, UnsupportedFormatError
from ..layout import Layout
from .text import decode_text, read_text_bytes, unicode_text

Source = Union[str, bytes, os.PathLike]
MAX_INPUT_BYTES = 200 * 1024 * 1024

# format name -> function(data: bytes, source: str | None) -> Layout
READERS: dict[str, Callable[[bytes, "str | None"], Layout]] = {
    "text": lambda data, source: read_text_bytes(data, source, "text"),
    "markdown": lambda data, source: read_text_bytes(data, source, "markdown"),
}

SUFFIX_FORMATS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".pdf": "pdf", ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image",
    ".tiff": "image", ".bmp": "image", ".webp": "image", ".docx": "docx",
    ".htm": "html", ".html": "html", ".doc": "doc",
}


def sniff_format(data: bytes, suffix: str = "") -> str:
    """The input's format from its first bytes, falling back on its suffix."""
    head = data[:16]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")) or (
            head[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if suffix in ("", ".docx") or b"word/" in data[:4096] else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    fmt = SUFFIX_FORMATS.get(suffix.lower())
    if fmt and fmt not in ("pdf", "image", "docx", "doc"):
        return fmt
    probe = data[:2048].lstrip().lower()
    if probe.startswith((b"<!doctype html", b"<html")) or b"<html" in probe[:512]:
        return "html"
    return fmt if fmt in ("text", "markdown") else "text"


def _load_optional_readers() -> None:
    # Optional readers live in their own modules and need extra packages; import lazily.
    for module in ("pdf", "image", "docx", "html"):
        if module in READERS:
            continue
        try:
            mod = __import__(f"{__name__}.{module}", fromlist=["read"])
        except ImportError:
            continue
        READERS.setdefault(module, mod.read)
        if module == "docx":
            # OLE containers: an encrypted DOCX, or a pre-2007 .doc: said so, with the fix
            READERS.setdefault("doc", mod.read_ole)


def read(source: Source, *, max_bytes: int = MAX_INPUT_BYTES) -> Layout:
    """Read a path, a text string or raw bytes into a `Layout`."""
    if isinstance(source, str) and not _looks_like_path(source):
        text, warnings = unicode_text(decode_text(source))
        layout = Layout.from_text(text, None, "text")
        layout.warnings.extend(warnings)
        return layout
    if isinstance(source, (bytes, bytearray)):
        data, name, suffix = bytes(source), None, ""
    else:
        path = Path(source)
        name, suffix = str(path), path.suffix.lower()
        if not path.exists():
            raise InputError("no such file", name)
        if path.is_dir():
            raise InputError("is a folder, not a file", name)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(f"{size} bytes is over the limit of {max_bytes}; "
                                     "split the file or raise max_bytes", name)
        data = path.read_bytes()
    if not data.strip():
        raise EmptyInputError("the file is empty", name)
    if len(data) > max_bytes:
        raise InputTooLargeError(f"{len(data)} bytes is over the limit of {max_bytes}", name)
    fmt = sniff_format(data, suffix)
    reader = READERS.get(fmt)
    if reader is None:
        _load_optional_readers()
        reader = READERS.get(fmt)
    if reader is None:
        raise UnsupportedFormatError(
            f"no reader for {fmt!r} input (supported: {', '.join(sorted(READERS))})", name)
    layout = reader(data, name)
    layout.source = name
    return layout


def _looks_like_path(text: str) -> bool:
    """A short one-line string naming an existing file is a path; anything else is text."""
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False
