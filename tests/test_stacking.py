"""Tests of StackedBinaryRelevance."""

import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, RepeatedKFold, cross_val_predict
from sklearn.svm import LinearSVC
from sklearn.tree import DecisionTreeClassifier

from skmultilabel import BinaryRelevance, StackedBinaryRelevance
from skmultilabel.model_selection import MultilabelStratifiedKFold

LR = LogisticRegression(max_iter=1000)


class Recorder(ClassifierMixin, BaseEstimator):
    """A binary learner that remembers what it was fitted on."""

    def __init__(self, estimator=None):
        self.estimator = estimator

    def fit(self, X, y, sample_weight=None):
        self.X_fit_ = X.toarray() if sp.issparse(X) else np.asarray(X)
        self.sample_weight_ = sample_weight
        self.inner_ = self.estimator.__class__(**self.estimator.get_params())
        self.inner_.fit(X, y)
        self.classes_ = self.inner_.classes_
        return self

    def predict(self, X):
        return self.inner_.predict(X)

    def predict_proba(self, X):
        return self.inner_.predict_proba(X)


def and_data(n_samples, seed):
    """Label 2 is 'label 0 and label 1': a dependence stacking can use."""
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_samples, 6))
    y0 = (X[:, 0] + 0.3 * rng.normal(size=n_samples)) > 0
    y1 = (X[:, 1] + 0.3 * rng.normal(size=n_samples)) > 0
    Y = np.column_stack([y0, y1, y0 & y1]).astype(int)
    return X, Y


def test_second_level_sees_out_of_fold_predictions():
    # A deep tree fits its training data exactly: its in-sample
    # probabilities are the labels themselves, its out-of-fold ones are not.
    X, Y = and_data(120, 0)
    Y[:, 1] = np.random.RandomState(1).randint(0, 2, 120)  # pure noise
    tree = DecisionTreeClassifier(random_state=0)
    cv = KFold(4)
    model = StackedBinaryRelevance(
        tree, final_estimator=Recorder(LR), cv=cv
    ).fit(X, Y)
    expected = np.column_stack([
        cross_val_predict(tree, X, Y[:, j], cv=cv, method="predict_proba")[:, 1]
        for j in range(3)
    ])
    for final in model.final_estimators_:
        seen = final.X_fit_
        np.testing.assert_array_equal(seen[:, :6], X)
        np.testing.assert_allclose(seen[:, 6:], expected)
        # In-sample predictions would have been the labels.
        in_sample = np.column_stack(
            [est.predict_proba(X)[:, 1] for est in model.estimators_]
        )
        np.testing.assert_array_equal(in_sample, Y)
        assert (seen[:, 7] != Y[:, 1]).mean() > 0.3


def test_stacked_features_at_predict_come_from_the_full_first_level():
    X, Y = and_data(100, 2)
    model = StackedBinaryRelevance(LR, final_estimator=Recorder(LR), cv=3).fit(X, Y)
    br = BinaryRelevance(LR).fit(X, Y)
    Z = br.predict_proba(X)
    stacked = np.hstack([X, Z])
    expected = np.column_stack(
        [f.inner_.predict_proba(stacked)[:, 1] for f in model.final_estimators_]
    )
    np.testing.assert_allclose(model.predict_proba(X), expected, atol=1e-6)


def test_stacking_learns_a_label_dependence():
    # y2 = y0 and y1 is not linear in x but is nearly linear in the
    # first-level probabilities of y0 and y1.
    X, Y = and_data(600, 3)
    X_test, Y_test = and_data(2000, 4)
    stacked = StackedBinaryRelevance(LR, cv=5).fit(X, Y)
    br = BinaryRelevance(LR).fit(X, Y)
    acc_stacked = (stacked.predict(X_test)[:, 2] == Y_test[:, 2]).mean()
    acc_br = (br.predict(X_test)[:, 2] == Y_test[:, 2]).mean()
    assert acc_stacked > acc_br + 0.02


def test_stack_method():
    X, Y = and_data(80, 5)
    assert StackedBinaryRelevance(LR, cv=3).fit(X, Y).stack_method_ == "predict_proba"
    svc = StackedBinaryRelevance(LinearSVC(), cv=3).fit(X, Y)
    assert svc.stack_method_ == "decision_function"
    assert not hasattr(svc, "predict_proba")
    assert svc.decision_function(X).shape == Y.shape
    with pytest.raises(ValueError, match="has no predict_proba method"):
        StackedBinaryRelevance(LinearSVC(), stack_method="predict_proba").fit(X, Y)
    pred = StackedBinaryRelevance(LR, cv=3, stack_method="predict").fit(X, Y)
    assert pred.final_estimators_[0].n_features_in_ == 9


