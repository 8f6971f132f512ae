"""scikit-learn compatible multi-label classifiers.

One import line per private module; public names are listed in ``__all__``.
"""

from ._binary_relevance import BinaryRelevance
from ._chain import ClassifierChain
from ._ensemble_chain import EnsembleClassifierChain
from ._label_powerset import LabelPowerset
from ._lightgbm import LGBMMultiLabelClassifier
from ._loss_aware import (
    LossAwareClassifier,
    bayes_optimal_predict,
    gfm_predict,
    gfm_statistics,
)
from ._rakel import RakelD, RakelO
from ._stacking import StackedBinaryRelevance
from ._threshold import FixedThresholdsClassifier, TunedThresholdsClassifierCV
from ._threshold_search import (
    CostObjective,
    FBetaObjective,
    HammingObjective,
    JaccardObjective,
    PrecisionAtRecallObjective,
    RecallAtPrecisionObjective,
    ThresholdObjective,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "BinaryRelevance",
    "ClassifierChain",
    "EnsembleClassifierChain",
    "LabelPowerset",
    "LGBMMultiLabelClassifier",
    "LossAwareClassifier",
    "RakelD",
    "RakelO",
    "StackedBinaryRelevance",
    "TunedThresholdsClassifierCV",
    "FixedThresholdsClassifier",
    "ThresholdObjective",
    "FBetaObjective",
    "JaccardObjective",
    "HammingObjective",
    "CostObjective",
    "PrecisionAtRecallObjective",
    "RecallAtPrecisionObjective",
    "bayes_optimal_predict",
    "gfm_predict",
    "gfm_statistics",
    "__version__",
]
