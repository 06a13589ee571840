"""Plain-English numbers and sentences: formatting values by kind, wording a change with its interval.

Every title in the report is built here from numbers, so the wording rules (points for shares,
pounds in thousands or millions, "no clear difference" when an interval straddles zero) live in one
place.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping

from . import metrics

MINUS = "\u2212"
ACRONYMS = {"llw": "LLW", "nlw": "NLW", "dp": "DP", "gp": "GP", "cqc": "CQC", "ni": "NI",
            "ukhca": "UKHCA", "l2": "level 2", "l3": "level 3", "rlw": "RLW", "id": "ID",
            "dps": "DPS", "wla": "WLA", "uk": "UK", "65plus": "65+", "85plus": "85+"}


def _words(text: str) -> list[str]:
    return [ACRONYMS.get(w.lower(), w) for w in re.split(r"[_\-\s]+", text) if w]


def humanise_key(path: str) -> str:
    """``wages.llw.phasing[0]`` -> ``Wages › LLW › phasing (1)``: a key path a person can read."""
    parts = []
    for seg in path.split("."):
        m = re.fullmatch(r"(.*?)\[(\d+)\]", seg)
        text = " ".join(_words(m.group(1) if m else seg))
        if m:
            text += f" ({int(m.group(2)) + 1})"
        parts.append(text)
    joined = " \u203a ".join(p for p in parts if p)
    return joined[:1].upper() + joined[1:]


def humanise_name(name: str) -> str:
    """A variant or scenario name for people: ``llw-phased`` -> ``LLW phased``."""
    words = _words(name.replace(".", " "))
    text = " ".join(words) or name
    return text[:1].upper() + text[1:]


def _signed(text: str, x: float) -> str:
    if x > 0:
        return "+" + text
    if x < 0:
        return MINUS + text
    return text


def _number(x: float, decimals: int) -> str:
    return f"{abs(x):,.{decimals}f}"


def _share_digits(pct: float) -> int:
    return 1 if abs(pct) >= 1 else 2


def _money(x: float) -> str:
    a = abs(x)
    if a >= 9.95e5:
        return f"£{a / 1e6:,.{2 if a < 1e7 else 1}f}m"
    if a >= 1e4:
        return f"£{a / 1e3:,.0f}k"
    if a >= 100:
        return f"£{a:,.0f}"
    return f"£{a:,.2f}"


def magnitude(key: str, x: float) -> str:
    """``|x|`` in the metric's units, unsigned, without unit words (``6%``, ``£3.2m``, ``1,240``)."""
    kind = metrics.info(key).kind
    if x != x:  # NaN
        return "n/a"
    if kind == "share":
        pct = 100 * x
        return f"{_number(pct, _share_digits(pct))}%"
    if kind == "money":
        return _money(x)
    if kind == "price":
        return f"£{abs(x):,.2f}"
    a = abs(x)
    if kind == "count":
        return _number(x, 0 if a >= 10 else 1)
    return _number(x, 1 if a >= 10 else 2)


def fmt_value(key: str, x: float, unit: bool = True) -> str:
    """A value as a reader sees it: ``28%``, ``£15.2m``, ``£14.38``, ``1,800 people``, ``4.3``."""
    text = magnitude(key, x)
    if x < 0:
        text = MINUS + text
    word = metrics.info(key).unit_word
    if unit and word and metrics.info(key).kind in ("count", "number") and x == x:
        text += f" {word}"
    return text


def fmt_change(key: str, d: float, signed: bool = False, unit: bool = True) -> str:
    """A difference: shares in percentage points (``6 points``), others in their own units."""
    info = metrics.info(key)
    if info.kind == "share":
        pct = 100 * d
        text = f"{_number(pct, _share_digits(pct))} point" + ("" if abs(round(pct)) == 1 and
                                                             _share_digits(pct) == 0 else "s")
        if not unit:
            text = _number(pct, _share_digits(pct))
    elif info.kind == "price":
        text = magnitude(key, d) + (" an hour" if unit else "")
    else:
        text = magnitude(key, d)
        if unit and info.unit_word:
            text += f" {info.unit_word}"
    return _signed(text, d) if signed else text


def fmt_interval(key: str, lo: float, hi: float, change: bool = False, unit: bool = True) -> str:
    """``26% to 30%`` for values, ``+1 to +4 points`` for signed changes."""
    if change:
        return (f"{fmt_change(key, lo, signed=True, unit=False)} to "
                f"{fmt_change(key, hi, signed=True, unit=unit)}")
    return f"{fmt_value(key, lo, unit=False)} to {fmt_value(key, hi, unit=unit)}"


def sure_interval(key: str, lo: float, hi: float) -> str:
    """An interval of a change whose direction the sentence already states: unsigned magnitudes
    (``£2.00m to £2.44m``) when clear; signed (``−£0.1m to +£0.3m``) when it spans zero."""
    if is_clear(lo, hi):
        a, b = sorted((abs(lo), abs(hi)))
        return f"{fmt_change(key, a, unit=False)} to {fmt_change(key, b)}"
    return fmt_interval(key, lo, hi, change=True)


