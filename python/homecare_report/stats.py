"""Statistics over replicates: percentile bands, policy differences, financial years, ranks.

Intervals here are 90% ranges of the simulated outcomes across replicates (5th to 95th
percentile): how much the result varies from one simulated future to another. They do not include
uncertainty in the model's parameters, which sensitivity runs address.

A difference between two variants is computed as ``pairing`` allows. Paired: replicate i minus
replicate i over the common replicates; the median and 90% interval of those differences.
Unpaired (runs that share no random numbers): the difference of the two medians, with the 90%
interval of every replicate of one minus every replicate of the other ("all pairs"): the spread of
the gap between one simulated future of each. That interval has the same meaning as a paired one
(9 in 10 comparisons of single futures fall inside) and is wider, as it should be, because chance
is no longer shared; a bootstrap interval of the difference of medians was not used, since it
shrinks with more replicates and would call tiny differences "clear".
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from . import metrics
from .loading import Variant
from .pairing import Pairing, pairing

LOW, HIGH = 5.0, 95.0          # the 90% interval
Q_LOW, Q_HIGH = 25.0, 75.0     # the 50% band


@dataclass(frozen=True)
class Estimate:
    """Median and 90% interval of a set of replicate samples."""

    median: float
    low: float
    high: float
    n: int

    @property
    def clear(self) -> bool:
        """True when the interval lies wholly on one side of zero."""
        return self.low > 0 or self.high < 0


@dataclass(frozen=True)
class Difference:
    """A policy minus the baseline: samples per replicate pair (every pair when unpaired), the
    estimate (module docstring) and how the two were compared."""

    key: str
    samples: np.ndarray
    estimate: Estimate
    pairing: Pairing

    @property
    def paired(self) -> bool:
        return self.pairing.paired


def estimate(samples) -> Estimate:
    """Median and 5th/95th percentiles, ignoring NaN; NaN everywhere when nothing is left."""
    x = np.asarray(samples, dtype=float).reshape(-1)
    x = x[np.isfinite(x)]
    if x.size == 0:
        return Estimate(np.nan, np.nan, np.nan, 0)
    lo, med, hi = np.percentile(x, [LOW, 50.0, HIGH])
    return Estimate(float(med), float(lo), float(hi), int(x.size))


def bands(series: np.ndarray) -> dict[str, np.ndarray]:
    """Per-month percentiles of a [replicates, months] array: keys p5, p25, p50, p75, p95."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN months stay NaN
        q = np.nanpercentile(series, [LOW, Q_LOW, 50.0, Q_HIGH, HIGH], axis=0)
    return dict(zip(("p5", "p25", "p50", "p75", "p95"), q))


def policy_mask(v: Variant) -> np.ndarray:
    """Boolean mask of the months in the policy period (from the switch month on)."""
    return np.array([m >= v.source.policy_start for m in v.months], dtype=bool)


def period_values(v: Variant, key: str) -> tuple[np.ndarray, str] | None:
    """One figure per replicate for the whole policy period, and where it came from.

    Uses ``/summary/<key>`` when the engine wrote it; otherwise reduces the monthly series named in
    the metric registry over the policy months. None when neither exists.
    """
    if key in v.summary:
        return v.summary[key], "summary"
    period = metrics.info(key).period
    if period is None:
        return None
    series = v.series(period[0])
    mask = policy_mask(v)
    if series is None or not mask.any():
        return None
    chunk = series[:, mask]
    values = np.nansum(chunk, axis=1) if period[1] == "sum" else np.nanmean(chunk, axis=1)
    how = "total" if period[1] == "sum" else "average"
    return values, f"monthly {period[0]} ({how} over the policy period)"


def is_paired(a: Variant, b: Variant) -> bool:
    """True when replicate i of ``a`` and of ``b`` saw the same simulated events (``pairing``)."""
    return pairing(a, b).paired