def test_label_constant_in_a_fold():
    X, Y = and_data(60, 6)
    Y[:, 2] = 0
    Y[:5, 2] = 1  # all positives in the first fold of KFold(3)
    model = StackedBinaryRelevance(LR, cv=KFold(3)).fit(X, Y)
    assert model.predict(X).shape == Y.shape
    assert model.predict_proba(X).shape == Y.shape


def test_int_cv_shuffles_sorted_data():
    # Rows sorted by label set, as in several MULAN files: contiguous folds
    # would train some first-level models without a single positive.
    X, Y = and_data(90, 12)
    order = np.lexsort(Y.T[::-1])
    X, Y = X[order], Y[order]
    shuffled = StackedBinaryRelevance(
        LR, final_estimator=Recorder(LR), cv=3, random_state=0
    ).fit(X, Y)
    contiguous = StackedBinaryRelevance(
        LR, final_estimator=Recorder(LR), cv=KFold(3)
    ).fit(X, Y)
    Z_shuffled = shuffled.final_estimators_[0].X_fit_[:, 6:]
    Z_contiguous = contiguous.final_estimators_[0].X_fit_[:, 6:]
    # Contiguous folds give some labels constant out-of-fold predictions
    # over a whole fold; shuffled folds do not.
    def n_constant_folds(Z):
        return sum(
            np.ptp(Z[test, j]) == 0
            for j in range(3) for _, test in KFold(3).split(Z)
        )
    assert n_constant_folds(Z_contiguous) > 0
    assert n_constant_folds(Z_shuffled) == 0
    again = StackedBinaryRelevance(LR, cv=3, random_state=0).fit(X, Y)
    np.testing.assert_allclose(
        again.predict_proba(X),
        StackedBinaryRelevance(LR, cv=3, random_state=0).fit(X, Y).predict_proba(X),
    )


def test_sample_weight_reaches_both_levels():
    X, Y = and_data(60, 7)
    w = np.linspace(0.5, 2.0, 60)
    model = StackedBinaryRelevance(Recorder(LR), cv=3).fit(X, Y, sample_weight=w)
    for est in model.estimators_ + model.final_estimators_:
        np.testing.assert_array_equal(est.sample_weight_, w)
    with pytest.raises(ValueError, match="does not support sample_weight"):
        StackedBinaryRelevance(_NoWeight(), cv=3).fit(X, Y, sample_weight=w)


class _NoWeight(ClassifierMixin, BaseEstimator):
    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


def test_sparse_X_matches_dense():
    X, Y = and_data(90, 8)
    X = np.abs(X)
    dense = StackedBinaryRelevance(LR, cv=3, random_state=0).fit(X, Y)
    sparse = StackedBinaryRelevance(LR, cv=3, random_state=0).fit(sp.csr_matrix(X), Y)
    np.testing.assert_allclose(
        sparse.predict_proba(sp.csr_matrix(X)), dense.predict_proba(X), atol=1e-4
    )


def test_dataframe_input_keeps_feature_names():
    pd = pytest.importorskip("pandas")
    X, Y = and_data(60, 9)
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(6)])
    model = StackedBinaryRelevance(LR, cv=3, random_state=0).fit(frame, Y)
    names = list(model.final_estimators_[0].feature_names_in_)
    assert names[:6] == list(frame.columns)
    assert names[6:] == ["stacked_label_0", "stacked_label_1", "stacked_label_2"]
    np.testing.assert_allclose(
        model.predict_proba(frame),
        StackedBinaryRelevance(LR, cv=3, random_state=0).fit(X, Y).predict_proba(X),
        atol=1e-6,
    )


def test_stacked_columns_do_not_collide_with_a_feature_name():
    # a feature already named stacked_label_0 made the second level's input
    # have two columns of that name, which pandas refused at fit
    pd = pytest.importorskip("pandas")
    X, Y = and_data(60, 9)
    columns = ["stacked_label_0", "_stacked_label_2"] + [f"f{i}" for i in range(4)]
    frame = pd.DataFrame(X, columns=columns)
    model = StackedBinaryRelevance(LR, cv=3, random_state=0).fit(frame, Y)
    names = list(model.final_estimators_[0].feature_names_in_)
    assert names[:6] == columns
    assert names[6:] == [f"__stacked_label_{j}" for j in range(3)]
    np.testing.assert_allclose(
        model.predict_proba(frame),
        StackedBinaryRelevance(LR, cv=3, random_state=0).fit(X, Y).predict_proba(X),
        atol=1e-6,
    )


