package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one API request asks to do, as admission webhooks see it (Kubernetes' {@code admission.Attributes}).
 *
 * <p>{@code group}/{@code version} are those of both the kind and the resource (Skiff serves one version per
 * kind). For a namespace object itself, {@code namespace} is the namespace's own name, as in Kubernetes.
 * {@code object} is null for DELETE and CONNECT; {@code oldObject} is null except for UPDATE (and DELETE when
 * the integrator has it). {@code options} is the CreateOptions/UpdateOptions/DeleteOptions object or null (then
 * a minimal one is sent).
 */
public record AdmissionAttributes(
        String operation,
        String group,
        String version,
        String kind,
        String resource,
        String subresource,
        String namespace,
        String name,
        ObjectNode object,
        ObjectNode oldObject,
        boolean dryRun,
        String userName,
        List<String> userGroups,
        JsonNode options) {

    public AdmissionAttributes {
        group = group == null ? "" : group;
        subresource = subresource == null ? "" : subresource;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
        userGroups = userGroups == null ? List.of() : List.copyOf(userGroups);
    }

    /** The same request carrying another object, as seen by the next mutating webhook. */
    AdmissionAttributes withObject(ObjectNode newObject) {
        return new AdmissionAttributes(operation, group, version, kind, resource, subresource, namespace, name,
                newObject, oldObject, dryRun, userName, userGroups, options);
    }
}
