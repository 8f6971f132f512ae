"""Utilities: validation of multi-label targets."""

from ._validation import check_multilabel_target, label_names_of

__all__ = ["check_multilabel_target", "label_names_of"]
