package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Test objects written as JSON (single quotes allowed to keep the text readable). */
final class TestObjects {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_SINGLE_QUOTES.mappedFeature(), true);

    private TestObjects() {
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The errors as kubectl prints them: {@code field: message}. */
    static List<String> lines(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }

    /** A defaulted pod with one container and the given extra container fields. */
    static ObjectNode pod(String containerFields) {
        return json("""
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'default'},
                 'spec':{'containers':[{'name':'app','image':'nginx','imagePullPolicy':'Always',
                   'terminationMessagePolicy':'File','terminationMessagePath':'/dev/termination-log'%s}],
                   'restartPolicy':'Always','dnsPolicy':'ClusterFirst','terminationGracePeriodSeconds':30,
                   'schedulerName':'default-scheduler','securityContext':{}}}
                """.formatted(containerFields.isEmpty() ? "" : "," + containerFields));
    }
}
