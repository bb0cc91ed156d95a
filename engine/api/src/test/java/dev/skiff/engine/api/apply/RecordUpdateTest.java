package dev.skiff.engine.api.apply;

import static dev.skiff.engine.api.apply.Json.entryOf;
import static dev.skiff.engine.api.apply.Json.fieldsOf;
import static dev.skiff.engine.api.apply.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordUpdateTest {

    private static final Instant T1 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-23T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-23T12:00:00Z");

    private final ManagedFields managedFields = new ManagedFields();

    private static ObjectNode configMap(String data) {
        return obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','namespace':'default','uid':'u-1',"
                + "'resourceVersion':'1','creationTimestamp':'2026-11-23T10:00:00Z'},'data':" + data + "}");
    }

    private static ObjectNode changed(ObjectNode object, String field, String value) {
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.get("data")).put(field, value);
        return copy;
    }

    @Test
    void createGivesTheCreatorEveryFieldButThoseTheServerSets() {
        ObjectNode created = configMap("{'a':'1'}");

        managedFields.recordUpdate(null, created, "kubectl-create", "v1", T1);

        JsonNode entry = created.path("metadata").path("managedFields").get(0);
        assertThat(Json.write(entry)).isEqualTo("{\"manager\":\"kubectl-create\",\"operation\":\"Update\","
                + "\"apiVersion\":\"v1\",\"time\":\"2026-11-23T10:00:00Z\",\"fieldsType\":\"FieldsV1\","
                + "\"fieldsV1\":{\"f:data\":{\".\":{},\"f:a\":{}}}}");
    }

    @Test
    void updateMovesChangedFieldsAndDropsManagersLeftWithNothing() {
        ObjectNode v1 = configMap("{'a':'1'}");
        managedFields.recordUpdate(null, v1, "creator", "v1", T1);
        ObjectNode v2 = changed(v1, "b", "2");
        managedFields.recordUpdate(v1, v2, "editor", "v1", T2);

        assertThat(Json.write(fieldsOf(v2, "editor", "Update"))).isEqualTo("{\"f:data\":{\"f:b\":{}}}");
        assertThat(Json.write(fieldsOf(v2, "creator", "Update"))).isEqualTo("{\"f:data\":{\".\":{},\"f:a\":{}}}");

        ObjectNode v3 = v2.deepCopy();
        ((ObjectNode) v3.get("data")).put("a", "changed");
        ((ObjectNode) v3.get("data")).remove("b");
        managedFields.recordUpdate(v2, v3, "creator", "v1", T3);

        // The creator took back "a"; the editor's only field is gone, and so is the editor.
        assertThat(entryOf(v3, "editor", "Update")).isNull();
        assertThat(entryOf(v3, "creator", "Update").get("time").asText()).isEqualTo("2026-11-23T12:00:00Z");
    }

    @Test
    void entriesAreSortedByOperationThenTimeThenManager() {
        ObjectNode v1 = configMap("{'a':'1'}");
        managedFields.recordUpdate(null, v1, "zeta", "v1", T1);
        ObjectNode v2 = changed(v1, "b", "2");
        managedFields.recordUpdate(v1, v2, "alpha", "v1", T2);
        ObjectNode v3 = managedFields.apply(v2, obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'c':'3'}}"),
                "applier", false, "v1", T3);

        assertThat(v3.path("metadata").path("managedFields")).extracting(e -> e.get("manager").asText())
                .containsExactly("applier", "zeta", "alpha");
    }

    @Test
    void noChangeLeavesManagedFieldsAsTheyWere() {
        ObjectNode v1 = configMap("{'a':'1'}");
        managedFields.recordUpdate(null, v1, "creator", "v1", T1);
        ObjectNode v2 = v1.deepCopy();
        ((ObjectNode) v2.get("metadata")).put("resourceVersion", "2");

        managedFields.recordUpdate(v1, v2, "someone-else", "v1", T2);

        assertThat(v2.path("metadata").path("managedFields")).isEqualTo(v1.path("metadata").path("managedFields"));
    }

    @Test
    void statusWritesAreRecordedForTheStatusSubresourceOnly() {
        ObjectNode deployment = obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','uid':'u-1','labels':{'app':'web'}},
                 'spec':{'replicas':1},'status':{}}""");
        managedFields.recordUpdate(null, deployment, "kubectl", "apps/v1", T1);
        ObjectNode withStatus = deployment.deepCopy();
        withStatus.set("status", obj("{'replicas':1,'conditions':[{'type':'Available','status':'True'}]}"));

        managedFields.recordUpdate(deployment, withStatus, "kube-controller-manager", "apps/v1", T2, "status");

        JsonNode entry = entryOf(withStatus, "kube-controller-manager", "Update");
        assertThat(entry.get("subresource").asText()).isEqualTo("status");
        assertThat(Json.write(entry.get("fieldsV1"))).isEqualTo("{\"f:status\":{\"f:conditions\":{\".\":{},"
                + "\"k:{\\\"type\\\":\\\"Available\\\"}\":{\".\":{},\"f:status\":{},\"f:type\":{}}},\"f:replicas\":{}}}");
        // A status write cannot change the spec, and a spec write does not record status.
        assertThat(fieldsOf(deployment, "kubectl", "Update").has("f:status")).isFalse();
    }

    @Test
    void managedFieldsSentByTheClientAreTheStartingPoint() {
        ObjectNode v1 = configMap("{'a':'1'}");
        managedFields.recordUpdate(null, v1, "kubectl-client-side-apply", "v1", T1);
        // kubectl's migration to server-side apply renames the client-side manager with a JSON patch.
        ObjectNode v2 = v1.deepCopy();
        ObjectNode entry = (ObjectNode) v2.path("metadata").path("managedFields").get(0);
        entry.put("manager", "kubectl");
        entry.put("operation", "Apply");

        managedFields.recordUpdate(v1, v2, "kubectl", "v1", T2);

        assertThat(entryOf(v2, "kubectl", "Apply")).isNotNull();
        assertThat(entryOf(v2, "kubectl-client-side-apply", "Update")).isNull();
    }

    @Test
    void aListWithOneEmptyEntryClearsManagedFields() {
        ObjectNode v1 = configMap("{'a':'1'}");
        managedFields.recordUpdate(null, v1, "creator", "v1", T1);
        ObjectNode v2 = v1.deepCopy();
        ((ObjectNode) v2.get("metadata")).putArray("managedFields").addObject();

        managedFields.recordUpdate(v1, v2, "kubectl-patch", "v1", T2);

        assertThat(v2.path("metadata").has("managedFields")).isFalse();
    }

    @Test
    void subresourceWritesIgnoreManagedFieldsInTheRequest() {
        ObjectNode v1 = configMap("{'a':'1'}");
        managedFields.recordUpdate(null, v1, "creator", "v1", T1);
        ObjectNode v2 = changed(v1, "a", "2");
        ((ObjectNode) v2.get("metadata")).putArray("managedFields").addObject();

        managedFields.recordUpdate(v1, v2, "scaler", "v1", T2, "scale");

        assertThat(entryOf(v2, "creator", "Update")).isNotNull();
        assertThat(entryOf(v2, "scaler", "Update").get("subresource").asText()).isEqualTo("scale");
    }

    @Test
    void atMostTenUpdateManagersAreKept() {
        ObjectNode current = configMap("{}");
        managedFields.recordUpdate(null, current, "creator", "v1", T1);
        for (int i = 0; i < 12; i++) {
            ObjectNode next = changed(current, "k" + i, "v");
            managedFields.recordUpdate(current, next, "writer-" + i, "v1", T1.plusSeconds(60L * (i + 1)));
            current = next;
        }

        JsonNode entries = current.path("metadata").path("managedFields");
        assertThat(entries).hasSize(10);
        JsonNode ancient = entryOf(current, "ancient-changes", "Update");
        assertThat(ancient.get("fieldsV1").get("f:data").has("f:k0")).isTrue();
        assertThat(ancient.get("fieldsV1").get("f:data").has("f:k1")).isTrue();
    }

    @Test
    void existingObjectWithoutManagedFieldsStaysUntrackedUntilItsFirstApply() {
        ObjectNode v1 = configMap("{'a':'1'}");
        ObjectNode v2 = changed(v1, "b", "2");

        managedFields.recordUpdate(v1, v2, "editor", "v1", T2);

        assertThat(v2.path("metadata").has("managedFields")).isFalse();
    }
}
