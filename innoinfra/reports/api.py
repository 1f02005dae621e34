"""Reporting in the API, with the pages' visibility: staff see the campaigns of their territory and every report
of its organizations; an organization's administrator sees its own reports. Submit, accept and return call the same
services as the pages; a refusal is a 400 with the Russian message."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from innoinfra.core.drf import ReadOnly
from innoinfra.core.forms import parse_id

from . import queries, services
from .models import Campaign, FormItem, Report


class CampaignSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    audience_label = serializers.CharField(source="get_audience_display", read_only=True)
    form_title = serializers.CharField(source="form.title", read_only=True)
    reports_total = serializers.IntegerField(source="n_total", read_only=True, default=None)
    reports_submitted = serializers.IntegerField(source="n_submitted", read_only=True, default=None)
    reports_accepted = serializers.IntegerField(source="n_accepted", read_only=True, default=None)
    reports_late = serializers.IntegerField(source="n_late", read_only=True, default=None)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "region",
            "municipality",
            "period_start",
            "period_end",
            "deadline",
            "audience",
            "audience_label",
            "state",
            "state_label",
            "form",
            "form_title",
            "reports_total",
            "reports_submitted",
            "reports_accepted",
            "reports_late",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = FormItem
        fields = ["id", "form", "position", *services.ITEM_FIELDS]


class ReportSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.short_name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    late = serializers.BooleanField(read_only=True)
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "campaign",
            "organization",
            "organization_name",
            "site",
            "municipality",
            "state",
            "state_label",
            "late",
            "first_submitted_at",
            "submitted_at",
            "accepted_at",
            "remarks",
            "answers",
        ]

    def get_answers(self, report) -> dict:
        """item id → the answer as shown (numbers as numbers); only on a single report's page."""
        answers = self.context.get("answers")
        if answers is None:
            return {}
        return {str(item_id): answer.value for item_id, answer in answers.get(report.pk, {}).items()}


class ReportRemarksSerializer(serializers.Serializer):
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class SubmitSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text="Ответы перед представлением: id пункта → значение (числа, «yes»/«no», вариант списка, текст).",
    )


class CampaignViewSet(ReadOnly):
    serializer_class = CampaignSerializer

    def get_queryset(self):
        return queries.campaigns_for_list(self.request.user, timezone.localdate()).select_related("form")


class IndicatorViewSet(ReadOnly):
    """The items of the forms of visible campaigns and the ready forms; ?form= narrows to one form."""

    serializer_class = IndicatorSerializer

    def get_queryset(self):
        from django.db.models import Q

        forms = Q(form__is_template=True)
        if self.request.user.is_authenticated:
            campaigns = queries.campaigns_visible_to(self.request.user).values("form_id")
            reported = queries.reports_visible_to(self.request.user).values("campaign__form_id")
            forms |= Q(form_id__in=campaigns) | Q(form_id__in=reported)
        else:
            return FormItem.objects.none()
        items = FormItem.objects.filter(forms).order_by("form_id", "position", "id")
        form = self.request.query_params.get("form")
        if form:
            items = items.filter(form_id=parse_id(form)) if parse_id(form) else items.none()
        return items


class AttachmentSerializer(serializers.Serializer):
    """An attachment item of the report's form and the file given for it, if any."""

    item = serializers.IntegerField(help_text="id пункта формы")
    title = serializers.CharField()
    required = serializers.BooleanField()
    file_types = serializers.ListField(child=serializers.CharField(), help_text="Допустимые расширения; [] — любые")
    file_name = serializers.CharField(allow_null=True)
    url = serializers.URLField(allow_null=True, help_text="Адрес для скачивания файла")
    updated_at = serializers.DateTimeField(allow_null=True)


class AttachmentUploadSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="id пункта-приложения формы")
    file = serializers.FileField(help_text="Файл; проверяется так же, как на странице отчёта")


class ReportLocked(exceptions.APIException):
    """The report is not editable now (services.NotEditable)."""

    status_code = 409
    default_code = "report_locked"


REPORT_LOCKED = OpenApiResponse(description="Отчёт сейчас не редактируется (представлен, принят или сбор закрыт)")


def _editing(step):
    try:
        return step()
    except services.NotEditable as refusal:
        raise ReportLocked(" ".join(refusal.messages)) from None


