"""Tests of skmultilabel.datasets: the ARFF reader and the MULAN loader."""

import os
import re
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import skmultilabel
from skmultilabel.datasets import (
    get_data_dir,
    list_benchmarks,
    load_arff,
    load_benchmark,
)

DATA_DIR = get_data_dir()
HAVE_DATA = (DATA_DIR / "emotions" / "emotions.xml").is_file()
needs_data = pytest.mark.skipif(
    not HAVE_DATA,
    reason=f"MULAN data sets not found in {DATA_DIR}; set SKMULTILABEL_DATA",
)

# The table of ../shared/datasets/README.md:
# (name, subset) -> (n_samples, n_features, n_labels, cardinality, sparse)
README_TABLE = {
    ("emotions", "train"): (391, 72, 6, 1.813, False),
    ("emotions", "test"): (202, 72, 6, 1.975, False),
    ("emotions", "all"): (593, 72, 6, 1.868, False),
    ("yeast", "train"): (1500, 103, 14, 4.228, False),
    ("yeast", "test"): (917, 103, 14, 4.252, False),
    ("yeast", "all"): (2417, 103, 14, 4.237, False),
    ("scene", "train"): (1211, 294, 6, 1.062, False),
    ("scene", "test"): (1196, 294, 6, 1.086, False),
    ("scene", "all"): (2407, 294, 6, 1.074, False),
    ("medical", "train"): (333, 1449, 45, 1.255, True),
    ("medical", "test"): (645, 1449, 45, 1.240, True),
    ("medical", "all"): (978, 1449, 45, 1.245, True),
    ("enron", "train"): (1123, 1001, 53, 3.386, True),
    ("enron", "test"): (579, 1001, 53, 3.363, True),
    ("enron", "all"): (1702, 1001, 53, 3.378, True),
    ("bibtex", "train"): (4880, 1836, 159, 2.380, True),
    ("bibtex", "test"): (2515, 1836, 159, 2.444, True),
    ("bibtex", "all"): (7395, 1836, 159, 2.402, True),
    ("tmc2007-500", "train"): (21519, 500, 22, 2.226, True),
    ("tmc2007-500", "test"): (7077, 500, 22, 1.952, True),
    ("tmc2007-500", "all"): (28596, 500, 22, 2.158, True),
    ("delicious", "train"): (12920, 500, 983, 19.047, True),
    ("delicious", "test"): (3185, 500, 983, 18.910, True),
    ("delicious", "all"): (16105, 500, 983, 19.020, True),
    ("rcv1subset1", "all"): (6000, 500, 101, 2.880, True),
}


def _write(tmp_path, text, name="data.arff"):
    path = tmp_path / name
    path.write_text(text)
    return path


# --------------------------------------------------------------------------
# The real data sets
# --------------------------------------------------------------------------


def test_table_covers_every_benchmark():
    assert sorted({name for name, _ in README_TABLE}) == list_benchmarks()
    # with_split: the sets the table lists with both a train and a test part
    split = sorted({name for name, subset in README_TABLE if subset == "test"
                    and (name, "train") in README_TABLE})
    assert list_benchmarks(with_split=True) == split
    assert 0 < len(split) < len(list_benchmarks())


@needs_data
@pytest.mark.parametrize("name, subset", sorted(README_TABLE))
def test_benchmark_matches_readme_table(name, subset):
    n_samples, n_features, n_labels, cardinality, sparse = README_TABLE[name, subset]
    bunch = load_benchmark(name, subset=subset)
    assert bunch.data.shape == (n_samples, n_features)
    assert bunch.target.shape == (n_samples, n_labels)
    assert sp.issparse(bunch.data) == sparse
    if sparse:
        assert bunch.data.format == "csr"
    assert bunch.target.dtype == np.int64
    assert set(np.unique(bunch.target)) <= {0, 1}
    assert bunch.target.sum(axis=1).mean() == pytest.approx(cardinality, abs=5e-4)
    assert len(bunch.feature_names) == n_features
    assert len(bunch.target_names) == n_labels
    assert not set(bunch.feature_names) & set(bunch.target_names)
    assert bunch.name == name and bunch.subset == subset


