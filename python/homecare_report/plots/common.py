"""What every plot shares: the Chart, TableBlock and Skipped result types, the Okabe-Ito palette,
style, PNG output, dates."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")  # never open a window; the report embeds PNGs
import matplotlib.dates as mdates  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .. import scenario  # noqa: E402
from ..loading import ResultSet, Variant  # noqa: E402
from ..wording import date_words, humanise_key  # noqa: E402

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
#: Order in which policy variants take colours; the baseline is always black.
VARIANT_COLOURS = tuple(OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion",
                                               "reddish_purple", "sky_blue", "yellow"))
BASELINE_COLOUR = OKABE_ITO["black"]
BASELINE_FILL = "#6e6e6e"
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "<", ">")
BAND_90_ALPHA, BAND_50_ALPHA = 0.18, 0.38
DPI = 110

STYLE = {
    "font.size": 12, "axes.titlesize": 13, "axes.labelsize": 12, "xtick.labelsize": 11,
    "ytick.labelsize": 11, "legend.fontsize": 11, "axes.spines.top": False,
    "axes.spines.right": False, "axes.grid": True, "grid.color": "#dddddd", "grid.linewidth": 0.8,
    "axes.axisbelow": True, "axes.edgecolor": "#555555", "figure.facecolor": "white",
    "axes.titlelocation": "left", "axes.titleweight": "bold",
}


@dataclass
class Table:
    """A small table shown under a chart: header and rows of text."""

    header: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    """A finished chart: the finding as its title, a caption, alt text and the PNG itself."""

    id: str
    section: str
    title: str
    caption: str
    alt: str
    png: bytes
    table: Table | None = None
    detail: str = ""  # a second sentence of findings, shown under the title


@dataclass
class TableBlock:
    """A table shown as a finding of its own (no image): a title, the table, a caption."""

    id: str
    section: str
    title: str
    caption: str
    table: Table
    finding: bool = True  # its title is listed among the main findings


@dataclass
class Skipped:
    """A chart that could not be drawn from these results, and why (shown as a note)."""

    id: str
    section: str
    title: str
    reason: str


@dataclass
class DateMark:
    """A vertical line on a time axis: its month, a short label, the date in words."""

    month: str
    label: str
    when: str
    switch: bool = False


@dataclass
class Colours:
    """Fixed colour and marker per variant, the baseline black, so every chart agrees."""

    results: ResultSet
    _map: dict = field(default_factory=dict)

    def __post_init__(self):
        others = [v for v in self.results.variants if v is not self.results.baseline]
        self._map[self.results.baseline.key] = (BASELINE_COLOUR, MARKERS[0])
        for i, v in enumerate(others):
            self._map[v.key] = (VARIANT_COLOURS[i % len(VARIANT_COLOURS)],
                                MARKERS[(i + 1) % len(MARKERS)])

    def colour(self, v: Variant) -> str:
        return self._map[v.key][0]

    def fill(self, v: Variant) -> str:
        """Colour for filled areas (bars): the baseline is dark grey there, so black lines and
        whiskers drawn over it stay visible."""
        return BASELINE_FILL if v is self.results.baseline else self.colour(v)

    def marker(self, v: Variant) -> str:
        return self._map[v.key][1]


def outline(colour: str) -> list:
    """Path effects that give a pale line (yellow, sky blue) a dark edge so it reads on white."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.6:
        return []
    return [patheffects.withStroke(linewidth=3.6, foreground="#555555"), patheffects.Normal()]


@contextlib.contextmanager
def plot_style():
    """Apply the report's matplotlib style for the duration of one chart."""
    with matplotlib.rc_context(STYLE):
        yield


def new_figure(width: float, height: float) -> Figure:
    """A figure not tied to pyplot (no global state), sized in inches."""
    return Figure(figsize=(width, height), layout="constrained")


def _legend_entries(axes) -> tuple[list, list[str]]:
    """The legend handles and labels of the axes, each label once."""
    handles, labels = [], []
    for ax in axes:
        for h, l in zip(*ax.get_legend_handles_labels()):
            if l not in labels:
                handles.append(h)
                labels.append(l)
    return handles, labels


def _legend_band(fig: Figure, rows: int, max_share: float = 0.5) -> float:
    """The share of the figure's height a legend band of ``rows`` rows takes (0.3 in a row). If
    that is more than ``max_share`` the figure grows so the panels keep ``1 - max_share`` of its
    old height: a legend that grows with the number of variants never squeezes them to nothing."""
    width_in, height_in = fig.get_size_inches()
    band_in = 0.12 + 0.3 * rows
    if band_in > max_share * height_in:
        height_in = (1 - max_share) * height_in + band_in
        fig.set_size_inches(width_in, height_in)
    return band_in / height_in


