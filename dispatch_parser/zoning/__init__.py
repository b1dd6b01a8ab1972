"""Learned zoning (issue 4): a spaCy line classifier that labels every clean line with its
Decree 30 zone, trained on fixture documents with OCR-like noise (see models/zoner/MODEL_CARD.md).

    apply_zoning(seg, "both")    rules' Segments -> Segments with model-filled gaps
    load_zoner().label(texts)    [(label, probability)] per line
"""
import importlib

from .labels import LABELS

# numpy and the weights load on first use, not when the CLI registers `train-zoner`
_LAZY = {"MODES": "combine", "apply_zoning": "combine", "merge": "combine",
         "model_labels": "combine", "segments_from_labels": "combine",
         "MODEL_DIR": "model", "Zoner": "model", "load_zoner": "model"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["LABELS", "MODEL_DIR", "MODES", "Zoner", "apply_zoning", "load_zoner", "merge", "model_labels",
           "segments_from_labels"]
