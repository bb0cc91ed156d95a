package dev.skiff.engine.api.schema;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FieldValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectSchema DEPLOYMENT = ObjectSchema.forKind("apps", "v1", "Deployment").orElseThrow();
    private static final ObjectSchema POD = ObjectSchema.forKind("", "v1", "Pod").orElseThrow();

    @Test
    void aValidDeploymentHasNoProblems() {
        assertThat(FieldValidation.check(deployment("""
                "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": 0.25}},
                "env": [{"name": "A", "value": "1"}]
                """), DEPLOYMENT)).isEmpty();
    }

    @Test
    void reportsAnUnknownTopLevelFieldByName() {
        ObjectNode body = json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "replicas": 3}""");

        assertThat(FieldValidation.check(body, DEPLOYMENT)).containsExactly(new FieldProblem(
                FieldProblem.Kind.UNKNOWN_FIELD, "replicas", "unknown field \"replicas\""));
    }

    @Test
    void reportsAnUnknownFieldInAListElementWithItsIndex() {
        ObjectNode body = json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                 "spec": {"foo": true, "template": {"spec": {"containers": [
                   {"name": "a", "image": "nginx"},
                   {"name": "b", "imagee": "nginx", "ports": [{"containerPort": 80, "hostport": 1}]}]}}}}""");

        assertThat(FieldValidation.check(body, DEPLOYMENT)).extracting(FieldProblem::message).containsExactly(
                "unknown field \"spec.foo\"",
                "unknown field \"spec.template.spec.containers[1].imagee\"",
                "unknown field \"spec.template.spec.containers[1].ports[0].hostport\"");
    }

    @Test
    void fieldNamesAreCaseSensitive() {
        ObjectNode body = json("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"Name": "p"}}""");

        assertThat(FieldValidation.check(body, POD)).extracting(FieldProblem::path).containsExactly("metadata.Name");
    }

    @Test
    void reportsAStringWhereAnIntegerIsNeededAsGoDoes() {
        List<FieldProblem> problems = FieldValidation.check(deployment("""
                "ports": [{"containerPort": "80"}]"""), DEPLOYMENT);

        assertThat(problems).containsExactly(new FieldProblem(FieldProblem.Kind.DECODING_ERROR,
                "spec.template.spec.containers[0].ports[0].containerPort",
                "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports"
                        + ".containerPort of type int32"));
    }

    @Test
    void reportsWrongTypesForStructsListsMapsAndBooleans() {
        ObjectNode body = json("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "web", "labels": ["app"]},
                 "spec": {"paused": "yes", "selector": "app=web",
                          "template": {"spec": {"containers": {"name": "web"}}}}}""");

        assertThat(FieldValidation.check(body, DEPLOYMENT)).extracting(FieldProblem::message).containsExactly(
                "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string",
                "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool",
                "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.selector of type v1.LabelSelector",
                "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container");
    }

    @Test
    void namesTheMapFieldForAWrongMapValue() {
        ObjectNode configMap = json("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"port": 8080}}""");

        assertThat(FieldValidation.check(configMap, ObjectSchema.forKind("", "v1", "ConfigMap").orElseThrow()))
                .containsExactly(new FieldProblem(FieldProblem.Kind.DECODING_ERROR, "data.port",
                        "json: cannot unmarshal number into Go struct field ConfigMap.data of type string"));
    }

    @Test
    void reportsNumbersThatDoNotFitTheIntegerType() {
        List<FieldProblem> problems = FieldValidation.check(json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"replicas": 3000000000, "minReadySeconds": 1.5},
                 "metadata": {"generation": 3000000000}}"""), DEPLOYMENT);

        assertThat(problems).extracting(FieldProblem::message).containsExactly(
                "json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32",
                "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.minReadySeconds of type int32");
    }

    @Test
    void freeFormMapsAcceptAnyKey() {
        ObjectNode pod = json("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "p", "labels": {"app.kubernetes.io/name": "x", "anything": "y"},
                              "annotations": {"skiff.dev/team": "core", "weird key with spaces": ""}},
                 "spec": {"nodeSelector": {"kubernetes.io/os": "linux", "zone": "a"},
                          "overhead": {"cpu": "10m"},
                          "containers": [{"name": "c", "resources": {
                              "limits": {"cpu": "1", "memory": "1Gi", "nvidia.com/gpu": 1},
                              "requests": {"ephemeral-storage": "2Gi"}}}]}}""");
        ObjectNode secret = json("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                 "data": {"password": "c2VjcmV0", "any.key": ""}, "stringData": {"user": "admin", "x-y_z": "1"}}""");

        assertThat(FieldValidation.check(pod, POD)).isEmpty();
        assertThat(FieldValidation.check(secret, ObjectSchema.forKind("", "v1", "Secret").orElseThrow())).isEmpty();
    }

    @Test
    void managedFieldsKeepTheirFreeFormContent() {
        ObjectNode pod = json("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "managedFields": [
                  {"manager": "kubectl", "operation": "Apply", "fieldsType": "FieldsV1",
                   "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}}}]}}""");

        assertThat(FieldValidation.check(pod, POD)).isEmpty();
    }

    @Test
    void intOrStringAcceptsBothButNothingElse() {
        ObjectNode service = json("""
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": [
                  {"port": 80, "targetPort": 8080}, {"port": 81, "targetPort": "http"}, {"port": 82, "targetPort": true}]}}""");

        assertThat(FieldValidation.check(service, ObjectSchema.forKind("", "v1", "Service").orElseThrow()))
                .extracting(FieldProblem::message).containsExactly(
                        "json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32");
    }

    @Test
    void quantitiesMustParse() {
        List<FieldProblem> problems = FieldValidation.check(deployment("""
                "resources": {"limits": {"cpu": "lots", "memory": "1mi"}, "requests": {"cpu": "1e3", "memory": 1024}}"""),
                DEPLOYMENT);

        assertThat(problems).containsExactly(
                new FieldProblem(FieldProblem.Kind.DECODING_ERROR, "spec.template.spec.containers[0].resources.limits.cpu",
                        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
                new FieldProblem(FieldProblem.Kind.DECODING_ERROR,
                        "spec.template.spec.containers[0].resources.limits.memory", "unable to parse quantity's suffix"));
    }

    @Test
    void secretDataMustBeBase64() {
        ObjectNode secret = json("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                 "data": {"ok": "c2VjcmV0", "padded": "YQ==", "bad": "not base64!", "short": "YWJjZ", "number": 1},
                 "stringData": {"plain": "not base64!"}}""");

        assertThat(FieldValidation.check(secret, ObjectSchema.forKind("", "v1", "Secret").orElseThrow()))
                .extracting(FieldProblem::message).containsExactly(
                        "illegal base64 data at input byte 3",
                        "illegal base64 data at input byte 4",
                        "json: cannot unmarshal number into Go struct field Secret.data of type []uint8");
    }

    @Test
    void nullValuesAreAcceptedAnywhere() {
        assertThat(FieldValidation.check(json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"labels": null},
                 "spec": {"replicas": null, "template": {"spec": {"containers": [null]}}}}"""), DEPLOYMENT)).isEmpty();
    }

    @Test
    void doesNotLookInsideAValueOfTheWrongType() {
        assertThat(FieldValidation.check(json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"template": ["unknown"]}}"""), DEPLOYMENT))
                .extracting(FieldProblem::kind).containsExactly(FieldProblem.Kind.DECODING_ERROR);
    }

    @Test
    void checkingLeavesTheBodyAlone() {
        ObjectNode body = json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"foo": 1}}""");
        ObjectNode before = body.deepCopy();

        FieldValidation.check(body, DEPLOYMENT);

        assertThat(body).isEqualTo(before);
    }

    @Test
    void pruningRemovesExactlyTheUnknownFields() {
        ObjectNode body = json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "bogus": 1,
                 "metadata": {"name": "web", "labels": {"unknownLooking": "kept"}, "nam": "x"},
                 "spec": {"replicas": 2, "foo": {"bar": 1},
                          "template": {"metadata": {"annotations": {"a": "b"}},
                                       "spec": {"containers": [
                                          {"name": "a", "image": "nginx", "imagee": "typo"},
                                          {"name": "b", "ports": [{"containerPort": 80, "extra": true}]}]}}}}""");

        List<FieldProblem> removed = FieldValidation.prune(body, DEPLOYMENT);

        assertThat(removed).extracting(FieldProblem::path).containsExactly("bogus", "metadata.nam", "spec.foo",
                "spec.template.spec.containers[0].imagee", "spec.template.spec.containers[1].ports[0].extra");
        assertThat(body).isEqualTo(json("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "web", "labels": {"unknownLooking": "kept"}},
                 "spec": {"replicas": 2,
                          "template": {"metadata": {"annotations": {"a": "b"}},
                                       "spec": {"containers": [
                                          {"name": "a", "image": "nginx"},
                                          {"name": "b", "ports": [{"containerPort": 80}]}]}}}}"""));
        assertThat(FieldValidation.check(body, DEPLOYMENT)).isEmpty();
    }

    @Test
    void strictDecodingErrorListsEveryUnknownField() {
        List<FieldProblem> problems = FieldValidation.check(json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"foo": 1, "bar": 2}}"""), DEPLOYMENT);

        assertThat(FieldValidation.strictDecodingError(problems))
                .isEqualTo("strict decoding error: unknown field \"spec.foo\", unknown field \"spec.bar\"");
    }

    @Test
    void describesJacksonDuplicateFieldsWithTheirKubernetesPath() {
        assertThat(duplicateOf("""
                {"apiVersion": "apps/v1", "spec": {"replicas": 1, "replicas": 2}}"""))
                .isEqualTo("duplicate field \"spec.replicas\"");
        assertThat(duplicateOf("""
                {"spec": {"template": {"spec": {"containers": [{"name": "a"}, {"name": "b", "name": "c"}]}}}}"""))
                .isEqualTo("duplicate field \"spec.template.spec.containers[1].name\"");
        assertThat(duplicateOf("""
                {"kind": "Pod", "kind": "Pod"}""")).isEqualTo("duplicate field \"kind\"");
    }

    private static String duplicateOf(String text) {
        ObjectMapper strict = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        StreamReadException e = catchThrowableOfType(StreamReadException.class, () -> strict.readTree(text));
        return FieldValidation.duplicateField(e).orElseThrow();
    }

    private static ObjectNode deployment(String containerFields) {
        return json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
                 "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                          "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
                          "template": {"metadata": {"labels": {"app": "web"}},
                                       "spec": {"containers": [{"name": "web", "image": "nginx", CONTAINER}]}}}}"""
                .replace("CONTAINER", containerFields));
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
