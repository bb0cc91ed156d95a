package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Endpoints (core/v1) and EndpointSlices (discovery.k8s.io/v1): addresses that are real IPs of the slice's
 * family, named and unique ports, known protocols.
 *
 * <p>Deliberate difference: Kubernetes refuses loopback endpoint addresses ({@code may not be in the loopback
 * range}); Skiff gives every pod an address in 127.0.0.0/8, so loopback addresses are accepted here.
 */
final class EndpointsValidation {

    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final int MAX_ENDPOINTS = 1000;
    private static final int MAX_ADDRESSES = 100;
    private static final int MAX_PORTS = 100;
    private static final int MAX_TOPOLOGY_LABELS = 16;

    private EndpointsValidation() {
    }

    static List<FieldError> endpointSlice(ObjectNode slice, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>();
        String addressType = Fields.text(slice, "addressType");
        List<String> valid = old == null ? ADDRESS_TYPES : List.of("FQDN", "IP", "IPv4", "IPv6");
        if (addressType.isEmpty()) {
            errs.add(FieldError.required(FieldPath.root("addressType"), ""));
        } else if (!valid.contains(addressType)) {
            errs.add(FieldError.notSupported(FieldPath.root("addressType"), addressType, valid));
        }
        FieldPath endpointsPath = FieldPath.root("endpoints");
        List<JsonNode> endpoints = Fields.list(slice, "endpoints");
        if (endpoints.size() > MAX_ENDPOINTS) {
            errs.add(FieldError.tooMany(endpointsPath, endpoints.size(), MAX_ENDPOINTS));
        } else {
            for (int i = 0; i < endpoints.size(); i++) {
                errs.addAll(endpoint(endpoints.get(i), addressType, endpointsPath.index(i)));
            }
        }
        FieldPath portsPath = FieldPath.root("ports");
        List<JsonNode> ports = Fields.list(slice, "ports");
        if (ports.size() > MAX_PORTS) {
            errs.add(FieldError.tooMany(portsPath, ports.size(), MAX_PORTS));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < ports.size(); i++) {
                JsonNode port = ports.get(i);
                FieldPath at = portsPath.index(i);
                String name = Fields.text(port, "name");
                if (!name.isEmpty()) {
                    for (String msg : Formats.dns1123Label(name)) {
                        errs.add(FieldError.invalid(at.child("name"), name, msg));
                    }
                }
                if (!names.add(name)) {
                    errs.add(FieldError.duplicate(at.child("name"), name));
                }
                String protocol = Fields.text(port, "protocol");
                if (Fields.has(port, "protocol") && !PROTOCOLS.contains(protocol)) {
                    errs.add(FieldError.notSupported(at.child("protocol"), protocol, PROTOCOLS));
                }
                if (Fields.has(port, "appProtocol")) {
                    String appProtocol = Fields.text(port, "appProtocol");
                    for (String msg : Formats.qualifiedName(appProtocol)) {
                        errs.add(FieldError.invalid(at.child("appProtocol"), appProtocol, msg));
                    }
                }
            }
        }
        if (old != null && !Fields.text(old, "addressType").equals(addressType)) {
            errs.add(FieldError.invalid(FieldPath.root("addressType"), addressType, "field is immutable"));
        }
        return errs;
    }

    private static List<FieldError> endpoint(JsonNode endpoint, String addressType, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath addressPath = path.child("addresses");
        List<String> addresses = Fields.strings(endpoint, "addresses");
        if (addresses.isEmpty()) {
            errs.add(FieldError.required(addressPath, "must contain at least 1 address"));
        } else if (addresses.size() > MAX_ADDRESSES) {
            errs.add(FieldError.tooMany(addressPath, addresses.size(), MAX_ADDRESSES));
        }
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            FieldPath at = addressPath.index(i);
            switch (addressType) {
                case "IPv4", "IPv6" -> {
                    boolean v4 = addressType.equals("IPv4");
                    boolean ok = IpAddress.parse(address).map(ip -> ip.isV4() == v4).orElse(false);
                    if (!ok) {
                        errs.add(FieldError.invalid(at, address, v4 ? "must be a valid IPv4 address"
                                : "must be a valid IPv6 address"));
                    }
                    errs.addAll(IpValidation.nonSpecialIp(address, at, true));
                }
                case "IP" -> errs.addAll(IpValidation.validIp(address, at));
                case "FQDN" -> errs.addAll(fullyQualifiedDomainName(address, at));
                default -> {
                }
            }
        }
        JsonNode topology = endpoint.has("deprecatedTopology") ? endpoint.get("deprecatedTopology") : endpoint.get("topology");
        if (topology != null && topology.isObject() && topology.size() > MAX_TOPOLOGY_LABELS) {
            errs.add(FieldError.tooMany(path.child("topology"), topology.size(), MAX_TOPOLOGY_LABELS));
        }
        errs.addAll(LabelSelectors.validateLabels(topology, path.child("topology")));
        if (Fields.has(endpoint, "hostname")) {
            String hostname = Fields.text(endpoint, "hostname");
            for (String msg : Formats.dns1123Label(hostname)) {
                errs.add(FieldError.invalid(path.child("hostname"), hostname, msg));
            }
        }
        if (Fields.has(endpoint, "nodeName")) {
            String nodeName = Fields.text(endpoint, "nodeName");
            for (String msg : Formats.dns1123Subdomain(nodeName)) {
                errs.add(FieldError.invalid(path.child("nodeName"), nodeName, msg));
            }
        }
        return errs;
    }

    private static List<FieldError> fullyQualifiedDomainName(String name, FieldPath path) {
        if (name.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<String> msgs = Formats.dns1123Subdomain(trimmed);
        if (!msgs.isEmpty()) {
            return List.of(FieldError.invalid(path, trimmed, String.join(",", msgs)));
        }
        if (trimmed.split("\\.").length < 2) {
            return List.of(FieldError.invalid(path, trimmed, "should be a domain with at least two segments separated by dots"));
        }
        for (String label : trimmed.split("\\.")) {
            List<String> labelMsgs = Formats.dns1123Label(label);
            if (!labelMsgs.isEmpty()) {
                return List.of(FieldError.invalid(path, label, String.join(",", labelMsgs)));
            }
        }
        return List.of();
    }

    static List<FieldError> endpoints(ObjectNode endpoints) {
        List<FieldError> errs = new ArrayList<>();
        List<JsonNode> subsets = Fields.list(endpoints, "subsets");
        for (int i = 0; i < subsets.size(); i++) {
            JsonNode subset = subsets.get(i);
            FieldPath at = FieldPath.root("subsets").index(i);
            List<JsonNode> ready = Fields.list(subset, "addresses");
            List<JsonNode> notReady = Fields.list(subset, "notReadyAddresses");
            if (ready.isEmpty() && notReady.isEmpty()) {
                errs.add(FieldError.required(at, "must specify `addresses` or `notReadyAddresses`"));
            }
            for (int j = 0; j < ready.size(); j++) {
                errs.addAll(endpointAddress(ready.get(j), at.child("addresses").index(j)));
            }
            for (int j = 0; j < notReady.size(); j++) {
                errs.addAll(endpointAddress(notReady.get(j), at.child("notReadyAddresses").index(j)));
            }
            List<JsonNode> ports = Fields.list(subset, "ports");
            for (int j = 0; j < ports.size(); j++) {
                errs.addAll(endpointPort(ports.get(j), ports.size() > 1, at.child("ports").index(j)));
            }
        }
        return errs;
    }

    private static List<FieldError> endpointAddress(JsonNode address, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String ip = Fields.text(address, "ip");
        errs.addAll(IpValidation.validIp(ip, path.child("ip")));
        String hostname = Fields.text(address, "hostname");
        if (!hostname.isEmpty()) {
            for (String msg : Formats.dns1123Label(hostname)) {
                errs.add(FieldError.invalid(path.child("hostname"), hostname, msg));
            }
        }
        if (Fields.has(address, "nodeName")) {
            String nodeName = Fields.text(address, "nodeName");
            for (String msg : Formats.dns1123Subdomain(nodeName)) {
                errs.add(FieldError.invalid(path.child("nodeName"), nodeName, msg));
            }
        }
        errs.addAll(IpValidation.nonSpecialIp(ip, path.child("ip"), true));
        return errs;
    }

    private static List<FieldError> endpointPort(JsonNode port, boolean requireName, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = Fields.text(port, "name");
        if (requireName && name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else if (!name.isEmpty()) {
            for (String msg : Formats.dns1123Label(name)) {
                errs.add(FieldError.invalid(path.child("name"), name, msg));
            }
        }
        long number = Fields.number(port, "port", 0);
        for (String msg : Formats.portNumber(number)) {
            errs.add(FieldError.invalid(path.child("port"), number, msg));
        }
        String protocol = Fields.text(port, "protocol");
        if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path.child("protocol"), protocol, PROTOCOLS));
        }
        if (Fields.has(port, "appProtocol")) {
            String appProtocol = Fields.text(port, "appProtocol");
            for (String msg : Formats.qualifiedName(appProtocol)) {
                errs.add(FieldError.invalid(path.child("appProtocol"), appProtocol, msg));
            }
        }
        return errs;
    }
}
