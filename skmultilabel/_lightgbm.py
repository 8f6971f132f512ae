"""LightGBM as a multi-label learner: fast binary relevance and a coupled objective."""

import collections
import ctypes
import functools
import queue
import threading
import time
import zlib
from numbers import Integral, Real

import lightgbm as lgb
import numpy as np
import scipy.sparse as sp
from joblib import cpu_count
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.utils import _safe_indexing, check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.validation import (
    _check_sample_weight,
    _num_samples,
    check_array,
    check_is_fitted,
)

from ._base import (
    MultiLabelClassifierMixin,
    _binary_output,
    _column,
    _validate_X,
)
from ._lightgbm_groups import (
    GROUP_BYTES_PER_ROW_AND_LABEL,
    LabelGroupBooster,
    _boost_from_average,
    groups_available,
)
from ._lightgbm_objective import CoupledMetric, CoupledObjective, _sigmoid
from .model_selection import MultilabelStratifiedShuffleSplit

# The log-odds reported by decision_function for a label that was constant
# in training: the logit of 1 - 1e-15, a finite stand-in for infinity.
_CONSTANT_LOGIT = 34.5


def _is_dataframe(X):
    return hasattr(X, "iloc") and hasattr(X, "columns")


def _resolve_n_threads(n_jobs):
    """The total number of threads: None and -1 mean all cores (joblib's rule)."""
    n_cpus = cpu_count()
    if n_jobs is None:
        return n_cpus
    if n_jobs < 0:
        return max(n_cpus + 1 + n_jobs, 1)
    return int(n_jobs)


# Below this many rows per thread, LightGBM's threads spend more time
# synchronising than building histograms: a booster gets at most one
# thread per _ROWS_PER_THREAD rows (and at least one).
_ROWS_PER_THREAD = 10_000


def _schedule(n_threads, n_tasks, n_rows=None):
    """Split ``n_threads`` over at most ``n_tasks`` workers.

    With at least as many labels as threads, every thread becomes a worker
    that fits labels one after the other with one LightGBM thread each (no
    oversubscription, no idle core). With fewer labels than threads, each
    label's worker gets several LightGBM threads, but at most one per
    ``_ROWS_PER_THREAD`` rows of ``n_rows`` (small data trains faster on
    fewer threads).

    Returns
    -------
    threads : list of int
        The LightGBM thread count of each worker; its length is the number
        of workers.
    """
    n_workers = max(1, min(n_threads, n_tasks))
    base, extra = divmod(n_threads, n_workers)
    threads = [max(1, base + (w < extra)) for w in range(n_workers)]
    if n_rows is not None:
        cap = max(1, n_rows // _ROWS_PER_THREAD)
        threads = [min(t, cap) for t in threads]
    return threads


def _run_workers(calls):
    """Run ``calls`` (callables without arguments) at once; return their results.

    The first runs in the calling thread, the others in threads of their
    own. The calling thread matters for memory: glibc's malloc gives every
    other thread an arena of its own, and only the calling thread can reuse
    what building the binned Dataset allocated and freed in the main arena.
    The first exception raised by a call is raised again here, after every
    thread has finished.
    """
    results = [None] * len(calls)
    errors = []

    def run(i):
        try:
            results[i] = calls[i]()
        except BaseException as exc:  # re-raised in the calling thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,), daemon=True)
               for i in range(1, len(calls))]
    for t in threads:
        t.start()
    run(0)
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


# How LightGBM builds histograms. Each booster otherwise times both ways on
# its first iteration (LightGBM's "auto-choosing row-wise / col-wise"); with
# one booster per label that test is repeated for every label, although the
# binned data and the thread count are the same. The choice changes speed
# only, never the trees.
_HISTOGRAM_MODES = ({"force_row_wise": True}, {"force_col_wise": True})

# Rounds that every histogram mode trains in the trial; the first, which
# includes the set-up of the mode, is not compared.
_TRIAL_ROUNDS = 4


def _round_seconds(start, params, n_threads, n_rounds):
    """Seconds of each round of every mode: an array (modes, rounds).

    ``start(trial_params)`` creates a booster with ``params``, a mode of
    ``_HISTOGRAM_MODES`` and ``n_threads`` LightGBM threads (a worker's),
    and returns a callable that trains it one round. The modes train in
    turn, round by round, in the calling thread; their boosters are freed
    on return.
    """
    steps = [
        start(dict(params, num_threads=n_threads, **mode))
        for mode in _HISTOGRAM_MODES
    ]
    seconds = np.empty((len(steps), n_rounds))
    for r in range(n_rounds):
        for i, step in enumerate(steps):
            t0 = time.perf_counter()
            step()
            seconds[i, r] = time.perf_counter() - t0
    return seconds


def _fastest_histogram_mode(start, params, n_threads, n_rounds=_TRIAL_ROUNDS):
    """The mode of ``_HISTOGRAM_MODES`` whose rounds take least time.

    The modes train the same trees, so round ``r`` is the same work in
    every mode: the modes are compared round by round (each mode's time
    relative to the first mode's, the median over the rounds). The rounds
    of the modes run in turn on the same thread, so a load that comes and
    goes slows both sides of a comparison alike, and the median leaves
    out a round hit by a burst. Timing the modes at once, one on each
    core, compared the cores as well: on a virtual machine one core can
    run a quarter slower than the other throughout a trial, and the
    slower mode then wins. The arguments are those of
    :func:`_round_seconds`; the first round, which includes the set-up of
    the mode (row-wise copies the bins into a row-major layout once), is
    left out.
    """
    seconds = _round_seconds(start, params, n_threads, n_rounds)[:, 1:]
    # the trial boosters are freed by now; glibc would keep their memory
    # and the workers' first boosters would then add theirs on top of it
    _release_freed_memory()
    relative = seconds / np.maximum(seconds[0], 1e-9)
    return _HISTOGRAM_MODES[int(np.argmin(np.median(relative, axis=1)))]


def _choose_histogram_mode(params, train_set, n_threads, y, weight):
    """The faster histogram mode for one booster per label.

    Timed on the label ``y`` (with ``weight``) on ``train_set`` with
    ``n_threads`` LightGBM threads, a worker's.
    """
    train_set.set_label(y)
    _set_weight(train_set, weight)

    def start(trial_params):
        return lgb.Booster(trial_params, train_set).update

    return _fastest_histogram_mode(start, params, n_threads)


def _choose_group_histogram_mode(params, train_set, lock, group, n_threads):
    """The faster histogram mode for labels trained in groups.

    Timed on the labels ``group`` (the arguments of
    :class:`LabelGroupBooster` after ``train_set`` and ``params``) with
    ``n_threads`` LightGBM threads, a worker's.
    """
    def start(trial_params):
        booster = LabelGroupBooster(train_set, trial_params, *group, lock)
        return functools.partial(booster.train, 1)

    return _fastest_histogram_mode(start, params, n_threads)


