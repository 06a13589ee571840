"""Assemble the self-contained HTML report: findings, summary table, charts, assumptions.

The page has no script and no external resource: images are base64 PNGs, styles are inline, so it
opens offline and prints (a print stylesheet keeps charts whole and drops the screen-only parts).
A section with nothing to show (no policy, no patches, no sensitivity design) is left out with its
contents entry; the wording of every comparison follows ``pairing``.
"""
from __future__ import annotations

import base64
import html
from pathlib import Path

from . import pairing, scenario, summary
from .loading import ResultSet
from .plots import cost, fan, patch_results, policy, sensitivity, sweep, ward_map
from .plots.common import Chart, Skipped, Table, TableBlock, slug
from .wording import fmt_param, humanise_key, humanise_name, join_words, month_name


def _policy_intro(results: ResultSet) -> str:
    pairs = [p for _, p in _pairings(results)]
    if all(p.paired for p in pairs):
        return ("Each policy is compared with the baseline using the same simulated events, so "
                "the difference is the policy's effect and not luck.")
    if not any(p.paired for p in pairs):
        return ("The policies come from runs that share no random numbers with the baseline, so "
                "each is compared as a distribution: the difference between medians, with the "
                "spread of the gap between one simulated future of each. Part of a difference "
                "may be chance.")
    return ("Policies from runs that share random numbers with the baseline are compared on the "
            "same simulated events; the others (marked \u201cseparate runs\u201d) are compared "
            "as distributions, which cannot rule out chance as well.")


#: Plot families in report order, each with its introduction for the reader (text, or a
#: function of the results when it depends on them).
SECTIONS = (
    (policy, _policy_intro),
    (cost, "Money is shown per financial year (April to March) against the home care budget, "
           "by what it pays for, and as the cost of each improvement."),
    (sweep, "How results change with the number of geographic patches the borough is split into."),
    (ward_map, "Which wards make up each patch, with each patch's older population."),
    (patch_results, "How each patch fares over the policy period, and against the same wards in "
                    "the baseline."),
    (sensitivity, "How the headline results change when assumptions the council does not "
                  "control are varied: a sensitivity analysis. " + sensitivity.NOT_POLICIES),
    (fan, "How each headline figure moves month by month, from the warm-up in 2016 to the end "
          "of the policy period."),
)


def _pairings(results: ResultSet) -> list[tuple[str, pairing.Pairing]]:
    """How each policy is compared with the baseline."""
    return [(v.label, pairing.pairing(v, results.baseline)) for v in results.policies]

