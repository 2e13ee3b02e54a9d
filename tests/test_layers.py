"""Apps import only apps on lower layers (docs/development.md, "Layers").

Every module of src/dipps (migrations aside) is read with `ast`, and each reference
to another app is collected: imports at the top or inside functions, relative
imports that climb out of the app, `import_module("dipps.x…")` and
`apps.get_model("x", …)`. A reference to an app on the same row or a higher one
fails, naming file and line; so does an `import_module` of a computed name.
"""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "dipps"

# Bottom to top: the one place the order is written. Apps on one row are siblings
# and do not import each other. An app listed here may be absent from the tree.
LAYERS = (
    ("core",),
    ("accounts",),
    ("programmes",),
    ("companies",),
    ("maturity", "stateaid"),
    ("engagements",),
    ("indicators",),
    ("finance",),
    ("scenarios", "impact"),
    ("competence", "automation"),
    ("privacy", "notices"),
    ("site", "api"),
)
RANK = {app: rank for rank, row in enumerate(LAYERS) for app in row}
COMPUTED = "<computed>"


def references(tree: ast.AST, package: list[str]):
    """(line, app) for each reference to `dipps.<app>` in a module of `package`."""
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) + 1 - node.level] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names = [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and node.args:
            called = getattr(node.func, "attr", getattr(node.func, "id", ""))
            arg = node.args[0]
            text = arg.value if isinstance(arg, ast.Constant) else None
            if called == "import_module":
                names = [text if isinstance(text, str) else f"dipps.{COMPUTED}"]
            elif called == "get_model" and isinstance(text, str):
                names = [f"dipps.{text.split('.')[0]}"]
        for name in names:
            parts = name.split(".")
            if parts[0] == "dipps" and len(parts) > 1:
                yield node.lineno, parts[1]


def problems(source: str, rel: Path) -> list[str]:
    """What is wrong with the imports of the module at `rel` (relative to src/dipps)."""
    app, out = rel.parts[0], []
    for line, target in references(ast.parse(source), ["dipps", *rel.parts[:-1]]):
        if target == COMPUTED:
            out.append(f"{rel}:{line}: import_module of a computed name")
        elif target != app and RANK.get(target, -1) >= RANK[app]:
            out.append(f"{rel}:{line}: {app} imports {target}, which is not on a lower layer")
    return out


def test_every_app_has_its_place_in_the_layers():
    apps = {path.parent.name for path in SRC.glob("*/apps.py")}
    assert apps <= set(RANK), f"add these apps to LAYERS: {sorted(apps - set(RANK))}"


def test_apps_import_only_apps_on_lower_layers():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.parts[0] in RANK and "migrations" not in rel.parts:
            found += problems(path.read_text(encoding="utf-8"), rel)
    assert not found, "\n".join(found)


def test_it_catches_upward_sibling_hidden_and_named_imports_and_lets_downward_ones_be():
    source = (
        "from dipps.core import audit\nfrom ..site import nav\nimport dipps.stateaid\n"
        "def f(app):\n    from dipps.engagements.services import x\n"
        "    import_module('dipps.finance.claims')\n    importlib.import_module(app)\n"
        "    apps.get_model('indicators', 'Target')\n    apps.get_model('auth.User')\n"
    )
    found = problems(source, Path("maturity/services.py"))
    assert [p.split(":")[1] for p in found] == ["2", "3", "5", "6", "7", "8"]
