import subprocess
import sys

import pytest
from django.db import connection


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_healthz_reports_a_broken_database(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503


def _settings_in_subprocess(env: dict, expr: str) -> subprocess.CompletedProcess:
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='innoinfra.settings'; from django.conf import settings; print({expr})"
    return subprocess.run([sys.executable, "-c", code], env={"PATH": "/usr/bin:/bin", **env}, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_subprocess({"DEBUG": "0"}, "settings.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_database_url_accepts_an_absolute_sqlite_path(tmp_path):
    path = tmp_path / "x.sqlite3"
    result = _settings_in_subprocess(
        {"DEBUG": "0", "SECRET_KEY": "k" * 50, "DATABASE_URL": f"sqlite:///{path}"},
        "settings.DATABASES['default']['NAME'], settings.DEBUG, settings.ALLOWED_HOSTS",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{path} False []"


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "x" * 40 + "\n")
    result = _settings_in_subprocess({"DEBUG": "0", "SECRET_KEY_FILE": str(secret)}, "settings.SECRET_KEY")
    assert result.stdout.strip() == "from-a-file-" + "x" * 40
