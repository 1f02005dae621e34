"""Mentoring in the API. Reads follow the pages' visibility: accepting mentors are public; requests and pairs are
seen by their sides and by the staff of their territory. A school's administrator (or staff) files a request through
the same service as the page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rest_framework import mixins, serializers

from innoinfra.accounts.scopes import organizations_acted_for
from innoinfra.core.drf import FormFilteredMixin, IdempotentCreateMixin, ReadOnly
from innoinfra.reference.models import Direction, Organization

from . import queries, services
from .forms import OfferFilterForm, PairFilterForm, RequestFilterForm
from .models import MentoringPair, MentoringRequest, MentorOffer


class MentoringRequestSerializer(serializers.ModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    organization_name = serializers.CharField(source="organization.short_name", read_only=True)
    directions = serializers.PrimaryKeyRelatedField(many=True, queryset=Direction.objects.all(), required=False)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = MentoringRequest
        fields = [
            "id",
            "organization",
            "organization_name",
            "municipality",
            "topic",
            "directions",
            "needs",
            "contact",
            "state",
            "state_label",
            "created_at",
        ]
        read_only_fields = ["municipality", "state", "created_at"]


class MentorOfferSerializer(serializers.ModelSerializer):
    mentor_kind = serializers.SerializerMethodField()
    mentor_name = serializers.CharField(read_only=True)
    free_places = serializers.IntegerField(read_only=True)
    directions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = MentorOffer
        fields = [
            "id",
            "mentor_kind",
            "mentor_name",
            "mentor_organization",
            "municipality",
            "directions",
            "topics",
            "capacity",
            "free_places",
            "accepting",
            "contact",
        ]

    def get_mentor_kind(self, offer) -> str:
        return "person" if offer.mentor_user_id else "organization"


class MentoringPairSerializer(serializers.ModelSerializer):
    mentor_name = serializers.CharField(source="offer.mentor_name", read_only=True)
    mentee_organization = serializers.IntegerField(source="request.organization_id", read_only=True)
    mentee_name = serializers.CharField(source="request.organization.short_name", read_only=True)
    topic = serializers.CharField(source="request.topic", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = MentoringPair
        fields = [
            "id",
            "request",
            "offer",
            "mentor_name",
            "mentee_organization",
            "mentee_name",
            "topic",
            "municipality",
            "state",
            "state_label",
            "plan",
            "started_on",
            "ended_on",
            "result",
            "meeting_count",
        ]


class MentoringRequestViewSet(FormFilteredMixin, IdempotentCreateMixin, mixins.CreateModelMixin, ReadOnly):
    serializer_class = MentoringRequestSerializer
    filter_form = RequestFilterForm
    filter_function = staticmethod(queries.filter_requests)
    perms = {"create": "mentoring.add_request"}

    def get_queryset(self):
        return queries.requests_for_list(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if not organizations_acted_for(self.request.user).filter(pk=data["organization"].pk).exists():
            raise PermissionDenied("Подать запрос можно только от своей организации или организации своей территории.")
        serializer.instance = services.create_request(by=self.request.user, **data)


class MentorOfferViewSet(FormFilteredMixin, ReadOnly):
    serializer_class = MentorOfferSerializer
    filter_form = OfferFilterForm
    filter_function = staticmethod(queries.filter_offers)

    def get_queryset(self):
        return queries.offers_for_list(self.request.user)


class MentoringPairViewSet(FormFilteredMixin, ReadOnly):
    serializer_class = MentoringPairSerializer
    filter_form = PairFilterForm
    filter_function = staticmethod(queries.filter_pairs)

    def get_queryset(self):
        return queries.pairs_for_list(self.request.user)
