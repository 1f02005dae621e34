"""Staff pages of the registry: thin views over forms and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from innoinfra.accounts.scopes import municipalities_managed_by, organizations_managed_by
from innoinfra.core.errors import ServiceError, error_html
from innoinfra.core.once import Repeated, once
from innoinfra.core.permissions import check_perm
from innoinfra.core.versioning import form_status
from innoinfra.reference.models import Direction, Municipality, Organization, Region

from .. import services
from ..enums import SITE_TRANSITIONS, STATES_NEEDING_ORDER
from ..forms import (
    DirectionForm,
    MunicipalityForm,
    OrderForm,
    OrganizationForm,
    RegionForm,
    SiteForm,
    SiteKindForm,
    SiteStateForm,
)
from ..history import history_entries
from ..models import Order, Site, SiteKind


def _service_error_to_form(form, error: ServiceError):
    if hasattr(form, "refuse"):  # an edit form over a version: a stale save is marked for the 409
        form.refuse(error)
        return
    form.add_error(None, error_html(error))


def _post_status(request, form) -> int:
    """A refused form is 400; one refused because someone saved the record meanwhile, 409."""
    if request.method != "POST":
        return 200
    return form_status(form) if getattr(form, "conflict", False) else 400


@login_required
@require_http_methods(["GET", "POST"])
def site_create(request):
    check_perm(request, "registry.add_site")
    form = SiteForm(
        request.POST or None,
        organizations=organizations_managed_by(request.user),
        orders=Order.objects.filter(municipality__in=municipalities_managed_by(request.user)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_order = {
            "number": data["new_order_number"],
            "date": data["new_order_date"],
            "title": data["new_order_title"],
        }
        try:
            site = once(
                request,
                lambda: services.create_site(
                    kind=data["kind"],
                    theme=data["theme"],
                    lead_organization=data["lead_organization"],
                    participants=data["participants"],
                    directions=data["directions"],
                    order=data["order"],
                    new_order=None if data["order"] else new_order,
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    curator=data["curator"],
                    curator_name=data["curator_name"],
                    supervisor=data["supervisor"],
                    cycle_stage=data["cycle_stage"],
                    description=data["description"],
                    by=request.user,
                ),
                purpose="registry.site_create",
            )
        except ServiceError as error:
            _service_error_to_form(form, error)
        else:
            if isinstance(site, Repeated):
                return redirect(site.url)
            messages.success(request, f"Площадка «{site}» внесена в реестр.")
            return redirect(site)
    return render(request, "registry/site_form.html", {"form": form}, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def site_edit(request, pk):
    site = get_object_or_404(Site.objects.select_related("lead_organization"), pk=pk)
    check_perm(request, "registry.change_site", site)
    form = SiteForm(request.POST or None, instance=site, organizations=organizations_managed_by(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            k: data[k]
            for k in (
                "kind",
                "theme",
                "lead_organization",
                "description",
                "start_date",
                "end_date",
                "curator",
                "curator_name",
                "supervisor",
                "cycle_stage",
            )
        }
        try:
            services.update_site(
                site,
                by=request.user,
                participants=data["participants"],
                directions=data["directions"],
                version=data["version"],
                **fields,
            )
        except ServiceError as error:
            _service_error_to_form(form, error)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect(site)
    return render(
        request,
        "registry/site_form.html",
        {"form": form, "site": site},
        status=_post_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def site_state(request, pk):
    site = get_object_or_404(Site.objects.select_related("lead_organization", "kind"), pk=pk)
    check_perm(request, "registry.change_site", site)
    allowed = sorted(SITE_TRANSITIONS[site.state])
    form = SiteStateForm(
        request.POST or None,
        allowed_states=allowed,
        orders=Order.objects.filter(municipality__in=municipalities_managed_by(request.user)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_site_state(
                site, data["state"], by=request.user, date=data["date"], order=data["order"], comment=data["comment"]
            )
        except ServiceError as error:
            _service_error_to_form(form, error)
        else:
            messages.success(request, f"Состояние площадки изменено: «{site.get_state_display()}».")
            return redirect(site)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registry/site_state.html",
        {"form": form, "site": site, "needs_order": sorted(STATES_NEEDING_ORDER)},
        status=status,
    )


def _model_form_view(
    request, *, form_class, instance=None, template, perm, perm_obj=None, success, save, form_kwargs=None
):
    """A page of one model form; `save(data)` is the service call that writes the form's cleaned data."""
    check_perm(request, perm, perm_obj)
    form = form_class(request.POST or None, request.FILES or None, instance=instance, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            obj = once(request, lambda: save(form.cleaned_data), purpose=template, fallback_url=request.path)
        except ServiceError as error:
            _service_error_to_form(form, error)
        else:
            if isinstance(obj, Repeated):
                return redirect(obj.url)
            messages.success(request, success)
            return redirect(obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "registry:catalogues")
    return render(request, template, {"form": form, "object": instance}, status=_post_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    return _model_form_view(
        request,
        form_class=OrganizationForm,
        template="registry/organization_form.html",
        perm="registry.add_organization",
        success="Организация добавлена.",
        save=lambda data: services.create_organization(by=request.user, **data),
        form_kwargs={"municipalities": municipalities_managed_by(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    organization = get_object_or_404(Organization, pk=pk)
    return _model_form_view(
        request,
        form_class=OrganizationForm,
        instance=organization,
        template="registry/organization_form.html",
        perm="registry.change_organization",
        perm_obj=organization,
        success="Изменения сохранены.",
        save=lambda data: services.update_organization(organization, by=request.user, **data),
        form_kwargs={"municipalities": municipalities_managed_by(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def order_create(request):
    return _model_form_view(
        request,
        form_class=OrderForm,
        template="registry/order_form.html",
        perm="registry.add_order",
        success="Приказ внесён в реестр.",
        save=lambda data: services.create_order(by=request.user, **data),
        form_kwargs={"municipalities": municipalities_managed_by(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def order_edit(request, pk):
    order = get_object_or_404(Order, pk=pk)
    return _model_form_view(
        request,
        form_class=OrderForm,
        instance=order,
        template="registry/order_form.html",
        perm="registry.change_order",
        perm_obj=order,
        success="Изменения сохранены.",
        save=lambda data: services.update_order(order, by=request.user, **data),
        form_kwargs={"municipalities": municipalities_managed_by(request.user)},
    )


HISTORY_MODELS = {"site": Site, "organization": Organization, "order": Order, "kind": SiteKind}


@login_required
def history(request, model, pk):
    check_perm(request, "registry.view_history")
    if model not in HISTORY_MODELS:
        raise Http404
    obj = get_object_or_404(HISTORY_MODELS[model], pk=pk)
    return render(request, "registry/history.html", {"object": obj, "entries": history_entries(obj)})


CATALOGUES = {
    "kinds": (SiteKind, SiteKindForm, "Виды структурных единиц"),
    "directions": (Direction, DirectionForm, "Направления инновационной деятельности"),
    "municipalities": (Municipality, MunicipalityForm, "Муниципальные образования"),
    "regions": (Region, RegionForm, "Субъекты РФ"),
}


@login_required
def catalogues(request):
    check_perm(request, "registry.manage_catalogues")
    context = {
        "kinds": SiteKind.objects.select_related("subsystem"),
        "directions": Direction.objects.all(),
        "municipalities": Municipality.objects.select_related("region"),
        "regions": Region.objects.all(),
    }
    return render(request, "registry/catalogues.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_edit(request, catalogue, pk=None):
    check_perm(request, "registry.manage_catalogues")
    if catalogue not in CATALOGUES:
        raise Http404
    model, form_class, title = CATALOGUES[catalogue]
    instance = get_object_or_404(model, pk=pk) if pk else None
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.save_catalogue_entry(instance or model(), by=request.user, **form.cleaned_data)
        except ServiceError as error:
            _service_error_to_form(form, error)
        else:
            messages.success(request, f"Справочник «{title}»: запись «{obj}» сохранена.")
            return redirect("registry:catalogues")
    return render(
        request,
        "registry/catalogue_form.html",
        {"form": form, "title": title, "object": instance},
        status=400 if request.method == "POST" else 200,
    )