@needs_data
@pytest.mark.parametrize("name", ["emotions", "medical", "enron"])
def test_benchmark_agrees_with_liac_arff(name):
    arff = pytest.importorskip("arff")
    bunch = load_benchmark(name, subset="train")
    with open(bunch.filename) as handle:
        sparse = sp.issparse(bunch.data)
        ref = arff.load(
            handle,
            return_type=arff.COO if sparse else arff.DENSE,
            encode_nominal=True,
        )
    names = [a[0] for a in ref["attributes"]]
    if sparse:
        values, rows, cols = ref["data"]
        full = sp.coo_matrix(
            (np.asarray(values, dtype=float), (rows, cols)),
            shape=(bunch.target.shape[0], len(names)),
        ).toarray()
    else:
        full = np.asarray(ref["data"], dtype=float)
    feat = [names.index(n) for n in bunch.feature_names]
    lab = [names.index(n) for n in bunch.target_names]
    X = bunch.data.toarray() if sparse else bunch.data
    np.testing.assert_array_equal(X, full[:, feat])
    np.testing.assert_array_equal(bunch.target, full[:, lab])
    # MULAN: the labels are the trailing block, in ARFF order.
    assert lab == list(range(len(names) - len(lab), len(names)))


@needs_data
def test_yeast_labels_follow_arff_order_not_xml_order():
    bunch = load_benchmark("yeast", subset="test")
    xml_text = (DATA_DIR / "yeast" / "yeast.xml").read_text()
    xml_order = re.findall(r'name="([^"]+)"', xml_text)
    assert sorted(xml_order) == sorted(bunch.target_names)
    assert list(xml_order) != list(bunch.target_names)  # the trap is real
    assert list(bunch.target_names) == [f"Class{i}" for i in range(1, 15)]


@needs_data
def test_medical_stale_meka_option(tmp_path):
    path = DATA_DIR / "medical" / "medical-train.arff"
    assert "-C 45" in path.read_text()[:200]
    with_xml = load_arff(path, xml=DATA_DIR / "medical" / "medical.xml")
    auto = load_arff(path)  # finds medical.xml next to the file
    np.testing.assert_array_equal(auto.target, with_xml.target)
    assert all(n.startswith("Class-") for n in with_xml.target_names)
    assert with_xml.target.sum(axis=1).mean() == pytest.approx(1.255, abs=5e-4)
    # Without the label file, the MEKA option is all there is: the first 45
    # attributes become the labels, which is why the .xml must win.
    alone = _write(tmp_path, path.read_text(), "lonely.arff")
    meka = load_arff(alone)
    assert not any(n.startswith("Class-") for n in meka.target_names)
    assert meka.target.shape == (333, 45)


@needs_data
def test_delicious_quoted_name_and_empty_rows():
    bunch = load_benchmark("delicious", subset="all")
    assert "TAG_m\\'usica" in set(bunch.target_names)
    assert "TAG_musica" in set(bunch.target_names)
    assert int((bunch.target.sum(axis=1) == 0).sum()) == 14


@needs_data
def test_benchmark_union_is_train_plus_test():
    parts = [load_benchmark("medical", subset=s) for s in ("train", "test", "all")]
    rows = [
        sorted(
            map(
                tuple,
                np.hstack([p.data.toarray(), p.target]).astype(np.int8).tolist(),
            )
        )
        for p in parts
    ]
    assert sorted(rows[0] + rows[1]) == rows[2]


