package dev.skiff.engine.node.env;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Reads the ConfigMaps and Secrets a pod refers to, in Kubernetes' JSON form; the node agent implements it over
 * its store or cache.
 */
public interface ObjectLookup {

    /** The ConfigMap, empty when it does not exist. */
    Optional<ObjectNode> configMap(String namespace, String name);

    /** The Secret (its {@code data} base64 as in JSON), empty when it does not exist. */
    Optional<ObjectNode> secret(String namespace, String name);
}
