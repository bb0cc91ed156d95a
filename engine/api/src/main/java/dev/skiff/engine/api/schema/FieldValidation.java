package dev.skiff.engine.api.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Server-side field validation of request bodies, as kube-apiserver applies it for
 * {@code fieldValidation=Strict|Warn|Ignore}.
 *
 * <p>How kube-apiserver answers, which the request pipeline should follow:
 * <ul>
 *   <li>any {@link FieldProblem.Kind#DECODING_ERROR}: 400 BadRequest, whatever the directive, with the message
 *       {@code <Kind> in version "<version>" cannot be handled as a <Kind>: <first problem's message>};</li>
 *   <li>unknown fields under Strict: 400 BadRequest with
 *       {@code <Kind> in version "<version>" cannot be handled as a <Kind>: } + {@link #strictDecodingError};</li>
 *   <li>unknown fields under Warn: one {@code Warning} header per problem, its message as the text;</li>
 *   <li>under Warn and Ignore the unknown fields are dropped before storing: {@link #prune}.</li>
 * </ul>
 */
public final class FieldValidation {

    private FieldValidation() {
    }

    /**
     * Every unknown field and every value of the wrong JSON type in {@code body}, in document order.
     * Free-form maps (labels, annotations, data, nodeSelector, resource limits) accept any key.
     * The body is not changed.
     */
    public static List<FieldProblem> check(ObjectNode body, ObjectSchema schema) {
        return FieldWalk.run(body, schema.root(), false);
    }

    /**
     * Removes every unknown field from {@code body}, in place, and returns the problems for the removed fields
     * (the same {@link FieldProblem.Kind#UNKNOWN_FIELD} entries {@link #check} reports). Values of the wrong
     * type are left alone: such a request is refused anyway.
     */
    public static List<FieldProblem> prune(ObjectNode body, ObjectSchema schema) {
        return FieldWalk.run(body, schema.root(), true).stream()
                .filter(problem -> problem.kind() == FieldProblem.Kind.UNKNOWN_FIELD)
                .toList();
    }

    /**
     * The text kube-apiserver puts after {@code cannot be handled as a <Kind>: } when Strict rejects a body:
     * {@code strict decoding error: unknown field "spec.foo", unknown field "spec.bar"}.
     */
    public static String strictDecodingError(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::message)
                .collect(Collectors.joining(", ", "strict decoding error: ", ""));
    }

    /**
     * Kubernetes' message for a duplicate field found by Jackson's {@code STRICT_DUPLICATE_DETECTION}:
     * {@code duplicate field "spec.replicas"}, with the field's full path. Empty when the exception is not about
     * a duplicate field. Kubernetes treats duplicates like unknown fields: Strict fails, Warn warns, Ignore keeps
     * the last value (so parse again without duplicate detection for those).
     */
    public static Optional<String> duplicateField(StreamReadException exception) {
        String message = exception.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")
                || !(exception.getProcessor() instanceof JsonParser parser)) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            segments.addFirst(context.inArray() ? "[" + context.getCurrentIndex() + "]" : "." + context.getCurrentName());
        }
        String path = String.join("", segments);
        return Optional.of("duplicate field \"" + (path.startsWith(".") ? path.substring(1) : path) + "\"");
    }
}