@needs_data
def test_benchmark_as_frame_and_sparse_option():
    pd = pytest.importorskip("pandas")
    bunch = load_benchmark("emotions", subset="test", as_frame=True)
    assert isinstance(bunch.frame, pd.DataFrame)
    assert bunch.frame.shape == (202, 78)
    assert list(bunch.target.columns) == list(bunch.target_names)
    dense = load_benchmark("medical", subset="train", sparse=False)
    sparse = load_benchmark("medical", subset="train")
    assert isinstance(dense.data, np.ndarray)
    np.testing.assert_array_equal(dense.data, sparse.data.toarray())
    as_csr = load_benchmark("emotions", subset="test", sparse=True)
    assert as_csr.data.format == "csr"


# --------------------------------------------------------------------------
# load_benchmark errors and the data directory
# --------------------------------------------------------------------------


def test_unknown_name_and_subset():
    with pytest.raises(
        ValueError, match="Unknown benchmark data set 'corel5k'.*emotions"
    ):
        load_benchmark("corel5k")
    with pytest.raises(ValueError, match="subset must be"):
        load_benchmark("emotions", subset="validation")
    with pytest.raises(ValueError, match="no predefined 'train' split"):
        load_benchmark("rcv1subset1", subset="train", data_dir="/nonexistent")


def test_missing_file_names_directory_and_env_var(tmp_path, monkeypatch):
    monkeypatch.setenv("SKMULTILABEL_DATA", str(tmp_path))
    with pytest.raises(FileNotFoundError) as info:
        load_benchmark("emotions")
    message = str(info.value)
    assert str(tmp_path / "emotions") in message
    assert "SKMULTILABEL_DATA" in message and "data_dir=" in message
    assert "environment variable SKMULTILABEL_DATA" in message


def test_data_dir_resolution(tmp_path, monkeypatch):
    monkeypatch.setenv("SKMULTILABEL_DATA", str(tmp_path / "env"))
    assert get_data_dir() == tmp_path / "env"
    assert get_data_dir(tmp_path / "arg") == tmp_path / "arg"
    monkeypatch.delenv("SKMULTILABEL_DATA")
    assert get_data_dir().name in ("datasets", "skmultilabel_data")
    checkout = Path(skmultilabel.__file__).resolve().parents[1]
    beside = checkout.parent / "shared" / "datasets"
    if (checkout / "pyproject.toml").is_file() and beside.is_dir():
        assert get_data_dir() == beside
    # An installed package (no checkout around it) run from a checkout:
    # ../shared/datasets relative to the working directory, else ~.
    import skmultilabel.datasets._benchmark as bench

    site = tmp_path / "site-packages" / "skmultilabel" / "datasets"
    monkeypatch.setattr(bench, "__file__", str(site / "_benchmark.py"))
    (tmp_path / "repo").mkdir()
    monkeypatch.chdir(tmp_path / "repo")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert get_data_dir() == tmp_path / "home" / "skmultilabel_data"
    (tmp_path / "shared" / "datasets").mkdir(parents=True)
    assert get_data_dir() == tmp_path / "shared" / "datasets"
    with pytest.raises(FileNotFoundError, match="skmultilabel_data|shared"):
        load_benchmark("yeast")


def test_data_dir_argument_loads(tmp_path):
    folder = tmp_path / "emotions"
    folder.mkdir()
    _write(
        folder,
        "@relation e\n@attribute f numeric\n@attribute a {0,1}\n"
        "@attribute b {0,1}\n@data\n1.5,1,0\n2,0,1\n",
        "emotions-test.arff",
    )
    _write(
        folder, '<labels><label name="b"/><label name="a"/></labels>', "emotions.xml"
    )
    bunch = load_benchmark("emotions", subset="test", data_dir=tmp_path)
    np.testing.assert_array_equal(bunch.target, [[1, 0], [0, 1]])
    assert list(bunch.target_names) == ["a", "b"]


# --------------------------------------------------------------------------
# load_arff on small files
# --------------------------------------------------------------------------

