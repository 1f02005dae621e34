"""axe-core in the real browser: `assert_accessible(page)` fails on serious or critical WCAG 2.1 A/AA violations.

axe-core is an npm devDependency (package.json); it is never copied to static/vendor, the tests take it from
node_modules. It enters the page through the DevTools protocol (`page.evaluate` or the context's init script), not
as a <script> tag, because the strict Content-Security-Policy of our pages would refuse an inline script."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

# An HTMX fragment opened on its own has no <html lang> and no <title>: those belong to the page it is swapped into.
WHOLE_PAGE_ONLY = ["document-title", "html-has-lang"]

RUN = """async ([tags, off]) => {
  const rules = Object.fromEntries(off.map((id) => [id, {enabled: false}]));
  const options = {runOnly: {type: "tag", values: tags}, rules, resultTypes: ["violations"]};
  const results = await axe.run(document, options);
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
  }));
}"""


@cache
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is not installed ({AXE_JS} is missing): run `make setup` (it runs npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


def violations(page, *, fragment: bool = False) -> list[dict]:
    """Serious and critical violations on the page as it is now (`fragment`: an HTMX piece opened on its own)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    found = page.evaluate(RUN, [TAGS, WHOLE_PAGE_ONLY if fragment else []])
    return [v for v in found if v["impact"] in BLOCKING]


def describe(found: list[dict], context: str = "") -> str:
    lines = [f"{context}: {len(found)} serious/critical axe violation(s)" if context else "axe violations"]
    for v in found:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:8]:
            detail = node["summary"].replace("\n", " ")[:200]
            lines.append(f"      {node['target']} — {detail}")
        if len(v["nodes"]) > 8:
            lines.append(f"      … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page, context: str = "") -> None:
    """Fail with a readable list (rule, selector, why) if axe finds serious or critical WCAG 2.1 AA problems."""
    found = violations(page)
    assert not found, describe(found, context or page.url)
