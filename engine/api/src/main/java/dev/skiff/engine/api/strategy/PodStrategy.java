package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.status.Status;
import java.util.ArrayList;
import java.util.List;

/** Pods start Pending with the QoS class their resources give them; each container needs a name and image. */
final class PodStrategy extends GenericStrategy {
    PodStrategy() {
        super(NameRule.DNS1123_SUBDOMAIN, false, true);
    }

    @Override
    public void prepareForCreate(ObjectNode pod) {
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", QosClass.of(pod.path("spec")));
    }

    @Override
    public List<Status.Cause> validate(ObjectNode pod) {
        List<Status.Cause> causes = new ArrayList<>();
        JsonNode containers = pod.path("spec").path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            causes.add(new Status.Cause("FieldValueRequired", "Required value", "spec.containers"));
            return causes;
        }
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            if (c.path("name").asText("").isEmpty()) {
                causes.add(new Status.Cause("FieldValueRequired", "Required value",
                        "spec.containers[" + i + "].name"));
            }
            if (c.path("image").asText("").isEmpty()) {
                causes.add(new Status.Cause("FieldValueRequired", "Required value",
                        "spec.containers[" + i + "].image"));
            }
        }
        return causes;
    }
}
