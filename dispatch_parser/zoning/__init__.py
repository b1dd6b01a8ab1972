"""Learned zoning (issue 4): a spaCy line classifier that labels every clean line with its
Decree 30 zone, trained on fixture documents with OCR-like noise (see models/zoner/MODEL_CARD.md).

    apply_zoning(seg, "both")    rules' Segments -> Segments with model-filled gaps
    load_zoner().label(texts)    [(label, probability)] per line
"""
from .combine import MODES, apply_zoning, merge, model_labels, segments_from_labels
from .labels import LABELS
from .model import MODEL_DIR, Zoner, load_zoner

__all__ = ["LABELS", "MODEL_DIR", "MODES", "Zoner", "apply_zoning", "load_zoner", "merge", "model_labels",
           "segments_from_labels"]
