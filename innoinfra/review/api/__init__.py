"""REST resources of the review engine: calls, applications, expert assignments and reviews, a call's ranking.

Reads follow the same visibility as the pages: a published call is public, a draft only for its staff; an applicant
reads their organization's applications, staff those of their territory, an expert only what is assigned to them —
never an application they have a conflict of interest with — and a blind call stays blind, others' reviews and
scores stay hidden until one's own is submitted (visibility.py).
Writes ask the same `rules` perms and call the same services, so the API and the web can never disagree.

The routes (`innoinfra/api/urls.py`) take the view sets from here; they live in:

- `access`: which applications and assignments a user reads through the API;
- `calls`: calls and a call's ranking as data;
- `applications`: applications and the applicant's and the methodist's actions on them;
- `assignments`: expert assignments, accepted, declined or recused by the expert; conflict declarations;
- `reviews`: the expert's reviews: start, save, submit.
"""

from .access import (
    applications_visible_to,
    assignments_visible_to,
    conflicted_applications,
    declarations_visible_to,
    examined_by,
)
from .applications import ApplicationFilter, ApplicationViewSet
from .assignments import AssignmentFilter, AssignmentViewSet, ConflictDeclarationFilter, ConflictDeclarationViewSet
from .calls import CallFilter, CallViewSet, ranking_data
from .reviews import ReviewFilter, ReviewViewSet

__all__ = [
    "ApplicationFilter",
    "ApplicationViewSet",
    "AssignmentFilter",
    "AssignmentViewSet",
    "CallFilter",
    "CallViewSet",
    "ConflictDeclarationFilter",
    "ConflictDeclarationViewSet",
    "ReviewFilter",
    "ReviewViewSet",
    "applications_visible_to",
    "assignments_visible_to",
    "conflicted_applications",
    "declarations_visible_to",
    "examined_by",
    "ranking_data",
]
