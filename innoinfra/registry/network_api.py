"""Members and agreements of complexes and networks in the API: read by anyone who sees the site (sites are
public; the signed file only through its download view, which asks who reads), written through the same services
by the site's keepers (`registry.change_site_network`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from innoinfra.core.drf import DownloadLinkField, IdempotentCreateMixin, ReadOnly
from innoinfra.core.forms import IdField
from innoinfra.core.uploads import UploadSerializerField
from innoinfra.reference.models import Organization

from . import networks
from .enums import AgreementState
from .models import Agreement, ComplexMember, Site


class ComplexMemberSerializer(serializers.ModelSerializer):
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.select_related("kind", "lead_organization"))
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = ComplexMember
        fields = ["id", "site", "kind", "kind_label", *networks.MEMBER_FIELDS[1:], "role_label"]


class AgreementSerializer(serializers.ModelSerializer):
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.select_related("kind", "lead_organization"))
    organizations = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(), many=True, required=False)
    state = serializers.ChoiceField(choices=AgreementState.choices, read_only=True)
    state_label = serializers.CharField(read_only=True)
    file = UploadSerializerField(purpose=networks.AGREEMENT_FILES, write_only=True, required=False, allow_null=True)
    file_url = DownloadLinkField("registry:agreement_file")

    class Meta:
        model = Agreement
        fields = [
            "id", "site", "number", "date", "subject", "organizations", "external_parties", "start_date", "end_date",
            "state", "state_label", "file", "file_url",
        ]  # fmt: skip


def _site_filter(queryset, params):
    site = params.get("site")
    if site is None:
        return queryset
    try:
        return queryset.filter(site_id=IdField().clean(site))
    except Exception as error:
        raise serializers.ValidationError({"site": ["Укажите номер площадки."]}) from error


SITE_PARAMETER = OpenApiParameter("site", int, description="Только этой площадки")


class _NetworkViewSet(
    IdempotentCreateMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ReadOnly
):
    """Shared by members and agreements: every write asks `registry.change_site_network` on the site (also the site
    moved to, so nobody moves a record out of their reach), then calls the service."""

    perms = {
        "create": "registry.add_network_record",
        "update": "registry.change_site_network",
        "partial_update": "registry.change_site_network",
        "destroy": "registry.change_site_network",
    }

    def perm_object(self, obj):
        return obj.site

    def filter_queryset(self, queryset):
        return _site_filter(queryset, self.request.query_params)

    def _require_keeper(self, site):
        if not self.request.user.has_perm("registry.change_site_network", site):
            raise PermissionDenied(
                "Изменять состав и соглашения могут куратор площадки, методисты её территории и "
                "руководитель ведущей организации."
            )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        site = data.pop("site")
        self._require_keeper(site)
        serializer.instance = self.add_service(site=site, by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        site = data.pop("site", None)
        if site is not None and site.pk != serializer.instance.site_id:
            raise serializers.ValidationError({"site": ["Запись нельзя перенести на другую площадку."]})
        serializer.instance = self.update_service(serializer.instance, by=self.request.user, **data)

    def perform_destroy(self, instance):
        self.remove_service(instance, by=self.request.user)


@extend_schema_view(list=extend_schema(parameters=[SITE_PARAMETER]))
class ComplexMemberViewSet(_NetworkViewSet):
    serializer_class = ComplexMemberSerializer
    queryset = ComplexMember.objects.select_related("site__lead_organization", "organization").order_by(
        "site", "kind", "name", "id"
    )
    add_service = staticmethod(networks.add_member)
    update_service = staticmethod(networks.update_member)
    remove_service = staticmethod(networks.remove_member)


@extend_schema_view(list=extend_schema(parameters=[SITE_PARAMETER]))
class AgreementViewSet(_NetworkViewSet):
    serializer_class = AgreementSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    queryset = networks.agreements_with_parties().order_by("site", "-date", "-id")
    add_service = staticmethod(networks.add_agreement)
    update_service = staticmethod(networks.update_agreement)
    remove_service = staticmethod(networks.remove_agreement)
