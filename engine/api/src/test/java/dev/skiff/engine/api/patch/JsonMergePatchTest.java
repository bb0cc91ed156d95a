package dev.skiff.engine.api.patch;

import static dev.skiff.engine.api.patch.JsonText.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** JSON merge patch, RFC 7386. */
class JsonMergePatchTest {

    @Test
    void mergesObjectsRemovesNullsAndReplacesLists() {
        JsonNode original = json("""
                {'metadata': {'name': 'web', 'labels': {'app': 'web', 'tier': 'front'}},
                 'spec': {'containers': [{'name': 'web', 'image': 'nginx'}, {'name': 'sidecar'}], 'replicas': 1}}
                """);

        JsonNode result = JsonMergePatch.apply(original, json("""
                {'metadata': {'labels': {'tier': null, 'version': 'v2'}},
                 'spec': {'containers': [{'name': 'web', 'image': 'nginx:1.26'}], 'replicas': 3}}
                """));

        assertThat(result).isEqualTo(json("""
                {'metadata': {'name': 'web', 'labels': {'app': 'web', 'version': 'v2'}},
                 'spec': {'containers': [{'name': 'web', 'image': 'nginx:1.26'}], 'replicas': 3}}
                """));
    }

    @Test
    void followsTheRfcExamples() {
        assertThat(JsonMergePatch.apply(json("{'a': 'b'}"), json("{'a': 'c'}"))).isEqualTo(json("{'a': 'c'}"));
        assertThat(JsonMergePatch.apply(json("{'a': 'b'}"), json("{'b': 'c'}"))).isEqualTo(json("{'a': 'b', 'b': 'c'}"));
        assertThat(JsonMergePatch.apply(json("{'a': 'b', 'b': 'c'}"), json("{'a': null}"))).isEqualTo(json("{'b': 'c'}"));
        assertThat(JsonMergePatch.apply(json("{'a': ['b']}"), json("{'a': 'c'}"))).isEqualTo(json("{'a': 'c'}"));
        assertThat(JsonMergePatch.apply(json("{'a': 'c'}"), json("{'a': ['b']}"))).isEqualTo(json("{'a': ['b']}"));
        assertThat(JsonMergePatch.apply(json("{'a': {'b': 'c'}}"), json("{'a': {'b': 'd', 'c': null}}")))
                .isEqualTo(json("{'a': {'b': 'd'}}"));
        assertThat(JsonMergePatch.apply(json("{'a': [{'b': 'c'}]}"), json("{'a': [1]}"))).isEqualTo(json("{'a': [1]}"));
        assertThat(JsonMergePatch.apply(json("{'e': null}"), json("{'a': 1}"))).isEqualTo(json("{'e': null, 'a': 1}"));
        assertThat(JsonMergePatch.apply(json("[1, 2]"), json("{'a': 'b', 'c': null}"))).isEqualTo(json("{'a': 'b'}"));
        assertThat(JsonMergePatch.apply(json("{}"), json("{'a': {'bb': {'ccc': null}}}"))).isEqualTo(json("{'a': {'bb': {}}}"));
    }

    @Test
    void doesNotModifyItsInputs() {
        JsonNode original = json("{'a': {'b': 1}}");
        JsonNode patch = json("{'a': {'c': {'d': 2}}}");

        JsonNode result = JsonMergePatch.apply(original, patch);
        ((ObjectNode) result.at("/a/c")).put("e", 3);

        assertThat(original).isEqualTo(json("{'a': {'b': 1}}"));
        assertThat(patch).isEqualTo(json("{'a': {'c': {'d': 2}}}"));
    }

    @Test
    void rejectsAPatchThatIsNotAnObject() {
        assertThatThrownBy(() -> JsonMergePatch.apply(json("{'a': 1}"), json("[{'op': 'add'}]")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("must be a JSON object");
    }
}
