"""`delivery` knows nothing of campaigns (STYLE.md): it imports only core and itself."""

from __future__ import annotations

import ast
from pathlib import Path

import beacon.delivery

FORBIDDEN = ("beacon.campaigns", "beacon.actions", "beacon.dashboard", "beacon.api")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_delivery_does_not_import_higher_layers():
    root = Path(beacon.delivery.__file__).parent
    offenders = {
        str(path.relative_to(root)): sorted(
            name for name in imported_modules(path) if name.startswith(FORBIDDEN)
        )
        for path in root.rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}
    assert len(offenders) > 10  # the walk really saw the package
