package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.List;

/**
 * Turns objects of one kind into rows of a {@code meta.k8s.io/v1 Table}, with the columns kube-apiserver's
 * printers define for that kind (what {@code kubectl get} shows). Cells always include the wide columns, as
 * the server always generates them; kubectl hides those of priority 1 unless asked for {@code -o wide}.
 */
public interface TableConvertor {

    /** The columns, as a JSON array of {@code {name, type, format, description, priority}}. */
    ArrayNode columnDefinitions();

    /** One row's cells for the object, aligned with {@link #columnDefinitions()}; ages are measured at {@code now}. */
    ArrayNode cells(JsonNode object, Instant now);

    /** The row's conditions; empty for most kinds. */
    default List<RowCondition> conditions(JsonNode object) {
        return List.of();
    }

    /**
     * The convertor for a kind ({@code group} is empty for the core group); kinds without a printer of their own
     * get Kubernetes' default table: {@code Name} and {@code Created At}.
     */
    static TableConvertor forKind(String group, String kind) {
        return Printers.forKind(group, kind);
    }
}
