package dev.skiff.engine.api.defaults;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pull policy Kubernetes gives an image reference that has none: {@code Always} for the tag
 * {@code latest}, written or implied (no tag and no digest), and {@code IfNotPresent} otherwise, including
 * for references that do not parse.
 */
final class ImagePullPolicy {

    static final String ALWAYS = "Always";
    static final String IF_NOT_PRESENT = "IfNotPresent";

    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    /** The grammar of a container image reference: name, optional tag, optional digest. */
    private static final Pattern REFERENCE =
            Pattern.compile("(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    /** A bare image ID, which a reference may not be. */
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");
    private static final int NAME_MAX_LENGTH = 255;
    /** Longer than any name, tag and digest together; spares the matcher pathological input. */
    private static final int REFERENCE_MAX_LENGTH = 1024;

    private ImagePullPolicy() {
    }

    /** The default pull policy for {@code image}. */
    static String forImage(String image) {
        return "latest".equals(tag(image)) ? ALWAYS : IF_NOT_PRESENT;
    }

    /**
     * The tag Kubernetes reads from {@code image}: the written one, {@code latest} when neither tag nor digest
     * is written, and {@code ""} when there is only a digest or the reference does not parse.
     */
    static String tag(String image) {
        if (image.length() > REFERENCE_MAX_LENGTH) {
            return "";
        }
        Matcher reference = REFERENCE.matcher(image);
        if (!reference.matches() || IMAGE_ID.matcher(image).matches()
                || reference.group(1).length() > NAME_MAX_LENGTH) {
            return "";
        }
        if (reference.group(2) != null) {
            return reference.group(2);
        }
        return reference.group(3) == null ? "latest" : "";
    }
}
