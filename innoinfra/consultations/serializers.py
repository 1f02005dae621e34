from rest_framework import serializers

from innoinfra.accounts.models import User
from innoinfra.reference.models import Organization
from innoinfra.registry.models import Site

from .models import Consultation, ConsultationSlot


class ConsultationSerializer(serializers.ModelSerializer):
    form_label = serializers.CharField(source="get_form_display", read_only=True)
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    organization_name = serializers.CharField(source="organization.short_name", read_only=True)
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.all(), required=False, allow_null=True)
    adviser = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    adviser_label = serializers.CharField(read_only=True)
    version = serializers.IntegerField(required=False, min_value=1)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "held_on",
            "form",
            "form_label",
            "adviser",
            "adviser_name",
            "adviser_label",
            "organization",
            "organization_name",
            "municipality",
            "site",
            "advised",
            "participants",
            "topic",
            "duration_minutes",
            "result",
            "version",
        ]
        read_only_fields = ["municipality"]


class ConsultationSlotSerializer(serializers.ModelSerializer):
    form_label = serializers.CharField(source="get_form_display", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    adviser_name = serializers.SerializerMethodField()

    class Meta:
        model = ConsultationSlot
        fields = [
            "id",
            "starts_at",
            "duration_minutes",
            "form",
            "form_label",
            "place",
            "topics",
            "adviser",
            "adviser_name",
            "municipality",
            "state",
            "state_label",
        ]

    def get_adviser_name(self, slot) -> str:
        return slot.adviser.get_full_name() or slot.adviser.username
