"""Label statistics and label-dependence diagnostics.

Only what scikit-learn lacks: its ``sklearn.metrics`` already scores
multi-label predictions (``hamming_loss``, ``accuracy_score`` as subset
accuracy, ``f1_score(average=...)``, ``jaccard_score``, ranking metrics).
"""

from ._dependence import (
    DependenceReport,
    cooccurrence_matrix,
    dependence_report,
    label_cardinality,
    label_density,
    lift_matrix,
    mutual_information_matrix,
    phi_matrix,
)
from ._plot import plot_cooccurrence

__all__ = [
    "DependenceReport",
    "cooccurrence_matrix",
    "dependence_report",
    "label_cardinality",
    "label_density",
    "lift_matrix",
    "mutual_information_matrix",
    "phi_matrix",
    "plot_cooccurrence",
]
