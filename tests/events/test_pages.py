"""The public pages: the list with its filters, the month, the event page with registration, the participant's
own page by the link from the letter."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from innoinfra.events.enums import RegistrationState as RS
from innoinfra.events.models import Event, Registration

from ..factories import OrganizationFactory, make_site
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db


def test_the_list_shows_upcoming_published_events_first_with_russian_dates(client, school):
    later = make_event(school, title="Встреча координаторов", starts_in=dt.timedelta(days=20))
    sooner = make_event(school, title="Занятие по проектам", starts_in=dt.timedelta(days=2), format="master_class")
    make_event(school, title="Черновик семинара", published=False)
    make_event(school, title="Прошедший вебинар", starts_in=-dt.timedelta(days=5))
    page = client.get("/events/").content.decode()
    assert page.index("Занятие по проектам") < page.index("Встреча координаторов")
    assert "Черновик семинара" not in page and "Прошедший вебинар" not in page
    start = timezone.localtime(sooner.starts_at)
    assert f"{start.day} " in page and " г., " in page
    assert later.get_absolute_url() in page
    past = client.get("/events/?past=on").content.decode()
    assert "Прошедший вебинар" in past and "Встреча координаторов" not in past


def test_the_list_filters_by_format_municipality_and_month(client, school, vyselki):
    make_event(school, title="Семинар Амурска")
    make_event(OrganizationFactory(municipality=vyselki), title="Вебинар Выселок", format="webinar")
    assert "Семинар Амурска" not in client.get("/events/?format=webinar").content.decode()
    by_place = client.get(f"/events/?municipality={vyselki.pk}").content.decode()
    assert "Вебинар Выселок" in by_place and "Семинар Амурска" not in by_place
    month = (timezone.localdate() + dt.timedelta(days=10)).strftime("%Y-%m")
    other = (timezone.localdate() + dt.timedelta(days=100)).strftime("%Y-%m")
    assert "Семинар Амурска" in client.get(f"/events/?month={month}").content.decode()
    assert "Семинар Амурска" not in client.get(f"/events/?month={other}").content.decode()


def test_the_list_runs_no_query_per_row(client, school, assert_constant_queries):
    def grow(n):
        for i in range(n):
            sign_up(make_event(school, title=f"Семинар {i}", capacity=5), 2, start=10 * i)

    assert_constant_queries(client, "/events/", grow, maximum=8)


def test_the_organizers_list_runs_no_query_per_row(client_for, methodist, school, assert_constant_queries):
    def grow(n):
        for i in range(n):
            sign_up(make_event(school, title=f"Семинар {i}", capacity=5), 2, start=10 * i)

    assert_constant_queries(client_for(methodist), "/events/manage/", grow, maximum=14)


def test_the_month_shows_the_events_of_the_month(client, school):
    event = make_event(school, title="Осенняя школа творческих педагогов", starts_in=dt.timedelta(days=1))
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    page = client.get(f"/events/month/?month={month}").content.decode()
    assert "Осенняя школа творческих педагогов" in page


def test_an_anonymous_visitor_registers_and_lands_on_their_own_page(client, school):
    event = make_event(school, capacity=10)
    response = client.post(
        event.get_absolute_url(),
        {"full_name": "Смирнова Анна Петровна", "email": "anna@example.org", "position": "учитель", "consent": "on"},
        follow=True,
    )
    registration = Registration.objects.get()
    assert response.redirect_chain[-1][0] == f"/events/r/{registration.token}/"
    page = response.content.decode()
    assert "Регистрация принята: участие подтверждено." in page
    assert "Смирнова Анна Петровна" in page and registration.user is None


def test_registration_without_consent_is_refused_with_a_message(client, school):
    event = make_event(school)
    response = client.post(event.get_absolute_url(), {"full_name": "Смирнова Анна", "email": "anna@example.org"})
    assert response.status_code == 200
    assert "Без согласия на обработку персональных данных регистрация невозможна." in response.content.decode()
    assert not Registration.objects.exists()


def test_a_duplicate_registration_is_refused_on_the_page(client, school):
    event = make_event(school)
    sign_up(event, 1)
    response = client.post(
        event.get_absolute_url(), {"full_name": "Мария", "email": "person1@example.org", "consent": "on"}
    )
    assert "уже зарегистрирован на мероприятие" in response.content.decode()


def test_the_participant_cancels_by_their_link(client, school):
    event = make_event(school, capacity=1)
    seated, waiting = sign_up(event, 2)
    response = client.post(f"/events/r/{seated.token}/cancel/", follow=True)
    assert "Ваша регистрация отменена." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == RS.CONFIRMED


def test_a_wrong_link_is_not_found(client):
    assert client.get("/events/r/nope/").status_code == 404


def test_a_logged_in_teacher_sees_their_registration_and_cancels_it(client_for, teacher, school):
    event = make_event(school)
    client = client_for(teacher)
    client.post(event.get_absolute_url(), {"full_name": "Петров Пётр", "email": "petr@example.org", "consent": "on"})
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Вы зарегистрированы" in page
    client.post(f"/events/{event.pk}/unregister/")
    assert Registration.objects.get().state == RS.CANCELLED


def test_a_draft_is_hidden_from_the_public(client, school):
    event = make_event(school, published=False)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_the_list_filters_by_audience_organizer_and_site(client, school, vyselki):
    site = make_site(organization=school)
    young = make_event(school, title="Школа молодого педагога")
    Event.objects.filter(pk=young.pk).update(audience_group="young_teachers")
    make_event(school, title="Семинар площадки", site=site)
    other = OrganizationFactory(municipality=vyselki, short_name="МБОУ ООШ с. Выселки")
    make_event(other, title="Мастер-класс в Выселках")

    def titles(query):
        page = client.get(f"/events/?{query}").content.decode()
        return {t for t in ("Школа молодого педагога", "Семинар площадки", "Мастер-класс в Выселках") if t in page}

    assert titles("audience=young_teachers") == {"Школа молодого педагога"}
    assert titles(f"organizer={other.pk}") == {"Мастер-класс в Выселках"}
    assert titles(f"organizer={school.pk}") == {"Школа молодого педагога", "Семинар площадки"}
    on_site = client.get(f"/events/?site={site.pk}").content.decode()
    assert "Семинар площадки" in on_site and "Школа молодого педагога" not in on_site
    assert "Мероприятия на базе площадки" in on_site
    assert f'name="site" value="{site.pk}"' in on_site  # kept when another filter changes


def test_the_organizer_filter_draws_only_the_chosen_organizer_and_looks_up_the_rest(client, school, vyselki):
    """Ten regions' thousands of organizers are not written into the page: the box asks as the user types."""
    make_event(school, title="Семинар")
    drafting = OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 77")
    make_event(drafting, title="Черновик", published=False)
    page = client.get("/events/").content.decode()
    assert 'data-options-url="/events/organizers/"' in page
    assert school.short_name not in page.split('name="organizer"')[1].split("</select>")[0]
    # asked for by a link, it is shown chosen even before its first public event
    page = client.get(f"/events/?organizer={drafting.pk}").content.decode()
    assert f'<option value="{drafting.pk}" selected>МБОУ СОШ № 77 ({vyselki.name})</option>' in page
    assert "Предстоящих мероприятий не найдено." in page


