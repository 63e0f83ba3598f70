"""Serializers for the modeling API, grouped by topic: models and versions, structure, zoom."""

from rest_framework import serializers

from holarchy import limits
from holarchy.accounts.models import Team
from holarchy.accounts.permissions import MAX_ID, FixedFieldsMixin, TeamRelatedField

from .models import MAX_DEPTH, Component, Holarchy, Holon, Link, ModelVersion, SystemModel, Workspace


class DocumentField(serializers.JSONField):
    """A model document: YAML or JSON text, or an already parsed object, within the input limits."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = str(data)  # a form field's JSONString is a str subclass the C YAML parser refuses
            limits.check_document_text(data)
        elif isinstance(data, dict):
            limits.check_structure(data)
        else:
            raise serializers.ValidationError("a model document is YAML or JSON text, or an object")
        return data


# Models, versions, documents


class WorkspaceSerializer(FixedFieldsMixin, serializers.ModelSerializer):
    team = TeamRelatedField(queryset=Team.objects.all())
    models_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Workspace
        fields = ["id", "team", "name", "models_count", "created_at"]
        fixed_fields = ["team"]


class SystemModelSerializer(serializers.ModelSerializer):
    components_count = serializers.IntegerField(read_only=True)
    links_count = serializers.IntegerField(read_only=True)
    holarchies_count = serializers.IntegerField(read_only=True)
    latest_version = serializers.IntegerField(read_only=True)
    review_status = serializers.CharField(read_only=True, allow_null=True, default=None,
                                          help_text="of the model's newest review not closed (reviews app)")

    class Meta:
        model = SystemModel
        fields = [
            "id",
            "workspace",
            "name",
            "description",
            "sections",
            "components_count",
            "links_count",
            "holarchies_count",
            "latest_version",
            "review_status",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["workspace", "revision"]


class ModelCreateSerializer(serializers.Serializer):
    workspace = TeamRelatedField(queryset=Workspace.objects.all())
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20000, default="")


class RevisionSerializer(serializers.Serializer):
    revision = serializers.IntegerField(help_text="moves on with every write to the draft")
    updated_at = serializers.DateTimeField()


class IssueSerializer(serializers.Serializer):
    path = serializers.CharField(help_text="where in the document, e.g. components/3/params/peers")
    message = serializers.CharField()


class DraftReportSerializer(serializers.Serializer):
    revision = serializers.IntegerField(allow_null=True, help_text="the draft's revision (null for a given document)")
    valid = serializers.BooleanField(help_text="a version could be saved from it as it is")
    errors = IssueSerializer(many=True, help_text="no draft may hold these")
    warnings = IssueSerializer(many=True, help_text="pending references: errors when saving a version")


class ExpressionCheckSerializer(serializers.Serializer):
    expression = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=10_000)
    context = serializers.ChoiceField(
        choices=["property", "handler"], default="property",
        help_text="property: names a safety or liveness property may read; handler: a behavior's guards and actions",
    )
    behavior = serializers.CharField(required=False, max_length=100, help_text="handler: the draft's behavior")
    variables = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=1000,
        help_text="handler: its variables (instead of a behavior of the draft, e.g. while it is edited)",
    )


class ExpressionErrorSerializer(serializers.Serializer):
    message = serializers.CharField()
    line = serializers.IntegerField(allow_null=True)
    column = serializers.IntegerField(allow_null=True)


class ExpressionReportSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    error = ExpressionErrorSerializer(allow_null=True)


class ModelImportSerializer(serializers.Serializer):
    workspace = TeamRelatedField(queryset=Workspace.objects.all())
    document = DocumentField()
    name = serializers.CharField(required=False, max_length=200)
    message = serializers.CharField(required=False, max_length=500, default="imported")


class ModelCopySerializer(serializers.Serializer):
    workspace = TeamRelatedField(queryset=Workspace.objects.all(), help_text="a workspace you write in")
    name = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                 help_text="the copy's name; default the original's, with (copy) when taken")


class DocumentSerializer(serializers.Serializer):
    document = DocumentField()


class VersionSaveSerializer(serializers.Serializer):
    message = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class VersionDiffQuerySerializer(serializers.Serializer):
    against = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="the id of the older version")


class ModelVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    review_status = serializers.CharField(read_only=True, allow_null=True, default=None,
                                          help_text="of the version's newest review not closed (reviews app)")

    class Meta:
        model = ModelVersion
        fields = ["id", "model", "number", "content_hash", "message", "created_by", "created_at", "review_status"]


class ModelVersionDetailSerializer(ModelVersionSerializer):
    class Meta(ModelVersionSerializer.Meta):
        fields = [*ModelVersionSerializer.Meta.fields, "document"]


# Structure: components, links, holarchies, holons


class PlacementSerializer(serializers.Serializer):
    holarchy = serializers.IntegerField(source="holarchy_id")
    holon = serializers.IntegerField(source="holon_id")


class ComponentSerializer(FixedFieldsMixin, serializers.ModelSerializer):
    model = TeamRelatedField(queryset=SystemModel.objects.all())
    placements = PlacementSerializer(many=True, read_only=True)
    holons = TeamRelatedField(
        queryset=Holon.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="on create: the holon to place the component in, one per holarchy",
    )

    class Meta:
        model = Component
        fields = ["id", "model", "key", "behavior", "params", "state", "placements", "holons"]
        fixed_fields = ["model"]
        validators = []  # uniqueness is checked by the service, as a field error on "key"

    def validate(self, attrs):
        model = attrs.get("model") or self.instance.model
        if any(holon.holarchy.model_id != model.pk for holon in attrs.get("holons", [])):
            raise serializers.ValidationError({"holons": "every holon must belong to the component's model"})
        return attrs


class LinkSerializer(FixedFieldsMixin, serializers.ModelSerializer):
    model = TeamRelatedField(queryset=SystemModel.objects.all())
    source = TeamRelatedField(queryset=Component.objects.all())
    target = TeamRelatedField(queryset=Component.objects.all())
    source_key = serializers.CharField(source="source.key", read_only=True)
    target_key = serializers.CharField(source="target.key", read_only=True)
    loss = serializers.FloatField(min_value=0, max_value=1, required=False)
    duplication = serializers.FloatField(min_value=0, max_value=1, required=False)

    class Meta:
        model = Link
        fields = [
            "id",
            "model",
            "source",
            "target",
            "source_key",
            "target_key",
            "bidirectional",
            "loss",
            "duplication",
            "reorder",
            "delay",
        ]
        fixed_fields = ["model"]

    def validate(self, attrs):
        model = attrs.get("model") or self.instance.model
        for end in ("source", "target"):
            if end in attrs and attrs[end].model_id != model.pk:
                raise serializers.ValidationError({end: "the component belongs to another model"})
        return attrs


class HolarchySerializer(FixedFieldsMixin, serializers.ModelSerializer):
    model = TeamRelatedField(queryset=SystemModel.objects.all())
    levels = serializers.ListField(child=serializers.CharField(max_length=60), required=False, max_length=MAX_DEPTH + 1)
    root = serializers.SerializerMethodField()
    root_key = serializers.SlugField(write_only=True, help_text="on create: the id of the root holon")
    root_name = serializers.CharField(write_only=True, required=False, default="", allow_blank=True)

    class Meta:
        model = Holarchy
        fields = ["id", "model", "name", "levels", "root", "root_key", "root_name"]
        fixed_fields = ["model"]
        validators = []  # uniqueness is checked by the service, as a field error on "name"

    def get_root(self, holarchy: Holarchy) -> int | None:
        return getattr(holarchy, "root_id", None)

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["root_key"].required = False
        return fields


class HolonSerializer(serializers.ModelSerializer):
    parent = TeamRelatedField(queryset=Holon.objects.all(), allow_null=True, help_text="null for the root")
    children_count = serializers.IntegerField(read_only=True)
    components_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Holon
        fields = ["id", "holarchy", "parent", "key", "name", "depth", "position", "children_count", "components_count"]
        read_only_fields = ["holarchy", "depth", "position"]

    def validate_parent(self, parent: Holon | None) -> Holon:
        if parent is None:
            raise serializers.ValidationError("a new holon goes under a parent (a holarchy has one root)")
        return parent


class HolonRenameSerializer(serializers.ModelSerializer):
    class Meta:
        model = Holon
        fields = ["key", "name"]


class HolonMoveSerializer(serializers.Serializer):
    parent = TeamRelatedField(queryset=Holon.objects.all())


class PlaceComponentSerializer(serializers.Serializer):
    component = TeamRelatedField(queryset=Component.objects.all())


# Zoom and diff answers. The selectors build these dicts; the serializers document their shape in the schema.


class HolonBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField()
    depth = serializers.IntegerField()


class DeliverySerializer(serializers.Serializer):
    loss = serializers.FloatField()
    duplication = serializers.FloatField()
    reorder = serializers.BooleanField()
    delay = serializers.JSONField(allow_null=True)
    links = serializers.IntegerField(help_text="links with exactly these settings")


class LinkGroupSerializer(serializers.Serializer):
    links = serializers.IntegerField()
    delivery = DeliverySerializer(many=True)


class PartSerializer(serializers.Serializer):
    holon = serializers.IntegerField(required=False, help_text="a child holon")
    component = serializers.CharField(required=False, help_text="a component placed directly in the holon")


class WhiteBoxChildSerializer(HolonBriefSerializer):
    holons = serializers.IntegerField(help_text="its own children")
    components = serializers.IntegerField(help_text="components placed directly in it")


class WhiteBoxLinkSerializer(LinkGroupSerializer):
    source = PartSerializer()
    target = PartSerializer()
    bidirectional = serializers.BooleanField()

    def get_fields(self):
        # "from" is a Python keyword, so the fields are declared as source/target and renamed here.
        fields = super().get_fields()
        fields["from"], fields["to"] = fields.pop("source"), fields.pop("target")
        return fields


class ComponentBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    behavior = serializers.CharField()


class WhiteBoxSerializer(serializers.Serializer):
    holon = HolonBriefSerializer()
    children = WhiteBoxChildSerializer(many=True)
    components = ComponentBriefSerializer(many=True)
    links = WhiteBoxLinkSerializer(many=True)


class InterfaceSerializer(LinkGroupSerializer):
    holon = HolonBriefSerializer(help_text="the outermost holon on the other side of the boundary")
    direction = serializers.ChoiceField(choices=["in", "out", "both"])


class BlackBoxSerializer(serializers.Serializer):
    holon = HolonBriefSerializer()
    links = serializers.IntegerField(help_text="links crossing the boundary")
    interface = InterfaceSerializer(many=True)
    slos = serializers.ListField(child=serializers.DictField(), help_text="the model's SLOs on this holon")


class ChangeSerializer(serializers.Serializer):
    id = serializers.CharField()
    changes = serializers.DictField(child=serializers.DictField(), help_text='{"field": {"from": ..., "to": ...}}')


class SectionDiffSerializer(serializers.Serializer):
    added = serializers.ListField(child=serializers.CharField())
    removed = serializers.ListField(child=serializers.CharField())
    changed = ChangeSerializer(many=True)


class VersionDiffSerializer(serializers.Serializer):
    source = serializers.IntegerField(help_text="the older version's number")
    to = serializers.IntegerField()
    changes = serializers.DictField(child=SectionDiffSerializer(), help_text="per section of the document")

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("source")
        return fields


class BehaviorParamSerializer(serializers.Serializer):
    """One entry of a behavior's parameter catalog (``simulations.engine.behaviors.catalog``)."""

    name = serializers.CharField()
    type = serializers.ChoiceField(choices=["component", "components", "number", "integer", "boolean", "string", "any"])
    required = serializers.BooleanField()
    default = serializers.JSONField(allow_null=True, help_text="the value when the parameter is left out")
    description = serializers.CharField(allow_blank=True)
    references = serializers.BooleanField(help_text="its value names other components (peers, backups)")


class BehaviorSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    declarative = serializers.BooleanField(
        help_text="defined by the model (its parameters are read from its expressions)"
    )
    params = BehaviorParamSerializer(many=True)


class BehaviorQuerySerializer(serializers.Serializer):
    model = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="add this model's declarative behaviors"
    )
