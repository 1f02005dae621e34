"""The demo community: an open community with members, a pinned news post and a discussion; a second run adds
nothing."""

import pytest

from innoinfra.communities.models import Community, CommunityMember, Material, Post, Reply
from innoinfra.demo.data import accounts as accounts_demo
from innoinfra.demo.data import communities as demo
from innoinfra.demo.data import registry as registry_demo

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (Community, CommunityMember, Post, Reply, Material)]


def test_the_demo_community_has_members_news_and_a_discussion_and_runs_twice(client_for):
    registry = registry_demo.load()
    accounts_demo.load(registry)
    demo.load(registry)
    first = _counts()
    demo.load(registry)
    assert _counts() == first == [1, 6, 2, 5, 1]
    community = Community.objects.get()
    assert community.is_open and community.direction.name == "Цифровая образовательная среда"
    page = client_for(None).get(community.get_absolute_url()).content.decode()
    assert "Семинар-практикум" in page and "Перевёрнутый класс" in page
