"""Behaviour of BinaryRelevance, and how it composes with scikit-learn."""

import pickle

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy.stats import rankdata
from sklearn import config_context
from sklearn.base import clone
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import f1_score, make_scorer, recall_score
from sklearn.model_selection import (
    GridSearchCV,
    KFold,
    cross_val_predict,
    cross_val_score,
    cross_validate,
)
from sklearn.multiclass import OneVsRestClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from skmultilabel import BinaryRelevance


@pytest.fixture(scope="module")
def data():
    X, Y = make_multilabel_classification(
        n_samples=200, n_features=10, n_classes=4, allow_unlabeled=False,
        random_state=0,
    )
    return X, Y


def test_predicts_like_one_base_estimator_per_label(data):
    X, Y = data
    clf = BinaryRelevance(LogisticRegression(C=0.5)).fit(X, Y)
    assert len(clf.estimators_) == Y.shape[1]
    for j in range(Y.shape[1]):
        ref = LogisticRegression(C=0.5).fit(X, Y[:, j])
        np.testing.assert_allclose(
            clf.predict_proba(X)[:, j], ref.predict_proba(X)[:, 1]
        )
        np.testing.assert_array_equal(clf.predict(X)[:, j], ref.predict(X))
        np.testing.assert_allclose(
            clf.decision_function(X)[:, j], ref.decision_function(X)
        )
    np.testing.assert_array_equal(clf.classes_, np.arange(Y.shape[1]))
    assert clf.n_features_in_ == X.shape[1]


def test_matches_one_vs_rest(data):
    X, Y = data
    ours = BinaryRelevance().fit(X, Y)
    ovr = OneVsRestClassifier(LogisticRegression()).fit(X, Y)
    np.testing.assert_allclose(ours.predict_proba(X), ovr.predict_proba(X))
    np.testing.assert_array_equal(ours.predict(X), ovr.predict(X))


def test_predict_proba_is_one_ndarray_of_positive_probabilities(data):
    X, Y = data
    P = BinaryRelevance().fit(X, Y).predict_proba(X)
    assert isinstance(P, np.ndarray)
    assert P.shape == Y.shape
    assert ((P >= 0) & (P <= 1)).all()


def test_constant_label_columns_get_constant_predictors(data):
    X, Y = data
    Y = Y.copy()
    Y[:, 1] = 0
    Y[:, 2] = 1
    clf = BinaryRelevance().fit(X, Y)
    pred, proba, dec = clf.predict(X), clf.predict_proba(X), clf.decision_function(X)
    assert (pred[:, 1] == 0).all() and (pred[:, 2] == 1).all()
    assert (proba[:, 1] == 0).all() and (proba[:, 2] == 1).all()
    assert (dec[:, 1] == -1).all() and (dec[:, 2] == 1).all()
    # the other labels are learned as usual
    ref = LogisticRegression().fit(X, Y[:, 0])
    np.testing.assert_allclose(proba[:, 0], ref.predict_proba(X)[:, 1])


def test_label_never_seen_in_a_fold_does_not_crash(data):
    X, Y = data
    Y = Y.copy()
    Y[:, 3] = 0
    Y[:5, 3] = 1  # all positives fall in the first of 4 unshuffled folds
    scores = cross_val_score(BinaryRelevance(), X, Y, cv=KFold(4), scoring="f1_micro")
    assert np.isfinite(scores).all() and (scores > 0.3).all()


@pytest.mark.parametrize(
    "to_sparse", [sp.csr_matrix, sp.csc_matrix, sp.coo_matrix, sp.csr_array]
)
def test_sparse_target_gives_sparse_predictions(data, to_sparse):
    X, Y = data
    dense = BinaryRelevance().fit(X, Y)
    clf = BinaryRelevance().fit(X, to_sparse(Y))
    pred = clf.predict(X)
    assert sp.issparse(pred) and pred.format == "csr"
    np.testing.assert_array_equal(pred.toarray(), dense.predict(X))
    np.testing.assert_allclose(clf.predict_proba(X), dense.predict_proba(X))


