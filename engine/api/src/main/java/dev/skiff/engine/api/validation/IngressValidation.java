package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * networking.k8s.io/v1 Ingresses ({@code ValidateIngressSpec}): rules or a default backend, DNS (or wildcard) hosts
 * that are no IP addresses, typed paths ({@code pathType must be specified}), backends naming a service and a port.
 */
final class IngressValidation {

    private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
    private static final List<String> INVALID_PATH_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
    private static final List<String> INVALID_PATH_SUFFIXES = List.of("/..", "/.");

    private IngressValidation() {
    }

    static List<FieldError> ingress(ObjectNode ingress, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = Fields.object(ingress, "spec");
        FieldPath path = FieldPath.root("spec");
        List<JsonNode> rules = Fields.list(spec, "rules");
        if (rules.isEmpty() && !Fields.has(spec, "defaultBackend")) {
            errs.add(FieldError.invalid(path, spec.has("rules") && spec.get("rules").isArray()
                    ? GoValue.raw("[]networking.IngressRule{}") : GoValue.raw("[]networking.IngressRule(nil)"),
                    "either `defaultBackend` or `rules` must be specified"));
        }
        if (Fields.has(spec, "defaultBackend")) {
            errs.addAll(backend(spec.get("defaultBackend"), path.child("defaultBackend")));
        }
        boolean allowInvalidWildcardRules = old != null && hasInvalidWildcardRule(Fields.object(old, "spec"));
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            FieldPath at = path.child("rules").index(i);
            String host = Fields.text(rule, "host");
            boolean wildcard = false;
            if (!host.isEmpty()) {
                if (IpAddress.parse(host).isPresent()) {
                    errs.add(FieldError.invalid(at.child("host"), host, "must be a DNS name, not an IP address"));
                }
                List<String> msgs;
                if (host.contains("*")) {
                    msgs = Formats.wildcardDns1123Subdomain(host);
                    wildcard = true;
                } else {
                    msgs = Formats.dns1123Subdomain(host);
                }
                for (String msg : msgs) {
                    errs.add(FieldError.invalid(at.child("host"), host, msg));
                }
            }
            if (!wildcard || !allowInvalidWildcardRules) {
                errs.addAll(ruleValue(rule, at));
            }
        }
        List<JsonNode> tls = Fields.list(spec, "tls");
        for (int i = 0; i < tls.size(); i++) {
            List<String> hosts = Fields.strings(tls.get(i), "hosts");
            FieldPath at = path.child("tls").index(i);
            for (int j = 0; j < hosts.size(); j++) {
                String host = hosts.get(j);
                List<String> msgs = host.contains("*") ? Formats.wildcardDns1123Subdomain(host)
                        : Formats.dns1123Subdomain(host);
                for (String msg : msgs) {
                    errs.add(FieldError.invalid(at.child("hosts").index(j), host, msg));
                }
            }
            String secretName = Fields.text(tls.get(i), "secretName");
            if (!secretName.isEmpty()) {
                for (String msg : Formats.dns1123Subdomain(secretName)) {
                    errs.add(FieldError.invalid(at.child("secretName"), secretName, msg));
                }
            }
        }
        if (Fields.has(spec, "ingressClassName")) {
            String className = Fields.text(spec, "ingressClassName");
            for (String msg : Formats.dns1123Subdomain(className)) {
                errs.add(FieldError.invalid(path.child("ingressClassName"), className, msg));
            }
        }
        if (old == null) {
            JsonNode annotations = Fields.object(Fields.object(ingress, "metadata"), "annotations");
            if (Fields.has(annotations, "kubernetes.io/ingress.class") && Fields.has(spec, "ingressClassName")
                    && !Fields.text(annotations, "kubernetes.io/ingress.class")
                    .equals(Fields.text(spec, "ingressClassName"))) {
                errs.add(FieldError.invalid(FieldPath.root("annotations").child("kubernetes.io/ingress.class"),
                        Fields.text(annotations, "kubernetes.io/ingress.class"),
                        "must match `ingressClassName` when both are specified"));
            }
        }
        return errs;
    }

    private static boolean hasInvalidWildcardRule(JsonNode spec) {
        for (JsonNode rule : Fields.list(spec, "rules")) {
            if (Fields.text(rule, "host").contains("*") && !ruleValue(rule, FieldPath.root("")).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static List<FieldError> ruleValue(JsonNode rule, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (!Fields.has(rule, "http")) {
            return errs;
        }
        FieldPath httpPath = path.child("http");
        List<JsonNode> paths = Fields.list(rule.get("http"), "paths");
        if (paths.isEmpty()) {
            errs.add(FieldError.required(httpPath.child("paths"), ""));
        }
        for (int i = 0; i < paths.size(); i++) {
            errs.addAll(httpPath(paths.get(i), httpPath.child("paths").index(i)));
        }
        return errs;
    }

    private static List<FieldError> httpPath(JsonNode p, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (!Fields.has(p, "pathType")) {
            errs.add(FieldError.required(path.child("pathType"), "pathType must be specified"));
            return errs;
        }
        String pathType = Fields.text(p, "pathType");
        String value = Fields.text(p, "path");
        switch (pathType) {
            case "Exact", "Prefix" -> {
                if (!value.startsWith("/")) {
                    errs.add(FieldError.invalid(path.child("path"), value, "must be an absolute path"));
                }
                if (!value.isEmpty()) {
                    for (String seq : INVALID_PATH_SEQUENCES) {
                        if (value.contains(seq)) {
                            errs.add(FieldError.invalid(path.child("path"), value, "must not contain '" + seq + "'"));
                        }
                    }
                    for (String suffix : INVALID_PATH_SUFFIXES) {
                        if (value.endsWith(suffix)) {
                            errs.add(FieldError.invalid(path.child("path"), value, "cannot end with '" + suffix + "'"));
                        }
                    }
                }
            }
            case "ImplementationSpecific" -> {
                if (!value.isEmpty() && !value.startsWith("/")) {
                    errs.add(FieldError.invalid(path.child("path"), value, "must be an absolute path"));
                }
            }
            default -> errs.add(FieldError.notSupported(path.child("pathType"), pathType, PATH_TYPES));
        }
        errs.addAll(backend(Fields.object(p, "backend"), path.child("backend")));
        return errs;
    }

    private static List<FieldError> backend(JsonNode backend, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        boolean resource = Fields.has(backend, "resource");
        boolean service = Fields.has(backend, "service");
        if (resource && service) {
            errs.add(FieldError.invalid(path, "", "cannot set both resource and service backends"));
            return errs;
        }
        if (resource) {
            JsonNode ref = backend.get("resource");
            FieldPath at = path.child("resource");
            if (Fields.has(ref, "apiGroup")) {
                for (String msg : Formats.dns1123Subdomain(Fields.text(ref, "apiGroup"))) {
                    errs.add(FieldError.invalid(at.child("apiGroup"), Fields.text(ref, "apiGroup"), msg));
                }
            }
            for (String field : List.of("kind", "name")) {
                String value = Fields.text(ref, field);
                if (value.isEmpty()) {
                    errs.add(FieldError.required(at.child(field), ""));
                } else {
                    for (String msg : Formats.pathSegmentName(value)) {
                        errs.add(FieldError.invalid(at.child(field), value, msg));
                    }
                }
            }
        } else if (service) {
            JsonNode svc = backend.get("service");
            String name = Fields.text(svc, "name");
            if (name.isEmpty()) {
                errs.add(FieldError.required(path.child("service", "name"), ""));
            } else {
                for (String msg : Formats.dns1035Label(name)) {
                    errs.add(FieldError.invalid(path.child("service", "name"), name, msg));
                }
            }
            JsonNode port = Fields.object(svc, "port");
            String portName = Fields.text(port, "name");
            long portNumber = Fields.number(port, "number", 0);
            if (!portName.isEmpty() && portNumber != 0) {
                errs.add(FieldError.invalid(path, "", "cannot set both port name & port number"));
            } else if (!portName.isEmpty()) {
                for (String msg : Formats.portName(portName)) {
                    errs.add(FieldError.invalid(path.child("service", "port", "name"), portName, msg));
                }
            } else if (portNumber != 0) {
                for (String msg : Formats.portNumber(portNumber)) {
                    errs.add(FieldError.invalid(path.child("service", "port", "number"), portNumber, msg));
                }
            } else {
                errs.add(FieldError.required(path, "port name or number is required"));
            }
        } else {
            errs.add(FieldError.invalid(path, "", "resource or service backend is required"));
        }
        return errs;
    }

}
