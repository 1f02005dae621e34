from rest_framework import serializers

from .models import Practice, PracticeVersion


class PracticeSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    licence_label = serializers.CharField(source="get_licence_display", read_only=True)
    organization_name = serializers.CharField(source="organization.short_name", read_only=True)
    levels = serializers.ListField(source="level_codes", read_only=True)
    directions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    # the number of the edition in force (annotated by the view) and the expert conclusion attached to it; the
    # model's own `version` is the edit counter of core.versioning, which this read-only resource does not show
    version = serializers.IntegerField(source="edition_number", read_only=True, default=None)

    class Meta:
        model = Practice
        fields = [
            "id",
            "registry_number",
            "title",
            "kind",
            "kind_label",
            "authors",
            "organization",
            "organization_name",
            "site",
            "cycle_stage",
            "municipality",
            "levels",
            "directions",
            "subjects",
            "keywords",
            "annotation",
            "description",
            "results",
            "conditions",
            "licence",
            "licence_label",
            "published_at",
            "views",
            "rating",
            "ratings_count",
            "url",
            "version",
            "expert_score",
            "expert_max",
            "expert_recommendation",
        ]


class PracticeVersionSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = PracticeVersion
        fields = ["number", "published_at", "expert_score", "expert_max", "url"]


class PracticeDetailSerializer(PracticeSerializer):
    """One practice: with the anonymised expert conclusion and every published edition."""

    versions = PracticeVersionSerializer(many=True, read_only=True)

    class Meta(PracticeSerializer.Meta):
        fields = [*PracticeSerializer.Meta.fields, "expert_conclusion", "versions"]
