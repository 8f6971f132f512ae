"""scikit-learn's estimator checks over every public estimator of the package."""

import inspect

import numpy as np
import pytest
import sklearn
from sklearn.base import BaseEstimator, clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, get_scorer, log_loss, roc_auc_score
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
# predict_proba is (n_samples, n_labels) holding P(label = 1). The checks fit
# a target of shape (n_samples, 1), one label. What each check means to
# verify is tested in our own conventions in tests/test_binary_relevance.py
# (see the test named). A 1-D target makes the estimators binary
# classifiers, with classes_ and predict_proba as scikit-learn's, so the
# checks that fit a 1-D target pass.
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


@pytest.mark.parametrize(
    "estimator", list(_instances()), ids=lambda e: type(e).__name__
)
def test_one_dimensional_target_makes_a_binary_classifier(estimator):
    # scikit-learn reads a classifier's task from classes_: fitted on a 1-D
    # target, each estimator must answer as a binary classifier, or the
    # roc_auc scorer silently scores 1 - AUC (it did, with classes_ == [0]).
    X, y = make_classification(n_samples=120, n_features=6, random_state=0)
    for target, classes in ((y, [0, 1]), (2 * y - 1, [-1, 1])):
        est = clone(estimator).fit(X, target)
        np.testing.assert_array_equal(est.classes_, classes)
        P = est.predict_proba(X)
        assert P.shape == (X.shape[0], 2)
        np.testing.assert_allclose(P.sum(axis=1), 1.0)
        auc = roc_auc_score(target, P[:, 1])
        assert auc > 0.8
        assert get_scorer("roc_auc")(est, X, target) == pytest.approx(auc)
        assert get_scorer("neg_log_loss")(est, X, target) == pytest.approx(
            -log_loss(target, P)
        )
        if classes == [0, 1]:
            assert get_scorer("f1")(est, X, target) == pytest.approx(
                f1_score(target, est.predict(X))
            )
        if hasattr(est, "decision_function"):
            D = est.decision_function(X)
            assert D.shape == (X.shape[0],)
            assert roc_auc_score(target, D) == pytest.approx(auc)


@pytest.mark.parametrize(
    "estimator", list(_instances()), ids=lambda e: type(e).__name__
)
def test_sparse_target_gives_predictions_of_its_kind(estimator):
    # a sparse matrix target gives a csr_matrix, a sparse array target a
    # csr_array (scipy's newer API: they multiply and index differently),
    # with the values of the dense target's predictions
    import scipy.sparse as sp
    from sklearn.datasets import make_multilabel_classification

    X, Y = make_multilabel_classification(n_samples=80, n_classes=3, random_state=0)
    dense = clone(estimator).fit(X, Y).predict(X)
    for to_sparse, kind in (
        (sp.csr_matrix, sp.csr_matrix), (sp.csc_matrix, sp.csr_matrix),
        (sp.csr_array, sp.csr_array), (sp.coo_array, sp.csr_array),
    ):
        pred = clone(estimator).fit(X, to_sparse(Y)).predict(X)
        assert type(pred) is kind
        np.testing.assert_array_equal(pred.toarray(), dense)