class ReportViewSet(ReadOnly):
    serializer_class = ReportSerializer
    perms = {
        "submit": "reports.fill_report",
        "accept": "reports.review_report",
        "return_": "reports.review_report",
        "attachments": "reports.fill_report",
        "remove_attachment": "reports.fill_report",
    }

    def get_queryset(self):
        reports = queries.reports_for_list(self.request.user, timezone.localdate())
        for name in ("campaign", "state"):
            value = self.request.query_params.get(name)
            if value:
                reports = reports.filter(**{name: value})
        return reports

    def retrieve(self, request, *args, **kwargs):
        report = self.get_object()
        context = self.get_serializer_context() | {"answers": queries.answers_by_report([report])}
        return Response(ReportSerializer(report, context=context).data)

    def _answer(self, report):
        report = self.get_queryset().get(pk=report.pk)
        context = self.get_serializer_context() | {"answers": queries.answers_by_report([report])}
        return Response(ReportSerializer(report, context=context).data)

    @action(detail=True, methods=["post"], serializer_class=SubmitSerializer)
    def submit(self, request, pk=None):
        report = self.get_object()
        payload = SubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        values = payload.validated_data["answers"]
        if any(parse_id(key) is None for key in values):
            raise serializers.ValidationError({"answers": "Ключи ответов — id пунктов формы."})
        services.submit(report, by=request.user, values=values)
        return self._answer(report)

    @action(detail=True, methods=["post"], serializer_class=ReportRemarksSerializer)
    def accept(self, request, pk=None):
        report = self.get_object()
        payload = ReportRemarksSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.accept(report, by=request.user, remarks=payload.validated_data["remarks"])
        return self._answer(report)

    @action(
        detail=True, methods=["post"], url_path="return", url_name="return", serializer_class=ReportRemarksSerializer
    )
    def return_(self, request, pk=None):
        report = self.get_object()
        payload = ReportRemarksSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.return_report(report, by=request.user, remarks=payload.validated_data["remarks"])
        return self._answer(report)

    def _attachment_items(self, report) -> list[FormItem]:
        return [
            item
            for item in FormItem.objects.filter(form_id=report.campaign.form_id).order_by("position", "id")
            if item.is_attachment
        ]

    def _attachments(self, report) -> Response:
        answers = queries.answers_by_report([report]).get(report.pk, {})
        rows = []
        for item in self._attachment_items(report):
            answer = answers.get(item.pk)
            given = answer is not None and bool(answer.file)
            url = reverse("reports:answer_file", args=[answer.pk]) if given else None
            rows.append(
                {
                    "item": item.pk,
                    "title": item.title,
                    "required": item.required,
                    "file_types": list(item.extensions),
                    "file_name": answer.display if given else None,
                    "url": self.request.build_absolute_uri(url) if url else None,
                    "updated_at": answer.updated_at if given else None,
                }
            )
        return Response(AttachmentSerializer(rows, many=True).data)

    @extend_schema(
        methods=["GET"],
        summary="Приложения отчёта: пункты формы и приложенные файлы",
        responses=AttachmentSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Приложить файл к пункту формы (заполняющий, пока отчёт редактируется)",
        description="Файл проходит ту же проверку, что на странице: недопустимый — 400 с причиной; отчёт, который "
        "сейчас не редактируется, — 409. Повторная загрузка заменяет файл.",
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={200: AttachmentSerializer(many=True), 409: REPORT_LOCKED},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser], pagination_class=None)
    def attachments(self, request, pk=None):
        report = self.get_object()
        if request.method == "POST":
            payload = AttachmentUploadSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            item_id = payload.validated_data["item"]
            if item_id not in {item.pk for item in self._attachment_items(report)}:
                raise serializers.ValidationError({"item": ["В форме отчёта нет такого пункта-приложения."]})
            upload = payload.validated_data["file"]
            _editing(lambda: services.save_draft(report, by=request.user, files={item_id: upload}))
        return self._attachments(report)

    @extend_schema(
        summary="Убрать файл из приложения (заполняющий, пока отчёт редактируется)",
        request=None,
        responses={204: None, 409: REPORT_LOCKED},
    )
    @action(detail=True, methods=["delete"], url_path=r"attachments/(?P<item>[0-9]+)", url_name="attachment")
    def remove_attachment(self, request, pk=None, item=None):
        report = self.get_object()
        found = FormItem.objects.filter(pk=parse_id(item), form_id=report.campaign.form_id).first()
        if found is None:
            raise exceptions.NotFound("Пункт формы не найден.")
        _editing(lambda: services.remove_attachment(report, item=found, by=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)
