"""Investigation API serializers: thin. Write serializers build service input; every rule
lives in the services and the workflow. Users are named by their numeric id."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework import serializers

from opencen.investigations.choices import CaseKind, CaseTransition, JournalKind, Priority
from opencen.investigations.services import InvestigationInput
from opencen.reference.choices import HandlingCode

User = get_user_model()


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.username


# --- write -------------------------------------------------------------------------------------


class UserIdField(serializers.PrimaryKeyRelatedField):
    """An active user by numeric id (who may be assigned is the service's rule)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=User.objects.filter(is_active=True), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int) or not 0 < data < 2**62:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class InvestigationWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=CaseKind.choices, default=CaseKind.INVESTIGATION)
    summary = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices, default=HandlingCode.H2)

    def to_input(self) -> InvestigationInput:
        data = self.validated_data
        return InvestigationInput(
            title=data["title"],
            kind=data["kind"],
            summary=data.get("summary") or "",
            priority=data["priority"],
            due_on=data.get("due_on"),
            handling_code=data["handling_code"],
        )


class InvestigationCreateSerializer(InvestigationWriteSerializer):
    supervisor = UserIdField(required=False, allow_null=True, default=None)
    officers = serializers.ListField(
        child=UserIdField(), required=False, default=list, max_length=100
    )
    persons = serializers.ListField(
        child=serializers.UUIDField(), required=False, default=list, max_length=500
    )
    companies = serializers.ListField(
        child=serializers.UUIDField(), required=False, default=list, max_length=500
    )
    seizures = serializers.ListField(
        child=serializers.UUIDField(), required=False, default=list, max_length=500
    )


class InvestigationUpdateSerializer(InvestigationWriteSerializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class AssignSerializer(serializers.Serializer):
    supervisor = UserIdField()
    officers = serializers.ListField(child=UserIdField(), max_length=100)
    version = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, allow_null=True, default=None
    )


class InvestigationTransitionSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=CaseTransition.choices)
    comment = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required to suspend or reopen.",
    )


class JournalEntryCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=JournalKind.choices)
    text = serializers.CharField(max_length=20000)


class LinkSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("person", "person"), ("company", "company"), ("seizure", "seizure")]
    )
    id = serializers.UUIDField()


# --- read ----------------------------------------------------------------------------------


class JournalEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    created_by = UserRefSerializer(allow_null=True)


class InvestigationSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    priority = serializers.CharField()
    unit = serializers.CharField(source="unit.code")
    due_on = serializers.DateField(allow_null=True)
    supervisor = UserRefSerializer(allow_null=True)
    officers = UserRefSerializer(many=True)
    handling_code = serializers.CharField()
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class InvestigationDetailSerializer(InvestigationSummarySerializer):
    summary = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)
    persons = serializers.ListField(child=serializers.UUIDField())
    companies = serializers.ListField(child=serializers.UUIDField())
    seizures = serializers.ListField(child=serializers.UUIDField())
    transitions = serializers.ListField(
        child=serializers.CharField(), help_text="The status changes you may apply now."
    )
    journal = JournalEntrySerializer(many=True)


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(required=False)


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


class ConflictDetailSerializer(ErrorDetailSerializer):
    current_version = serializers.IntegerField()


class ConflictSerializer(serializers.Serializer):
    error = ConflictDetailSerializer()