def fmt_estimate(key: str, med: float, lo: float, hi: float) -> str:
    """``28% (90% interval 26% to 30%)``; a unit word only once, at the end."""
    return f"{fmt_value(key, med, unit=False)} (90% interval {fmt_interval(key, lo, hi)})"


def is_clear(lo: float, hi: float) -> bool:
    """True when a 90% interval lies wholly on one side of zero."""
    return lo > 0 or hi < 0


def describe_change(key: str, subject: str, med: float, lo: float, hi: float,
                    basis: str = "") -> str:
    """A sentence on a policy's effect: ``LLW phased cuts turnover by 6 points (90% interval 4 to 8)``.

    When the 90% interval straddles zero the sentence says there is no clear difference.
    ``basis`` says what the figures were computed from (``50 pairs of replicates on the same
    simulated events``); it goes inside the brackets, after the interval.
    """
    info = metrics.info(key)
    tail = f"; {basis}" if basis else ""
    if lo == hi == med == 0:
        return f"{subject} leaves {info.noun} unchanged" + (f" ({basis})" if basis else "")
    if not is_clear(lo, hi):
        return (f"{subject} makes no clear difference to {info.noun} "
                f"(90% interval {fmt_interval(key, lo, hi, change=True)}{tail})")
    interval = f"(90% interval {sure_interval(key, lo, hi)}{tail})"
    if info.kind == "money":
        if med > 0:
            return f"{subject} costs the council {fmt_change(key, med)} more {interval}"
        return f"{subject} saves the council {fmt_change(key, med)} {interval}"
    verb = "cuts" if med < 0 else "raises"
    return f"{subject} {verb} {info.noun} by {fmt_change(key, med)} {interval}"


def round_number(x: float, digits: int = 3) -> str:
    """A setting's number for reading: whole numbers as they are (``4``, ``20181001``; a whole
    float from 10,000 with commas: ``15,000,000``), others to ``digits`` significant figures
    without exponent or trailing zeros (``0.312``, ``0.00103``, ``14.4``, ``0.5``)."""
    if isinstance(x, bool) or not math.isfinite(x):
        return str(x)
    if isinstance(x, int):
        return str(x)
    rounded = x if float(x) == int(x) else float(f"{x:.{digits}g}")
    if rounded == int(rounded):
        return f"{int(rounded):,}" if abs(rounded) >= 10000 else str(int(rounded))
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(rounded))))
    return f"{rounded:,.{decimals}f}".rstrip("0").rstrip(".")


def fmt_param(value) -> str:
    """A setting's value for reading: numbers rounded (:func:`round_number`), dates in words,
    yes/no, a schedule as its steps, a ward map as its size."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return round_number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return date_words(value.strftime("%Y-%m-%d"))
    if isinstance(value, list):
        if not value:
            return "none"
        return "; ".join(_schedule_step(step) for step in value)
    if isinstance(value, Mapping):
        if not value:
            return "none"
        if all(isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
            patches = len(set(value.values()))
            return f"{len(value)} wards in {patches} patch{'es' if patches != 1 else ''}"
        return "; ".join(f"{humanise_name(str(k))} {fmt_param(v)}" for k, v in value.items())
    return pretty_setting(str(value))


def _schedule_step(step) -> str:
    """``from 1 Oct 2018: 0.33`` for one row of a schedule."""
    if not isinstance(step, Mapping):
        return fmt_param(step)
    when = step.get("from")
    rest = [fmt_param(v) for k, v in step.items() if k != "from"]
    text = ", ".join(rest)
    return f"from {fmt_param(when)}: {text}" if when is not None else text


def param_name(path: str) -> str:
    """A short name for a setting: its last word group, with the section when that alone says
    little (``workforce.base_quit_hazard`` -> ``Base quit hazard``, ``patches.count`` ->
    ``Patches count``)."""
    parts = [p for p in path.split(".") if p]
    if not parts:
        return path
    last = parts[-1]
    words = _words(last)
    if len(words) < 2 and len(parts) > 1:
        words = _words(parts[-2]) + words
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def pretty_setting(value: str) -> str:
    """A scenario value for people: dates in words, big numbers with commas, yes/no."""
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date_words(text)
    if text.lower() in ("true", "false"):
        return "yes" if text.lower() == "true" else "no"
    try:
        x = float(text)
    except ValueError:
        return re.sub(r"\b(\d{4}-\d{2}-\d{2})\b", lambda m: date_words(m.group(1)), text)
    if not math.isfinite(x):
        return text
    return round_number(x)


def month_name(month: str) -> str:
    """``2018-10`` -> ``Oct 2018``."""
    names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    y, m = month[:4], int(month[5:7])
    return f"{names[m - 1]} {y}"


def date_words(iso: str) -> str:
    """``2018-10-01`` -> ``1 Oct 2018``."""
    return f"{int(iso[8:10])} {month_name(iso[:7])}"


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
