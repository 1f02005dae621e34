from django import forms
from django.utils import timezone

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.forms import BootstrapMixin
from innoinfra.reference.models import Municipality

from .models import Collection


class CollectionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["title", "subtitle", "year", "municipality", "preface"]
        widgets = {"preface": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"preface": "Абзацы разделяйте переводом строки."}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["municipality"]
        else:
            managed = scope_of(user).managed_municipalities
            municipalities = Municipality.objects.order_by("name")
            if managed is not None:
                municipalities = municipalities.filter(pk__in=managed)
            self.fields["municipality"].queryset = municipalities
            self.fields["municipality"].label = "Территория"
            if municipalities.count() == 1:
                self.initial["municipality"] = municipalities.first().pk
            self.initial.setdefault("year", timezone.localdate().year)
