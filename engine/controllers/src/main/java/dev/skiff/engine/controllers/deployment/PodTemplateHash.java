package dev.skiff.engine.controllers.deployment;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The {@code pod-template-hash} of a pod template, in Kubernetes' form: an FNV-32a hash of the template,
 * printed in decimal and spelled with the "safe" alphabet that avoids vowels and look-alike characters.
 */
final class PodTemplateHash {
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private PodTemplateHash() {
    }

    static String of(JsonNode template, int collisionCount) {
        byte[] bytes;
        try {
            // sorted keys, so equal templates hash equally whatever their field order
            bytes = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(template, Object.class));
        } catch (Exception e) {
            bytes = template.toString().getBytes(UTF_8);
        }
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= (b & 0xff);
            hash *= 0x01000193;
        }
        if (collisionCount > 0) {
            hash ^= collisionCount;
            hash *= 0x01000193;
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder safe = new StringBuilder(decimal.length());
        for (char c : decimal.toCharArray()) {
            safe.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return safe.toString();
    }
}
