package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Webhook entries for tests that use a fake transport. */
final class WebhookAdmissionTestHooks {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookAdmissionTestHooks() {}

    /** Matches CREATE/UPDATE of core v1 pods; its url names it. */
    static ObjectNode webhook(String name) {
        ObjectNode hook = MAPPER.createObjectNode().put("name", name);
        hook.putObject("clientConfig").put("url", "https://hooks/" + name);
        ObjectNode rule = hook.putArray("rules").addObject();
        rule.putArray("operations").add("CREATE").add("UPDATE");
        rule.putArray("apiGroups").add("");
        rule.putArray("apiVersions").add("v1");
        rule.putArray("resources").add("pods");
        hook.put("sideEffects", "None");
        hook.putArray("admissionReviewVersions").add("v1");
        return hook;
    }
}
