from rest_framework import serializers

from .models import Practice


class PracticeSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    licence_label = serializers.CharField(source="get_licence_display", read_only=True)
    organization_name = serializers.CharField(source="organization.short_name", read_only=True)
    levels = serializers.ListField(source="level_codes", read_only=True)
    directions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

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
            "url",
        ]
