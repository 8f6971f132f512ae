"""Model selection: multi-label stratified cross-validation."""

from ._split import (
    MultilabelStratifiedKFold,
    MultilabelStratifiedShuffleSplit,
    iterative_stratification,
)

__all__ = [
    "MultilabelStratifiedKFold",
    "MultilabelStratifiedShuffleSplit",
    "iterative_stratification",
]
