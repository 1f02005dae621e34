"""Who rates, comments, answers and moderates.

Any logged-in user who sees a practice rates it and comments on it, except its own authors: the user who entered
it and the people named among its authors. The practice's side — the user who entered it and the head of its
organization — answers comments. The moderators of the data bank and the methodists (staff) of the practice's
territory moderate comments.
"""

from __future__ import annotations

import rules

from innoinfra.accounts.scopes import scope_of
from innoinfra.practices.rules import is_data_bank_moderator, moderates_territory_of


def is_named_author(user, practice) -> bool:
    """The user's surname and first name both open one of the practice's author lines («ФИО, должность, …»)."""
    if not user.last_name or not user.first_name:
        return False
    wanted = {user.last_name.lower().replace("ё", "е"), user.first_name.lower().replace("ё", "е")}
    for line in practice.author_lines:
        names = set(line.split(",")[0].lower().replace("ё", "е").split())
        if wanted <= names:
            return True
    return False


def is_practice_author(user, practice) -> bool:
    return practice.created_by_id == user.pk or is_named_author(user, practice)


@rules.predicate
def may_rate(user, practice):
    return practice is not None and user.is_authenticated and not is_practice_author(user, practice)


@rules.predicate
def may_comment(user, practice):
    return practice is not None and user.is_authenticated


def answers_for(user, practice) -> bool:
    if practice is None or not user.is_authenticated:
        return False
    return practice.created_by_id == user.pk or practice.organization_id in scope_of(user).organizations


@rules.predicate
def may_answer(user, comment):
    return comment is not None and answers_for(user, comment.practice)


@rules.predicate
def moderates_comment(user, comment):
    return comment is not None and user.is_authenticated and moderates_territory_of(user, comment.practice)


@rules.predicate
def may_report(user, comment):
    return comment is not None and user.is_authenticated


rules.add_perm("translator.rate_practice", may_rate)
rules.add_perm("translator.comment_practice", may_comment)
rules.add_perm("translator.answer_comment", may_answer)
rules.add_perm("translator.moderate_comment", moderates_comment)
rules.add_perm("translator.report_comment", may_report)
rules.add_perm("translator.moderate", is_data_bank_moderator)
# The API's gate before it knows the practice: a signed-in user may try; the practice's own rule decides then.
rules.add_perm("translator.discuss", rules.is_authenticated)
