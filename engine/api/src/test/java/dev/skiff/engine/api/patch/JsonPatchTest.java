package dev.skiff.engine.api.patch;

import static dev.skiff.engine.api.patch.JsonText.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** JSON patch, RFC 6902, with failures reported as PatchException. */
class JsonPatchTest {

    private static final JsonNode DEPLOYMENT = json("""
            {'metadata': {'name': 'web', 'labels': {'app': 'web'}},
             'spec': {'replicas': 2, 'template': {'spec': {'containers': [{'name': 'web', 'image': 'nginx'}]}}}}
            """);

    @Test
    void appliesAllSixOperationsInOrder() {
        JsonNode result = JsonPatch.apply(DEPLOYMENT, json("""
                [{'op': 'test', 'path': '/spec/replicas', 'value': 2},
                 {'op': 'replace', 'path': '/spec/replicas', 'value': 3},
                 {'op': 'add', 'path': '/spec/template/spec/containers/-', 'value': {'name': 'sidecar'}},
                 {'op': 'copy', 'from': '/metadata/labels', 'path': '/spec/template/metadata'},
                 {'op': 'move', 'from': '/metadata/labels/app', 'path': '/metadata/labels/component'},
                 {'op': 'remove', 'path': '/spec/template/spec/containers/0/image'}]
                """));

        assertThat(result).isEqualTo(json("""
                {'metadata': {'name': 'web', 'labels': {'component': 'web'}},
                 'spec': {'replicas': 3, 'template': {'metadata': {'app': 'web'},
                          'spec': {'containers': [{'name': 'web'}, {'name': 'sidecar'}]}}}}
                """));
        assertThat(DEPLOYMENT.at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void failedTestSaysWhichOperationAndPath() {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("""
                [{'op': 'replace', 'path': '/spec/replicas', 'value': 5},
                 {'op': 'test', 'path': '/metadata/name', 'value': 'api'}]
                """)))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("operation 1")
                .hasMessageContaining("test /metadata/name");
    }

    @Test
    void missingPathsFail() {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{'op': 'remove', 'path': '/metadata/annotations'}]")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("remove /metadata/annotations");
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{'op': 'replace', 'path': '/spec/paused', 'value': true}]")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("replace /spec/paused");
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{'op': 'add', 'path': '/status/phase', 'value': 'x'}]")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("add /status/phase");
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT,
                json("[{'op': 'move', 'from': '/metadata/nothing', 'path': '/metadata/x'}]")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("move from /metadata/nothing to /metadata/x");
    }

    @Test
    void malformedPatchesFail() {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("{'op': 'add'}")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("must be a JSON array");
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{'op': 'explode', 'path': '/spec'}]")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("operation 0");
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{'op': 'add', 'path': 'no-slash', 'value': 1}]")))
                .isInstanceOf(PatchException.class);
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{'path': '/spec'}]")))
                .isInstanceOf(PatchException.class);
    }

    @Test
    void anEmptyPatchReturnsACopy() {
        JsonNode result = JsonPatch.apply(DEPLOYMENT, json("[]"));

        assertThat(result).isEqualTo(DEPLOYMENT).isNotSameAs(DEPLOYMENT);
    }
}
