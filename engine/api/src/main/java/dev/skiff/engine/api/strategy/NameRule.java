package dev.skiff.engine.api.strategy;

import java.util.regex.Pattern;

/** The name formats Kubernetes requires of objects, with its exact error wording. */
public enum NameRule {
    DNS1123_SUBDOMAIN(253, "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                    + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
    DNS1123_LABEL(63, "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                    + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used "
                    + "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
    DNS1035_LABEL(63, "[a-z]([-a-z0-9]*[a-z0-9])?",
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                    + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
                    + "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"),
    /** RBAC objects: any name that can be one URL path segment ("system:basic-user" is fine). */
    PATH_SEGMENT(Integer.MAX_VALUE, "[^/%]+", "may not contain '/' or '%'");

    private final int maxLength;
    private final Pattern pattern;
    private final String formatMessage;

    NameRule(int maxLength, String regex, String formatMessage) {
        this.maxLength = maxLength;
        this.pattern = Pattern.compile(regex);
        this.formatMessage = formatMessage;
    }

    /** The problems with {@code name}, empty when it is valid. */
    public java.util.List<String> problems(String name) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (this == PATH_SEGMENT) {
            if (name.equals(".") || name.equals("..")) {
                problems.add("may not be '" + name + "'");
            } else if (name.contains("/")) {
                problems.add("may not contain '/'");
            } else if (name.contains("%")) {
                problems.add("may not contain '%'");
            }
            return problems;
        }
        if (name.length() > maxLength) {
            problems.add("must be no more than " + maxLength + " characters");
        }
        if (!pattern.matcher(name).matches()) {
            problems.add(formatMessage);
        }
        return problems;
    }

    /** How long a generateName prefix may be so that the random suffix still fits. */
    public int maxLength() {
        return Math.min(maxLength, 253);
    }
}
