"""Texts as X: the estimators that hand X to their base estimator take a
1-D list of documents for a text pipeline, as OneVsRestClassifier does."""

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from skmultilabel import (
    BinaryRelevance,
    ClassifierChain,
    FixedThresholdsClassifier,
    LabelPowerset,
    LGBMMultiLabelClassifier,
    LossAwareClassifier,
    RakelD,
    RakelO,
    StackedBinaryRelevance,
    TunedThresholdsClassifierCV,
)

WORDS = "beach sunset sea city night car tree snow sky road".split()


def corpus(n=120, seed=0):
    """Documents whose label j brings words 2j and 2j + 1, plus noise words."""
    rng = np.random.RandomState(seed)
    docs, Y = [], (rng.uniform(size=(n, 3)) < 0.4).astype(int)
    for y in Y:
        words = list(rng.choice(WORDS[6:], 4))
        for j in np.flatnonzero(y):
            words += WORDS[2 * j : 2 * j + 2]
        docs.append(" ".join(rng.permutation(words)))
    return docs, Y


def lr():
    return LogisticRegression(max_iter=1000)


# (make the estimator around a given base estimator, test id)
PAIRS = [
    (lambda b: BinaryRelevance(b), "BinaryRelevance"),
    (lambda b: LabelPowerset(b), "LabelPowerset"),
    (lambda b: RakelD(b, labelset_size=2, random_state=0), "RakelD"),
    (lambda b: RakelO(b, n_estimators=3, random_state=0), "RakelO"),
    (lambda b: FixedThresholdsClassifier(BinaryRelevance(b), thresholds=0.3),
     "FixedThresholdsClassifier"),
    (lambda b: LossAwareClassifier(LabelPowerset(b)), "LossAwareClassifier"),
]


@pytest.mark.parametrize("make", [m for m, _ in PAIRS], ids=[n for _, n in PAIRS])
def test_texts_reach_a_text_pipeline(make):
    docs, Y = corpus()
    on_texts = make(make_pipeline(TfidfVectorizer(), lr())).fit(docs, Y)
    vectorizer = TfidfVectorizer().fit(docs)
    on_matrix = make(lr()).fit(vectorizer.transform(docs), Y)
    np.testing.assert_array_equal(
        on_texts.predict(docs), on_matrix.predict(vectorizer.transform(docs))
    )
    np.testing.assert_allclose(
        on_texts.predict_proba(docs),
        on_matrix.predict_proba(vectorizer.transform(docs)),
    )
    assert (on_texts.predict(docs) == Y).mean() > 0.9
    again = pickle.loads(pickle.dumps(on_texts))
    np.testing.assert_array_equal(again.predict(docs[:5]), on_texts.predict(docs[:5]))


def test_tuned_thresholds_on_texts():
    docs, Y = corpus()
    clf = TunedThresholdsClassifierCV(
        BinaryRelevance(make_pipeline(TfidfVectorizer(), lr())), cv=3, random_state=0
    ).fit(docs, Y)
    assert clf.thresholds_.shape == (3,)
    assert (clf.predict(docs) == Y).mean() > 0.9


@pytest.mark.parametrize(
    "estimator",
    [ClassifierChain(), StackedBinaryRelevance(cv=3), LGBMMultiLabelClassifier()],
    ids=lambda e: type(e).__name__,
)
def test_estimators_that_add_columns_to_X_say_how_to_use_texts(estimator):
    # a chain appends label columns to X, stacking appends predictions:
    # they need a matrix, and say to vectorize first
    docs, Y = corpus(40)
    with pytest.raises(ValueError, match=r"X is 1-D .*make_pipeline\(TfidfVectorizer"):
        clone(estimator).fit(docs, Y)


def test_a_model_fitted_on_a_matrix_refuses_a_1d_X():
    docs, Y = corpus(40)
    X = TfidfVectorizer().fit_transform(docs).toarray()
    clf = BinaryRelevance(lr()).fit(X, Y)
    with pytest.raises(ValueError, match="Reshape your data"):
        clf.predict(X[0])