def test_the_organizer_lookup_offers_organizers_of_public_events_by_word_forms(client, school, vyselki):
    make_event(school, title="Семинар")
    drafting = OrganizationFactory(municipality=vyselki, short_name=f"{school.short_name} (черновики)")
    make_event(drafting, title="Черновик", published=False)
    word = school.short_name.split()[-1]
    found = client.get("/events/organizers/", {"q": word}).json()["results"]
    assert found == [{"value": school.pk, "text": f"{school.short_name} ({school.municipality.name})"}]
    assert client.get("/events/organizers/", {"q": "ш"}).json() == {"results": []}  # one letter finds nothing yet


def test_the_organizer_lookup_is_bounded(client, vyselki, django_assert_max_num_queries):
    for i in range(25):
        make_event(OrganizationFactory(municipality=vyselki, short_name=f"Гимназия № {i}"), title=f"Семинар {i}")
    with django_assert_max_num_queries(1):
        found = client.get("/events/organizers/", {"q": "гимназии"}).json()["results"]
    assert len(found) == 20 and found[0]["text"].startswith("Гимназия № 0")


def test_the_list_offers_a_subscription_with_its_filters(client, school):
    make_event(school)
    page = client.get("/events/").content.decode()
    assert 'href="/events/calendar.ics" data-testid="ics-link"' in page
    assert "Подписаться на календарь" in page
    page = client.get(f"/events/?format=seminar&organizer={school.pk}&month=2030-01&past=on&page=2").content.decode()
    assert f'href="/events/calendar.ics?format=seminar&amp;organizer={school.pk}" data-testid="ics-link"' in page
    ics = client.get(f"/events/calendar.ics?format=seminar&organizer={school.pk}")
    assert ics.status_code == 200


