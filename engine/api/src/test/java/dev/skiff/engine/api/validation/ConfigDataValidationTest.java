package dev.skiff.engine.api.validation;

import static dev.skiff.engine.api.validation.TestObjects.json;
import static dev.skiff.engine.api.validation.TestObjects.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConfigDataValidationTest {

    @Test
    void configMapKeysAreFileNames() {
        ObjectNode cm = json("{'data':{'good.key':'v','bad key':'v','..':'v'}}");
        assertThat(Validation.validateCreate("", "v1", "ConfigMap", cm)).containsExactly(
                new FieldError("FieldValueInvalid", "data[bad key]", "Invalid value: \"bad key\": a valid config key "
                        + "must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  "
                        + "or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"),
                new FieldError("FieldValueInvalid", "data[..]", "Invalid value: \"..\": must not be '..'"));
    }

    @Test
    void configMapsHoldAtMostOneMebibyte() {
        ObjectNode cm = json("{'data':{'a':''}}");
        ((ObjectNode) cm.get("data")).put("a", "x".repeat(1024 * 1024 + 1));
        assertThat(Validation.validateCreate("", "v1", "ConfigMap", cm)).containsExactly(
                new FieldError("FieldValueTooLong", "", "Too long: may not be more than 1048576 bytes"));
    }

    @Test
    void aKeyMayNotBeInBothDataAndBinaryData() {
        ObjectNode cm = json("{'data':{'k':'v'},'binaryData':{'k':'dg=='}}");
        assertThat(lines(Validation.validateCreate("", "v1", "ConfigMap", cm))).containsExactly(
                "data[k]: Invalid value: \"k\": duplicate of key present in binaryData");
    }

    @Test
    void immutableConfigMapsKeepTheirData() {
        ObjectNode old = json("{'immutable':true,'data':{'k':'v'}}");
        ObjectNode changed = json("{'immutable':true,'data':{'k':'w'}}");
        assertThat(lines(Validation.validateUpdate("", "v1", "ConfigMap", changed, old))).containsExactly(
                "data: Forbidden: field is immutable when `immutable` is set");
        ObjectNode unlocked = json("{'immutable':false,'data':{'k':'v'}}");
        assertThat(lines(Validation.validateUpdate("", "v1", "ConfigMap", unlocked, old))).containsExactly(
                "immutable: Forbidden: field is immutable when `immutable` is set");
        ObjectNode mutable = json("{'data':{'k':'v'}}");
        assertThat(Validation.validateUpdate("", "v1", "ConfigMap", json("{'data':{'k':'w'}}"), mutable)).isEmpty();
    }

    @Test
    void secretsCountDecodedBytesAndNeedTheirTypesKeys() {
        ObjectNode tls = json("{'type':'kubernetes.io/tls','data':{'tls.crt':'Y2VydA=='}}");
        assertThat(lines(Validation.validateCreate("", "v1", "Secret", tls))).containsExactly(
                "data[tls.key]: Required value");
        ObjectNode big = json("{'type':'Opaque','data':{}}");
        ((ObjectNode) big.get("data")).put("blob", Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]));
        assertThat(lines(Validation.validateCreate("", "v1", "Secret", big))).containsExactly(
                "data: Too long: may not be more than 1048576 bytes");
    }

    @Test
    void aSecretsTypeAndImmutableDataDoNotChange() {
        ObjectNode old = json("{'type':'Opaque','immutable':true,'data':{'k':'dg=='}}");
        ObjectNode changed = json("{'type':'kubernetes.io/basic-auth','immutable':true,'data':{'username':'dg=='}}");
        assertThat(lines(Validation.validateUpdate("", "v1", "Secret", changed, old))).containsExactly(
                "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
                "data: Forbidden: field is immutable when `immutable` is set");
    }
}
