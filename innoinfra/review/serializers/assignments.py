"""Expert assignments as the expert's desk shows them: the application (depersonalised for a blind call), the
state, the review and its deadline."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from rest_framework import serializers

from innoinfra.reference.models import Organization

from .. import services
from ..enums import ACTIVE_ASSIGNMENT_STATES, ReviewState
from ..models import Assignment, ConflictDeclaration, Review
from ..visibility import ExpertView, expert_view_for
from ._common import request_user


def _late(assignment: Assignment, review: Review | None, deadline) -> bool:
    """As on the expert's desk: the review deadline passed and the assignment is still open."""
    today = timezone.localdate()
    return bool(
        deadline
        and today > deadline
        and assignment.state in ACTIVE_ASSIGNMENT_STATES
        and not (review and review.state == ReviewState.SUBMITTED)
    )


class AssignmentSerializer(serializers.ModelSerializer):
    application_number = serializers.IntegerField(source="application.number", read_only=True)
    call = serializers.IntegerField(source="application.call_id", read_only=True)
    call_title = serializers.CharField(source="application.call.title", read_only=True)
    names_hidden = serializers.SerializerMethodField()
    theme = serializers.SerializerMethodField()
    organization_name = serializers.SerializerMethodField()
    expert_name = serializers.CharField(source="expert", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    review = serializers.SerializerMethodField()
    review_state = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField(help_text="Срок экспертизы")
    late = serializers.SerializerMethodField(help_text="Срок экспертизы прошёл, а оценка не отправлена")

    class Meta:
        model = Assignment
        fields = [
            "id",
            "application",
            "application_number",
            "call",
            "call_title",
            "names_hidden",
            "theme",
            "organization_name",
            "expert",
            "expert_name",
            "state",
            "state_label",
            "reason",
            "assigned_at",
            "responded_at",
            "review",
            "review_state",
            "deadline",
            "late",
        ]
        read_only_fields = fields

    def _view(self, assignment) -> ExpertView | None:
        return expert_view_for(request_user(self), assignment.application)

    def get_names_hidden(self, assignment) -> bool:
        view = self._view(assignment)
        return bool(view and view.hidden)

    def get_theme(self, assignment) -> str:
        view = self._view(assignment)
        return view.theme if view else assignment.application.theme

    def get_organization_name(self, assignment) -> str | None:
        view = self._view(assignment)
        return (view.organization or None) if view else assignment.application.lead_organization.short_name

    def get_review(self, assignment) -> int | None:
        review = getattr(assignment, "review", None)
        return review.pk if review else None

    def get_review_state(self, assignment) -> str | None:
        review = getattr(assignment, "review", None)
        return review.state if review else None

    def get_deadline(self, assignment) -> dt.date | None:
        return services.review_deadline(assignment.application.call)

    def get_late(self, assignment) -> bool:
        review = getattr(assignment, "review", None)
        return _late(assignment, review, services.review_deadline(assignment.application.call))


class ConflictDeclarationSerializer(serializers.ModelSerializer):
    """A relation an expert declared with an organization (its applications are never assigned to them)."""

    expert_name = serializers.CharField(source="expert.full_name", read_only=True)
    organization_name = serializers.CharField(source="organization.short_name", read_only=True)
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        help_text="id организации",
        error_messages={"does_not_exist": "Организация не найдена.", "incorrect_type": "Укажите id организации."},
    )

    class Meta:
        model = ConflictDeclaration
        fields = ["id", "expert", "expert_name", "organization", "organization_name", "reason", "created_at"]
        read_only_fields = ["id", "expert", "expert_name", "organization_name", "created_at"]
