"""Community actions: each in one transaction, refusing an illegal step with a Russian ServiceError and changing
nothing. Who may take a step is asked of the rules by the caller (a page, the API); the services keep the
community's own invariants: only active members write, an archived community is read-only, replies go to
discussions, a material goes to the data bank once."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.errors import ServiceError
from innoinfra.core.uploads import DOCUMENTS, checked_material
from innoinfra.practices import file_services
from innoinfra.practices import services as practices
from innoinfra.practices.enums import PracticeKind
from innoinfra.reference.models import Organization

from .enums import Digest, MemberRole, MemberState, PostKind
from .models import Community, CommunityMember, Material, Post, Reply

COMMUNITY_FIELDS = ("title", "description", "direction", "site", "municipality", "is_open", "is_archived")

MATERIAL_TYPES = DOCUMENTS.extensions
ANNOTATION_LIMIT = 2000


def _fresh(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


def _clean(text: str | None) -> str:
    return (text or "").strip()


def _active_member(community: Community, user) -> CommunityMember:
    member = CommunityMember.objects.filter(community=community, user=user).first() if user else None
    if member is None or not member.is_active:
        raise ServiceError("Писать в сообществе могут только его участники. Вступите в сообщество.")
    return member


def _require_live(community: Community) -> None:
    if community.is_archived:
        raise ServiceError("Сообщество в архиве: новые записи и ответы в нём не публикуются.")


def may_create_in(user, municipality) -> bool:
    """Staff create communities in the territories they run, heads of organizations in their organization's."""
    scope = scope_of(user)
    if scope.is_staff and scope.manages(municipality.pk):
        return True

    return Organization.objects.filter(pk__in=scope.organizations, municipality=municipality).exists()


# ---------------------------------------------------------------- communities


@transaction.atomic
def create_community(
    *, by, title: str, municipality, description: str = "", is_open: bool = True, direction=None, site=None
) -> Community:
    """The creator becomes the community's first moderator."""
    title = " ".join(_clean(title).split())
    if not title:
        raise ServiceError("Укажите название сообщества.")
    if not may_create_in(by, municipality):
        raise ServiceError("Создать сообщество можно только на своей территории.")
    community = Community(
        title=title,
        description=_clean(description),
        municipality=municipality,
        is_open=bool(is_open),
        direction=direction,
        site=site,
        created_by=by,
    )
    community._history_user = by
    community.save()
    moderator = CommunityMember(community=community, user=by, role=MemberRole.MODERATOR, state=MemberState.ACTIVE)
    moderator._history_user = by
    moderator.save()
    return community


@transaction.atomic
def update_community(community: Community, *, by, **fields) -> Community:
    unknown = set(fields) - set(COMMUNITY_FIELDS)
    if unknown:
        raise ServiceError("Эти сведения о сообществе изменить нельзя.")
    community = _fresh(Community, community)
    if (
        "municipality" in fields
        and fields["municipality"] != community.municipality
        and not may_create_in(by, fields["municipality"])
    ):
        raise ServiceError("Перенести сообщество можно только на свою территорию.")
    for name, value in fields.items():
        setattr(community, name, value)
    community.title = " ".join(_clean(community.title).split())
    if not community.title:
        raise ServiceError("Укажите название сообщества.")
    community._history_user = by
    community.save()
    return community


# ---------------------------------------------------------------- members


@transaction.atomic
def join(community: Community, *, user) -> CommunityMember:
    """An open community takes the user at once; a closed one records a request for a moderator to approve."""
    community = _fresh(Community, community)
    if not user.is_authenticated:
        raise ServiceError("Войдите в систему, чтобы вступить в сообщество.")
    _require_live(community)
    found = CommunityMember.objects.filter(community=community, user=user).first()
    if found is not None:
        if found.is_active:
            raise ServiceError("Вы уже участник этого сообщества.")
        raise ServiceError("Ваша заявка на вступление уже подана и ждёт решения модератора.")
    member = CommunityMember(
        community=community, user=user, state=MemberState.ACTIVE if community.is_open else MemberState.REQUESTED
    )
    member._history_user = user
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as error:  # a double click: the first request won
        raise ServiceError("Вы уже участник этого сообщества или подали заявку.") from error
    return member