MEKA = """% a comment
@relation 'scene: -C 3 -split'

@attribute beach {0,1}
@attribute 'sun set' {0,1}
@attribute "it's" {0,1}
@attribute 'red \\'level\\'' numeric
@attribute sky {clear,cloudy,'very dark'}
@attribute count integer

@data
1,0,1,0.5,cloudy,3
0,0,0,?,'very dark',-1
% a comment in the data
0,1,0,2e3,clear,0
"""


def test_meka_labels_first_and_quoted_names(tmp_path):
    bunch = load_arff(_write(tmp_path, MEKA))
    assert list(bunch.target_names) == ["beach", "sun set", "it's"]
    assert list(bunch.feature_names) == ["red 'level'", "sky", "count"]
    np.testing.assert_array_equal(bunch.target, [[1, 0, 1], [0, 0, 0], [0, 1, 0]])
    np.testing.assert_array_equal(
        bunch.data, [[0.5, 1, 3], [np.nan, 2, -1], [2000, 0, 0]]
    )
    assert bunch.feature_categories == {"sky": ("clear", "cloudy", "very dark")}
    assert bunch.relation == "scene: -C 3 -split"


def test_meka_negative_c_means_labels_last(tmp_path):
    text = (
        "@relation 'x: -C -2'\n@attribute f numeric\n@attribute a {0,1}\n"
        "@attribute b {0,1}\n@data\n0.5,1,0\n"
    )
    bunch = load_arff(_write(tmp_path, text))
    assert list(bunch.target_names) == ["a", "b"]


def test_label_choice_options(tmp_path):
    path = _write(tmp_path, MEKA)
    by_count = load_arff(path, n_labels=2, label_location="start")
    assert list(by_count.target_names) == ["beach", "sun set"]
    by_name = load_arff(path, label_names=["it's", "beach"])
    assert list(by_name.target_names) == ["beach", "it's"]  # ARFF order
    xml = _write(
        tmp_path,
        '<?xml version="1.0"?>\n<labels xmlns="http://mulan.'
        'sourceforge.net/labels"><label name="sun set"><label name="beach">'
        "</label></label></labels>",
        "labels.xml",
    )
    by_xml = load_arff(path, xml=xml)  # the xml wins over -C 3
    assert list(by_xml.target_names) == ["beach", "sun set"]
    with pytest.raises(ValueError, match="not attributes.*'nope'"):
        load_arff(path, label_names=["nope"])
    with pytest.raises(ValueError, match="either label_names or xml"):
        load_arff(path, label_names=["beach"], xml=xml)
    with pytest.raises(ValueError, match="label_location"):
        load_arff(path, n_labels=1, label_location="middle")
    with pytest.raises(ValueError, match="n_labels=6 must be in 1..5"):
        load_arff(path, n_labels=6)


def test_no_label_information_is_an_error(tmp_path):
    path = _write(
        tmp_path, "@relation r\n@attribute a {0,1}\n@attribute b {0,1}\n@data\n0,1\n"
    )
    with pytest.raises(ValueError, match="cannot tell which attributes are labels"):
        load_arff(path)
    assert load_arff(path, n_labels=1).target.tolist() == [[1]]


SPARSE = """@relation 'sparse: -C -2'
@attribute w1 {0,1}
@attribute w2 numeric
@attribute colour {red,green,blue}
@attribute l1 {0,1}
@attribute l2 {0,1}
@data
{1 0.25,2 blue,3 1}
{}
{ 0 1 , 4 1 }
{2 'green'}
"""


def test_sparse_rows(tmp_path):
    bunch = load_arff(_write(tmp_path, SPARSE))
    assert sp.isspmatrix_csr(bunch.data) or bunch.data.format == "csr"
    np.testing.assert_array_equal(
        bunch.data.toarray(), [[0, 0.25, 2], [0, 0, 0], [1, 0, 0], [0, 0, 1]]
    )
    np.testing.assert_array_equal(bunch.target, [[1, 0], [0, 0], [0, 1], [0, 0]])
    dense = load_arff(_write(tmp_path, SPARSE, "b.arff"), sparse=False)
    np.testing.assert_array_equal(dense.data, bunch.data.toarray())


