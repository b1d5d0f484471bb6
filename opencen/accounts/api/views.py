from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from opencen.accounts.permissions import user_permissions


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    unit = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
    permissions = serializers.ListField(child=serializers.CharField())


class MeView(APIView):
    """The signed-in user: unit, roles and what they may do."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        data = {
            "username": user.username,
            "full_name": user.get_full_name(),
            "unit": user.unit.code if user.unit_id else None,
            "roles": sorted(user.roles),
            "permissions": sorted(str(p) for p in user_permissions(user)),
        }
        return Response(MeSerializer(data).data)
