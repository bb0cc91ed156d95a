package dev.skiff.engine.node.images;

/**
 * Image references in the form the kubelet compares them: a reference without a tag or digest means
 * {@code :latest}, and Docker Hub's short names are the same image as their {@code docker.io/library/} form.
 */
public final class ImageReference {
    private ImageReference() {
    }

    /** The reference in its full form, e.g. {@code nginx} becomes {@code docker.io/library/nginx:latest}. */
    public static String normalize(String reference) {
        String ref = reference.trim();
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("an image reference must not be empty");
        }
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            ref = "docker.io/" + ref;
        } else if (first.equals("index.docker.io")) {
            ref = "docker.io" + ref.substring(slash);
        }
        if (ref.startsWith("docker.io/") && ref.indexOf('/', "docker.io/".length()) < 0) {
            ref = "docker.io/library/" + ref.substring("docker.io/".length()); // Docker Hub's official images
        }
        int lastSlash = ref.lastIndexOf('/');
        String last = ref.substring(lastSlash + 1);
        if (!last.contains(":") && !last.contains("@")) {
            ref = ref + ":latest";
        }
        return ref;
    }

    /** The reference without its tag or digest. */
    public static String repository(String reference) {
        String ref = normalize(reference);
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at); // name:tag@digest has a tag too
        }
        int lastSlash = ref.lastIndexOf('/');
        int colon = ref.indexOf(':', lastSlash + 1);
        return colon < 0 ? ref : ref.substring(0, colon);
    }
}
