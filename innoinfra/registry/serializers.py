from rest_framework import serializers

from innoinfra.core.versioning import VersionField
from innoinfra.reference.models import Direction, Municipality, Organization, Region

from .enums import SiteState
from .models import Order, Site, SiteKind, Subsystem


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "code"]


class MunicipalitySerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Municipality
        fields = ["id", "name", "short_name", "region", "region_name"]


class SubsystemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subsystem
        fields = ["id", "code", "name", "function"]


class DirectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Direction
        fields = ["id", "name"]


class SiteKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = SiteKind
        fields = ["id", "name", "abbreviation", "subsystem", "level", "is_network", "description", "color", "is_active"]


class OrganizationSerializer(serializers.ModelSerializer):
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    version = VersionField()

    class Meta:
        model = Organization
        fields = [
            "id",
            "version",
            "full_name",
            "short_name",
            "type",
            "inn",
            "municipality",
            "municipality_name",
            "address",
            "latitude",
            "longitude",
            "head_name",
            "head_position",
            "phone",
            "email",
            "website",
            "is_active",
        ]


class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["id", "number", "date", "title", "issuer", "issuer_name", "municipality", "text"]


class SiteSerializer(serializers.ModelSerializer):
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    level = serializers.CharField(source="kind.level", read_only=True)
    organization_name = serializers.CharField(source="lead_organization.short_name", read_only=True)
    municipality = serializers.IntegerField(source="lead_organization.municipality_id", read_only=True)
    # What the registry page shows today (computed from the dates): «expired» before the daily job records it,
    # «upcoming» for an order whose period has not begun; `stored_state` is the column as the job last left it.
    state = serializers.CharField(source="effective_state", read_only=True)
    stored_state = serializers.CharField(source="state", read_only=True)
    state_label = serializers.CharField(read_only=True)
    participants = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organization.objects.all(), required=False, write_only=True
    )
    directions = serializers.PrimaryKeyRelatedField(many=True, queryset=Direction.objects.all(), required=False)
    version = VersionField()

    class Meta:
        model = Site
        fields = [
            "id",
            "version",
            "kind",
            "kind_name",
            "level",
            "theme",
            "lead_organization",
            "organization_name",
            "municipality",
            "participants",
            "directions",
            "cycle_stage",
            "description",
            "start_date",
            "end_date",
            "order",
            "supervisor",
            "curator_name",
            "state",
            "stored_state",
            "state_label",
        ]


class SiteStateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=SiteState.choices)
    date = serializers.DateField(required=False)
    order = serializers.PrimaryKeyRelatedField(queryset=Order.objects.all(), required=False, allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
