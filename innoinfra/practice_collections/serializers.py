from django.urls import reverse
from rest_framework import serializers

from .models import BuildState, Collection, CollectionEntry


class EntrySerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="practice_id", read_only=True)
    registry_number = serializers.CharField(source="practice.registry_number", read_only=True)
    title = serializers.CharField(source="practice.title", read_only=True)
    organization_name = serializers.CharField(source="practice.organization.short_name", read_only=True)
    url = serializers.CharField(source="practice.get_absolute_url", read_only=True)

    class Meta:
        model = CollectionEntry
        fields = ["position", "id", "registry_number", "title", "organization_name", "url"]


class CollectionSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    practices = EntrySerializer(source="entries", many=True, read_only=True)
    files = serializers.SerializerMethodField(help_text="Готовые книги: формат и адрес для скачивания.")

    class Meta:
        model = Collection
        fields = [
            "id",
            "title",
            "subtitle",
            "year",
            "preface",
            "municipality",
            "municipality_name",
            "state",
            "state_label",
            "url",
            "practices",
            "files",
        ]

    def get_files(self, collection) -> list[dict]:
        # builds come prefetched newest first: the latest finished one of each format
        latest = {}
        for build in collection.builds.all():
            if build.state == BuildState.DONE and build.format not in latest:
                latest[build.format] = build
        return [
            {"format": fmt, "url": reverse("practice_collections:build_download", args=[build.pk])}
            for fmt, build in sorted(latest.items())
        ]
