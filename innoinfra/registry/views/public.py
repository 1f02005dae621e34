"""Public pages of the registry: what anyone may read."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.downloads import file_response
from innoinfra.core.lists import IndexPaginator, list_response
from innoinfra.core.xlsx import build_workbook, xlsx_response

from .. import queries
from ..forms import OrderFilterForm, OrganizationFilterForm, SiteFilterForm
from ..models import Order

PAGE_SIZE = 25


def _page(request, queryset, size=PAGE_SIZE):
    return IndexPaginator(queryset, size).get_page(request.GET.get("page"))


def site_list(request):
    form = SiteFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    sites = queries.filter_sites(queries.sites_for_list(), params).order_by("-start_date", "-id")
    if request.GET.get("format") == "xlsx":
        from ..exports import sites_workbook

        return sites_workbook(sites)
    return list_response(request, "registry/site_list.html", {"form": form, "page": _page(request, sites)})


def organization_list(request):
    form = OrganizationFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    orgs = queries.filter_organizations(queries.organizations_for_list(), params).order_by("short_name", "id")
    if request.GET.get("format") == "xlsx":
        from ..exports import organizations_workbook

        return organizations_workbook(orgs)
    return list_response(request, "registry/organization_list.html", {"form": form, "page": _page(request, orgs)})


def order_list(request):
    form = OrderFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    orders = queries.filter_orders(queries.orders_for_list(), params)
    if request.GET.get("format") == "xlsx":
        headers = ["Дата", "Номер", "Заголовок", "Издавший орган", "Муниципалитет", "Площадок"]
        rows = ([o.date, o.number, o.title, o.issuer_label, str(o.municipality or ""), o.site_count] for o in orders)
        return xlsx_response(f"prikazy-{timezone.localdate():%Y-%m-%d}.xlsx", build_workbook("Приказы", headers, rows))
    return list_response(request, "registry/order_list.html", {"form": form, "page": _page(request, orders)})


def order_detail(request, pk):
    order = get_object_or_404(Order.objects.select_related("issuer", "municipality"), pk=pk)
    sites = order.established_sites.with_list_data()
    changes = order.site_state_changes.select_related("site__kind", "site__lead_organization")
    return render(request, "registry/order_detail.html", {"order": order, "sites": sites, "changes": changes})


def order_file(request, pk):
    """Orders are public acts: their files too, but through here, like every stored file (see core.downloads)."""
    order = get_object_or_404(Order, pk=pk)
    return file_response(order.file, filename=order.download_name)


def _map_filters(request):
    """The map's filter form and what of it is valid: a wrong value in one field (a year typed by hand)
    drops that field only, not every filter of a shared link."""
    from ..forms import MapFilterForm

    form = MapFilterForm(request.GET or None)
    if not form.is_bound:
        return form, {}
    form.is_valid()
    return form, dict(form.cleaned_data)


def _map_context(request, form, active_tab):
    from ..mapdata import legend

    query = request.GET.copy()
    query.pop("format", None)
    query = query.urlencode()
    return {
        "form": form,
        "kinds": legend(),
        "active_tab": active_tab,
        "query": f"?{query}" if query else "",
    }


def map_page(request):
    form, _ = _map_filters(request)
    context = _map_context(request, form, "map")
    context["map_config"] = {
        "tileUrl": settings.INNOINFRA["MAP_TILE_URL"],
        "attribution": settings.INNOINFRA["MAP_TILE_ATTRIBUTION"],
        "center": settings.INNOINFRA["MAP_CENTER"],
        "zoom": settings.INNOINFRA["MAP_ZOOM"],
        "dataUrl": reverse("registry:map_data"),
    }
    return render(request, "registry/map.html", context)


def map_data(request):
    """What the map shows in its visible area (?bbox=юг,запад,север,восток&zoom=…, the map's filters besides):
    organizations with coordinates as points, each coloured by its strongest status (now or in the chosen academic
    year), or clusters when the area holds too many; and the filters in words for the printed title. A wrong area
    is refused with the reason in words (400)."""
    from ..forms import MapViewportForm
    from ..mapdata import describe_filters, map_answer

    viewport_form = MapViewportForm(request.GET)
    if not viewport_form.is_valid():
        errors = [message for messages in viewport_form.errors.values() for message in messages]
        return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
    _, params = _map_filters(request)
    answer = map_answer(params, viewport_form.viewport())
    answer["caption"] = describe_filters(params)
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})


def map_matrix(request):
    """Organizations × directions with the map's filters; ?format=xlsx downloads it."""
    from ..mapdata import build_matrix, build_stage_matrix, describe_filters, matrix_workbook

    form, params = _map_filters(request)
    matrix = build_matrix(params)
    caption = describe_filters(params)
    if request.GET.get("format") == "xlsx":
        year = params.get("academic_year")
        suffix = f"{year}-{year + 1}" if year else f"{timezone.localdate():%Y-%m-%d}"
        return xlsx_response(f"matrica-napravleniy-{suffix}.xlsx", matrix_workbook(matrix, caption))
    context = _map_context(request, form, "matrix")
    context.update({"matrix": matrix, "stage_matrix": build_stage_matrix(params), "caption": caption})
    return render(request, "registry/map_matrix.html", context)


@require_GET
def municipality_options(request):
    """The municipality filters' autocomplete (core.forms.LongSelect of a long list): names matching the typed
    text, as JSON. Public: the registry names its territories to everyone. `mine=1`: only the territories the
    signed-in user manages (monitoring's territory filter), as its select would have listed them."""
    # an anonymous visitor's scope manages nothing: `mine=1` finds nothing for them
    among = scope_of(request.user).managed("id") if request.GET.get("mine") == "1" else None
    found = queries.municipality_options(request.GET.get("q", "").strip()[:100], among=among)
    return JsonResponse({"results": [{"value": str(pk), "text": label} for pk, label in found]})
