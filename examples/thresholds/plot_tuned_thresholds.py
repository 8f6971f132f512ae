"""
==============================================================
Tuning per-label decision thresholds for the metric you report
==============================================================

A probabilistic multi-label classifier returns P(label = 1) for every label;
predicting the labels whose probability exceeds 0.5 is only one decision
rule, and rarely the best one for rare labels. This example tunes one
threshold per label with :class:`~skmultilabel.TunedThresholdsClassifierCV`
on the MULAN ``medical`` data set (radiology reports coded with 45 ICD-9
codes, most of them rare):

* it plots, for a few labels, the cross-validated objective as a function of
  that label's threshold, with the chosen threshold marked;
* it compares macro-F1, micro-F1, subset accuracy and Hamming loss on the
  test split at 0.5 and after tuning for three different objectives:
  thresholds trade one metric for another, so tune for the one you report.

The data are read with :func:`skmultilabel.datasets.load_benchmark`; when
the MULAN files are not available the example runs on synthetic data.
"""

# %%
# Data and the default decision rule
# ----------------------------------
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, hamming_loss

from skmultilabel import BinaryRelevance, TunedThresholdsClassifierCV
from skmultilabel.datasets import load_benchmark


def dense(Y):
    return np.asarray(Y.toarray() if hasattr(Y, "toarray") else Y)


try:
    train = load_benchmark("medical", subset="train")
    test = load_benchmark("medical", subset="test")
    X_train, Y_train = train.data, dense(train.target)
    X_test, Y_test = test.data, dense(test.target)
    data_name = "medical"
except (FileNotFoundError, OSError) as exc:  # no MULAN files here
    print(f"medical is not available ({exc}); using synthetic data")
    X, Y = make_multilabel_classification(
        n_samples=1000, n_features=50, n_classes=20, n_labels=2, random_state=0
    )
    X_train, Y_train, X_test, Y_test = X[:400], Y[:400], X[400:], Y[400:]
    data_name = "synthetic"

print(f"{data_name}: {X_train.shape[0]} training samples, {Y_train.shape[1]} labels")
print("training positives per label:", np.sort(Y_train.sum(axis=0))[::-1])

base = BinaryRelevance(LogisticRegression(solver="liblinear", random_state=0))


def report(Y_pred):
    return {
        "macro-F1": f1_score(Y_test, Y_pred, average="macro", zero_division=0),
        "micro-F1": f1_score(Y_test, Y_pred, average="micro", zero_division=0),
        "subset accuracy": accuracy_score(Y_test, Y_pred),
        "Hamming loss": hamming_loss(Y_test, Y_pred),
    }


results = {"0.5": report(base.fit(X_train, Y_train).predict(X_test))}

# %%
# Tuning the thresholds for macro-F1
# ----------------------------------
# Five stratified folds give out-of-fold probabilities for every training
# sample; each label's threshold is the exact F1 optimum on them (every
# distinct cut is evaluated), pulled toward the best single threshold for
# all labels in proportion to how few positives the label has
# (``shrinkage=10``; a label with fewer than 3 positives is predicted only
# above its highest out-of-fold probability), then the model is refitted on
# all the data.
tuned = TunedThresholdsClassifierCV(
    base, scoring="f1_macro", cv=5, random_state=0, store_cv_results=True
).fit(X_train, Y_train)
results["tuned for macro-F1"] = report(tuned.predict(X_test))
print(f"cross-validated macro-F1 at the chosen thresholds: {tuned.best_score_:.3f}")

# %%
# The objective against the threshold
# -----------------------------------
# ``cv_results_`` holds, per label, every candidate threshold and the
# out-of-fold macro-F1 with that label's threshold there and the others at
# their chosen values. Frequent labels have a broad optimum near 0.3-0.5;
# rare labels a sharp one well below 0.5: their probabilities rarely reach
# 0.5 at all. The chosen point of a rare label can sit beside the peak of
# its curve: with a few positives the peak is partly noise, and the
# shrinkage moves the threshold toward the one shared by all labels.
counts = Y_train.sum(axis=0)
order = np.argsort(-counts)
shown = [order[0], order[3], order[8], order[15]]
fig, axes = plt.subplots(1, len(shown), figsize=(12, 3), sharey=True)
for ax, j in zip(axes, shown, strict=True):
    t = np.clip(tuned.cv_results_["thresholds"][j], 0, 1)
    scores = tuned.cv_results_["scores"][j]
    ax.step(t, scores, where="post")
    chosen = np.clip(tuned.thresholds_[j], 0, 1)
    ax.axvline(0.5, color="grey", linestyle=":", label="0.5")
    ax.plot(chosen, tuned.best_score_, "o", color="C3", label="chosen")
    ax.set_title(f"label {j} ({counts[j]} positives)")
    ax.set_xlabel("threshold")
axes[0].set_ylabel("out-of-fold macro-F1")
axes[0].legend(loc="lower right")
fig.tight_layout()

# %%
# Thresholds trade metrics
# ------------------------
# The same model tuned for micro-F1 (a coordinate ascent over the labels,
# which never lowers the objective) and for the Hamming loss. Per-label F1
# thresholds predict more of the rare labels: on medical they raise
# macro-F1 the most, but give the worst Hamming loss and the lowest subset
# accuracy of the tuned models; tuning for the Hamming loss gives the best
# Hamming loss and subset accuracy and gives up most of the macro-F1 gain.
# On micro-F1 the micro-F1 thresholds and the macro-F1 ones end level on the
# test split: a threshold that is best on out-of-fold data is an estimate.
for scoring, name in [("f1_micro", "tuned for micro-F1"),
                      ("neg_hamming_loss", "tuned for Hamming loss")]:
    model = TunedThresholdsClassifierCV(
        base, scoring=scoring, cv=5, random_state=0
    ).fit(X_train, Y_train)
    results[name] = report(model.predict(X_test))

metrics = list(results["0.5"])
print(f"{'':<24}" + "".join(f"{m:>17}" for m in metrics))
for name, row in results.items():
    print(f"{name:<24}" + "".join(f"{row[m]:>17.4f}" for m in metrics))

fig, axes = plt.subplots(1, len(metrics), figsize=(12, 3.2))
names = list(results)
for ax, metric in zip(axes, metrics, strict=True):
    values = [results[name][metric] for name in names]
    ax.bar(range(len(names)), values, color=[f"C{i}" for i in range(len(names))])
    low, high = min(values), max(values)
    ax.set_ylim(low - 0.6 * (high - low), high + 0.3 * (high - low))
    ax.set_xticks([])
    ax.set_title(metric + (" (lower is better)" if metric == "Hamming loss" else ""),
                 fontsize="medium")
handles = [plt.Rectangle((0, 0), 1, 1, color=f"C{i}") for i in range(len(names))]
fig.legend(handles, names, loc="lower center", ncol=len(names), fontsize="small")
fig.tight_layout(rect=(0, 0.08, 1, 1))

# %%
# At least one label per sample
# -----------------------------
# Coding and tagging systems often must return something. ``min_labels=1``
# always predicts each sample's most probable label, and the thresholds are
# tuned with that rule applied.
at_least_one = TunedThresholdsClassifierCV(
    base, scoring="f1_samples", min_labels=1, cv=5, random_state=0
).fit(X_train, Y_train)
empty_default = np.mean(base.predict(X_test).sum(axis=1) == 0)
empty_tuned = np.mean(at_least_one.predict(X_test).sum(axis=1) == 0)
print(f"samples with no label: {empty_default:.1%} at 0.5, "
      f"{empty_tuned:.1%} with min_labels=1")
plt.show()
