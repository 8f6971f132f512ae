"""The registry of benchmarked methods: named factories, ours and the peers.

Every entry is a :class:`Method`. A method of the project venv (ours, the
scikit-learn and LightGBM peers) has a ``factory(random_state)`` building the
unfitted estimator and a list of dotted names it ``requires``; it is
*available* only when each of them imports at run time, so the suite picks up
a new skmultilabel estimator as soon as it is exported from ``skmultilabel``,
and simply leaves out one that does not exist yet. A method of a peer venv
(scikit-multilearn-ng, BOOMER) is built by the runner script of that venv
(``benchmarks/peers/<env>_runner.py``) and is always listed: when its venv
cannot be created or its import fails, the run reports it as failed with the
error.

Settings (documented in ``docs/benchmarks/index.rst``): one base learner for
every method that takes one, :func:`base_learner` (``MaxAbsScaler`` then
logistic regression, C=1, ``max_iter=1000``: the scaling keeps sparse input
sparse and leaves 0/1 features, such as the label columns a chain appends,
unchanged); the package's estimators with their defaults otherwise
(no tuning of ours or of theirs); boosting with 100 trees for both LightGBM
methods; BOOMER with its defaults (at most 1000 rules); every worker limited
to one thread (``OMP_NUM_THREADS=1``), except BOOMER's own threading.
"""

from dataclasses import dataclass, field
from importlib import import_module

__all__ = [
    "Method",
    "METHODS",
    "available_methods",
    "base_learner",
    "get_method",
    "resolve",
]

# Hyperparameters shared by ours and the peers (see the module docstring).
LR_PARAMS = {"C": 1.0, "max_iter": 1000}
N_TREES = 100
RANDOM_STATE = 0


def base_learner():
    """The base binary/multiclass learner every wrapper method uses."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MaxAbsScaler

    return make_pipeline(MaxAbsScaler(), LogisticRegression(**LR_PARAMS))


def resolve(dotted):
    """Import ``"package.module.Name"`` and return the object (or raise)."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(f"cannot import {dotted!r}")


def _available(dotted):
    try:
        resolve(dotted)
    except (ImportError, AttributeError):
        return False
    return True


@dataclass(frozen=True)
class Method:
    """One benchmarked method.

    Parameters
    ----------
    name : str
        Unique short name used in the tables, CSV and ``--methods``.
    package : str
        The package that provides it (``"skmultilabel"`` for ours).
    env : str
        ``"project"`` (run with the project's interpreter) or the name of a
        peer venv (a requirement file ``benchmarks/peers/<env>.txt`` and a
        runner ``benchmarks/peers/<env>_runner.py``).
    description : str
        What is fitted, for the docs.
    factory : callable or None
        ``factory(random_state) -> estimator`` for project methods.
    requires : tuple of str
        Dotted names that must import for the method to be available.
    """

    name: str
    package: str
    env: str
    description: str
    factory: object = None
    requires: tuple = field(default_factory=tuple)

    @property
    def ours(self):
        """Whether the method is one of skmultilabel's."""
        return self.package == "skmultilabel"

    def available(self):
        """Whether everything the method requires imports (project venv)."""
        return all(_available(name) for name in self.requires)

    def build(self, random_state=RANDOM_STATE):
        """The unfitted estimator (project methods only)."""
        if self.factory is None:
            raise ValueError(f"{self.name} is built inside the {self.env!r} venv")
        return self.factory(random_state)


def _sk(name):
    return resolve(name)


# --------------------------------------------------------------- ours
def _ours(cls_name, *, estimator=True, **params):
    def factory(random_state):
        cls = resolve(f"skmultilabel.{cls_name}")
        kwargs = dict(params)
        args = (base_learner(),) if estimator else ()
        est = cls(*args, **kwargs)
        if "random_state" in est.get_params(deep=False):
            est.set_params(random_state=random_state)
        return est

    return factory


