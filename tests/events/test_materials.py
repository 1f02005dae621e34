"""Materials: the organizer uploads a file (checked) or adds a link, for everyone or for participants only;
a participants-only file is served only through the participant's link or to a registered account."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from innoinfra.core.errors import ServiceError
from innoinfra.events import services
from innoinfra.events.models import Material

from ..conftest import ROLE_FIXTURES
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db

ORGANIZERS = {"methodist", "authority", "orgadmin", "admin_user"}


def pdf(name="presentation.pdf", size=None):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * (size or 10), content_type="application/pdf")


def with_materials(school):
    event = make_event(school)
    public = services.add_material(event, title="Программа семинара", file=pdf("programme.pdf"), participants_only=False)
    private = services.add_material(event, title="Презентация", file=pdf())
    return event, public, private


def body(response):
    return b"".join(response.streaming_content)


def test_the_event_page_lists_the_public_materials_and_serves_them_to_anyone(client, school):
    event, public, private = with_materials(school)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "Программа семинара" in page and "Презентация" not in page
    response = client.get(f"/events/{event.pk}/materials/{public.pk}/")
    assert response.status_code == 200 and body(response).startswith(b"%PDF")
    assert 'filename="programme.pdf"' in response["Content-Disposition"]  # without the random part of the name
    assert client.get(f"/events/{event.pk}/materials/{private.pk}/").status_code == 404
    assert "/media/" not in page


def test_the_participant_sees_and_downloads_participants_only_materials_by_their_link(client, school):
    event, _public, private = with_materials(school)
    seated, waiting = sign_up(event, 2)
    event.capacity = 1
    event.save()
    waiting.state = "waiting"
    waiting.save()
    page = client.get(seated.get_absolute_url()).content.decode()
    assert "Презентация" in page and "Программа семинара" in page
    assert client.get(f"/events/r/{seated.token}/materials/{private.pk}/").status_code == 200
    # the waiting list holds no seat yet
    assert "Презентация" not in client.get(waiting.get_absolute_url()).content.decode()
    assert client.get(f"/events/r/{waiting.token}/materials/{private.pk}/").status_code == 404


def test_a_registered_account_sees_participants_only_materials_on_the_event_page(client_for, teacher, expert, school):
    event, _public, private = with_materials(school)
    services.register(event=event, user=teacher, full_name="Петров Пётр", email="petr@example.org", consent=True)
    page = client_for(teacher).get(f"/events/{event.pk}/").content.decode()
    assert "Презентация" in page
    assert client_for(teacher).get(f"/events/{event.pk}/materials/{private.pk}/").status_code == 200
    assert client_for(expert).get(f"/events/{event.pk}/materials/{private.pk}/").status_code == 404


def test_a_token_of_another_event_opens_nothing(client, school):
    _event, _public, private = with_materials(school)
    (stranger,) = sign_up(make_event(school, title="Другое"), 1)
    assert client.get(f"/events/r/{stranger.token}/materials/{private.pk}/").status_code == 404


def test_a_link_material_redirects(client, school):
    event = make_event(school)
    link = services.add_material(event, title="Запись", url="https://video.example.org/1", participants_only=False)
    response = client.get(f"/events/{event.pk}/materials/{link.pk}/")
    assert response.status_code == 302 and response.url == "https://video.example.org/1"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"file": SimpleUploadedFile("virus.exe", b"MZ")}, "Файлы этого типа не принимаются"),
        ({"file": pdf(), "url": "https://example.org"}, "что-то одно"),
        ({}, "что-то одно"),
        ({"url": "ftp://example.org/x"}, "https://"),
    ],
)
def test_bad_materials_are_refused(school, fields, message):
    event = make_event(school)
    with pytest.raises(ServiceError, match=message):
        services.add_material(event, title="Файл", **fields)
    assert not Material.objects.exists()


def test_a_too_large_file_is_refused(school, settings):
    settings.MAX_UPLOAD_SIZE = 100
    with pytest.raises(ServiceError, match="Файл слишком большой"):
        services.add_material(make_event(school), title="Большой", file=pdf(size=200))
    assert not Material.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_only_the_organizers_add_and_delete_materials(role, school, client_for, request):
    event, public, _private = with_materials(school)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    page = client.get(f"/events/{event.pk}/materials/")
    added = client.post(f"/events/{event.pk}/materials/", {"title": "Ссылка", "url": "https://example.org/a"})
    deleted = client.post(f"/events/{event.pk}/materials/{public.pk}/delete/")
    titles = set(Material.objects.values_list("title", flat=True))
    if role == "anonymous":
        assert {page.status_code, added.status_code, deleted.status_code} == {302}
    elif role in ORGANIZERS:
        assert (page.status_code, added.status_code, deleted.status_code) == (200, 302, 302)
    else:
        assert {page.status_code, added.status_code, deleted.status_code} == {403}
    assert titles == ({"Презентация", "Ссылка"} if role in ORGANIZERS else {"Программа семинара", "Презентация"})


def test_the_organizer_uploads_a_file_through_the_form_and_deleting_it_removes_the_file(
    client_for, methodist, school, django_capture_on_commit_callbacks
):
    event = make_event(school)
    client = client_for(methodist)
    response = client.post(
        f"/events/{event.pk}/materials/",
        {"title": "Раздаточный материал", "file": pdf("handout.pdf"), "participants_only": "on"},
        follow=True,
    )
    assert "Материал «Раздаточный материал» добавлен." in response.content.decode()
    material = Material.objects.get()
    assert material.participants_only and material.file_name == "handout.pdf" and "handout" not in material.file.name
    assert default_storage.exists(material.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{event.pk}/materials/{material.pk}/delete/")
    assert not Material.objects.exists() and not default_storage.exists(material.file.name)


def test_a_wrong_type_is_refused_on_the_form(client_for, methodist, school):
    event = make_event(school)
    response = client_for(methodist).post(
        f"/events/{event.pk}/materials/", {"title": "Скрипт", "file": SimpleUploadedFile("run.sh", b"echo")}
    )
    assert response.status_code == 400 and "Файлы этого типа не принимаются" in response.content.decode()
    assert not Material.objects.exists()


@pytest.mark.parametrize("url", ["/events/{pk}/", "/events/{pk}/materials/"])
def test_the_materials_run_no_query_per_row(url, client_for, methodist, school, assert_constant_queries):
    event = make_event(school)
    count = iter(range(100))

    def grow(n):
        for _ in range(n):
            i = next(count)
            services.add_material(event, title=f"Материал {i}", url=f"https://example.org/{i}", participants_only=i % 2)

    client = client_for(methodist)
    client.get(url.format(pk=event.pk))  # the first page of a fresh database stores the installation's settings
    assert_constant_queries(client, url.format(pk=event.pk), grow, maximum=13)
