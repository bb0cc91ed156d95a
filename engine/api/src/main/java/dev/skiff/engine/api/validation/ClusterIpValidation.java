package dev.skiff.engine.api.validation;

import static dev.skiff.engine.api.validation.ServiceValidation.headless;
import static dev.skiff.engine.api.validation.ServiceValidation.pointerText;
import static dev.skiff.engine.api.validation.ServiceValidation.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Service's cluster IPs and IP families ({@code ValidateServiceClusterIPsRelatedFields}) and how they may change
 * on update: a primary cluster IP or family never changes ({@code may not change once set}); a secondary may be
 * added or released.
 */
final class ClusterIpValidation {

    private static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
    private static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");

    private ClusterIpValidation() {
    }

    /** {@code ValidateServiceClusterIPsRelatedFields}. */
    static List<FieldError> clusterIpsRelatedFields(JsonNode spec, FieldPath specPath) {
        List<FieldError> errs = new ArrayList<>();
        if (type(spec).equals("ExternalName")) {
            return errs;
        }
        FieldPath ipsPath = specPath.child("clusterIPs");
        List<String> ips = Fields.strings(spec, "clusterIPs");
        String clusterIp = Fields.text(spec, "clusterIP");
        if (!clusterIp.isEmpty()) {
            if (ips.isEmpty()) {
                errs.add(FieldError.required(ipsPath, ""));
            } else if (!ips.get(0).equals(clusterIp)) {
                errs.add(FieldError.invalid(ipsPath, GoValue.stringSlice(ips), "first value must match `clusterIP`"));
            }
        } else if (!ips.isEmpty()) {
            errs.add(FieldError.invalid(ipsPath, GoValue.stringSlice(ips), "must be empty when `clusterIP` is not specified"));
        }
        List<String> families = Fields.strings(spec, "ipFamilies");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < families.size(); i++) {
            if (!IP_FAMILIES.contains(families.get(i))) {
                errs.add(FieldError.notSupported(specPath.child("ipFamilies").index(i), families.get(i), IP_FAMILIES));
            }
            if (!seen.add(families.get(i))) {
                errs.add(FieldError.duplicate(specPath.child("ipFamilies").index(i), families.get(i)));
            }
        }
        if (Fields.has(spec, "ipFamilyPolicy") && !IP_FAMILY_POLICIES.contains(Fields.text(spec, "ipFamilyPolicy"))) {
            errs.add(FieldError.notSupported(specPath.child("ipFamilyPolicy"), Fields.text(spec, "ipFamilyPolicy"),
                    IP_FAMILY_POLICIES));
        }
        boolean invalidIps = false;
        for (int i = 0; i < ips.size(); i++) {
            if (i == 0 && ips.get(0).equals("None")) {
                if (ips.size() > 1) {
                    invalidIps = true;
                    errs.add(FieldError.invalid(ipsPath, GoValue.stringSlice(ips), "'None' must be the first and only value"));
                }
                continue;
            }
            List<FieldError> ipErrs = IpValidation.validIp(ips.get(i), ipsPath.index(i));
            invalidIps |= !ipErrs.isEmpty();
            errs.addAll(ipErrs);
        }
        if (ips.size() > 2) {
            errs.add(FieldError.invalid(ipsPath, GoValue.stringSlice(ips), "may only hold up to 2 values"));
        }
        if (invalidIps) {
            return errs;
        }
        if (ips.size() > 1) {
            boolean v4 = false;
            boolean v6 = false;
            for (String ip : ips) {
                boolean isV4 = IpAddress.parse(ip).map(IpAddress::isV4).orElse(false);
                v4 |= isV4;
                v6 |= !isV4;
            }
            if (!(v4 && v6)) {
                errs.add(FieldError.invalid(ipsPath, GoValue.stringSlice(ips),
                        "may specify no more than one IP for each IP family"));
            }
        }
        if (!headless(spec) && !ips.isEmpty() && !families.isEmpty()) {
            for (int i = 0; i < ips.size() && i < families.size(); i++) {
                boolean isV6 = !IpAddress.parse(ips.get(i)).map(IpAddress::isV4).orElse(true);
                if (families.get(i).equals("IPv4") && isV6) {
                    errs.add(FieldError.invalid(ipsPath.index(i), ips.get(i),
                            "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
                }
                if (families.get(i).equals("IPv6") && !isV6) {
                    errs.add(FieldError.invalid(ipsPath.index(i), ips.get(i),
                            "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
                }
            }
        }
        return errs;
    }

    static List<FieldError> upgradeDowngradeClusterIPs(JsonNode old, JsonNode spec) {
        List<FieldError> errs = new ArrayList<>();
        if (type(spec).equals("ExternalName") || type(old).equals("ExternalName")) {
            return errs;
        }
        if (headless(old) && headless(spec)) {
            return errs;
        }
        List<String> before = Fields.strings(old, "clusterIPs");
        List<String> now = Fields.strings(spec, "clusterIPs");
        FieldPath path = FieldPath.root("spec").child("clusterIPs");
        GoValue shown = GoValue.stringSlice(Fields.stringsOrNull(spec, "clusterIPs"));
        if (before.size() == now.size()) {
            for (int i = 0; i < before.size(); i++) {
                if (!before.get(i).equals(now.get(i))) {
                    errs.add(FieldError.invalid(path.index(i), shown, "may not change once set"));
                }
            }
        } else if (before.size() > now.size()) {
            if (now.isEmpty()) {
                errs.add(FieldError.invalid(path.index(0), shown, "primary clusterIP can not be unset"));
            }
            if (!before.isEmpty() && !now.isEmpty() && !now.get(0).equals(before.get(0))) {
                errs.add(FieldError.invalid(path.index(0), shown, "may not change once set"));
            }
            if (now.size() == 1 && !"SingleStack".equals(Fields.text(spec, "ipFamilyPolicy"))) {
                errs.add(FieldError.invalid(FieldPath.root("spec").child("ipFamilyPolicy"),
                        pointerText(spec, "ipFamilyPolicy"), "must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        } else if (!before.isEmpty() && !now.get(0).equals(before.get(0))) {
            errs.add(FieldError.invalid(path.index(0), shown, "may not change once set"));
        }
        return errs;
    }

    static List<FieldError> upgradeDowngradeIpFamilies(JsonNode old, JsonNode spec) {
        List<FieldError> errs = new ArrayList<>();
        if (type(spec).equals("ExternalName") || type(old).equals("ExternalName")) {
            return errs;
        }
        if (headless(old) != headless(spec) || headless(spec)) {
            return errs;
        }
        List<String> before = Fields.strings(old, "ipFamilies");
        List<String> now = Fields.strings(spec, "ipFamilies");
        FieldPath path = FieldPath.root("spec").child("ipFamilies").index(0);
        if (before.size() == now.size()) {
            for (int i = 0; i < before.size(); i++) {
                if (!before.get(i).equals(now.get(i))) {
                    errs.add(FieldError.invalid(path, GoValue.stringSlice(Fields.stringsOrNull(spec, "ipFamilies")),
                            "may not change once set"));
                }
            }
        } else if (before.size() > now.size()) {
            if (!Fields.nonEmpty(spec, "clusterIPs")) {
                errs.add(FieldError.invalid(path, GoValue.stringSlice(Fields.stringsOrNull(spec, "ipFamilies")),
                        "primary ipFamily can not be unset"));
            }
            if (!now.isEmpty() && !now.get(0).equals(before.get(0))) {
                errs.add(FieldError.invalid(path, GoValue.stringSlice(Fields.stringsOrNull(spec, "clusterIPs")),
                        "may not change once set"));
            }
            if (now.size() == 1 && !"SingleStack".equals(Fields.text(spec, "ipFamilyPolicy"))) {
                errs.add(FieldError.invalid(FieldPath.root("spec").child("ipFamilyPolicy"),
                        pointerText(spec, "ipFamilyPolicy"), "must be set to 'SingleStack' when releasing the secondary ipFamily"));
            }
        } else if (!before.isEmpty() && !now.isEmpty() && !now.get(0).equals(before.get(0))) {
            errs.add(FieldError.invalid(path, GoValue.stringSlice(Fields.stringsOrNull(spec, "clusterIPs")),
                    "may not change once set"));
        }
        return errs;
    }
}
