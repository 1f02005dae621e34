"""The address of the system in links that leave the page: e-mails, certificates and their QR codes, protocols and
orders in Word, calendar feeds.

The configured address (`SITE_URL`) wins. Without one, links take the address the system is served at: the current
request's (a middleware keeps it for code that has no request at hand), or, for background work (the task worker,
cron commands), the address this installation was last served at — kept in a small file beside the uploads so the
worker of `make run` finds what the server saw. With none of these a link is refused (`UnknownSiteAddress`) rather
than pointed at a guess: a certificate whose QR code leads to 127.0.0.1:8000 is worse than a clear error.
"""

from __future__ import annotations

import contextlib
import contextvars
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

_request_origin: contextvars.ContextVar[str] = contextvars.ContextVar("request_origin", default="")
_remembered = ""  # the last origin this process served and wrote down, so the file is written once per change


class UnknownSiteAddress(ImproperlyConfigured):
    pass


def origin_of(request) -> str:
    """«http://host:port» of a request; the host passed ALLOWED_HOSTS, so it is one the installation answers to."""
    return f"{request.scheme}://{request.get_host()}"


def _memory_file() -> Path:
    return Path(settings.MEDIA_ROOT) / ".served-origin"


def remember(origin: str) -> None:
    global _remembered
    if origin == _remembered:
        return
    _remembered = origin
    with contextlib.suppress(OSError):  # a read-only disk costs only the memory for background work
        path = _memory_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(origin, encoding="utf-8")


def _recalled() -> str:
    try:
        return _memory_file().read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def site_origin(request=None) -> str:
    """The scheme and host links start with, without a trailing slash."""
    configured = (settings.SITE_URL or "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return origin_of(request)
    current = _request_origin.get() or _recalled()
    if current:
        return current
    raise UnknownSiteAddress(
        "Адрес системы неизвестен: задайте переменную окружения SITE_URL (например, https://innoinfra.example.ru) "
        "или откройте систему в браузере хотя бы раз."
    )


def known_origin() -> str:
    """The address links would take now (SITE_URL, the current request's, the remembered one), or "" if none."""
    try:
        return site_origin()
    except UnknownSiteAddress:
        return ""


@contextlib.contextmanager
def serving(origin: str):
    """Links made inside the block start with `origin`, as if a request to it were being served (commands that know
    the address their links must carry, like the demo loader, say so with this)."""
    token = _request_origin.set(origin.rstrip("/"))
    try:
        yield
    finally:
        _request_origin.reset(token)


def absolute_url(url: str, base_url: str | None = None, *, request=None) -> str:
    """A path of the site as a link that works outside it; an absolute link is returned as is."""
    if not url or url.startswith(("http://", "https://")):
        return url
    base = (base_url or site_origin(request)).rstrip("/")
    return f"{base}{url if url.startswith('/') else '/' + url}"


class SiteOriginMiddleware:
    """Makes the request's origin known to code deep below the view (services that mail or render documents), and
    remembers it for background work when no SITE_URL is configured."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = origin_of(request)
        token = _request_origin.set(origin)
        if not settings.SITE_URL:
            remember(origin)
        try:
            return self.get_response(request)
        finally:
            _request_origin.reset(token)


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    """Behind a proxy the request's address may not be the public one: production names its address."""
    if settings.SITE_URL:
        return []
    return [
        checks.Warning(
            "SITE_URL не задан: ссылки в письмах, сертификатах и протоколах возьмут адрес запроса.",
            hint="Укажите внешний адрес системы: SITE_URL=https://innoinfra.example.ru",
            id="innoinfra.W001",
        )
    ]
