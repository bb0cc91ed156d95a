package dev.skiff.engine.api.strategy;

import dev.skiff.engine.api.text.Formats;
import java.util.List;
import java.util.function.Function;

/** The name formats Kubernetes requires of objects, with its exact error wording. */
public enum NameRule {
    DNS1123_SUBDOMAIN(Formats.DNS1123_SUBDOMAIN_MAX, Formats::dns1123Subdomain),
    DNS1123_LABEL(Formats.DNS1123_LABEL_MAX, Formats::dns1123Label),
    DNS1035_LABEL(Formats.DNS1123_LABEL_MAX, Formats::dns1035Label),
    /** RBAC objects: any name that can be one URL path segment ("system:basic-user" is fine). */
    PATH_SEGMENT(Integer.MAX_VALUE, Formats::pathSegmentName);

    private final int maxLength;
    private final Function<String, List<String>> check;

    NameRule(int maxLength, Function<String, List<String>> check) {
        this.maxLength = maxLength;
        this.check = check;
    }

    /** The problems with {@code name}, empty when it is valid. */
    public List<String> problems(String name) {
        return check.apply(name);
    }

    /** How long a generateName prefix may be so that the random suffix still fits. */
    public int maxLength() {
        return Math.min(maxLength, 253);
    }
}
