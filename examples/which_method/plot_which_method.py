"""
====================================================
Which multi-label method for which evaluation metric
====================================================

The best multi-label prediction depends on how it is scored. Hamming loss
judges each label on its own, so predicting each label from its marginal
probability is optimal; subset accuracy asks for the whole label set, so the
most probable *label set* (the joint mode) is optimal; example-based F1
rewards a prediction of the right size, which the General F-measure Maximizer
(GFM) finds from the joint distribution.

This example fits the package's methods on data whose labels stay dependent
given the features (a hidden factor moves them together) and scores each on
the three metrics. :class:`~skmultilabel.LossAwareClassifier` turns one model
of the joint distribution (a label powerset, a probabilistic classifier
chain) into the best prediction for each metric.
"""

# %%
# Data with conditional label dependence
# --------------------------------------
# 6 labels drawn from logistic models that share a hidden factor (not in
# ``X``): given ``x``, the labels are still positively dependent.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, hamming_loss

from skmultilabel import (
    BinaryRelevance,
    ClassifierChain,
    LabelPowerset,
    LossAwareClassifier,
    RakelD,
    RakelO,
    StackedBinaryRelevance,
)
from skmultilabel.datasets import make_dependent_multilabel

X, Y = make_dependent_multilabel(
    n_samples=2000, n_labels=6, dependence="conditional", strength=0.8,
    random_state=0,
)
X_train, X_test, Y_train, Y_test = X[:1200], X[1200:], Y[:1200], Y[1200:]
print(f"{len(np.unique(Y_train, axis=0))} distinct label sets in training")

# %%
# The methods
# -----------
# One base learner for all: logistic regression. A label powerset and a
# probabilistic classifier chain are each fitted once inside a
# :class:`~skmultilabel.LossAwareClassifier`, then asked for the prediction
# that is optimal for Hamming loss, subset accuracy and F1 (``loss`` only
# acts at predict time). The label powerset's own ``predict`` is its joint
# mode, the ``subset`` row.
lr = LogisticRegression(max_iter=1000)
methods = {
    "BinaryRelevance": BinaryRelevance(lr),
    "StackedBinaryRelevance": StackedBinaryRelevance(lr, cv=3),
    "RakelD (k=3)": RakelD(lr, random_state=0),
    "RakelO (k=3)": RakelO(lr, random_state=0),
}
joint_models = {
    "LabelPowerset": LossAwareClassifier(LabelPowerset(lr)),
    "PCC": LossAwareClassifier(
        ClassifierChain(lr, random_state=0), n_draws=500, random_state=0
    ),
}


def score(Y_pred):
    return {
        "Hamming loss": hamming_loss(Y_test, Y_pred),
        "subset accuracy": np.mean((Y_pred == Y_test).all(axis=1)),
        "example-based F1": f1_score(Y_test, Y_pred, average="samples",
                                     zero_division=1),
    }


scores = {}
for name, model in methods.items():
    scores[name] = score(model.fit(X_train, Y_train).predict(X_test))
for name, model in joint_models.items():
    model.fit(X_train, Y_train)
    for loss in ("hamming", "subset", "f1"):
        model.set_params(loss=loss)
        scores[f"{name}, for {loss}"] = score(model.predict(X_test))
for name, values in scores.items():
    print(f"{name:<28} " + "  ".join(
        f"{metric} {value:.3f}" for metric, value in values.items()
    ))

# %%
# The scores side by side
# -----------------------
# The best method on each metric is marked. Predictions made for a loss do
# best, or close to best, on that loss: the Hamming-optimal rows on Hamming
# loss, the joint modes (``for subset``) on subset accuracy, and the GFM
# (``for f1``) on example-based F1, where it wins by a wide margin, at the
# price of a worse Hamming loss: it predicts more labels.
fig, axes = plt.subplots(1, 3, figsize=(12, 5), sharey=True)
names = list(scores)
metrics = ["Hamming loss", "subset accuracy", "example-based F1"]
for ax, metric in zip(axes, metrics, strict=True):
    values = np.array([scores[n][metric] for n in names])
    best = values.argmin() if metric == "Hamming loss" else values.argmax()
    colors = ["tab:orange" if i == best else "tab:blue" for i in range(len(names))]
    ax.barh(names, values, color=colors)
    ax.set_title(metric + (" (lower is better)" if metric == "Hamming loss" else ""))
    lo = values.min()
    ax.set_xlim(lo - 0.1 * (values.max() - lo + 1e-3), values.max() * 1.02)
axes[0].invert_yaxis()
fig.tight_layout()
plt.show()
