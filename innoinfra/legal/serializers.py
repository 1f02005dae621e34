from rest_framework import serializers

from innoinfra.core.drf import DownloadLinkField

from .models import LegalDocument


class LegalDocumentSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    doc_type_label = serializers.CharField(source="get_doc_type_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    reference = serializers.CharField(read_only=True)
    related = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    file = DownloadLinkField("legal:document_file")

    class Meta:
        model = LegalDocument
        fields = [
            "id",
            "level",
            "level_label",
            "doc_type",
            "doc_type_label",
            "issuer",
            "number",
            "date",
            "title",
            "reference",
            "summary",
            "status",
            "status_label",
            "replaced_by",
            "related",
            "url",
            "file",
            "keywords",
            "municipality",
        ]