def test_bad_input_and_splits():
    X, Y = and_data(40, 10)
    bad = Y.copy()
    bad[0, 1] = 2
    with pytest.raises(ValueError, match="binary indicator matrix"):
        StackedBinaryRelevance(cv=3).fit(X, bad)
    with pytest.raises(ValueError, match="rows"):
        StackedBinaryRelevance(cv=3).fit(X[:30], Y)
    partial = [(np.arange(20, 40), np.arange(20))]
    with pytest.raises(ValueError, match="20 samples are in no test fold"):
        StackedBinaryRelevance(LR, cv=partial).fit(X, Y)
    repeated = RepeatedKFold(n_splits=2, n_repeats=2, random_state=0)
    with pytest.raises(ValueError, match="40 in more than one"):
        StackedBinaryRelevance(LR, cv=repeated).fit(X, Y)


def test_cv_none_is_the_default_shuffled_folds():
    X, Y = and_data(60, 13)
    a = StackedBinaryRelevance(LR, cv=None, random_state=0).fit(X, Y)
    b = StackedBinaryRelevance(LR, random_state=0).fit(X, Y)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X))


def test_splitters_that_need_y():
    # the target reaches the splitter: the package's stratified splitter,
    # and scikit-learn's, work as cv (they failed: split() missing y)
    X, Y = and_data(60, 12)
    splitter = MultilabelStratifiedKFold(3, shuffle=True, random_state=0)
    clf = StackedBinaryRelevance(LR, cv=splitter).fit(X, Y)
    folds = list(splitter.split(X, Y))
    reference = StackedBinaryRelevance(LR, cv=folds).fit(X, Y)
    np.testing.assert_allclose(clf.predict_proba(X), reference.predict_proba(X))
    StackedBinaryRelevance(LR, cv=MultilabelStratifiedKFold(3)).fit(
        X, sp.csr_matrix(Y)
    )


def test_parallel_and_pickle():
    X, Y = and_data(80, 11)
    one = StackedBinaryRelevance(LR, cv=3, random_state=0).fit(X, Y)
    two = StackedBinaryRelevance(LR, cv=3, random_state=0, n_jobs=2).fit(X, Y)
    np.testing.assert_allclose(one.predict_proba(X), two.predict_proba(X))
    restored = pickle.loads(pickle.dumps(two))
    np.testing.assert_array_equal(restored.predict(X), one.predict(X))


def test_decision_proba_consistency_per_label():
    X, Y = and_data(80, 13)
    model = StackedBinaryRelevance(LR, cv=3, random_state=0).fit(X, Y)
    proba, decision = model.predict_proba(X), model.decision_function(X)
    for j in range(3):
        order = np.argsort(decision[:, j])
        assert (np.diff(proba[order, j]) >= -1e-12).all()
    np.testing.assert_array_equal(model.predict(X), (decision > 0).astype(int))


def test_sample_weight_with_metadata_routing():
    from sklearn import config_context

    X, Y = and_data(60, 14)
    w = np.linspace(0.5, 2.0, 60)
    with config_context(enable_metadata_routing=True):
        first = Recorder(LR).set_fit_request(sample_weight=True)
        second = Recorder(LR).set_fit_request(sample_weight=False)
        model = StackedBinaryRelevance(first, final_estimator=second, cv=3,
                                       random_state=0).fit(X, Y, sample_weight=w)
    for est in model.estimators_:
        np.testing.assert_array_equal(est.sample_weight_, w)
    for est in model.final_estimators_:
        assert est.sample_weight_ is None


def test_dataframe_without_string_names_keeps_its_category_columns():
    # a DataFrame whose columns are not strings became an object array for
    # the second level, so a category column failed there ("could not
    # convert string to float") though the first level took it
    pd = pytest.importorskip("pandas")
    from sklearn.ensemble import HistGradientBoostingClassifier

    X, Y = and_data(120, 3)
    frame = pd.DataFrame(X)
    frame[X.shape[1]] = pd.Categorical(np.where(Y[:, 0] == 1, "yes", "no"))
    hgb = HistGradientBoostingClassifier(
        categorical_features="from_dtype", max_iter=10, random_state=0
    )
    model = StackedBinaryRelevance(hgb, cv=3, random_state=0).fit(frame, Y)
    category = model.final_estimators_[0].is_categorical_
    assert category.tolist() == [False] * X.shape[1] + [True] + [False] * Y.shape[1]
    assert model.predict_proba(frame).shape == Y.shape
    # numeric columns with other names: the same model as on the array
    named = pd.DataFrame(X, columns=list(range(X.shape[1]))[::-1])
    def proba(X_in):
        model = StackedBinaryRelevance(LR, cv=3, random_state=0).fit(X_in, Y)
        return model.predict_proba(X_in)

    np.testing.assert_allclose(proba(named), proba(X), atol=1e-6)
