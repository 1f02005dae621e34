from django import forms

from innoinfra.core.forms import BootstrapMixin

from .models import CRITERIA

SCORES = [(n, str(n)) for n in range(1, 6)]


class RatingForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CRITERIA:
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=[("", "—"), *SCORES],
                coerce=int,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    @property
    def criteria_fields(self):
        return [self[name] for name, _ in CRITERIA]


class CommentTextForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label="Комментарий", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class AbuseForm(forms.Form):
    reason = forms.CharField(label="Причина", max_length=500, required=False)
