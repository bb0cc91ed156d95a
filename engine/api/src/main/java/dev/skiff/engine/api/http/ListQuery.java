package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.select.FieldSelector;
import dev.skiff.engine.api.select.LabelSelector;
import dev.skiff.engine.api.select.SelectorException;
import dev.skiff.engine.api.status.Errors;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * The query of a list or watch: selectors, paging, resourceVersion. Bad selectors and continue tokens
 * are refused here with a 400 that says what is wrong.
 */
record ListQuery(LabelSelector labels, FieldSelector fields, int limit, Continue continueFrom,
                 String resourceVersion) {

    /** Where the previous page ended and the revision of its list. */
    record Continue(long revision, String lastKey) {
        String encode() {
            String json = "{\"rv\":" + revision + ",\"start\":" + Json.string(Json.NODES.textNode(lastKey)) + "}";
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        static Continue decode(String token) {
            try {
                String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                ObjectNode node = (ObjectNode) Json.LENIENT.readTree(json);
                return new Continue(node.get("rv").asLong(), node.get("start").asText());
            } catch (Exception e) {
                throw Errors.badRequest("continue key is not valid: " + e.getMessage());
            }
        }
    }

    static ListQuery of(MultiMap params, ResourceType type) {
        LabelSelector labels;
        FieldSelector fields;
        try {
            labels = LabelSelector.parse(nonNull(params.get("labelSelector")));
            fields = FieldSelector.parse(nonNull(params.get("fieldSelector"))).forKind(type.group(), type.kind());
        } catch (SelectorException e) {
            throw Errors.badRequest(e.getMessage());
        }
        int limit = 0;
        String limitText = params.get("limit");
        if (limitText != null && !limitText.isEmpty()) {
            try {
                limit = Math.max(0, Integer.parseInt(limitText));
            } catch (NumberFormatException e) {
                throw Errors.badRequest("limit must be an integer, got \"" + limitText + "\"");
            }
        }
        String token = params.get("continue");
        Continue from = token == null || token.isEmpty() ? null : Continue.decode(token);
        return new ListQuery(labels, fields, limit, from, params.get("resourceVersion"));
    }

    Predicate<ObjectNode> filter(ResourceType type) {
        if (labels.isEmpty() && fields.isEmpty()) {
            return o -> true;
        }
        return o -> labels.matches(o.path("metadata").path("labels"))
                && fields.matches(type.group(), type.kind(), o);
    }

    boolean selects() {
        return !labels.isEmpty() || !fields.isEmpty();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
