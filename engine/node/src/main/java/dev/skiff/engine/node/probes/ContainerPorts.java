package dev.skiff.engine.node.probes;

import dev.skiff.engine.api.text.GoQuote;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns the {@code port} of an httpGet or tcpSocket action (a number or a port name) into a port number. */
final class ContainerPorts {
    private ContainerPorts() {
    }

    /**
     * Resolves like the kubelet: a number is used as it is; a string is looked up among the container's
     * {@code ports[].name}, and failing that parsed as a number.
     */
    static int resolve(JsonNode port, JsonNode container) throws ActionException {
        long number;
        if (port != null && port.isIntegralNumber()) {
            number = port.asLong();
        } else if (port != null && port.isTextual()) {
            String name = port.asText();
            Integer named = byName(name, container);
            if (named != null) {
                number = named;
            } else {
                try {
                    number = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    throw new ActionException(ActionException.Kind.INVALID,
                            "strconv.Atoi: parsing " + GoQuote.quote(name) + ": invalid syntax");
                }
            }
        } else {
            throw new ActionException(ActionException.Kind.INVALID, "intOrString had no kind: " + port);
        }
        if (number > 0 && number < 65536) {
            return (int) number;
        }
        throw new ActionException(ActionException.Kind.INVALID, "invalid port number: " + number);
    }

    private static Integer byName(String name, JsonNode container) {
        for (JsonNode p : container.path("ports")) {
            // An unnamed port has the name "" in the kubelet's eyes.
            if (p.path("name").asText("").equals(name) && p.path("containerPort").canConvertToInt()) {
                return p.path("containerPort").asInt();
            }
        }
        return null;
    }
}
