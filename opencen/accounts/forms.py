"""Forms of the administration pages. They check input; services apply the rules and save."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from opencen.accounts.choices import Role, UnitKind
from opencen.accounts.models import Unit, User
from opencen.accounts.selectors import unit_choices, username_taken
from opencen.core.forms import BootstrapFormMixin

#: The installation's password rules, as a list, in the language of the request.
_password_help = lazy(password_validation.password_validators_help_text_html, str)()


class UnitChoiceField(forms.ModelChoiceField):
    """A unit list that shows the tree: each unit indented under its parent."""

    def label_from_instance(self, obj: Unit) -> str:
        # Non-breaking spaces survive inside <option> and read well in both directions.
        return "\u00a0\u00a0\u00a0" * obj.depth + str(obj)


class UserFilterForm(BootstrapFormMixin, forms.Form):
    """The filter bar above the users list."""

    ACTIVE_CHOICES = [("", _("Any status")), ("yes", _("Active")), ("no", _("Deactivated"))]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Name, username or email")}),
    )
    unit = UnitChoiceField(
        label=_("Unit (and its sub-units)"),
        queryset=Unit.objects.order_by("path"),
        required=False,
        empty_label=_("Any unit"),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("Any role")), *Role.choices], required=False
    )
    active = forms.ChoiceField(label=_("Status"), choices=ACTIVE_CHOICES, required=False)

    def filters(self) -> dict:
        """The cleaned values in the shape ``user_list`` takes (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "unit": data["unit"],
            "role": data["role"] or None,
            "active": {"yes": True, "no": False}.get(data["active"]),
        }


class UserForm(BootstrapFormMixin, forms.Form):
    """Identity, unit, roles and status of a user (create and edit)."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("Used to sign in. Letters, digits and @ . + - _ only."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        empty_label=_("Choose a unit"),
        error_messages={"required": _("Choose the unit this user belongs to.")},
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What the user may do. A user without a role can sign in but sees nothing."),
    )
    is_active = forms.BooleanField(
        label=_("Active (may sign in)"),
        required=False,
        initial=True,
        help_text=_("Unticking signs the user out everywhere and deletes their API token."),
    )

    def __init__(self, *args, current_unit: Unit | None = None, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = unit_choices(include=current_unit)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        )

    def clean_username(self) -> str:
        # Checked here too (the service checks again) so that every error shows at once.
        username = self.cleaned_data["username"].strip()
        if username_taken(username=username, exclude=self.user):
            raise forms.ValidationError(
                _("The username %(username)s is already taken.") % {"username": username}
            )
        return username

    @staticmethod
    def initial_for(user: User) -> dict:
        return {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "unit": user.unit_id,
            "roles": sorted(user.roles),
            "is_active": user.is_active,
        }


class UserCreateForm(UserForm):
    """A new user, with the password they will first sign in with."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_password_help,
    )
    password_confirm = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = ["username", "first_name", "last_name", "email", "unit", "roles", "password"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new account is active; deactivation is a separate, confirmed action.
        del self.fields["is_active"]

    def clean(self):
        cleaned = super().clean()
        password, confirm = cleaned.get("password"), cleaned.get("password_confirm")
        if password and confirm and password != confirm:
            self.add_error("password_confirm", _("The two passwords differ."))
        return cleaned


class SetPasswordForm(BootstrapFormMixin, forms.Form):
    """A new password chosen by an administrator for someone else."""

    password = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_password_help,
    )
    password_confirm = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        password, confirm = cleaned.get("password"), cleaned.get("password_confirm")
        if password and confirm and password != confirm:
            self.add_error("password_confirm", _("The two passwords differ."))
        return cleaned


class UnitForm(BootstrapFormMixin, forms.Form):
    """Code, name, kind and place in the tree of a unit."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("Short and stable, for example HQ or PORT-01. It appears in references."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    parent = UnitChoiceField(
        label=_("Parent unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("None (top-level unit)"),
        help_text=_("Moving a unit moves every unit below it."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = unit_choices(include=unit.parent if unit else None)
        if unit is None:
            del self.fields["is_active"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if "/" in code:
            raise forms.ValidationError(_("A unit code cannot contain a slash (/)."))
        return code

    @staticmethod
    def initial_for(unit: Unit) -> dict:
        return {
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "parent": unit.parent_id,
            "is_active": unit.is_active,
        }


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    """A user changing their own password (Django's form, styled like the others)."""
