package dev.skiff.engine.api.apply;

import static dev.skiff.engine.api.apply.Json.entryOf;
import static dev.skiff.engine.api.apply.Json.fieldsOf;
import static dev.skiff.engine.api.apply.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSideApplyTest {

    private static final Instant T1 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-23T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-23T12:00:00Z");

    private final ManagedFields managedFields = new ManagedFields();

    private static ObjectNode deployment(int replicas, String containers) {
        return obj("""
                {'apiVersion':'apps/v1','kind':'Deployment',
                 'metadata':{'name':'web','namespace':'default','labels':{'app':'web'}},
                 'spec':{'replicas':%d,'selector':{'matchLabels':{'app':'web'}},
                   'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':%s}}}}"""
                .formatted(replicas, containers));
    }

    private static final String WEB = "[{'name':'web','image':'nginx:1.27','ports':[{'containerPort':80}],"
            + "'env':[{'name':'MODE','value':'prod'},{'name':'LOG','value':'info'}]}]";

    /** What the store does: assign identity and version. */
    private static ObjectNode stored(ObjectNode object, int resourceVersion) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = (ObjectNode) copy.get("metadata");
        metadata.put("uid", "u-1");
        metadata.put("resourceVersion", String.valueOf(resourceVersion));
        return copy;
    }

    private static JsonNode containers(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers");
    }

    @Test
    void applyingTheSameConfigurationTwiceChangesNothing() {
        ObjectNode first = stored(managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1), 1);

        ObjectNode second = managedFields.apply(first, deployment(2, WEB), "kubectl", false, "apps/v1", T2);

        assertThat(second).isEqualTo(first);
        assertThat(entryOf(second, "kubectl", "Apply").get("time").asText()).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void applyCreatesTheObjectFromTheConfiguration() {
        ObjectNode created = managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1);

        ObjectNode withoutManagedFields = created.deepCopy();
        ((ObjectNode) withoutManagedFields.get("metadata")).remove("managedFields");
        assertThat(withoutManagedFields).isEqualTo(deployment(2, WEB));
    }

    @Test
    void removingAFieldFromTheConfigurationRemovesItFromTheObject() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1), 1);
        String withoutLogAndPorts = "[{'name':'web','image':'nginx:1.27','env':[{'name':'MODE','value':'prod'}]}]";
        ObjectNode config = deployment(2, withoutLogAndPorts);
        ((ObjectNode) config.get("metadata")).remove("labels");

        ObjectNode result = managedFields.apply(live, config, "kubectl", false, "apps/v1", T2);

        JsonNode web = containers(result).get(0);
        assertThat(web.get("env")).isEqualTo(Json.node("[{'name':'MODE','value':'prod'}]"));
        assertThat(web.has("ports")).isFalse();
        assertThat(result.path("metadata").has("labels")).isFalse();
        assertThat(fieldsOf(result, "kubectl", "Apply").path("f:metadata").isMissingNode()).isTrue();
        assertThat(entryOf(result, "kubectl", "Apply").get("time").asText()).isEqualTo("2026-11-23T11:00:00Z");
    }

    @Test
    void fieldsAnotherManagerOwnsAreNotRemovedWhenTheApplierDropsThem() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1), 1);
        // A second applier sets the same replicas: the two share the field.
        ObjectNode replicasOnly = obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':2}}");
        live = stored(managedFields.apply(live, replicasOnly, "handover-to-hpa", false, "apps/v1", T2), 2);
        ObjectNode withoutReplicas = deployment(2, WEB);
        ((ObjectNode) withoutReplicas.get("spec")).remove("replicas");

        ObjectNode result = managedFields.apply(live, withoutReplicas, "kubectl", false, "apps/v1", T3);

        assertThat(result.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(fieldsOf(result, "kubectl", "Apply").path("f:spec").has("f:replicas")).isFalse();
        assertThat(fieldsOf(result, "handover-to-hpa", "Apply").path("f:spec").has("f:replicas")).isTrue();
    }

    @Test
    void twoManagersOwningDifferentContainersKeepEachOthersContainers() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1), 1);
        ObjectNode sidecar = obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},
                 'spec':{'template':{'spec':{'containers':[{'name':'proxy','image':'envoy:1.31'}]}}}}""");

        live = stored(managedFields.apply(live, sidecar, "injector", false, "apps/v1", T2), 2);
        assertThat(containers(live)).extracting(c -> c.get("name").asText()).containsExactly("web", "proxy");

        ObjectNode newImage = deployment(2, WEB.replace("nginx:1.27", "nginx:1.28"));
        ObjectNode afterKubectl = stored(managedFields.apply(live, newImage, "kubectl", false, "apps/v1", T3), 3);
        assertThat(containers(afterKubectl)).extracting(c -> c.get("name").asText()).containsExactly("web", "proxy");
        assertThat(containers(afterKubectl).get(0).get("image").asText()).isEqualTo("nginx:1.28");

        ObjectNode newSidecar = sidecar.deepCopy();
        ((ObjectNode) containers(newSidecar).get(0)).put("image", "envoy:1.32");
        ObjectNode afterInjector = managedFields.apply(afterKubectl, newSidecar, "injector", false, "apps/v1", T3);
        assertThat(containers(afterInjector)).extracting(c -> c.get("image").asText())
                .containsExactly("nginx:1.28", "envoy:1.32");
        assertThat(fieldsOf(afterInjector, "injector", "Apply").toString()).contains("proxy").doesNotContain("\\\"web\\\"");
        assertThat(fieldsOf(afterInjector, "kubectl", "Apply").toString()).contains("web").doesNotContain("proxy");
    }

    @Test
    void conflictWithClientSideApplyOwnerNamesManagerVersionAndField() {
        ObjectNode live = stored(deployment(2, WEB), 1);
        managedFields.recordUpdate(null, live, "kubectl-client-side-apply", "apps/v1", T1);

        ApplyConflictException conflict = catchThrowableOfType(ApplyConflictException.class,
                () -> managedFields.apply(live, deployment(3, WEB), "kubectl", false, "apps/v1", T2));

        assertThat(conflict).hasMessage(
                "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
        assertThat(conflict.conflicts()).containsExactly(new ApplyConflict(
                "kubectl-client-side-apply", ".spec.replicas", "conflict with \"kubectl-client-side-apply\" using apps/v1"));
    }

    @Test
    void forcedApplyTakesTheConflictingFieldAndNothingElse() {
        ObjectNode live = stored(deployment(2, WEB), 1);
        managedFields.recordUpdate(null, live, "kubectl-client-side-apply", "apps/v1", T1);

        ObjectNode result = managedFields.apply(live, deployment(3, WEB), "kubectl", true, "apps/v1", T2);

        assertThat(result.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(fieldsOf(result, "kubectl", "Apply").path("f:spec").has("f:replicas")).isTrue();
        JsonNode clientSide = fieldsOf(result, "kubectl-client-side-apply", "Update");
        assertThat(clientSide.path("f:spec").has("f:replicas")).isFalse();
        // Fields applied with the same value are shared, not taken.
        assertThat(clientSide.path("f:spec").has("f:template")).isTrue();
        assertThat(entryOf(result, "kubectl-client-side-apply", "Update").get("time").asText())
                .isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void conflictsWithSeveralFieldsAndManagersAreListedPerManager() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "alice", false, "apps/v1", T1), 1);
        ObjectNode scaled = live.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 5);
        managedFields.recordUpdate(live, scaled, "kube-controller-manager", "apps/v1", T2, "scale");

        ObjectNode config = deployment(7, WEB.replace("nginx:1.27", "nginx:1.28"));
        ApplyConflictException conflict = catchThrowableOfType(ApplyConflictException.class,
                () -> managedFields.apply(scaled, config, "bob", false, "apps/v1", T3));

        assertThat(conflict).hasMessage("""
                Apply failed with 2 conflicts: conflicts with "alice":
                - .spec.template.spec.containers[name="web"].image
                conflicts with "kube-controller-manager" with subresource "scale" using apps/v1:
                - .spec.replicas""");
        assertThat(conflict.conflicts()).extracting(ApplyConflict::field)
                .containsExactly(".spec.template.spec.containers[name=\"web\"].image", ".spec.replicas");
    }

    @Test
    void updateAfterApplyTakesOnlyTheChangedFields() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1), 1);
        ObjectNode edited = live.deepCopy();
        ((ObjectNode) containers(edited).get(0)).put("image", "nginx:1.28");

        managedFields.recordUpdate(live, edited, "kubectl-edit", "apps/v1", T2);

        assertThat(Json.write(fieldsOf(edited, "kubectl-edit", "Update"))).isEqualTo(
                "{\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"web\\\"}\":{\"f:image\":{}}}}}}}");
        JsonNode applier = fieldsOf(edited, "kubectl", "Apply");
        JsonNode web = applier.path("f:spec").path("f:template").path("f:spec").path("f:containers").path("k:{\"name\":\"web\"}");
        assertThat(web.has("f:image")).isFalse();
        assertThat(web.has("f:name")).isTrue();
        assertThat(applier.path("f:spec").has("f:replicas")).isTrue();
        // Apply entries sort before Update entries.
        assertThat(edited.path("metadata").path("managedFields")).extracting(e -> e.get("manager").asText())
                .containsExactly("kubectl", "kubectl-edit");
    }

    @Test
    void applierThatTakesBackAFieldConflictsWithTheUpdater() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1), 1);
        ObjectNode edited = live.deepCopy();
        ((ObjectNode) containers(edited).get(0)).put("image", "nginx:1.28");
        managedFields.recordUpdate(live, edited, "kubectl-edit", "apps/v1", T2);

        assertThatThrownBy(() -> managedFields.apply(edited, deployment(2, WEB), "kubectl", false, "apps/v1", T3))
                .isInstanceOf(ApplyConflictException.class)
                .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: "
                        + ".spec.template.spec.containers[name=\"web\"].image");
    }

    @Test
    void anotherApplierIsNamedWithoutVersion() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "alice", false, "apps/v1", T1), 1);

        assertThatThrownBy(() -> managedFields.apply(live, deployment(4, WEB), "bob", false, "apps/v1", T2))
                .hasMessage("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas");
    }

    @Test
    void containerPortWithoutProtocolMatchesTheDefaultedLivePort() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1), 1);
        // The API server defaults the protocol after the apply.
        ((ObjectNode) containers(live).get(0).get("ports").get(0)).put("protocol", "TCP");

        ObjectNode result = managedFields.apply(live, deployment(2, WEB), "kubectl", false, "apps/v1", T2);

        assertThat(containers(result).get(0).get("ports"))
                .isEqualTo(Json.node("[{'containerPort':80,'protocol':'TCP'}]"));
    }

    @Test
    void statusInTheConfigurationIsIgnoredForKindsWithAStatusSubresource() {
        ObjectNode config = deployment(2, WEB);
        config.set("status", obj("{'replicas':9}"));

        ObjectNode created = managedFields.apply(null, config, "kubectl", false, "apps/v1", T1);

        assertThat(created.has("status")).isFalse();
        assertThat(fieldsOf(created, "kubectl", "Apply").has("f:status")).isFalse();
    }

    @Test
    void setItemsAreMergedByValue() {
        ObjectNode live = stored(obj("""
                {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','finalizers':['a.example/one']}}"""), 1);
        managedFields.recordUpdate(null, live, "controller", "v1", T1);

        ObjectNode result = managedFields.apply(live, obj("""
                {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','finalizers':['b.example/two']}}"""),
                "kubectl", false, "v1", T2);

        assertThat(result.path("metadata").path("finalizers")).isEqualTo(Json.node("['a.example/one','b.example/two']"));
    }

    @Test
    void atomicListsAreReplacedAsAWhole() {
        ObjectNode live = stored(managedFields.apply(null, obj("""
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},
                 'spec':{'containers':[{'name':'c','image':'busybox','command':['sh','-c','sleep 1']}]}}"""),
                "kubectl", false, "v1", T1), 1);

        ObjectNode result = managedFields.apply(live, obj("""
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},
                 'spec':{'containers':[{'name':'c','image':'busybox','command':['sleep','2']}]}}"""),
                "kubectl", false, "v1", T2);

        assertThat(result.path("spec").path("containers").get(0).get("command")).isEqualTo(Json.node("['sleep','2']"));
    }

    @Test
    void configuredItemOrderIsKeptAndLiveOnlyItemsStayInPlace() {
        ObjectNode live = stored(deployment(1, "[{'name':'a','image':'x'},{'name':'b','image':'x'},{'name':'c','image':'x'}]"), 1);
        managedFields.recordUpdate(null, live, "someone", "apps/v1", T1);

        ObjectNode result = managedFields.apply(live,
                deployment(1, "[{'name':'c','image':'x'},{'name':'a','image':'x'}]"), "kubectl", false, "apps/v1", T2);

        assertThat(containers(result)).extracting(c -> c.get("name").asText()).containsExactly("b", "c", "a");
    }

    @Test
    void customResourcesMergeObjectsAndReplaceLists() {
        ObjectNode live = stored(managedFields.apply(null, obj("""
                {'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},
                 'spec':{'size':1,'tags':['a','b'],'nested':{'x':1}}}"""), "alice", false, "example.com/v1", T1), 1);

        ObjectNode result = managedFields.apply(live, obj("""
                {'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},
                 'spec':{'tags':['c'],'nested':{'y':2}}}"""), "bob", true, "example.com/v1", T2);

        assertThat(result.get("spec")).isEqualTo(Json.node("{'size':1,'tags':['c'],'nested':{'x':1,'y':2}}"));
        assertThat(Json.write(fieldsOf(result, "alice", "Apply")))
                .isEqualTo("{\"f:spec\":{\"f:nested\":{\"f:x\":{}},\"f:size\":{}}}");
    }

    @Test
    void objectWrittenBeforeTrackingIsOwnedByBeforeFirstApply() {
        ObjectNode live = stored(deployment(2, WEB), 1);

        ObjectNode result = managedFields.apply(live, deployment(2, WEB), "kubectl", false, "apps/v1", T2);

        assertThat(entryOf(result, "before-first-apply", "Update")).isNotNull();
        assertThat(entryOf(result, "kubectl", "Apply")).isNotNull();
        assertThatThrownBy(() -> managedFields.apply(live, deployment(5, WEB), "kubectl", false, "apps/v1", T2))
                .hasMessageContaining("conflict with \"before-first-apply\" using apps/v1: .spec.replicas");
    }

    @Test
    void kubectlTakesOverFieldsItsLastAppliedConfigurationStillDescribes() {
        ObjectNode live = stored(deployment(2, WEB), 1);
        ObjectNode annotations = ((ObjectNode) live.get("metadata")).putObject("annotations");
        annotations.put(LastAppliedConfiguration.ANNOTATION, Json.write(deployment(2, WEB)) + "\n");
        managedFields.recordUpdate(null, live, "kubectl-client-side-apply", "apps/v1", T1);

        ObjectNode result = managedFields.apply(live, deployment(3, WEB), "kubectl", false, "apps/v1", T2);

        assertThat(result.path("spec").path("replicas").asInt()).isEqualTo(3);
        String lastApplied = result.path("metadata").path("annotations").path(LastAppliedConfiguration.ANNOTATION).asText();
        assertThat(lastApplied).endsWith("\n").contains("\"replicas\":3");
        // Another manager name gets no such help.
        assertThatThrownBy(() -> managedFields.apply(live, deployment(3, WEB), "my-manager", false, "apps/v1", T2))
                .isInstanceOf(ApplyConflictException.class);
    }

    @Test
    void kubectlStillConflictsOnFieldsChangedSinceItsLastClientSideApply() {
        ObjectNode applied = stored(deployment(2, WEB), 1);
        ((ObjectNode) applied.get("metadata")).putObject("annotations")
                .put(LastAppliedConfiguration.ANNOTATION, Json.write(deployment(2, WEB)) + "\n");
        managedFields.recordUpdate(null, applied, "kubectl-client-side-apply", "apps/v1", T1);
        ObjectNode scaled = applied.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 4);
        managedFields.recordUpdate(applied, scaled, "kubectl", "apps/v1", T2, "scale");

        assertThatThrownBy(() -> managedFields.apply(scaled, deployment(3, WEB), "kubectl", false, "apps/v1", T3))
                .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" "
                        + "using apps/v1: .spec.replicas");
    }

    @Test
    void invalidBodiesAreRejectedWithKubernetesMessages() {
        assertThatThrownBy(() -> managedFields.apply(null, Json.node("[1]"), "kubectl", false, "v1", T1))
                .isInstanceOf(ApplyException.class).hasMessageContaining("must be a single object");
        assertThatThrownBy(() -> managedFields.apply(null, obj("{'apiVersion':'v1','metadata':{'name':'c'}}"),
                "kubectl", false, "v1", T1))
                .isInstanceOf(ApplyException.class)
                .hasMessage("Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"c\"}}'");
        assertThatThrownBy(() -> managedFields.apply(null, obj("{'kind':'ConfigMap','metadata':{'name':'c'}}"),
                "kubectl", false, "v1", T1))
                .isInstanceOf(ApplyException.class)
                .hasMessageStartingWith("Object 'apiVersion' is missing in");
        assertThatThrownBy(() -> managedFields.apply(null, deployment(1, WEB), "kubectl", false, "apps/v1beta1", T1))
                .isInstanceOf(ApplyException.class).hasMessage("invalid object type: apps/v1, Kind=Deployment");
        ObjectNode withManagedFields = deployment(1, WEB);
        ((ObjectNode) withManagedFields.get("metadata")).putArray("managedFields");
        assertThatThrownBy(() -> managedFields.apply(null, withManagedFields, "kubectl", false, "apps/v1", T1))
                .isInstanceOf(ApplyException.class).hasMessage("metadata.managedFields must be nil");
    }

    @Test
    void listMapItemWithoutItsKeyIsRejected() {
        assertThatThrownBy(() -> managedFields.apply(null, deployment(1, "[{'image':'nginx'}]"), "kubectl", false, "apps/v1", T1))
                .isInstanceOf(ApplyException.class)
                .hasMessage("failed to create typed patch object (default/web; apps/v1, Kind=Deployment): "
                        + ".spec.template.spec.containers: element 0: associative list with keys has an element that "
                        + "omits all key fields [\"name\"] (and doesn't have default values for any key fields)");
    }

    @Test
    void duplicateKeysAndWrongShapesAreAllReported() {
        String twice = "[{'name':'web','image':'a','ports':{'containerPort':80}},{'name':'web','image':'b'}]";
        assertThatThrownBy(() -> managedFields.apply(null, deployment(1, twice), "kubectl", false, "apps/v1", T1))
                .isInstanceOf(ApplyException.class)
                .hasMessage("failed to create typed patch object (default/web; apps/v1, Kind=Deployment): errors:\n"
                        + "  .spec.template.spec.containers[name=\"web\"].ports: expected list, got {\"containerPort\":80}\n"
                        + "  .spec.template.spec.containers: duplicate entries for key [name=\"web\"]");
    }

    @Test
    void emptyApplyOfAnUnknownManagerLeavesNoEntry() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1), 1);

        ObjectNode result = managedFields.apply(live, obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'}}"),
                "nobody", false, "apps/v1", T2);

        assertThat(result.path("metadata").path("managedFields")).extracting(e -> e.get("manager").asText())
                .isEqualTo(List.of("kubectl"));
    }

    @Test
    void applyToStatusOwnsStatusOnly() {
        ObjectNode live = stored(managedFields.apply(null, deployment(2, WEB), "kubectl", false, "apps/v1", T1), 1);
        ObjectNode statusConfig = obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'x':'y'}},
                 'spec':{'replicas':9},'status':{'replicas':2,'readyReplicas':2}}""");

        ObjectNode result = managedFields.apply(live, statusConfig, "controller", false, "apps/v1", T2, "status");

        assertThat(result.get("status")).isEqualTo(Json.node("{'replicas':2,'readyReplicas':2}"));
        assertThat(result.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(result.path("metadata").path("labels")).isEqualTo(Json.node("{'app':'web'}"));
        JsonNode entry = entryOf(result, "controller", "Apply");
        assertThat(entry.get("subresource").asText()).isEqualTo("status");
        assertThat(Json.write(entry.get("fieldsV1"))).isEqualTo("{\"f:status\":{\"f:readyReplicas\":{},\"f:replicas\":{}}}");
    }
}
