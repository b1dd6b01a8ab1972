"""A gazetteer of Vietnamese state bodies and provinces, to restore names OCR garbled.

'TONG CUC THUE' folds to the same key as 'Tổng cục Thuế': when a name's folded words match
a known entry (exactly, or within one edit for longer entries) and only one entry fits, the
entry's true spelling replaces the read one.
"""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Optional

import regex

from .vntext import fold, rx


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, list[str]]:
    text = resources.files("dispatch_parser").joinpath("data/gazetteer.json").read_text("utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, str]]:
    data = _data()
    bodies = {_key(b): b for b in data["bodies"]}
    provinces = {_key(p): p for p in data["provinces"]}
    return bodies, provinces


def _key(text: str) -> str:
    return rx(r"[^a-z0-9]+").sub(" ", fold(text)).strip()


def bodies() -> list[str]:
    return list(_data()["bodies"])


def provinces() -> list[str]:
    return list(_data()["provinces"])


def restore_place(text: str) -> str:
    """'Hà Noi' -> 'Hà Nội' when it is a known province or city; else as read."""
    _, prov = _index()
    key = _key(text)
    if key in prov:
        return prov[key]
    if len(key) >= 6:
        hits = [v for k, v in prov.items() if _close(k, key)]
        if len(hits) == 1:
            return hits[0]
    return text


@functools.lru_cache(maxsize=None)
def _fuzzy(a: str) -> regex.Pattern:
    # compiled once per gazetteer key: escaping and the regex cache lookup were a hot spot
    return regex.compile(r"(?:%s){e<=1}" % regex.escape(a))


def _close(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    return _fuzzy(a).fullmatch(b) is not None


@functools.lru_cache(maxsize=4096)   # the issuer extractor asks twice per document
def restore_body(name: str) -> str:
    """Restore the known body at the start of a name, and a known place at its end.

    'Tong cuc Thue' -> 'Tổng cục Thuế'; 'Cục Thuế Thành phó Hà Nội' keeps its tail as read
    unless the tail is a known place.
    """
    bodies, _ = _index()
    words = name.split()
    keys = [_key(w) for w in words]
    best: Optional[tuple[int, str]] = None
    for n in range(len(words), 0, -1):
        key = " ".join(k for k in keys[:n] if k)
        if key in bodies:
            best = (n, bodies[key])
            break
        if len(key) >= 8:
            hits = [v for k, v in bodies.items() if _close(k, key)]
            if len(hits) == 1:
                best = (n, hits[0])
                break
    if best is None:
        return name
    n, body = best
    rest = words[n:]
    restored_rest = _restore_tail(rest)
    return " ".join([body, *restored_rest]) if restored_rest else body


_UNITS = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố", "huyen": "huyện", "xa": "xã",
          "quan": "quận", "phuong": "phường", "thi xa": "thị xã", "thi tran": "thị trấn"}


_PROVINCE_UNITS = {"tinh", "thanh pho", "tp"}


def _restore_tail(words: list[str]) -> list[str]:
    if not words:
        return words
    keys = [_key(w) for w in words]
    for size in (2, 1):
        unit = " ".join(keys[:size])
        if unit in _UNITS and len(words) > size:
            place = " ".join(words[size:])
            # a district or commune is no province, however like one it reads ('huyện Phù Yên')
            restored = restore_place(place) if unit in _PROVINCE_UNITS else place
            if restored != place or _key(place) in _index()[1]:
                return [_UNITS[unit], restored]
            return [words[0].lower() if words[0][:1].isupper() and size == 1 else words[0], *words[1:]]
    restored = restore_place(" ".join(words))
    return [restored] if restored != " ".join(words) else words


def is_partial_body(text: str) -> bool:
    """Whether a header line is only the first words of a known body, wrapped in its cell:
    'BỘ' (of 'BỘ TÀI CHÍNH'), 'VĂN PHÒNG CHÍNH' (of 'VĂN PHÒNG CHÍNH PHỦ'), 'HỘI'."""
    bodies, _ = _index()
    key = _key(text)
    if not key or key in bodies:
        return False
    return any(k.startswith(key + " ") for k in bodies)
