"""Axis tick formatting by metric kind (percent, pounds, counts)."""
from __future__ import annotations

from matplotlib.ticker import FuncFormatter

from .. import metrics


def value_formatter(key: str, change: bool = False) -> FuncFormatter:
    """Tick labels in the metric's units: ``25%`` (``+2`` points), ``£1.2m``, ``£14.50``, ``1,800``."""
    kind = metrics.info(key).kind

    def fmt(x, _pos=None):
        sign = ("+" if x > 0 else "\u2212" if x < 0 else "") if change else ("\u2212" if x < 0 else "")
        a = abs(x)
        if kind == "share":
            pct = round(100 * a, 9)  # 100 * 0.02 is 2.0000000000000004: a whole number, no decimal
            text = f"{pct:.{0 if pct >= 10 or pct == int(pct) else 1}f}" + ("" if change else "%")
        elif kind == "money":
            text = (f"£{a / 1e6:.3g}m" if a >= 1e6 or (a >= 1e5 and change) else
                    f"£{a / 1e3:.0f}k" if a >= 1e3 else f"£{a:.0f}")
        elif kind == "price":
            text = f"£{a:.2f}"
        elif a >= 1000:
            text = f"{a:,.0f}"
        else:
            text = f"{a:g}"
        return sign + text

    return FuncFormatter(fmt)


def axis_unit(key: str, change: bool = False) -> str:
    """Words for an axis label's unit: ``percentage points``, ``%``, ``£``, ``a month``."""
    info = metrics.info(key)
    if info.kind == "share":
        return "percentage points" if change else "%"
    if info.kind in ("money", "price"):
        return "£ per hour" if info.kind == "price" else "£"
    return "" if info.unit_word.lower() in info.label.lower() else info.unit_word