def test_gzip_file(tmp_path):
    import gzip

    path = tmp_path / "x.arff.gz"
    with gzip.open(path, "wt") as handle:
        handle.write(SPARSE)
    assert load_arff(path).target.sum() == 2


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("@relation r\n@attrib a {0,1}\n@data\n", 2, "bad header line"),
        ("@relation r\n@attribute a {0,1\n@data\n", 2, "closing brace"),
        ("@relation r\n@attribute s string\n@attribute a {0,1}\n@data\n", 2, "string"),
        ("@relation r\n@attribute a {0,1}\n@attribute b {0,1}\n", None, "no @data"),
        (
            "@relation r\n@attribute x numeric\n@attribute a {0,1}\n"
            "@data\n1,0\n2,1,0\n",
            6,
            "3 values, expected 2",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute a {0,1}\n@data\n1,0\n2,2\n",
            6,
            "label 'a' has value '2', not 0 or 1",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute a numeric\n"
            "@data\n1,0\n\n2,0.5\n",
            7,
            "label 'a' has value '0.5', not 0 or 1",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute a {0,1}\n@data\n1,?\n",
            5,
            "label 'a' has value '?'",
        ),
        (
            "@relation r\n@attribute x {u,v}\n@attribute a {0,1}\n@data\nu,1\nw,0\n",
            6,
            "nominal attribute 'x' has value 'w'",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute a {0,1}\n@data\nabc,1\n",
            5,
            "numeric attribute 'x' has value 'abc'",
        ),
        # 'nan' and 'inf' are refused on the fast all-numeric path too
        (
            "@relation r\n@attribute x numeric\n@attribute a numeric\n"
            "@data\n1,0\nnan,1\n",
            6,
            "numeric attribute 'x' has value 'nan'",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute a numeric\n"
            "@data\n1,0\nInfinity,1\n",
            6,
            "numeric attribute 'x' has value 'Infinity'",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute a {0,1}\n@data\n{0 1,1}\n",
            5,
            "sparse entry",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute a {0,1}\n@data\n{0 1,7 1}\n",
            5,
            "sparse index '7'",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute a {0,1}\n"
            "@data\n{0 1,1 1},{3}\n",
            5,
            "instance weights",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute a {yes,no}\n@data\n1,yes\n",
            3,
            "must be declared {0,1}",
        ),
        (
            "@relation r\n@attribute x numeric\n@attribute x {0,1}\n@data\n1,1\n",
            3,
            "repeats",
        ),
        ("@relation r\n@attribute 'x numeric\n@data\n", 2, "unterminated"),
    ],
)
def test_malformed_files_name_the_line(tmp_path, text, line, message):
    path = _write(tmp_path, text)
    with pytest.raises(ValueError) as info:
        load_arff(path, n_labels=1)
    assert message in str(info.value)
    if line is not None:
        assert f"line {line}:" in str(info.value)


