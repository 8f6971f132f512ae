"""Loader of the standard MULAN multi-label benchmark data sets."""

import os
from pathlib import Path

from ._arff import load_arff

__all__ = ["get_data_dir", "list_benchmarks", "load_benchmark"]

ENV_VAR = "SKMULTILABEL_DATA"

# name -> (folder, label file, {subset: file}); None means no such subset.
_BENCHMARKS = {
    "emotions": ("emotions", "emotions.xml", None),
    "yeast": ("yeast", "yeast.xml", None),
    "scene": ("scene", "scene.xml", None),
    "medical": ("medical", "medical.xml", None),
    "enron": ("enron", "enron.xml", None),
    "bibtex": ("bibtex", "bibtex.xml", None),
    "tmc2007-500": ("tmc2007-500", "tmc2007-500.xml", None),
    "delicious": ("delicious", "delicious.xml", None),
    "rcv1subset1": (
        "rcv1subset1",
        "rcv1subset1500.xml",
        {"all": "rcv1subset1500.orig.arff"},
    ),
}
_ALIASES = {"tmc2007": "tmc2007-500", "rcv1subset1500": "rcv1subset1"}


def list_benchmarks(*, with_split=False):
    """Return the names accepted by :func:`load_benchmark`.

    Parameters
    ----------
    with_split : bool, default=False
        Only the data sets that come with a predefined train/test split
        (``subset="train"`` and ``subset="test"``).

    Returns
    -------
    names : list of str
        The MULAN data sets the loader knows, in alphabetical order.

    Examples
    --------
    >>> from skmultilabel.datasets import list_benchmarks
    >>> list_benchmarks()[:3]
    ['bibtex', 'delicious', 'emotions']
    >>> "rcv1subset1" in list_benchmarks(with_split=True)
    False
    """
    return sorted(
        name for name, (_, _, files) in _BENCHMARKS.items()
        if not with_split or files is None or "test" in files
    )


def _candidate_dirs():
    """The default data directories, most specific first, with their origin."""
    candidates = []
    package_dir = Path(__file__).resolve().parent.parent  # .../skmultilabel
    checkout = package_dir.parent
    if (checkout / "pyproject.toml").is_file() or (checkout / "setup.cfg").is_file():
        candidates.append(
            (
                checkout.parent / "shared" / "datasets",
                "the source checkout's ../shared/datasets",
            )
        )
    cwd = Path.cwd()
    candidates.append(
        (
            cwd.parent / "shared" / "datasets",
            "../shared/datasets from the working directory",
        )
    )
    candidates.append((Path.home() / "skmultilabel_data", "~/skmultilabel_data"))
    return candidates


def get_data_dir(data_dir=None):
    """Return the folder that holds the benchmark data sets.

    The folder is resolved as the first of:

    1. ``data_dir`` when given;
    2. the environment variable ``SKMULTILABEL_DATA`` when set;
    3. ``../shared/datasets`` next to the source checkout the package is
       imported from (for a checkout at ``/work/main`` that is
       ``/work/shared/datasets``), when that folder exists;
    4. ``../shared/datasets`` relative to the current working directory
       (useful for an installed package run from a checkout), when it exists;
    5. ``~/skmultilabel_data``.

    The folder holds one sub-folder per data set (``emotions/``,
    ``yeast/``, ...), each with the MULAN files (``X-train.arff``,
    ``X-test.arff``, ``X.arff`` and the label file ``X.xml``).

    Parameters
    ----------
    data_dir : str or path-like, default=None
        An explicit folder; returned as is (with ``~`` expanded).

    Returns
    -------
    data_dir : pathlib.Path
        The folder (it may not exist when no candidate does).

    Examples
    --------
    >>> from skmultilabel.datasets import get_data_dir
    >>> str(get_data_dir("/data/mulan"))
    '/data/mulan'
    """
    return _resolve_data_dir(data_dir)[0]


def _resolve_data_dir(data_dir):
    if data_dir is not None:
        return Path(os.fspath(data_dir)).expanduser(), "the data_dir argument"
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser(), f"the environment variable {ENV_VAR}"
    candidates = _candidate_dirs()
    for folder, origin in candidates:
        if folder.is_dir():
            return folder, f"the default ({origin})"
    folder, origin = candidates[-1]
    return folder, f"the default ({origin}; no default folder exists)"


