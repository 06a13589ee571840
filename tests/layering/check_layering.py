"""The engine's layering, checked on its sources (engine/README.md has the map).

The build already refuses most layering mistakes: each folder's users see only its public headers
(cmake/engine_library.cmake), and third-party libraries are linked PRIVATE by the one folder that
uses them. But yaml-cpp, oneTBB and Boost install their headers on the compiler's default search
path, so `#include <tbb/...>` would compile anywhere. This check reads every #include of the
engine and fails when a folder includes a header it must not know about:

- a third-party header outside the folder that owns that library (the kernel and the model never
  include yaml-cpp, HDF5, oneTBB or MPI);
- another engine folder's header that the folder may not depend on;
- a path that climbs out of its folder ("../");
- a cycle among the files of one folder (a .cpp and its .hpp are one node): in the model, the
  mechanisms call one another only in one direction (engine/README.md).

Usage: check_layering.py ENGINE_DIR        (exit 1 and one line per violation)
       check_layering.py --self-test       (plants violations in a copy of a tiny tree)
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

#: Each engine folder and the engine folders whose headers it may include (its own included).
FOLDERS = {
    "common": {"common"},
    "kernel": {"kernel"},
    "model": {"model", "kernel", "common"},
    "scenario": {"scenario", "model", "kernel", "common"},
    "results": {"results", "common"},
    "runner": {"runner", "scenario", "results", "model", "kernel", "common"},
    "app": {"app", "runner", "scenario", "model", "common"},
}

#: Third-party headers (by pattern on the included path) and the folders allowed to include them.
THIRD_PARTY = [
    ("yaml-cpp", re.compile(r"^yaml-cpp/"), {"scenario"}),
    ("HDF5", re.compile(r"^(hdf5[^/]*\.h|H5[A-Za-z0-9_]*\.h)$"), {"results"}),
    ("oneTBB", re.compile(r"^(tbb|oneapi)/"), {"runner"}),
    ("MPI", re.compile(r"^(mpi\.h|mpi/|openmpi/|mpi_)"), {"runner"}),
    ("Random123", re.compile(r"^Random123/"), {"kernel"}),
    # Header-only: ward polygons read and checked by the pack loader, homes placed in them by the model.
    ("Boost.Geometry", re.compile(r"^boost/geometry"), {"scenario", "model"}),
    ("Boost.Program_options", re.compile(r"^boost/program_options"), {"app"}),
    ("sanitizer runtime", re.compile(r"^sanitizer/"), {"runner"}),
]

#: Generated headers (build tree) and the folders that may include them.
GENERATED = {"version.hpp": {"runner", "app"}}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def violations(engine: Path) -> list[str]:
    """One line per forbidden include under `engine`, as `file:line: problem`."""
    out = []
    for path in sorted(engine.rglob("*")):
        if path.suffix not in (".hpp", ".cpp", ".h", ".in") or not path.is_file():
            continue
        rel = path.relative_to(engine)
        folder = rel.parts[0] if len(rel.parts) > 1 else None
        if folder not in FOLDERS:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            quote, inc = m.groups()
            where = f"engine/{rel}:{n}"
            for name, pattern, owners in THIRD_PARTY:
                if pattern.search(inc) and folder not in owners:
                    out.append(f"{where}: {folder}/ includes <{inc}>, a {name} header; only "
                               f"{', '.join(sorted(owners))}/ may")
            if quote == "<":
                continue
            if ".." in Path(inc).parts:
                out.append(f'{where}: "{inc}" climbs out of {folder}/; include another folder '
                           "by its include root")
                continue
            head = Path(inc).parts[0]
            if len(Path(inc).parts) == 1:
                if inc in GENERATED:
                    if folder not in GENERATED[inc]:
                        out.append(f'{where}: {folder}/ includes the generated "{inc}"; only '
                                   f"{', '.join(sorted(GENERATED[inc]))}/ may")
                elif not (path.parent / inc).exists():
                    out.append(f'{where}: "{inc}" is not a header of {folder}/')
                continue
            if head in FOLDERS and head not in FOLDERS[folder]:
                out.append(f'{where}: {folder}/ includes "{inc}", but {folder}/ may depend only on '
                           f"{', '.join(sorted(FOLDERS[folder] - {folder})) or 'nothing'}")
    return out


def include_cycles(engine: Path) -> list[str]:
    """Cycles among the files of each folder, a file's .cpp and .hpp taken as one node."""
    out = []
    for folder in sorted(FOLDERS):
        root = engine / folder
        if not root.is_dir():
            continue
        graph: dict[str, set[str]] = {}
        for path in sorted(root.glob("*.[ch]pp")):
            node = path.stem
            graph.setdefault(node, set())
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                m = INCLUDE.match(line)
                if not m or m.group(1) != '"':
                    continue
                inc = Path(m.group(2))
                if len(inc.parts) == 2 and inc.parts[0] == folder:
                    target = inc.stem
                elif len(inc.parts) == 1 and (root / inc).exists():
                    target = inc.stem
                else:
                    continue
                if target != node:
                    graph[node].add(target)
        # Depth-first search; report each cycle once, from its smallest node.
        seen_cycles = set()
        state: dict[str, int] = {}

        def visit(node: str, stack: list[str]) -> None:
            state[node] = 1
            stack.append(node)
            for nxt in sorted(graph.get(node, ())):
                if state.get(nxt) == 1:
                    cycle = stack[stack.index(nxt):]
                    k = cycle.index(min(cycle))
                    key = tuple(cycle[k:] + cycle[:k])
                    if key not in seen_cycles:
                        seen_cycles.add(key)
                        out.append(f"engine/{folder}/: include cycle " + " -> ".join(key + (key[0],)))
                elif state.get(nxt) is None:
                    visit(nxt, stack)
            stack.pop()
            state[node] = 2

        for node in sorted(graph):
            if state.get(node) is None:
                visit(node, [])
    return out


