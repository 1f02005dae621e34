"""The approbation's life cycle: планируется → идёт апробация → завершена, the conclusion required to finish,
illegal transitions refused with nothing changed, and «рекомендован к внедрению» moving the cycle stage."""

import datetime as dt

import pytest

from innoinfra.approbation import services
from innoinfra.approbation.enums import ApprobationState, Verdict
from innoinfra.core.errors import ServiceError
from innoinfra.practices.enums import PracticeState
from innoinfra.reference.enums import CycleStage

from ..factories import make_site
from ..practices.factories import make_practice
from .factories import make_approbation

pytestmark = pytest.mark.django_db
D = dt.date(2025, 4, 11)


def test_the_whole_life_cycle_moves_site_and_practice_to_implementation(school, methodist, teacher):
    site = make_site(organization=school, cycle_stage=CycleStage.APPROBATION)
    practice = make_practice(school, by=teacher, state=PracticeState.PUBLISHED)
    approbation = make_approbation(site, by=methodist, practice=practice)
    assert approbation.state == ApprobationState.PLANNED
    services.add_stage(approbation, title="Подготовительный", starts_on=D, ends_on=D + dt.timedelta(days=30))
    services.start(approbation, by=methodist)
    services.add_result(approbation, date=D, indicator="Доля обучающихся", value="78 %", by=methodist)
    services.conclude(approbation, verdict=Verdict.RECOMMENDED, conclusion="Рекомендуется.", date=D, by=methodist)
    approbation.refresh_from_db()
    site.refresh_from_db()
    practice.refresh_from_db()
    assert approbation.state == ApprobationState.FINISHED
    assert approbation.concluded_by == methodist
    assert site.cycle_stage == CycleStage.IMPLEMENTATION
    assert practice.cycle_stage == CycleStage.IMPLEMENTATION
    assert approbation.history.count() == 3  # created, started, concluded
    # both moves are in the records' history with the methodist who concluded
    assert practice.history.latest().history_user == methodist
    assert practice.history.latest().cycle_stage == CycleStage.IMPLEMENTATION
    assert site.history.latest().history_user == methodist


@pytest.mark.parametrize("verdict", [Verdict.NEEDS_REVISION, Verdict.NOT_RECOMMENDED])
def test_other_verdicts_leave_the_stage(school, verdict):
    site = make_site(organization=school, cycle_stage=CycleStage.APPROBATION)
    approbation = make_approbation(site)
    services.start(approbation)
    services.conclude(approbation, verdict=verdict, conclusion="Вывод.", date=D)
    site.refresh_from_db()
    assert site.cycle_stage == CycleStage.APPROBATION


def test_replication_is_not_undone(school):
    site = make_site(organization=school, cycle_stage=CycleStage.REPLICATION)
    approbation = make_approbation(site)
    services.start(approbation)
    services.conclude(approbation, verdict=Verdict.RECOMMENDED, conclusion="Вывод.", date=D)
    site.refresh_from_db()
    assert site.cycle_stage == CycleStage.REPLICATION


def test_illegal_transitions_are_refused_and_change_nothing(school):
    approbation = make_approbation(make_site(organization=school))
    with pytest.raises(ServiceError, match="Нельзя завершить апробацию: апробация в состоянии «Планируется»"):
        services.conclude(approbation, verdict=Verdict.RECOMMENDED, conclusion="Вывод.", date=D)
    with pytest.raises(ServiceError, match="внести результат мониторинга"):
        services.add_result(approbation, date=D, indicator="Показатель", value="1")
    services.start(approbation)
    with pytest.raises(ServiceError, match="начать апробацию"):
        services.start(approbation)
    with pytest.raises(ServiceError, match="напишите заключение"):
        services.conclude(approbation, verdict=Verdict.RECOMMENDED, conclusion="  ", date=D)
    approbation.refresh_from_db()
    assert approbation.state == ApprobationState.IN_PROGRESS
    assert approbation.verdict == ""
    services.conclude(approbation, verdict=Verdict.NEEDS_REVISION, conclusion="Доработать.", date=D)
    with pytest.raises(ServiceError, match="изменить программу"):
        services.update_approbation(approbation, product_title="Другое")
    with pytest.raises(ServiceError, match="добавить этап"):
        services.add_stage(approbation, title="Ещё", starts_on=D, ends_on=D)
    assert approbation.results.count() == 0


def test_stage_dates_and_unpublished_practice_are_refused(school, teacher):
    approbation = make_approbation(make_site(organization=school))
    with pytest.raises(ServiceError, match="раньше, чем начался"):
        services.add_stage(approbation, title="Этап", starts_on=D, ends_on=D - dt.timedelta(days=1))
    draft = make_practice(school, by=teacher)
    with pytest.raises(ServiceError, match="опубликованной"):
        services.update_approbation(approbation, practice=draft)
    assert approbation.stages.count() == 0
