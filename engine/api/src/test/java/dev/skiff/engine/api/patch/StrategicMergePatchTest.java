package dev.skiff.engine.api.patch;

import static dev.skiff.engine.api.patch.JsonText.allFieldNames;
import static dev.skiff.engine.api.patch.JsonText.json;
import static dev.skiff.engine.api.patch.JsonText.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Strategic merge patch semantics on a Pod: merges, strategies and each directive. */
class StrategicMergePatchTest {

    private static final PatchSchema POD = PatchStrategies.forKind("", "Pod").orElseThrow();

    private static final JsonNode LIVE_POD = json("""
            {'apiVersion': 'v1', 'kind': 'Pod',
             'metadata': {'name': 'web', 'labels': {'app': 'web', 'tier': 'front'},
                          'finalizers': ['a.example.com/f', 'b.example.com/f']},
             'spec': {
               'containers': [
                 {'name': 'web', 'image': 'nginx:1.25', 'args': ['-g', 'daemon off;'],
                  'ports': [{'containerPort': 80, 'protocol': 'TCP'}],
                  'env': [{'name': 'A', 'value': '1'}, {'name': 'B', 'value': 'x'}],
                  'volumeMounts': [{'name': 'data', 'mountPath': '/data'}]},
                 {'name': 'sidecar', 'image': 'envoy:1'}],
               'tolerations': [{'key': 'k1', 'operator': 'Exists'}, {'key': 'k2', 'operator': 'Exists'}],
               'volumes': [{'name': 'data', 'emptyDir': {}}]}}
            """);

    private static JsonNode patchPod(String patch) {
        return StrategicMergePatch.apply(LIVE_POD, json(patch), POD);
    }