def self_test() -> int:
    """The check must catch what it is for: plant each kind of violation and expect it."""
    planted = {
        "kernel/a.hpp": ("#include <yaml-cpp/yaml.h>\n", "yaml-cpp header"),
        "model/b.cpp": ("#include <tbb/parallel_for.h>\n", "oneTBB header"),
        "model/c.cpp": ('#include "hdf5.h"\n', "HDF5 header"),
        "model/d.cpp": ("#  include <mpi.h>\n", "MPI header"),
        "model/e.cpp": ('#include "scenario/scenario.hpp"\n', "may depend only on"),
        "results/f.cpp": ('#include "../model/params.hpp"\n', "climbs out"),
        "kernel/g.cpp": ('#include "version.hpp"\n', "generated"),
    }
    cycle = {"model/a1.cpp": '#include "model/a2.hpp"\n', "model/a2.hpp": '#include "model/a3.hpp"\n',
             "model/a3.cpp": '#include "model/a1.hpp"\n', "model/a1.hpp": "#pragma once\n",
             "model/a3.hpp": "#pragma once\n"}
    clean = {"model/ok.cpp": '#include "kernel/time.hpp"\n#include <vector>\n#include "ok.hpp"\n',
             "model/ok.hpp": "#pragma once\n", "scenario/y.cpp": "#include <yaml-cpp/yaml.h>\n"}
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, text in clean.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        if violations(root):
            failures.append(f"a clean tree reported: {violations(root)}")
        for rel, (text, expect) in planted.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
            found = [v for v in violations(root) if v.startswith(f"engine/{rel}:")]
            if not any(expect in v for v in found):
                failures.append(f"{rel} ({text.strip()}) not reported as {expect!r}: {found}")
        if include_cycles(root):
            failures.append(f"a tree without cycles reported: {include_cycles(root)}")
        for rel, text in cycle.items():
            (root / rel).write_text(text)
        found = include_cycles(root)
        if found != ["engine/model/: include cycle a1 -> a2 -> a3 -> a1"]:
            failures.append(f"a planted cycle a1 -> a2 -> a3 -> a1 reported as {found}")
    for f in failures:
        print(f"self-test: {f}", file=sys.stderr)
    print("self-test: " + ("FAILED" if failures else f"all {len(planted)} planted violations and a planted cycle caught"))
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    if argv == ["--self-test"]:
        return self_test()
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    engine = Path(argv[0])
    found = violations(engine) + include_cycles(engine)
    for v in found:
        print(v)
    if not found:
        count = sum(1 for p in engine.rglob("*") if p.suffix in (".hpp", ".cpp"))
        print(f"layering: {count} files of engine/ include only what their folder may, without cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
