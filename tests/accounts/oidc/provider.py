"""Start the test OpenID provider (provider.mjs, oidc-provider under Node) and point the settings at it.

No Node or no oidc-provider package is a failure, not a skip: single sign-on would otherwise go untested unseen."""

from __future__ import annotations

import copy
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest

SCRIPT = Path(__file__).with_name("provider.mjs")
ROOT = Path(__file__).resolve().parents[3]
CLIENT_ID = "innoinfra"
CLIENT_SECRET = "innoinfra-test-secret"  # the same as in provider.mjs


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_provider(redirect_uri: str, post_logout_uri: str):
    """The issuer URL of a provider that runs until the block ends."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: the single sign-on tests need `node` to run their OpenID provider")
    if not (ROOT / "node_modules" / "oidc-provider" / "package.json").exists():
        pytest.fail(f"the npm package oidc-provider is missing from {ROOT / 'node_modules'} (npm ci)")
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [node, str(SCRIPT), str(port), redirect_uri, post_logout_uri],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"the test OpenID provider stopped at start:\n{process.stderr.read()}")
            try:
                with urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("the test OpenID provider did not answer its discovery document within 30 s")
            time.sleep(0.2)
        yield issuer
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def point_settings_at(settings, issuer: str) -> None:
    """Single sign-on on, against `issuer` (pytest-django's `settings` fixture undoes it after the test).

    mozilla-django-oidc and our views read the settings on each request, so the live server sees the change."""
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = issuer
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = [*policy["DIRECTIVES"]["form-action"], issuer]
    settings.CONTENT_SECURITY_POLICY = policy
