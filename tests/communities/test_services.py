"""Community actions: who joins how, who writes where, what moderators do. Лариса (methodist) creates the
community and moderates it, Пётр (teacher) joins, Ирина (orgadmin) stays outside unless a test says otherwise."""

from __future__ import annotations

import pytest

from innoinfra.communities import services
from innoinfra.communities.enums import MemberRole, MemberState
from innoinfra.communities.models import CommunityMember, Material, Post
from innoinfra.core.errors import ServiceError
from tests.factories import UserFactory

from .factories import add_member, checklist, make_community, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(methodist, amursky):
    return make_community(methodist, amursky)


def test_the_creator_becomes_the_moderator(community, methodist):
    member = CommunityMember.objects.get(community=community)
    assert (member.user, member.role, member.state) == (methodist, MemberRole.MODERATOR, MemberState.ACTIVE)


def test_a_teacher_may_not_create_a_community_outside_her_territory(teacher, vyselki, other_methodist):
    with pytest.raises(ServiceError, match="только на своей территории"):
        make_community(teacher, vyselki)
    with pytest.raises(ServiceError, match="только на своей территории"):
        make_community(other_methodist, teacher.organization.municipality)


def test_anyone_logged_in_joins_an_open_community_at_once(community, teacher):
    member = services.join(community, user=teacher)
    assert member.is_active
    with pytest.raises(ServiceError, match="уже участник"):
        services.join(community, user=teacher)


def test_a_closed_community_takes_a_request_that_a_moderator_approves(methodist, amursky, teacher):
    closed = make_community(methodist, amursky, title="Творческая группа", is_open=False)
    member = services.join(closed, user=teacher)
    assert member.state == MemberState.REQUESTED
    with pytest.raises(ServiceError, match="заявка на вступление уже подана"):
        services.join(closed, user=teacher)
    with pytest.raises(ServiceError, match="только его участники"):
        make_post(closed, teacher)
    services.approve_request(member, by=methodist)
    assert CommunityMember.objects.get(pk=member.pk).is_active
    assert make_post(closed, teacher).pk


def test_a_non_member_cannot_post_or_reply(community, methodist, orgadmin):
    discussion = make_post(community, methodist)
    with pytest.raises(ServiceError, match="только его участники"):
        make_post(community, orgadmin)
    with pytest.raises(ServiceError, match="только его участники"):
        services.reply(discussion, by=orgadmin, body="Спасибо!")
    assert Post.objects.count() == 1


def test_a_reply_to_news_is_refused(community, methodist, teacher):
    add_member(community, teacher)
    news = make_post(community, methodist, kind="news", title="Семинар 20 ноября")
    with pytest.raises(ServiceError, match="только в обсуждениях"):
        services.reply(news, by=teacher, body="Приду!")


def test_only_moderators_publish_news(community, teacher):
    add_member(community, teacher)
    with pytest.raises(ServiceError, match="Новости сообщества публикуют модераторы"):
        make_post(community, teacher, kind="news")


def test_an_archived_community_refuses_posts_replies_and_joining(community, methodist, teacher, orgadmin):
    add_member(community, teacher)
    discussion = make_post(community, teacher)
    services.update_community(community, by=methodist, is_archived=True)
    with pytest.raises(ServiceError, match="в архиве"):
        make_post(community, teacher)
    with pytest.raises(ServiceError, match="в архиве"):
        services.reply(discussion, by=teacher, body="Ещё вопрос")
    with pytest.raises(ServiceError, match="в архиве"):
        services.join(community, user=orgadmin)


def test_a_reply_lifts_the_discussion_in_the_feed(community, methodist, teacher):
    add_member(community, teacher)
    first = make_post(community, teacher, title="Первое обсуждение")
    make_post(community, teacher, title="Второе обсуждение")
    services.reply(first, by=methodist, body="Отвечаю")
    assert list(community.posts.values_list("title", flat=True)) == ["Первое обсуждение", "Второе обсуждение"]


def test_a_hidden_post_takes_no_replies_and_loses_its_pin(community, methodist, teacher):
    add_member(community, teacher)
    post = make_post(community, teacher)
    services.set_post_pinned(post, True, by=methodist)
    post = services.set_post_hidden(post, True, by=methodist)
    assert post.is_hidden and not post.is_pinned
    with pytest.raises(ServiceError, match="скрыта модератором"):
        services.reply(post, by=teacher, body="А почему?")
    with pytest.raises(ServiceError, match="Скрытую запись закрепить нельзя"):
        services.set_post_pinned(post, True, by=methodist)
    assert not services.set_post_hidden(post, False, by=methodist).is_hidden


def test_the_last_moderator_cannot_leave(community, methodist, teacher):
    member = add_member(community, teacher)
    with pytest.raises(ServiceError, match="единственный модератор"):
        services.leave(community, user=methodist)
    services.set_role(member, MemberRole.MODERATOR, by=methodist)
    services.leave(community, user=methodist)
    assert not CommunityMember.objects.filter(community=community, user=methodist).exists()


def test_a_material_is_checked_for_type_and_a_refusal_publishes_nothing(community, teacher):
    add_member(community, teacher)
    with pytest.raises(ServiceError, match="Файлы этого типа не принимаются"):
        make_post(community, teacher, material_title="Программа", material_file=checklist("virus.exe", b"MZ"))
    assert not Post.objects.exists() and not Material.objects.exists()
    post = make_post(community, teacher, material_title="Чек-лист", material_file=checklist())
    material = post.materials.get()
    assert (material.title, material.uploaded_by, material.download_name) == ("Чек-лист", teacher, "chek-list.pdf")


def test_a_too_large_material_is_refused(community, teacher, settings):
    settings.MAX_UPLOAD_SIZE = 10
    add_member(community, teacher)
    with pytest.raises(ServiceError, match="Файл слишком большой"):
        make_post(community, teacher, material_file=checklist())


def test_only_the_author_or_a_moderator_attaches_materials(community, methodist, teacher):
    add_member(community, teacher)
    colleague = UserFactory(organization=teacher.organization)
    add_member(community, colleague)
    post = make_post(community, teacher)
    with pytest.raises(ServiceError, match="автор записи или модератор"):
        services.attach_material(post, by=colleague, title="Моё", url="https://example.org/a")
    assert services.attach_material(post, by=methodist, title="Ссылка", url="https://example.org/a").url
