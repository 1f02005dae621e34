"""A strict Content-Security-Policy on every page, and pages that keep to it: no inline script, no inline
event handler, no style attribute or <style> element, which the policy would block (and which an injected
piece of markup would need). The browser side is in tests/browser/test_csp.py."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ..test_permissions_walk import ACCESS, fill, project_urls, world  # noqa: F401 (world is a fixture)

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
)


def directives(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


class InlineCode(HTMLParser):
    """Collects what a strict policy blocks in a page."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_every_page_has_the_policy(client):
    response = client.get("/")
    assert set(POLICY) <= directives(response)
    img = next(d for d in directives(response) if d.startswith("img-src"))
    assert img.startswith("img-src 'self' data:")
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("role", ["anonymous", "methodist", "admin_user"])
def test_every_page_a_role_opens_has_the_policy_and_no_inline_code(role, world, client_for, request):  # noqa: F811
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    urls = project_urls()
    problems = []
    checked = 0
    for key in sorted(urls):
        if ACCESS[key].method != "GET" or key == "logout":
            continue
        url = fill(urls[key], world)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        checked += 1
        if "Content-Security-Policy" not in response:
            problems.append(f"{url}: no Content-Security-Policy")
            continue
        if key != "portal:organization_embed" and "frame-ancestors 'none'" not in directives(response):
            problems.append(f"{url}: {response['Content-Security-Policy']}")
        problems += [f"{url}: {found}" for found in inline_code(response.content.decode())]
    assert checked > 25  # the walk really reached the pages
    assert not problems, "\n".join(problems)


def test_the_embeddable_block_may_be_framed_by_a_school_site(client, school):
    response = client.get(f"/registry/organizations/{school.pk}/embed/")
    assert response.status_code == 200
    assert "frame-ancestors *" in directives(response)
    assert "X-Frame-Options" not in response


def test_only_the_api_docs_allow_inline_styles_and_still_no_inline_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "style-src 'self' 'unsafe-inline'" in directives(response)
    assert "script-src 'self'" in directives(response)
    assert "<script>" not in response.content.decode()  # the start-up script comes from ?script=


def test_the_admin_keeps_to_the_policy(client, admin_user):
    client.force_login(admin_user)
    for url in ("/admin/login/", "/admin/", "/admin/communities/community/", "/admin/communities/community/add/"):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        if response.status_code == 200:
            assert "Content-Security-Policy" in response, url
            assert not inline_code(response.content.decode()), (url, inline_code(response.content.decode()))


@pytest.mark.parametrize(
    ("tile_url", "allowed"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://tile.openstreetmap.org"]),
        ("https://{s}.tile.example.ru:8443/{z}/{x}/{y}.png", ["https://*.tile.example.ru:8443"]),
        ("", []),  # no tile server: nothing more than our own images
    ],
)
def test_the_map_tile_server_is_the_one_outside_source_of_images(tile_url, allowed):
    from innoinfra.settings import _origin_of

    assert _origin_of(tile_url) == allowed
