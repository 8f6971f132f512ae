"""
=========================================
Stratified K-fold for multi-label data
=========================================

With rare labels, plain :class:`~sklearn.model_selection.KFold` leaves some
test folds without a single positive of a label, and the label rates vary
from fold to fold. :class:`~skmultilabel.model_selection.MultilabelStratifiedKFold`
(iterative stratification) keeps every fold close to the whole data set.
"""

# %%
# Data with rare labels
# ---------------------
import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import KFold

from skmultilabel.datasets import make_dependent_multilabel
from skmultilabel.model_selection import MultilabelStratifiedKFold

X, Y = make_dependent_multilabel(
    400, 12, dependence="conditional", density=0.05, random_state=0
)
print("positives per label:", Y.sum(axis=0))

# %%
# Label rates of the test folds
# -----------------------------
splitters = {
    "KFold (shuffled)": KFold(5, shuffle=True, random_state=0),
    "MultilabelStratifiedKFold": MultilabelStratifiedKFold(
        5, shuffle=True, random_state=0
    ),
}
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True, layout="constrained")
for ax, (name, cv) in zip(axes, splitters.items(), strict=True):
    rates = np.array([Y[test].mean(axis=0) for _, test in cv.split(X, Y)])
    missing = int(((rates == 0) & (Y.sum(axis=0) >= 5)).sum())
    ax.plot(rates.T, "o", alpha=0.7)
    ax.plot(Y.mean(axis=0), "k_", markersize=20, label="whole data")
    ax.set_title(f"{name}\n{missing} (label, fold) pairs without a positive")
    ax.set_xlabel("label")
axes[0].set_ylabel("label rate in the test fold")
axes[0].legend()

plt.show()

# %%
# Every label with at least 5 positives has positives in every stratified
# test fold, so per-label scores (recall, F1, ROC AUC) are defined in every
# fold; the fold label rates stay close to the black marks.
