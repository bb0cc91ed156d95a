package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * networking.k8s.io/v1 NetworkPolicies ({@code ValidateNetworkPolicySpec}): valid selectors, one kind of peer,
 * CIDRs whose exceptions lie inside them, port ranges that go upwards. CIDRs already stored in the old object
 * stay accepted on update, as Kubernetes does for legacy values.
 */
final class NetworkPolicyValidation {

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

    private NetworkPolicyValidation() {
    }

    static List<FieldError> networkPolicy(ObjectNode policy, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = Fields.object(policy, "spec");
        FieldPath path = FieldPath.root("spec");
        List<String> existingCidrs = old == null ? List.of() : cidrs(Fields.object(old, "spec"));
        errs.addAll(LabelSelectors.validate(spec.get("podSelector"), path.child("podSelector")));
        for (String direction : List.of("ingress", "egress")) {
            String peers = direction.equals("ingress") ? "from" : "to";
            List<JsonNode> rules = Fields.list(spec, direction);
            for (int i = 0; i < rules.size(); i++) {
                FieldPath at = path.child(direction).index(i);
                List<JsonNode> ports = Fields.list(rules.get(i), "ports");
                for (int j = 0; j < ports.size(); j++) {
                    errs.addAll(policyPort(ports.get(j), at.child("ports").index(j)));
                }
                List<JsonNode> list = Fields.list(rules.get(i), peers);
                for (int j = 0; j < list.size(); j++) {
                    errs.addAll(peer(list.get(j), at.child(peers).index(j), existingCidrs));
                }
            }
        }
        List<String> types = Fields.strings(spec, "policyTypes");
        if (types.size() > 2) {
            errs.add(FieldError.invalid(path.child("policyTypes"), GoValue.raw(GoQuote.stringSlice(types)
                    .replace("[]string", "[]networking.PolicyType")), "may not specify more than two policyTypes"));
            return errs;
        }
        for (int i = 0; i < types.size(); i++) {
            if (!types.get(i).equals("Ingress") && !types.get(i).equals("Egress")) {
                errs.add(FieldError.notSupported(path.child("policyTypes").index(i), types.get(i),
                        List.of("Ingress", "Egress")));
            }
        }
        return errs;
    }

    private static List<FieldError> policyPort(JsonNode port, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (Fields.has(port, "protocol") && !PROTOCOLS.contains(Fields.text(port, "protocol"))) {
            errs.add(FieldError.notSupported(path.child("protocol"), Fields.text(port, "protocol"), PROTOCOLS));
        }
        boolean hasEnd = Fields.has(port, "endPort");
        long endPort = Fields.number(port, "endPort", 0);
        if (Fields.has(port, "port")) {
            JsonNode p = port.get("port");
            if (!p.isTextual()) {
                long number = p.asLong();
                for (String msg : Formats.portNumber(number)) {
                    errs.add(FieldError.invalid(path.child("port"), number, msg));
                }
                if (hasEnd) {
                    if (endPort < number) {
                        errs.add(FieldError.invalid(path.child("endPort"), endPort, "must be greater than or equal to `port`"));
                    }
                    for (String msg : Formats.portNumber(endPort)) {
                        errs.add(FieldError.invalid(path.child("endPort"), endPort, msg));
                    }
                }
            } else {
                if (hasEnd) {
                    errs.add(FieldError.invalid(path.child("endPort"), endPort, "may not be specified when `port` is non-numeric"));
                }
                for (String msg : Formats.portName(p.asText())) {
                    errs.add(FieldError.invalid(path.child("port"), p.asText(), msg));
                }
            }
        } else if (hasEnd) {
            errs.add(FieldError.invalid(path.child("endPort"), endPort, "may not be specified when `port` is not specified"));
        }
        return errs;
    }

    private static List<FieldError> peer(JsonNode peer, FieldPath path, List<String> existingCidrs) {
        List<FieldError> errs = new ArrayList<>();
        int count = 0;
        for (String selector : List.of("podSelector", "namespaceSelector")) {
            if (Fields.has(peer, selector)) {
                count++;
                errs.addAll(LabelSelectors.validate(peer.get(selector), path.child(selector)));
            }
        }
        boolean ipBlock = Fields.has(peer, "ipBlock");
        if (ipBlock) {
            count++;
            errs.addAll(ipBlock(peer.get("ipBlock"), path.child("ipBlock"), existingCidrs));
        }
        if (count == 0) {
            errs.add(FieldError.required(path, "must specify a peer"));
        } else if (count > 1 && ipBlock) {
            errs.add(FieldError.forbidden(path, "may not specify both ipBlock and another peer"));
        }
        return errs;
    }

    private static List<FieldError> ipBlock(JsonNode block, FieldPath path, List<String> existingCidrs) {
        List<FieldError> errs = new ArrayList<>();
        String cidr = Fields.text(block, "cidr");
        if (cidr.isEmpty()) {
            errs.add(FieldError.required(path.child("cidr"), ""));
            return errs;
        }
        Optional<IpAddress.Cidr> parsed = IpAddress.parseCidr(cidr);
        if (parsed.isEmpty()) {
            if (!existingCidrs.contains(cidr)) {
                errs.add(invalidCidr(path.child("cidr"), cidr));
            }
            return errs;
        }
        List<String> except = Fields.strings(block, "except");
        for (int i = 0; i < except.size(); i++) {
            FieldPath at = path.child("except").index(i);
            Optional<IpAddress.Cidr> ex = IpAddress.parseCidr(except.get(i));
            if (ex.isEmpty()) {
                if (!existingCidrs.contains(except.get(i))) {
                    errs.add(invalidCidr(at, except.get(i)));
                }
                continue;
            }
            if (!parsed.get().contains(ex.get().ip()) || parsed.get().prefix() >= ex.get().prefix()) {
                errs.add(FieldError.invalid(at, except.get(i), "must be a strict subset of `cidr`"));
            }
        }
        return errs;
    }

    private static FieldError invalidCidr(FieldPath path, String value) {
        return FieldError.invalid(path, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    }

    private static List<String> cidrs(JsonNode spec) {
        List<String> out = new ArrayList<>();
        for (String direction : List.of("ingress", "egress")) {
            for (JsonNode rule : Fields.list(spec, direction)) {
                for (JsonNode peer : Fields.list(rule, direction.equals("ingress") ? "from" : "to")) {
                    if (Fields.has(peer, "ipBlock")) {
                        out.add(Fields.text(peer.get("ipBlock"), "cidr"));
                        out.addAll(Fields.strings(peer.get("ipBlock"), "except"));
                    }
                }
            }
        }
        return out;
    }
}
