"""The territory filter of the monitoring pages, as a form field: a select of the user's own municipalities, written
out for a district or a region and asked as the user types beyond that (core.forms.LongSelect)."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.forms import BootstrapMixin
from innoinfra.reference.models import Municipality


class TerritoryForm(BootstrapMixin, forms.Form):
    municipality = forms.ModelChoiceField(
        Municipality.objects.none(), label="Территория", required=False, empty_label="Все мои территории"
    )

    def __init__(self, *args, user, chosen: Municipality | None = None, **kwargs):
        kwargs.setdefault("auto_id", "monitoring-%s")
        super().__init__(*args, initial={"municipality": chosen.pk if chosen else None}, **kwargs)
        field = self.fields["municipality"]
        municipalities = Municipality.objects.order_by("region__name", "name").only("name")
        field.queryset = municipalities.filter(scope_of(user).managed("id"))
        field.label_from_instance = lambda municipality: municipality.name
        # the registry's autocomplete, narrowed to the user's own as this field is
        field.widget.options_url = f"{reverse('registry:municipality_options')}?mine=1"
