"""Which replicates of two variants may be paired, and how to say what a comparison rests on.

The rule (python/README.md): replicate *i* of two variants saw the same simulated events (common
random numbers) only when both come from runs with the same seed, the same replicate index, the
same random-number scheme (the root attribute ``random_scheme``, schema 2) and the same engine
build (``engine_version``, which names the commit): a later build with the same scheme may turn the
same random numbers into other events, because its model changed. A file without a scheme (schema
1) pairs on the build alone (the same build draws the same way). Variants of one file are always paired. When paired runs
differ in replicate count, the common replicates 0..n-1 are paired.

Otherwise the variants are compared as distributions (``stats.difference``): the difference of
their medians, with a 90% interval over every pair of one replicate of each.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .wording import join_words

if TYPE_CHECKING:
    from .loading import Variant


@dataclass(frozen=True)
class Pairing:
    """How variant ``a`` is compared with variant ``b``."""

    paired: bool
    n_a: int      # replicates of a
    n_b: int      # replicates of b
    why: str      # why they pair, or why not, in words for a reader

    @property
    def n(self) -> int:
        """Replicate pairs when paired (the common indices); 0 when not."""
        return min(self.n_a, self.n_b) if self.paired else 0

    @property
    def truncated(self) -> bool:
        """Paired, but one run has more replicates than the other (only the first n pair)."""
        return self.paired and self.n_a != self.n_b

    def basis(self) -> str:
        """What a comparison was computed from, for a sentence or a caption."""
        if self.paired:
            if self.truncated:
                return (f"replicates 1 to {self.n} of each run paired on the same simulated "
                        f"events; {self.n_a} and {self.n_b} were run")
            return f"{self.n} replicate pairs on the same simulated events"
        return (f"separate runs compared as distributions, {self.n_a} and {self.n_b} "
                "replicates")

    def short(self) -> str:
        """A few words for a table cell: ``paired (50)``, ``distributions (2 vs 50)``."""
        if self.paired:
            return f"paired, {self.n} pairs" + (" (common replicates)" if self.truncated else "")
        return f"distributions, {self.n_a} vs {self.n_b} replicates"


def _attr(v: "Variant", name: str) -> str | None:
    value = v.source.attrs.get(name)
    return None if value in (None, "") else str(value)


def pairing(a: "Variant", b: "Variant") -> Pairing:
    """The pairing rule (module docstring) for variant ``a`` against variant ``b``."""
    na, nb = a.replicates, b.replicates
    if a.source is b.source:
        return Pairing(True, na, nb, "variants of the same run")
    sa, sb = a.source.seed, b.source.seed
    if sa is None or sb is None:
        return Pairing(False, na, nb, "the seed of a run is not recorded")
    if sa != sb:
        return Pairing(False, na, nb, f"the runs used different seeds, {sa} and {sb}")
    ra, rb = _attr(a, "random_scheme"), _attr(b, "random_scheme")
    if ra is not None and rb is not None:
        if ra != rb:
            return Pairing(False, na, nb, "the runs draw random numbers differently: schemes "
                                          f"{ra!r} and {rb!r}")
    ea, eb = _attr(a, "engine_version"), _attr(b, "engine_version")
    if ra is not None and rb is not None:
        if ea is not None and eb is not None and ea != eb:
            return Pairing(False, na, nb, f"the runs come from different engine builds, {ea} and "
                                          f"{eb}, whose models may turn the same random numbers "
                                          "into other events")
        return Pairing(True, na, nb, f"same seed, {sa}, random-number scheme and engine build")
    if ea is None or eb is None:
        return Pairing(False, na, nb, "a run records neither its random-number scheme nor its "
                                      "engine build")
    if ea != eb:
        return Pairing(False, na, nb, f"the runs come from different engine builds, {ea} and "
                                      f"{eb}, and do not both record their random-number scheme")
    return Pairing(True, na, nb, f"same seed, {sa}, and engine build")


def summary_words(pairs: list[tuple[str, Pairing]]) -> list[str]:
    """Sentences for the "how to read" box on how the policies were compared with the baseline.

    Never claims "the same simulated events" for a comparison that is not paired.
    """
    if not pairs:
        return []
    paired = [label for label, p in pairs if p.paired]
    unpaired = [(label, p) for label, p in pairs if not p.paired]
    truncated = [(label, p) for label, p in pairs if p.truncated]
    out = []
    if paired:
        who = "Policies are" if not unpaired else (join_words(paired) + (" is" if len(paired) == 1
                                                                         else " are"))
        out.append(f"{who} compared with the baseline on the same simulated events (replicate 1 "
                   "with replicate 1, and so on), so a difference is the policy's effect, not "
                   "luck.")
        for label, p in truncated:
            out.append(f"{label} and the baseline were run with different numbers of replicates "
                       f"({p.n_a} and {p.n_b}); only their common replicates 1 to {p.n} are "
                       "paired.")
    if unpaired:
        who = join_words([label for label, _ in unpaired])
        reasons = join_words(sorted({p.why for _, p in unpaired}))
        verb = "comes" if len(unpaired) == 1 else "come"
        out.append(f"{who} {verb} from runs that do not share random numbers with the baseline "
                   f"({reasons}), so replicates cannot be matched one to one. "
                   f"{'It is' if len(unpaired) == 1 else 'They are'} compared as distributions: "
                   "the difference between the medians, with a 90% interval of the gap between "
                   "one simulated future of each. That comparison is less sharp: part of any "
                   "difference may be chance, and a small effect may not show as clear.")
    return out
