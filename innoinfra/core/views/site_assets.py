"""What browsers ask the site for on their own: /favicon.ico and the web-app manifest; and the form of the version
for visually impaired visitors, which works without scripts too (the script applies a choice at once)."""

from __future__ import annotations

from functools import cache

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from .. import low_vision

BRAND_BLUE = "#0d6efd"  # Bootstrap's primary, the colour of the header bar


@cache
def _favicon_bytes() -> bytes:
    path = finders.find("img/favicon.ico")
    if not path:
        raise Http404("favicon.ico")
    with open(path, "rb") as file:
        return file.read()


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the answer is our own icon, not a 404 in every log."""
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")


@require_GET
@cache_control(max_age=3600, public=True)
def manifest(request):
    """The web-app manifest: the name and icons a phone shows when the site is added to its home screen."""
    data = {
        "name": "Инновационная инфраструктура",
        "short_name": "Инноинфра",
        "lang": "ru",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": BRAND_BLUE,
        "background_color": "#ffffff",
        "icons": [
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False, "indent": 1}
    )


@require_POST
def low_vision_settings(request):
    """The panel's form sent without scripts: remember the choice (or forget it: «Обычная версия») and go back."""
    back = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    response = redirect(back)
    current = low_vision.from_request(request)
    # the switch in the bar flips the version: on with the defaults, or off
    if request.POST.get("off") or (request.POST.get("toggle") and current.on):
        response.delete_cookie(low_vision.COOKIE, samesite="Lax")
        return response
    value = ".".join(f"{name}-{request.POST.get(name, getattr(current, name))}" for name in low_vision.CHOICES)
    chosen = low_vision.parse(value)  # what is not one of the choices falls back to the default
    response.set_cookie(
        low_vision.COOKIE,
        chosen.cookie_value,
        max_age=low_vision.COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
