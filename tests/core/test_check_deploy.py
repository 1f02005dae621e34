"""`manage.py check --deploy` with the settings docs/deploy.md prescribes reports nothing: no security warning and
no warning of the API schema generator (drf-spectacular runs its checks as part of `check`).

The environment is read from the example file in docs/deploy.md itself, so the document and the check cannot drift
apart; files the example points to (the secret key, the SMTP password) are replaced by values."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


def documented_environment() -> dict[str, str]:
    text = DEPLOY.read_text(encoding="utf-8")
    block = re.search(r"Файл `/etc/innoinfra/env`.*?```sh\n(.*?)```", text, re.S).group(1)
    env = {}
    for line in block.splitlines():
        name, _, value = line.partition("=")
        if name and not name.endswith("_FILE"):
            env[name] = value.strip('"')
    return env


def test_the_documented_environment_passes_check_deploy_without_a_warning(tmp_path):
    env = documented_environment() | {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "MEDIA_ROOT": str(tmp_path),
        "PATH": "",
        "DJANGO_SETTINGS_MODULE": "innoinfra.settings",
    }
    assert env["SECURE_HSTS_SECONDS"] and env["TRUSTED_PROXY_COUNT"] == "1"

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=DEPLOY.parents[1],
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.django_db
def test_the_api_schema_is_generated_without_warnings_or_errors():
    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)

    assert dict(GENERATOR_STATS._warn_cache) == {}
    assert dict(GENERATOR_STATS._error_cache) == {}
