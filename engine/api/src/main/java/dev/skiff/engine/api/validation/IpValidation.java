package dev.skiff.engine.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** IP addresses and CIDRs in specs, with Kubernetes' messages. */
final class IpValidation {

    private IpValidation() {
    }

    /** {@code IsValidIP}. */
    static List<FieldError> validIp(String value, FieldPath path) {
        if (IpAddress.parse(value).isPresent()) {
            return List.of();
        }
        return List.of(FieldError.invalid(path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }

    /** {@code IsValidCIDR}. */
    static List<FieldError> validCidr(String value, FieldPath path) {
        if (IpAddress.parseCidr(value).isPresent()) {
            return List.of();
        }
        return List.of(FieldError.invalid(path, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
    }

    /**
     * {@code ValidateNonSpecialIP}. Skiff's pods live in 127.0.0.0/8, so endpoint objects pass
     * {@code allowLoopback}; Kubernetes itself refuses loopback endpoints.
     */
    static List<FieldError> nonSpecialIp(String value, FieldPath path, boolean allowLoopback) {
        List<FieldError> errs = new ArrayList<>();
        Optional<IpAddress> ip = IpAddress.parse(value);
        if (ip.isEmpty()) {
            errs.add(FieldError.invalid(path, value, "must be a valid IP address"));
            return errs;
        }
        if (ip.get().isUnspecified()) {
            errs.add(FieldError.invalid(path, value, "may not be unspecified (" + value + ")"));
        }
        if (ip.get().isLoopback() && !allowLoopback) {
            errs.add(FieldError.invalid(path, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }
        if (ip.get().isLinkLocalUnicast()) {
            errs.add(FieldError.invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }
        if (ip.get().isLinkLocalMulticast()) {
            errs.add(FieldError.invalid(path, value,
                    "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
        return errs;
    }

}
