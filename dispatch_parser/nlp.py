"""Vietnamese clean-up of extracted field values with underthesea.

`underthesea.text_normalize` puts tone marks on the right vowel (`hoà` -> `hòa`,
`Thuỷ` -> `Thủy`) and repairs a few typing slips (`nghành` -> `ngành`). Run on a whole text
it also re-spaces punctuation (`Hóa,` -> `Hóa ,`), so it is applied word by word to field
values only, never to the raw document, and the spacing of each value is kept.

underthesea costs ~0.6 s to import, so it is imported on first use.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Optional

import regex

from .models import Contact, Directive, Issuer, Reference, Signer

# Runs of letters holding at least one non-ASCII letter: plain ASCII words never change.
_WORD = regex.compile(r"\w*[^\W\d_a-zA-Z]\w*")
_normalize_token: Optional[Callable[[str], str]] = None


def _token_normalizer() -> Callable[[str], str]:
    global _normalize_token
    if _normalize_token is None:
        from underthesea import text_normalize

        _normalize_token = lambda word: text_normalize(word, tokenizer="space")  # noqa: E731
    return _normalize_token


@lru_cache(maxsize=65536)
def fix_word(word: str) -> str:
    """One word with its tone mark in the standard place."""
    fixed = _token_normalizer()(word)
    # a token the normalizer would split or re-space is left as it was
    return fixed if len(fixed.split()) == 1 else word


def fix_tones(text: Optional[str]) -> Optional[str]:
    """`text` with every word's tone placement fixed; spacing and punctuation untouched."""
    if not text or text.isascii():
        return text
    return _WORD.sub(lambda m: fix_word(m.group()), text)


def _fix_list(values: list[str]) -> list[str]:
    return [fix_tones(v) for v in values]


def _fix_directive(d: Directive) -> None:
    d.text = fix_tones(d.text)
    for child in d.children:
        _fix_directive(child)


def normalize_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Fix tone placement in the text values of extracted fields (in place; also returned)."""
    for name in ("subject", "place"):
        if isinstance(fields.get(name), str):
            fields[name] = fix_tones(fields[name])
    for name in ("recipients", "distribution", "footnotes"):
        if fields.get(name):
            fields[name] = _fix_list(fields[name])
    issuer = fields.get("issuer")
    if isinstance(issuer, Issuer):
        issuer.name = fix_tones(issuer.name) or ""
        issuer.parent = fix_tones(issuer.parent)
    for name in ("legal_basis", "references"):
        for ref in fields.get(name) or []:
            if isinstance(ref, Reference):
                ref.subject = fix_tones(ref.subject)
                ref.issuer = fix_tones(ref.issuer)
    for d in fields.get("directives") or []:
        if isinstance(d, Directive):
            _fix_directive(d)
    for c in fields.get("contacts") or []:
        if isinstance(c, Contact):
            c.name, c.title = fix_tones(c.name), fix_tones(c.title)
            c.organization = fix_tones(c.organization)
    signer = fields.get("signer")
    if isinstance(signer, Signer):
        signer.name, signer.position = fix_tones(signer.name), fix_tones(signer.position)
        signer.authority = _fix_list(signer.authority)
    return fields