def _benchmark_paths(name, subset, data_dir):
    """The data set's key, ARFF and label files; raises FileNotFoundError
    (saying how to point the loader at the data) when one is missing."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {name!r}")
    key = _ALIASES.get(name.lower(), name.lower())
    if key not in _BENCHMARKS:
        raise ValueError(
            f"Unknown benchmark data set {name!r}; choose one of "
            f"{', '.join(list_benchmarks())}."
        )
    if subset not in ("train", "test", "all"):
        raise ValueError(f"subset must be 'train', 'test' or 'all', got {subset!r}")
    folder_name, xml_name, files = _BENCHMARKS[key]
    if files is None:
        files = {
            "train": f"{key}-train.arff",
            "test": f"{key}-test.arff",
            "all": f"{key}.arff",
        }
    if subset not in files:
        raise ValueError(
            f"The data set {key!r} has no predefined {subset!r} split; use "
            f"subset={next(iter(files))!r} and split it yourself (e.g. with "
            "skmultilabel.model_selection.MultilabelStratifiedShuffleSplit)."
        )
    root, origin = _resolve_data_dir(data_dir)
    folder = root / folder_name
    arff_path = folder / files[subset]
    xml_path = folder / xml_name
    for needed in (arff_path, xml_path):
        if not needed.is_file():
            raise FileNotFoundError(
                f"The file {needed.name!r} of the data set {key!r} was not found "
                f"in {folder} (data directory {root}, from {origin}). Set the "
                f"environment variable {ENV_VAR} or pass data_dir= to the folder "
                "that holds the MULAN data sets, one sub-folder per data set "
                f"(e.g. {ENV_VAR}=/path/to/datasets with "
                f"/path/to/datasets/{folder_name}/{files[subset]})."
            )
    return key, arff_path, xml_path


def load_benchmark(name, *, subset="train", data_dir=None, sparse=None, as_frame=False):
    """Load a MULAN multi-label benchmark data set.

    The data sets are read from ARFF files (see :func:`load_arff`), with the
    labels taken from the MULAN label file (so a stale MEKA ``-C`` option in
    ``@relation`` is ignored), in ARFF column order. Sparse files give a CSR
    ``data`` matrix. Nothing is downloaded: point ``data_dir`` (or the
    environment variable ``SKMULTILABEL_DATA``) at a folder holding the
    MULAN files, one sub-folder per data set; see :func:`get_data_dir` for
    the default.

    ============  =========  ==========  ========  ===========  ======
    name          n_samples  n_features  n_labels  cardinality  sparse
    ============  =========  ==========  ========  ===========  ======
    emotions      593        72          6         1.868        no
    yeast         2417       103         14        4.237        no
    scene         2407       294         6         1.074        no
    medical       978        1449        45        1.245        yes
    enron         1702       1001        53        3.378        yes
    bibtex        7395       1836        159       2.402        yes
    tmc2007-500   28596      500         22        2.158        yes
    delicious     16105      500         983       19.020       yes
    rcv1subset1   6000       500         101       2.880        yes
    ============  =========  ==========  ========  ===========  ======

    (``n_samples`` and cardinality of the union, ``subset="all"``.)

    Parameters
    ----------
    name : str
        The data set, one of :func:`list_benchmarks` (``"tmc2007"`` is
        accepted for ``"tmc2007-500"``).

    subset : {"train", "test", "all"}, default="train"
        The predefined MULAN training or test split, or their union.
        ``rcv1subset1`` has no predefined split: only ``"all"``.

    data_dir : str or path-like, default=None
        The folder holding the data sets; None resolves it as described in
        :func:`get_data_dir` (first the environment variable
        ``SKMULTILABEL_DATA``).

    sparse : bool, default=None
        Whether ``data`` is a CSR matrix; None keeps the file's format.

    as_frame : bool, default=False
        Whether ``data`` and ``target`` are pandas DataFrames (and ``frame``
        holds both). Requires pandas.

    Returns
    -------
    bunch : :class:`~sklearn.utils.Bunch`
        ``data`` (ndarray or CSR matrix, float64), ``target`` (int64 0/1
        ndarray of shape (n_samples, n_labels)), ``feature_names``,
        ``target_names``, ``feature_categories``, ``relation``, ``name``,
        ``subset``, ``filename`` and ``DESCR``.

    Raises
    ------
    ValueError
        For an unknown ``name`` or ``subset``.
    FileNotFoundError
        When a file is missing; the message names the folder searched and
        how to point the loader at the data.

    See Also
    --------
    load_arff : Load any multi-label ARFF file.

    Examples
    --------
    >>> from skmultilabel.datasets import load_benchmark
    >>> emotions = load_benchmark("emotions", subset="train")  # doctest: +SKIP
    >>> emotions.data.shape, emotions.target.shape  # doctest: +SKIP
    ((391, 72), (391, 6))
    """
    key, arff_path, xml_path = _benchmark_paths(name, subset, data_dir)
    bunch = load_arff(arff_path, xml=xml_path, sparse=sparse, as_frame=as_frame)
    bunch.name = key
    bunch.subset = subset
    bunch.filename = str(arff_path)
    bunch.DESCR = (
        f"MULAN benchmark {key!r} ({subset}): {bunch.data.shape[0]} samples, "
        f"{bunch.data.shape[1]} features, {len(bunch.target_names)} labels; "
        f"read from {arff_path}."
    )
    return bunch
