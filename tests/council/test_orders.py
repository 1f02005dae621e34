"""The order that carries out a meeting's decisions: the draft in Word (on the letterhead if there is one) and
entering it, which creates the registry order and the sites in one transaction or changes nothing."""

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from docx import Document

from innoinfra.core.errors import ServiceError
from innoinfra.core.models import InstallationSettings
from innoinfra.core.typography import plain
from innoinfra.council import orders, services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.council.models import Decision
from innoinfra.reference.enums import OrganizationType
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Order, Site
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application
from tests.factories import OrganizationFactory, kind, make_site

from .conftest import add_item, decide, reviewed_application

pytestmark = pytest.mark.django_db
# The day after the meeting (held today), inside the period the factories' applications ask for (to 31.08.2028).
ORDER_DATE = dt.date.today() + dt.timedelta(days=1)


@pytest.fixture
def authority_org(amursky):
    return OrganizationFactory(
        municipality=amursky,
        type=OrganizationType.AUTHORITY,
        short_name="УОМПиС",
        full_name="Управление образования, молодёжной политики и спорта администрации Амурского муниципального района",
        head_name="Сиденкова Наталья Евгеньевна",
        head_position="Начальник управления",
    )


@pytest.fixture
def decided(meeting, amursky, school, methodist):
    """Two recommended applications, one not recommended, a site to be extended; the meeting is held."""
    first = reviewed_application(amursky, school)
    second = reviewed_application(amursky, theme="Школа полного дня", call=first.call)
    rejected = reviewed_application(amursky, theme="Слабый проект", call=first.call)
    site = make_site(kind_abbr="МАП", theme="Апробация ФОП")
    for application, outcome in (
        (first, Outcome.RECOMMEND),
        (second, Outcome.RECOMMEND),
        (rejected, Outcome.NOT_RECOMMEND),
    ):
        decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), outcome, by=methodist)
    decide(add_item(meeting, kind=AgendaKind.SITE, site=site), Outcome.EXTEND, new_end_date=dt.date(2029, 6, 30))
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    return {"first": first, "second": second, "rejected": rejected, "site": site}


def texts(content: bytes) -> list[str]:
    return [plain(p.text) for p in Document(io.BytesIO(content)).paragraphs]


def test_entering_the_order_creates_it_and_the_sites_in_one_go(meeting, decided, methodist, authority_org, amursky):
    order = orders.issue_order(meeting, number="215-Д", date=ORDER_DATE, by=methodist)
    assert (order.number, order.date, order.municipality, order.issuer) == ("215-Д", ORDER_DATE, amursky, authority_org)
    assert (
        order.title
        == "О присвоении статуса «Муниципальная инновационная площадка» и об итогах деятельности инновационных площадок"
    )
    assert "ПРИКАЗЫВАЮ:" in order.text and "273-ФЗ" in order.text
    for key in ("first", "second"):
        application = Application.objects.get(pk=decided[key].pk)
        assert application.state == ApplicationState.APPROVED and application.order == order
        site = application.site
        assert (site.kind, site.theme, site.lead_organization) == (
            kind("МИП"),
            application.theme,
            application.lead_organization,
        )
        # the application asked from 01.09.2025, but a status begins no earlier than its order
        assert (site.start_date, site.end_date, site.order, site.state) == (
            max(dt.date(2025, 9, 1), ORDER_DATE),
            dt.date(2028, 8, 31),
            order,
            SiteState.ACTIVE,
        )
    assert Application.objects.get(pk=decided["rejected"].pk).state == ApplicationState.REJECTED
    assert Site.objects.get(pk=decided["site"].pk).end_date == dt.date(2029, 6, 30)
    assert set(Decision.objects.filter(order=order).values_list("outcome", flat=True)) == {"recommend", "extend"}
    with pytest.raises(ServiceError, match="приказ уже издан или не требуется"):
        orders.issue_order(meeting, number="216-Д", date=ORDER_DATE, by=methodist)


