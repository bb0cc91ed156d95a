package dev.skiff.engine.api.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats of {@code k8s.io/apimachinery/pkg/util/validation}: each check returns the list of
 * Kubernetes' messages for what is wrong, empty when the value is fine. Object validation, label selectors and
 * metadata checks all use these, so that one rule gives one text everywhere. Lengths count UTF-8 bytes, as Go's
 * {@code len} does.
 */
public final class Formats {

    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);

    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);

    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);

    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);

    private static final String WILDCARD_SUBDOMAIN_FMT = "\\*\\." + DNS1123_SUBDOMAIN_FMT;
    private static final String WILDCARD_SUBDOMAIN_MSG = "a wildcard DNS-1123 subdomain must start with '*.', "
            + "followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' "
            + "and end with an alphanumeric character";
    private static final Pattern WILDCARD_SUBDOMAIN = Pattern.compile(WILDCARD_SUBDOMAIN_FMT);

    private static final String C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*";

    private static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private static final String ENV_VAR_NAME_MSG = "a valid environment variable name must consist of alphabetic "
            + "characters, digits, '_', '-', or '.', and must not start with a digit";
    private static final Pattern ENV_VAR_NAME = Pattern.compile(ENV_VAR_NAME_FMT);
    private static final String RELAXED_ENV_VAR_NAME_MSG =
            "a valid environment variable name must consist only of printable ASCII characters other than '='";

    private static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final String CONFIG_MAP_KEY_MSG =
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile(CONFIG_MAP_KEY_FMT);

    private static final String PERCENT_FMT = "[0-9]+%";
    private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);

    private static final String HTTP_HEADER_NAME_FMT = "[-A-Za-z0-9]+";
    private static final Pattern HTTP_HEADER_NAME = Pattern.compile(HTTP_HEADER_NAME_FMT);

    private static final String HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
    private static final Pattern HTTP_PATH = Pattern.compile(HTTP_PATH_FMT);

    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
    private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*", Pattern.DOTALL);

    /** The longest DNS-1123 label: 63 characters. */
    public static final int DNS1123_LABEL_MAX = 63;
    /** The longest DNS-1123 subdomain: 253 characters. */
    public static final int DNS1123_SUBDOMAIN_MAX = 253;

    private Formats() {
    }

    /** {@code IsQualifiedName}: label keys, annotation keys, resource names. */
    public static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        switch (parts.length) {
            case 1 -> name = parts[0];
            case 2 -> {
                String prefix = parts[0];
                name = parts[1];
                if (prefix.isEmpty()) {
                    errs.add("prefix part " + emptyError());
                } else {
                    for (String msg : dns1123Subdomain(prefix)) {
                        errs.add("prefix part " + msg);
                    }
                }
            }
            default -> {
                errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT,
                        "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
            }
        }
        if (name.isEmpty()) {
            errs.add("name part " + emptyError());
        } else if (length(name) > 63) {
            errs.add("name part " + maxLenError(63));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /** {@code IsValidLabelValue}. */
    public static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (length(value) > 63) {
            errs.add(maxLenError(63));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** {@code IsDNS1123Label}: container, port, volume and namespace names. */
    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (length(value) > DNS1123_LABEL_MAX) {
            errs.add(maxLenError(DNS1123_LABEL_MAX));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
                errs.add("must not contain dots");
            } else {
                errs.add(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errs;
    }

    /** {@code IsDNS1123Subdomain}: most object names, hostnames. */
    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (length(value) > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    /** {@code IsDNS1035Label}: Service names (and Ingress backend service names in 1.32). */
    public static List<String> dns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (length(value) > DNS1123_LABEL_MAX) {
            errs.add(maxLenError(DNS1123_LABEL_MAX));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    /** {@code IsWildcardDNS1123Subdomain}: Ingress hosts with a {@code *}. */
    public static List<String> wildcardDns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (length(value) > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
        }
        if (!WILDCARD_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError(WILDCARD_SUBDOMAIN_MSG, WILDCARD_SUBDOMAIN_FMT, "*.example.com"));
        }
        return errs;
    }

    /** {@code IsEnvVarName}, the strict rule (used when RelaxedEnvironmentVariableValidation is off). */
    public static List<String> envVarName(String value) {
        List<String> errs = new ArrayList<>();
        if (!ENV_VAR_NAME.matcher(value).matches()) {
            errs.add(regexError(ENV_VAR_NAME_MSG, ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        }
        errs.addAll(chDirPrefix(value));
        return errs;
    }

    /** {@code IsRelaxedEnvVarName}: 1.32's default, the RelaxedEnvironmentVariableValidation gate being beta. */
    public static List<String> relaxedEnvVarName(String value) {
        List<String> errs = new ArrayList<>();
        if (value.isEmpty()) {
            errs.add("environment variable name " + emptyError());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7e || c < 0x20 || c == '=') {
                errs.add(RELAXED_ENV_VAR_NAME_MSG);
                break;
            }
        }
        return errs;
    }

    /** {@code IsConfigMapKey}: ConfigMap and Secret data keys. */
    public static List<String> configMapKey(String value) {
        List<String> errs = new ArrayList<>();
        if (length(value) > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
        }
        if (!CONFIG_MAP_KEY.matcher(value).matches()) {
            errs.add(regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        errs.addAll(chDirPrefix(value));
        return errs;
    }

    /** {@code IsValidPortNum}. */
    public static List<String> portNumber(long port) {
        return 1 <= port && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
    }

    /** {@code IsValidPortName}: an IANA service name. */
    public static List<String> portName(String port) {
        List<String> errs = new ArrayList<>();
        if (length(port) > 15) {
            errs.add(maxLenError(15));
        }
        if (!PORT_NAME_CHARSET.matcher(port).matches()) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!ONE_LETTER.matcher(port).matches()) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    /** {@code IsValidPercent}. */
    public static List<String> percent(String value) {
        if (PERCENT.matcher(value).matches()) {
            return List.of();
        }
        return List.of(regexError("a valid percent string must be a numeric string followed by an ending '%'",
                PERCENT_FMT, "1%", "93%"));
    }

    /** {@code IsHTTPHeaderName}. */
    public static List<String> httpHeaderName(String value) {
        if (HTTP_HEADER_NAME.matcher(value).matches()) {
            return List.of();
        }
        return List.of(regexError("a valid HTTP header must consist of alphanumeric characters or '-'",
                HTTP_HEADER_NAME_FMT, "X-Header-Name"));
    }

    /** Whether {@code value} matches the path part of {@code IsDomainPrefixedPath}. */
    public static boolean httpPath(String value) {
        return HTTP_PATH.matcher(value).matches();
    }

    /** The message for a path that fails {@link #httpPath}. */
    public static String httpPathError() {
        return regexError("Invalid path", HTTP_PATH_FMT);
    }

    /** {@code IsValidPathSegmentName}: names that become URL path segments (HPA targets, metric names). */
    public static List<String> pathSegmentName(String name) {
        if (name.equals(".") || name.equals("..")) {
            return List.of("may not be '" + name + "'");
        }
        List<String> errs = new ArrayList<>();
        if (name.contains("/")) {
            errs.add("may not contain '/'");
        }
        if (name.contains("%")) {
            errs.add("may not contain '%'");
        }
        return errs;
    }

    /** {@code IsValidUserID} / {@code IsValidGroupID}. */
    public static List<String> userOrGroupId(long id) {
        return id >= 0 && id <= Integer.MAX_VALUE ? List.of() : List.of(inclusiveRangeError(0, Integer.MAX_VALUE));
    }

    /** Whether {@code value} is a C identifier (used by a few legacy fields). */
    public static boolean cIdentifier(String value) {
        return value.matches(C_IDENTIFIER_FMT);
    }

    /** Kubernetes' {@code MaxLenError}. */
    public static String maxLenError(int length) {
        return "must be no more than " + length + " characters";
    }

    /** Kubernetes' {@code EmptyError}. */
    public static String emptyError() {
        return "must be non-empty";
    }

    /** Kubernetes' {@code InclusiveRangeError}. */
    public static String inclusiveRangeError(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    /** Kubernetes' {@code RegexError}, including its odd {@code ",  or "} spacing between examples. */
    public static String regexError(String msg, String fmt, String... examples) {
        if (examples.length == 0) {
            return msg + " (regex used for validation is '" + fmt + "')";
        }
        StringBuilder out = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                out.append(" or ");
            }
            out.append('\'').append(examples[i]).append("', ");
        }
        return out.append("regex used for validation is '").append(fmt).append("')").toString();
    }

    private static List<String> chDirPrefix(String value) {
        if (value.equals(".")) {
            return List.of("must not be '.'");
        }
        if (value.equals("..")) {
            return List.of("must not be '..'");
        }
        if (value.startsWith("..")) {
            return List.of("must not start with '..'");
        }
        return List.of();
    }

    // Go measures strings in bytes.
    private static int length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
