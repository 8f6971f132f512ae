"""The demo behind ``make demo`` runs and prints a complete table."""

import numpy as np

from skmultilabel import demo


def test_demo_prints_every_method_and_metric(capsys):
    rows = demo.main(["--n-samples", "300", "--n-labels", "4"])
    out = capsys.readouterr().out
    names = [name for name, _ in demo.methods()]
    assert [name for name, _ in rows] == names
    for name in names:
        assert name in out
    for column in list(demo.METRICS) + ["fit s", "predict s"]:
        assert column in out
    for _, row in rows:
        assert 0 <= row["Hamming loss"] <= 1 and 0 <= row["F1 micro"] <= 1
        assert np.isfinite(row["fit s"])