OUR_METHODS = [
    Method(
        "BR", "skmultilabel", "project",
        "BinaryRelevance(LR): one classifier per label",
        _ours("BinaryRelevance"), ("skmultilabel.BinaryRelevance",),
    ),
    Method(
        "CC", "skmultilabel", "project",
        "ClassifierChain(LR), greedy inference",
        _ours("ClassifierChain"), ("skmultilabel.ClassifierChain",),
    ),
    Method(
        "CC-beam", "skmultilabel", "project",
        'ClassifierChain(LR, inference="beam"): most probable label set',
        _ours("ClassifierChain", inference="beam"),
        ("skmultilabel.ClassifierChain",),
    ),
    Method(
        "ECC", "skmultilabel", "project",
        "EnsembleClassifierChain(LR), default ensemble size",
        _ours("EnsembleClassifierChain"),
        ("skmultilabel.EnsembleClassifierChain",),
    ),
    Method(
        "BR-tuned", "skmultilabel", "project",
        "TunedThresholdsClassifierCV(BinaryRelevance(LR)): per-label thresholds "
        "tuned by 5-fold CV for macro-F1 (defaults)",
        lambda rs: resolve("skmultilabel.TunedThresholdsClassifierCV")(
            resolve("skmultilabel.BinaryRelevance")(base_learner()), random_state=rs
        ),
        ("skmultilabel.TunedThresholdsClassifierCV", "skmultilabel.BinaryRelevance"),
    ),
    Method(
        "LGBM", "skmultilabel", "project",
        f"LGBMMultiLabelClassifier(n_estimators={N_TREES}, n_jobs=1)",
        _ours("LGBMMultiLabelClassifier", estimator=False, n_estimators=N_TREES,
              n_jobs=1),
        ("skmultilabel.LGBMMultiLabelClassifier",),
    ),
    Method(
        "StackedBR", "skmultilabel", "project",
        "StackedBinaryRelevance(LR): BR stacked on cross-validated BR outputs",
        _ours("StackedBinaryRelevance"), ("skmultilabel.StackedBinaryRelevance",),
    ),
    Method(
        "LP", "skmultilabel", "project",
        "LabelPowerset(LR): one multiclass LR over the label sets",
        _ours("LabelPowerset"), ("skmultilabel.LabelPowerset",),
    ),
    Method(
        "RAkELd", "skmultilabel", "project",
        "RakelD(LR): label powersets on disjoint random 3-label subsets",
        _ours("RakelD"), ("skmultilabel.RakelD",),
    ),
    Method(
        "RAkELo", "skmultilabel", "project",
        "RakelO(LR): label powersets on overlapping random 3-label subsets "
        "(default count)",
        _ours("RakelO"), ("skmultilabel.RakelO",),
    ),
    Method(
        "LP-F1", "skmultilabel", "project",
        'LossAwareClassifier(LabelPowerset(LR), loss="f1"): the F1-optimal '
        "label set under the LP joint distribution",
        lambda rs: resolve("skmultilabel.LossAwareClassifier")(
            resolve("skmultilabel.LabelPowerset")(base_learner()),
            loss="f1", random_state=rs,
        ),
        ("skmultilabel.LossAwareClassifier", "skmultilabel.LabelPowerset"),
    ),
]


# ---------------------------------------------------- scikit-learn, LightGBM
def _lgbm_classifier(random_state):
    return resolve("lightgbm.LGBMClassifier")(
        n_estimators=N_TREES, n_jobs=1, random_state=random_state, verbose=-1
    )