CSS = """
:root { --ink:#1a1a1a; --muted:#4a4a4a; --accent:#0b4f8a; --line:#d6d6d6; --soft:#f4f6f8;
        --good:#006b4f; --bad:#a23b00; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
       font-size: 19px; line-height: 1.55; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 64px; }
header.cover { border-bottom: 4px solid var(--accent); padding-bottom: 14px; margin-bottom: 24px; }
h1 { font-size: 2.1em; line-height: 1.2; margin: 0.2em 0 0.25em; color: var(--accent); }
h2 { font-size: 1.55em; margin: 2.2em 0 0.4em; color: var(--accent);
     border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.22em; line-height: 1.35; margin: 0 0 0.3em; }
.subtitle { font-size: 1.05em; color: var(--muted); margin: 0; }
.intro { color: var(--muted); margin-top: 0; }
nav.toc { background: var(--soft); border-radius: 8px; padding: 10px 18px; margin: 18px 0; }
nav.toc ol { margin: 0.3em 0; padding-left: 1.3em; columns: 2; }
nav.toc a { color: var(--accent); }
.howto { border-left: 5px solid var(--accent); background: var(--soft); padding: 12px 18px;
         margin: 18px 0; border-radius: 0 8px 8px 0; }
.howto p { margin: 0.35em 0; }
ul.findings { padding-left: 1.2em; }
ul.findings li { margin: 0.45em 0; }
a.see { font-size: 0.8em; color: var(--accent); white-space: nowrap; }
figure { margin: 26px 0 34px; padding: 18px 18px 12px; border: 1px solid var(--line);
         border-radius: 10px; background: #fff; }
figure img { width: 100%; height: auto; display: block; margin: 10px 0; }
figcaption { font-size: 0.86em; color: var(--muted); }
.detail { margin: 0 0 0.4em; font-size: 1.0em; }
table { border-collapse: collapse; width: 100%; margin: 10px 0; font-size: 0.86em; }
th, td { border-bottom: 1px solid var(--line); padding: 7px 9px; text-align: left;
         vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
tbody tr:nth-child(even) td { background: #fafbfc; }
table.summary td.num { white-space: nowrap; }
table.summary td.num .small { white-space: normal; }
table.summary th[scope="row"] { min-width: 9em; }
.big { font-size: 1.2em; font-weight: 600; display: block; }
.small { font-size: 0.86em; color: var(--muted); display: block; }
.better { color: var(--good); font-weight: 600; }
.worse { color: var(--bad); font-weight: 600; }
.note { background: #fff8e1; border: 1px solid #e7d39a; border-radius: 8px; padding: 10px 14px;
        margin: 14px 0; font-size: 0.92em; }
details { margin: 10px 0; }
summary { cursor: pointer; color: var(--accent); }
pre { background: var(--soft); padding: 12px; border-radius: 6px; overflow-x: auto;
      font-size: 0.75em; line-height: 1.4; }
code { font-size: 0.9em; }
table.data td:first-child { white-space: nowrap; }
figure[id^="cost-categories-"] table.data { font-size: 0.74em; }
figure[id^="cost-categories-"] table.data th, figure[id^="cost-categories-"] table.data td {
  padding: 5px 5px; font-variant-numeric: tabular-nums; }
figure[id^="cost-categories-"] table.data td:first-child { white-space: normal; min-width: 11em; }
footer { margin-top: 48px; font-size: 0.85em; color: var(--muted); border-top: 1px solid var(--line);
         padding-top: 10px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.toc, details summary { display: none; }
  h2 { break-before: page; margin-top: 0; }
  h2.first, h2.keep { break-before: auto; }
  h2, h3 { break-after: avoid; }
  figure { break-inside: avoid; border: none; padding: 0; margin: 12px 0 18px; }
  figure img { max-height: 190mm; object-fit: contain; }
  table { break-inside: auto; font-size: 9pt; }
  tr { break-inside: avoid; }
  .howto, .note, th, tbody tr:nth-child(even) td { -webkit-print-color-adjust: exact;
                                                   print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  a.see { display: none; }
}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _cell_html(text: str) -> str:
    return "<br>".join(_e(part) for part in str(text).split("\n"))


def _table(t: Table, cls: str = "data") -> str:
    head = "".join(f"<th scope=\"col\">{_e(h)}</th>" for h in t.header)
    body = "".join("<tr>" + "".join(f"<td>{_cell_html(c)}</td>" for c in row) + "</tr>"
                   for row in t.rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _skipped_html(items: list[Skipped]) -> str:
    """One note for a run of charts that could not be drawn."""
    anchors = "".join(f'<span id="{_e(s.id)}"></span>' for s in items)
    if len(items) == 1:
        s = items[0]
        return (f'<div class="note">{anchors}<strong>{_e(s.title)}</strong>: not shown because '
                f"{_e(s.reason)}</div>")
    lis = "".join(f"<li><strong>{_e(s.title)}</strong>: {_e(s.reason)}</li>" for s in items)
    if len({s.reason for s in items}) == 1:
        lis = "".join(f"<li>{_e(s.title)}</li>" for s in items)
        return (f'<div class="note">{anchors}Not shown because {_e(items[0].reason)}<ul>{lis}'
                "</ul></div>")
    return f'<div class="note">{anchors}These charts are not shown:<ul>{lis}</ul></div>'


def _block_html(item: TableBlock) -> str:
    return "\n".join([f'<figure id="{_e(item.id)}" class="table">', f"<h3>{_e(item.title)}</h3>",
                      _table(item.table), f"<figcaption>{_e(item.caption)}</figcaption>",
                      "</figure>"])


def _section_html(items: list) -> list[str]:
    """Charts and tables in order, with consecutive skipped ones gathered into one note."""
    out, pending = [], []
    for item in items + [None]:
        if isinstance(item, Skipped):
            pending.append(item)
            continue
        if pending:
            out.append(_skipped_html(pending))
            pending = []
        if isinstance(item, TableBlock):
            out.append(_block_html(item))
        elif item is not None:
            out.append(_chart_html(item))
    return out


def _chart_html(item: Chart) -> str:
    data = base64.b64encode(item.png).decode("ascii")
    parts = [f'<figure id="{_e(item.id)}">', f"<h3>{_e(item.title)}</h3>"]
    if item.detail:
        parts.append(f'<p class="detail">{_e(item.detail)}</p>')
    parts.append(f'<img src="data:image/png;base64,{data}" alt="{_e(item.alt)}">')
    parts.append(f"<figcaption>{_e(item.caption)}</figcaption>")
    if item.table:
        parts.append(f"<details><summary>The figures behind this chart</summary>"
                     f"{_table(item.table)}</details>")
    parts.append("</figure>")
    return "\n".join(parts)


def _summary_html(results: ResultSet) -> str:
    head = "<th scope=\"col\">Variant</th>" + "".join(
        f"<th scope=\"col\">{_e(h)}</th>" for _, h in summary.COLUMNS)
    body = []
    for v, cells in summary.rows(results):
        name = _e(v.label) + (" <span class=\"small\">baseline</span>" if v is results.baseline
                              else "")
        params = summary.describe_params(v) if v.source.sweep != "grid" else ""
        if params:
            name += f'<span class="small">{_e(params)}</span>'
        tds = []
        for c in cells:
            inner = f'<span class="big">{_e(c.value)}</span>'
            if c.interval:
                inner += f'<span class="small">90% interval {_e(c.interval)}</span>'
            if c.change:
                cls = f' {c.verdict}' if c.verdict else ""
                inner += f'<span class="small{cls}">{_e(c.change)}</span>'
            tds.append(f'<td class="num">{inner}</td>')
        body.append(f"<tr><th scope=\"row\">{name}</th>{''.join(tds)}</tr>")
    return (f'<table class="summary"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def _assumptions_html(results: ResultSet) -> str:
    parts = []
    for f in results.files:
        rows = scenario.key_assumptions(f.parameters)
        source = ("the typed parameters of the results file" if f.schema >= 2 and f.param_table
                  else "the resolved scenario (YAML) stored in the results file")
        parts.append(f"<h3>{_e(humanise_name(f.scenario_name))} "
                     f"<span class=\"small\">file {_e(f.path.name)}, read from {source}"
                     "</span></h3>")
        if rows:
            parts.append(_table(Table(["Setting", "Value"],
                                      [[humanise_key(p), fmt_param(v)] for p, v in rows])))
        else:
            parts.append("<p>The file does not list its resolved settings.</p>")
        variants = [v for v in results.variants if v.source is f and v.params]
        if variants:
            what = ("assumptions varied by its sensitivity design" if f.sensitivity
                    else "settings that differ between the variants of this run")
            parts.append(f"<p>{what[:1].upper() + what[1:]}:</p>")
            parts.append(_table(Table(["Variant", "Settings"],
                                      [[v.label, summary.describe_params(v)] for v in variants])))
        if f.resolved_yaml:
            parts.append("<details><summary>Every setting of this run (resolved scenario)</summary>"
                         f"<pre>{_e(f.resolved_yaml)}</pre></details>")
    return "\n".join(parts)


def _about_html(results: ResultSet) -> str:
    rows = []
    for f in results.files:
        reps = sorted({v.replicates for v in results.variants if v.source is f})
        rows.append([f.path.name, _borough_cell(f), f.attr("engine_version"), f.attr("schema_version"),
                     str(f.seed), f.attr("random_scheme", "not recorded (schema 1)"),
                     f.attr("created_utc"),
                     str(sum(1 for v in results.variants if v.source is f)),
                     join_words([str(r) for r in reps])])
    out = [_table(Table(["File", "Borough", "Engine version", "Schema", "Seed", "Random-number scheme",
                         "Created (UTC)", "Variants", "Replicates"], rows))]
    pairs = _pairings(results)
    if pairs:
        out.append("<p>How each policy is compared with the baseline "
                   f"({_e(results.baseline.label)}):</p>")
        out.append(_table(Table(["Policy", "Compared as", "Why"],
                                [[label, p.short(), p.why] for label, p in pairs])))
    return "\n".join(out)


def _borough_cell(f) -> str:
    """The borough a file simulates and the version of its pack."""
    b = f.borough
    if b is None:
        return "not recorded"
    if b.legacy:
        return f"{b.display_name} (written before borough packs)"
    return f"{b.display_name} (pack {b.name}, hash {(b.pack_hash or 'not recorded')[:12]})"


Section = tuple[str, str, list]  # (heading, introduction, charts and skipped notes)


def collect_sections(results: ResultSet) -> list[Section]:
    """Draw every chart of the report, section by section, leaving out sections with nothing to
    show."""
    out = []
    for mod, intro in SECTIONS:
        items = mod.build(results)
        if items:
            out.append((mod.SECTION, intro(results) if callable(intro) else intro, items))
    return out


def _howto_html(results: ResultSet) -> str:
    """The "how to read" box; its sentences on comparisons follow how each was made."""
    parts = ["<p><strong>How to read this report.</strong> The model was run many times for each "
             "variant; each run (a <em>replicate</em>) is one possible future with its own chance "
             "events. Figures are the <em>median</em> of those futures. A <em>90% interval</em> "
             "is the range that 9 in 10 simulated futures fall inside: the narrower it is, the "
             "surer the result. <em>Points</em> means percentage points (from 30% to 26% is 4 "
             "points).</p>"]
    said = [_e(s) for s in pairing.summary_words(_pairings(results))]
    if results.sensitivity:
        said.append("The sensitivity section varies assumptions the council does not control, to "
                    "show how much the results depend on them; its design points are not "
                    "policies.")
    said.append("The intervals show chance only; they do not cover doubt about the model's "
                "assumptions, which are listed at the end.")
    parts.append("<p>" + " ".join(said) + "</p>")
    return ('<section class="howto" aria-label="How to read this report">' + "".join(parts)
            + "</section>")


def build_html(results: ResultSet, title: str | None = None,
               sections: list[Section] | None = None) -> str:
    """The whole report as one HTML string (``sections`` from :func:`collect_sections`, or drawn
    here)."""
    sections = sections if sections is not None else collect_sections(results)
    charts = [c for _, _, items in sections for c in items if isinstance(c, (Chart, TableBlock))]
    base = results.baseline
    place = results.borough
    title = title or f"Home care in {place.display_name}: what the simulations show"
    names = join_words([v.label for v in results.compared])
    reps = sorted({v.replicates for v in results.variants})
    period = (f"{month_name(base.months[0])} to {month_name(base.months[-1])}"
              if base.months else "")
    key_ids = ("policy-", "cost-", "sweep-")
    findings = [c for c in charts if c.id.startswith(key_ids)
                and not (isinstance(c, TableBlock) and not c.finding)]
    sensitive = [c for c in charts if c.id.startswith("sensitivity-")]
    design = ""
    if results.sensitivity:
        design = (f" Sensitivity design: {len(results.sensitivity)} points varying assumptions "
                  "(not policies).")
    section_ids = [f"sec-{slug(name)}" for name, _, _ in sections]
    toc = [("summary", "Summary table")] + [(sid, name) for sid, (name, _, _) in
                                           zip(section_ids, sections)] + [
        ("assumptions", "Key assumptions"), ("about", "About this run")]
    out = [
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>", "<main>",
        '<header class="cover">', f"<h1>{_e(title)}</h1>",
        f'<p class="subtitle">Simulated home care market in {_e(place.display_name)}, {period}. '
        f"Variants: {_e(names)}. "
        f"Baseline: {_e(base.label)}.{_e(design)} Replicates per variant: "
        f"{_e(join_words([str(r) for r in reps]))}.</p>", "</header>",
        '<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>'
        + "".join(f'<li><a href="#{i}">{_e(t)}</a></li>' for i, t in toc) + "</ol></nav>",
        _howto_html(results),
    ]
    if findings or sensitive:
        out.append('<h2 class="first" id="findings">Main findings</h2>')
    if findings:
        out.append('<ul class="findings">'
                   + "".join(f'<li>{_e(c.title)}. <a class="see" href="#{_e(c.id)}">See the '
                             f'{"chart" if isinstance(c, Chart) else "table"}</a></li>'
                             for c in findings)
                   + "</ul>")
    if sensitive:
        out.append("<p>How much the results depend on assumptions (a sensitivity analysis, not "
                   "policies):</p>"
                   '<ul class="findings">'
                   + "".join(f'<li>{_e(c.title)}. <a class="see" href="#{_e(c.id)}">See the '
                             f'{"chart" if isinstance(c, Chart) else "table"}</a></li>'
                             for c in sensitive)
                   + "</ul>")
    unpaired = [label for label, p in _pairings(results) if not p.paired]
    out += ['<h2 class="keep" id="summary">Summary table</h2>',
            '<p class="intro">Whole policy period for the baseline and each policy: median with '
            "its 90% interval, and the change from the baseline where it is clear (green: better, "
            "red: worse)."
            + (f" For {_e(join_words(unpaired))} the change compares the distributions of "
               "separate runs, which share no random numbers with the baseline, and is marked "
               "so." if unpaired else "")
            + (" The points of the sensitivity design are in their own section."
               if results.sensitivity else "") + "</p>",
            _summary_html(results)]
    for sid, (name, intro, items) in zip(section_ids, sections):
        out.append(f'<h2 id="{sid}">{_e(name)}</h2><p class="intro">{_e(intro)}</p>')
        out.extend(_section_html(items))
    out += ['<h2 id="assumptions">Key assumptions</h2>',
            '<p class="intro">The main settings of each run, read from the results file. Every '
            "parameter, with its source, is documented in the project's docs/MODEL.md.</p>",
            _assumptions_html(results),
            '<h2 id="about">About this run</h2>', _about_html(results)]
    if results.notes:
        out.append('<div class="note"><strong>Notes on the results files</strong><ul>'
                   + "".join(f"<li>{_e(n)}</li>" for n in results.notes) + "</ul></div>")
    out += ["<footer>Made by homecare_report from the homecare simulator's results. Colours use "
            "the Okabe–Ito palette, readable with colour-blindness.</footer>",
            "</main>", "</body>", "</html>"]
    return "\n".join(out)


def write(results: ResultSet, path: str | Path, title: str | None = None,
          png_dir: str | Path | None = None) -> Path:
    """Write the report to ``path`` (UTF-8) and return the path; with ``png_dir``, also write
    each chart there as ``<chart id>.png``."""
    sections = collect_sections(results)
    if png_dir is not None:
        png_dir = Path(png_dir)
        png_dir.mkdir(parents=True, exist_ok=True)
        for _, _, items in sections:
            for item in items:
                if isinstance(item, Chart):
                    (png_dir / f"{item.id}.png").write_bytes(item.png)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_html(results, title, sections), encoding="utf-8")
    return path