@pytest.mark.parametrize("to_sparse", [sp.csr_matrix, sp.csr_array, sp.csc_matrix])
def test_sparse_X_matches_dense(data, to_sparse):
    X, Y = data
    dense = BinaryRelevance().fit(X, Y)
    clf = BinaryRelevance().fit(to_sparse(X), Y)
    np.testing.assert_allclose(
        clf.predict_proba(to_sparse(X)), dense.predict_proba(X), rtol=1e-3, atol=1e-4
    )
    assert clf.predict(to_sparse(X)).shape == Y.shape


def test_train_accuracy_and_shape_errors():
    # what check_classifiers_train verifies, in multi-label shape
    rng = np.random.RandomState(0)
    X = rng.normal(size=(150, 4))
    Y = (X[:, :3] + 0.3 * rng.normal(size=(150, 3)) > 0).astype(int)
    clf = BinaryRelevance().fit(X, Y)
    assert clf.predict(X).shape == Y.shape
    accuracy = (clf.predict(X) == Y).mean(axis=0)
    assert (accuracy > 0.83).all()
    for method in ("predict", "predict_proba", "decision_function"):
        with pytest.raises(ValueError, match="features"):
            getattr(clf, method)(X[:, :-1])


def test_decision_proba_consistency_per_label(data):
    X, Y = data
    clf = BinaryRelevance().fit(X, Y)
    P, D = clf.predict_proba(X), clf.decision_function(X)
    for j in range(Y.shape[1]):
        np.testing.assert_array_almost_equal(rankdata(P[:, j]), rankdata(D[:, j]))


@pytest.mark.parametrize(
    "encode, values",
    [
        (lambda Y: Y.astype(bool), [False, True]),
        (lambda Y: Y.astype(float), [0.0, 1.0]),
        (lambda Y: 2 * Y - 1, [-1, 1]),
        (lambda Y: np.where(Y == 1, "yes", "no"), ["no", "yes"]),
        (lambda Y: np.where(Y == 1, "yes", "no").astype(object), ["no", "yes"]),
    ],
)
def test_target_encodings(data, encode, values):
    X, Y = data
    reference = BinaryRelevance().fit(X, Y)
    y = encode(Y)
    clf = BinaryRelevance().fit(X, y)
    pred = clf.predict(X)
    assert pred.dtype == y.dtype
    np.testing.assert_array_equal(clf.target_encoding_, values)
    np.testing.assert_array_equal(pred == values[1], reference.predict(X) == 1)
    np.testing.assert_allclose(clf.predict_proba(X), reference.predict_proba(X))


def test_one_dimensional_target_is_a_binary_classifier(data):
    X, Y = data
    clf = BinaryRelevance().fit(X, Y[:, 0])
    ref = LogisticRegression().fit(X, Y[:, 0])
    np.testing.assert_array_equal(clf.classes_, ref.classes_)
    np.testing.assert_array_equal(clf.predict(X), ref.predict(X))
    np.testing.assert_allclose(clf.predict_proba(X), ref.predict_proba(X))
    np.testing.assert_allclose(clf.decision_function(X), ref.decision_function(X))


def test_pandas_in_and_label_names(data):
    X, Y = data
    Xdf = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    Ydf = pd.DataFrame(Y, columns=["beach", "sunset", "sea", "city"])
    clf = BinaryRelevance().fit(Xdf, Ydf)
    np.testing.assert_array_equal(clf.classes_, ["beach", "sunset", "sea", "city"])
    np.testing.assert_array_equal(clf.feature_names_in_, Xdf.columns)
    np.testing.assert_array_equal(
        clf.predict(Xdf), BinaryRelevance().fit(X, Y).predict(X)
    )
    # pandas out of a scaler into the estimator: names flow through
    pipe = make_pipeline(
        StandardScaler().set_output(transform="pandas"), BinaryRelevance()
    )
    pipe.fit(Xdf, Ydf)
    np.testing.assert_array_equal(pipe[-1].feature_names_in_, Xdf.columns)
    assert pipe.predict_proba(Xdf).shape == Y.shape
    with pytest.raises(ValueError, match="feature names"):
        clf.predict(Xdf.rename(columns={"f0": "other"}))


