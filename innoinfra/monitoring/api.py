"""Monitoring figures through the API: the public overview of a territory, and for staff the figures every dashboard
shows, from the same `stats` functions, so the API and the pages can never disagree.

`GET /api/v1/stats/overview/` is public: active sites by kind and level, organizations, held events — what the
public registry and calendar already show, summed. `GET /api/v1/stats/<section>/` answers staff only (403 for
others), for the territory they run; `?municipality=<id>` narrows it, `?year=2024` picks the academic year."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from innoinfra.core.forms import parse_id
from innoinfra.core.permissions import REFUSED
from innoinfra.reference.models import Municipality

from . import snapshots, stats
from .filters import Filters, monitoring_filters, parse_year

YEAR = OpenApiParameter("year", int, description="Первый год учебного года: 2024 — «2024/2025 учебный год»")
MUNICIPALITY = OpenApiParameter("municipality", int, description="id муниципалитета; без него — вся территория")


class MayViewMonitoring(BasePermission):
    message = REFUSED

    def has_permission(self, request, view):
        return request.user.has_perm("monitoring.view_dashboard")


def _about(f: Filters) -> dict:
    return {
        "academic_year": f.year,
        "academic_year_label": f.year_label,
        "municipality": f.municipality.pk if f.municipality else None,
        "territory": f.territory_label,
    }


def _sites(f, today):
    return {
        "totals": stats.site_totals(f.municipalities, f.year),
        "by_kind": stats.sites_by_kind(f.municipalities, f.year),
        "by_level": stats.sites_by_level(f.municipalities, f.year),
        "by_direction": stats.sites_by_direction(f.municipalities, f.year),
        "by_municipality": stats.sites_by_municipality(f.municipalities, f.year),
    }


def _applications(f, today):
    return {"by_year": stats.applications_by_year(f.municipalities, stats.trend_years(f.year))}


def _plans(f, today):
    return {
        "execution": stats.plan_execution(f.municipalities, f.year, today),
        "by_municipality": stats.plan_execution_by_municipality(f.municipalities, f.year, today),
        "sites_with_overdue_items": stats.sites_with_overdue_items(f.municipalities, f.year, today, limit=None),
    }


def _events(f, today):
    return {
        "totals": stats.event_totals(f.municipalities, f.year),
        "by_format": stats.events_by_format(f.municipalities, f.year),
        "by_month": stats.events_by_month(f.municipalities, f.year),
    }


SECTIONS = {
    "sites": _sites,
    "applications": _applications,
    "plans": _plans,
    "events": _events,
    "mentoring": lambda f, today: stats.mentoring(f.municipalities),
    "deficits": lambda f, today: stats.organizations_without_activity(f.municipalities, f.year, limit=None),
    "trends": lambda f, today: {"by_year": stats.trends(f.municipalities, f.year)},
}


class OverviewView(APIView):
    """Public totals of a territory (or of the whole installation)."""

    permission_classes = [AllowAny]
    refusals = ("404",)  # an unknown `?municipality=` is a record that is not there (api.schema documents it)

    @extend_schema(parameters=[YEAR, MUNICIPALITY], responses=OpenApiTypes.OBJECT, summary="Сводка (публичная)")
    def get(self, request):
        year = parse_year(request.query_params.get("year"))
        raw = request.query_params.get("municipality", "").strip()
        municipalities, label = None, "все территории"
        if raw:
            if parse_id(raw) is None:
                raise ValidationError({"municipality": "Укажите id муниципалитета числом."})
            municipality = Municipality.objects.filter(pk=parse_id(raw)).first()
            if municipality is None:
                raise NotFound("Муниципалитета с таким id нет.")
            municipalities, label = [municipality.pk], municipality.name
        # public and unauthenticated, so anyone may ask it often: kept as a summary per change of the facts and per
        # day (a status is in force by the date), like the dashboards' tables
        key = f"overview:{municipalities[0] if municipalities else 'all'}:{year}:{timezone.localdate().isoformat()}"
        figures = snapshots.cached(key, lambda: stats.overview(municipalities, year))
        return Response({"municipality": int(raw) if raw else None, "territory": label, **figures})


class SectionView(APIView):
    """One dashboard's figures, for staff of the territory."""

    permission_classes = [MayViewMonitoring]

    @extend_schema(
        parameters=[
            OpenApiParameter("section", str, OpenApiParameter.PATH, enum=list(SECTIONS)),
            YEAR,
            MUNICIPALITY,
        ],
        responses=OpenApiTypes.OBJECT,
        summary="Показатели мониторинга (для сотрудников)",
    )
    def get(self, request, section: str):
        if section not in SECTIONS:
            return Response({"detail": "Такого раздела мониторинга нет."}, status=404)
        f = monitoring_filters(request.user, request.query_params)
        return Response({**_about(f), section: SECTIONS[section](f, timezone.localdate())})
