"""Rubrics (оценочные листы): reusable lists of criteria; staff copy one and adapt the copy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.errors import ServiceError
from innoinfra.core.permissions import check_perm

from .. import services
from ..forms import CriterionFormSet, RubricForm
from ..models import Criterion, Rubric


@login_required
def rubric_list(request):
    check_perm(request, "review.add_call")
    rubrics = Rubric.objects.annotate(
        criteria_count=Count("criteria", distinct=True), calls_count=Count("calls", distinct=True)
    )
    return render(request, "review/rubric_list.html", {"rubrics": rubrics})


@login_required
def rubric_detail(request, pk):
    check_perm(request, "review.add_call")
    rubric = get_object_or_404(Rubric, pk=pk)
    criteria = rubric.criteria.order_by("position", "id")
    return render(
        request,
        "review/rubric_detail.html",
        {"rubric": rubric, "criteria": criteria, "locked": services.rubric_in_use(rubric), "calls": rubric.calls.all()},
    )


@login_required
@require_POST
def rubric_copy(request, pk):
    check_perm(request, "review.add_call")
    rubric = get_object_or_404(Rubric, pk=pk)
    copy = services.copy_rubric(rubric)
    messages.success(request, "Создана копия оценочного листа: измените её под новый конкурс.")
    return redirect("review:rubric_edit", copy.pk)


@login_required
@require_http_methods(["GET", "POST"])
def rubric_edit(request, pk):
    check_perm(request, "review.add_call")
    rubric = get_object_or_404(Rubric, pk=pk)
    if services.rubric_in_use(rubric):
        messages.error(request, "По этому листу уже выставлены баллы: изменить его нельзя. Сделайте копию.")
        return redirect("review:rubric", rubric.pk)
    form = RubricForm(request.POST or None, instance=rubric)
    formset = CriterionFormSet(
        request.POST or None, queryset=Criterion.objects.filter(rubric=rubric).order_by("position", "id")
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.update_rubric(rubric, criteria=formset.rows(), **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Оценочный лист сохранён.")
            return redirect("review:rubric", rubric.pk)
    return render(
        request,
        "review/rubric_form.html",
        {"rubric": rubric, "form": form, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )
