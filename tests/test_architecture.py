"""The layering of ARCHITECTURE.md, read from the code's own imports.

1. Imports point one way: base < calendar < knowledge < schedule < cases < letter < views < front ends.
2. Only a front end touches the terminal or a web framework; the web page never prints either.
3. No import loops between modules.
4. No module much over 400 lines.

``violations`` is run on the real package, and on small made-up packages that break each rule,
so the test is shown to fail when a rule is broken.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

LAYERS = ("base", "calendar", "knowledge", "schedule", "cases", "letter", "views")
FRONT_ENDS = ("cli", "web")
UI_LIBRARIES = ("typer", "click", "rich", "starlette", "jinja2", "uvicorn", "segno")
TERMINAL = ("sys.stdout", "sys.stderr", "sys.stdin", "print", "input")
MAX_LINES = 420
# The one import between front ends: `ybguide serve` starts the web page.  The web page never
# imports the command line.
FRONT_END_BRIDGE = ("cli", "web.server")


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST, module: str, is_package: bool, modules) -> list[tuple[int, str]]:
    """(line, imported module) for every import, at any depth (a function's import runs too)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from yb_guide.views import cases` imports the module yb_guide.views.cases
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules]
            found += [(node.lineno, sub) for sub in subs] or [(node.lineno, target)]
    return found


def _terminal_uses(tree: ast.AST) -> list[tuple[int, str]]:
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "sys":
            name = f"sys.{node.attr}"
            if name in TERMINAL:
                uses.append((node.lineno, name))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("print", "input"):
            uses.append((node.lineno, node.func.id + "()"))
    return uses


