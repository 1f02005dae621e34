"""The life of a campaign and its reports as the services enforce it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.reference.enums import OrganizationType
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Site
from innoinfra.reports import services
from innoinfra.reports.enums import Audience, CampaignState, ReportState, ValueType
from innoinfra.reports.models import Answer, Report, ReportEvent
from tests import hostile_files
from tests.factories import OrganizationFactory, kind, make_site

from .factories import attachment, indicator, make_campaign, section, template

pytestmark = pytest.mark.django_db


def answers_of(report) -> dict[str, object]:
    return {a.item.title: a.display for a in Answer.objects.filter(report=report).select_related("item")}


def item(report, title):
    return report.campaign.form.items.get(title=title)


# ---------------------------------------------------------------- campaigns


def test_opening_creates_one_report_for_each_active_site_of_the_territory(amursky, vyselki, methodist, school):
    ours = make_site(organization=school)
    other_school = OrganizationFactory(municipality=amursky)
    second = make_site(organization=other_school, kind_abbr="МАП")
    finished = make_site(organization=OrganizationFactory(municipality=amursky))
    Site.objects.filter(pk=finished.pk).update(state=SiteState.COMPLETED)
    make_site(organization=OrganizationFactory(municipality=vyselki))  # another district
    make_site(organization=OrganizationFactory(municipality=amursky), start_date=dt.date(2025, 9, 1))  # not yet
    campaign = make_campaign(amursky, by=methodist)
    assert campaign.reports.count() == 0 and campaign.form.items.count() == template().items.count()

    services.change_campaign_state(campaign, CampaignState.OPEN, by=methodist)

    reports = Report.objects.filter(campaign=campaign)
    assert {r.site_id for r in reports} == {ours.pk, second.pk}
    assert all(r.state == ReportState.DRAFT and r.municipality_id == amursky.pk for r in reports)
    assert ReportEvent.objects.filter(report__campaign=campaign, to_state=ReportState.DRAFT, by=methodist).count() == 2
    assert campaign.history.count() == 2  # created, opened


def test_a_campaign_for_given_site_kinds_or_for_all_organizations(amursky, methodist, school):
    make_site(organization=school, kind_abbr="МИП")
    approbation = make_site(organization=OrganizationFactory(municipality=amursky), kind_abbr="МАП")
    by_kind = make_campaign(amursky, by=methodist, audience=Audience.SITE_KINDS, site_kinds=[kind("МАП")], open_it=True)
    assert [r.site_id for r in by_kind.reports.all()] == [approbation.pk]

    OrganizationFactory(municipality=amursky, type=OrganizationType.AUTHORITY)
    OrganizationFactory(municipality=amursky, is_active=False)
    everyone = make_campaign(amursky, by=methodist, audience=Audience.ORGANIZATIONS, open_it=True)
    assert {r.organization_id for r in everyone.reports.all()} == {school.pk, approbation.lead_organization_id}
    assert all(r.site_id is None for r in everyone.reports.all())


def test_a_campaign_with_nobody_to_report_stays_a_draft(amursky, methodist):
    campaign = make_campaign(amursky, by=methodist)
    with pytest.raises(ServiceError, match="Отчитываться некому"):
        services.change_campaign_state(campaign, CampaignState.OPEN, by=methodist)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT


def test_another_districts_methodist_cannot_run_a_campaign_here(amursky, other_methodist):
    with pytest.raises(ServiceError, match="своей территории"):
        make_campaign(amursky, by=other_methodist)


def test_period_and_deadline_are_checked(amursky, methodist):
    with pytest.raises(ServiceError, match="раньше его начала"):
        make_campaign(amursky, by=methodist, period=(dt.date(2025, 5, 31), dt.date(2024, 9, 1)))


def test_the_form_is_built_moved_and_frozen_once_collecting_starts(amursky, methodist, site):
    campaign = make_campaign(amursky, by=methodist, items=[section("Первый"), section("Второй")])
    third = services.add_item(campaign.form, **indicator("Третий", code="third"))
    services.move_item(third, "up")
    assert list(campaign.form.items.order_by("position").values_list("title", flat=True)) == [
        "Первый",
        "Третий",
        "Второй",
    ]
    with pytest.raises(ServiceError, match="коды не повторяются"):
        services.add_item(campaign.form, **indicator("Ещё", code="third"))
    with pytest.raises(ServiceError, match="хотя бы два варианта"):
        services.add_item(campaign.form, **indicator("Выбор", ValueType.CHOICE, options=["Один"]))
    with pytest.raises(ServiceError, match="больше наибольшего"):
        services.add_item(campaign.form, **indicator("Доля", ValueType.DECIMAL, min_value=10, max_value=5))
    services.delete_item(third)
    services.change_campaign_state(campaign, CampaignState.OPEN, by=methodist)
    first = campaign.form.items.get(title="Первый")
    with pytest.raises(ServiceError, match="форму кампании изменить нельзя"):
        services.update_item(first, title="Иначе")
    with pytest.raises(ServiceError):
        services.delete_item(first)
    assert campaign.form.items.count() == 2


def test_templates_are_never_changed_and_a_campaign_gets_its_own_copy(amursky, methodist):
    campaign = make_campaign(amursky, by=methodist)
    services.delete_item(campaign.form.items.first())
    assert template().items.count() == campaign.form.items.count() + 1
    with pytest.raises(ServiceError, match="Готовую форму не меняют"):
        services.delete_item(template().items.first())


# ---------------------------------------------------------------- answers and submission


def test_each_indicator_type_is_validated_on_save_with_russian_messages(amursky, methodist, site, orgadmin):
    campaign = make_campaign(
        amursky,
        by=methodist,
        items=[
            indicator("Мероприятий", min_value=0, max_value=50, unit="шт."),
            indicator("Доля педагогов", ValueType.DECIMAL, min_value=0, max_value=100),
            indicator("Есть программа", ValueType.BOOLEAN),
            indicator("Уровень", ValueType.CHOICE, options=["Муниципальный", "Региональный"]),
        ],
        open_it=True,
    )
    report = campaign.reports.get()
    ids = {i.title: i.pk for i in campaign.form.items.all()}
    cases = [
        ({ids["Мероприятий"]: "2,5"}, "«Мероприятий»: введите целое число."),
        ({ids["Мероприятий"]: "много"}, "«Мероприятий»: введите число."),
        ({ids["Мероприятий"]: "51"}, "«Мероприятий»: значение не может быть больше 50 шт."),
        ({ids["Мероприятий"]: "-1"}, "«Мероприятий»: значение не может быть меньше 0 шт."),
        ({ids["Доля педагогов"]: "100,5"}, "«Доля педагогов»: значение не может быть больше 100."),
        ({ids["Есть программа"]: "может быть"}, "«Есть программа»: ответьте «да» или «нет»."),
        ({ids["Уровень"]: "Федеральный"}, "«Уровень»: выберите один из вариантов ответа."),
    ]
    for values, message in cases:
        with pytest.raises(ServiceError) as refused:
            services.save_draft(report, by=orgadmin, values=values)
        assert refused.value.messages == [message]
    assert not Answer.objects.filter(report=report).exists()

    services.save_draft(
        report,
        by=orgadmin,
        values={
            ids["Мероприятий"]: "12",
            ids["Доля педагогов"]: "37,5",
            ids["Есть программа"]: "yes",
            ids["Уровень"]: "Региональный",
        },
    )
    assert answers_of(report) == {
        "Мероприятий": "12",
        "Доля педагогов": "37,5",
        "Есть программа": "Да",
        "Уровень": "Региональный",
    }


def test_submitting_needs_every_required_answer_and_saves_nothing_when_refused(amursky, methodist, site, orgadmin):
    campaign = make_campaign(
        amursky,
        by=methodist,
        items=[
            section("Практическая деятельность"),
            section("Эффекты", required=False),
            indicator("Мероприятий"),
            indicator("Есть программа", ValueType.BOOLEAN),
            attachment(),
        ],
        open_it=True,
    )
    report = campaign.reports.get()
    ids = {i.title: i.pk for i in campaign.form.items.all()}
    with pytest.raises(ServiceError) as refused:
        services.submit(report, by=orgadmin, values={ids["Практическая деятельность"]: "Провели три семинара."})
    assert refused.value.messages == [
        "«Мероприятий»: укажите значение.",
        "«Есть программа»: укажите значение.",
        "«Отчёт с подписью руководителя»: приложите файл.",
    ]
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.submitted_at is None
    assert not Answer.objects.filter(report=report).exists()  # not even the section that was filled

    with pytest.raises(ServiceError, match=r"Допустимые расширения: \.pdf"):
        services.save_draft(
            report, by=orgadmin, files={ids["Отчёт с подписью руководителя"]: SimpleUploadedFile("a.exe", b"x")}
        )

    services.submit(
        report,
        by=orgadmin,
        values={
            ids["Практическая деятельность"]: "Провели три семинара.",
            ids["Мероприятий"]: "3",
            ids["Есть программа"]: "no",
        },
        files={ids["Отчёт с подписью руководителя"]: SimpleUploadedFile("otchet.pdf", b"%PDF-1.4")},
    )
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.submitted_at is not None
    assert answers_of(report)["Отчёт с подписью руководителя"] == "otchet.pdf"


def submit_small(report, by, events="5"):
    ids = {i.title: i.pk for i in report.campaign.form.items.all()}
    return services.submit(
        report,
        by=by,
        values={ids["Практическая деятельность"]: "Семинары и вебинары.", ids["Проведено мероприятий"]: events},
    )


def test_returned_with_remarks_fixed_resubmitted_and_accepted_with_a_history(report, orgadmin, methodist):
    submit_small(report, orgadmin)
    with pytest.raises(ServiceError, match="Напишите замечания"):
        services.return_report(report, by=methodist, remarks="  ")
    services.return_report(report, by=methodist, remarks="Добавьте сведения о вебинарах.")
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED and report.remarks == "Добавьте сведения о вебинарах."
    submit_small(report, orgadmin, events="6")
    services.accept(report, by=methodist)
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED and report.accepted_at is not None
    steps = [(e.label, e.by, e.remarks) for e in report.events.order_by("at", "id")]
    assert steps == [
        ("Создан", methodist, ""),
        ("Представлен", orgadmin, ""),
        ("Возвращён на доработку", methodist, "Добавьте сведения о вебинарах."),
        ("Представлен повторно", orgadmin, ""),
        ("Принят", methodist, ""),
    ]


@pytest.mark.parametrize(
    "state, action",
    [
        (ReportState.DRAFT, "accept"),
        (ReportState.DRAFT, "return"),
        (ReportState.ACCEPTED, "submit"),
        (ReportState.ACCEPTED, "return"),
        (ReportState.SUBMITTED, "submit"),
        (ReportState.SUBMITTED, "save"),
    ],
)
def test_illegal_steps_are_refused_and_change_nothing(report, orgadmin, methodist, state, action):
    if state != ReportState.DRAFT:
        submit_small(report, orgadmin)
    if state == ReportState.ACCEPTED:
        services.accept(report, by=methodist)
    report.refresh_from_db()
    before = (report.state, report.submitted_at, report.events.count(), answers_of(report))
    ids = {i.title: i.pk for i in report.campaign.form.items.all()}
    call = {
        "accept": lambda: services.accept(report, by=methodist),
        "return": lambda: services.return_report(report, by=methodist, remarks="Исправьте"),
        "submit": lambda: submit_small(report, orgadmin),
        "save": lambda: services.save_draft(report, by=orgadmin, values={ids["Проведено мероприятий"]: "9"}),
    }[action]
    with pytest.raises(ServiceError):
        call()
    report.refresh_from_db()
    after = (report.state, report.submitted_at, report.events.count(), answers_of(report))
    assert after == before


def test_a_closed_campaign_takes_no_reports(report, small_campaign, orgadmin, methodist):
    services.change_campaign_state(small_campaign, CampaignState.CLOSED, by=methodist)
    with pytest.raises(ServiceError, match="не идёт"):
        submit_small(report, orgadmin)


# ---------------------------------------------------------------- late reports


def test_late_reports_are_flagged(amursky, methodist, orgadmin, school, monkeypatch):
    second = OrganizationFactory(municipality=amursky)
    make_site(organization=school)
    make_site(organization=second)
    deadline = timezone.localdate() - dt.timedelta(days=1)
    campaign = make_campaign(
        amursky,
        by=methodist,
        items=[section("Практическая деятельность"), indicator("Проведено мероприятий")],
        period=(deadline - dt.timedelta(days=300), deadline - dt.timedelta(days=10)),
        deadline=deadline,
        open_it=True,
    )
    ours = campaign.reports.get(organization=school)
    theirs = campaign.reports.get(organization=second)
    assert ours.is_late and theirs.is_late  # not submitted, the deadline has passed
    submit_small(ours, orgadmin)
    ours.refresh_from_db()
    assert ours.submitted_late and ours.is_late
    services.return_report(ours, by=methodist, remarks="Исправьте")
    ours.refresh_from_db()
    assert ours.is_late  # stays late: it was first submitted after the deadline


def test_a_report_submitted_on_time_and_returned_after_the_deadline_is_not_late(report, orgadmin, methodist):
    submit_small(report, orgadmin)
    services.return_report(report, by=methodist, remarks="Исправьте")
    report.refresh_from_db()
    assert not report.submitted_late
    later = report.campaign.deadline + dt.timedelta(days=20)
    assert not report.is_late_on(later)


# ---------------------------------------------------------------- council


def test_an_accepted_site_report_goes_on_the_agenda_of_a_planned_meeting(report, orgadmin, methodist, amursky):
    from innoinfra.council import services as council_services
    from innoinfra.council.enums import AgendaKind
    from tests.factories import BodyFactory

    body = BodyFactory(municipality=amursky)
    meeting = council_services.create_meeting(
        body=body, date=timezone.localdate() + dt.timedelta(days=14), place="г. Амурск", by=None
    )
    with pytest.raises(ServiceError, match="принятый отчёт"):
        services.put_on_agenda(report, meeting, by=methodist)
    submit_small(report, orgadmin)
    services.accept(report, by=methodist)
    item = services.put_on_agenda(report, meeting, by=methodist)
    assert item.kind == AgendaKind.SITE and item.site_id == report.site_id
    assert "Об отчёте МИП" in item.title
    with pytest.raises(ServiceError, match="уже есть в повестке"):
        services.put_on_agenda(report, meeting, by=methodist)


def test_numbers_are_stored_exactly(report, orgadmin):
    ids = {i.title: i.pk for i in report.campaign.form.items.all()}
    services.save_draft(report, by=orgadmin, values={ids["Проведено мероприятий"]: " 1 2 "})
    assert Answer.objects.get(report=report, item_id=ids["Проведено мероприятий"]).number == Decimal(12)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("otchet.pdf", hostile_files.EXE, "по содержимому это исполняемый файл Windows"),
        ("otchet.docx", hostile_files.docx_with_macros(), "содержит макросы"),
        ("otchet.docx", hostile_files.lying_zip_bomb(), "не сходится с оглавлением архива"),
    ],
)
def test_a_hostile_attachment_is_refused_and_nothing_is_stored(amursky, methodist, site, orgadmin, name, content, message):
    campaign = make_campaign(amursky, by=methodist, items=[attachment(allowed_types=".pdf, .docx")], open_it=True)
    report = campaign.reports.get()
    item = campaign.form.items.get()
    with pytest.raises(ServiceError, match=message):
        services.save_draft(report, by=orgadmin, files={item.pk: SimpleUploadedFile(name, content)})
    assert not Answer.objects.filter(report=report).exists()