def test_sample_weight_reaches_every_label(data):
    X, Y = data
    w = np.random.RandomState(0).uniform(0.1, 3, size=X.shape[0])
    clf = BinaryRelevance().fit(X, Y, sample_weight=w)
    for j in range(Y.shape[1]):
        ref = LogisticRegression().fit(X, Y[:, j], sample_weight=w)
        np.testing.assert_allclose(
            clf.predict_proba(X)[:, j], ref.predict_proba(X)[:, 1]
        )
    with pytest.raises(ValueError, match="does not support sample_weight"):
        BinaryRelevance(KNeighborsClassifier()).fit(X, Y, sample_weight=w)


def test_metadata_routing_of_sample_weight(data):
    X, Y = data
    w = np.random.RandomState(1).uniform(0.1, 3, size=X.shape[0])
    with config_context(enable_metadata_routing=True):
        base = LogisticRegression().set_fit_request(sample_weight=True)
        clf = BinaryRelevance(base).fit(X, Y, sample_weight=w)
        ref = LogisticRegression().fit(X, Y[:, 0], sample_weight=w)
        np.testing.assert_allclose(
            clf.predict_proba(X)[:, 0], ref.predict_proba(X)[:, 1]
        )
        # routed through GridSearchCV as well
        scorer = make_scorer(f1_score, average="micro").set_score_request(
            sample_weight=True
        )
        search = GridSearchCV(
            BinaryRelevance(base), {"estimator__C": [0.1, 1.0]}, cv=3, scoring=scorer
        )
        search.fit(X, Y, sample_weight=w)
        assert search.best_estimator_.estimators_[0].C in (0.1, 1.0)
        # an unrequested weight is an error, not silently dropped
        with pytest.raises(Exception, match="sample_weight"):
            BinaryRelevance(LogisticRegression()).fit(X, Y, sample_weight=w)


def test_class_weight_raises_recall_of_a_rare_label():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(600, 5))
    rare = (X[:, 0] + 0.8 * rng.normal(size=600) > 1.9).astype(int)
    common = (X[:, 1] > 0).astype(int)
    Y = np.column_stack([rare, common])
    assert 0.02 < rare.mean() < 0.1
    plain = BinaryRelevance().fit(X, Y).predict(X)
    balanced = BinaryRelevance(LogisticRegression(class_weight="balanced")).fit(X, Y)
    assert (
        recall_score(rare, balanced.predict(X)[:, 0])
        > recall_score(rare, plain[:, 0]) + 0.2
    )


def test_optional_methods_follow_the_base_estimator(data):
    X, Y = data
    assert not hasattr(BinaryRelevance(LinearSVC()), "predict_proba")
    assert hasattr(BinaryRelevance(LinearSVC()), "decision_function")
    assert not hasattr(BinaryRelevance(GaussianNB()), "decision_function")
    assert not hasattr(BinaryRelevance(LogisticRegression()), "partial_fit")
    clf = BinaryRelevance(LinearSVC()).fit(X, Y)
    assert clf.decision_function(X).shape == Y.shape


def test_partial_fit(data):
    X, Y = data
    base = SGDClassifier(loss="log_loss", random_state=0)
    clf = BinaryRelevance(base)
    first = Y[:50].copy()
    first[:, 2] = 0  # constant in the first batch: both classes are declared
    clf.partial_fit(X[:50], first)
    clf.partial_fit(X[50:], Y[50:])
    ref = clone(base)
    ref.partial_fit(X[:50], first[:, 2], classes=[0, 1])
    ref.partial_fit(X[50:], Y[50:, 2])
    np.testing.assert_allclose(clf.predict_proba(X)[:, 2], ref.predict_proba(X)[:, 1])
    with pytest.raises(ValueError, match="label columns"):
        clf.partial_fit(X[:10], Y[:10, :2])


