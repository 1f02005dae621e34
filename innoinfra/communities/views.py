"""Community pages: the list, a community's feed, a post with its replies, the members; thin: check a rule, bind a
form, call a service, say how it went."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.downloads import file_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm

from . import queries, services
from .enums import MemberRole, MemberState
from .forms import CommunityForm, DigestForm, PostForm, ReplyForm
from .models import Community, CommunityMember, Material, Post, Reply

PAGE_SIZE = 20


def _page(request, items, size=PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def _community(request, pk, perm="communities.view_community") -> Community:
    """A community the user may not read answers 404: its existence does not leak."""
    community = get_object_or_404(Community.objects.select_related("municipality", "direction", "site"), pk=pk)
    if not request.user.has_perm("communities.view_community", community):
        raise Http404("Сообщество не найдено.")
    if perm != "communities.view_community":
        check_perm(request, perm, community)
    return community


def _post(request, pk) -> Post:
    post = get_object_or_404(Post.objects.select_related("community__municipality", "author__organization"), pk=pk)
    if not request.user.has_perm("communities.view_post", post):
        raise Http404("Запись не найдена.")
    return post


# ---------------------------------------------------------------- lists


def community_list(request):
    communities = queries.with_activity(queries.communities_for(request.user), request.user).order_by(
        "is_archived", "title", "id"
    )
    context = {
        "page": _page(request, communities),
        "title": "Сетевые сообщества педагогов",
        "can_create": request.user.has_perm("communities.add_community"),
        "mine": False,
    }
    return render(request, "communities/list.html", context)


@login_required
def my_communities(request):
    memberships = CommunityMember.objects.filter(user=request.user).values("community")
    communities = queries.with_activity(Community.objects.filter(pk__in=memberships), request.user).order_by(
        "is_archived", "title", "id"
    )
    context = {
        "page": _page(request, communities),
        "title": "Мои сообщества",
        "can_create": request.user.has_perm("communities.add_community"),
        "mine": True,
    }
    return render(request, "communities/list.html", context)


# ---------------------------------------------------------------- a community


@login_required
@require_http_methods(["GET", "POST"])
def community_create(request):
    check_perm(request, "communities.add_community")
    form = CommunityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            community = services.create_community(by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Сообщество создано. Вы его модератор: пригласите коллег вступить.")
            return redirect(community)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "communities/form.html", {"form": form, "community": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def community_edit(request, pk):
    community = _community(request, pk, "communities.moderate")
    form = CommunityForm(request.POST or None, instance=community, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        community.refresh_from_db()  # the form changed the instance; the service applies the changes
        try:
            services.update_community(community, by=request.user, **data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Сведения о сообществе сохранены.")
            return redirect(community)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "communities/form.html", {"form": form, "community": community}, status=status)


def _member_context(request, community):
    member = queries.membership_of(request.user, community)
    return {
        "member": member,
        "can_post": request.user.has_perm("communities.post", community),
        "can_moderate": request.user.has_perm("communities.moderate", community),
        "digest_form": DigestForm(initial={"digest": member.digest}) if member else None,
    }


def community_detail(request, pk):
    community = _community(request, pk)
    context = _member_context(request, community)
    posts = queries.feed(community, with_hidden=context["can_moderate"])
    context.update(
        community=community,
        page=_page(request, posts),
        member_count=community.members.filter(state=MemberState.ACTIVE).count(),
    )
    return render(request, "communities/detail.html", context)


@login_required
def members(request, pk):
    community = _community(request, pk, "communities.view_members")
    context = _member_context(request, community)
    people = community.members.select_related("user__organization").order_by("role", "user__last_name", "id")
    rows = list(people)
    context.update(
        community=community,
        moderators=[m for m in rows if m.is_moderator],
        members=[m for m in rows if m.is_active and not m.is_moderator],
        requests=[m for m in rows if m.state == MemberState.REQUESTED] if context["can_moderate"] else [],
    )
    return render(request, "communities/members.html", context)


@login_required
@require_POST
def join(request, pk):
    community = _community(request, pk)

    def done(member):
        if member.is_active:
            return "Вы вступили в сообщество. Сводку новых записей можно получать на e-mail — выберите частоту."
        return "Заявка на вступление подана. Когда модератор её одобрит, сообщество появится в «Моих сообществах»."

    report(request, lambda: services.join(community, user=request.user), done)
    return redirect(community)


@login_required
@require_POST
def leave(request, pk):
    community = _community(request, pk)
    left = report(request, lambda: services.leave(community, user=request.user), "Вы вышли из сообщества.")
    if left and not community.is_open:  # a closed community is no longer readable
        return redirect("communities:list")
    return redirect(community)


@login_required
@require_POST
def digest(request, pk):
    community = _community(request, pk, "communities.change_digest")
    member = queries.membership_of(request.user, community)
    form = DigestForm(request.POST)
    if member is None:
        messages.error(request, "Вы не состоите в этом сообществе.")
    elif form.is_valid():
        chosen = form.cleaned_data["digest"]
        report(request, lambda: services.set_digest(member, chosen), "Настройка сводки сохранена.")
    else:
        messages.error(request, "Выберите, как часто присылать сводку.")
    return redirect("communities:mine") if request.POST.get("next") == "mine" else redirect(community)


# ---------------------------------------------------------------- members (moderators)


def _membership(request, pk) -> CommunityMember:
    member = get_object_or_404(CommunityMember.objects.select_related("community", "user"), pk=pk)
    _community(request, member.community_id, "communities.moderate")
    return member


@login_required
@require_POST
def member_approve(request, pk):
    member = _membership(request, pk)
    report(request, lambda: services.approve_request(member, by=request.user), f"{member.user} принят(а) в сообщество.")
    return redirect("communities:members", member.community_id)


@login_required
@require_POST
def member_remove(request, pk):
    member = _membership(request, pk)
    done = "Заявка отклонена." if member.state == MemberState.REQUESTED else f"{member.user} исключен(а) из сообщества."
    report(request, lambda: services.remove_member(member, by=request.user), done)
    return redirect("communities:members", member.community_id)


@login_required
@require_POST
def member_role(request, pk):
    member = _membership(request, pk)
    role = MemberRole.MODERATOR if request.POST.get("role") == MemberRole.MODERATOR else MemberRole.MEMBER
    done = f"{member.user} теперь {'модератор' if role == MemberRole.MODERATOR else 'участник'} сообщества."
    report(request, lambda: services.set_role(member, role, by=request.user), done)
    return redirect("communities:members", member.community_id)


# ---------------------------------------------------------------- posts


@login_required
@require_http_methods(["GET", "POST"])
def post_create(request, pk):
    community = _community(request, pk, "communities.post")
    member = queries.membership_of(request.user, community)
    may_publish_news = bool(member and member.is_moderator) or request.user.is_superuser
    form = PostForm(request.POST or None, request.FILES or None, may_publish_news=may_publish_news)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.publish_post(community, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Запись опубликована.")
            return redirect(post)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "communities/post_form.html", {"form": form, "community": community}, status=status)


def _post_page(request, post, *, reply_form=None, status=200):
    community = post.community
    context = _member_context(request, community)
    replies = post.replies.select_related("author__organization")
    if not context["can_moderate"]:
        replies = replies.filter(is_hidden=False)
    context.update(
        community=community,
        post=post,
        replies=replies,
        materials=post.materials.select_related("promoted_practice", "uploaded_by"),
        can_reply=post.is_discussion and not post.is_hidden and request.user.has_perm("communities.reply", post),
        reply_form=reply_form or ReplyForm(),
    )
    return render(request, "communities/post_detail.html", context, status=status)


def post_detail(request, pk):
    return _post_page(request, _post(request, pk))


@login_required
@require_POST
def post_reply(request, pk):
    post = _post(request, pk)
    check_perm(request, "communities.reply", post)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            answer = services.reply(post, by=request.user, body=form.cleaned_data["body"])
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Ответ опубликован.")
            return redirect(f"{post.get_absolute_url()}#reply-{answer.pk}")
    return _post_page(request, post, reply_form=form, status=400)


@login_required
@require_POST
def post_hide(request, pk):
    post = _post(request, pk)
    check_perm(request, "communities.moderate", post)
    hidden = request.POST.get("hidden") == "1"
    done = "Запись скрыта: её видят только модераторы и автор." if hidden else "Запись снова видна всем."
    report(request, lambda: services.set_post_hidden(post, hidden, by=request.user), done)
    return redirect(post)


@login_required
@require_POST
def post_pin(request, pk):
    post = _post(request, pk)
    check_perm(request, "communities.moderate", post)
    pinned = request.POST.get("pinned") == "1"
    done = "Запись закреплена вверху ленты." if pinned else "Запись откреплена."
    report(request, lambda: services.set_post_pinned(post, pinned, by=request.user), done)
    return redirect(post)


@login_required
@require_POST
def reply_hide(request, pk):
    answer = get_object_or_404(Reply.objects.select_related("post__community"), pk=pk)
    post = _post(request, answer.post_id)
    check_perm(request, "communities.moderate", post)
    hidden = request.POST.get("hidden") == "1"
    done = "Ответ скрыт." if hidden else "Ответ снова виден всем."
    report(request, lambda: services.set_reply_hidden(answer, hidden, by=request.user), done)
    return redirect(f"{post.get_absolute_url()}#reply-{answer.pk}")


# ---------------------------------------------------------------- materials


def _material(request, pk) -> Material:
    material = get_object_or_404(Material.objects.select_related("post__community", "uploaded_by"), pk=pk)
    _post(request, material.post_id)  # whoever may not read the post learns nothing of its materials
    return material


def material_download(request, pk):
    """Through the page, not /media/: a material of a closed community is for its readers only."""
    material = _material(request, pk)
    if material.url:
        return redirect(material.url)
    return file_response(material.file, filename=material.download_name)


@login_required
@require_POST
def material_promote(request, pk):
    material = _material(request, pk)
    check_perm(request, "communities.promote_material", material)

    def done(practice):
        return (
            f"Черновик практики «{practice.title}» создан в банке практик. Автор материала дополнит описание "
            "и отправит практику на модерацию."
        )

    report(request, lambda: services.promote_material_to_databank(material, by=request.user), done)
    return redirect(material.post)
