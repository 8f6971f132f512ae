"""Fast tests of the benchmark suite's own logic (``benchmarks/suite``).

They run methods of the project venv in worker subprocesses on tiny generated
data, and fake peers with small scripts; they never create a peer venv.
"""

import json
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, f1_score
from sklearn.metrics import hamming_loss as sk_hamming_loss

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.suite import (  # noqa: E402
    cli,
    data,
    metrics,
    protocol,
    registry,
    report,
    runner,
    venvs,
)
from benchmarks.suite.memory import PeakMemory  # noqa: E402


def _tiny_dataset(name="tiny"):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(120, 5))
    logits = X[:, :3] + 0.3 * rng.normal(size=(120, 3))
    Y = (logits > 0).astype(np.int64)
    return data.Dataset(name, X[:80], Y[:80], X[80:], Y[80:], "generated in the test")


# ------------------------------------------------------------------ registry
def test_registry_names_unique_and_complete():
    names = [m.name for m in registry.METHODS]
    assert len(names) == len(set(names))
    envs = {m.env for m in registry.METHODS}
    assert "project" in envs
    for m in registry.METHODS:
        if m.env == "project":
            assert m.factory is not None and m.requires, m.name
        else:
            # Every venv peer has its requirement file and runner script.
            assert (venvs.PEERS_DIR / f"{m.env}.txt").is_file(), m.name
            assert venvs.runner_script(m.env).is_file(), m.name


