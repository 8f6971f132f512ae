"""Runner of the BOOMER peer (mlrl-boomer), executed inside its own venv.

``<venv>/bin/python benchmarks/peers/mlrl_boomer_runner.py JOB.json``

mlrl-boomer pins an older scikit-learn (through mlrl-common), so it lives in
its own venv made from ``mlrl_boomer.txt`` (the suite does this on first
use; see ``docs/benchmarks/index.rst``).

Settings: BOOMER's defaults (at most 1000 rules, its default loss, heads
and parallelism; see the note in ``_boomer``), fixed random_state.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.suite.protocol import run_job  # noqa: E402

MAX_RULES = 1000


def _boomer(random_state):
    from mlrl.boosting import BoomerClassifier

    # BOOMER's own parallelism is left at its defaults: with
    # parallel_rule_refinement, parallel_statistic_update and
    # parallel_prediction all "false", mlrl-boomer 0.12.3 crashes
    # (segmentation fault / heap corruption) on tmc2007-500.
    return BoomerClassifier(
        max_rules=MAX_RULES,
        # BOOMER requires random_state >= 1.
        random_state=random_state + 1,
    )


# The names must match benchmarks.suite.registry (a test checks it).
METHODS = {"BOOMER": _boomer}


def build(name, job):
    if name not in METHODS:
        raise KeyError(f"unknown mlrl-boomer method {name!r}")
    return METHODS[name](job.get("random_state", 0))


def versions():
    from importlib.metadata import version

    return {p: version(p) for p in ("mlrl-boomer", "scikit-learn", "numpy", "scipy")}


if __name__ == "__main__":
    sys.exit(run_job(sys.argv[1], build, versions))
