"""Modeling API: thin viewsets that check the team, call one service or selector, and serialize.

Who may do what is one rule (``holarchy.accounts.permissions``): reads are
scoped to the caller's teams (others get 404); a write needs a write role in
the object's team and in the team of every object the request points it to
(others get 403), and a part never moves to another model. A draft edit checks the part it changes
(see ``services``) inside its transaction: an invalid part is a 400 listing
``{"errors": [{"path", "message"}]}`` and nothing is written.
"""

from django.db.models import OuterRef, Subquery
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from holarchy.accounts.permissions import TeamScopedMixin, visible
from holarchy.reviews.selectors import review_status

from . import documents, selectors, serializers, services
from .filtersets import (
    ComponentFilterSet,
    HolarchyFilterSet,
    HolonFilterSet,
    LinkFilterSet,
    ModelVersionFilterSet,
    SystemModelFilterSet,
    WorkspaceFilterSet,
)
from .models import Component, Holarchy, Holon, Link, ModelVersion, Placement, SystemModel, Workspace
from .renderers import YAMLRenderer
from .selectors import count_of


class WorkspaceViewSet(TeamScopedMixin, viewsets.ModelViewSet):
    queryset = Workspace.objects.annotate(models_count=count_of(SystemModel, "workspace")).order_by("name", "id")
    serializer_class = serializers.WorkspaceSerializer
    filterset_class = WorkspaceFilterSet

    def perform_create(self, serializer):
        serializer.instance = self.get_queryset().get(pk=serializer.save().pk)  # with its annotations

    def perform_destroy(self, instance):
        services.delete_with_versions(owner=instance)