def legend_above(fig: Figure, axes, ncols: int = 4, fontsize: int = 11) -> None:
    """One legend for the whole figure, in a band above the panels (space reserved for it)."""
    handles, labels = _legend_entries(axes)
    if not handles:
        return
    ncols = min(ncols, len(handles))
    band = _legend_band(fig, -(-len(handles) // ncols))
    fig.get_layout_engine().set(rect=(0, 0, 1, 1 - band))
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 1.0), ncols=ncols,
               frameon=False, fontsize=fontsize)


def legend_below(fig: Figure, axes, ncols: int = 2, fontsize: int = 10) -> None:
    """One legend for the whole figure, in a band below the panels, ``ncols`` to a row; the figure
    grows by the band's height, so the panels keep their size however many entries there are."""
    handles, labels = _legend_entries(axes)
    if not handles:
        return
    legend = fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0),
                        ncols=min(ncols, len(handles)), frameon=False, fontsize=fontsize)
    width_in, height_in = fig.get_size_inches()
    band_in = legend.get_window_extent().height / fig.dpi + 0.1
    fig.set_size_inches(width_in, height_in + band_in)
    band = band_in / (height_in + band_in)
    fig.get_layout_engine().set(rect=(0, band, 1, 1 - band))


def legend_fits(ax, legend, width: float = 1.0, height: float = 1.0) -> bool:
    """Whether a legend drawn inside ``ax`` takes at most the shares ``width`` and ``height`` of
    the axes (their size before the layout runs). One that does not would hide the data or, once
    wider or taller than the axes, make constrained layout give up ("axes sizes collapsed to
    zero"): a chart with many variants (a sweep's) then puts its legend below, ``legend_below``."""
    box, room = legend.get_window_extent(), ax.get_window_extent()
    return box.width <= width * room.width and box.height <= height * room.height


def to_png(fig: Figure, dpi: int = DPI) -> bytes:
    """Render a figure to PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def slug(text: str) -> str:
    """An HTML id from any text."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def month_dates(months: list[str]) -> list[dt.date]:
    """``YYYY-MM`` strings as dates (the middle of each month, so a month's point sits inside it)."""
    return [dt.date(int(m[:4]), int(m[5:7]), 15) for m in months]


def month_start(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), 1)


def date_marks(v: Variant, base: Variant | None) -> list[DateMark]:
    """The switch to new contracts, then the variant's own policy dates, within its months.

    A policy date is a date in a section of the scenario (``wages``, ``training``...) where the
    variant's settings differ from the baseline's, or in a variant attribute: so the baseline's
    panel shows no policy dates of levers it leaves off (a training deadline with no training
    minimum, say), while a policy's panel shows the dates of the levers it pulls.
    """
    if not v.months:
        return []
    first, last = v.months[0], v.months[-1]
    marks = [DateMark(v.source.policy_start, "New contracts",
                      date_words(v.source.policy_start + "-01"), switch=True)]
    if base is None or v is base:
        return marks
    mine, theirs = v.parameters, base.parameters
    changed = {p.split(".")[0] for p in set(mine) | set(theirs) if mine.get(p) != theirs.get(p)}
    changed |= {k.split(".")[0] for k, val in v.params.items() if base.params.get(k) != val}
    found = [d for d in scenario.dates(mine) if d.path.split(".")[0] in changed]
    for key, value in v.params.items():
        for iso in scenario.dates({key: value}) if key not in mine else []:
            found.append(scenario.ScenarioDate(iso.iso, key, humanise_key(key)))
    seen = {v.source.policy_start}
    for sd in sorted(found, key=lambda s: s.iso):
        if first <= sd.month <= last and sd.month not in seen:
            seen.add(sd.month)
            marks.append(DateMark(sd.month, sd.label, date_words(sd.iso)))
    return marks[:7]


def draw_date_marks(ax, marks: list[DateMark], labelled: set[str]) -> None:
    """Vertical lines for the switch (solid) and policy dates (dotted). Each label is written
    once per figure: the first panel with that line gets it, and ``labelled`` remembers."""
    ymin, ymax = ax.get_ylim()
    for i, mk in enumerate(marks):
        x = month_start(mk.month)
        ax.axvline(x, color="#444444" if mk.switch else "#777777",
                   linestyle="-" if mk.switch else ":", linewidth=1.3 if mk.switch else 1.1, zorder=1)
        if mk.label not in labelled:
            labelled.add(mk.label)
            ax.text(x, ymax - (ymax - ymin) * (0.02 + 0.085 * (i % 3)), " " + mk.label,
                    fontsize=9, color="#333333", va="top", ha="left")


def format_date_axis(ax) -> None:
    """Years as major ticks on a time axis."""
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))


def replicate_note(n: int) -> str:
    """A warning added to captions when there are too few replicates for stable intervals."""
    if n < 10:
        return (f" Based on only {n} replicate{'s' if n != 1 else ''}: the intervals are rough; "
                "run at least 50 for firm conclusions.")
    return f" Based on {n} replicates."