def _sole_moderator(member: CommunityMember) -> bool:
    if not member.is_moderator:
        return False
    others = CommunityMember.objects.filter(
        community_id=member.community_id, role=MemberRole.MODERATOR, state=MemberState.ACTIVE
    ).exclude(pk=member.pk)
    return not others.exists()


@transaction.atomic
def leave(community: Community, *, user) -> None:
    """Leave the community (or withdraw one's request). The last moderator stays until they name another."""
    member = CommunityMember.objects.select_for_update().filter(community=community, user=user).first()
    if member is None:
        raise ServiceError("Вы не состоите в этом сообществе.")
    if _sole_moderator(member):
        raise ServiceError(
            "Вы единственный модератор сообщества: назначьте модератором другого участника, прежде чем выйти."
        )
    member.delete()


@transaction.atomic
def approve_request(member: CommunityMember, *, by) -> CommunityMember:
    member = _fresh(CommunityMember, member)
    if member.state != MemberState.REQUESTED:
        raise ServiceError("Заявки на вступление нет: этот пользователь уже участник сообщества.")
    member.state = MemberState.ACTIVE
    member.joined_at = timezone.now()
    member._history_user = by
    member.save(update_fields=["state", "joined_at"])
    return member


@transaction.atomic
def remove_member(member: CommunityMember, *, by) -> None:
    """Decline a request or exclude a member; the last moderator cannot be removed."""
    member = _fresh(CommunityMember, member)
    if _sole_moderator(member):
        raise ServiceError("Это единственный модератор сообщества: сначала назначьте другого модератора.")
    member.delete()


@transaction.atomic
def set_role(member: CommunityMember, role: str, *, by) -> CommunityMember:
    member = _fresh(CommunityMember, member)
    if role not in MemberRole.values:
        raise ServiceError("Неизвестная роль участника.")
    if not member.is_active:
        raise ServiceError("Сначала одобрите заявку на вступление.")
    if role == MemberRole.MEMBER and _sole_moderator(member):
        raise ServiceError("Это единственный модератор сообщества: сначала назначьте другого модератора.")
    member.role = role
    member._history_user = by
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def set_digest(member: CommunityMember, digest: str) -> CommunityMember:
    if digest not in Digest.values:
        raise ServiceError("Выберите, как часто присылать сводку: не присылать, раз в день или раз в неделю.")
    member = _fresh(CommunityMember, member)
    if member.digest == Digest.NONE and digest != Digest.NONE:
        # the first digest tells of what happens from now on, not of the whole history
        member.last_digest_at = timezone.now()
    member.digest = digest
    member._history_user = member.user
    member.save(update_fields=["digest", "last_digest_at"])
    return member


# ---------------------------------------------------------------- posts and replies


@transaction.atomic
def publish_post(
    community: Community,
    *,
    by,
    kind: str,
    title: str,
    body: str,
    material_title: str = "",
    material_file=None,
    material_url: str = "",
) -> Post:
    """A discussion by any active member, news by a moderator; an optional material goes along in the same
    transaction (a refused material publishes nothing)."""
    community = _fresh(Community, community)
    _require_live(community)
    member = _active_member(community, by)
    title, body = " ".join(_clean(title).split()), _clean(body)
    if not title or not body:
        raise ServiceError("Укажите заголовок и текст записи.")
    if kind not in PostKind.values:
        raise ServiceError("Выберите вид записи: новость или обсуждение.")
    if kind == PostKind.NEWS and not member.is_moderator:
        raise ServiceError("Новости сообщества публикуют модераторы. Начните обсуждение.")
    now = timezone.now()
    post = Post(community=community, author=by, kind=kind, title=title[:300], body=body, created_at=now)
    post.last_activity_at = now
    post._history_user = by
    post.save()
    if material_file or _clean(material_url):
        attach_material(post, by=by, title=material_title or title, file=material_file, url=material_url)
    return post


