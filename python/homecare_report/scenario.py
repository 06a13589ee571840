"""Read the scenario text stored in a results file: its name, its policy dates, its assumptions.

The engine stores the scenario as YAML text (root attributes ``scenario_yaml`` and
``resolved_yaml``). Only Python's standard library may be used here, so this module holds a small
reader for the block-style YAML the engine writes: nested mappings, sequences and scalars, with
flow-style values (``[{from: 2019-04-01, share: 0.5}]``) kept as text. It never fails: lines it
cannot place are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .wording import humanise_name

ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

#: Key-path prefixes that describe the run itself, not a policy (their dates are not marked).
RUN_KEYS = ("run.", "meta.", "output.")

#: Default month when new contracts start (MODEL.md: 1 October 2018).
DEFAULT_SWITCH_MONTH = "2018-10"


@dataclass(frozen=True)
class ScenarioDate:
    """A date found in the scenario: ISO text, the key path it came from, and a short label."""

    iso: str
    path: str
    label: str

    @property
    def month(self) -> str:
        """The ``YYYY-MM`` month the date falls in."""
        return self.iso[:7]


def _strip_comment(line: str) -> str:
    """Drop a ``#`` comment that is not inside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _split_key(content: str) -> tuple[str, str] | None:
    """Split ``key: value`` (value may be empty); None when the line is not a mapping entry."""
    if content.startswith(("'", '"')):
        end = content.find(content[0], 1)
        if end > 0 and content[end + 1:end + 2] == ":":
            rest = content[end + 2:]
            if rest == "" or rest[0] in " \t":
                return content[1:end], rest.strip()
        return None
    if content.startswith(("[", "{")):
        return None
    m = re.match(r"([^:\s][^:]*?)\s*:(?:\s+(.*)|$)", content)
    if not m:
        return None
    return m.group(1).strip(), (m.group(2) or "").strip()


def flatten(text: str) -> list[tuple[str, str]]:
    """Flatten block YAML into ``(key.path, value text)`` pairs in file order.

    Sequence items get ``[i]`` in the path (``wages.steps[0].from``). Block scalars (``|``, ``>``)
    are joined into one line. Flow collections stay as their text.
    """
    lines = [_strip_comment(l).rstrip() for l in (text or "").splitlines()]
    out: list[tuple[str, str]] = []
    stack: list[tuple[int, str, bool]] = [(-1, "", False)]  # (indent, path, is sequence item)
    next_index: dict[str, int] = {}
    i = 0

    def join(prefix: str, key: str) -> str:
        return f"{prefix}.{key}" if prefix else key

    def entry(indent: int, content: str, parent: str) -> None:
        nonlocal i
        kv = _split_key(content)
        if kv is None:
            if parent:
                out.append((parent, _unquote(content)))
            return
        key, value = kv
        path = join(parent, key)
        if value in ("|", ">", "|-", ">-", "|+", ">+"):
            block = []
            while i + 1 < len(lines) and (not lines[i + 1].strip()
                                          or len(lines[i + 1]) - len(lines[i + 1].lstrip()) > indent):
                i += 1
                block.append(lines[i].strip())
            out.append((path, " ".join(b for b in block if b)))
        elif value == "":
            stack.append((indent, path, False))
        else:
            out.append((path, _unquote(value)))

    while i < len(lines):
        line = lines[i]
        content = line.strip()
        if not content or content in ("---", "...") or content.startswith("%"):
            i += 1
            continue
        indent = len(line) - len(line.lstrip(" "))
        if content == "-" or content.startswith("- "):
            # A dash at its parent key's indent still belongs to that key (``key:\n- a``).
            while len(stack) > 1 and (stack[-1][0] > indent
                                      or (stack[-1][0] == indent and stack[-1][2])):
                stack.pop()
            parent = stack[-1][1]
            idx = next_index.get(parent, 0)
            next_index[parent] = idx + 1
            item = f"{parent}[{idx}]"
            stack.append((indent, item, True))
            rest = content[1:].strip()
            if rest:
                entry(indent + 2, rest, item)
        else:
            while len(stack) > 1 and stack[-1][0] >= indent:
                stack.pop()
            entry(indent, content, stack[-1][1])
        i += 1
    return out


def scenario_name(text: str) -> str | None:
    """The scenario's ``name`` (top level, or under ``scenario:``), if it has one."""
    for path, value in flatten(text):
        if path in ("name", "scenario.name", "scenario") and value:
            return value
    return None


def _date_label(path: str, n_in_value: int, k: int) -> str:
    """A short label for a date found at ``path`` (the k-th of n dates in the value)."""
    parts = [p for p in re.sub(r"\[\d+\]", "", path).split(".")
             if p not in ("date", "from", "start", "on", "value", "schedule")]
    label = humanise_name(" ".join(parts[-2:]) if parts else path)
    if n_in_value > 1:
        label += f", step {k + 1}"
    return label


def dates(text: str) -> list[ScenarioDate]:
    """Every policy date in the scenario (not the run's own start and end), in date order."""
    found: dict[str, ScenarioDate] = {}
    for path, value in flatten(text):
        if path.startswith(RUN_KEYS):
            continue
        hits = ISO_DATE.findall(value)
        for k, (y, m, d) in enumerate(hits):
            iso = f"{y}-{m}-{d}"
            found.setdefault(iso, ScenarioDate(iso, path, _date_label(path, len(hits), k)))
    return sorted(found.values(), key=lambda s: s.iso)


def switch_month(text: str) -> str:
    """Month the policy period starts: the date under a key naming the commissioning switch or
    the policy start (``commissioning.switch_date``, ``run.policy_start``), else October 2018."""
    for path, value in flatten(text):
        last = path.rsplit(".", 1)[-1].lower()
        m = ISO_DATE.search(value)
        if m and ("switch" in last or last == "policy_start"):
            return m.group(0)[:7]
    return DEFAULT_SWITCH_MONTH


#: Words in a key path that mark an assumption a councillor will want to see first.
KEY_WORDS = ("commission", "switch", "patch", "llw", "living_wage", "wage", "price", "training",
             "direct_payment", "budget", "growth", "demand", "quit", "elasticity", "funds", "who_pays")


def key_assumptions(text: str, limit: int = 30) -> list[tuple[str, str]]:
    """The scenario's policy levers and main behavioural assumptions, at most ``limit`` of them."""
    rows = [(p, v) for p, v in flatten(text)
            if any(w in p.lower() for w in KEY_WORDS) and len(v) <= 160]
    return rows[:limit]
