"""Every random stream of the model is keyed by a stable identity, never by a running count.

Common random numbers (engine/model/streams.hpp) hold only while a draw's key names the same
thing in every variant: a person, a post, a provider, a ward, a day. A key built from a running
count (`hires++`, a global tally) shifts every later draw of its kind as soon as a policy changes
one event. The C++ types already refuse a bare number as a stream's agent (StreamAgent has only
named builders); this check reads the sources and fails when

- a `keys(...)` call's agent is not one of StreamAgent's builders (or a variable set from one);
- any argument of a `keys(...)` call, or of a StreamAgent builder, counts as it goes (`++`, `--`,
  `+=`, `-=`);
- a Purpose of streams.hpp has no entry in the registry `purpose_agent`, or no comment saying how
  it is keyed.

Usage: check_stream_keys.py ENGINE_DIR        (exit 1 and one line per problem)
       check_stream_keys.py --self-test       (plants each kind of problem in a copy)
"""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

COUNTING = re.compile(r"\+\+|--|\+=|-=")


def calls(text: str, name: str):
    """(line, argument text) of every call `name(` in `text`, parentheses balanced."""
    for m in re.finditer(r"\b" + re.escape(name) + r"\s*\(", text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        yield text.count("\n", 0, m.start()) + 1, text[m.end():i - 1]


def split_args(args: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in args:
        if ch in "(<[{":
            depth += 1
        elif ch in ")>]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def problems(engine: Path) -> list[str]:
    out = []
    model = engine / "model"
    for path in sorted(model.glob("*.cpp")):
        text = path.read_text(encoding="utf-8")
        where = f"engine/model/{path.name}"
        # Agents kept in a variable first: `const StreamAgent name = StreamAgent::...`.
        named = set(re.findall(r"\bStreamAgent\s+(\w+)\s*=\s*StreamAgent::", text))
        for line, args in calls(text, "keys"):
            parts = split_args(args)
            if len(parts) < 2:
                continue
            if not parts[1].startswith("StreamAgent::") and parts[1] not in named:
                out.append(f"{where}:{line}: a stream keyed by '{parts[1]}', not by a StreamAgent")
            if COUNTING.search(args):
                out.append(f"{where}:{line}: a stream keyed by a running count ({args.strip()})")
        for line, args in calls(text, "StreamAgent::vacancy") :
            if COUNTING.search(args):
                out.append(f"{where}:{line}: a vacancy keyed by a running count ({args.strip()})")
    header = (model / "streams.hpp").read_text(encoding="utf-8")
    enum = header[header.index("enum Purpose"):header.index("};", header.index("enum Purpose"))]
    purposes = re.findall(r"^\s*(rng_\w+)\s*=\s*\d+,(.*)$", enum, re.M)
    registered = set(re.findall(r"a\[(rng_\w+)\]\s*=", header))
    for name, comment in purposes:
        if name not in registered:
            out.append(f"engine/model/streams.hpp: purpose {name} has no entry in purpose_agent")
        if "//" not in comment:
            out.append(f"engine/model/streams.hpp: purpose {name} does not say how it is keyed")
    return out


def self_test(engine: Path) -> int:
    planted = {
        "workforce.cpp": ("keys(rng_hire, StreamAgent::provider(pid), hires++)", "running count"),
        "brokerage.cpp": ("keys(rng_brokerage, uid.value, day)", "not by a StreamAgent"),
        "delivery.cpp": ("StreamAgent::vacancy(pid, place += 1)", "running count"),
    }
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "engine"
        shutil.copytree(engine / "model", root / "model")
        if problems(root):
            failures.append(f"the real sources reported: {problems(root)}")
        for file, (call, expect) in planted.items():
            p = root / "model" / file
            original = p.read_text()
            p.write_text(original + f"\nvoid planted() {{ kernel::RandomStream rs(s.{call}); }}\n")
            if not any(expect in x and file in x for x in problems(root)):
                failures.append(f"{file}: '{call}' not reported as {expect!r}")
            p.write_text(original)
        h = root / "model" / "streams.hpp"
        original = h.read_text()
        h.write_text(original.replace("  rng_purposes", "  rng_planted = 99,\n  rng_purposes"))
        found = problems(root)
        if not any("rng_planted has no entry" in x for x in found) or not any("rng_planted does not say" in x for x in found):
            failures.append(f"an unregistered, undocumented purpose reported as {found}")
    for f in failures:
        print(f"self-test: {f}", file=sys.stderr)
    print("self-test: " + ("FAILED" if failures else "every planted problem caught"))
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--self-test":
        return self_test(Path(argv[1]))
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    found = problems(Path(argv[0]))
    for p in found:
        print(p)
    if not found:
        print("stream keys: every stream of the model is keyed by a StreamAgent, none by a running count")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
