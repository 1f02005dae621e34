"""Anyone reads the bank of normative documents; registry staff keep it.

Federal and regional documents concern every territory, so any staff member may add or correct them; a municipal
or institutional document is kept by the staff of its municipality.
"""

from __future__ import annotations

import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of


@rules.predicate
def keeps_document(user, document):
    if not is_staff_member(user):
        return False
    if document is None or document.municipality_id is None:
        return True
    return scope_of(user).manages(document.municipality_id)


rules.add_perm("legal.add_legaldocument", is_staff_member)
rules.add_perm("legal.change_legaldocument", keeps_document)