PROJECT_PEERS = [
    Method(
        "sk-OvR", "scikit-learn", "project", "OneVsRestClassifier(LR)",
        lambda rs: _sk("sklearn.multiclass.OneVsRestClassifier")(base_learner()),
        ("sklearn.multiclass.OneVsRestClassifier",),
    ),
    Method(
        "sk-MOC", "scikit-learn", "project", "MultiOutputClassifier(LR)",
        lambda rs: _sk("sklearn.multioutput.MultiOutputClassifier")(base_learner()),
        ("sklearn.multioutput.MultiOutputClassifier",),
    ),
    Method(
        "sk-CC", "scikit-learn", "project",
        "sklearn.multioutput.ClassifierChain(LR), label order as given",
        lambda rs: _sk("sklearn.multioutput.ClassifierChain")(
            base_learner(), random_state=rs
        ),
        ("sklearn.multioutput.ClassifierChain",),
    ),
    Method(
        "sk-OvR-tuned", "scikit-learn", "project",
        'OneVsRestClassifier(TunedThresholdClassifierCV(LR, scoring="f1")): '
        "per-label threshold tuned by 5-fold CV, but OneVsRestClassifier "
        "thresholds decision_function at 0 and so ignores the tuned thresholds",
        lambda rs: _sk("sklearn.multiclass.OneVsRestClassifier")(
            _sk("sklearn.model_selection.TunedThresholdClassifierCV")(
                base_learner(), scoring="f1", random_state=rs
            )
        ),
        (
            "sklearn.multiclass.OneVsRestClassifier",
            "sklearn.model_selection.TunedThresholdClassifierCV",
        ),
    ),
    Method(
        "sk-MOC-tuned", "scikit-learn", "project",
        'MultiOutputClassifier(TunedThresholdClassifierCV(LR, scoring="f1")): '
        "per-label threshold tuned by 5-fold CV (used by its predict)",
        lambda rs: _sk("sklearn.multioutput.MultiOutputClassifier")(
            _sk("sklearn.model_selection.TunedThresholdClassifierCV")(
                base_learner(), scoring="f1", random_state=rs
            )
        ),
        (
            "sklearn.multioutput.MultiOutputClassifier",
            "sklearn.model_selection.TunedThresholdClassifierCV",
        ),
    ),
    Method(
        "sk-MOC-LGBM", "lightgbm", "project",
        f"MultiOutputClassifier(LGBMClassifier(n_estimators={N_TREES}, n_jobs=1))",
        lambda rs: _sk("sklearn.multioutput.MultiOutputClassifier")(
            _lgbm_classifier(rs)
        ),
        ("sklearn.multioutput.MultiOutputClassifier", "lightgbm.LGBMClassifier"),
    ),
]

# ------------------------------------------------------------- peer venvs
VENV_PEERS = [
    Method("skml-BR", "scikit-multilearn-ng", "skmultilearn_ng",
           "skmultilearn BinaryRelevance(LR)"),
    Method("skml-CC", "scikit-multilearn-ng", "skmultilearn_ng",
           "skmultilearn ClassifierChain(LR)"),
    Method("skml-LP", "scikit-multilearn-ng", "skmultilearn_ng",
           "skmultilearn LabelPowerset(LR)"),
    Method("skml-RAkELd", "scikit-multilearn-ng", "skmultilearn_ng",
           "skmultilearn RakelD(LR, labelset_size=3)"),
    Method("skml-MLkNN", "scikit-multilearn-ng", "skmultilearn_ng",
           "skmultilearn MLkNN(k=10)"),
    Method("BOOMER", "mlrl-boomer", "mlrl_boomer",
           "BoomerClassifier (gradient-boosted rules), defaults (at most 1000 "
           "rules; its own default multi-threading)"),
]

METHODS = OUR_METHODS + PROJECT_PEERS + VENV_PEERS


def available_methods(methods=None):
    """The methods that can run now (project methods whose imports resolve)."""
    methods = METHODS if methods is None else methods
    return [m for m in methods if m.env != "project" or m.available()]


def get_method(name, methods=None):
    """The :class:`Method` called ``name`` (case-insensitive)."""
    methods = METHODS if methods is None else methods
    for m in methods:
        if m.name.lower() == name.lower():
            return m
    raise KeyError(
        f"unknown method {name!r}; known: {', '.join(m.name for m in methods)}"
    )