def test_partial_fit_takes_the_classes_of_sklearns_meta_estimators(data):
    # code written for MultiOutputClassifier / OneVsRestClassifier passes
    # classes on the first call; it reached SGD twice ("multiple values")
    X, Y = data
    base = SGDClassifier(loss="log_loss", random_state=0)
    ref = BinaryRelevance(base).partial_fit(X, Y).predict_proba(X)
    n_labels = Y.shape[1]
    for classes in ([np.array([0, 1])] * n_labels, np.arange(n_labels)):
        got = BinaryRelevance(base).partial_fit(X, Y, classes=classes)
        np.testing.assert_allclose(got.predict_proba(X), ref)
    for wrong in ([[0, 1]] * (n_labels - 1), [[0, 2]] * n_labels, "ab"):
        with pytest.raises(ValueError, match="does not describe this target. It is "
                           r"not needed(.|\n)*\[\[0, 1\]\] \* " + str(n_labels)):
            BinaryRelevance(base).partial_fit(X, Y, classes=wrong)
    y = Y[:, 0]
    BinaryRelevance(base).partial_fit(X, y, classes=[0, 1])
    with pytest.raises(ValueError, match=r"the two values of y, \[0, 1\]"):
        BinaryRelevance(base).partial_fit(X, y, classes=[0, 1, 2])


def test_partial_fit_refuses_label_columns_renamed_or_reordered(data):
    # a DataFrame batch with its columns in another order was taken by
    # position: every label learned from another label's column
    X, Y = data
    frame = pd.DataFrame(Y, columns=[f"l{j}" for j in range(Y.shape[1])])
    clf = BinaryRelevance(SGDClassifier(random_state=0)).partial_fit(X, frame)
    reordered = frame[frame.columns[::-1]]
    with pytest.raises(ValueError, match=r"y's label columns are \['l3', .* fitted "
                       r"with \['l0', .*same labels in the same order"):
        clf.partial_fit(X, reordered)
    renamed = frame.rename(columns={"l0": "zero"})
    with pytest.raises(ValueError, match="same labels in the same order"):
        clf.partial_fit(X, renamed)
    clf.partial_fit(X, frame)  # the same names
    clf.partial_fit(X, Y)  # an array: matched by position, as documented


def test_partial_fit_after_fit_with_a_constant_label(data):
    # fit gives a constant label a constant predictor; partial_fit goes on
    # from a fresh learner for it (it crashed: no partial_fit)
    X, Y = data
    base = SGDClassifier(loss="log_loss", random_state=0)
    first = Y[:50].copy()
    first[:, 2] = 0
    clf = BinaryRelevance(base).fit(X[:50], first)
    clf.partial_fit(X[50:], Y[50:])
    ref = clone(base).partial_fit(X[50:], Y[50:, 2], classes=[0, 1])
    np.testing.assert_allclose(clf.predict_proba(X)[:, 2], ref.predict_proba(X)[:, 1])


