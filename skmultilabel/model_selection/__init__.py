"""Model selection: multi-label stratified cross-validation."""

from ._split import (
    MultilabelStratifiedKFold,
    MultilabelStratifiedShuffleSplit,
    StratificationWarning,
    iterative_stratification,
)

__all__ = [
    "MultilabelStratifiedKFold",
    "MultilabelStratifiedShuffleSplit",
    "StratificationWarning",
    "iterative_stratification",
]
