"""The demo behind ``make demo`` runs and prints a complete table."""

import numpy as np
import pytest

from skmultilabel import demo


def test_demo_prints_every_method_and_metric(capsys):
    rows = demo.main(["--n-samples", "300", "--n-labels", "4"])
    out = capsys.readouterr().out
    names = [name for name, _ in demo.methods()]
    assert [name for name, _ in rows] == names
    for name in names:
        assert name in out
    assert "Best in this run:" in out
    for column in list(demo.METRICS) + ["fit s", "predict s"]:
        assert column in out
    for _, row in rows:
        assert 0 <= row["Hamming loss"] <= 1 and 0 <= row["F1 micro"] <= 1
        assert np.isfinite(row["fit s"])


def test_demo_names_the_best_method_of_each_metric(capsys):
    rows = [
        ("a", {"Hamming loss": 0.2, "subset acc": 0.5, "F1 micro": 0.7,
               "F1 macro": 0.6, "F1 samples": 0.6}),
        ("b", {"Hamming loss": 0.1, "subset acc": 0.4, "F1 micro": 0.7,
               "F1 macro": 0.5, "F1 samples": 0.65}),
    ]
    best = demo.best_methods(rows)
    assert best == {"Hamming loss": ["b"], "subset acc": ["a"],
                    "F1 micro": ["a", "b"], "F1 macro": ["a"], "F1 samples": ["b"]}


@pytest.mark.parametrize("argv", [["--n-labels", "1"], ["--n-samples", "10"]])
def test_demo_refuses_settings_it_cannot_score(argv, capsys):
    with pytest.raises(SystemExit):
        demo.main(argv)
    assert "must be at least" in capsys.readouterr().err
