"""A local S3 server for the tests: moto's, in a thread on 127.0.0.1, behind a check of presigned URLs.

moto answers the S3 API faithfully enough for our storage (buckets, objects, private ACLs, the response-* overrides of
a presigned GET) but does not verify the signature or the expiry of a presigned URL at all: a forged or stale link
would pass. Real S3, Yandex Object Storage and MinIO refuse both, and our downloads rely on that, so the server here
checks them the way S3 does (AWS Signature Version 4, query-string form, computed from the specification rather than
with botocore's signer, which made the URL) and only then hands the request to moto. Requests signed in the
Authorization header (the storage's own calls) go straight to moto."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import socket
from threading import Thread
from urllib.parse import parse_qsl, quote

from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

ACCESS_KEY = "innoinfra-test"
SECRET_KEY = "innoinfra-test-secret"
REGION = "ru-central1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _refuse(start_response, code: str, message: str):
    body = f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message></Error>'
    start_response("403 Forbidden", [("Content-Type", "application/xml")])
    return [body.encode()]


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def expected_signature(method: str, raw_path: str, query: list[tuple[str, str]], host: str) -> str:
    """The SigV4 signature of a presigned request (the query without X-Amz-Signature; only `host` signed)."""
    params = dict(query)
    canonical_query = "&".join(
        f"{quote(name, safe='-_.~')}={quote(value, safe='-_.~')}"
        for name, value in sorted(query)
        if name != "X-Amz-Signature"
    )
    canonical = "\n".join([method, raw_path, canonical_query, f"host:{host}\n", "host", "UNSIGNED-PAYLOAD"])
    _, date, region, service, terminator = params["X-Amz-Credential"].split("/")
    scope = f"{date}/{region}/{service}/{terminator}"
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", params["X-Amz-Date"], scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = _hmac(f"AWS4{SECRET_KEY}".encode(), date)
    for part in (region, service, terminator):
        key = _hmac(key, part)
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class PresignCheck:
    """WSGI middleware: a request carrying X-Amz-Signature in its query passes only if it is signed by our key, signs
    the host alone, and has not expired."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        params = dict(query)
        if "X-Amz-Signature" not in params:
            return self.app(environ, start_response)
        if params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" or params.get("X-Amz-SignedHeaders") != "host":
            return _refuse(start_response, "AccessDenied", "Unsupported presigned request")
        if not params.get("X-Amz-Credential", "").startswith(f"{ACCESS_KEY}/"):
            return _refuse(start_response, "InvalidAccessKeyId", "Unknown access key")
        signed_at = dt.datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        if dt.datetime.now(dt.UTC) > signed_at + dt.timedelta(seconds=int(params["X-Amz-Expires"])):
            return _refuse(start_response, "AccessDenied", "Request has expired")
        raw_path = environ.get("RAW_URI", environ.get("REQUEST_URI", environ["PATH_INFO"])).split("?", 1)[0]
        wanted = expected_signature(environ["REQUEST_METHOD"], raw_path, query, environ["HTTP_HOST"])
        if not hmac.compare_digest(wanted, params["X-Amz-Signature"]):
            return _refuse(start_response, "SignatureDoesNotMatch", "The signature does not match")
        return self.app(environ, start_response)


class CheckedMotoServer(ThreadedMotoServer):
    """ThreadedMotoServer whose WSGI application is wrapped in PresignCheck (its `_server_entry` copied with the one
    change: moto is pinned in pyproject, so the copy cannot drift unnoticed)."""

    def _server_entry(self) -> None:
        app = PresignCheck(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        self._server_ready_event.set()
        self._server.serve_forever()

    def start(self) -> None:
        """As ThreadedMotoServer's, but a server that cannot bind fails the tests within seconds instead of hanging
        them (the parent waits for readiness without a limit)."""
        self._thread = Thread(target=self._server_entry, daemon=True)
        self._thread.start()
        if not self._server_ready_event.wait(timeout=15):
            raise RuntimeError(f"The local S3 server (moto) did not start on {self._ip_address}:{self._port}.")
