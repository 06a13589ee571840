"""Results per patch: each patch variant's figures patch by patch and, against the baseline, the
change from the same wards there (``homecare_report.patches``). Left out when no variant has
patches; a note for files written before schema 5, which have no figures by ward.
"""
from __future__ import annotations

from .. import patches
from ..loading import ResultSet
from .common import Skipped, Table, TableBlock, slug
from .ward_map import has_patches

SECTION = "Results per patch"

#: At most this many patch variants get tables of results per patch (a sweep has many).
MAX_PATCH_TABLES = 6


def patch_tables(results: ResultSet) -> list[TableBlock | Skipped]:
    """Each patch variant's results per patch and, against the baseline, the change from the
    same wards there (``patches``); a note for files without figures by patch."""
    items: list[TableBlock | Skipped] = []
    shown = 0
    tables = [(v, patches.table(v, results.baseline)) for v in results.compared if has_patches(v)]
    if tables and all(t is None for _, t in tables):  # every file from before schema 5: one note
        return [Skipped("patch-results", SECTION, "Results per patch",
                        "the results files have no figures by patch (they were written before "
                        "schema 5; run them again with a newer engine).")]
    for v, t in tables:
        cid = f"patch-results-{slug(v.key)}"
        if t is None:
            items.append(Skipped(cid, SECTION, f"Results per patch, {v.label}",
                                 f"the results file {v.source.path.name} has no figures by patch "
                                 "(it was written before schema 5; run it again with a newer engine)."))
            continue
        if shown == MAX_PATCH_TABLES:
            items.append(Skipped("patch-results-more", SECTION, "Results per patch of the other variants",
                                 f"only the first {MAX_PATCH_TABLES} patch variants are tabled; "
                                 "`python3 -m homecare_report patches` prints them all."))
            break
        shown += 1
        header, body = patches.rows(t)
        items.append(TableBlock(cid, SECTION, patches.worst_words(t),
                                patches.CAPTION + f" {t.replicates} replicates.", Table(header, body)))
        header, body = patches.rows(t, change=True)
        if body:
            items.append(TableBlock(
                f"{cid}-change", SECTION,
                f"{t.label} against the same wards in the baseline, patch by patch",
                f"Each patch minus the same wards in the baseline ({results.baseline.label}), "
                f"compared {t.pairing.short()} ({t.pairing.basis()}): the median change with the "
                "range nine in ten fall inside; shares in percentage points.",
                Table(header, body), finding=False))
    return items


def build(results: ResultSet) -> list[TableBlock | Skipped]:
    """The tables of results per patch; nothing when no variant has patches."""
    if not any(has_patches(v) for v in results.variants):
        return []
    return patch_tables(results)
