"""The version for visually impaired visitors, the favicon and the web-app manifest, server side: the cookie becomes
classes on <html> before any script runs, a tampered cookie falls back to the defaults, the form works without
scripts. The browser side is in tests/browser/test_low_vision.py."""

from __future__ import annotations

import json
import re

import pytest

from innoinfra.core import low_vision

pytestmark = pytest.mark.django_db


def html_class(response) -> str:
    match = re.search(r'<html lang="ru"(?: class="([^"]*)")?>', response.content.decode())
    assert match, "no <html> tag"
    return match.group(1) or ""


def test_an_ordinary_visitor_gets_no_classes(client):
    response = client.get("/")
    assert html_class(response) == ""
    assert "Версия для слабовидящих" in response.content.decode()


def test_the_cookie_becomes_classes_on_html(client):
    client.cookies[low_vision.COOKIE] = "size-3.scheme-wb.spacing-2.images-hide"
    response = client.get("/registry/")
    assert html_class(response).split() == [
        "lv",
        "lv-size-3",
        "lv-scheme-wb",
        "lv-spacing-2",
        "lv-images-hide",
        "lv-colors",
    ]
    page = response.content.decode()
    # the panel shows the choices as checked radio buttons
    assert re.search(r'value="wb" id="lv-scheme-wb" checked', page)
    assert re.search(r'value="3" id="lv-size-3" checked', page)


def test_the_ordinary_colours_with_a_large_font_add_no_colour_class(client):
    client.cookies[low_vision.COOKIE] = "size-2.scheme-default"
    assert html_class(client.get("/")).split() == [
        "lv",
        "lv-size-2",
        "lv-scheme-default",
        "lv-spacing-1",
        "lv-images-show",
    ]


@pytest.mark.parametrize(
    "cookie",
    ['size-9.scheme-"><script>.spacing-x', "garbage", "scheme-wb onload=alert(1)", "size-3.size-2.."],
)
def test_a_tampered_cookie_falls_back_to_the_defaults(client, cookie):
    client.cookies[low_vision.COOKIE] = cookie
    classes = html_class(client.get("/"))
    assert "<" not in classes and '"' not in classes and "onload" not in classes
    assert set(classes.split()) <= {
        "lv",
        "lv-colors",
        *(f"lv-{name}-{value}" for name, values in low_vision.CHOICES.items() for value in values),
    }


def test_parse_reads_each_setting_and_ignores_the_rest():
    chosen = low_vision.parse("size-3.scheme-blue.spacing-3.images-gray.colour-red")
    assert (chosen.on, chosen.size, chosen.scheme, chosen.spacing, chosen.images) == (True, "3", "blue", "3", "gray")
    assert low_vision.parse(chosen.cookie_value) == chosen
    assert low_vision.parse("").on is False


def test_the_form_without_scripts_switches_on_and_off(client):
    response = client.post("/low-vision/", {"toggle": "1", "next": "/registry/"})
    assert response.status_code == 302 and response.url == "/registry/"
    assert client.cookies[low_vision.COOKIE].value == "size-2.scheme-bw.spacing-1.images-show"
    response = client.post("/low-vision/", {"scheme": "wb", "size": "3", "next": "/"})
    assert client.cookies[low_vision.COOKIE].value == "size-3.scheme-wb.spacing-1.images-show"
    assert "lv-scheme-wb" in html_class(client.get("/"))
    response = client.post("/low-vision/", {"toggle": "1", "next": "/"})
    assert client.cookies[low_vision.COOKIE].value == ""  # deleted
    assert html_class(client.get("/")) == ""


def test_the_form_goes_back_only_to_this_site(client):
    response = client.post("/low-vision/", {"off": "1", "next": "https://evil.example/"})
    assert response.url == "/"


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO signature


def test_the_manifest_names_the_system_and_its_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Инновационная инфраструктура"
    assert data["short_name"] == "Инноинфра"
    assert data["start_url"] == "/" and data["display"] == "standalone" and data["theme_color"] == "#0d6efd"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512", "any"} <= sizes
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200 or icon["src"].startswith("/static/")


def test_every_page_links_the_icons_the_manifest_and_the_print_styles(client):
    page = client.get("/").content.decode()
    for piece in (
        'rel="icon" href="/favicon.ico"',
        'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"',
        'rel="apple-touch-icon"',
        'rel="manifest" href="/manifest.webmanifest"',
        '<meta name="theme-color" content="#0d6efd">',
        'href="/static/css/print.css" media="print"',
        'href="/static/css/low-vision.css"',
    ):
        assert piece in page, piece