def _dynamic_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """importlib.import_module(…) and __import__(…): an import the layering check cannot see."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr == "import_module" or isinstance(f, ast.Name) and \
                    f.id in ("__import__", "import_module"):
                found.append((node.lineno, "importlib.import_module" if not isinstance(f, ast.Name) or
                              f.id == "import_module" else "__import__"))
    return found


def _layer(package: str, module: str) -> tuple[str, int] | None:
    """(sub-package, rank) of a module of ``package``; front ends share the top rank."""
    parts = module.split(".")
    if parts[0] != package or len(parts) < 2:
        return None
    sub = parts[1]
    if sub in LAYERS:
        return sub, LAYERS.index(sub)
    if sub in FRONT_ENDS or sub == "__main__":
        return sub, len(LAYERS)
    return None


def violations(root: Path) -> list[str]:
    """Every broken rule in the package at ``root``, as 'file:line: what'."""
    package = root.name
    modules = {}
    for path in sorted(root.rglob("*.py")):
        if "data" in path.relative_to(root).parts:
            continue
        modules[_module_name(root, path)] = path
    problems: list[str] = []
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(root.parent)
        lines = text.count("\n") + 1
        if lines > MAX_LINES:
            problems.append(f"{where}: {lines} lines (more than {MAX_LINES})")
        tree = ast.parse(text)
        mine = _layer(package, module)
        if mine and mine[0] not in FRONT_ENDS and mine[0] != "__main__":
            for line, what in _dynamic_imports(tree):
                problems.append(f"{where}:{line}: {mine[0]} uses {what} (an import the layers cannot check)")
        for line, target in _imports(tree, module, path.name == "__init__.py", modules):
            top = target.split(".")[0]
            if mine and mine[0] not in FRONT_ENDS and mine[0] != "__main__" and top in UI_LIBRARIES:
                problems.append(f"{where}:{line}: {mine[0]} imports {top} (only a front end may)")
            if target in modules and target != module:
                graph[module].add(target)
            theirs = _layer(package, target)
            if mine and theirs and theirs[1] > mine[1]:
                problems.append(f"{where}:{line}: {mine[0]} imports {target} (a higher layer: {theirs[0]})")
            bridge = (mine[0] if mine else None, ".".join(target.split(".")[1:])) == FRONT_END_BRIDGE
            if mine and theirs and mine[0] in FRONT_ENDS and theirs[0] in FRONT_ENDS and mine[0] != theirs[0] \
                    and not bridge:
                problems.append(f"{where}:{line}: front end {mine[0]} imports front end {theirs[0]}")
        # the web page answers in pages: a print would go to the terminal of whoever started it
        if mine and mine[0] not in ("cli", "__main__"):
            why = "the web page answers in pages, never on a terminal" if mine[0] == "web" else \
                "only a front end touches the terminal"
            for line, use in _terminal_uses(tree):
                problems.append(f"{where}:{line}: {mine[0]} uses {use} ({why})")
    problems += [f"import loop: {' -> '.join(loop)}" for loop in _loops(graph)]
    return list(dict.fromkeys(problems))


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_package_keeps_its_layers():
    assert violations(ROOT / "yb_guide") == []


def test_every_layer_is_a_package_and_the_top_level_is_only_them():
    top = sorted(p.name for p in (ROOT / "yb_guide").iterdir() if not p.name.startswith(("_", ".")) and p.name != "data")
    assert set(top) <= set(LAYERS) | set(FRONT_ENDS), top
    assert all((ROOT / "yb_guide" / name / "__init__.py").exists() for name in top)


# ---------------------------------------------------------------- the test of the test


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return root


def test_a_clean_made_up_package_passes(tmp_path):
    root = _package(tmp_path, {
        "base/errors.py": "class E(Exception): pass\n",
        "calendar/dates.py": "from pkg.base.errors import E\n",
        "cli/app.py": "import sys\nimport rich\nfrom pkg.calendar import dates\nprint(sys.stdout)\n",
    })
    assert violations(root) == []


def test_an_import_that_points_up_is_found(tmp_path):
    root = _package(tmp_path, {
        "calendar/dates.py": "def f():\n    from pkg.views import screens\n",
        "views/screens.py": "",
    })
    assert violations(root) == ["pkg/calendar/dates.py:2: calendar imports pkg.views.screens (a higher layer: views)"]


def test_a_library_that_prints_or_uses_rich_is_found(tmp_path):
    root = _package(tmp_path, {"schedule/batch.py": "import sys\nfrom rich.text import Text\nsys.stdout.write('x')\nprint(1)\n"})
    found = violations(root)
    assert "pkg/schedule/batch.py:2: schedule imports rich (only a front end may)" in found
    assert "pkg/schedule/batch.py:3: schedule uses sys.stdout (only a front end touches the terminal)" in found
    assert "pkg/schedule/batch.py:4: schedule uses print() (only a front end touches the terminal)" in found


def test_a_loop_and_a_long_module_are_found(tmp_path):
    root = _package(tmp_path, {
        "knowledge/a.py": "from pkg.knowledge import b\n",
        "knowledge/b.py": "from pkg.knowledge.a import x\n" + "y = 1\n" * 500,
    })
    found = violations(root)
    assert "import loop: pkg.knowledge.a -> pkg.knowledge.b" in found
    assert any(p.startswith("pkg/knowledge/b.py: 502 lines") for p in found)


def test_front_ends_do_not_import_each_other(tmp_path):
    root = _package(tmp_path, {"web/app.py": "from pkg.cli import output\n", "cli/output.py": ""})
    assert violations(root) == ["pkg/web/app.py:1: front end web imports front end cli"]


def test_the_command_line_may_start_the_web_page_and_nothing_more(tmp_path):
    root = _package(tmp_path, {"cli/app.py": "def serve():\n    from pkg.web import server\n    from pkg.web import app\n",
                               "web/server.py": "", "web/app.py": ""})
    assert violations(root) == ["pkg/cli/app.py:3: front end cli imports front end web"]


def test_the_web_page_does_not_print(tmp_path):
    root = _package(tmp_path, {"web/app.py": "import sys\nprint('started')\nsys.stderr.write('x')\n"})
    assert violations(root) == ["pkg/web/app.py:2: web uses print() (the web page answers in pages, never on a terminal)",
                                "pkg/web/app.py:3: web uses sys.stderr (the web page answers in pages, never on a terminal)"]


def test_a_library_that_imports_by_name_is_found(tmp_path):
    root = _package(tmp_path, {"knowledge/loader.py": "import importlib\nm = importlib.import_module('pkg.cli.app')\n",
                               "schedule/x.py": "y = __import__('pkg.web')\n",
                               "cli/frame.py": "import importlib\nm = importlib.import_module('pkg.cli.app')\n"})
    found = violations(root)
    assert "pkg/knowledge/loader.py:2: knowledge uses importlib.import_module (an import the layers cannot check)" in found
    assert "pkg/schedule/x.py:1: schedule uses __import__ (an import the layers cannot check)" in found
    assert not [f for f in found if f.startswith("pkg/cli/")]  # a front end may (cli.frame loads commands lazily)