def _copy_dataset(reference, indices, train_set=None):
    """A constructed copy of the binned rows ``indices`` of ``reference``.

    LightGBM copies the binned data (not the raw features): the bin
    boundaries are those of ``reference``. The copy does not keep
    ``reference`` alive (it needs nothing more from it once constructed), so
    that the Dataset built from X, which is larger than a copy of its rows
    because it keeps buffers of its construction, can be freed. A validation
    copy names its ``train_set`` (a copy of the Dataset whose bins it has)
    instead: ``lgb.train`` checks that the two share their bins through
    that link.
    """
    copy = reference.subset(np.asarray(indices, dtype=np.int32)).construct()
    copy.reference = train_set
    # Dataset.subset keeps the row indices as a Python list of numpy ints
    # (about 40 bytes a row); a constructed copy without raw data never
    # reads them again.
    copy.used_indices = None
    return copy


def _release_freed_memory():
    """Return the heap memory freed so far to the operating system (glibc).

    Binning X into a Dataset allocates and frees buffers several times the
    size of the binned data, and every label's booster its training
    buffers; glibc keeps such freed memory in the process unless asked,
    where what is allocated later can pin it. ``malloc_trim`` only
    releases free pages (about a millisecond on these heaps): it
    changes no allocator setting. Elsewhere than glibc this does nothing.
    """
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        try:
            _MALLOC_TRIM = ctypes.CDLL(None).malloc_trim
        except (AttributeError, OSError, TypeError):  # not glibc (or Windows)
            _MALLOC_TRIM = False
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)


_MALLOC_TRIM = None


def _has_usable_feature(dataset):
    """Whether a constructed Dataset kept a feature that a tree can split on.

    LightGBM leaves out the features of a single bin, and (with
    ``feature_pre_filter``, its default) those on which no split can give
    both sides ``min_child_samples`` rows; it reports 0 bins for them.
    """
    return any(dataset.feature_num_bin(i) > 0 for i in range(dataset.num_feature()))


def _lightgbm_weight(weight):
    """Sample weights as LightGBM stores them: float32, or None if all ones."""
    if weight is None or np.all(weight == 1):
        return None
    return np.asarray(weight, dtype=np.float32)


def _set_weight(dataset, weight):
    weight = _lightgbm_weight(weight)
    if weight is None:
        # Dataset.set_weight(None) leaves earlier weights in place: clear
        # them through set_field.
        dataset.set_field("weight", None)
        dataset.weight = None
    else:
        dataset.set_weight(weight)


def _train_labels(tasks, n_threads, params, train_set, valid_set, label_data,
                  num_boost_round, early_stopping_rounds):
    """Worker: fit the labels it takes from ``tasks`` on its own Dataset copy.

    Returns a list of ``(label index, packed model, best iteration, best
    score)``; see :func:`_pack_model`.
    """
    params = dict(params, num_threads=n_threads)
    fitted = []
    while True:
        try:
            j = tasks.get_nowait()
        except queue.Empty:
            return fitted
        y_train, w_train, y_valid, extra_params = label_data(j)
        train_set.set_label(y_train)
        _set_weight(train_set, w_train)
        callbacks = None
        valid_sets = None
        if valid_set is not None:
            valid_set.set_label(y_valid)
            valid_sets = [valid_set]
            callbacks = [
                lgb.early_stopping(
                    early_stopping_rounds, first_metric_only=True, verbose=False
                )
            ]
        booster = lgb.train(
            dict(params, **extra_params),
            train_set,
            num_boost_round=num_boost_round,
            valid_sets=valid_sets,
            valid_names=["validation"] if valid_sets else None,
            callbacks=callbacks,
            keep_training_booster=True,
        )
        best = booster.best_iteration, booster.best_score
        model = booster.model_to_string()
        booster.free_dataset()
        del booster  # frees the training buffers...
        # ...which glibc would otherwise keep, in pages that the packed
        # models of later labels would then pin
        _release_freed_memory()
        fitted.append((j, _pack_model(model), *best))
        del model


def _train_label_groups(tasks, n_threads, params, train_set, lock, group_data,
                        num_boost_round):
    """Worker: fit the groups of labels it takes from ``tasks``.

    Every group trains on one :class:`LabelGroupBooster` on the shared
    ``train_set``; returns what :func:`_train_labels` returns.
    """
    params = dict(params, num_threads=n_threads, num_iterations=num_boost_round)
    fitted = []
    while True:
        try:
            labels = tasks.get_nowait()
        except queue.Empty:
            return fitted
        group = LabelGroupBooster(train_set, params, *group_data(labels), lock)
        packed = group.train(num_boost_round).packed_models(_new_model_packer)
        del group
        _release_freed_memory()
        for j, model in zip(labels, packed, strict=True):
            # no validation set: what lgb.train leaves as the best iteration
            # and score
            fitted.append(
                (j, model, 0, collections.defaultdict(collections.OrderedDict))
            )


# Memory estimates behind the size of label groups (see _label_groups).
# A binned copy of the rows takes about one byte per value of a dense X
# (bins up to 255) and at least three per stored value of a sparse X; a
# binary booster's own buffers take 16 bytes a row (its scores, gradients
# and Hessians); a trained tree about 100 bytes per leaf, half as much once
# its model is packed.
_BINNED_BYTES_PER_SPARSE_VALUE = 3
_BOOSTER_BYTES_PER_ROW = 16
_TREE_BYTES_PER_LEAF = 100


def _binned_bytes(X):
    """About the memory of a binned LightGBM copy of X's rows."""
    n_rows, n_features = X.shape
    if sp.issparse(X):
        return min(_BINNED_BYTES_PER_SPARSE_VALUE * X.nnz, n_rows * n_features)
    return n_rows * n_features


