"""Applications: a row, and the application as its page shows it (passport, files, history, remarks, actions,
reviews) — for an expert of a blind call, the depersonalised copy; the bodies of the applicant's and the
methodist's actions."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import services
from ..enums import APPLICATION_TRANSITIONS, EDITABLE_STATES, ApplicationState
from ..models import Application
from ..passport import fields_of
from ..visibility import ExpertView, expert_view_for, reviews_for_applicant
from ._common import absolute_uri, request_user
from .reviews import ApplicantReviewSerializer

AS = ApplicationState


class PassportEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    value = serializers.CharField(allow_blank=True)


class FileEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="Для слепой экспертизы эксперту — «Файл 1», «Файл 2»…")
    url = serializers.CharField(help_text="Скачивание с проверкой прав, как на странице")


class EventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    from_state = serializers.CharField(allow_blank=True)
    to_state = serializers.CharField(allow_blank=True)
    to_state_label = serializers.CharField(allow_blank=True)
    comment = serializers.CharField(allow_blank=True)
    by = serializers.CharField(allow_null=True, help_text="Кто изменил; видят только сотрудники конкурса")


class PartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    short_name = serializers.CharField()


class ApplicationSerializer(serializers.ModelSerializer):
    """An application as a row. For an expert of a blind call whose names are hidden, `names_hidden` is true and
    nothing names the applicant: no organization, partners or supervisor, the depersonalised theme."""

    call_title = serializers.CharField(source="call.title", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    site_kind_name = serializers.CharField(source="site_kind.name", read_only=True, default=None)
    names_hidden = serializers.SerializerMethodField(help_text="Слепая экспертиза: сведения о заявителе скрыты")
    theme = serializers.SerializerMethodField()
    lead_organization = serializers.SerializerMethodField()
    organization_name = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    supervisor = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField(help_text="Срок подачи (с учётом продления)")

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "call_title",
            "number",
            "state",
            "state_label",
            "site_kind",
            "site_kind_name",
            "names_hidden",
            "theme",
            "lead_organization",
            "organization_name",
            "partners",
            "supervisor",
            "start_date",
            "end_date",
            "submitted_at",
            "decided_at",
            "extension_until",
            "deadline",
        ]
        read_only_fields = fields

    def _view(self, application) -> ExpertView | None:
        return expert_view_for(request_user(self), application)

    def get_names_hidden(self, application) -> bool:
        view = self._view(application)
        return bool(view and view.hidden)

    def get_theme(self, application) -> str:
        view = self._view(application)
        return view.theme if view else application.theme

    def get_lead_organization(self, application) -> int | None:
        view = self._view(application)
        return None if view and view.hidden else application.lead_organization_id

    def get_organization_name(self, application) -> str | None:
        view = self._view(application)
        if view:
            return view.organization or None
        return application.lead_organization.short_name

    @extend_schema_field(PartnerSerializer(many=True))
    def get_partners(self, application) -> list[dict]:
        if self._view(application):
            return []
        return [{"id": o.pk, "short_name": o.short_name} for o in application.partners.all()]

    def get_supervisor(self, application) -> str | None:
        return None if self._view(application) else application.supervisor

    def get_deadline(self, application) -> dt.date | None:
        return services.submission_deadline(application)


class ApplicationDetailSerializer(ApplicationSerializer):
    """The application as its page shows it: the passport, files, history, remarks and what the reader may do."""

    passport = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    remarks = serializers.SerializerMethodField(help_text="Замечания методиста, если заявка возвращена")
    missing = serializers.SerializerMethodField(help_text="Что ещё не заполнено (для черновика)")
    actions = serializers.SerializerMethodField(help_text="Действия, доступные пользователю сейчас")
    reviews = serializers.SerializerMethodField(help_text="Оценки экспертов без имён: заявителю после решения")

    class Meta(ApplicationSerializer.Meta):
        fields = [
            *ApplicationSerializer.Meta.fields,
            "passport",
            "files",
            "events",
            "remarks",
            "missing",
            "actions",
            "reviews",
        ]
        read_only_fields = fields

    @extend_schema_field(PassportEntrySerializer(many=True))
    def get_passport(self, application) -> list[dict]:
        view = self._view(application)
        if view:
            entries = view.passport
        else:
            entries = [(f, application.passport.get(f.code, "")) for f in fields_of(application.call.form_fields)]
        return [{"code": f.code, "label": f.label, "value": str(value or "")} for f, value in entries]

    @extend_schema_field(FileEntrySerializer(many=True))
    def get_files(self, application) -> list[dict]:
        view = self._view(application)
        files = view.files if view else list(application.files.all())
        hidden = bool(view and view.hidden)
        return [
            {
                "id": f.pk,
                # As on the expert's page: in a blind call a file's title may name the school.
                "title": f"Файл {n}" if hidden else f.title,
                "url": absolute_uri(self, reverse("review:file", args=[f.pk])),
            }
            for n, f in enumerate(files, start=1)
        ]

    def _events(self, application) -> list:
        if not hasattr(application, "_api_events"):
            application._api_events = list(application.events.select_related("by"))
        return application._api_events

    @extend_schema_field(EventSerializer(many=True))
    def get_events(self, application) -> list[dict]:
        if self._view(application):
            return []
        manages = request_user(self).has_perm("review.manage_application", application)
        return [
            {
                "at": e.at,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "to_state_label": e.get_to_state_display() if e.to_state else "",
                "comment": e.comment,
                "by": str(e.by) if manages and e.by else None,
            }
            for e in self._events(application)
        ]

    def get_remarks(self, application) -> str:
        if self._view(application) or application.state != AS.RETURNED:
            return ""
        return next((e.comment for e in reversed(self._events(application)) if e.to_state == AS.RETURNED), "")

    def get_missing(self, application) -> list[str]:
        if self._view(application) or application.state not in EDITABLE_STATES:
            return []
        return services.missing_fields(application)

    def get_actions(self, application) -> list[str]:
        user = request_user(self)
        allowed = APPLICATION_TRANSITIONS[application.state]
        actions = []
        if user.has_perm("review.withdraw_application", application):
            actions += [
                name for name, state in (("submit", AS.SUBMITTED), ("withdraw", AS.WITHDRAWN)) if state in allowed
            ]
        if user.has_perm("review.manage_application", application) and AS.RETURNED in allowed:
            actions.append("return")
        return actions

    @extend_schema_field(ApplicantReviewSerializer(many=True))
    def get_reviews(self, application) -> list[dict]:
        # As on the page: the applicant (not the call's staff) reads them once the decision is announced.
        return ApplicantReviewSerializer(reviews_for_applicant(request_user(self), application), many=True).data


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class RemarksSerializer(serializers.Serializer):
    remarks = serializers.CharField(allow_blank=True, default="", help_text="Что заявителю исправить")


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Почему действие отклонено (по-русски)")


class RecommendationSerializer(serializers.Serializer):
    recommended = serializers.BooleanField(help_text="true — рекомендовать, false — не рекомендовать")
    remarks = serializers.CharField(allow_blank=True, default="", max_length=2000, help_text="Комментарий к решению")


class AssignExpertsSerializer(serializers.Serializer):
    experts = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        min_length=1,
        max_length=50,
        help_text="id пользователей из экспертной группы конкурса",
        error_messages={"min_length": "Выберите хотя бы одного эксперта."},
    )


class BlindCopySerializer(serializers.Serializer):
    blind_theme = serializers.CharField(max_length=1000, help_text="Обезличенная тема")
    passport = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=20000),
        default=dict,
        help_text="Обезличенные разделы паспорта: код поля формы конкурса → текст",
    )
    depersonalised_files = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        default=list,
        max_length=200,
        help_text="id файлов заявки, которые можно показать экспертам",
    )
