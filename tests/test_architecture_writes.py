"""Writes only through services: views, API views and serializers never write to the database themselves.

Every page and every API write calls a service function (`<app>/services.py`), which runs in a transaction,
records who did it and refuses with a Russian ServiceError; so the page and the API cannot disagree. This module
reads the source of every view and API module with `ast` and fails naming `file:line` of each write it finds:

- `.save()`, `.delete()`, `.create()`, `.bulk_create()`, `.bulk_update()`, `.get_or_create()`,
  `.update_or_create()` on anything (a model, a form, a formset, a serializer, a manager) — except the
  `super().create(…)` / `super().update(…)` of a DRF view, which only hands over to the view's own
  `perform_create` / `perform_update`, checked here like the rest;
- `.update()` on a queryset: a manager (`X.objects`), a queryset method's result (`….filter(…)`, `.all()` …),
  or a name bound to one of those in the same function — a dict's `context.update(…)` is none of them;
- `transaction.atomic` / `transaction.set_rollback`: a view that needs a transaction is doing a service's job.

It also checks that no API or serializer module imports a views module: what both need lives in a
non-view module (services, queries, forms, exports …).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "innoinfra"

ALWAYS_WRITES = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
# What a manager or a queryset answers with another queryset; `values` is left out (a dict has it too).
QUERYSET_METHODS = {
    "all",
    "alias",
    "annotate",
    "complex_filter",
    "defer",
    "distinct",
    "exclude",
    "filter",
    "get_queryset",
    "none",
    "only",
    "order_by",
    "prefetch_related",
    "reverse",
    "select_for_update",
    "select_related",
    "using",
}
TRANSACTION_CALLS = {"atomic", "set_rollback"}


def view_modules() -> list[Path]:
    """Modules that are views or API: `*views*.py` (core's too), `views/` packages, `api.py` or an `api/` package,
    `*_api.py`, `serializers.py` or a `serializers/` package of every app."""
    patterns = (
        "*/*views*.py",
        "*/views/**/*.py",
        "*/api.py",
        "*/api/**/*.py",
        "*/*_api.py",
        "*/serializers.py",
        "*/serializers/**/*.py",
    )
    found = {path for pattern in patterns for path in PACKAGE.glob(pattern)}
    return sorted(path for path in found if "migrations" not in path.parts)


def _in_api_package(path: Path) -> bool:
    """A module of an app's `api/` or `serializers/` package (`innoinfra/review/api/calls.py`)."""
    parts = path.relative_to(PACKAGE).parts
    return len(parts) > 2 and parts[1] in ("api", "serializers")


def api_modules() -> list[Path]:
    return [
        path
        for path in view_modules()
        if path.name in ("api.py", "serializers.py") or path.stem.endswith("_api") or _in_api_package(path)
    ]


def _is_super_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"


def _is_queryset(node: ast.expr, querysets: set[str]) -> bool:
    """A manager (`X.objects`), a queryset method's result, or a name bound to one of those."""
    if isinstance(node, ast.Attribute) and node.attr == "objects":
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in QUERYSET_METHODS
    return isinstance(node, ast.Name) and node.id in querysets


def _own_statements(scope: ast.AST):
    """The nodes of a function (or of the module) outside the functions defined in it."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _queryset_names(scope: ast.AST, enclosing: set[str]) -> set[str]:
    """Names a scope binds to a queryset (followed through `qs = qs.filter(…)`), with those it sees from outside."""
    assignments = []
    for node in _own_statements(scope):
        if isinstance(node, ast.Assign):
            assignments += [(target.id, node.value) for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            assignments.append((node.target.id, node.value))
    names = set(enclosing)
    changed = True
    while changed:
        changed = False
        for name, value in assignments:
            if name not in names and _is_queryset(value, names):
                names.add(name)
                changed = True
    return names


class _WriteFinder(ast.NodeVisitor):
    def __init__(self, tree: ast.Module):
        self.found: set[tuple[int, str]] = set()
        self.querysets = [_queryset_names(tree, set())]

    def _scope(self, node):
        self.querysets.append(_queryset_names(node, self.querysets[-1]))
        self.generic_visit(node)
        self.querysets.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _scope

    def visit_Call(self, node: ast.Call):
        if isinstance(node.func, ast.Attribute):
            method, receiver = node.func.attr, node.func.value
            if method in ALWAYS_WRITES and not (method in ("create", "update") and _is_super_call(receiver)):
                self.found.add((node.lineno, f"{ast.unparse(node.func)}() writes; call a service instead"))
            elif method == "update" and _is_queryset(receiver, self.querysets[-1]):
                self.found.add((node.lineno, f"{ast.unparse(node.func)}() updates a queryset; call a service instead"))
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute):
        # `@transaction.atomic`, `with transaction.atomic():`, `transaction.set_rollback(True)`
        if node.attr in TRANSACTION_CALLS and isinstance(node.value, ast.Name) and node.value.id == "transaction":
            self.found.add((node.lineno, f"transaction.{node.attr}: a write that needs a transaction is a service"))
        self.generic_visit(node)


def write_violations(source: str, filename: str = "<source>") -> list[str]:
    """`file:line: what` for every database write (or transaction) written in a view or API module's source."""
    tree = ast.parse(source, filename)
    finder = _WriteFinder(tree)
    finder.visit(tree)
    return [f"{filename}:{line}: {what}" for line, what in sorted(finder.found)]


def _is_views_module(dotted: str) -> bool:
    """A views module, or any module of a `views/` package (`innoinfra.review.views.rankings`)."""
    return any(part == "views" or part.endswith("_views") or part.startswith("views_") for part in dotted.split("."))


def views_imports(source: str, filename: str = "<source>") -> list[str]:
    """`file:line: module` for every import of a project's views module (`from .views import x`, `from . import
    views`, `from innoinfra.plans.views import x`, `import innoinfra.review.views`); libraries' views are fine."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and not module.startswith("innoinfra"):
                continue  # a library's own views (rest_framework.views) are no app's views
            if module and _is_views_module(module):
                found.append(f"{filename}:{node.lineno}: imports {'.' * node.level}{module}")
            prefix = "." * node.level + (f"{module}." if module else "")
            found += [
                f"{filename}:{node.lineno}: imports {prefix}{alias.name}"
                for alias in node.names
                if _is_views_module(alias.name)
            ]
        elif isinstance(node, ast.Import):
            found += [
                f"{filename}:{node.lineno}: imports {alias.name}"
                for alias in node.names
                if alias.name.startswith("innoinfra") and _is_views_module(alias.name)
            ]
    return found


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


# ---------------------------------------------------------------- the project


def test_the_walk_reads_the_views_and_api_modules_of_every_kind():
    walked = {_relative(path) for path in view_modules()}
    for expected in (
        "innoinfra/review/views/calls.py",
        "innoinfra/review/views/applications.py",
        "innoinfra/plans/views/calendar.py",
        "innoinfra/events/api/registrations.py",
        "innoinfra/core/views/installation.py",
        "innoinfra/core/views/notifications.py",
        "innoinfra/registry/views/manage.py",
        "innoinfra/reports/views/builder.py",
        "innoinfra/registry/api.py",
        "innoinfra/review/api/reviews.py",
        "innoinfra/review/serializers/applications.py",
    ):
        assert expected in walked
    assert {_relative(path) for path in api_modules()} >= {
        "innoinfra/plans/api.py",
        "innoinfra/review/api/reviews.py",
        "innoinfra/review/serializers/applications.py",
        "innoinfra/events/api/registrations.py",
    }


def test_views_and_the_api_write_only_through_services():
    violations = [
        violation
        for path in view_modules()
        for violation in write_violations(path.read_text(encoding="utf-8"), _relative(path))
    ]
    assert not violations, "Views and API modules must call a service to write:\n" + "\n".join(violations)


def test_api_and_serializer_modules_import_no_views():
    imports = [
        found for path in api_modules() for found in views_imports(path.read_text(encoding="utf-8"), _relative(path))
    ]
    assert not imports, "API modules must not use views as libraries:\n" + "\n".join(imports)


# ---------------------------------------------------------------- the checker itself


@pytest.mark.parametrize(
    "line",
    [
        "obj.save()",
        "form.save()",
        "formset.save(commit=False)",
        "serializer.save()",
        "document.delete()",
        "CallDocument.objects.create(call=call, title='x')",
        "application.files.create(title='x')",
        "Criterion.objects.bulk_create(rows)",
        "Tag.objects.get_or_create(name='x')",
        "Tag.objects.update_or_create(name='x', defaults={})",
        "Practice.objects.filter(pk=1).update(views=F('views') + 1)",
        "Practice.objects.update(views=0)",
        "call.applications.all().update(state='x')",
    ],
)
def test_the_checker_finds_a_write_in_a_view(line):
    source = f"def view(request, pk):\n    {line}\n    return redirect('/')\n"
    violations = write_violations(source, "innoinfra/x/views.py")
    assert len(violations) == 1
    assert violations[0].startswith("innoinfra/x/views.py:2: ") and violations[0].endswith("call a service instead")


def test_the_checker_follows_a_queryset_bound_to_a_name():
    source = (
        "def view(request):\n"
        "    rows = Practice.objects.filter(state='draft')\n"
        "    rows = rows.exclude(pk=1)\n"
        "    rows.update(views=0)\n"
    )
    assert write_violations(source, "v.py") == ["v.py:4: rows.update() updates a queryset; call a service instead"]


def test_the_checker_sees_a_queryset_from_the_enclosing_function_in_a_lambda():
    source = (
        "def view(request):\n"
        "    rows = Practice.objects.all()\n"
        "    report(request, lambda: rows.update(views=0), 'ok')\n"
    )
    assert [v.split(": ", 1)[0] for v in write_violations(source, "v.py")] == ["v.py:3"]


def test_the_checker_does_not_mistake_a_dict_for_another_functions_queryset():
    source = (
        "def one(request):\n"
        "    rows = Practice.objects.all()\n"
        "    return rows\n"
        "def two(request):\n"
        "    rows = {}\n"
        "    rows.update(a=1)\n"
    )
    assert write_violations(source) == []


def test_the_checker_leaves_dict_updates_alone():
    source = (
        "def view(request):\n"
        "    context = {'a': 1}\n"
        "    context.update(b=2, plan=plan)\n"
        "    initial = dict(request.GET)\n"
        "    initial.update({'c': 3})\n"
        "    table_context(request, plan).update(d=4)\n"
        "    return render(request, 't.html', context)\n"
    )
    assert write_violations(source) == []


def test_the_checker_lets_a_drf_view_hand_over_to_its_perform_hooks():
    source = (
        "class V(ViewSet):\n"
        "    def create(self, request, *args, **kwargs):\n"
        "        return super().create(request, *args, **kwargs)\n"
        "    def update(self, request, *args, **kwargs):\n"
        "        return super().update(request, *args, **kwargs)\n"
    )
    assert write_violations(source) == []


def test_the_checker_finds_a_transaction_in_a_view():
    source = (
        "@transaction.atomic\n"
        "def view(request):\n"
        "    with transaction.atomic():\n"
        "        services.a(x)\n"
        "        services.b(x)\n"
    )
    assert [v.split(": ", 1)[0] for v in write_violations(source, "v.py")] == ["v.py:1", "v.py:3"]


def test_the_import_check_finds_a_views_module_used_as_a_library():
    source = (
        "from .views import sections_with_items\n"
        "from . import ranking_views\n"
        "from innoinfra.plans.views_calendar import feed\n"
        "import innoinfra.review.views\n"
        "from .views.rankings import ranked_call\n"
        "from . import queries, services\n"
        "from .serializers import PlanSerializer\n"
        "from rest_framework.views import APIView\n"
        "from django.contrib.auth import views as auth_views\n"
    )
    assert [line.split(": ", 1)[0] for line in views_imports(source, "api.py")] == [
        "api.py:1",
        "api.py:2",
        "api.py:3",
        "api.py:4",
        "api.py:5",
    ]
