from __future__ import annotations

from django import forms
from django.db.models import Q

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.forms import BootstrapMixin
from innoinfra.core.uploads import DOCUMENTS, UploadField
from innoinfra.reference.models import Municipality, Organization
from innoinfra.registry.models import Site

from .enums import Digest, PostKind
from .models import Community
from .services import MATERIAL_TYPES


def municipalities_for_creator(user):
    """Staff: the territories they run; a head of an organization: the organization's territory."""
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Municipality.objects.order_by("name")
    organizations = Organization.objects.filter(pk__in=scope.organizations).values("municipality")
    return Municipality.objects.filter(scope.managed("pk") | Q(pk__in=organizations)).order_by("name")


class CommunityForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Community
        fields = ["title", "description", "direction", "site", "municipality", "is_open", "is_archived"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "site": forms.Select(attrs={"data-enhance": ""}),
        }
        help_texts = {"site": "Если сообщество объединяет педагогов вокруг инновационной площадки."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = municipalities_for_creator(user)
        if self.instance.pk:
            municipalities = municipalities | Municipality.objects.filter(pk=self.instance.municipality_id)
        else:
            del self.fields["is_archived"]
        self.fields["municipality"].queryset = municipalities.distinct()
        if len(self.fields["municipality"].queryset) == 1 and not self.instance.pk:
            self.fields["municipality"].initial = self.fields["municipality"].queryset[0].pk
        self.fields["site"].queryset = Site.objects.select_related("lead_organization").order_by("theme")
        self.fields["site"].label_from_instance = lambda site: f"{site.lead_organization}: {site.theme}"[:150]


class PostForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид записи", choices=PostKind.choices, initial=PostKind.DISCUSSION)
    title = forms.CharField(label="Заголовок", max_length=300)
    body = forms.CharField(
        label="Текст", widget=forms.Textarea(attrs={"rows": 8}), help_text="Простой текст; пустая строка — новый абзац."
    )
    material_title = forms.CharField(label="Название материала", max_length=300, required=False)
    material_file = UploadField(
        purpose=DOCUMENTS,
        label="Файл материала",
        required=False,
        help_text=f"Необязательно. Допустимые типы: {', '.join(MATERIAL_TYPES)}.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(MATERIAL_TYPES)}),
    )
    material_url = forms.URLField(label="или ссылка на материал", required=False, assume_scheme="https")

    def __init__(self, *args, may_publish_news: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish_news:
            self.fields["kind"].choices = [(PostKind.DISCUSSION, PostKind.DISCUSSION.label)]
            self.fields["kind"].widget = forms.HiddenInput()


class ReplyForm(BootstrapMixin, forms.Form):
    body = forms.CharField(label="Ваш ответ", widget=forms.Textarea(attrs={"rows": 4}))


class DigestForm(BootstrapMixin, forms.Form):
    digest = forms.ChoiceField(label="Сводка новых записей на e-mail", choices=Digest.choices)
