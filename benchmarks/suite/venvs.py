"""The peer virtual environments, created on first use outside the repository.

A peer that cannot share the project's venv (scikit-multilearn-ng installs
the module ``skmultilearn`` like scikit-multilearn; mlrl-boomer pins an older
scikit-learn) runs in its own venv::

    <root>/<env>/        root = $SKMULTILABEL_BENCH_VENVS
                         or ~/.cache/skmultilabel-bench/venvs

made with ``python -m venv`` from the interpreter running the suite and
``pip install -r benchmarks/peers/<env>.txt`` (plus the pins of
:data:`EXTRA_PINS`) from PyPI. A marker file records the hash of the
requirements; the venv is rebuilt when they change. The venvs are never
created inside the repository.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = [
    "PEERS_DIR",
    "REPO_ROOT",
    "PeerEnvError",
    "ensure_venv",
    "requirements",
    "venv_dir",
    "venv_root",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
PEERS_DIR = REPO_ROOT / "benchmarks" / "peers"
MARKER = ".skmultilabel-bench"
INSTALL_TIMEOUT = 1200


def _same_sklearn():
    import sklearn

    return [f"scikit-learn=={sklearn.__version__}"]


# Pins added to the requirement file of a venv, computed from the project venv:
# scikit-multilearn-ng gets the same scikit-learn (same base learner code).
EXTRA_PINS = {"skmultilearn_ng": _same_sklearn}


class PeerEnvError(RuntimeError):
    """A peer venv could not be created (the message says why)."""


def venv_root():
    """The folder holding the peer venvs (outside the repository)."""
    root = os.environ.get("SKMULTILABEL_BENCH_VENVS")
    if not root:
        root = Path.home() / ".cache" / "skmultilabel-bench" / "venvs"
    root = Path(root)
    root = root.expanduser().resolve()
    if root == REPO_ROOT or REPO_ROOT in root.parents:
        raise PeerEnvError(
            f"the peer venvs must live outside the repository, got {root}"
        )
    return root


def venv_dir(env):
    return venv_root() / env


def venv_python(env):
    return venv_dir(env) / "bin" / "python"


def runner_script(env):
    return PEERS_DIR / f"{env}_runner.py"


def requirements(env):
    """The requirement lines of a peer venv (file + extra pins)."""
    path = PEERS_DIR / f"{env}.txt"
    if not path.is_file():
        raise PeerEnvError(f"no requirement file {path}")
    lines = [
        line.split("#", 1)[0].strip() for line in path.read_text().splitlines()
    ]
    lines = [line for line in lines if line]
    if env in EXTRA_PINS:
        lines += EXTRA_PINS[env]()
    return lines


def _key(env):
    text = "\n".join(requirements(env)) + f"\npython {sys.version_info[:2]}"
    return hashlib.sha256(text.encode()).hexdigest()


def is_ready(env):
    """Whether the venv exists with the current requirements."""
    marker = venv_dir(env) / MARKER
    return marker.is_file() and marker.read_text().strip() == _key(env)


def ensure_venv(env, *, create=True, log=print):
    """The Python interpreter of the peer venv ``env``, creating it if needed.

    Raises
    ------
    PeerEnvError
        When the venv is missing and ``create`` is False, or its creation or
        installation fails (the message holds the tail of pip's output).
    """
    python = venv_python(env)
    if is_ready(env):
        return python
    if not create:
        raise PeerEnvError(
            f"the venv {venv_dir(env)} does not exist (run without "
            "--no-create-venvs to create it)"
        )
    target = venv_dir(env)
    reqs = requirements(env)
    log(f"creating the peer venv {target} ({' '.join(reqs)}); this runs once")
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    base = getattr(sys, "_base_executable", sys.executable)
    steps = [
        [base, "-m", "venv", str(target)],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         *reqs],
    ]
    for cmd in steps:
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT
            )
        except subprocess.TimeoutExpired as exc:
            raise PeerEnvError(
                f"{' '.join(cmd[:4])} timed out after {INSTALL_TIMEOUT} s"
            ) from exc
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
            raise PeerEnvError(
                f"{' '.join(cmd[:4])} failed (exit {proc.returncode}): "
                + " | ".join(tail)
            )
    (target / MARKER).write_text(_key(env) + "\n")
    return python
