package dev.skiff.engine.api.http;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.RequestContext.FieldValidationMode;
import dev.skiff.engine.api.protobuf.ProtobufBodies;
import dev.skiff.engine.api.protobuf.ProtobufDecodingException;
import dev.skiff.engine.api.registry.Warnings;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.schema.FieldProblem;
import dev.skiff.engine.api.schema.FieldValidation;
import dev.skiff.engine.api.schema.ObjectSchema;
import dev.skiff.engine.api.status.Errors;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Turns a request body into an object tree of the expected kind, applying the request's field
 * validation: Strict refuses unknown and duplicate fields with a 400 naming them; Warn drops them with
 * a warning; Ignore drops them silently. Kubernetes drops unknown fields before storing in every mode.
 */
final class BodyDecoder {
    private static final ObjectMapper YAML_STRICT = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper YAML_LENIENT = YAMLMapper.builder(new YAMLFactory()).build();

    private BodyDecoder() {
    }

    /** Parses JSON or YAML (by content type) into a tree; duplicates are handled per the mode. */
    static JsonNode parse(byte[] body, String contentType, FieldValidationMode mode, Warnings warnings) {
        boolean yaml = contentType != null && contentType.contains("yaml");
        ObjectMapper strict = yaml ? YAML_STRICT : Json.STRICT;
        ObjectMapper lenient = yaml ? YAML_LENIENT : Json.LENIENT;
        if (body.length == 0) {
            throw Errors.badRequest("the request body is empty: send the object as JSON or YAML");
        }
        if (ProtobufBodies.MEDIA_TYPE.equals(contentType) || ProtobufBodies.hasProtobufPrefix(body)) {
            try {
                return ProtobufBodies.decode(body);
            } catch (ProtobufDecodingException e) {
                throw Errors.badRequest("the protobuf body could not be decoded: " + e.getMessage());
            }
        }
        try {
            return strict.readTree(body);
        } catch (StreamReadException e) {
            Optional<String> duplicate = FieldValidation.duplicateField(e);
            if (duplicate.isEmpty()) {
                throw Errors.badRequest("the body of the request is not valid " + (yaml ? "YAML" : "JSON") + ": "
                        + e.getOriginalMessage());
            }
            if (mode == FieldValidationMode.STRICT) {
                throw Errors.badRequest("strict decoding error: " + duplicate.get());
            }
            if (mode == FieldValidationMode.WARN) {
                warnings.add(duplicate.get());
            }
            try {
                return lenient.readTree(body);
            } catch (IOException again) {
                throw Errors.badRequest("the body of the request is not valid: " + again.getMessage());
            }
        } catch (IOException e) {
            throw Errors.badRequest("the body of the request is not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getMessage());
        }
    }

    /** The request's body as an object of {@code type} (the kind's field validation applied). */
    static ObjectNode objectOf(ApiRequest req, ResourceType type) {
        FieldValidationMode mode = req.context().fieldValidation();
        return asObjectOf(parse(req.body(), req.contentType(), mode, req.warnings()), type, mode, req.warnings());
    }

    /** Checks that the tree is an object of the expected kind and applies field validation to it. */
    static ObjectNode asObjectOf(JsonNode tree, ResourceType type, FieldValidationMode mode, Warnings warnings) {
        if (!(tree instanceof ObjectNode object)) {
            throw Errors.badRequest("the body of the request must be a JSON object of kind " + type.kind());
        }
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (kind.isEmpty()) {
            throw Errors.badRequest("Object 'Kind' is missing in '" + abbreviate(Json.string(object)) + "'");
        }
        if (!kind.equals(type.kind())) {
            throw Errors.badRequest("the kind in the body (" + kind + ") does not match the kind served at this "
                    + "URL (" + type.kind() + ")");
        }
        if (!apiVersion.equals(type.apiVersion())) {
            throw Errors.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        checkFields(object, type, mode, warnings);
        return object;
    }

    static void checkFields(ObjectNode object, ResourceType type, FieldValidationMode mode, Warnings warnings) {
        Optional<ObjectSchema> schema = ObjectSchema.forKind(type.group(), type.version(), type.kind());
        if (schema.isEmpty()) {
            return;
        }
        List<FieldProblem> problems = FieldValidation.check(object, schema.get());
        if (problems.isEmpty()) {
            return;
        }
        String cannotHandle = type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                + type.kind() + ": ";
        for (FieldProblem p : problems) {
            if (p.kind() == FieldProblem.Kind.DECODING_ERROR) {
                throw Errors.badRequest(cannotHandle + p.message());
            }
        }
        if (mode == FieldValidationMode.STRICT) {
            throw Errors.badRequest(cannotHandle + FieldValidation.strictDecodingError(problems));
        }
        List<FieldProblem> pruned = FieldValidation.prune(object, schema.get());
        if (mode == FieldValidationMode.WARN) {
            pruned.forEach(p -> warnings.add(p.message()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