def test_sparse_file_never_densified(tmp_path):
    n_rows, n_features = 1000, 50_000  # dense: 400 MB of float64
    rng = np.random.default_rng(0)
    lines = [f"@attribute f{j} numeric" for j in range(n_features)]
    rows = []
    for _ in range(n_rows):
        cols = np.sort(rng.choice(n_features, 5, replace=False))
        rows.append("{" + ",".join(f"{c} 1" for c in cols) + f",{n_features} 1" + "}")
    text = (
        "@relation big\n"
        + "\n".join(lines)
        + "\n@attribute lab {0,1}\n@data\n"
        + "\n".join(rows)
        + "\n"
    )
    path = _write(tmp_path, text)
    tracemalloc.start()
    try:
        bunch = load_arff(path, n_labels=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert bunch.data.shape == (n_rows, n_features)
    assert bunch.data.nnz == 5 * n_rows
    assert bunch.target.sum() == n_rows
    assert peak < 80e6  # far below the 400 MB of a dense matrix


def _as_arff(X, Y, sparse):
    lines = ["@relation 'prop'"]
    lines += [f"@attribute f{j} numeric" for j in range(X.shape[1])]
    lines += [f"@attribute 'l {j}' {{0,1}}" for j in range(Y.shape[1])]
    lines.append("@data")
    for x, y in zip(X, Y, strict=True):
        values = [repr(float(v)) for v in x] + [str(int(v)) for v in y]
        if sparse:
            lines.append(
                "{"
                + ",".join(f"{j} {v}" for j, v in enumerate(values) if float(v) != 0)
                + "}"
            )
        else:
            lines.append(",".join(values))
    return "\n".join(lines) + "\n"


@settings(deadline=None, max_examples=25)
@given(
    n=st.integers(1, 8),
    d=st.integers(1, 4),
    q=st.integers(1, 4),
    seed=st.integers(0, 2**16),
    sparse=st.booleans(),
)
def test_roundtrip_property(tmp_path_factory, n, d, q, seed, sparse):
    rng = np.random.default_rng(seed)
    X = np.where(rng.random((n, d)) < 0.5, 0.0, rng.normal(size=(n, d)))
    Y = (rng.random((n, q)) < 0.4).astype(np.int64)
    path = tmp_path_factory.mktemp("rt") / "x.arff"
    path.write_text(_as_arff(X, Y, sparse))
    bunch = load_arff(path, n_labels=q)
    assert sp.issparse(bunch.data) == sparse
    data = bunch.data.toarray() if sparse else bunch.data
    np.testing.assert_array_equal(data, X)
    np.testing.assert_array_equal(bunch.target, Y)
    assert list(bunch.target_names) == [f"l {j}" for j in range(q)]


def test_as_frame_small(tmp_path):
    pd = pytest.importorskip("pandas")
    bunch = load_arff(_write(tmp_path, SPARSE), as_frame=True)
    assert isinstance(bunch.frame, pd.DataFrame)
    assert list(bunch.frame.columns) == ["w1", "w2", "colour", "l1", "l2"]
    assert bunch.target.to_numpy().tolist() == [[1, 0], [0, 0], [0, 1], [0, 0]]


def test_path_like_and_n_labels_type(tmp_path):
    path = _write(tmp_path, SPARSE)
    assert load_arff(os.fspath(path)).target.shape == (4, 2)
    with pytest.raises(TypeError, match="n_labels must be an int"):
        load_arff(path, n_labels=1.5)


def test_nominal_codes_follow_declared_order_dense_and_sparse(tmp_path):
    header = (
        "@relation r\n@attribute level {2,0,1}\n@attribute x numeric\n"
        "@attribute lab {0,1}\n@data\n"
    )
    dense = load_arff(_write(tmp_path, header + "2,1.5,1\n0,2,0\n1,3,1\n"), n_labels=1)
    sparse = load_arff(
        _write(tmp_path, header + "{1 1.5,2 1}\n{0 0,1 2}\n{0 1,1 3,2 1}\n", "s.arff"),
        n_labels=1,
    )
    # '2' is the first declared value: code 0, and the omitted sparse value.
    np.testing.assert_array_equal(dense.data, [[0, 1.5], [1, 2], [2, 3]])
    np.testing.assert_array_equal(sparse.data.toarray(), dense.data)
    np.testing.assert_array_equal(dense.target, [[1], [0], [1]])
    np.testing.assert_array_equal(sparse.target, dense.target)
    assert dense.feature_categories == {"level": ("2", "0", "1")}
    with pytest.raises(
        ValueError, match="line 7: nominal attribute 'level' has value '3'"
    ):
        load_arff(_write(tmp_path, header + "2,1.5,1\n3,2,0\n", "bad.arff"), n_labels=1)
