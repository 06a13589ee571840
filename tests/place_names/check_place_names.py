"""No borough is written into the code: the engine (engine/) and the Python side (python/) must
get every place from a borough pack (boroughs/), so that a council can run another borough by
adding a pack, without a code change (issue 13).

Fails (exit 1, one line per finding: file:line: the name and the code around it) when a C++ or
Python source names a London borough place used so far (Brent, Ealing, Wembley, Harness, Kilburn,
Kingsbury, Willesden) or a ward's ONS code (E05 and six digits) outside:
  - comments (C++ // and /* */, Python #) and Python docstrings: explanations may cite places;
  - string literals that are citations: they contain "Brent report", "Brent scrutiny", "BRENT.md",
    "EALING.md", "Ealing scrutiny", "Ealing report" or "Ealing 2024" (a source, not a place the
    code acts on).
Case matters: "harness" (a test harness) is not the locality.

  /usr/bin/python3 tests/place_names/check_place_names.py ROOT           (the repository)
  /usr/bin/python3 tests/place_names/check_place_names.py --self-test ROOT  (plants findings in a
      copy of a few files and checks each is reported, and that comments and citations are not)
"""
from __future__ import annotations

import ast
import io
import re
import sys
import tempfile
import tokenize
from pathlib import Path

NAMES = re.compile(r"\b(Brent|Ealing|Wembley|Harness|Kilburn|Kingsbury|Willesden)\b|\bE05\d{6}\b")
CITATIONS = ("Brent report", "Brent scrutiny", "BRENT.md", "EALING.md", "Ealing scrutiny", "Ealing report", "Ealing 2024")
CPP_SUFFIXES = {".cpp", ".hpp", ".h", ".cc"}


def cpp_code(text: str) -> list[tuple[int, str, bool]]:
    """(line, piece, is a string literal) for the code of a C++ file: comments removed."""
    out: list[tuple[int, str, bool]] = []
    i, line, n = 0, 1, len(text)
    code_start, code_line = 0, 1

    def flush(end: int) -> None:
        if end > code_start:
            out.append((code_line, text[code_start:end], False))

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            flush(i)
            j = text.find("\n", i)
            i = n if j < 0 else j
            code_start, code_line = i, line
        elif text.startswith("/*", i):
            flush(i)
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
            code_start, code_line = i, line
        elif text.startswith('R"', i) and re.match(r'R"([^(\s]*)\(', text[i:]):
            flush(i)
            delim = re.match(r'R"([^(\s]*)\(', text[i:]).group(1)
            end = text.find(")" + delim + '"', i)
            end = n if end < 0 else end + len(delim) + 2
            out.append((line, text[i:end], True))
            line += text.count("\n", i, end)
            i = end
            code_start, code_line = i, line
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())):  # not a digit separator
            flush(i)
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append((line, text[i:j + 1], True))
            i = j + 1
            code_start, code_line = i, line
        else:
            if c == "\n":
                flush(i)
                line += 1
                code_start, code_line = i + 1, line
            i += 1
    flush(n)
    return out


def python_code(text: str) -> list[tuple[int, str, bool]]:
    """(line, piece, is a string literal) for the code of a Python file: comments and docstrings removed."""
    docstrings: set[int] = set()
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                docstrings.add(body[0].lineno)
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            continue
        if tok.type == tokenize.STRING and tok.start[0] in docstrings:
            continue
        is_string = tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1)
        out.append((tok.start[0], tok.string, is_string))
    return out


def findings(root: Path) -> list[str]:
    out = []
    files = [p for p in sorted((root / "engine").rglob("*")) if p.suffix in CPP_SUFFIXES]
    files += sorted((root / "python").rglob("*.py"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        pieces = cpp_code(text) if path.suffix in CPP_SUFFIXES else python_code(text)
        for line, piece, is_string in pieces:
            for m in NAMES.finditer(piece):
                if is_string and any(c in piece for c in CITATIONS):
                    continue
                rel = path.relative_to(root)
                out.append(f"{rel}:{line}: '{m.group(0)}' in {piece.strip()[:80]!r}")
    return out


def self_test(root: Path) -> int:
    planted = {
        "engine/model/x.cpp": ('// Brent in a comment is fine\n/* Wembley too */\n'
                               'const char* s = "cited in the Brent scrutiny report";\n'
                               'int a = 1\'000;  // a digit separator\n'
                               'const char* bad = "Kilburn";\nint E05000085 = 0;\n', {5, 6}),
        "python/pkg/y.py": ('"""Docstring naming Ealing."""\n# Willesden in a comment\n'
                            'CITE = "BRENT.md, table 3"\nX = "Kingsbury"\n\ndef f():\n    """Harness."""\n'
                            '    return "Harness"\n', {4, 8}),
    }
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for rel, (text, _) in planted.items():
            (t / rel).parent.mkdir(parents=True, exist_ok=True)
            (t / rel).write_text(text)
        got = findings(t)
    expected = {f"{rel}:{line}" for rel, (_, lines) in planted.items() for line in lines}
    seen = {":".join(f.split(":")[:2]) for f in got}
    if seen != expected:
        print("self-test failed: expected findings at", sorted(expected), "got", got)
        return 1
    print(f"self-test ok ({len(got)} planted findings reported, comments and citations passed)")
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--self-test":
        return self_test(Path(argv[1]))
    root = Path(argv[0]) if argv else Path(__file__).resolve().parents[2]
    found = findings(root)
    for f in found:
        print(f)
    if found:
        print(f"{len(found)} place name(s) in code: take them from the borough pack (boroughs/)")
        return 1
    print("no place names in engine/ or python/ code")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
