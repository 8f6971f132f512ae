"""Runner of the scikit-multilearn-ng peers, executed inside their own venv.

``<venv>/bin/python benchmarks/peers/skmultilearn_ng_runner.py JOB.json``

scikit-multilearn-ng installs the module ``skmultilearn`` (the same name as
the unmaintained scikit-multilearn), so it lives in its own venv made from
``skmultilearn_ng.txt`` plus the project's scikit-learn version (the suite
does this on first use; see ``docs/benchmarks/index.rst``). The base learner
mirrors ``benchmarks.suite.registry.base_learner``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.suite.protocol import run_job  # noqa: E402

LR_PARAMS = {"C": 1.0, "max_iter": 1000}  # = benchmarks.suite.registry.LR_PARAMS


def _lr():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MaxAbsScaler

    return make_pipeline(MaxAbsScaler(), LogisticRegression(**LR_PARAMS))


# require_dense=[False, True]: sparse X is handed to the base learner as it
# is (LR accepts it, as with our estimators); y must be dense: with
# [False, False] scikit-learn >= 1.6 rejects the sparse label column
# ("Sparse data was passed for y, but dense data is required").
KEEP = [False, True]


def _problem_transform(cls_name):
    def factory():
        import skmultilearn.problem_transform as pt

        return getattr(pt, cls_name)(classifier=_lr(), require_dense=KEEP)

    return factory


def _rakeld():
    from skmultilearn.ensemble import RakelD

    return RakelD(base_classifier=_lr(), labelset_size=3,
                  base_classifier_require_dense=KEEP)


def _mlknn():
    from skmultilearn.adapt import MLkNN

    return MLkNN(k=10)


# The names must match benchmarks.suite.registry (a test checks it).
METHODS = {
    "skml-BR": _problem_transform("BinaryRelevance"),
    "skml-CC": _problem_transform("ClassifierChain"),
    "skml-LP": _problem_transform("LabelPowerset"),
    "skml-RAkELd": _rakeld,
    "skml-MLkNN": _mlknn,
}


def build(name, job):
    if name not in METHODS:
        raise KeyError(f"unknown scikit-multilearn-ng method {name!r}")
    return METHODS[name]()


def versions():
    from importlib.metadata import version

    return {
        p: version(p)
        for p in ("scikit-multilearn-ng", "scikit-learn", "numpy", "scipy")
    }


if __name__ == "__main__":
    sys.exit(run_job(sys.argv[1], build, versions))
