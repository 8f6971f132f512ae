"""Peak resident memory of a block of code, comparable across processes.

Every method of the suite is fitted in its own worker process (in the project
venv or in a peer venv), so the natural measure is the process's resident set
size (RSS): it counts what NumPy, scikit-learn, LightGBM's and BOOMER's C++
code allocate alike, which :mod:`tracemalloc` (Python allocations only) does
not. :class:`PeakMemory` reports the highest RSS reached inside the block
minus the RSS at its start (the interpreter, the imports and the loaded data
are thus not counted).

On Linux the kernel's high-water mark ``VmHWM`` is reset at the start of the
block by writing ``5`` to ``/proc/self/clear_refs`` (Linux >= 4.0), so the
peak is exact up to page granularity. Where that is not possible the
process-lifetime maximum ``ru_maxrss`` is used instead, which can only
overestimate the peak of the block (it may include an earlier, higher peak);
:attr:`PeakMemory.method` says which measure was used.

This module uses the standard library only: it runs inside the peer venvs too.
"""

import gc
import sys

__all__ = ["PeakMemory", "current_rss_kib"]


def _status_kib(field):
    """A ``kB`` field of ``/proc/self/status`` (Linux), or None."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _maxrss_kib():
    import resource

    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    return value // 1024 if sys.platform == "darwin" else value


def current_rss_kib():
    """The current resident set size of this process in KiB (or None)."""
    return _status_kib("VmRSS")


def _reset_high_water_mark():
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return False
    return _status_kib("VmHWM") is not None


class PeakMemory:
    """Context manager measuring the peak RSS of its block above the start.

    Attributes
    ----------
    start_kib : int or None
        RSS at the start of the block.
    method : str
        ``"VmHWM"`` (high-water mark reset at the start: exact) or
        ``"ru_maxrss"`` (process-lifetime maximum: an upper bound).

    Examples
    --------
    >>> with PeakMemory() as mem:
    ...     block = bytearray(50 * 2**20)
    ...     block[::4096] = b"x" * len(block[::4096])
    >>> mem.peak_kib() >= 40 * 1024
    True
    """

    def __enter__(self):
        gc.collect()
        self.start_kib = current_rss_kib()
        if _reset_high_water_mark():
            self.method = "VmHWM"
            # The reset sets VmHWM to the current RSS.
            self.start_kib = _status_kib("VmHWM")
        else:
            self.method = "ru_maxrss"
            if self.start_kib is None:
                self.start_kib = _maxrss_kib()
        return self

    def peak_kib(self):
        """The peak RSS since entry, minus the RSS at entry, in KiB.

        May be called inside the block (peak so far) or after it.
        """
        if self.method == "VmHWM":
            peak = _status_kib("VmHWM")
        else:
            peak = _maxrss_kib()
        if peak is None or self.start_kib is None:
            return float("nan")
        return max(0, peak - self.start_kib)

    def __exit__(self, *exc):
        self.end_kib = self.peak_kib()
        return False
