"""The access log: who, signed in, asked for what and got which answer.

152-ФЗ and the government's requirements for personal-data systems ask that access to personal data be recorded.
The pages and downloads that show participants, applicants and users are read only by signed-in people, so one line
per signed-in request — user, address, method, path, status — answers «who looked at whose data, and when» without a
table that grows with every click. The line goes to the `innoinfra.access` logger; docs/deploy.md routes it to its own
file (ACCESS_LOG_FILE) kept for a year by logrotate. Anonymous requests are left to the web server's own log.
"""

from __future__ import annotations

import logging

from .client_ip import client_ip

logger = logging.getLogger("innoinfra.access")

# Assets and probes say nothing about whose data was read; logging them would only bury the lines that do.
SKIPPED_PREFIXES = ("/static/", "/healthz", "/favicon.ico")


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(SKIPPED_PREFIXES):
            logger.info(
                "user=%s id=%s ip=%s %s %s %s",
                user.get_username(),
                user.pk,
                client_ip(request),
                request.method,
                request.get_full_path(),
                response.status_code,
                extra={
                    "user_id": user.pk,
                    "username": user.get_username(),
                    "path": request.path,
                    "method": request.method,
                    "status": response.status_code,
                },
            )
        return response