@transaction.atomic
def reply(post: Post, *, by, body: str) -> Reply:
    post = _fresh(Post, post)
    if not post.is_discussion:
        raise ServiceError("Отвечать можно только в обсуждениях, новости комментариев не принимают.")
    _require_live(post.community)
    _active_member(post.community, by)
    if post.is_hidden:
        raise ServiceError("Запись скрыта модератором: ответить на неё нельзя.")
    body = _clean(body)
    if not body:
        raise ServiceError("Напишите текст ответа.")
    now = timezone.now()
    answer = Reply(post=post, author=by, body=body, created_at=now)
    answer._history_user = by
    answer.save()
    # an update, not save(): lifting the discussion in the feed is not a change of the post worth a history row
    Post.objects.filter(pk=post.pk).update(last_activity_at=now)
    return answer


@transaction.atomic
def set_post_hidden(post: Post, hidden: bool, *, by) -> Post:
    post = _fresh(Post, post)
    post.is_hidden = bool(hidden)
    if post.is_hidden:
        post.is_pinned = False
    post._history_user = by
    post.save(update_fields=["is_hidden", "is_pinned"])
    return post


@transaction.atomic
def set_reply_hidden(answer: Reply, hidden: bool, *, by) -> Reply:
    answer = _fresh(Reply, answer)
    answer.is_hidden = bool(hidden)
    answer._history_user = by
    answer.save(update_fields=["is_hidden"])
    return answer


@transaction.atomic
def set_post_pinned(post: Post, pinned: bool, *, by) -> Post:
    post = _fresh(Post, post)
    if pinned and post.is_hidden:
        raise ServiceError("Скрытую запись закрепить нельзя.")
    post.is_pinned = bool(pinned)
    post._history_user = by
    post.save(update_fields=["is_pinned"])
    return post


# ---------------------------------------------------------------- materials


@transaction.atomic
def attach_material(post: Post, *, by, title: str, file=None, url: str = "") -> Material:
    """A file (checked for size and type) or a link. The post's author or a moderator of the community attaches."""
    post = _fresh(Post, post)
    _require_live(post.community)
    member = _active_member(post.community, by)
    if post.author_id != by.pk and not member.is_moderator:
        raise ServiceError("Прикрепить материал может автор записи или модератор сообщества.")
    title, url = checked_material(title=_clean(title), file=file, url=_clean(url), purpose=DOCUMENTS)
    return Material.objects.create(post=post, title=title[:300], file=file or "", url=url, uploaded_by=by)


@transaction.atomic
def promote_material_to_databank(material: Material, *, by):
    """Hand a material over to the data bank as a DRAFT practice of its uploader: the uploader's name as the author,
    the uploader's organization, the post's text as the annotation, the file (or link) attached. The draft belongs to
    the uploader (who completes and submits it), whoever pressed the button. Once per material."""

    material = (
        Material.objects.select_for_update(of=("self",))
        .select_related("post__community", "uploaded_by")
        .get(pk=material.pk)
    )
    if material.promoted_practice_id:
        raise ServiceError("Материал уже передан в банк практик: черновик практики создан раньше.")
    uploader = material.uploaded_by
    if uploader is None or not uploader.organization_id:
        raise ServiceError(
            "У автора материала не указано место работы: практика в банке данных принадлежит организации. "
            "Попросите автора указать организацию в профиле."
        )
    post, community = material.post, material.post.community
    annotation = post.body if len(post.body) <= ANNOTATION_LIMIT else post.body[: ANNOTATION_LIMIT - 1].rstrip() + "…"
    practice = practices.create_practice(
        by=uploader,
        directions=[community.direction] if community.direction_id else None,
        title=material.title,
        kind=PracticeKind.METHODICAL,
        authors=uploader.full_name or uploader.username,
        organization=uploader.organization,
        annotation=annotation,
    )
    # through the data bank's own service: the same checks of the file, and its text extracted for the search
    if material.file:
        with material.file.open("rb") as source:
            content = ContentFile(source.read(), name=material.download_name)
        file_services.attach_file(practice, title=material.title, file=content, by=by)
    else:
        file_services.attach_file(practice, title=material.title, url=material.url, by=by)
    material.promoted_practice = practice
    material.save(update_fields=["promoted_practice"])
    return practice
