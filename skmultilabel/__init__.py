"""scikit-learn compatible multi-label classifiers.

One import line per private module; public names are listed in ``__all__``.
"""

from ._binary_relevance import BinaryRelevance

__version__ = "0.1.0.dev0"

__all__ = [
    "BinaryRelevance",
    "__version__",
]