def test_the_month_runs_no_query_per_event(client, school, assert_constant_queries):
    def grow(n):
        for i in range(n):
            sign_up(make_event(school, title=f"Семинар {i}", starts_in=dt.timedelta(days=1, hours=i)), 2, start=10 * i)

    month = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m")
    assert_constant_queries(client, f"/events/month/?month={month}", grow, maximum=3)


def test_a_busy_day_of_the_month_shows_its_first_events_and_links_to_the_rest(client, school):
    first = timezone.localtime(timezone.now() + dt.timedelta(days=3)).replace(hour=9, minute=0)
    for i in range(9):
        make_event(school, title=f"Семинар № {i + 1}", starts_in=first + dt.timedelta(minutes=10 * i) - timezone.now())
    day = first.date()
    page = client.get(f"/events/month/?month={day:%Y-%m}").content.decode()
    shown = [i for i in range(1, 10) if f"Семинар № {i}<" in page or f"Семинар № {i} " in page]
    assert shown == [1, 2, 3, 4, 5, 6]  # the day's first six, by start
    assert f'href="/events/?day={day:%Y-%m-%d}" data-testid="calendar-more"' in page
    assert "ещё 3 мероприятия" in page
    listed = client.get(f"/events/?day={day:%Y-%m-%d}").content.decode()
    assert all(f"Семинар № {i}<" in listed for i in range(1, 10))
    assert f"Мероприятия {day.day} " in listed


def test_a_busy_month_runs_the_same_queries_and_draws_at_most_six_a_day(client, school, assert_constant_queries):
    start = timezone.localtime(timezone.now() + dt.timedelta(days=2)).replace(hour=9, minute=0)

    def grow(n):
        for _ in range(n * 4):
            make_event(school, title="Семинар", starts_in=start - timezone.now())

    month = f"{start:%Y-%m}"
    client.get(f"/events/month/?month={month}")  # the installation's settings and the like are read once, then cached
    assert_constant_queries(client, f"/events/month/?month={month}", grow, maximum=3)
    page = client.get(f"/events/month/?month={month}").content.decode()
    assert page.count(">09:00 Семинар<") == 6 and "ещё 6 мероприятий" in page


def test_the_month_places_events_by_the_local_day_around_midnight(client, school):
    """An event at 23:50 and one at 00:10 local time land in their own days' cells (the database works in UTC)."""
    day = timezone.localdate() + dt.timedelta(days=40)
    tz = timezone.get_current_timezone()
    late = dt.datetime.combine(day, dt.time(23, 50), tzinfo=tz)
    make_event(school, title="Поздний семинар", starts_in=late - timezone.now(), hours=1)
    make_event(school, title="Ранний семинар", starts_in=late + dt.timedelta(minutes=20) - timezone.now(), hours=1)
    page = client.get(f"/events/month/?month={day:%Y-%m}").content.decode()
    cells = dict(re.findall(r'data-date="(\d{4}-\d{2}-\d{2})"(.*?)</td>', page, flags=re.S))
    assert "Поздний семинар" in cells[f"{day:%Y-%m-%d}"] and "Ранний семинар" not in cells[f"{day:%Y-%m-%d}"]
    following = f"{day + dt.timedelta(days=1):%Y-%m-%d}"
    if following in cells:  # the next day's cell is on this month's page unless it ends the last week
        assert "Ранний семинар" in cells[following]


def test_a_day_cell_shows_the_start_and_a_shortened_title_with_the_whole_of_it_in_the_tooltip(client, school):
    title = "<b>Семинар</b> о проектной деятельности педагогов в сельских школах района и края"
    event = make_event(school, title=title, format="webinar", starts_in=dt.timedelta(days=2))
    start = timezone.localtime(event.starts_at)
    page = client.get(f"/events/month/?month={start:%Y-%m}").content.decode()
    cells = dict(re.findall(r'data-date="(\d{4}-\d{2}-\d{2})"(.*?)</td>', page, flags=re.S))
    cell = cells[f"{start:%Y-%m-%d}"]
    assert "<b>" not in cell  # a title is text, never markup
    escaped = "&lt;b&gt;Семинар&lt;/b&gt; о проектной деятельности педагогов в сельских школах района и края"
    assert f'title="Вебинар: {escaped} (опубликовано)"' in cell
    shown = re.search(r">(\d\d:\d\d) (.*?)</a>", cell)
    assert shown.group(1) == f"{start:%H:%M}"
    # 50 characters of the title at most, the last of them an ellipsis
    assert shown.group(2) == "&lt;b&gt;Семинар&lt;/b&gt; о проектной деятельности педагогов…"
    assert f'href="{event.get_absolute_url()}"' in cell and "text-bg-primary" in cell