def _label_group_size(n_rows, binned_bytes, tree_bytes):
    """The most labels that may train on one booster.

    A booster costs the same to set up whatever its number of labels (a
    copy of the binned rows in its own layout), so larger groups save more
    time; but while a group trains, each of its labels keeps buffers of
    ``GROUP_BYTES_PER_ROW_AND_LABEL`` a row (instead of the binary
    booster's ``_BOOSTER_BYTES_PER_ROW``) and its trees unpacked. A group
    may add at most half of what a binary booster needs (its copy of the
    binned rows and its buffers). With two workers or more, the copy of
    the rows that all of them share instead of one each pays for it.
    """
    budget = (binned_bytes + _BOOSTER_BYTES_PER_ROW * n_rows) // 2
    # extra(G) = (GROUP_BYTES * G - BOOSTER_BYTES) * n + (G - 1) * tree / 2
    per_label = GROUP_BYTES_PER_ROW_AND_LABEL * n_rows + tree_bytes // 2
    fixed = _BOOSTER_BYTES_PER_ROW * n_rows + tree_bytes // 2
    return max(1, (budget + fixed) // per_label)


def _label_groups(labels, n_workers, max_size):
    """Split ``labels`` into groups of at most ``max_size``, one booster each.

    The groups are of equal size (to one label), so that the workers get
    the same number of groups and labels.
    """
    per_worker = -(-len(labels) // n_workers)
    n_groups = min(len(labels), n_workers * -(-per_worker // max_size))
    return [g.tolist() for g in np.array_split(np.asarray(labels), n_groups)]


def _pack_model(model):
    """A booster's model string (up to its best iteration), compressed.

    What ``lgb.train`` does to a booster without ``keep_training_booster``
    is to reload it from this string, which frees the training buffers.
    The estimator instead keeps the compressed string while labels train
    and loads the boosters once all have trained (:func:`_unpack_model`):
    a compressed model takes about half the memory of a loaded one, and
    the loaded models are not scattered among the training buffers of the
    labels that trained after them. Compression level 1 takes a few
    milliseconds for a 100-tree model.
    """
    return zlib.compress(model.encode(), 1)


def _new_model_packer():
    """A compressor that packs a model string in parts as :func:`_pack_model`."""
    return zlib.compressobj(1)


def _unpack_model(packed, best_iteration, best_score):
    """The Booster of a :func:`_pack_model` string, as ``lgb.train`` returns it."""
    booster = lgb.Booster(model_str=zlib.decompress(packed).decode())
    booster.best_iteration = best_iteration
    booster.best_score = best_score
    return booster


def _unpack_models(fitted):
    """``[(label index, booster)]`` of a worker's result, emptied on the way.

    The packed models are let go of one by one as they are loaded.
    """
    loaded = []
    while fitted:
        j, *packed = fitted.pop()
        loaded.append((j, _unpack_model(*packed)))
    return loaded


def _init_score(offset):
    """A contiguous init_score for LightGBM: (n,) for one class, else (n, K)."""
    offset = np.array(offset, dtype=np.float64, order="C")
    return offset[:, 0].copy() if offset.shape[1] == 1 else offset


def _predict_labels(out, labels, boosters, iterations, X, n_threads, raw_score):
    """Write each label's predictions into its column of ``out``."""
    for j, booster, it in zip(labels, boosters, iterations, strict=True):
        out[:, j] = booster.predict(
            X, num_iteration=it, raw_score=raw_score, num_threads=n_threads
        )


def _tree_importances(booster, n_classes, n_features, importance_type):
    """Per-class feature importances of a multi-class booster, (K, d)."""
    out = np.zeros((n_classes, n_features))
    model = booster.dump_model(importance_type=importance_type)
    for tree in model["tree_info"]:
        k = tree["tree_index"] % n_classes
        stack = [tree["tree_structure"]]
        while stack:
            node = stack.pop()
            if "split_feature" not in node:
                continue
            out[k, node["split_feature"]] += (
                1.0 if importance_type == "split" else node["split_gain"]
            )
            stack.append(node["left_child"])
            stack.append(node["right_child"])
    return out


class LGBMMultiLabelClassifier(
    MultiLabelClassifierMixin, ClassifierMixin, BaseEstimator
):
    """LightGBM for multi-label targets: one binned Dataset, all labels.

    With ``objective="binary"`` this is binary relevance with gradient
    boosting, the same model as
    ``MultiOutputClassifier(LGBMClassifier(...))`` with the same
    hyperparameters (the same trees and predictions), fitted faster:

    * the features are binned once into one :class:`lightgbm.Dataset`
      (bin boundaries do not depend on the label), and every label trains
      on that binned data;
    * labels train in groups, each group on one multi-class booster whose
      custom objective is LightGBM's binary log-loss reproduced exactly,
      split afterwards into one binary model per label: the same trees,
      with the booster's set-up paid once per group (without bagging,
      column sampling, DART/RF or early stopping; one booster per label
      otherwise);
    * labels and LightGBM threads are scheduled together: with ``T``
      threads and at least ``T`` labels, ``T`` labels (or groups) train at
      once with one LightGBM thread each (a thread per core, never more);
      with fewer labels than threads, each label's booster gets several
      threads.

    With ``objective="coupled"`` one LightGBM model holds one tree sequence
    per label (``num_class = n_labels``) and is trained on a custom loss in
    which each label's gradient depends on the other labels of the sample:
    binary cross-entropy per label plus ``ranking_weight`` times a pairwise
    ranking term that pushes every present label's score above every absent
    one's (the log-sum-exp pairwise loss, a smooth BP-MLL). See the user
    guide for what it buys and when it does not help.

    Read more in the :ref:`User Guide <lightgbm>`.

    Parameters
    ----------
    objective : {"binary", "coupled"}, default="binary"
        ``"binary"``: one LightGBM binary model per label (binary
        relevance). ``"coupled"``: one model for all labels, trained on the
        label-coupled loss.

    ranking_weight : float, default=1.0
        Weight of the pairwise ranking term of ``objective="coupled"``. 0
        gives plain binary cross-entropy summed over the labels. Ignored by
        ``objective="binary"``.

    boosting_type : {"gbdt", "dart", "rf"}, default="gbdt"
        LightGBM's boosting type. ``"rf"`` needs bagging
        (``subsample < 1`` and ``subsample_freq > 0``) or column sampling
        (``colsample_bytree < 1``), and
        ``objective="binary"``: LightGBM's random forests take neither the
        starting scores nor the custom objective of ``objective="coupled"``.
        ``"dart"`` is not stopped early: ``early_stopping_rounds`` must then
        be None.

    num_leaves : int, default=31
        Maximum number of leaves of a tree.

    max_depth : int, default=-1
        Maximum tree depth; -1 means no limit.

    learning_rate : float, default=0.1
        Shrinkage of each tree.

    n_estimators : int, default=100
        Number of boosting rounds (trees per label).

    subsample_for_bin : int, default=200000
        Number of rows sampled to find the bin boundaries.

    max_bin : int, default=255
        Maximum number of bins of a feature.

    class_weight : "balanced", dict, list of dict or None, default=None
        Per-label class weights of the absent (0) and present (1) values.
        ``"balanced"`` weighs each label by its own class frequencies,
        ``n_samples / (2 * count)``, which raises the recall of rare labels. A
        dict ``{0: w0, 1: w1}`` applies to every label; a list gives one
        dict (or None) per label. Multiplied with ``sample_weight``.

    scale_pos_weight : float, array-like of shape (n_labels,) or None, \
            default=None
        Weight of the positive class, for all labels (a float) or per label
        (an array). None means 1. Another way to handle rare labels, as in
        LightGBM.

    min_split_gain : float, default=0.0
        Minimum loss reduction to make a split.

    min_child_weight : float, default=1e-3
        Minimum sum of Hessians in a leaf.

    min_child_samples : int, default=20
        Minimum number of samples in a leaf.

    subsample : float, default=1.0
        Fraction of rows used per bagging round (with ``subsample_freq > 0``).

    subsample_freq : int, default=0
        Bagging frequency; 0 disables bagging.

    colsample_bytree : float, default=1.0
        Fraction of features used per tree.

    reg_alpha : float, default=0.0
        L1 regularisation of the leaf values.

    reg_lambda : float, default=0.0
        L2 regularisation of the leaf values.

    categorical_feature : "auto" or list of int or str, default="auto"
        Categorical features: ``"auto"`` takes the pandas ``category`` columns
        of a DataFrame; a list gives column indices or names.

    early_stopping_rounds : int or None, default=None
        When set, a random ``validation_fraction`` of the rows is held out
        (the same rows for every label; stratified by label with
        :class:`~skmultilabel.model_selection.MultilabelStratifiedShuffleSplit`,
        so that each label keeps its share of positives on both sides) and
        each label's boosting stops once
        its validation log-loss has not improved for this many rounds; each
        label keeps its own best number of trees (``best_iteration_``). For
        ``objective="coupled"`` the coupled loss decides, for all labels at
        once. The held-out rows take no part in the fit, not even in the
        bin boundaries of the features: they are binned with the boundaries
        found on the training rows, as LightGBM bins an ``eval_set``. With
        ``objective="binary"`` each label's model is that of
        :class:`lightgbm.LGBMClassifier` fitted on the training rows with
        the held-out rows as its validation set.

    validation_fraction : float, default=0.1
        Fraction of the rows held out for early stopping. Unused without
        ``early_stopping_rounds``.

    n_jobs : int or None, default=None
        Total number of threads, shared between labels fitted in parallel
        and LightGBM's own threads. None and -1 mean all cores; a negative
        value ``-k`` means all cores but ``k - 1``. Prediction uses the
        value at the time of the call (as in LightGBM), so
        ``set_params(n_jobs=...)`` after fit changes its threads.

    random_state : int, RandomState instance or None, default=None
        Seeds LightGBM (bagging, feature subsampling) and the validation
        split of early stopping. None uses LightGBM's default seeds.

    importance_type : {"split", "gain"}, default="split"
        What ``feature_importances_`` counts: the number of splits on a
        feature, or their total gain.

    verbose : int, default=-1
        LightGBM's verbosity; -1 keeps it silent.

    Attributes
    ----------
    boosters_ : list of lightgbm.Booster or None
        ``objective="binary"``: the fitted binary booster of each label (also
        for labels trained in a group), None for a label that held one
        value in training (a constant predictor). None for
        ``objective="coupled"``.

    booster_ : lightgbm.Booster or None
        ``objective="coupled"``: the one model of all non-constant labels
        (tree ``t`` belongs to label ``fitted_labels_[t % K]``). None for
        ``objective="binary"``, and for ``objective="coupled"`` when no
        tree could split (too few rows for ``min_child_samples``, or no
        feature with two values): the model is then ``init_scores_``, as
        LightGBM's binary objective fits a constant there.

    fitted_labels_ : ndarray of int
        The indices of the labels that have a model (the others were
        constant in training).

    constant_values_ : ndarray of shape (n_labels,)
        The value (0. or 1.) of each label that was constant in training,
        NaN for the others.

    init_scores_ : ndarray of shape (n_labels,)
        ``objective="coupled"``: the per-label starting log-odds, added to
        the model's raw scores: the logit of the label's share of positives
        in the training rows weighted by ``sample_weight`` and
        ``class_weight`` (not ``scale_pos_weight``), where LightGBM's
        binary objective starts. Zeros for ``objective="binary"`` (LightGBM
        folds the start into the first tree) and for constant labels.

    best_iteration_ : ndarray of shape (n_labels,)
        The number of boosting rounds each label's predictions use: the best
        round found by early stopping; without early stopping, the rounds
        trained, ``n_estimators`` or fewer if LightGBM stopped once no tree
        could split any more. 0 for constant labels, and for
        ``objective="coupled"`` without a tree (``booster_`` None).

    n_threads_ : int
        The number of threads used by ``fit``.

    classes_ : ndarray of shape (n_labels,)
        The label names: the column names of a pandas target, otherwise
        ``0, ..., n_labels - 1``. For a 1-D target, its two values: the
        estimator is then a binary classifier, whose ``predict_proba`` has
        the two columns P(absent), P(present).

    sparse_target_ : bool
        Whether the training target was sparse; ``predict`` then returns
        CSR: a ``csr_array`` for a sparse array target, else a
        ``csr_matrix``.

    target_encoding_ : ndarray of shape (2,)
        The values of the training target meaning absent and present.

    n_features_in_ : int
        The number of features seen during ``fit``.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the features seen during ``fit``, when ``X`` has string
        column names.

    See Also
    --------
    BinaryRelevance : Binary relevance with any scikit-learn classifier.
    lightgbm.LGBMClassifier : The single-label LightGBM classifier.

    Notes
    -----
    The feature importances are properties: ``feature_importances_`` of
    shape (n_labels, n_features), one row per label (zeros for a constant
    label), and ``summed_feature_importances_`` of shape (n_features,),
    their sum over the labels.

    Probabilities are ``sigmoid`` of each label's raw score. With
    ``objective="binary"`` they are LightGBM's binary probabilities. With
    ``objective="coupled"`` the binary cross-entropy term, a proper scoring
    rule per label, fixes their level: the ranking term does not change
    when all scores of a sample move together, so it only reorders labels
    within a sample; the larger ``ranking_weight``, the more the scores are
    spread apart and the less calibrated the probabilities (the user guide
    measures their log-loss).

    References
    ----------
    .. [1] G. Ke et al., "LightGBM: A highly efficient gradient boosting
       decision tree", NeurIPS 2017.
    .. [2] M.-L. Zhang, Z.-H. Zhou, "Multilabel neural networks with
       applications to functional genomics and text categorization", IEEE
       TKDE 18(10), 2006 (BP-MLL).
    .. [3] Y. Li, Y. Song, J. Luo, "Improving pairwise ranking for
       multi-label image classification", CVPR 2017 (LSEP).

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from skmultilabel import LGBMMultiLabelClassifier
    >>> X, Y = make_multilabel_classification(n_samples=200, n_classes=3,
    ...                                       random_state=0)
    >>> clf = LGBMMultiLabelClassifier(n_estimators=20, random_state=0)
    >>> clf.fit(X, Y).predict(X[:2])
    array([[0, 1, 0],
           [0, 1, 0]])
    >>> clf.predict_proba(X[:2]).shape
    (2, 3)
    >>> clf.feature_importances_.shape
    (3, 20)
    """

    _parameter_constraints = {
        "objective": [StrOptions({"binary", "coupled"})],
        "ranking_weight": [Interval(Real, 0, None, closed="left")],
        "boosting_type": [StrOptions({"gbdt", "dart", "rf"})],
        "num_leaves": [Interval(Integral, 2, None, closed="left")],
        "max_depth": [Interval(Integral, -1, None, closed="left")],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "n_estimators": [Interval(Integral, 1, None, closed="left")],
        "subsample_for_bin": [Interval(Integral, 1, None, closed="left")],
        "max_bin": [Interval(Integral, 2, None, closed="left")],
        "class_weight": [StrOptions({"balanced"}), dict, list, None],
        "scale_pos_weight": [
            Interval(Real, 0, None, closed="neither"),
            "array-like",
            None,
        ],
        "min_split_gain": [Interval(Real, 0, None, closed="left")],
        "min_child_weight": [Interval(Real, 0, None, closed="left")],
        "min_child_samples": [Interval(Integral, 0, None, closed="left")],
        "subsample": [Interval(Real, 0, 1, closed="right")],
        "subsample_freq": [Interval(Integral, 0, None, closed="left")],
        "colsample_bytree": [Interval(Real, 0, 1, closed="right")],
        "reg_alpha": [Interval(Real, 0, None, closed="left")],
        "reg_lambda": [Interval(Real, 0, None, closed="left")],
        "categorical_feature": [StrOptions({"auto"}), list],
        "early_stopping_rounds": [Interval(Integral, 1, None, closed="left"), None],
        "validation_fraction": [Interval(Real, 0, 1, closed="neither")],
        "n_jobs": [
            Interval(Integral, 1, None, closed="left"),
            Interval(Integral, None, -1, closed="right"),
            None,
        ],
        "random_state": ["random_state"],
        "importance_type": [StrOptions({"split", "gain"})],
        "verbose": [Integral],
    }

    def __init__(
        self,
        *,
        objective="binary",
        ranking_weight=1.0,
        boosting_type="gbdt",
        num_leaves=31,
        max_depth=-1,
        learning_rate=0.1,
        n_estimators=100,
        subsample_for_bin=200000,
        max_bin=255,
        class_weight=None,
        scale_pos_weight=None,
        min_split_gain=0.0,
        min_child_weight=1e-3,
        min_child_samples=20,
        subsample=1.0,
        subsample_freq=0,
        colsample_bytree=1.0,
        reg_alpha=0.0,
        reg_lambda=0.0,
        categorical_feature="auto",
        early_stopping_rounds=None,
        validation_fraction=0.1,
        n_jobs=None,
        random_state=None,
        importance_type="split",
        verbose=-1,
    ):
        self.objective = objective
        self.ranking_weight = ranking_weight
        self.boosting_type = boosting_type
        self.num_leaves = num_leaves
        self.max_depth = max_depth
        self.learning_rate = learning_rate
        self.n_estimators = n_estimators
        self.subsample_for_bin = subsample_for_bin
        self.max_bin = max_bin
        self.class_weight = class_weight
        self.scale_pos_weight = scale_pos_weight
        self.min_split_gain = min_split_gain
        self.min_child_weight = min_child_weight
        self.min_child_samples = min_child_samples
        self.subsample = subsample
        self.subsample_freq = subsample_freq
        self.colsample_bytree = colsample_bytree
        self.reg_alpha = reg_alpha
        self.reg_lambda = reg_lambda
        self.categorical_feature = categorical_feature
        self.early_stopping_rounds = early_stopping_rounds
        self.validation_fraction = validation_fraction
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.importance_type = importance_type
        self.verbose = verbose

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.input_tags.allow_nan = True
        return tags

    # ------------------------------------------------------------------
    # Input handling

    def _check_X(self, X, *, reset):
        """Validate X at predict time; DataFrames pass through."""
        X = _validate_X(
            self, X, reset=reset, base_estimator=self, ensure_all_finite=False
        )
        return self._check_X_array(X)

    def _lgb_params(self, n_threads):
        """LightGBM parameters, named as LGBMClassifier passes them."""
        params = {
            "boosting_type": self.boosting_type,
            "num_leaves": self.num_leaves,
            "max_depth": self.max_depth,
            "learning_rate": self.learning_rate,
            "subsample_for_bin": self.subsample_for_bin,
            "max_bin": self.max_bin,
            "min_split_gain": self.min_split_gain,
            "min_child_weight": self.min_child_weight,
            "min_child_samples": self.min_child_samples,
            "subsample": self.subsample,
            "subsample_freq": self.subsample_freq,
            "colsample_bytree": self.colsample_bytree,
            "reg_alpha": self.reg_alpha,
            "reg_lambda": self.reg_lambda,
            "verbose": self.verbose,
            "num_threads": n_threads,
        }
        rs = self.random_state
        if isinstance(rs, np.random.RandomState):
            params["random_state"] = rs.randint(np.iinfo(np.int32).max)
        elif rs is not None:
            params["random_state"] = int(rs)
        return params

    def _label_weights(self, Y, sample_weight):
        """Per-label sample weights from ``class_weight`` and ``sample_weight``.

        Returns a callable ``j -> weights or None`` for the rows of ``Y``.
        """
        n_labels = Y.shape[1]
        cw = self.class_weight
        if isinstance(cw, list):
            if len(cw) != n_labels:
                raise ValueError(
                    f"class_weight is a list of {len(cw)} entries but y has "
                    f"{n_labels} labels; give one dict (or None) per label."
                )
            per_label = cw
        else:
            per_label = [cw] * n_labels
        for entry in per_label:
            if isinstance(entry, dict) and not set(entry) <= {0, 1}:
                raise ValueError(
                    "class_weight dicts map the label values 0 (absent) and "
                    f"1 (present) to weights; got keys {sorted(entry, key=str)}."
                )
            if isinstance(entry, dict) and not all(
                isinstance(w, Real) and np.isfinite(w) and w >= 0
                for w in entry.values()
            ):
                # as sample_weight: a negative weight turns the loss around
                raise ValueError(
                    "class_weight weights must be finite and non-negative; got "
                    f"{entry!r}."
                )
            if (
                entry is not None
                and not isinstance(entry, dict)
                and entry != "balanced"
            ):
                raise ValueError(
                    "Each entry of a class_weight list must be a dict, "
                    f"'balanced' or None; got {entry!r}."
                )

        def weights(j, y):
            w = None
            if per_label[j] is not None:
                cw_j = per_label[j]
                if isinstance(cw_j, dict):
                    cw_j = {0: 1.0, 1: 1.0, **cw_j}
                w = compute_sample_weight(cw_j, y)
            if sample_weight is not None:
                w = sample_weight if w is None else w * sample_weight
            return w

        return weights

    def _scale_pos_weight(self, n_labels):
        spw = self.scale_pos_weight
        if spw is None:
            return np.ones(n_labels)
        spw = np.asarray(spw, dtype=np.float64)
        if spw.ndim == 0:
            return np.full(n_labels, float(spw))
        if spw.shape != (n_labels,):
            raise ValueError(
                f"scale_pos_weight has shape {spw.shape}; it must be a float "
                f"or hold one value per label ({n_labels})."
            )
        if not np.all(np.isfinite(spw)) or np.any(spw <= 0):
            raise ValueError("scale_pos_weight must hold positive finite values.")
        return spw

    # ------------------------------------------------------------------
    # Fitting

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None):
        """Fit the boosters on a multi-label target.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            The input samples. NaN means missing; a DataFrame's ``category``
            columns are categorical features.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights, for every label.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        if self.boosting_type == "dart" and self.early_stopping_rounds is not None:
            raise ValueError(
                'early_stopping_rounds is not available with boosting_type="dart": '
                "LightGBM does not stop dart early (later rounds rescale earlier "
                "trees), so the held-out rows would only be lost to training. "
                "Set early_stopping_rounds=None, or use boosting_type=\"gbdt\"."
            )
        if self.boosting_type == "rf" and not (
            (self.subsample < 1 and self.subsample_freq > 0)
            or self.colsample_bytree < 1
        ):
            raise ValueError(
                'boosting_type="rf" needs row or column sampling: LightGBM\'s '
                "random forest mode trains every tree on a sample, so set "
                "subsample < 1 with subsample_freq > 0, or colsample_bytree < 1."
            )
        if self.objective == "coupled" and self.boosting_type == "rf":
            raise ValueError(
                'objective="coupled" does not support boosting_type="rf": '
                "LightGBM's random forest mode accepts neither a starting score "
                "(init_score) nor a custom objective, and the coupled objective "
                'needs both. Use boosting_type="gbdt" or "dart", or '
                'objective="binary" for a random forest per label.'
            )
        # target_dtype=None: a 0/1 integer or boolean y is used as it is (fit
        # only reads it); other encodings become int8. With many labels, an
        # int64 copy of y would dominate memory.
        X, Y = self._validate_fit_data(
            X, y, base_estimator=self, target_dtype=None, ensure_all_finite=False
        )
        X = self._check_X_array(X)
        n_samples, n_labels = Y.shape
        if sample_weight is not None:
            sample_weight = _check_sample_weight(
                sample_weight, X, ensure_non_negative=True
            )
        rng = check_random_state(self.random_state)
        if self.early_stopping_rounds is not None:
            n_valid = int(round(self.validation_fraction * n_samples))
            if n_valid < 1 or n_samples - n_valid < 1:
                raise ValueError(
                    f"validation_fraction={self.validation_fraction} leaves no "
                    f"training or no validation row out of {n_samples} samples; "
                    "early stopping needs both."
                )
            # stratified by label, so that a rare label keeps its share of
            # positives in both parts (a random split can leave it constant
            # in the training rows)
            splitter = MultilabelStratifiedShuffleSplit(
                n_splits=1, test_size=n_valid, random_state=rng
            )
            train_idx, valid_idx = next(splitter.split(np.empty((n_samples, 0)), Y))
            train_idx, valid_idx = np.sort(train_idx), np.sort(valid_idx)
        else:
            train_idx = valid_idx = None
        self.n_threads_ = _resolve_n_threads(self.n_jobs)
        params = self._lgb_params(self.n_threads_)
        if self.objective == "binary":
            self._fit_binary(X, Y, sample_weight, params, train_idx, valid_idx)
        else:
            self._fit_coupled(X, Y, sample_weight, params, train_idx, valid_idx)
        return self

    def _check_X_array(self, X):
        """Convert validated X to what LightGBM reads without a copy."""
        if _is_dataframe(X):
            if X.shape[0] == 0:
                raise ValueError("X has 0 samples; at least 1 is required.")
            return X
        if sp.issparse(X):
            return check_array(
                X, accept_sparse=["csr", "csc"], dtype=[np.float64, np.float32],
                ensure_all_finite=False,
            )
        # LightGBM reads a dense array of another dtype (integers, booleans)
        # as float32, so that is what the peers' trees are built on: an
        # integer above 2**24 rounds (pass float64 to keep it exact)
        X = np.asarray(X)
        dtype = X.dtype if X.dtype in (np.float32, np.float64) else np.float32
        return check_array(X, dtype=dtype, ensure_all_finite=False, order="C")

    def _reference_dataset(self, X, label, params, weight=None, init_score=None):
        """The one binned Dataset every label's booster trains on.

        The buffers of its construction are returned to the system before
        anything else is allocated among them.
        """
        dataset = lgb.Dataset(
            X,
            label=label,
            weight=weight,
            init_score=init_score,
            params=params,
            categorical_feature=self.categorical_feature,
            free_raw_data=True,
        ).construct()
        _release_freed_memory()
        return dataset

    def _training_datasets(self, X, train_idx, valid_idx, params):
        """The binned training rows and, with early stopping, validation rows.

        Returns ``(reference, valid)``. Without early stopping
        (``train_idx`` None) ``reference`` is the one Dataset built from X
        and ``valid`` is None. With it, the bin boundaries are found on the
        training rows only and the validation rows are binned with them
        (their Dataset's reference is the training one), as LightGBM does
        for an ``eval_set``: the held-out rows take no part in the fit, not
        even in the binning. Both Datasets hold a label of zeros.
        """
        if train_idx is None:
            return self._reference_dataset(
                X, np.zeros(_num_samples(X), np.float32), params
            ), None
        X_train = _safe_indexing(X, train_idx)
        reference = self._reference_dataset(
            X_train, np.zeros(len(train_idx), np.float32), params
        )
        del X_train
        _release_freed_memory()
        valid = lgb.Dataset(
            _safe_indexing(X, valid_idx),
            label=np.zeros(len(valid_idx), np.float32),
            params=params,
            reference=reference,
            free_raw_data=True,
        ).construct()
        return reference, valid

    def _constant_labels(self, Y_train):
        """(constant_values_, fitted label indices) from the training rows."""
        n_labels = Y_train.shape[1]
        counts = np.asarray(Y_train.sum(axis=0)).ravel()
        n_rows = Y_train.shape[0]
        constant = np.full(n_labels, np.nan)
        constant[counts == 0] = 0.0
        constant[counts == n_rows] = 1.0
        return constant, np.flatnonzero(np.isnan(constant))

    def _fit_binary(self, X, Y, sample_weight, params, train_idx, valid_idx):
        n_samples, n_labels = Y.shape
        params = dict(params, objective="binary", metric="binary_logloss")
        Y_train = Y if train_idx is None else Y[train_idx]
        constant, fitted = self._constant_labels(Y_train)
        self.constant_values_ = constant
        self.fitted_labels_ = fitted
        self.init_scores_ = np.zeros(n_labels)
        self.booster_ = None
        boosters = [None] * n_labels
        best = np.zeros(n_labels, dtype=np.int64)
        if fitted.size:
            scale_pos = self._scale_pos_weight(n_labels)
            sw_train = None
            if sample_weight is not None:
                sw_train = (
                    sample_weight if train_idx is None else sample_weight[train_idx]
                )
            label_weights = self._label_weights(Y_train, sw_train)
            reference, valid = self._training_datasets(
                X, train_idx, valid_idx,
                dict(params, num_threads=_schedule(self.n_threads_, 1, n_samples)[0]),
            )
            n_rows = n_samples if train_idx is None else len(train_idx)
            threads = _schedule(self.n_threads_, fitted.size, n_rows)
            n_workers = len(threads)
            rows = np.arange(n_rows)

            def label_data(j):
                y_j = _column(Y_train, j)
                y_valid = None
                if valid_idx is not None:
                    y_valid = _column(Y, j)[valid_idx].astype(np.float32)
                extra = {}
                if scale_pos[j] != 1.0:
                    extra["scale_pos_weight"] = float(scale_pos[j])
                return y_j.astype(np.float32), label_weights(j, y_j), y_valid, extra

            # labels train in groups when that gives the same trees and
            # more than one label fits a group (on small data a label's
            # trees outweigh its buffers: one booster per label there). The
            # workers train on copies of the binned rows (the Dataset built
            # from X is then dropped and its construction buffers
            # released): one copy shared by all with groups (their booster
            # does not read the Dataset's label), else one per worker, whose
            # label is swapped for every label; with early stopping each
            # worker also gets a copy of the binned validation rows
            group_size = 1
            if self._trains_in_groups(threads):
                group_size = _label_group_size(
                    n_rows, _binned_bytes(X) * n_rows // n_samples,
                    _TREE_BYTES_PER_LEAF * self.num_leaves * self.n_estimators,
                )
            grouped = group_size > 1
            train_sets = [_copy_dataset(reference, rows)
                          for _ in range(1 if grouped else n_workers)]
            valid_sets = [None] * n_workers
            if valid is not None:
                valid_rows = np.arange(len(valid_idx))
                valid_sets = [
                    _copy_dataset(valid, valid_rows, ts) for ts in train_sets
                ]
                if sample_weight is not None:
                    for vs in valid_sets:
                        _set_weight(vs, sample_weight[valid_idx])
            del reference, valid
            _release_freed_memory()
            if grouped:
                results = self._train_groups(
                    train_sets[0], group_size, fitted, threads, params, label_data
                )
            else:
                results = self._train_one_by_one(
                    train_sets, valid_sets, fitted, threads, params, label_data
                )
            del train_sets, valid_sets
            _release_freed_memory()
            # each worker's models loaded in a thread of their own
            for loaded in _run_workers([
                functools.partial(_unpack_models, fitted_w) for fitted_w in results
            ]):
                for j, booster in loaded:
                    boosters[j] = booster
                    best[j] = booster.best_iteration or booster.current_iteration()
        self.boosters_ = boosters
        self.best_iteration_ = best

    def _trains_in_groups(self, threads):
        """Whether labels train in groups (:class:`LabelGroupBooster`).

        Groups give the trees of one booster per label only when nothing
        is drawn at random per booster (bagging, column sampling; DART and
        random forests draw too) and without early stopping (one
        validation score per label). Every worker must also run one
        LightGBM thread: LightGBM sums the starting score over its threads,
        in an order the group reproduces for one thread only. And the
        installed LightGBM must still offer the calls the groups make.
        """
        return (
            groups_available()
            and self.early_stopping_rounds is None
            and self.boosting_type == "gbdt"
            and self.colsample_bytree == 1.0
            and (self.subsample == 1.0 or self.subsample_freq == 0)
            and max(threads) == 1
        )

    def _train_one_by_one(self, train_sets, valid_sets, fitted, threads, params,
                          label_data):
        """One booster per label; each worker on its own copy of the rows."""
        if fitted.size > 1:
            y0, w0, _, extra0 = label_data(int(fitted[0]))
            params = dict(params, **_choose_histogram_mode(
                dict(params, **extra0), train_sets[0], threads[0], y0, w0,
            ))
        tasks = queue.SimpleQueue()
        for j in fitted:
            tasks.put(int(j))
        return _run_workers([
            functools.partial(
                _train_labels, tasks, threads[w], params, train_sets[w],
                valid_sets[w], label_data, self.n_estimators,
                self.early_stopping_rounds,
            )
            for w in range(len(threads))
        ])

    def _train_groups(self, train_set, group_size, fitted, threads, params,
                      label_data):
        """Labels in groups, one booster per group, all on ``train_set``."""
        n_workers = len(threads)
        groups = _label_groups(fitted, n_workers, group_size)
        lock = threading.Lock()

        def group_data(labels):
            data = [label_data(j) for j in labels]
            weights = [_lightgbm_weight(w) for _, w, _, _ in data]
            scale_pos = [extra.get("scale_pos_weight", 1.0) for *_, extra in data]
            return [y for y, *_ in data], weights, scale_pos

        if fitted.size > 1:
            params = dict(params, **_choose_group_histogram_mode(
                params, train_set, lock, group_data(groups[0]), threads[0],
            ))
        tasks = queue.SimpleQueue()
        for labels in groups:
            tasks.put(labels)
        return _run_workers([
            functools.partial(
                _train_label_groups, tasks, threads[w], params, train_set, lock,
                group_data, self.n_estimators,
            )
            for w in range(n_workers)
        ])

    def _coupled_class_weights(self, Y, labels):
        """The class weights of ``labels`` on the rows of ``Y``: (n, K) or None.

        ``Y`` holds every label's column, so that a ``class_weight`` list is
        checked against the number of labels and read by label index, as
        for ``objective="binary"``; ``labels`` are those with a model.
        """
        if self.class_weight is None:
            return None
        weights = self._label_weights(Y, None)
        return np.column_stack([
            np.ones(Y.shape[0]) if (w := weights(j, Y[:, j])) is None else w
            for j in labels
        ])

    def _fit_coupled(self, X, Y, sample_weight, params, train_idx, valid_idx):
        n_labels = Y.shape[1]
        Y = Y.toarray() if sp.issparse(Y) else np.asarray(Y)
        Y_train = Y if train_idx is None else Y[train_idx]
        constant, fitted = self._constant_labels(Y_train)
        self.constant_values_ = constant
        self.fitted_labels_ = fitted
        self.boosters_ = None
        self.booster_ = None
        self.init_scores_ = np.zeros(n_labels)
        self.best_iteration_ = np.zeros(n_labels, dtype=np.int64)
        if not fitted.size:
            return
        K = fitted.size
        # a per-label array or list is checked against the number of labels
        # and read by label index, whichever labels are constant
        scale_pos = self._scale_pos_weight(n_labels)[fitted]
        sw_train = None
        if sample_weight is not None:
            sw_train = sample_weight if train_idx is None else sample_weight[train_idx]
        cw_train = self._coupled_class_weights(Y_train, fitted)
        # each label starts where LightGBM's binary objective starts it: at
        # the log-odds of its share of positives weighted by the sample and
        # class weights the binary path gives it (boost_from_average leaves
        # out scale_pos_weight)
        start_weights = self._label_weights(Y_train, sw_train)
        for j in fitted:
            w = start_weights(j, Y_train[:, j])
            self.init_scores_[j] = _boost_from_average(
                Y_train[:, j], _lightgbm_weight(w)
            )

        def label_weight(Y_rows, class_weight):
            """The weights c_ij of the cross-entropy terms of these rows."""
            if np.all(scale_pos == 1.0):
                return class_weight
            S = np.where(Y_rows[:, fitted] > 0, scale_pos, 1.0)
            return S if class_weight is None else class_weight * S

        lgb_params = dict(
            params, metric="None", objective="none",
            num_threads=_schedule(self.n_threads_, 1, Y_train.shape[0])[0],
        )
        if K > 1:
            lgb_params["num_class"] = K
        train_set, valid_set = self._training_datasets(
            X, train_idx, valid_idx, lgb_params
        )
        if not _has_usable_feature(train_set):
            # no tree can split: where LightGBM's binary objective fits a
            # constant model, a custom objective stops LightGBM with an
            # internal error. The model is the starting scores, no tree.
            return
        offset = self.init_scores_[fitted]
        train_set.set_init_score(
            _init_score(np.broadcast_to(offset, (Y_train.shape[0], K)))
        )
        lgb_params["objective"] = CoupledObjective(
            Y_train[:, fitted].astype(np.float64), self.ranking_weight,
            label_weight=label_weight(Y_train, cw_train), sample_weight=sw_train,
        )
        valid_sets, feval, callbacks = None, None, None
        if valid_set is not None:
            Y_valid = Y[valid_idx]
            valid_set.set_init_score(
                _init_score(np.broadcast_to(offset, (len(valid_idx), K)))
            )
            valid_sets = [valid_set]
            # the validation rows' class weights from their own frequencies
            feval = CoupledMetric(
                Y_valid[:, fitted].astype(np.float64), self.ranking_weight,
                label_weight=label_weight(
                    Y_valid, self._coupled_class_weights(Y_valid, fitted)
                ),
                sample_weight=(
                    None if sample_weight is None else sample_weight[valid_idx]
                ),
            )
            callbacks = [
                lgb.early_stopping(self.early_stopping_rounds, verbose=False)
            ]
        booster = lgb.train(
            lgb_params, train_set, num_boost_round=self.n_estimators,
            valid_sets=valid_sets,
            valid_names=["validation"] if valid_sets else None,
            feval=feval, callbacks=callbacks,
        )
        self.booster_ = booster
        self.best_iteration_[fitted] = (
            booster.best_iteration or booster.current_iteration()
        )

    # ------------------------------------------------------------------
    # Prediction

    def _raw_or_proba(self, X, raw_score):
        check_is_fitted(self)
        X = self._check_X(X, reset=False)
        n_samples = _num_samples(X)
        n_labels = self._n_labels()
        # the threads of the current n_jobs, as LGBMClassifier predicts
        n_threads = _resolve_n_threads(self.n_jobs)
        out = np.empty((n_samples, n_labels))
        constant = self.constant_values_
        const_mask = ~np.isnan(constant)
        if raw_score:
            out[:, const_mask] = (
                np.where(constant[const_mask] > 0, 1.0, -1.0) * _CONSTANT_LOGIT
            )
        else:
            out[:, const_mask] = constant[const_mask]
        fitted = self.fitted_labels_
        if fitted.size == 0:
            return out
        if self.boosters_ is None:  # fitted with objective="coupled"
            raw = self.init_scores_[fitted]
            if self.booster_ is not None:
                raw = raw + self.booster_.predict(
                    X, raw_score=True,
                    num_iteration=int(self.best_iteration_[fitted[0]]),
                    num_threads=_schedule(n_threads, 1, n_samples)[0],
                ).reshape(n_samples, fitted.size)
            raw = np.broadcast_to(raw, (n_samples, fitted.size))
            out[:, fitted] = raw if raw_score else _sigmoid(raw)
            return out
        threads = _schedule(n_threads, fitted.size, n_samples)
        chunks = np.array_split(fitted, len(threads))
        _run_workers([
            functools.partial(
                _predict_labels, out, chunk, [self.boosters_[j] for j in chunk],
                [int(self.best_iteration_[j]) for j in chunk], X, t, raw_score,
            )
            for chunk, t in zip(chunks, threads, strict=True)
        ])
        return out

    @_binary_output("predict_proba")
    def predict_proba(self, X):
        """Return the probability that each label is present.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        P : ndarray of shape (n_samples, n_labels)
            P(label j = 1 | x) in column j: the sigmoid of the label's raw
            score; 0. or 1. for a label that was constant in training.
        """
        return self._raw_or_proba(X, raw_score=False)

    @_binary_output("decision_function")
    def decision_function(self, X):
        """Return each label's raw score (log-odds; positive means present).

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        D : ndarray of shape (n_samples, n_labels)
            The log-odds of each label. A label that was constant in
            training gets +34.5 or -34.5 (the logit of 1 - 1e-15).
        """
        return self._raw_or_proba(X, raw_score=True)

    def predict(self, X):
        """Predict the labels of each sample.

        A label is predicted present when its probability exceeds 0.5, as
        :class:`lightgbm.LGBMClassifier` does.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            The predictions, in the encoding of the training target; sparse
            when the training target was sparse.
        """
        P = self._raw_or_proba(X, raw_score=False)
        return self._format_predictions(P > 0.5)

    # ------------------------------------------------------------------
    # Importances

    def _importances(self):
        check_is_fitted(self)
        n_labels = self._n_labels()
        n_features = self.n_features_in_
        out = np.zeros((n_labels, n_features))
        if self.boosters_ is None:  # fitted with objective="coupled"
            if self.booster_ is not None:
                out[self.fitted_labels_] = _tree_importances(
                    self.booster_, self.fitted_labels_.size, n_features,
                    self.importance_type,
                )
            return out
        for j, booster in enumerate(self.boosters_):
            if booster is not None:
                out[j] = booster.feature_importance(
                    importance_type=self.importance_type
                )
        return out

    @property
    def feature_importances_(self):
        """Feature importances per label, ndarray of shape (n_labels, n_features).

        Row ``j`` holds, for label ``j``, the number of splits on each
        feature (``importance_type="split"``) or their total gain
        (``"gain"``), over all the label's trees; zeros for a label that
        was constant in training. Fitted on a 1-D target (a binary
        classifier), shape (n_features,), as for
        :class:`lightgbm.LGBMClassifier`.
        """
        importances = self._importances()
        return importances[0] if getattr(self, "_target_1d", False) else importances

    @property
    def summed_feature_importances_(self):
        """Feature importances summed over the labels, shape (n_features,)."""
        return self._importances().sum(axis=0)
