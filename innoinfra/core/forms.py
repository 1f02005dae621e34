from django import forms

from .files import display_name
from .models import InstallationSettings


class BootstrapMixin:
    """Gives every widget its Bootstrap class and marks invalid fields, so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.ClearableFileInput:
                field.widget = StoredFileInput(attrs=field.widget.attrs)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        # Marking invalid widgets here, not in __init__, keeps a bound form from being validated before
        # subclasses narrow their choices.
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "").replace(" is-invalid", "")
                widget.attrs["class"] = f"{css} is-invalid"


class StoredFileInput(forms.ClearableFileInput):
    """A file already stored is shown by the name it was uploaded under and without a link: stored files have no
    address of their own (see core.files); they are downloaded from the record's page."""

    template_name = "core/widgets/stored_file_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            kept = getattr(getattr(value, "instance", None), "download_name", "")
            context["widget"]["shown_name"] = kept if isinstance(kept, str) and kept else display_name(value)
        return context


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class InstallationSettingsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = InstallationSettings
        fields = ["name", "one_status_per_organization", "comments_premoderated", "order_template", "about"]

    def clean_order_template(self):
        """The letterhead must open as a Word document: drafts of orders are built on it."""
        from django.core.files.uploadedfile import UploadedFile
        from docx import Document

        from .uploads import check_upload

        file = self.cleaned_data.get("order_template")
        if not isinstance(file, UploadedFile):  # kept as it was, or cleared
            return file
        check_upload(file, allowed=(".docx",))
        try:
            Document(file)
        except Exception as error:  # python-docx raises several kinds for a broken or foreign file
            raise forms.ValidationError("Файл не открывается как документ Word (.docx).") from error
        finally:
            file.seek(0)
        return file