def difference_samples(x: np.ndarray, y: np.ndarray, paired: bool) -> np.ndarray:
    """Samples of x − y: replicate i minus replicate i when paired (along the first axis, over the
    common replicates), else every x minus every y (the gap between two independent futures)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    if paired:
        n = min(x.shape[0], y.shape[0])
        return x[:n] - y[:n]
    return (x[:, None, ...] - y[None, :, ...]).reshape((-1,) + x.shape[1:])


def compare(x, y, paired: bool) -> tuple[np.ndarray, Estimate]:
    """Samples of x − y and their estimate for one figure per replicate (module docstring):
    paired differences, or the difference of medians with the all-pairs interval."""
    x = np.asarray(x, float).reshape(-1)
    y = np.asarray(y, float).reshape(-1)
    d = difference_samples(x, y, paired)
    e = estimate(d)
    if not paired and e.n:
        mx, my = estimate(x).median, estimate(y).median
        e = Estimate(mx - my, e.low, e.high, e.n)
    return d, e


def difference(policy: Variant, base: Variant, key: str) -> Difference | None:
    """Policy minus baseline for a whole-period metric; None if either side lacks it."""
    a, b = period_values(policy, key), period_values(base, key)
    if a is None or b is None:
        return None
    p = pairing(policy, base)
    d, e = compare(a[0], b[0], p.paired)
    return Difference(key, d, e, p)


def rank_correlation(x, y) -> float:
    """Spearman's rank correlation of two samples (ties get their mean rank); NaN when either is
    constant or fewer than three finite pairs remain."""
    x, y = np.asarray(x, float).reshape(-1), np.asarray(y, float).reshape(-1)
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if x.size < 3:
        return float("nan")
    rx, ry = _ranks(x), _ranks(y)
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def _ranks(x: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(x.size)
    ranks[order] = np.arange(1, x.size + 1)
    for value in np.unique(x):  # ties: the mean of their ranks
        tie = x == value
        if tie.sum() > 1:
            ranks[tie] = ranks[tie].mean()
    return ranks


def financial_year(month: str) -> str:
    """The financial year (April–March) of a ``YYYY-MM`` month: ``2018-10`` -> ``2018/19``."""
    y, m = int(month[:4]), int(month[5:7])
    start = y if m >= 4 else y - 1
    return f"{start}/{(start + 1) % 100:02d}"


def financial_year_totals(v: Variant, key: str) -> tuple[list[str], list[int], np.ndarray] | None:
    """Sum a monthly series over each financial year.

    Returns (year labels, months covered in each year, array [replicates, years]); None if absent.
    """
    series = v.series(key)
    if series is None:
        return None
    labels: list[str] = []
    for m in v.months:
        fy = financial_year(m)
        if fy not in labels:
            labels.append(fy)
    fys = np.array([financial_year(m) for m in v.months])
    totals = np.stack([np.nansum(series[:, fys == fy], axis=1) for fy in labels], axis=1)
    counts = [int(np.sum(fys == fy)) for fy in labels]
    return labels, counts, totals


def ratio_estimate(numerator: np.ndarray, denominator: np.ndarray, resamples: int = 2000,
                   seed: int = 20181001) -> Estimate | None:
    """Ratio of means (e.g. extra £ per complaint avoided) with a bootstrap 90% interval.

    Replicate pairs are resampled together. None when the denominator's own 90% interval includes
    zero, since the ratio then has no stable meaning. The generator is seeded: same input, same output.
    """
    num, den = np.asarray(numerator, float), np.asarray(denominator, float)
    ok = np.isfinite(num) & np.isfinite(den)
    num, den = num[ok], den[ok]
    if num.size == 0 or estimate(den).clear is False:
        return None
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, num.size, size=(resamples, num.size))
    with np.errstate(divide="ignore", invalid="ignore"):
        boot = num[idx].mean(axis=1) / den[idx].mean(axis=1)
    boot = boot[np.isfinite(boot)]
    lo, hi = np.percentile(boot, [LOW, HIGH]) if boot.size else (np.nan, np.nan)
    return Estimate(float(num.mean() / den.mean()), float(lo), float(hi), int(num.size))


def ratio_of_differences(num_x, num_y, den_x, den_y, paired: bool, resamples: int = 2000,
                         seed: int = 20181001) -> Estimate | None:
    """(mean num_x − mean num_y) / (mean den_x − mean den_y), e.g. extra £ per complaint avoided,
    with a bootstrap 90% interval.

    Paired: the replicate pairs' differences, resampled together (:func:`ratio_estimate`).
    Unpaired: each run's replicates are resampled on their own (a replicate's numerator and
    denominator together), since there are no pairs. None when the denominator's 90% interval
    (paired or all-pairs) includes zero. Seeded: same input, same output.
    """
    nx, ny, dx, dy = (np.asarray(a, float).reshape(-1) for a in (num_x, num_y, den_x, den_y))
    if paired:
        n = min(nx.size, ny.size, dx.size, dy.size)
        return ratio_estimate(nx[:n] - ny[:n], dx[:n] - dy[:n], resamples, seed)
    okx, oky = np.isfinite(nx) & np.isfinite(dx), np.isfinite(ny) & np.isfinite(dy)
    nx, dx, ny, dy = nx[okx], dx[okx], ny[oky], dy[oky]
    if nx.size == 0 or ny.size == 0 or not compare(dx, dy, False)[1].clear:
        return None
    rng = np.random.default_rng(seed)
    ix = rng.integers(0, nx.size, size=(resamples, nx.size))
    iy = rng.integers(0, ny.size, size=(resamples, ny.size))
    with np.errstate(divide="ignore", invalid="ignore"):
        boot = ((nx[ix].mean(axis=1) - ny[iy].mean(axis=1))
                / (dx[ix].mean(axis=1) - dy[iy].mean(axis=1)))
    boot = boot[np.isfinite(boot)]
    lo, hi = np.percentile(boot, [LOW, HIGH]) if boot.size else (np.nan, np.nan)
    return Estimate(float((nx.mean() - ny.mean()) / (dx.mean() - dy.mean())), float(lo), float(hi),
                    int(nx.size * ny.size))
