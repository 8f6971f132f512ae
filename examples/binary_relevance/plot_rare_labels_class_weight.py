"""
========================================================
Rare labels: per-label class weights in binary relevance
========================================================

Binary relevance fits one classifier per label. A label that is present in
a few percent of the samples is one its classifier learns to almost never
predict: accuracy and micro-averaged scores, dominated by the frequent
labels, barely notice. With ``class_weight="balanced"`` in the base
estimator, every label's clone is re-weighted by its own class frequencies.

This example compares the per-label recall and F1 of
:class:`~skmultilabel.BinaryRelevance` with and without balanced class
weights, and the micro- and macro-averaged F1 that summarise them. The
lesson is a trade, not a free lunch: balanced weights buy recall on the rare
labels with precision, and on this data they buy too much of it for F1.
"""

# %%
# Data with labels of very different frequencies
# ----------------------------------------------
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, recall_score
from sklearn.model_selection import train_test_split

from skmultilabel import BinaryRelevance

rng = np.random.RandomState(0)
n_samples, n_features = 4000, 20
X = rng.normal(size=(n_samples, n_features))
# Label j is present when a noisy linear score passes a cut-off; higher
# cut-offs make rarer labels.
cutoffs = np.array([0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
W = rng.normal(size=(n_features, len(cutoffs))) / np.sqrt(n_features)
scores = X @ W + 0.5 * rng.normal(size=(n_samples, len(cutoffs)))
Y = (scores / scores.std(axis=0) > cutoffs).astype(int)
X_train, X_test, Y_train, Y_test = train_test_split(X, Y, random_state=0)
print("label frequencies:", np.round(Y.mean(axis=0), 3))

# %%
# Plain and balanced binary relevance
# -----------------------------------
plain = BinaryRelevance(LogisticRegression()).fit(X_train, Y_train)
balanced = BinaryRelevance(LogisticRegression(class_weight="balanced")).fit(
    X_train, Y_train
)

results = {}
for name, clf in [("plain", plain), ("class_weight='balanced'", balanced)]:
    P = clf.predict(X_test)
    results[name] = {
        "recall": recall_score(Y_test, P, average=None, zero_division=0),
        "f1": f1_score(Y_test, P, average=None, zero_division=0),
        "micro": f1_score(Y_test, P, average="micro", zero_division=0),
        "macro": f1_score(Y_test, P, average="macro", zero_division=0),
    }
    print(f"{name:>24}: micro-F1 {results[name]['micro']:.3f}, "
          f"macro-F1 {results[name]['macro']:.3f}")

# %%
# Per-label recall and F1
# -----------------------
# The rare labels (right) gain most recall: the rarest, never predicted by
# the plain model, is now found almost always. Their F1 does not follow:
# balanced weights move each label's decision to where both classes weigh
# the same, far below the F1-optimal point of a rare label, so precision
# collapses. Balanced weights are the answer when recall on rare labels is
# what matters (screening, coding suggestions that a person reviews); when F1
# is the metric, tune each label's decision threshold for F1 instead.
fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharex=True)
positions = np.arange(len(cutoffs))
for ax, metric in zip(axes, ["recall", "f1"], strict=True):
    for k, (name, res) in enumerate(results.items()):
        ax.bar(positions + (k - 0.5) * 0.4, res[metric], width=0.4, label=name)
    ax.set_xticks(positions, [f"{f:.1%}" for f in Y.mean(axis=0)])
    ax.set_xlabel("label (by frequency)")
    ax.set_title(f"per-label {metric}")
axes[0].legend()
fig.tight_layout()
plt.show()