def test_partial_fit_batches_read_with_the_first_encoding(data):
    # a batch holding one value of a {-1, 1} target is read with the
    # encoding of the first call (it was called ambiguous, or mismatched)
    X, Y = data
    base = SGDClassifier(loss="log_loss", random_state=0)
    Ypm = 2 * Y - 1
    clf = BinaryRelevance(base).partial_fit(X[:50], Ypm[:50])
    ref = BinaryRelevance(base).partial_fit(X[:50], Y[:50])
    for batch in (-np.ones_like(Ypm[50:60]), np.ones_like(Ypm[60:70])):
        rows = slice(50, 60) if batch[0, 0] == -1 else slice(60, 70)
        clf.partial_fit(X[rows], batch)
        ref.partial_fit(X[rows], (batch + 1) // 2)
    np.testing.assert_allclose(clf.predict_proba(X), ref.predict_proba(X))
    assert set(np.unique(clf.predict(X))) <= {-1, 1}
    with pytest.raises(ValueError, match=r"encoded as \[-1, 1\]"):
        clf.partial_fit(X[:10], Y[:10])  # 0 is not in the encoding
    with pytest.raises(ValueError, match="sparse y holds 0/1"):
        clf.partial_fit(X[:10], sp.csr_matrix(Y[:10]))


def test_n_jobs_gives_the_same_model(data):
    X, Y = data
    a = BinaryRelevance(n_jobs=1).fit(X, Y).predict_proba(X)
    b = BinaryRelevance(n_jobs=2).fit(X, Y).predict_proba(X)
    np.testing.assert_allclose(a, b)


def test_verbose_reports_each_label(data, capsys):
    X, Y = data
    BinaryRelevance(verbose=1).fit(X, Y)
    out = capsys.readouterr().out
    for j in range(Y.shape[1]):
        assert f"label {j + 1}/{Y.shape[1]}" in out
    BinaryRelevance().fit(X, Y)
    assert capsys.readouterr().out == ""


def test_grid_search_in_pipeline_with_multilabel_scorers(data):
    X, Y = data
    # The default base estimator is None (LogisticRegression at fit time):
    # name it to tune its parameters.
    pipe = make_pipeline(StandardScaler(), BinaryRelevance(LogisticRegression()))
    search = GridSearchCV(
        pipe,
        {"binaryrelevance__estimator__C": [0.01, 1.0]},
        scoring=["f1_micro", "f1_macro", "f1_samples"],
        refit="f1_macro",
        cv=3,
    )
    search.fit(X, Y)
    for metric in ("f1_micro", "f1_macro", "f1_samples"):
        assert np.isfinite(search.cv_results_[f"mean_test_{metric}"]).all()
    assert search.best_params_["binaryrelevance__estimator__C"] in (0.01, 1.0)
    best = search.best_estimator_
    assert f1_score(Y, best.predict(X), average="macro") > 0.5


def test_cross_validation_with_probability_scorers(data):
    X, Y = data
    res = cross_validate(
        BinaryRelevance(), X, Y, cv=3,
        scoring=["roc_auc", "average_precision", "f1_samples"],
    )
    assert (res["test_roc_auc"] > 0.7).all()
    P = cross_val_predict(BinaryRelevance(), X, Y, cv=3, method="predict_proba")
    assert isinstance(P, np.ndarray) and P.shape == Y.shape


def test_clone_and_pickle_round_trip(data):
    X, Y = data
    clf = BinaryRelevance(LogisticRegression(C=0.3)).fit(X, Y)
    fresh = clone(clf)
    assert not hasattr(fresh, "estimators_") and fresh.estimator.C == 0.3
    restored = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(restored.predict(X), clf.predict(X))
    np.testing.assert_array_equal(restored.predict_proba(X), clf.predict_proba(X))


def test_base_estimator_is_never_fitted_in_place(data):
    X, Y = data
    base = LogisticRegression()
    BinaryRelevance(base).fit(X, Y)
    assert not hasattr(base, "coef_")


@pytest.mark.parametrize("name", ["BinaryRelevance", "ClassifierChain", "LabelPowerset",
                                  "TunedThresholdsClassifierCV"])
def test_nan_reaches_a_pipeline_that_imputes(data, name):
    # scikit-learn tags every Pipeline as refusing NaN, so an imputing
    # pipeline was refused for an array X (with a message advising an
    # imputer in a pipeline), and the chain refused it for a DataFrame
    from sklearn.impute import SimpleImputer

    import skmultilabel

    X, Y = data
    X = X.copy()
    X[::5, 0] = np.nan
    pipe = make_pipeline(SimpleImputer(), LogisticRegression(max_iter=1000))
    def make(base):
        if name == "TunedThresholdsClassifierCV":
            return skmultilabel.TunedThresholdsClassifierCV(
                BinaryRelevance(base), cv=3, random_state=0
            )
        return getattr(skmultilabel, name)(base)

    imputed = SimpleImputer().fit_transform(X)
    expected = make(LogisticRegression(max_iter=1000)).fit(imputed, Y).predict(imputed)
    if name == "TunedThresholdsClassifierCV":  # each fold imputes its own means
        expected = make(pipe).fit(pd.DataFrame(X), Y).predict(pd.DataFrame(X))
    for X_in in (X, pd.DataFrame(X)):
        np.testing.assert_array_equal(make(pipe).fit(X_in, Y).predict(X_in), expected)
    # a pipeline that cannot take NaN says so itself
    with pytest.raises(ValueError, match="Input X contains NaN"):
        make(make_pipeline(StandardScaler(), LogisticRegression())).fit(X, Y)
