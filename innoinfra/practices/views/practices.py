"""The data bank of innovative practice: a public catalogue, the authors' own practices and the moderation queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core import fulltext
from innoinfra.core.errors import ServiceError
from innoinfra.core.lists import CappedPaginator, list_response
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.core.versioning import form_status
from innoinfra.review.enums import ApplicationState

from .. import queries, services
from ..enums import EDITABLE_STATES, PracticeState
from ..forms import CommentForm, PracticeFilterForm, PracticeForm
from ..models import Practice, PracticeVersion

PAGE_SIZE = 20


def practice_list(request):
    form = PracticeFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    search = fulltext.search(params["q"], kind="practice") if params.get("q") else None
    if search is not None and form.searching and not params.get("sort"):
        # a query alone in the default order (forms.PracticeFilterForm): the search's own pages, not the catalogue
        # intersected with the ids of every match
        practices = search.objects(queries.published())
    else:
        practices = queries.filter_practices(queries.published(), params, search)
    # counted up to a cap: the bank holds hundreds of thousands at a country's scale
    page = CappedPaginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    if params.get("q"):
        # the words found, marked where the text names them (the authors last: a surname found shows them)
        for practice in page:
            text = f"{practice.annotation} {practice.description} Авторы: {', '.join(practice.author_lines)}"
            practice.snippet = fulltext.snippet(text, params["q"])
    context = {"form": form, "page": page, "search_capped": search is not None and search.capped}
    return list_response(request, "practices/practice_list.html", context)


def _visible(request, pk) -> Practice:
    practice = get_object_or_404(
        Practice.objects.select_related(
            "organization", "municipality", "site", "created_by", "revision_of", "expertise__call"
        ),
        pk=pk,
    )
    if not request.user.has_perm("practices.view_practice", practice):
        raise Http404("Практика не найдена")  # an unpublished practice is nobody else's business
    return practice


def practice_detail(request, pk):
    practice = _visible(request, pk)
    services.count_view(practice)
    context = {
        "practice": practice,
        "directions": practice.directions.order_by("name"),
        "files": practice.files.filter(is_current=True),  # replaced versions are on the materials page
        "similar": queries.similar(practice) if practice.is_published else [],
        "can_change": request.user.has_perm("practices.change_practice", practice),
        "can_moderate": request.user.has_perm("practices.moderate_practice", practice),
        **_editions_context(request, practice),
        "editable": practice.state in EDITABLE_STATES,
        "comment_form": CommentForm(),
    }
    return render(request, "practices/practice_detail.html", context)


def _editions_context(request, practice: Practice) -> dict:
    """The expertise, the editions and the new edition in the works, for the practice page."""
    user = request.user
    may_change = user.has_perm("practices.change_practice", practice)
    context = {
        "can_withdraw": user.has_perm("practices.withdraw_practice", practice),
        "can_revise": may_change and practice.is_published and not practice.is_revision,
        "versions": list(practice.versions.only("practice_id", "number", "published_at")),
        "progress": None,
        "open_revision": None,
        "manages_expertise": False,
    }
    if practice.state == PracticeState.UNDER_EXPERTISE:
        context["progress"] = services.expertise_progress(practice)
        context["manages_expertise"] = practice.expertise_id is not None and user.has_perm(
            "review.manage_application", practice.expertise
        )
    if may_change and practice.is_published:
        context["open_revision"] = services.open_revision(practice)
    return context


def _form_page(request, practice: Practice | None):
    form = PracticeForm(request.POST or None, instance=practice, organizations=queries.organizations_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        directions = data.pop("directions")
        try:
            if practice is None:
                saved = services.create_practice(by=request.user, directions=directions, **data)
            else:
                saved = services.update_practice(practice, by=request.user, directions=directions, **data)
        except ServiceError as error:
            form.refuse(error)
        else:
            messages.success(request, "Практика сохранена. Когда описание будет готово, отправьте её на модерацию.")
            return redirect(saved)
    title = "Новая практика" if practice is None else "Описание практики"
    status = form_status(form) if form.conflict else 400 if form.is_bound and form.errors else 200
    return render(
        request, "practices/practice_form.html", {"form": form, "practice": practice, "title": title}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request):
    check_perm(request, "practices.add_practice")
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    practice = _visible(request, pk)
    check_perm(request, "practices.change_practice", practice)
    if practice.state not in EDITABLE_STATES:
        messages.error(request, "Изменять можно черновик или практику, возвращённую на доработку.")
        return redirect(practice)
    return _form_page(request, practice)


@login_required
def my_practices(request):
    practices = queries.mine(request.user)
    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "practices/my_practices.html", {"page": page})


@login_required
def moderation(request):
    check_perm(request, "practices.moderate")

    practices = queries.moderation_queue(request.user)
    waiting, examined, decide = [], [], []
    for practice in practices:
        if practice.state == PracticeState.SUBMITTED:
            waiting.append(practice)
        elif practice.expertise_id and practice.expertise.state == ApplicationState.REVIEWED:
            decide.append(practice)
        else:
            examined.append(practice)
    sections = [
        (
            "waiting",
            "Ждут проверки",
            "Проверьте описание: отправьте практику на экспертизу, верните авторам или отклоните.",
            waiting,
        ),
        (
            "expertise",
            "На экспертизе",
            "Эксперты оценивают практику; назначает экспертов методист на странице заявки.",
            examined,
        ),
        (
            "decide",
            "Экспертиза завершена — нужно решение",
            "Все эксперты отправили оценки: опубликуйте практику, верните её на доработку или отклоните.",
            decide,
        ),
    ]
    # the first tab with work in it opens
    active = next((code for code, _title, _hint, rows in sections if rows), "waiting")
    return render(request, "practices/moderation.html", {"sections": sections, "active": active, "practices": waiting})


def _step(request, pk, perm: str, action, success: str):
    practice = _visible(request, pk)
    check_perm(request, perm, practice)
    result = {}
    report(request, lambda: result.setdefault("practice", action(practice)), success)
    target = result.get("practice")
    return redirect(target if isinstance(target, Practice) else practice)


def _comment(request) -> str:
    form = CommentForm(request.POST)
    return form.cleaned_data["comment"] if form.is_valid() else ""


@login_required
@require_POST
def practice_submit(request, pk):
    return _step(
        request,
        pk,
        "practices.change_practice",
        lambda p: services.submit(p, by=request.user),
        "Практика отправлена на модерацию.",
    )


@login_required
@require_POST
def practice_withdraw(request, pk):
    return _step(
        request,
        pk,
        "practices.withdraw_practice",
        lambda p: services.withdraw(p, by=request.user),
        "Практика снята с публикации.",
    )


@login_required
@require_POST
def practice_publish(request, pk):
    return _step(
        request,
        pk,
        "practices.moderate_practice",
        lambda p: services.publish(p, by=request.user),
        "Практика опубликована в банке данных.",
    )


@login_required
@require_POST
def practice_return(request, pk):
    comment = _comment(request)
    return _step(
        request,
        pk,
        "practices.moderate_practice",
        lambda p: services.return_for_revision(p, comment=comment, by=request.user),
        "Практика возвращена авторам на доработку.",
    )


@login_required
@require_POST
def practice_reject(request, pk):
    comment = _comment(request)
    return _step(
        request,
        pk,
        "practices.moderate_practice",
        lambda p: services.reject(p, comment=comment, by=request.user),
        "Практика отклонена.",
    )


@login_required
@require_POST
def practice_send_to_expertise(request, pk):
    return _step(
        request,
        pk,
        "practices.moderate_practice",
        lambda p: services.send_to_expertise(p, by=request.user),
        "Практика отправлена на экспертизу. Экспертов назначает методист на странице заявки.",
    )


@login_required
@require_POST
def practice_revise(request, pk):
    practice = _visible(request, pk)
    check_perm(request, "practices.change_practice", practice)
    result = {}
    done = report(
        request,
        lambda: result.setdefault("revision", services.start_revision(practice, by=request.user)),
        "Создана новая редакция. Пока она не пройдёт экспертизу, в банке данных остаётся действующая редакция.",
    )
    return redirect("practices:edit", result["revision"].pk) if done else redirect(practice)


def practice_version(request, pk, version):
    """An edition as it was published: read-only, with its expert conclusion."""
    practice = _visible(request, pk)
    version = get_object_or_404(PracticeVersion, practice=practice, number=version)
    versions = list(practice.versions.only("practice_id", "number", "published_at"))
    return render(
        request,
        "practices/version_detail.html",
        {
            "practice": practice,
            "version": version,
            "data": version.snapshot,
            "versions": versions,
            "is_current": practice.is_published and version.number == versions[-1].number,
        },
    )
