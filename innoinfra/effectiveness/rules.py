"""Staff read the scores of their territories; staff of a territory edit its criteria, the installation's
administrator edits the installation-wide ones."""

import rules

from innoinfra.accounts.rules import is_installation_admin, is_staff_member
from innoinfra.accounts.scopes import scope_of


@rules.predicate
def manages_set(user, criteria_set):
    if criteria_set is None:
        return False
    if criteria_set.municipality_id is None:
        return is_installation_admin(user)
    return scope_of(user).manages(criteria_set.municipality_id)


rules.add_perm("effectiveness.view_scores", is_staff_member)
rules.add_perm("effectiveness.add_criteriaset", is_staff_member)
rules.add_perm("effectiveness.change_criteriaset", is_staff_member & manages_set)
