"""The innovation-cycle stage: filters of the registry, the catalogue and the API, the kinds × stages matrix
(its counts, links and query count) and the indicator on the pages."""

import pytest
from rest_framework.test import APIClient

from innoinfra.practices.enums import PracticeState
from innoinfra.reference.enums import CycleStage
from innoinfra.registry.mapdata import build_stage_matrix

from ..factories import OrganizationFactory, make_site
from ..practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites(school, amursky):
    other = OrganizationFactory(municipality=amursky)
    return [
        make_site(organization=school, theme="Проект на этапе апробации", cycle_stage=CycleStage.APPROBATION),
        make_site(organization=other, theme="Проект на этапе внедрения", cycle_stage=CycleStage.IMPLEMENTATION),
        make_site(organization=other, kind_abbr="МАП", theme="Проект без этапа"),
    ]


def test_registry_page_and_api_filter_by_stage(sites, client_for):
    page = client_for().get("/registry/?cycle_stage=approbation").content.decode()
    assert "Проект на этапе апробации" in page and "Проект на этапе внедрения" not in page
    data = APIClient().get("/api/v1/sites/?cycle_stage=implementation").json()
    assert [s["theme"] for s in data["results"]] == ["Проект на этапе внедрения"]
    assert data["results"][0]["cycle_stage"] == "implementation"
    assert APIClient().get("/api/v1/sites/?cycle_stage=nonsense").status_code == 400


def test_catalogue_and_api_filter_practices_by_stage(school, teacher, client_for):
    make_practice(
        school,
        by=teacher,
        state=PracticeState.PUBLISHED,
        title="Практика внедрения",
        cycle_stage=CycleStage.IMPLEMENTATION,
    )
    make_practice(school, by=teacher, state=PracticeState.PUBLISHED, title="Практика-идея", cycle_stage=CycleStage.IDEA)
    page = client_for().get("/practices/?cycle_stage=idea").content.decode()
    assert "Практика-идея" in page and "Практика внедрения" not in page
    data = APIClient().get("/api/v1/practices/?cycle_stage=implementation").json()
    assert [p["title"] for p in data["results"]] == ["Практика внедрения"]


def test_stage_matrix_counts_and_links(sites, django_assert_num_queries):
    with django_assert_num_queries(1):
        matrix = build_stage_matrix({})
    assert matrix.columns == ["Идея", "Разработка", "Апробация", "Внедрение", "Тиражирование", "Этап не указан"]
    assert matrix.total == 3
    assert matrix.column_totals == [0, 0, 1, 1, 0, 1]
    mip = next(row for row in matrix.rows if "МИП" in row.name)
    assert mip.total == 2
    count, link = mip.cells[2]
    assert count == 1 and link.endswith(f"?kind={mip.kind_id}&cycle_stage=approbation&state=active")


def test_matrix_page_shows_the_stage_table_and_filters_by_stage(sites, client_for):
    page = client_for().get("/registry/map/matrix/").content.decode()
    assert 'data-testid="stage-matrix"' in page
    assert "Виды площадок и этапы инновационного цикла" in page
    filtered = client_for().get("/registry/map/matrix/?cycle_stage=implementation").content.decode()
    assert "Этап цикла: Внедрение" in filtered
    points = client_for().get("/registry/map/data.json?cycle_stage=approbation").json()["points"]
    assert len(points) == 1


def test_indicator_on_site_and_practice_pages(sites, school, teacher, client_for):
    page = client_for().get(sites[0].get_absolute_url()).content.decode()
    assert 'aria-current="step"' in page and "(3 из 5)" in page and "текущий этап" in page
    assert "не указан" in client_for().get(sites[2].get_absolute_url()).content.decode()
    practice = make_practice(school, by=teacher, state=PracticeState.PUBLISHED, cycle_stage=CycleStage.REPLICATION)
    assert "(5 из 5)" in client_for().get(practice.get_absolute_url()).content.decode()


def test_site_form_saves_the_stage(sites, client_for, methodist):
    site = sites[2]
    response = client_for(methodist).get(f"/registry/sites/{site.pk}/edit/")
    assert 'name="cycle_stage"' in response.content.decode()
