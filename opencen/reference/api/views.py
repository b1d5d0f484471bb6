from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from opencen.reference.selectors import code_list_entries, code_list_summaries


class CodeListSummarySerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    url = serializers.CharField()


class CodeListEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(source="localized_label")
    active = serializers.BooleanField()


class CodeListIndexView(APIView):
    """The code lists this installation holds."""

    @extend_schema(responses=CodeListSummarySerializer(many=True))
    def get(self, request):
        data = [
            {**summary, "url": request.build_absolute_uri(f"{summary['name']}/")}
            for summary in code_list_summaries()
        ]
        return Response(CodeListSummarySerializer(data, many=True).data)


class CodeListView(generics.ListAPIView):
    """One code list: code, label and whether the entry is active."""

    serializer_class = CodeListEntrySerializer

    def get_queryset(self):
        try:
            return code_list_entries(name=self.kwargs["name"])
        except KeyError:
            raise Http404 from None
