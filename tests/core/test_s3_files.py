"""Uploaded files on S3-compatible storage: stored in a private bucket, handed out by the same permission-checked
views as local files, as a redirect to a short-lived presigned URL.

A local S3 server (moto, tests/s3_server.py) runs for the module; the storage is configured by the very settings code
production runs (innoinfra/settings.py read with S3_* variables in a child process). If the server cannot start, the
tests fail.

People: Пётр (`teacher`) writes a practice of school № 1 and attaches its materials; a teacher of another school
(`stranger`) and an anonymous visitor may not see a draft's materials.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innoinfra.accounts.enums import Role
from innoinfra.core.downloads import disposition
from innoinfra.practices.models import PracticeFile
from tests.practices.factories import make_practice
from tests.s3_server import ACCESS_KEY, REGION, SECRET_KEY, CheckedMotoServer, free_port

from ..factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAME = "Программа наставничества.pdf"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = CheckedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()  # raises, failing every test here, when the server cannot start
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def settings_storage(env: dict[str, str]) -> dict:
    """STORAGES["default"] as innoinfra/settings.py builds it from these environment variables."""
    code = "import json; from innoinfra import settings; print(json.dumps(settings.STORAGES['default']))"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "SECRET_KEY": "test", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def s3(settings, s3_endpoint):
    """A fresh private bucket as the default storage; the boto3 client that looks into it."""
    bucket = f"innoinfra-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    storage = settings_storage(
        {
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": s3_endpoint,
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "S3_REGION": REGION,
            "S3_ADDRESSING_STYLE": "path",
            "S3_SIGNED_URL_TTL": "120",
        }
    )
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.S3_SIGNED_URL_TTL = 120
    client.bucket = bucket
    return client


def keys(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=s3.bucket).get("Contents", [])]


def fetch(url: str):
    """The URL opened as a browser would after the redirect: a plain HTTP client, no credentials."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read(), answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


@pytest.fixture
def stranger(db):
    """A teacher of another school: a draft of school № 1 is none of his business."""
    other = OrganizationFactory(short_name="МБОУ СОШ № 2")
    user = UserFactory(username="stranger", organization=other)
    MembershipFactory(user=user, role=Role.TEACHER, organization=other)
    return user


@pytest.fixture
def uploaded(s3, school, teacher, client_for):
    """A material of a draft uploaded by its author through the page (the form puts it through the upload gate)."""
    practice = make_practice(school, by=teacher)
    response = client_for(teacher).post(
        reverse("practices:files", args=[practice.pk]),
        {"title": "Программа", "file": SimpleUploadedFile(NAME, PDF, content_type="application/pdf")},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return PracticeFile.objects.get(practice=practice)


def test_the_settings_keep_files_on_disk_without_a_bucket():
    assert settings_storage({})["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_the_settings_make_a_private_signing_storage_from_the_environment():
    storage = settings_storage({"S3_BUCKET": "files", "S3_ENDPOINT_URL": "https://storage.yandexcloud.net"})
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "files" and options["endpoint_url"] == "https://storage.yandexcloud.net"
    assert options["querystring_auth"] is True and options["querystring_expire"] == 300
    assert options["default_acl"] == "private" and options["file_overwrite"] is False


def test_an_upload_through_the_page_lands_in_the_bucket_under_its_random_name(uploaded, s3):
    assert uploaded.file_name == NAME
    assert keys(s3) == [uploaded.file.name]
    assert "Программа" not in uploaded.file.name and uploaded.file.name.endswith(".pdf")
    assert s3.get_object(Bucket=s3.bucket, Key=uploaded.file.name)["Body"].read() == PDF


def test_the_author_is_sent_to_a_short_lived_signed_url_that_gives_the_file(uploaded, s3, teacher, client_for):
    response = client_for(teacher).get(reverse("practices:file_download", args=[uploaded.pk]))
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    url = response["Location"]
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    assert parts.path == f"/{s3.bucket}/{uploaded.file.name}"
    assert query["X-Amz-Expires"] == "120" and query["X-Amz-Signature"]
    assert query["response-content-disposition"] == disposition(NAME)
    status, content, headers = fetch(url)
    assert status == 200 and content == PDF
    assert (
        headers["Content-Disposition"]
        == f"attachment; filename=\"Programma nastavnichestva.pdf\"; filename*=utf-8''{quote(NAME)}"
    )
    assert headers["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("who", [None, "stranger"])
def test_who_may_not_see_the_draft_gets_no_url(request, uploaded, s3, client_for, who):
    user = request.getfixturevalue(who) if who else None
    response = client_for(user).get(reverse("practices:file_download", args=[uploaded.pk]))
    assert response.status_code == 404
    assert not response.has_header("Location")
    assert s3.bucket not in response.content.decode() and uploaded.file.name not in response.content.decode()


def test_the_bucket_address_without_a_signature_is_refused(uploaded, s3, s3_endpoint):
    status, content, _ = fetch(f"{s3_endpoint}/{s3.bucket}/{uploaded.file.name}")
    assert status == 403 and PDF not in content


def test_a_forged_signature_is_refused_by_the_server(uploaded, s3, teacher, client_for):
    url = client_for(teacher).get(reverse("practices:file_download", args=[uploaded.pk]))["Location"]
    parts = urlsplit(url)
    query = parse_qsl(parts.query)
    # another name for the file under the same signature, then a signature changed by one character
    renamed = [(k, 'attachment; filename="other.html"' if k == "response-content-disposition" else v) for k, v in query]
    signature = dict(query)["X-Amz-Signature"]
    bent = [(k, ("0" if signature[0] != "0" else "1") + v[1:] if k == "X-Amz-Signature" else v) for k, v in query]
    for forged in (renamed, bent):
        status, content, _ = fetch(parts._replace(query=urlencode(forged)).geturl())
        assert status == 403 and b"SignatureDoesNotMatch" in content and PDF not in content
    assert fetch(url)[1] == PDF  # the genuine URL still works: the refusals were the forgeries'


def test_an_expired_url_is_refused_by_the_server(uploaded, settings, teacher, client_for):
    settings.S3_SIGNED_URL_TTL = 1
    url = client_for(teacher).get(reverse("practices:file_download", args=[uploaded.pk]))["Location"]
    assert dict(parse_qsl(urlsplit(url).query))["X-Amz-Expires"] == "1"
    time.sleep(2.1)
    status, content, _ = fetch(url)
    assert status == 403 and b"Request has expired" in content and PDF not in content


def test_deleting_the_material_deletes_the_object(
    uploaded, s3, teacher, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(teacher).post(reverse("practices:file_delete", args=[uploaded.pk]))
    assert response.status_code == 302
    assert not PracticeFile.objects.filter(pk=uploaded.pk).exists()
    assert keys(s3) == []


def test_a_missing_object_is_a_404_not_a_url(uploaded, s3, teacher, client_for):
    s3.delete_object(Bucket=s3.bucket, Key=uploaded.file.name)
    response = client_for(teacher).get(reverse("practices:file_download", args=[uploaded.pk]))
    assert response.status_code == 404 and not response.has_header("Location")