def test_one_failing_site_rolls_everything_back(meeting, decided, methodist):
    # The territory forbids two statuses at once, and the second applicant already holds one: the first
    # applicant's site is created before the second one fails.
    InstallationSettings.objects.update_or_create(pk=1, defaults={"one_status_per_organization": True})
    make_site(kind_abbr="МОП", organization=decided["second"].lead_organization, theme="Опорная школа")
    sites_before = Site.objects.count()
    with pytest.raises(ServiceError, match="уже есть действующий статус"):
        orders.issue_order(meeting, number="215-Д", date=ORDER_DATE, by=methodist)
    assert not Order.objects.filter(number="215-Д").exists()
    assert Site.objects.count() == sites_before
    for key in ("first", "second"):
        assert Application.objects.get(pk=decided[key].pk).state == ApplicationState.RECOMMENDED
    assert Application.objects.get(pk=decided["rejected"].pk).state == ApplicationState.NOT_RECOMMENDED
    assert Site.objects.get(pk=decided["site"].pk).end_date == dt.date(2027, 6, 30)
    assert not Decision.objects.filter(order__isnull=False).exists()


def test_the_order_needs_a_held_meeting_and_a_date_not_before_it(meeting, application, methodist):
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND)
    with pytest.raises(ServiceError, match="проведённого заседания"):
        orders.issue_order(meeting, number="1", date=ORDER_DATE, by=methodist)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    with pytest.raises(ServiceError, match="раньше заседания"):
        orders.issue_order(meeting, number="1", date=meeting.date - dt.timedelta(days=1), by=methodist)
    with pytest.raises(ServiceError, match="Укажите номер"):
        orders.issue_order(meeting, number="  ", date=ORDER_DATE, by=methodist)


def test_hearing_outcomes_change_the_sites(meeting, methodist, amursky):
    sites = {abbr: make_site(kind_abbr=abbr, theme=f"Тема {abbr}") for abbr in ("МИП", "МАП", "МОП", "ИК")}
    plan = [
        ("МИП", Outcome.CHANGE_THEME, dict(new_theme="Новая тема МИП")),
        ("МАП", Outcome.TERMINATE, dict(final_state=SiteState.COMPLETED)),
        ("МОП", Outcome.TERMINATE, {}),
        ("ИК", Outcome.CONTINUE, {}),
    ]
    for abbr, outcome, params in plan:
        decide(add_item(meeting, kind=AgendaKind.SITE, site=sites[abbr]), outcome, **params)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    order = orders.issue_order(meeting, number="90-Д", date=ORDER_DATE, by=methodist)
    fresh = {abbr: Site.objects.get(pk=site.pk) for abbr, site in sites.items()}
    assert fresh["МИП"].theme == "Новая тема МИП"
    assert (
        fresh["МИП"].history.latest().history_change_reason == f"Приказ от {ORDER_DATE:%d.%m.%Y} № 90-Д: изменена тема"
    )
    assert fresh["МАП"].state == SiteState.COMPLETED and fresh["МОП"].state == SiteState.REVOKED
    assert fresh["МОП"].state_changes.latest("id").order == order
    assert fresh["ИК"].state == SiteState.ACTIVE and fresh["ИК"].theme == "Тема ИК"
    assert Decision.objects.filter(order=order).count() == 4
    assert order.title == "Об итогах деятельности инновационных площадок"


def test_the_draft_order_reads_as_an_order(meeting, decided, authority_org):
    content = orders.order_content(meeting, orders.pending_decisions(meeting))
    lines = texts(orders.order_docx(content))
    assert lines[0] == authority_org.full_name and "ПРИКАЗ" in lines
    assert "«___» ____________ 20___ г. № _____" in lines
    assert content.title in lines
    preamble = next(line for line in lines if line.startswith("В соответствии"))
    assert "статьёй 20 Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»" in preamble
    assert f"(протокол заседания от {meeting.date:%d.%m.%Y} № {meeting.number})" in preamble
    assert "ПРИКАЗЫВАЮ:" in lines
    first = decided["first"]
    assert any(
        line.startswith(f"1.1. {first.lead_organization.full_name}")
        and "статус «Муниципальная инновационная площадка»" in line
        and f"тема «{first.theme}»" in line
        and "срок с 01.09.2025 по 31.08.2028" in line
        for line in lines
    )
    assert any(line.startswith("1.1. ") and line.endswith(";") for line in lines)
    assert any(line.startswith("1.2. ") and "Школа полного дня" in line and line.endswith(".") for line in lines)
    assert not any("Слабый проект" in line for line in lines)
    assert any(
        line.startswith("2. Продлить до 30.06.2029 срок статуса «Муниципальная апробационная площадка»")
        for line in lines
    )
    assert any(line.startswith("3. Контроль за исполнением приказа возложить на ___") for line in lines)
    assert "Начальник управления _______________ Н. Е. Сиденкова" in lines