def test_peer_runner_names_match_registry():
    import importlib.util

    for env in {m.env for m in registry.METHODS if m.env != "project"}:
        spec = importlib.util.spec_from_file_location(
            f"_runner_{env}", venvs.runner_script(env)
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # imports nothing of the peer package
        expected = {m.name for m in registry.METHODS if m.env == env}
        assert set(module.METHODS) == expected


def test_available_project_methods_build_unfitted_estimators():
    available = registry.available_methods()
    # BinaryRelevance exists since the first release and the scikit-learn
    # peers always do.
    names = {m.name for m in available}
    assert {"BR", "sk-OvR", "sk-MOC", "sk-CC"} <= names
    for m in available:
        if m.env != "project":
            continue
        est = m.build(0)
        assert hasattr(est, "fit") and hasattr(est, "predict"), m.name
        assert not hasattr(est, "classes_"), m.name


def test_method_missing_class_is_left_out():
    ghost = registry.Method(
        "ghost", "skmultilabel", "project", "not written yet",
        lambda rs: registry.resolve("skmultilabel.DoesNotExist")(),
        ("skmultilabel.DoesNotExist",),
    )
    br = registry.get_method("BR")
    methods = [ghost, br]
    assert not ghost.available()
    assert registry.available_methods(methods) == [br]
    assert cli.select_methods(["ours"], methods) == [br]
    with pytest.raises(SystemExit, match="not available"):
        cli.select_methods(["ghost"], methods)
    with pytest.raises(KeyError, match="unknown method"):
        registry.get_method("nope", methods)


def test_select_methods_groups():
    ours = cli.select_methods(["ours"])
    peers = cli.select_methods(["peers"])
    assert ours and all(m.ours for m in ours)
    assert peers and not any(m.ours for m in peers)
    both = cli.select_methods(["BR", "ours"])
    assert both[0].name == "BR" and len(both) == len(ours)


# ------------------------------------------------------------------- metrics
@settings(deadline=None, max_examples=40)
@given(
    st.integers(1, 12), st.integers(2, 6), st.integers(0, 2**31 - 1),
    st.floats(0.0, 1.0),
)
def test_metrics_match_sklearn(n_samples, n_labels, seed, density):
    rng = np.random.RandomState(seed)
    Y = (rng.rand(n_samples, n_labels) < density).astype(int)
    P = (rng.rand(n_samples, n_labels) < density).astype(int)
    scores = metrics.score_all(Y, P)
    assert scores["hamming_loss"] == pytest.approx(sk_hamming_loss(Y, P))
    assert scores["subset_accuracy"] == pytest.approx(accuracy_score(Y, P))
    assert scores["example_f1"] == pytest.approx(
        f1_score(Y, P, average="samples", zero_division=1.0))
    assert scores["micro_f1"] == pytest.approx(
        f1_score(Y, P, average="micro", zero_division=0.0))
    assert scores["macro_f1"] == pytest.approx(
        f1_score(Y, P, average="macro", zero_division=0.0))


def test_metrics_reject_bad_input():
    with pytest.raises(ValueError, match="same shape"):
        metrics.hamming_loss(np.zeros((3, 2)), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="only 0 and 1"):
        metrics.micro_f1(np.array([[0, 2]]), np.array([[0, 1]]))


# ------------------------------------------------------- protocol and memory
@pytest.mark.parametrize("sparse", [False, True])
def test_dataset_roundtrip(tmp_path, sparse):
    ds = _tiny_dataset()
    X_train = sp.csr_matrix(ds.X_train) if sparse else ds.X_train
    protocol.save_dataset(tmp_path / "d.npz", X_train, ds.Y_train, ds.X_test)
    X2, Y2, Xt2 = protocol.load_dataset(tmp_path / "d.npz")
    assert sp.issparse(X2) == sparse
    np.testing.assert_allclose(X2.toarray() if sparse else X2, ds.X_train)
    np.testing.assert_array_equal(Y2, ds.Y_train)
    np.testing.assert_allclose(Xt2, ds.X_test)


def test_to_label_matrix():
    Y = protocol.to_label_matrix(sp.lil_matrix(np.eye(3, dtype=int)), 3, 3)
    assert Y.dtype == np.int8 and (Y == np.eye(3)).all()
    with pytest.raises(ValueError, match="expected"):
        protocol.to_label_matrix(np.zeros((3, 2)), 3, 3)
    with pytest.raises(ValueError, match="outside"):
        protocol.to_label_matrix(np.full((2, 2), 0.7), 2, 2)


def test_peak_memory_sees_an_allocation():
    with PeakMemory() as mem:
        block = np.ones(40 * 2**20 // 8)  # 40 MiB, touched
        del block
    assert mem.end_kib >= 35 * 1024
    with PeakMemory() as small:
        np.ones(1000)
    assert small.end_kib < 35 * 1024


# ------------------------------------------------------------- worker runs
def _save(tmp_path, ds):
    path = tmp_path / "data.npz"
    protocol.save_dataset(path, ds.X_train, ds.Y_train, ds.X_test)
    return path


def test_run_method_project_worker(tmp_path):
    ds = _tiny_dataset()
    row = runner.run_method(registry.get_method("BR"), _save(tmp_path, ds),
                            ds.Y_test, tmp_path, timeout=120)
    assert row["status"] == "ok", row
    assert 0 <= row["hamming_loss"] <= 1 and 0 <= row["micro_f1"] <= 1
    assert row["fit_seconds"] >= 0 and row["predict_seconds"] >= 0
    assert row["peak_mib"] >= 0
    assert row["versions"]["scikit-learn"]
    # The worker's predictions are the BR predictions.
    from skmultilabel import BinaryRelevance

    expected = registry.get_method("BR").build(0).fit(ds.X_train, ds.Y_train)
    assert isinstance(expected, BinaryRelevance)
    assert row["micro_f1"] == pytest.approx(
        metrics.micro_f1(ds.Y_test, expected.predict(ds.X_test)))


FAKE_PEER = """
import sys
sys.path.insert(0, {repo!r})
from benchmarks.suite.protocol import run_job

def build(name, job):
    {body}

sys.exit(run_job(sys.argv[1], build))
"""


def _fake_peer(tmp_path, body):
    script = tmp_path / "fake_runner.py"
    script.write_text(FAKE_PEER.format(repo=str(REPO), body=body))
    return [sys.executable, str(script)]


FAKE = registry.Method("fake-peer", "fakelib", "fake_env", "a peer that breaks")


def test_peer_that_raises_is_reported_failed(tmp_path):
    ds = _tiny_dataset()
    cmd = _fake_peer(tmp_path, "raise RuntimeError('peer broke on purpose')")
    row = runner.run_method(FAKE, _save(tmp_path, ds), ds.Y_test, tmp_path,
                            timeout=60, command=cmd)
    assert row["status"] == "failed"
    assert row["error"] == "RuntimeError: peer broke on purpose"
    assert row["package"] == "fakelib" and row["ours"] is False


def test_peer_that_crashes_is_reported_failed(tmp_path):
    ds = _tiny_dataset()
    cmd = _fake_peer(tmp_path, "print('about to die'); import os; os._exit(3)")
    row = runner.run_method(FAKE, _save(tmp_path, ds), ds.Y_test, tmp_path,
                            timeout=60, command=cmd)
    assert row["status"] == "failed"
    assert "exited with code 3" in row["error"] and "about to die" in row["error"]
    cmd = _fake_peer(tmp_path,
                     "import os, signal; os.kill(os.getpid(), signal.SIGKILL)")
    row = runner.run_method(FAKE, _save(tmp_path, ds), ds.Y_test, tmp_path,
                            timeout=60, command=cmd)
    assert row["status"] == "failed"
    assert row["error"].startswith("worker was killed by SIGKILL without a result")


def test_peer_that_hangs_times_out(tmp_path):
    ds = _tiny_dataset()
    cmd = _fake_peer(tmp_path, "import time; time.sleep(60)")
    row = runner.run_method(FAKE, _save(tmp_path, ds), ds.Y_test, tmp_path,
                            timeout=2, command=cmd)
    assert row["status"] == "failed" and row["error"] == "timeout after 2 s"


def test_peer_with_bad_predictions_is_reported_failed(tmp_path):
    ds = _tiny_dataset()
    body = ("import numpy as np\n"
            "    class Bad:\n"
            "        def fit(self, X, Y): return self\n"
            "        def predict(self, X): return np.zeros((len(X), 7))\n"
            "    return Bad()")
    cmd = _fake_peer(tmp_path, body)
    row = runner.run_method(FAKE, _save(tmp_path, ds), ds.Y_test, tmp_path,
                            timeout=60, command=cmd)
    assert row["status"] == "failed" and "shape" in row["error"]


def test_run_suite_reports_a_peer_venv_that_cannot_be_made(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "load_dataset",
                        lambda name, data_dir=None: _tiny_dataset(name))

    def no_venv(env, *, create=True, log=print):
        raise venvs.PeerEnvError("pip install failed (exit 1): no network")

    monkeypatch.setattr(venvs, "ensure_venv", no_venv)
    messages, saved = [], []
    rows, info = runner.run_suite(
        ["tiny"], [registry.get_method("BR"), FAKE], timeout=120,
        log=messages.append, workdir=tmp_path,
        on_dataset_done=lambda rows, info: saved.append(len(rows)),
    )
    assert saved == [2]
    assert [r["status"] for r in rows] == ["ok", "failed"]
    assert rows[1]["error"] == "venv: pip install failed (exit 1): no network"
    assert info["tiny"]["n_labels"] == 3
    assert any("[  2/2" in m and "FAILED" in m for m in messages)


def _round(fit, predict, peak, micro_f1=0.6, status="ok", error=None):
    row = {"method": "m", "ours": True, "status": status, "fit_seconds": fit,
           "predict_seconds": predict, "peak_mib": peak, "fit_peak_mib": peak,
           "wall_seconds": fit + predict + 1, "micro_f1": micro_f1,
           "hamming_loss": 0.1, "warnings": ""}
    if error is not None:
        row["error"] = error
    return row


def test_merge_rounds_takes_median_times_and_largest_peak():
    merged = runner.merge_rounds(
        [_round(3.0, 0.2, 10), _round(1.0, 0.4, 30), _round(2.0, 0.3, 20)]
    )
    assert merged["fit_seconds"] == 2.0 and merged["predict_seconds"] == 0.3
    assert merged["wall_seconds"] == 3.3
    assert merged["peak_mib"] == 30 and merged["fit_peak_mib"] == 30
    assert merged["rounds"] == 3
    assert merged["fit_seconds_rounds"] == "3.000 1.000 2.000"
    assert merged["micro_f1"] == 0.6 and merged["warnings"] == ""
    # one round alone is left as it is (but for the count)
    single = runner.merge_rounds([_round(3.0, 0.2, 10)])
    assert single["fit_seconds"] == 3.0 and single["rounds"] == 1
    # a failed round fails the method, and says which round
    failed = runner.merge_rounds(
        [_round(1.0, 0.1, 5), _round(0, 0, 0, status="failed", error="timeout")]
    )
    assert failed["status"] == "failed"
    assert failed["error"] == "round 2 of 2: timeout"
    # scores that change between rounds are flagged, the first kept
    varied = runner.merge_rounds([_round(1, 0.1, 5), _round(1, 0.1, 5, 0.7)])
    assert varied["micro_f1"] == 0.6
    assert "micro_f1 differed between rounds" in varied["warnings"]


def test_rotation_starts_each_round_with_the_next_method():
    methods = ["a", "b", "c"]
    assert [runner.rotation(methods, r) for r in range(4)] == [
        ["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"], ["a", "b", "c"],
    ]
    assert runner.rotation(("x",), 5) == ["x"]


def test_summarize_rounds_medians_times_and_maxes_peaks():
    rounds = [{"t": 3.0, "p": 10, "u": None}, {"t": 1.0, "p": 30},
              {"t": 2.0, "p": 20, "u": 4.0}]
    out = runner.summarize_rounds(rounds, times=("t", "u", "absent"), peaks=("p",))
    # "u" from the one round that has it; "absent" left out
    assert out == {"t": 2.0, "u": 4.0, "p": 30.0}
    # an even number of rounds: the mean of the two middle ones
    assert runner.summarize_rounds(rounds[:2], ("t",), ()) == {"t": 2.0}


def test_run_suite_repeats_rotate_the_order_and_merge(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "load_dataset",
                        lambda name, data_dir=None: _tiny_dataset(name))
    messages = []
    methods = [registry.get_method("BR"), registry.get_method("CC")]
    rows, _ = runner.run_suite(["tiny"], methods, timeout=120, repeats=2,
                               log=messages.append, workdir=tmp_path)
    runs = [m for m in messages if m.startswith("[")]
    assert [m.split("tiny")[1].split()[0] for m in runs] == ["BR", "CC", "CC", "BR"]
    assert runs[-1].startswith("[  4/4") and "round 2/2" in runs[-1]
    assert [r["method"] for r in rows] == ["BR", "CC"]
    for row in rows:
        assert row["status"] == "ok" and row["rounds"] == 2
        assert len(row["fit_seconds_rounds"].split()) == 2
    with pytest.raises(ValueError, match="repeats must be at least 1"):
        runner.run_suite(["tiny"], methods, repeats=0, log=messages.append,
                         workdir=tmp_path)
    with pytest.raises(SystemExit):
        cli.main(["run", "--repeats", "0"])


def test_run_suite_skips_unavailable_dataset(tmp_path, monkeypatch):
    def missing(name, data_dir=None):
        raise data.DatasetUnavailable("no such folder")

    monkeypatch.setattr(runner, "load_dataset", missing)
    rows, info = runner.run_suite(["gone"], [registry.get_method("BR")],
                                  log=lambda m: None, workdir=tmp_path)
    assert rows == [] and info == {"gone": {"skipped": "no such folder"}}


def test_run_refuses_a_data_dir_without_the_data_sets(tmp_path, capsys):
    # a wrong --data-dir used to skip every MULAN set, run the others and
    # exit 0, writing a results page without them
    assert data.unavailable_reason("synth-conditional", data_dir=tmp_path) is None
    reason = data.unavailable_reason("emotions", data_dir=tmp_path)
    assert "emotions-train.arff" in reason and str(tmp_path) in reason
    out = tmp_path / "out"
    with pytest.raises(SystemExit, match="1 of the 2 data sets cannot be loaded"
                       r"(.|\n)*emotions(.|\n)*--allow-missing"):
        cli.main(["run", "--data-dir", str(tmp_path), "--out-dir", str(out),
                  "--datasets", "emotions", "synth-conditional"])
    assert not out.exists()
    assert cli.main(["run", "--data-dir", str(tmp_path), "--out-dir", str(out),
                     "--datasets", "emotions", "--allow-missing",
                     "--no-plots"]) == 0
    assert "skipping data set emotions" in capsys.readouterr().out


# ------------------------------------------------------------------- report
def _row(dataset, method, ours, **values):
    base = {"dataset": dataset, "method": method, "ours": ours,
            "package": "skmultilabel" if ours else "peerlib", "env": "project",
            "status": "ok", "hamming_loss": 0.2, "subset_accuracy": 0.3,
            "example_f1": 0.5, "micro_f1": 0.6, "macro_f1": 0.5,
            "fit_seconds": 1.0, "predict_seconds": 0.1, "peak_mib": 10.0}
    base.update(values)
    return base


def _rows():
    return [
        _row("d1", "ours-a", True, micro_f1=0.7, fit_seconds=2.0),
        _row("d1", "peer-fast", False, fit_seconds=0.4, predict_seconds=0.1,
             micro_f1=0.5),
        _row("d1", "peer-good", False, macro_f1=0.9, fit_seconds=3.0),
        {"dataset": "d1", "method": "peer-broken", "ours": False,
         "package": "brokenlib", "env": "x", "status": "failed",
         "error": "ImportError: no module | named x"},
    ]


def test_ratios_against_fastest_peer():
    rows = report.add_ratios(_rows())
    assert all(r.get("fastest_peer") == "peer-fast" for r in rows)
    assert rows[0]["time_vs_fastest_peer"] == pytest.approx(2.1 / 0.5)
    assert rows[1]["time_vs_fastest_peer"] == pytest.approx(1.0)
    assert "time_vs_fastest_peer" not in rows[3]


def test_peer_wins_lists_each_metric_a_peer_wins():
    wins = report.peer_wins(_rows())
    won = {(w["metric"], w["peer"]) for w in wins}
    assert ("macro_f1", "peer-good") in won
    assert ("fit_seconds", "peer-fast") in won
    assert not any(w["metric"] == "micro_f1" for w in wins)
    macro = next(w for w in wins if w["metric"] == "macro_f1")
    assert macro["ours"] == "ours-a" and macro["ours_value"] == 0.5


def test_peer_wins_ignores_differences_the_table_rounds_away():
    rows = [r for r in _rows() if r["dataset"] == "d1"]
    peer = next(r for r in rows if r["method"] == "peer-good")
    ours = [r for r in rows if r["ours"]]
    best = max(r["macro_f1"] for r in ours)
    peer["macro_f1"] = best + 1e-4  # shown as the same 3 decimals
    assert not any(w["metric"] == "macro_f1" for w in report.peer_wins(rows))
    peer["macro_f1"] = best + 1e-2
    assert any(w["metric"] == "macro_f1" for w in report.peer_wins(rows))


def test_write_report_files(tmp_path):
    meta = {"command": "python -m benchmarks run --datasets d1",
            "started": "2026-01-01 00:00 UTC", "finished": "2026-01-01 00:01 UTC",
            "duration_minutes": 1.0, "machine": report.machine_info(),
            "versions": {"project": {"scikit-learn": "1.9"}},
            "datasets": {"d1": {"n_train": 8, "n_test": 4, "n_features": 2,
                                "n_labels": 2, "sparse": False, "cardinality": 1.0,
                                "source": "test"},
                         "d2": {"skipped": "files missing"}}}
    page = report.write_report(_rows(), meta, tmp_path, log=lambda m: None)
    text = page.read_text()
    assert "`python -m benchmarks run --datasets d1`" in text
    assert "| d1 | macro-F1 | peer-good | 0.900 | ours-a | 0.500 |" in text
    assert "peer-broken (brokenlib): `ImportError: no module \\| named x`" in text
    assert "* d2: files missing" in text
    assert "(plots/d1_metrics.png)" in text
    assert (tmp_path / "plots" / "d1_metrics.png").stat().st_size > 1000
    assert (tmp_path / "plots" / "d1_time_quality.png").stat().st_size > 1000
    rows = report.read_csv(tmp_path / "results.csv")
    assert [r["method"] for r in rows] == ["ours-a", "peer-fast", "peer-good",
                                           "peer-broken"]
    assert rows[0]["ours"] is True and rows[0]["micro_f1"] == 0.7
    assert rows[3]["status"] == "failed" and rows[3]["micro_f1"] is None
    assert json.loads((tmp_path / "run.json").read_text())["command"] == meta["command"]
    # The report subcommand re-renders the page from the CSV and run.json.
    page.unlink()
    assert cli.main(["report", "--out-dir", str(tmp_path)]) == 0
    assert page.read_text() == text


# --------------------------------------------------------------- venvs, CLI
def test_venvs_never_inside_repo(monkeypatch, tmp_path):
    monkeypatch.setenv("SKMULTILABEL_BENCH_VENVS", str(REPO / "venvs"))
    with pytest.raises(venvs.PeerEnvError, match="outside the repository"):
        venvs.venv_root()
    monkeypatch.setenv("SKMULTILABEL_BENCH_VENVS", str(tmp_path))
    assert venvs.venv_dir("mlrl_boomer") == tmp_path.resolve() / "mlrl_boomer"
    with pytest.raises(venvs.PeerEnvError, match="does not exist"):
        venvs.ensure_venv("mlrl_boomer", create=False)
    assert not (tmp_path / "mlrl_boomer").exists()


def test_requirements_pin_the_project_sklearn():
    import sklearn

    reqs = venvs.requirements("skmultilearn_ng")
    assert any(r.startswith("scikit-multilearn-ng") for r in reqs)
    assert f"scikit-learn=={sklearn.__version__}" in reqs
    with pytest.raises(venvs.PeerEnvError, match="no requirement file"):
        venvs.requirements("nope")


def test_cli_list_and_bad_dataset(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "emotions" in out and "BR" in out and "skml-MLkNN" in out
    with pytest.raises(SystemExit, match="unknown data set"):
        cli.main(["run", "--datasets", "bogus"])


def test_synthetic_dataset_split():
    ds = data.load_dataset("synth-conditional")
    assert ds.X_train.shape[0] == data.SYNTH_TRAIN
    assert ds.X_test.shape[0] == data.SYNTH_TEST
    assert ds.Y_train.shape[1] == data.SYNTH_LABELS
    with pytest.raises(ValueError, match="unknown data set"):
        data.load_dataset("bogus")
