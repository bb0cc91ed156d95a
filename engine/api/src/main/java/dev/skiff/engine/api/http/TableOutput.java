package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.crd.PrinterColumns;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.table.IncludeObjectPolicy;
import dev.skiff.engine.api.table.ListMeta;
import dev.skiff.engine.api.table.TableOptions;
import dev.skiff.engine.api.table.TableConvertor;
import dev.skiff.engine.api.table.TableOptionsException;
import dev.skiff.engine.api.table.Tables;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Server-side printing: answers requests whose Accept asks for {@code as=Table} (kubectl get does) with a
 * {@code meta.k8s.io/v1 Table} of the columns kubectl shows for the kind.
 */
final class TableOutput {
    static final String CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private final Clock clock;
    private final Function<ResourceType, Optional<JsonNode>> customVersions;

    /**
     * @param customVersions the CRD version a custom kind is served with (its additionalPrinterColumns),
     *                       empty for built-in kinds
     */
    TableOutput(Clock clock, Function<ResourceType, Optional<JsonNode>> customVersions) {
        this.clock = clock;
        this.customVersions = customVersions;
    }

    private TableConvertor convertor(ResourceType type) {
        return customVersions.apply(type).<TableConvertor>map(version -> new TableConvertor() {
            @Override
            public com.fasterxml.jackson.databind.node.ArrayNode columnDefinitions() {
                return PrinterColumns.columnDefinitions(version);
            }

            @Override
            public com.fasterxml.jackson.databind.node.ArrayNode cells(JsonNode object, java.time.Instant now) {
                return PrinterColumns.cells(version, object, now);
            }
        }).orElseGet(() -> TableConvertor.forKind(type.group(), type.kind()));
    }

    /** Whether the Accept header asks for a Table (v1 or v1beta1; both are answered with v1). */
    static boolean wanted(String accept) {
        if (accept == null) {
            return false;
        }
        for (String mediaType : accept.split(",")) {
            List<String> params = List.of(mediaType.replace(" ", "").split(";"));
            if (params.contains("as=Table") && params.contains("g=meta.k8s.io")) {
                return true;
            }
        }
        return false;
    }

    byte[] list(ResourceType type, List<byte[]> objects, String resourceVersion, String continueToken,
                String includeObject) {
        List<JsonNode> parsed = objects.stream().map(b -> (JsonNode) Json.parseStored(b)).toList();
        return Json.bytes(Tables.render(convertor(type), parsed, resourceVersion,
                continueToken, policy(includeObject), clock.instant()));
    }

    byte[] one(ResourceType type, byte[] object, String includeObject) {
        return one(type, object, includeObject, true);
    }

    /** One object as a Table; watch events after the first leave the column definitions out, as Kubernetes does. */
    byte[] one(ResourceType type, byte[] object, String includeObject, boolean withHeaders) {
        JsonNode parsed = Json.parseStored(object);
        TableOptions options = new TableOptions(policy(includeObject), !withHeaders);
        return Json.bytes(Tables.render(convertor(type), List.of(parsed),
                ListMeta.of(Json.text(parsed, "metadata.resourceVersion")), options, clock.instant()));
    }

    private static IncludeObjectPolicy policy(String includeObject) {
        try {
            return IncludeObjectPolicy.parse(includeObject);
        } catch (TableOptionsException e) {
            throw Errors.badRequest(e.getMessage());
        }
    }
}