class SystemModelViewSet(
    TeamScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Models. Create one blank (``POST``) or by importing a document (``import``); edit its draft; freeze versions.

    Every write to the draft moves its ``revision`` on (``GET revision/`` reads it cheaply, for polling);
    ``replace`` with ``If-Match: <revision>`` refuses with 409 a draft changed since that revision.
    """

    queryset = SystemModel.objects.annotate(
        components_count=count_of(Component, "model"),
        links_count=count_of(Link, "model"),
        holarchies_count=count_of(Holarchy, "model"),
        latest_version=Subquery(
            ModelVersion.objects.filter(model=OuterRef("pk")).order_by("-number").values("number")[:1]
        ),
        review_status=review_status("model"),
    ).order_by("name", "id")
    serializer_class = serializers.SystemModelSerializer
    filterset_class = SystemModelFilterSet

    def get_queryset(self):
        if self.action in ("revision", "check_expression"):  # cheap: no counts
            return visible(SystemModel.objects.all(), self.request.user)
        return super().get_queryset()

    def perform_update(self, serializer):
        model = services.update_model(model=serializer.instance, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=model.pk)  # with its annotations

    @extend_schema(request=serializers.ModelCreateSerializer, responses={201: serializers.SystemModelSerializer})
    def create(self, request):
        """A blank model: an empty draft (add holarchies, components and links to it) and no version yet."""
        params = serializers.ModelCreateSerializer(data=request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        model = services.create_blank_model(**params.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=model.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=serializers.RevisionSerializer)
    @action(detail=True, methods=["get"])
    def revision(self, request, pk=None):
        """The draft's revision, cheap to poll: it changes with every write (the ETag is the same number)."""
        model = self.get_object()
        body = serializers.RevisionSerializer({"revision": model.revision, "updated_at": model.updated_at}).data
        return Response(body, headers={"ETag": f'"{model.revision}"'})

    @extend_schema(
        methods=["get"], responses=serializers.DraftReportSerializer,
        description="Every problem of the draft at once: errors, and pending references as warnings.",
    )
    @extend_schema(
        methods=["post"], request=serializers.DocumentSerializer, responses=serializers.DraftReportSerializer,
        description="Every problem of the given document as a draft, without storing it (the YAML editor's check).",
    )
    @action(detail=True, methods=["get", "post"])
    def check(self, request, pk=None):
        """The whole-model check of the draft (or of a document), all issues at once with their paths."""
        model = self.get_object()
        if request.method == "GET":
            return Response({"revision": model.revision, **documents.draft_report(selectors.draft_document(model))})
        params = serializers.DocumentSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            document = documents.parse(params.validated_data["document"])
        except documents.InvalidModel as exc:
            return Response({"revision": None, "valid": False, "errors": exc.issues, "warnings": []})
        return Response({"revision": None, **documents.draft_report(document)})

    @extend_schema(request=serializers.ExpressionCheckSerializer, responses=serializers.ExpressionReportSerializer)
    @action(detail=True, methods=["post"], url_path="check-expression")
    def check_expression(self, request, pk=None):
        """Whether an expression is valid where it would go, and where it is not: checking as one types."""
        model = self.get_object()
        params = serializers.ExpressionCheckSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        given = params.validated_data
        variables = given.get("variables")
        if variables is None and given["context"] == "handler":
            behavior = model.sections.get("behaviors", {}).get(given.get("behavior", ""))
            if behavior is None:
                return Response({"behavior": ["name a behavior of the draft, or give its variables"]}, status=400)
            variables = list(behavior.get("variables", {}))
        return Response(documents.check_expression(given["expression"], given["context"], variables or ()))

    def perform_destroy(self, instance):
        services.delete_with_versions(owner=instance)

    @extend_schema(request=serializers.ModelImportSerializer, responses={201: serializers.SystemModelSerializer})
    @action(detail=False, methods=["post"], url_path="import")
    def import_document(self, request):
        """Create a model from a ``holarchy/v1`` document (YAML/JSON text or object): its draft and version 1."""
        params = serializers.ModelImportSerializer(data=request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        workspace = params.validated_data.pop("workspace")
        model = services.import_model_document(workspace=workspace, user=request.user, **params.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=model.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.ModelCopySerializer, responses={201: serializers.SystemModelSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def copy(self, request, pk=None):
        """Copy a model you can see (an example of the read-only gallery, say) into a workspace you write in: a
        new model with its own draft and version 1, independent of the original."""
        original = self.get_object()  # reading it is enough; the target workspace's field checks the write
        params = serializers.ModelCopySerializer(data=request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        model = services.copy_model(model=original, user=request.user, **params.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=model.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.DocumentSerializer, responses=serializers.SystemModelSerializer)
    @action(detail=True, methods=["post"])
    def replace(self, request, pk=None):
        """Replace the whole draft by a document (versions are kept)."""
        model = self.get_object()
        params = serializers.DocumentSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        expected = _revision_in(request.headers.get("If-Match"))
        services.replace_draft(model=model, document=params.validated_data["document"], expected_revision=expected)
        return Response(self.get_serializer(self.get_queryset().get(pk=model.pk)).data)

    @extend_schema(
        parameters=[OpenApiParameter("format", enum=["json", "yaml"], description="document syntax (default json)")],
        responses={(200, "application/json"): dict, (200, "application/yaml"): str},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, YAMLRenderer, BrowsableAPIRenderer])
    def export(self, request, pk=None, format=None):  # noqa: A002 - DRF passes the format suffix by this name
        """The draft as a canonical ``holarchy/v1`` document."""
        return Response(documents.draft_export(selectors.draft_document(self.get_object())))

    @extend_schema(
        request=serializers.VersionSaveSerializer,
        responses={200: serializers.ModelVersionDetailSerializer, 201: serializers.ModelVersionDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        """Freeze the draft as the next version (200 with the latest version when nothing changed)."""
        model = self.get_object()
        params = serializers.VersionSaveSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        version, created = services.save_version(model=model, user=request.user, **params.validated_data)
        body = serializers.ModelVersionDetailSerializer(version).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _revision_in(if_match: str | None) -> int | None:
    """The revision an ``If-Match`` header names (``"12"``, ``12`` or ``W/"12"``); none: no condition."""
    if if_match is None or if_match.strip() == "*":
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    if not value.isdigit() or len(value) > 18:
        raise ValidationError({"If-Match": ["give the draft's revision, as its ETag spells it"]})
    return int(value)


class ModelVersionViewSet(TeamScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Frozen versions: what runs refer to. Immutable."""

    queryset = ModelVersion.objects.select_related("created_by").annotate(
        review_status=review_status("version")
    ).order_by("model_id", "-number")
    filterset_class = ModelVersionFilterSet

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.ModelVersionSerializer
        return serializers.ModelVersionDetailSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.defer("document") if self.action == "list" else queryset

    @extend_schema(
        parameters=[serializers.VersionDiffQuerySerializer],
        responses=serializers.VersionDiffSerializer,
    )
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        """What changed from version ``against`` to this one: added, removed and changed items per section."""
        version = self.get_object()
        params = serializers.VersionDiffQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        against = self.get_queryset().filter(pk=params.validated_data["against"]).first()
        if against is None or against.model_id != version.model_id:
            return Response(
                {"against": ["give the id of another version of the same model"]}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(
            {
                "from": against.number,
                "to": version.number,
                "changes": documents.diff_documents(against.document, version.document),
            }
        )


class DraftPartViewSet(TeamScopedMixin, viewsets.ModelViewSet):
    """Components, links, holarchies: every write goes through a service that checks the part it changes."""

    create_service: staticmethod
    editable: tuple[str, ...]

    def _fresh(self, part):
        return self.get_queryset().get(pk=part.pk)

    def perform_create(self, serializer):
        serializer.instance = self._fresh(self.create_service(**serializer.validated_data))

    def perform_update(self, serializer):
        fields = {k: v for k, v in serializer.validated_data.items() if k in self.editable}
        serializer.instance = self._fresh(services.update_part(part=serializer.instance, **fields))

    def perform_destroy(self, instance):
        services.delete_part(part=instance)


class ComponentViewSet(DraftPartViewSet):
    """The leaves that run. Create one with ``holons``: where it sits in each holarchy."""

    queryset = Component.objects.prefetch_related("placements").order_by("model_id", "position", "id")
    serializer_class = serializers.ComponentSerializer
    filterset_class = ComponentFilterSet
    create_service = staticmethod(services.create_component)
    editable = ("key", "behavior", "params", "state")


class LinkViewSet(DraftPartViewSet):
    """Directed channels with their delivery semantics."""

    queryset = Link.objects.select_related("source", "target").order_by("model_id", "position", "id")
    serializer_class = serializers.LinkSerializer
    filterset_class = LinkFilterSet
    create_service = staticmethod(services.create_link)
    editable = ("source", "target", "bidirectional", "loss", "duplication", "reorder", "delay")


class HolarchyViewSet(DraftPartViewSet):
    """The trees over a model's components. A new one starts as a root holding every component."""

    queryset = Holarchy.objects.annotate(
        root_id=Subquery(Holon.objects.filter(holarchy=OuterRef("pk"), parent=None).values("pk")[:1])
    ).order_by("model_id", "position", "id")
    serializer_class = serializers.HolarchySerializer
    filterset_class = HolarchyFilterSet
    create_service = staticmethod(services.create_holarchy)
    editable = ("name", "levels")


class HolonViewSet(TeamScopedMixin, viewsets.ModelViewSet):
    """Holons: add under a parent, rename, move (with the subtree), remove (children move up), zoom."""

    queryset = Holon.objects.annotate(
        children_count=count_of(Holon, "parent"), components_count=count_of(Placement, "holon")
    ).order_by("holarchy_id", "path")
    filterset_class = HolonFilterSet

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return serializers.HolonRenameSerializer
        return serializers.HolonSerializer

    def _answer(self, holon: Holon, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=holon.pk)
        return Response(serializers.HolonSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = serializers.HolonSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        parent = serializer.validated_data.pop("parent")
        return self._answer(services.create_holon(parent=parent, **serializer.validated_data), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        holon = self.get_object()
        serializer = self.get_serializer(holon, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        return self._answer(services.update_part(part=holon, **serializer.validated_data))

    def perform_destroy(self, instance):
        services.delete_holon(holon=instance)

    @extend_schema(request=serializers.HolonMoveSerializer, responses=serializers.HolonSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Re-parent this holon; its children and components come along."""
        holon = self.get_object()
        params = serializers.HolonMoveSerializer(data=request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        return self._answer(services.move_holon(holon=holon, parent=params.validated_data["parent"]))

    @extend_schema(request=serializers.PlaceComponentSerializer, responses=serializers.HolonSerializer)
    @action(detail=True, methods=["post"])
    def place(self, request, pk=None):
        """Put a component in this holon (it leaves its previous holon of the same holarchy)."""
        holon = self.get_object()
        params = serializers.PlaceComponentSerializer(data=request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        services.place_component(holon=holon, component=params.validated_data["component"])
        return self._answer(holon)

    @extend_schema(responses=serializers.WhiteBoxSerializer)
    @action(detail=True, methods=["get"], url_path="white-box")
    def white_box(self, request, pk=None):
        """Zoom in: the children, the components placed here, and the links among them (grouped)."""
        return Response(selectors.white_box(self.get_object()))

    @extend_schema(responses=serializers.BlackBoxSerializer)
    @action(detail=True, methods=["get"], url_path="black-box")
    def black_box(self, request, pk=None):
        """Zoom out: the links crossing the boundary, grouped by the holon on the other side, and the SLOs."""
        return Response(selectors.black_box(self.get_object()))


class BehaviorViewSet(viewsets.ViewSet):
    """The parameter catalog of the engine's built-in behaviors, and of a model's declarative ones."""

    @extend_schema(
        parameters=[serializers.BehaviorQuerySerializer], responses=serializers.BehaviorSerializer(many=True)
    )
    def list(self, request):
        query = serializers.BehaviorQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        declared = {}
        if "model" in query.validated_data:
            model = visible(SystemModel.objects.all(), request.user).filter(pk=query.validated_data["model"]).first()
            if model is None:
                raise ValidationError({"model": ["no model of yours has this id"]})
            declared = model.sections.get("behaviors", {})
        return Response(documents.behavior_catalog(declared))