    @Test
    void mergesObjectsRecursivelyAndNullDeletesAField() {
        JsonNode result = patchPod("{'metadata': {'labels': {'tier': null, 'version': 'v2'}}}");

        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'app': 'web', 'version': 'v2'}"));
        assertThat(result.at("/metadata/name").asText()).isEqualTo("web");
        assertThat(result.at("/spec")).isEqualTo(LIVE_POD.at("/spec"));
    }

    @Test
    void mergesContainersByNameKeepingTheirOtherFields() {
        JsonNode result = patchPod("{'spec': {'containers': [{'name': 'web', 'image': 'nginx:1.26'}]}}");

        JsonNode web = result.at("/spec/containers/0");
        assertThat(web.get("image").asText()).isEqualTo("nginx:1.26");
        assertThat(web.get("ports")).isEqualTo(LIVE_POD.at("/spec/containers/0/ports"));
        assertThat(web.get("env")).isEqualTo(LIVE_POD.at("/spec/containers/0/env"));
        assertThat(result.at("/spec/containers/1/name").asText()).isEqualTo("sidecar");
    }

    @Test
    void mergesEnvByNameAndNullDeletesAFieldOfAnElement() {
        JsonNode result = patchPod("""
                {'spec': {'containers': [{'name': 'web',
                  'env': [{'name': 'B', 'value': null, 'valueFrom': {'fieldRef': {'fieldPath': 'status.podIP'}}}]}]}}
                """);

        assertThat(result.at("/spec/containers/0/env")).isEqualTo(json("""
                [{'name': 'A', 'value': '1'},
                 {'name': 'B', 'valueFrom': {'fieldRef': {'fieldPath': 'status.podIP'}}}]
                """));
    }

    @Test
    void mergesContainerPortsByContainerPort() {
        JsonNode result = patchPod("""
                {'spec': {'containers': [{'name': 'web',
                  'ports': [{'containerPort': 80, 'name': 'http'}, {'containerPort': 9090, 'name': 'metrics'}]}]}}
                """);

        assertThat(result.at("/spec/containers/0/ports")).isEqualTo(json("""
                [{'containerPort': 80, 'protocol': 'TCP', 'name': 'http'}, {'containerPort': 9090, 'name': 'metrics'}]
                """));
    }

    @Test
    void addsANewContainerBeforeTheLiveOnesAsKubernetesDoes() {
        JsonNode result = patchPod("{'spec': {'containers': [{'name': 'redis', 'image': 'redis'}]}}");

        assertThat(names(result.at("/spec/containers"))).containsExactly("redis", "web", "sidecar");
    }

    @Test
    void keepsLiveElementsBeforeThePatchedOnesThatFollowedThem() {
        JsonNode result = patchPod("{'spec': {'containers': [{'name': 'sidecar', 'image': 'envoy:2'}]}}");

        assertThat(names(result.at("/spec/containers"))).containsExactly("web", "sidecar");
        assertThat(result.at("/spec/containers/1/image").asText()).isEqualTo("envoy:2");
    }

    @Test
    void replacesListsWithoutMergeStrategy() {
        JsonNode result = patchPod("""
                {'spec': {'tolerations': [{'key': 'k3', 'operator': 'Exists'}],
                          'containers': [{'name': 'web', 'args': ['-v']}]}}
                """);

        assertThat(result.at("/spec/tolerations")).isEqualTo(json("[{'key': 'k3', 'operator': 'Exists'}]"));
        assertThat(result.at("/spec/containers/0/args")).isEqualTo(json("['-v']"));
    }

    @Test
    void mergesFinalizersAsASet() {
        JsonNode result = patchPod("{'metadata': {'finalizers': ['b.example.com/f', 'c.example.com/f']}}");

        assertThat(result.at("/metadata/finalizers"))
                .isEqualTo(json("['a.example.com/f', 'b.example.com/f', 'c.example.com/f']"));
    }

    @Test
    void deleteFromPrimitiveListRemovesAFinalizer() {
        JsonNode result = patchPod("{'metadata': {'$deleteFromPrimitiveList/finalizers': ['a.example.com/f']}}");

        assertThat(result.at("/metadata/finalizers")).isEqualTo(json("['b.example.com/f']"));
        assertThat(allFieldNames(result)).noneMatch(name -> name.startsWith("$"));
    }

    @Test
    void deleteFromPrimitiveListIgnoresAMissingListAndMissingValues() {
        JsonNode result = patchPod("""
                {'metadata': {'$deleteFromPrimitiveList/finalizers': ['z.example.com/f']},
                 'spec': {'$deleteFromPrimitiveList/nodeSelector': ['x']}}
                """);

        assertThat(result.at("/metadata/finalizers")).isEqualTo(LIVE_POD.at("/metadata/finalizers"));
        assertThat(result.at("/spec").has("nodeSelector")).isFalse();
    }

    @Test
    void deleteFromPrimitiveListAlsoWorksOnAListWithoutMergeStrategy() {
        JsonNode result = patchPod("{'spec': {'containers': [{'name': 'web', '$deleteFromPrimitiveList/args': ['-g']}]}}");

        assertThat(result.at("/spec/containers/0/args")).isEqualTo(json("['daemon off;']"));
    }

    @Test
    void patchDeleteInAMergeListRemovesTheElementWithThatKey() {
        JsonNode result = patchPod("{'spec': {'containers': [{'name': 'sidecar', '$patch': 'delete'}]}}");

        assertThat(names(result.at("/spec/containers"))).containsExactly("web");
        assertThat(allFieldNames(result)).doesNotContain("$patch");
    }

    @Test
    void patchDeleteOfAnElementThatIsNotThereChangesNothing() {
        JsonNode result = patchPod("{'spec': {'containers': [{'name': 'ghost', '$patch': 'delete'}]}}");

        assertThat(result).isEqualTo(LIVE_POD);
    }

    @Test
    void patchDeleteRemovesEveryElementWithThatKey() {
        JsonNode live = json("{'spec': {'volumes': [{'name': 'a'}, {'name': 'b'}, {'name': 'a', 'emptyDir': {}}]}}");

        JsonNode result = StrategicMergePatch.apply(live,
                json("{'spec': {'volumes': [{'name': 'a', '$patch': 'delete'}]}}"), POD);

        assertThat(result.at("/spec/volumes")).isEqualTo(json("[{'name': 'b'}]"));
    }

    @Test
    void patchReplaceInAMergeListReplacesTheWholeList() {
        JsonNode result = patchPod("""
                {'spec': {'containers': [{'name': 'only', 'image': 'busybox'}, {'$patch': 'replace'}]}}
                """);

        assertThat(result.at("/spec/containers")).isEqualTo(json("[{'name': 'only', 'image': 'busybox'}]"));
    }

    @Test
    void patchReplaceAloneEmptiesAMergeList() {
        JsonNode result = patchPod("{'spec': {'volumes': [{'$patch': 'replace'}]}}");

        assertThat(result.at("/spec/volumes")).isEqualTo(json("[]"));
    }

    @Test
    void patchReplaceInAnObjectReplacesTheObject() {
        JsonNode result = patchPod("{'metadata': {'labels': {'$patch': 'replace', 'app': 'api'}}}");

        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'app': 'api'}"));
    }

    @Test
    void patchDeleteInAnObjectRemovesTheObject() {
        JsonNode result = patchPod("{'metadata': {'labels': {'$patch': 'delete'}}}");

        assertThat(result.at("/metadata").has("labels")).isFalse();
        assertThat(result.at("/metadata/name").asText()).isEqualTo("web");
    }

    @Test
    void patchMergeInAnObjectIsAnOrdinaryMerge() {
        JsonNode result = patchPod("{'metadata': {'labels': {'$patch': 'merge', 'version': 'v2'}}}");

        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'app': 'web', 'tier': 'front', 'version': 'v2'}"));
    }

    @Test
    void patchMergeAsAListElementIsRejectedAsInKubernetes() {
        assertThatThrownBy(() -> patchPod("{'spec': {'containers': [{'$patch': 'merge'}]}}"))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("merging lists cannot yet be specified in the patch");
    }

    @Test
    void unknownPatchDirectiveIsRejected() {
        assertThatThrownBy(() -> patchPod("{'metadata': {'labels': {'$patch': 'explode'}}}"))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("unknown patch type: \"explode\"");
        assertThatThrownBy(() -> patchPod("{'spec': {'containers': [{'name': 'web', '$patch': 'explode'}]}}"))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("unknown patch type");
    }

    @Test
    void mergeListElementWithoutItsMergeKeyIsRejected() {
        assertThatThrownBy(() -> patchPod("{'spec': {'containers': [{'image': 'nginx:1.26'}]}}"))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("does not contain declared merge key: name");
    }

    @Test
    void patchDeleteElementWithoutItsMergeKeyIsRejected() {
        assertThatThrownBy(() -> patchPod("{'spec': {'containers': [{'$patch': 'delete'}]}}"))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("does not contain declared merge key: name");
    }

    @Test
    void patchThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> StrategicMergePatch.apply(LIVE_POD, json("[{'op': 'add'}]"), POD))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void mixedElementTypesInAMergedListAreRejected() {
        assertThatThrownBy(() -> patchPod("{'metadata': {'finalizers': [{'name': 'x'}]}}"))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("list element types are not identical");
    }

    @Test
    void aValueOfAnotherTypeReplacesTheLiveOne() {
        JsonNode result = patchPod("{'spec': {'volumes': {'not': 'a list'}}}");

        assertThat(result.at("/spec/volumes")).isEqualTo(json("{'not': 'a list'}"));
    }

    @Test
    void fieldsTheLiveObjectLacksAreTakenFromThePatchWithoutNullsOrDirectives() {
        JsonNode result = patchPod("""
                {'spec': {'$setElementOrder/initContainers': [{'name': 'init'}],
                          'initContainers': [{'name': 'init', 'image': 'busybox', 'command': null,
                                              '$setElementOrder/env': [{'name': 'X'}],
                                              'env': [{'name': 'X', 'value': '1'}]}],
                          'affinity': {'nodeAffinity': {'$patch': 'replace', 'x': 1}, 'podAffinity': {'$patch': 'delete'}}}}
                """);

        assertThat(result.at("/spec/initContainers"))
                .isEqualTo(json("[{'name': 'init', 'image': 'busybox', 'env': [{'name': 'X', 'value': '1'}]}]"));
        assertThat(result.at("/spec/affinity")).isEqualTo(json("{'nodeAffinity': {'x': 1}}"));
        assertThat(allFieldNames(result)).noneMatch(name -> name.startsWith("$"));
    }

    @Test
    void retainKeysClearsLiveFieldsNotListed() {
        JsonNode live = json("{'spec': {'volumes': [{'name': 'data', 'emptyDir': {}}]}}");

        JsonNode result = StrategicMergePatch.apply(live, json("""
                {'spec': {'volumes': [{'name': 'data', '$retainKeys': ['configMap', 'name'], 'configMap': {'name': 'cfg'}}]}}
                """), POD);

        assertThat(result.at("/spec/volumes")).isEqualTo(json("[{'name': 'data', 'configMap': {'name': 'cfg'}}]"));
    }

    @Test
    void retainKeysRejectsAPatchThatSetsAFieldItDoesNotList() {
        assertThatThrownBy(() -> patchPod("""
                {'spec': {'volumes': [{'name': 'data', '$retainKeys': ['name'], 'configMap': {'name': 'cfg'}}]}}
                """))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("invalid patch format of retainKeys");
    }

    @Test
    void setElementOrderOrdersTheMergedListAndKeepsServerOnlyElementsInPlace() {
        JsonNode live = json("""
                {'spec': {'containers': [{'name': '1', 'image': 'a'}, {'name': '2'}, {'name': '9'}, {'name': '3'}, {'name': '4'}]}}
                """);

        JsonNode result = StrategicMergePatch.apply(live, json("""
                {'spec': {'$setElementOrder/containers': [{'name': '2'}, {'name': '1'}, {'name': '4'}, {'name': '3'}]}}
                """), POD);

        assertThat(names(result.at("/spec/containers"))).containsExactly("2", "1", "9", "4", "3");
        assertThat(result.at("/spec/containers/1/image").asText()).isEqualTo("a");
    }

    @Test
    void setElementOrderPlacesNewElementsWhereItNamesThem() {
        JsonNode live = json("{'spec': {'containers': [{'name': '1', 'image': 'a'}, {'name': '2', 'image': 'b'}]}}");

        JsonNode result = StrategicMergePatch.apply(live, json("""
                {'spec': {'$setElementOrder/containers': [{'name': '1'}, {'name': '4'}, {'name': '2'}, {'name': '3'}],
                          'containers': [{'name': '4', 'image': 'd'}, {'name': '3', 'image': 'c'}]}}
                """), POD);

        assertThat(result.at("/spec/containers")).isEqualTo(json("""
                [{'name': '1', 'image': 'a'}, {'name': '4', 'image': 'd'}, {'name': '2', 'image': 'b'}, {'name': '3', 'image': 'c'}]
                """));
    }

    @Test
    void setElementOrderOrdersPrimitiveLists() {
        JsonNode result = patchPod("""
                {'metadata': {'$setElementOrder/finalizers': ['c.example.com/f', 'b.example.com/f', 'a.example.com/f'],
                              'finalizers': ['c.example.com/f']}}
                """);

        assertThat(result.at("/metadata/finalizers"))
                .isEqualTo(json("['c.example.com/f', 'b.example.com/f', 'a.example.com/f']"));
    }

    @Test
    void setElementOrderThatContradictsThePatchListIsRejected() {
        assertThatThrownBy(() -> patchPod("""
                {'spec': {'$setElementOrder/containers': [{'name': 'web'}, {'name': 'sidecar'}],
                          'containers': [{'name': 'sidecar', 'image': 'x'}, {'name': 'web', 'image': 'y'}]}}
                """))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("doesn't match $setElementOrder/containers");
    }

    @Test
    void preservesThePatchOrderAmongPatchedElements() {
        JsonNode live = json("{'spec': {'containers': [{'name': '1'}, {'name': '2', 'image': 'b'}, {'name': '3'}]}}");

        JsonNode result = StrategicMergePatch.apply(live, json("""
                {'spec': {'containers': [{'name': '3', 'image': 'c'}, {'name': '1', 'image': 'a'}]}}
                """), POD);

        assertThat(result.at("/spec/containers")).isEqualTo(json("""
                [{'name': '2', 'image': 'b'}, {'name': '3', 'image': 'c'}, {'name': '1', 'image': 'a'}]
                """));
    }

    @Test
    void mergesConditionsByType() {
        JsonNode live = json("""
                {'status': {'phase': 'Pending', 'conditions': [
                   {'type': 'PodScheduled', 'status': 'True'}, {'type': 'Ready', 'status': 'False', 'reason': 'NotYet'}]}}
                """);

        JsonNode result = StrategicMergePatch.apply(live, json("""
                {'status': {'conditions': [{'type': 'Ready', 'status': 'True', 'reason': null}]}}
                """), POD);

        assertThat(result.at("/status/conditions")).isEqualTo(json("""
                [{'type': 'PodScheduled', 'status': 'True'}, {'type': 'Ready', 'status': 'True'}]
                """));
    }

    @Test
    void mergesOwnerReferencesByUid() {
        JsonNode live = json("{'metadata': {'ownerReferences': [{'uid': 'u1', 'kind': 'ReplicaSet', 'name': 'rs1'}]}}");

        JsonNode result = StrategicMergePatch.apply(live, json("""
                {'metadata': {'ownerReferences': [{'uid': 'u1', 'controller': true}, {'uid': 'u2', 'kind': 'Job', 'name': 'j'}]}}
                """), POD);

        assertThat(result.at("/metadata/ownerReferences")).isEqualTo(json("""
                [{'uid': 'u1', 'kind': 'ReplicaSet', 'name': 'rs1', 'controller': true}, {'uid': 'u2', 'kind': 'Job', 'name': 'j'}]
                """));
    }

    @Test
    void rootPatchReplaceReplacesTheWholeObject() {
        JsonNode result = patchPod("{'$patch': 'replace', 'kind': 'Pod', 'metadata': {'name': 'other'}}");

        assertThat(result).isEqualTo(json("{'kind': 'Pod', 'metadata': {'name': 'other'}}"));
    }

    @Test
    void doesNotModifyTheOriginalOrThePatch() {
        JsonNode original = LIVE_POD.deepCopy();
        JsonNode patch = json("""
                {'metadata': {'$deleteFromPrimitiveList/finalizers': ['a.example.com/f'], 'labels': {'app': null}},
                 'spec': {'$setElementOrder/containers': [{'name': 'sidecar'}, {'name': 'web'}],
                          'containers': [{'name': 'web', '$retainKeys': ['name', 'image'], 'image': 'x'}]}}
                """);
        JsonNode patchCopy = patch.deepCopy();

        JsonNode result = StrategicMergePatch.apply(original, patch, POD);

        assertThat(original).isEqualTo(LIVE_POD);
        assertThat(patch).isEqualTo(patchCopy);
        assertThat(result.at("/spec/containers")).isEqualTo(json("[{'name': 'sidecar', 'image': 'envoy:1'}, {'name': 'web', 'image': 'x'}]"));
    }

    @Test
    void untaggedSchemaMergesObjectsAndReplacesLists() {
        JsonNode result = StrategicMergePatch.apply(json("{'a': {'b': 1, 'c': [1, 2]}}"),
                json("{'a': {'d': 2, 'c': [3]}}"), PatchSchema.UNTAGGED);

        assertThat(result).isEqualTo(json("{'a': {'b': 1, 'c': [3], 'd': 2}}"));
    }
}
