"""Mentoring pages: the public list of mentors; requests, pairs and their meetings for those who take part."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.accounts.queries import users_for
from innoinfra.accounts.scopes import municipalities_managed_by, organizations_acted_for, scope_of
from innoinfra.core.errors import ServiceError
from innoinfra.core.lists import list_response
from innoinfra.core.permissions import check_perm

from . import queries, services
from .enums import PairState, RequestState
from .forms import (
    CloseForm,
    MatchForm,
    MeetingForm,
    OfferFilterForm,
    OfferForm,
    PairFilterForm,
    RequestFilterForm,
    RequestForm,
)
from .models import MentoringPair, MentoringRequest, MentorOffer

PAGE_SIZE = 25


def _page(request, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


# ---------------------------------------------------------------- overview


@login_required
def index(request):
    scope = scope_of(request.user)
    territory = None if scope.managed_municipalities is None else scope.managed_municipalities
    context = {
        "counts": queries.mentoring_counts(territory) if scope.is_staff else None,
        "open_requests": list(queries.requests_for_list(request.user).filter(state=RequestState.OPEN)[:10]),
        "active_pairs": list(queries.pairs_for_list(request.user).filter(state=PairState.ACTIVE)[:10]),
        "my_offers": list(queries.offers_for_list(request.user).filter(queries.mentor_condition(request.user))[:10]),
    }
    return render(request, "mentoring/index.html", context)


# ---------------------------------------------------------------- requests


@login_required
def request_list(request):
    form = RequestFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    requests = queries.filter_requests(queries.requests_for_list(request.user), params)
    return list_response(request, "mentoring/request_list.html", {"form": form, "page": _page(request, requests)})


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request):
    check_perm(request, "mentoring.add_request")
    form = RequestForm(request.POST or None, organizations=organizations_acted_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            created = services.create_request(by=request.user, **data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Запрос подан. Методист подберёт наставника и сообщит вам.")
            return redirect(created)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "mentoring/request_form.html", {"form": form}, status=status)


def _request_page(request, mentoring_request: MentoringRequest, *, match_form=None, status=200):
    can_match = request.user.has_perm("mentoring.match_request", mentoring_request)
    context = {
        "mentoring_request": mentoring_request,
        "pairs": mentoring_request.pairs.select_related(
            "offer__mentor_organization", "offer__mentor_user__organization"
        ).order_by("-started_on", "-id"),
        "can_withdraw": request.user.has_perm("mentoring.withdraw_request", mentoring_request)
        and mentoring_request.state == RequestState.OPEN,
        "can_match": can_match and mentoring_request.state == RequestState.OPEN,
    }
    if context["can_match"]:
        context["suggestions"] = queries.suggestions_for(mentoring_request)
        context["match_form"] = match_form or MatchForm()
    return render(request, "mentoring/request_detail.html", context, status=status)


def _get_request(pk) -> MentoringRequest:
    return get_object_or_404(
        MentoringRequest.objects.select_related("organization", "municipality", "created_by").prefetch_related(
            queries.DIRECTIONS
        ),
        pk=pk,
    )


@login_required
def request_detail(request, pk):
    mentoring_request = _get_request(pk)
    check_perm(request, "mentoring.view_request", mentoring_request)
    return _request_page(request, mentoring_request)


@login_required
@require_POST
def request_withdraw(request, pk):
    mentoring_request = _get_request(pk)
    check_perm(request, "mentoring.withdraw_request", mentoring_request)
    try:
        services.withdraw_request(mentoring_request, by=request.user)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Запрос отозван.")
    return redirect(mentoring_request)


@login_required
@require_POST
def request_match(request, pk):
    mentoring_request = _get_request(pk)
    check_perm(request, "mentoring.match_request", mentoring_request)
    form = MatchForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            pair = services.match(
                mentoring_request, data["offer"], by=request.user, plan=data["plan"], started_on=data["started_on"]
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Наставник назначен. Обе стороны получили уведомление.")
            return redirect(pair)
    if mentoring_request.state != RequestState.OPEN:
        messages.error(request, "Запрос уже не ждёт наставника.")
        return redirect(mentoring_request)
    return _request_page(request, mentoring_request, match_form=form, status=400)


# ---------------------------------------------------------------- offers


def offer_list(request):
    form = OfferFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    offers = queries.filter_offers(queries.offers_for_list(request.user), params)
    context = {"form": form, "page": _page(request, offers)}
    return list_response(request, "mentoring/offer_list.html", context)


def offer_detail(request, pk):
    offer = get_object_or_404(
        queries.with_load(
            MentorOffer.objects.select_related("mentor_organization", "mentor_user__organization", "municipality")
        ).prefetch_related(queries.DIRECTIONS),
        pk=pk,
    )
    if not request.user.has_perm("mentoring.view_offer", offer):
        raise Http404("Предложение наставника не найдено.")
    can_change = request.user.has_perm("mentoring.change_offer", offer)
    pairs = []
    if can_change:
        pairs = offer.pairs.select_related("request__organization").order_by("state", "-started_on", "-id")
    context = {"offer": offer, "can_change": can_change, "pairs": pairs}
    return render(request, "mentoring/offer_detail.html", context)


def _offer_form_page(request, offer: MentorOffer | None):
    staff = scope_of(request.user).is_staff
    form = OfferForm(
        request.POST or None,
        instance=offer,
        organizations=organizations_acted_for(request.user),
        users=users_for(request.user).filter(is_active=True).order_by("last_name", "first_name") if staff else None,
        municipalities=municipalities_managed_by(request.user) if staff else None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if offer is None:
                saved = services.create_offer(by=request.user, **data)
            else:
                saved = services.update_offer(offer, by=request.user, **data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Предложение наставника сохранено.")
            return redirect(saved)
    status = 400 if form.is_bound and form.errors else 200
    title = "Предложить наставника" if offer is None else "Предложение наставника"
    return render(request, "mentoring/offer_form.html", {"form": form, "offer": offer, "title": title}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request):
    check_perm(request, "mentoring.add_offer")
    return _offer_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, pk):
    offer = get_object_or_404(MentorOffer.objects.select_related("mentor_organization", "mentor_user"), pk=pk)
    check_perm(request, "mentoring.change_offer", offer)
    return _offer_form_page(request, offer)


# ---------------------------------------------------------------- pairs


@login_required
def pair_list(request):
    form = PairFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    pairs = queries.filter_pairs(queries.pairs_for_list(request.user), params)
    return list_response(request, "mentoring/pair_list.html", {"form": form, "page": _page(request, pairs)})


def _get_pair(pk) -> MentoringPair:
    return get_object_or_404(
        MentoringPair.objects.select_related(
            "request__organization",
            "offer__mentor_organization",
            "offer__mentor_user__organization",
            "offer__municipality",
            "municipality",
            "matched_by",
        ),
        pk=pk,
    )


def _pair_page(request, pair: MentoringPair, *, meeting_form=None, close_form=None, status=200):
    can_change = request.user.has_perm("mentoring.change_pair", pair) and pair.is_active
    context = {
        "pair": pair,
        "meetings": pair.meetings.select_related("created_by").order_by("-date", "-id"),
        "can_change": can_change,
        "meeting_form": meeting_form or MeetingForm(),
        "close_form": close_form or CloseForm(),
    }
    return render(request, "mentoring/pair_detail.html", context, status=status)


@login_required
def pair_detail(request, pk):
    pair = _get_pair(pk)
    check_perm(request, "mentoring.view_pair", pair)
    return _pair_page(request, pair)


@login_required
@require_POST
def meeting_add(request, pk):
    pair = _get_pair(pk)
    check_perm(request, "mentoring.change_pair", pair)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.record_meeting(pair, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Встреча отмечена.")
            return redirect(pair)
    return _pair_page(request, pair, meeting_form=form, status=400)


@login_required
@require_POST
def pair_close(request, pk):
    pair = _get_pair(pk)
    check_perm(request, "mentoring.change_pair", pair)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_pair(pair, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            if form.cleaned_data["state"] == PairState.DISCONTINUED:
                messages.success(request, "Наставничество прекращено. Запрос снова ждёт наставника.")
            else:
                messages.success(request, "Наставничество завершено, итог записан.")
            return redirect(pair)
    return _pair_page(request, pair, close_form=form, status=400)