def test_without_dates_the_period_is_the_calls_term(meeting, application, amursky):
    application.start_date = application.end_date = None
    application.save()
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND)
    content = orders.order_content(meeting, orders.pending_decisions(meeting))
    assert "срок на 3 года со дня издания приказа" in content.points[0].subpoints[0]
    dated = orders.order_content(meeting, orders.pending_decisions(meeting), order_date=dt.date(2025, 6, 20))
    assert "срок с 20.06.2025 по 19.06.2028" in dated.points[0].subpoints[0]
    # Without an authority in the registry the order is issued in the municipality's name.
    assert content.issuer is None and content.issuer_name == amursky.name


def test_the_letterhead_from_the_settings_is_the_base_of_the_order(meeting, decided):
    letterhead = Document()
    letterhead.add_paragraph("АДМИНИСТРАЦИЯ АМУРСКОГО МУНИЦИПАЛЬНОГО РАЙОНА")
    letterhead.add_paragraph("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ")
    letterhead.sections[0].header.paragraphs[0].text = "Бланк приказа"
    buffer = io.BytesIO()
    letterhead.save(buffer)
    installation = InstallationSettings.current()
    installation.order_template.save("blank.docx", ContentFile(buffer.getvalue()), save=True)

    content = orders.order_content(meeting, orders.pending_decisions(meeting))
    document = Document(io.BytesIO(orders.order_docx(content)))
    lines = [plain(p.text) for p in document.paragraphs]
    assert lines[:2] == ["АДМИНИСТРАЦИЯ АМУРСКОГО МУНИЦИПАЛЬНОГО РАЙОНА", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"]
    assert document.sections[0].header.paragraphs[0].text == "Бланк приказа"
    assert "ПРИКАЗЫВАЮ:" in lines and content.title in lines
    assert "ПРИКАЗ" not in lines  # the letterhead carries the issuer and the document type


def test_the_administrator_uploads_the_letterhead_on_the_settings_page(meeting, decided, admin_user, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    letterhead = Document()
    letterhead.add_paragraph("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ")
    buffer = io.BytesIO()
    letterhead.save(buffer)
    client = client_for(admin_user)
    url = reverse("settings")
    form = {"name": "Инновационная инфраструктура образования", "about": "О системе"}
    page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page and "Бланк приказа (DOCX)" in page
    broken = client.post(url, {**form, "order_template": SimpleUploadedFile("blank.docx", b"not a docx")})
    assert "не похож на документ Word (DOCX)" in broken.content.decode()
    foreign = client.post(url, {**form, "order_template": SimpleUploadedFile("blank.pdf", b"%PDF")})
    assert "Допустимые расширения: .docx." in foreign.content.decode()
    assert not InstallationSettings.current().order_template
    response = client.post(url, {**form, "order_template": SimpleUploadedFile("blank.docx", buffer.getvalue())})
    assert response.status_code == 302
    content = orders.order_content(meeting, orders.pending_decisions(meeting))
    assert texts(orders.order_docx(content))[0] == "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"
    # Saved again without a file, the settings keep the letterhead; «Очистить» removes it.
    client.post(url, form)
    assert InstallationSettings.current().order_template
    client.post(url, {**form, "order_template-clear": "on"})
    assert not InstallationSettings.current().order_template


def test_a_broken_letterhead_gives_a_clear_message(meeting, decided):
    InstallationSettings.current().order_template.save("blank.docx", ContentFile(b"not a docx"), save=True)
    content = orders.order_content(meeting, orders.pending_decisions(meeting))
    with pytest.raises(ServiceError, match="не открывается как документ Word"):
        orders.order_docx(content)


def test_an_entered_order_prints_its_date_number_and_qr_code(meeting, decided, methodist):
    order = orders.issue_order(meeting, number="215-Д", date=ORDER_DATE, by=methodist)
    decisions = list(Decision.objects.filter(order=order).select_related("agenda_item__application__call"))
    content = orders.order_content(meeting, decisions, order_date=order.date)
    document = Document(
        io.BytesIO(orders.order_docx(content, order=order, url="https://inno.example.ru/registry/orders/1/"))
    )
    lines = [plain(p.text) for p in document.paragraphs]
    assert f"{ORDER_DATE:%d.%m.%Y} № 215-Д" in lines
    assert len(document.inline_shapes) == 1
    assert "Приказ в реестре: https://inno.example.ru/registry/orders/1/" in lines


def test_an_application_whose_period_ended_before_the_order_gets_no_site(meeting, decided, methodist):
    Application.objects.filter(pk=decided["second"].pk).update(end_date=dt.date(2026, 1, 31))
    orders_before = Order.objects.count()
    with pytest.raises(ServiceError, match="заявка № 2, закончился до даты приказа"):
        orders.issue_order(meeting, number="215-Д", date=ORDER_DATE, by=methodist)
    assert Order.objects.count() == orders_before
    assert not Site.objects.filter(theme=decided["first"].theme).exists()


def test_a_network_application_becomes_a_complex_with_its_partners(meeting, amursky, school, methodist):
    application = reviewed_application(amursky, school, theme="Сетевая модель наставничества")
    partners = [OrganizationFactory(municipality=amursky), OrganizationFactory(municipality=amursky)]
    # The applicant asked for the complex and named its network before submitting (set here directly).
    Application.objects.filter(pk=application.pk).update(site_kind=kind("ИК"))
    application.refresh_from_db()
    application.partners.set(partners)
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND)
    content = orders.order_content(meeting, orders.pending_decisions(meeting))
    line = content.points[0].subpoints[0]
    assert f"в сетевом взаимодействии с {partners[0].short_name}, {partners[1].short_name}." in line
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    orders.issue_order(meeting, number="7-Д", date=ORDER_DATE, by=methodist)
    site = Application.objects.get(pk=application.pk).site
    assert site.kind == kind("ИК")
    assert set(site.organizations.all()) == {school, *partners}


def test_partners_of_a_single_organization_status_stop_the_order(meeting, amursky, school, methodist):
    application = reviewed_application(amursky, school)
    application.partners.set([OrganizationFactory(municipality=amursky)])
    decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), Outcome.RECOMMEND)
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    with pytest.raises(ServiceError, match="предполагает одну организацию"):
        orders.issue_order(meeting, number="8-Д", date=ORDER_DATE, by=methodist)
    assert not Order.objects.exists() and not Site.objects.filter(theme=application.theme).exists()


def test_the_order_names_whom_its_execution_is_controlled_by(meeting, decided, methodist):
    control = "заместителя начальника управления Загуменнову Л. В."
    order = orders.issue_order(meeting, number="215-Д", date=ORDER_DATE, by=methodist, control_person=f"  {control} ")
    assert order.control_person == control
    assert f"Контроль за исполнением приказа возложить на {control}\n" in order.text + "\n"
    decisions = list(Decision.objects.filter(order=order).select_related("agenda_item__application__call"))
    content = orders.order_content(meeting, decisions, order_date=order.date, control_person=order.control_person)
    assert any(control in line for line in texts(orders.order_docx(content, order=order)))


def test_a_draft_without_the_control_person_leaves_a_blank_for_it(meeting, decided):
    content = orders.order_content(meeting, orders.pending_decisions(meeting))
    assert content.points[-1].text == f"Контроль за исполнением приказа возложить на {orders.BLANK_PERSON}."
