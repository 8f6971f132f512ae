"""scikit-learn's estimator checks over every public estimator of the package."""

import inspect

import sklearn
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.utils import get_tags
from sklearn.utils.estimator_checks import parametrize_with_checks
from sklearn.utils.fixes import parse_version

import skmultilabel
from skmultilabel import LabelPowerset

# Constructor arguments for the checks: small, fast, fixed random_state.
# A class listed here is built with these arguments; every other public
# estimator is built with its defaults.
INSTANCE_PARAMS = {
    # The multinomial logistic regression of a label powerset needs more
    # iterations than the default 100 on the checks' unscaled count data.
    "LabelPowerset": {"estimator": LogisticRegression(max_iter=1000)},
    "LossAwareClassifier": {
        "estimator": LabelPowerset(LogisticRegression(max_iter=1000))
    },
    # Three chains keep the checks fast; a fixed seed fixes orders and samples.
    "EnsembleClassifierChain": {"n_chains": 3, "random_state": 0},
    "RakelD": {"estimator": LogisticRegression(max_iter=1000), "random_state": 0},
    "RakelO": {"estimator": LogisticRegression(max_iter=1000), "random_state": 0},
    # 3 folds keep the checks fast.
    "StackedBinaryRelevance": {"cv": 3, "random_state": 0},
    # The threshold meta-estimators require an estimator; 3 folds keep the
    # checks fast.
    "TunedThresholdsClassifierCV": {
        "estimator": skmultilabel.BinaryRelevance(LogisticRegression()),
        "cv": 3,
        "random_state": 0,
    },
    "FixedThresholdsClassifier": {
        "estimator": skmultilabel.BinaryRelevance(LogisticRegression()),
    },
}

# Checks that assume the conventions of a single-output binary classifier,
# which contradict the multi-label contract of every estimator here:
# predict_proba is (n_samples, n_labels) holding P(label = 1) and classes_
# holds the label names (as in OneVsRestClassifier). The checks fit a target
# of shape (n_samples, 1). What each check means to verify is tested in our
# own conventions in tests/test_binary_relevance.py (see the test named).
_SHAPE = (
    "expects predict_proba of shape (n_samples, 2) for a one-label target; "
    "ours returns P(label = 1) per label, shape (n_samples, n_labels)"
)
MULTILABEL_CONTRACT = {
    "check_estimator_sparse_array": _SHAPE
    + "; sparse X is tested in test_sparse_X_matches_dense",
    "check_estimator_sparse_matrix": _SHAPE
    + "; sparse X is tested in test_sparse_X_matches_dense",
    "check_classifiers_train": "expects predict of shape (n_samples,) and "
    "predict_proba of shape (n_samples, 2) for a target of shape "
    "(n_samples, 1); ours keep the target's shape. Training accuracy and "
    "X-shape errors are tested in test_train_accuracy_and_shape_errors",
    "check_classifiers_train(readonly_memmap=True)": "as check_classifiers_train",
    "check_classifiers_train(readonly_memmap=True,X_dtype=float32)": (
        "as check_classifiers_train"
    ),
    "check_classifiers_classes": "expects classes_ to hold the target's "
    "values; ours holds the label names. Predictions in the target's own "
    "encoding (strings, {-1, 1}) are tested in test_target_encodings",
    "check_decision_proba_consistency": "reads predict_proba[:, 1], the "
    "positive column of a binary classifier; rank consistency per label is "
    "tested in test_decision_proba_consistency_per_label",
}

# {class name: {check name: reason}} for failures of one estimator beyond
# the shared contract above. Aim for none; every entry says why.
EXPECTED_FAILED_CHECKS = {
    "EnsembleClassifierChain": {
        check: "with bootstrap=True each chain is fitted on a random resample "
        "of the rows, which differs between weighted and repeated rows (as "
        "for scikit-learn's BaggingClassifier). With bootstrap=False weights "
        "equal repeated rows: tested in tests/test_ensemble_chain.py::"
        "test_sample_weight_equals_repeated_rows_without_bootstrap"
        for check in (
            "check_sample_weight_equivalence_on_dense_data",
            "check_sample_weight_equivalence_on_sparse_data",
        )
    },
    "TunedThresholdsClassifierCV": {
        "check_classifier_multioutput": "asserts predict == "
        "predict_proba.round(), i.e. thresholds of 0.5; tuned thresholds "
        "differ by design (as scikit-learn's TunedThresholdClassifierCV "
        "fails check_classifiers_train). Output shapes are tested in "
        "tests/test_threshold.py::test_output_shapes_and_proba_passthrough",
    },
}


# Before scikit-learn 1.7 the sample-weight checks made a binary target by
# comparing y with its first value, which differs between the weighted and
# the repeated rows, so the two fits saw different labels; 1.7 compares
# with the minimum. Sample weights equal repeated rows under 1.7 and later.
OLD_SKLEARN_SAMPLE_WEIGHT_CHECKS = {
    check: "scikit-learn < 1.7 binarizes y against its first row, which "
    "differs between the weighted and the repeated fit"
    for check in (
        "check_sample_weight_equivalence_on_dense_data",
        "check_sample_weight_equivalence_on_sparse_data",
    )
}


def public_estimators():
    """Every public estimator class of the package, from ``__all__``."""
    for name in skmultilabel.__all__:
        obj = getattr(skmultilabel, name)
        if inspect.isclass(obj) and issubclass(obj, BaseEstimator):
            yield obj


def _instances():
    for cls in public_estimators():
        yield cls(**INSTANCE_PARAMS.get(cls.__name__, {}))


def _expected_failed_checks(estimator):
    expected = {}
    if get_tags(estimator).classifier_tags.multi_label:
        expected.update(MULTILABEL_CONTRACT)
        if not (
            hasattr(estimator, "decision_function")
            and hasattr(estimator, "predict_proba")
        ):
            # The check only runs on estimators that have both methods.
            expected.pop("check_decision_proba_consistency")
    if parse_version(sklearn.__version__) < parse_version("1.7") and (
        "sample_weight" in inspect.signature(estimator.fit).parameters
    ):
        expected.update(OLD_SKLEARN_SAMPLE_WEIGHT_CHECKS)
    expected.update(EXPECTED_FAILED_CHECKS.get(type(estimator).__name__, {}))
    return expected


@parametrize_with_checks(
    list(_instances()), expected_failed_checks=_expected_failed_checks
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)


def test_every_public_estimator_is_checked():
    names = {cls.__name__ for cls in public_estimators()}
    assert "BinaryRelevance" in names
    assert set(INSTANCE_PARAMS) <= names
    assert set(EXPECTED_FAILED_CHECKS) <= names
