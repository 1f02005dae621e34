"""Who may see and change Пётр's account (a teacher of an Amursky school): the permission table."""

import pytest

pytestmark = pytest.mark.django_db

TABLE = [
    # persona, may see, may change
    ("methodist", True, True),
    ("authority", True, True),
    ("admin_user", True, True),
    ("other_methodist", False, False),
    ("expert", False, False),
    ("orgadmin", False, False),
    ("teacher", False, False),
]


@pytest.mark.parametrize(("persona", "may_see", "may_change"), TABLE)
def test_the_permission_table_for_a_teacher_account(request, teacher, persona, may_see, may_change):
    user = request.getfixturevalue(persona)

    assert user.has_perm("accounts.view_user", teacher) is may_see
    assert user.has_perm("accounts.change_user", teacher) is may_change
    assert user.has_perm("accounts.change_membership", teacher.memberships.get()) is may_change


def test_nobody_but_a_superuser_changes_a_superuser(methodist, admin_user):
    assert not methodist.has_perm("accounts.view_user", admin_user)
    assert admin_user.has_perm("accounts.change_user", admin_user)


def test_staff_do_not_change_their_own_roles(methodist):
    assert not methodist.has_perm("accounts.change_membership", methodist.memberships.get())
