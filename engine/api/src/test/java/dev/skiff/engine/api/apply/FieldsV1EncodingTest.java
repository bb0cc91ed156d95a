package dev.skiff.engine.api.apply;

import static dev.skiff.engine.api.apply.Json.fieldsOf;
import static dev.skiff.engine.api.apply.Json.obj;
import static dev.skiff.engine.api.apply.Json.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FieldsV1EncodingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ManagedFields managedFields = new ManagedFields();

    private static final String DEPLOYMENT = """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','namespace':'default','labels':{'app':'web'}},
             'spec':{'replicas':2,'selector':{'matchLabels':{'app':'web'}},
               'template':{'metadata':{'labels':{'app':'web'}},
                 'spec':{'containers':[{'name':'web','image':'nginx:1.27',
                    'ports':[{'containerPort':80}],
                    'env':[{'name':'MODE','value':'prod'},{'name':'LOG','value':'info'}]}]}}}}""";

    @Test
    void applyOfDeploymentRecordsTheFieldsAsARealClusterDoes() {
        ObjectNode created = managedFields.apply(null, obj(DEPLOYMENT), "kubectl", false, "apps/v1", NOW);

        // As `kubectl apply --server-side` leaves it: leaves and list items, each item marked ".",
        // the selector atomic, a port keyed by containerPort and the defaulted protocol.
        String expected = """
                {"f:metadata":{"f:labels":{"f:app":{}}},\
                "f:spec":{"f:replicas":{},"f:selector":{},\
                "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},\
                "f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},\
                "f:env":{"k:{\\"name\\":\\"LOG\\"}":{".":{},"f:name":{},"f:value":{}},\
                "k:{\\"name\\":\\"MODE\\"}":{".":{},"f:name":{},"f:value":{}}},\
                "f:image":{},"f:name":{},\
                "f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}}}""";
        assertThat(write(fieldsOf(created, "kubectl", "Apply"))).isEqualTo(expected);
    }

    @Test
    void managedFieldsEntryHasKubernetesShape() {
        ObjectNode created = managedFields.apply(null, obj(DEPLOYMENT), "kubectl", false, "apps/v1", NOW);

        JsonNode entries = created.path("metadata").path("managedFields");
        assertThat(entries).hasSize(1);
        assertThat(Json.MAPPER.convertValue(entries.get(0), java.util.Map.class).keySet())
                .containsExactly("manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1");
        assertThat(entries.get(0).get("time").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(entries.get(0).get("fieldsType").asText()).isEqualTo("FieldsV1");
    }

    @Test
    void createByUpdateMarksOnlyObjectsThatTheEmptyObjectLacks() {
        // What `kubectl create deployment web --image=nginx --port=80` stores after defaulting.
        ObjectNode created = obj("""
                {'apiVersion':'apps/v1','kind':'Deployment',
                 'metadata':{'name':'web','namespace':'default','uid':'u-1','resourceVersion':'7','generation':1,
                   'creationTimestamp':'2026-11-23T10:00:00Z','labels':{'app':'web'}},
                 'spec':{'replicas':1,'selector':{'matchLabels':{'app':'web'}},
                   'template':{'metadata':{'labels':{'app':'web'}},
                     'spec':{'containers':[{'name':'web','image':'nginx','ports':[{'containerPort':80,'protocol':'TCP'}],
                        'resources':{},'terminationMessagePath':'/dev/termination-log',
                        'terminationMessagePolicy':'File','imagePullPolicy':'Always'}],
                       'restartPolicy':'Always','terminationGracePeriodSeconds':30,'dnsPolicy':'ClusterFirst',
                       'securityContext':{},'schedulerName':'default-scheduler'}},
                   'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}},
                   'revisionHistoryLimit':10,'progressDeadlineSeconds':600},
                 'status':{}}""");

        managedFields.recordUpdate(null, created, "kubectl-create", "apps/v1", NOW);

        String expected = """
                {"f:metadata":{"f:labels":{".":{},"f:app":{}}},\
                "f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},\
                "f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},\
                "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},\
                "f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},\
                "f:ports":{".":{},"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},\
                "f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},\
                "f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},\
                "f:terminationGracePeriodSeconds":{}}}}}""";
        assertThat(write(fieldsOf(created, "kubectl-create", "Update"))).isEqualTo(expected);
    }

    @Test
    void setItemsAndAtomicListMapItemsAreEncodedByValueAndKey() {
        ObjectNode created = obj("""
                {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','finalizers':['example.com/keep'],
                  'ownerReferences':[{'apiVersion':'apps/v1','kind':'Deployment','name':'web','uid':'u-9'}]},
                 'data':{'k':'v'}}""");

        managedFields.recordUpdate(null, created, "controller", "v1", NOW);

        assertThat(write(fieldsOf(created, "controller", "Update"))).isEqualTo("""
                {"f:data":{".":{},"f:k":{}},"f:metadata":{"f:finalizers":{".":{},"v:\\"example.com/keep\\"":{}},\
                "f:ownerReferences":{".":{},"k:{\\"uid\\":\\"u-9\\"}":{}}}}""");
    }

    @Test
    void fieldsV1RoundTripsThroughFieldSet() {
        ObjectNode created = managedFields.apply(null, obj(DEPLOYMENT), "kubectl", false, "apps/v1", NOW);
        JsonNode fieldsV1 = fieldsOf(created, "kubectl", "Apply");

        FieldSet set = FieldSet.fromFieldsV1(fieldsV1);

        assertThat(set.toFieldsV1()).isEqualTo(fieldsV1);
        assertThat(set.has(FieldPath.of("spec", "replicas"))).isTrue();
        assertThat(set.paths()).extracting(FieldPath::toString)
                .contains(".spec.template.spec.containers[name=\"web\"]",
                        ".spec.template.spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"].containerPort");
    }

    @Test
    void invalidFieldsV1IsRejected() {
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(Json.node("{'x:spec':{}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown path element type");
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(Json.node("{'f:spec':1}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
