"""The access log names who read the participants of an event (personal data), and keeps quiet about anonymous
visitors and assets, which the web server's own log already covers."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from tests.events.factories import make_event, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def access_lines(caplog):
    caplog.set_level(logging.INFO, logger="innoinfra.access")

    def lines():
        return [record.getMessage() for record in caplog.records if record.name == "innoinfra.access"]

    return lines


def test_downloading_the_participants_is_recorded_with_the_reader(client_for, methodist, school, access_lines):
    event = make_event(school)
    sign_up(event, 2)
    response = client_for(methodist).get(f"/events/{event.pk}/participants.xlsx")
    assert response.status_code == 200
    (line,) = access_lines()
    assert (
        f"user={methodist.username} id={methodist.pk} ip=127.0.0.1 GET /events/{event.pk}/participants.xlsx 200" in line
    )


def test_a_refused_attempt_is_recorded_too(client_for, teacher, school, access_lines):
    event = make_event(school)
    response = client_for(teacher).get(f"/events/{event.pk}/participants.xlsx")
    assert response.status_code in (403, 404)
    assert access_lines() == [
        f"user={teacher.username} id={teacher.pk} ip=127.0.0.1 GET /events/{event.pk}/participants.xlsx "
        f"{response.status_code}"
    ]


def test_anonymous_visitors_and_probes_are_not_recorded(client, client_for, methodist, access_lines):
    client.get("/")
    client_for(methodist).get("/healthz")
    assert access_lines() == []


def test_production_writes_the_log_to_its_own_file(tmp_path):
    """With ACCESS_LOG_FILE set, the settings route the logger to that file at INFO, apart from the console."""
    target = tmp_path / "access.log"
    code = (
        "import logging, django; django.setup();"
        "logging.getLogger('innoinfra.access').info('user=x id=1 ip=1.2.3.4 GET /a 200');"
        "logging.getLogger('innoinfra').warning('not here')"
    )
    env = {"DJANGO_SETTINGS_MODULE": "innoinfra.settings", "ACCESS_LOG_FILE": str(target), "DEBUG": "1", "PATH": ""}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
    text = target.read_text()
    assert "user=x id=1 ip=1.2.3.4 GET /a 200" in text
    assert "not here" not in text
