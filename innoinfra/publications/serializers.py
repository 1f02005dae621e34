from rest_framework import serializers

from innoinfra.core.drf import DownloadLinkField
from innoinfra.practices.models import Practice
from innoinfra.reference.models import Organization
from innoinfra.registry.models import Site

from .models import Publication


class PublicationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    organization_name = serializers.CharField(source="organization.short_name", read_only=True)
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.all(), required=False, allow_null=True)
    practice = serializers.PrimaryKeyRelatedField(queryset=Practice.objects.all(), required=False, allow_null=True)
    file = DownloadLinkField("publications:file")
    version = serializers.IntegerField(required=False, min_value=1)

    class Meta:
        model = Publication
        fields = [
            "id",
            "kind",
            "kind_label",
            "level",
            "level_label",
            "title",
            "outlet",
            "published_on",
            "authors",
            "summary",
            "url",
            "file",
            "organization",
            "organization_name",
            "municipality",
            "site",
            "practice",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["municipality", "created_at", "updated_at"]
