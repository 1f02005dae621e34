"""Who sees and compiles a collection: published ones are public; staff of its territory compile and see drafts."""

from __future__ import annotations

import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of

from .models import CollectionState


@rules.predicate
def compiles_collection(user, collection):
    if collection is None or not user.is_authenticated:
        return False
    scope = scope_of(user)
    return scope.is_staff and scope.manages(collection.municipality_id)


@rules.predicate
def sees_collection(user, collection):
    if collection is not None and collection.state == CollectionState.PUBLISHED:
        return True
    return compiles_collection(user, collection)


rules.add_perm("practice_collections.view_collection", sees_collection)
rules.add_perm("practice_collections.add_collection", is_staff_member)
rules.add_perm("practice_collections.change_collection", compiles_collection)
