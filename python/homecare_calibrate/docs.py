"""The calibrated values and the fit's achieved table, as quoted in docs/MODEL.md and
docs/CALIBRATION.md, generated from the pack's calibration file (scenarios/calibration/) so that the
documents never quote other values than the file's.

Each document holds blocks between `<!-- generated: NAME -->` and `<!-- end generated -->`, for the
engine's default pack (Brent), or `<!-- generated: NAME PACK -->` for another pack (`ealing`); a
pack's calibration rewrites its own blocks only:

- `calibrated-values`: each calibration target of the pack (`homecare describe --pack P --json`),
  its steering parameter, the engine's default (the same command) and the value the file sets;
- `fit-achieved`: the fit recorded in the file's comment header (rounds, replicates, seed, end)
  and its achieved table.

`python3 -m homecare_calibrate docs` rewrites the blocks; `... docs --check` exits 1 when a
document differs from what the file gives (a ctest runs it).
"""
from __future__ import annotations

import re
from pathlib import Path

from .targets import Target

DOCS = ("docs/MODEL.md", "docs/CALIBRATION.md")
BLOCK = re.compile(r"(<!-- generated: ([a-z-]+)(?: ([a-z0-9_-]+))? -->\n)(.*?)(<!-- end generated -->)", re.S)


def _number(x: float) -> str:
    """A value as written in the file (shortest form), thousands grouped for readability."""
    text = repr(float(x))
    if text.endswith(".0"):
        text = text[:-2]
    whole, _, frac = text.partition(".")
    if len(whole.lstrip("-")) > 3 and "e" not in text:
        whole = f"{int(whole):,}"
    return whole + ("." + frac if frac else "")


def calibrated_values(values: dict, defaults: dict, targets: list[Target]) -> str:
    rows = ["| row | metric | steering parameter | mode (gain) | default | calibrated |",
            "|---|---|---|---|---|---|"]
    for t in targets:
        metric = f"`{t.metric}` in {t.month}" if t.month else f"`{t.metric}`"
        if not t.parameter:
            what = "none: a known gap" if t.known_gap else "none (checked only)"
            rows.append(f"| {t.row} {t.quantity} | {metric} | {what} | — | — | — |")
            continue
        mode = t.mode if t.gain == 0.8 else f"{t.mode} ({t.gain:g})"
        rows.append(f"| {t.row} {t.quantity} | {metric} | `{t.parameter}` | {mode} | "
                    f"{_number(defaults[t.parameter])} | {_number(values[t.parameter])} |")
    return "\n".join(rows) + "\n"


def fit_achieved(calibration_text: str) -> str:
    """The fit line and the achieved table from the calibration file's comment header."""
    header = [line[2:] if line.startswith("# ") else line[1:] for line in calibration_text.splitlines()
              if line.startswith("#")]
    fit = next((h for h in header if h.startswith("Fit: ")), None)
    table = [h for h in header if h.startswith("|")]
    if fit is None or not table:
        raise ValueError("the calibration file's comment header has no 'Fit:' line or achieved table")
    m = re.match(r"Fit: (.*?)\. Achieved:", fit)
    what = m.group(1) if m else fit[5:]
    return (f"The file records a fit of **{what}**; achieved (mean ± standard error over the "
            "replicates of the fit's last round, copied from the file's comment header):\n\n"
            + "\n".join(table) + "\n")


def render(text: str, blocks: dict[str, str], pack: str | None = None) -> str:
    """``text`` with the blocks of ``pack`` (None: the default pack's, unqualified) rewritten."""
    def sub(m):
        name = m.group(2)
        if m.group(3) != pack:
            return m.group(0)
        if name not in blocks:
            raise ValueError(f"unknown generated block {name!r}")
        return m.group(1) + blocks[name] + m.group(5)
    return BLOCK.sub(sub, text)


def update(repo: Path, values: dict, defaults: dict, calibration_text: str, check: bool,
           targets: list[Target], pack: str | None = None) -> list[str]:
    """Rewrites (or, with `check`, compares) the generated blocks of ``pack`` (None: the
    default pack's); returns the documents that were (or would be) changed."""
    blocks = {"calibrated-values": calibrated_values(values, defaults, targets),
              "fit-achieved": fit_achieved(calibration_text)}
    changed = []
    found = False
    for rel in DOCS:
        path = repo / rel
        old = path.read_text(encoding="utf-8")
        if not any(m.group(3) == pack for m in BLOCK.finditer(old)):
            continue
        found = True
        new = render(old, blocks, pack)
        if new != old:
            changed.append(rel)
            if not check:
                path.write_text(new, encoding="utf-8")
    if not found:
        raise ValueError(f"no document of {', '.join(DOCS)} has a generated block"
                         + (f" for pack {pack!r} (<!-- generated: calibrated-values {pack} -->)" if pack else ""))
    return changed
