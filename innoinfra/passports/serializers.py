from rest_framework import serializers

from innoinfra.core.versioning import VersionField

from .models import SitePassport
from .sections import SECTIONS
from .services import FIRST_YEAR, LAST_YEAR


class YearTasksSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=FIRST_YEAR, max_value=LAST_YEAR, help_text="Первый год учебного года: 2023 — 2023/2024 учебный год."
    )
    text = serializers.CharField(allow_blank=True, help_text="Задачи деятельности на этот учебный год.")


class SitePassportSerializer(serializers.ModelSerializer):
    """The passport of a site in the sections of the regional passport. `contacts` is null for readers who are neither
    staff nor the passport's editors; a site whose passport nobody wrote yet reads as the registry's data
    (`saved: false`)."""

    site_name = serializers.CharField(source="site.__str__", read_only=True)
    year_tasks = YearTasksSerializer(many=True, required=False, help_text="Задачи деятельности по учебным годам.")
    saved = serializers.BooleanField(source="is_saved", read_only=True)
    updated_by_name = serializers.SerializerMethodField()
    version = VersionField()

    class Meta:
        model = SitePassport
        fields = [
            "site",
            "site_name",
            *[s.code for s in SECTIONS],
            "year_tasks",
            "saved",
            "version",
            "updated_at",
            "updated_by_name",
        ]
        read_only_fields = ["site", "updated_at"]
        extra_kwargs = {"contacts": {"allow_null": True}}

    def get_updated_by_name(self, passport) -> str:
        user = passport.updated_by
        return (user.full_name or str(user)) if user else ""

    def to_representation(self, passport):
        data = super().to_representation(passport)
        request = self.context.get("request")
        if request is None or not request.user.has_perm("passports.view_private", passport.site):
            data["contacts"] = None
        return data
