"""Formulas of criteria: arithmetic over named figures, evaluated by simpleeval — no attribute access, no calls but
min and max, nothing of Python reachable from what a methodist types."""

from __future__ import annotations

import ast
from decimal import Decimal

from simpleeval import SimpleEval

from innoinfra.core.errors import ServiceError

FUNCTIONS = {"min": min, "max": max}
ALLOWED_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.USub,
    ast.UAdd,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.Call,
)


class MissingFigure(Exception):
    """A figure the formula needs is not known for this organization (no report, no answer)."""


def names_in(formula: str) -> set[str]:
    """The figures a formula reads; refuses what is not plain arithmetic."""
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError:
        raise ServiceError(f"Формула «{formula}» записана с ошибкой.") from None
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ALLOWED_NODES):
            raise ServiceError(f"В формуле «{formula}» допустимы только числа, коды показателей, + − * /, min и max.")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
            raise ServiceError(f"В формуле «{formula}» из функций допустимы только min и max.")
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise ServiceError(f"В формуле «{formula}» допустимы только числа.")
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS:
            names.add(node.id)
    return names


def check(formula: str, known: set[str]) -> str:
    formula = " ".join((formula or "").split())
    if not formula:
        raise ServiceError("Укажите формулу критерия.")
    unknown = sorted(names_in(formula) - known)
    if unknown:
        raise ServiceError(f"В формуле неизвестные коды: {', '.join(unknown)}.")
    return formula


def evaluate(formula: str, figures: dict[str, Decimal | int | float]) -> float:
    """The value; a figure missing → MissingFigure; division by zero → 0 (nothing due means nothing achieved)."""
    needed = names_in(formula)
    missing = needed - figures.keys()
    if missing:
        raise MissingFigure(", ".join(sorted(missing)))
    evaluator = SimpleEval(functions=FUNCTIONS, names={name: float(figures[name]) for name in needed})
    try:
        return float(evaluator.eval(formula))
    except ZeroDivisionError:
        return 0.0
