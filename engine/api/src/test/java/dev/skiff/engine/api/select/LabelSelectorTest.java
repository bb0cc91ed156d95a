package dev.skiff.engine.api.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String NAME_PART_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and "
            + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    @Test
    void parsesEveryOperatorAndSortsRequirementsByKey() {
        LabelSelector selector = LabelSelector.parse("tier in (front, back),app=web,!canary,env,x!=y,n>3,m<9,k==v");

        assertThat(selector.requirements()).extracting(Requirement::key)
                .containsExactly("app", "canary", "env", "k", "m", "n", "tier", "x");
        assertThat(selector.requirements()).extracting(Requirement::operator).containsExactly(
                Operator.EQUALS, Operator.DOES_NOT_EXIST, Operator.EXISTS, Operator.DOUBLE_EQUALS,
                Operator.LESS_THAN, Operator.GREATER_THAN, Operator.IN, Operator.NOT_EQUALS);
        assertThat(selector).hasToString("app=web,!canary,env,k==v,m<9,n>3,tier in (back,front),x!=y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=a,y=b,z=c", "x in (a),y notin (b)", "x!=a,y=b", "x=", "x=,z=", "!x", "x>1,z<5",
            "notin=in"})
    void printsWhatItParsedAsKubernetesDoes(String text) {
        assertThat(LabelSelector.parse(text)).hasToString(text);
    }

    @Test
    void removesBlanksWhenPrinting() {
        assertThat(LabelSelector.parse("x= ,z= ")).hasToString("x=,z=");
        assertThat(LabelSelector.parse("x in ( a , b )")).hasToString("x in (a,b)");
    }

    @Test
    void emptySelectorMatchesEverything() {
        LabelSelector selector = LabelSelector.parse("");

        assertThat(selector.isEmpty()).isTrue();
        assertThat(selector.matches(Map.of())).isTrue();
        assertThat(selector.matches(Map.of("app", "web"))).isTrue();
        assertThat(LabelSelector.parse("   ").isEmpty()).isTrue();
        assertThat(LabelSelector.parse(null).isEmpty()).isTrue();
    }

    @Test
    void matchesEqualityAndInequality() {
        Map<String, String> labels = Map.of("app", "web", "tier", "front");

        assertThat(LabelSelector.parse("app=web").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("app==web,tier=front").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("app=api").matches(labels)).isFalse();
        assertThat(LabelSelector.parse("app!=api").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("missing!=x").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("missing=").matches(labels)).isFalse();
    }

    @Test
    void matchesSetBasedRequirements() {
        Map<String, String> labels = Map.of("env", "prod");

        assertThat(LabelSelector.parse("env in (prod,staging)").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("env in (dev)").matches(labels)).isFalse();
        assertThat(LabelSelector.parse("env notin (dev)").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("team notin (a)").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("team in (a)").matches(labels)).isFalse();
        assertThat(LabelSelector.parse("env in ()").matches(Map.of("env", ""))).isTrue();
    }

    @Test
    void matchesExistence() {
        Map<String, String> labels = Map.of("canary", "");

        assertThat(LabelSelector.parse("canary").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("!canary").matches(labels)).isFalse();
        assertThat(LabelSelector.parse("!stable").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("stable").matches(labels)).isFalse();
    }

    @Test
    void comparesIntegersWithGreaterAndLessThan() {
        assertThat(LabelSelector.parse("x>1").matches(Map.of("x", "2"))).isTrue();
        assertThat(LabelSelector.parse("x>1").matches(Map.of("x", "0"))).isFalse();
        assertThat(LabelSelector.parse("x<1").matches(Map.of("x", "-5"))).isTrue();
        assertThat(LabelSelector.parse("x>1").matches(Map.of("x", "two"))).isFalse();
        assertThat(LabelSelector.parse("x>1").matches(Map.of())).isFalse();
    }

    @Test
    void inAndNotinAreOrdinaryWordsAsKeysAndValues() {
        assertThat(LabelSelector.parse("in in (in,notin)").matches(Map.of("in", "notin"))).isTrue();
        assertThat(LabelSelector.parse("notin=in").matches(Map.of("notin", "in"))).isTrue();
    }

    @Test
    void acceptsPrefixedKeys() {
        LabelSelector selector = LabelSelector.parse("app.kubernetes.io/name=web");

        assertThat(selector.matches(Map.of("app.kubernetes.io/name", "web"))).isTrue();
    }

    @Test
    void matchesALabelsObject() throws Exception {
        JsonNode labels = MAPPER.readTree("{\"app\":\"web\",\"tier\":\"front\"}");

        assertThat(LabelSelector.parse("app=web,tier").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("app=web").matches((JsonNode) null)).isFalse();
        assertThat(LabelSelector.parse("!app").matches(MAPPER.missingNode())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a b | unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
            "x in | unable to parse requirement: found '' expected: '('",
            "x in (a | unable to parse requirement: found '', expected: ',' or ')'",
            "x in (a b) | unable to parse requirement: found 'b', expected: ',' or ')'",
            "x in (=) | unable to parse requirement: found '=', expected: ',', ')' or identifier",
            "x=( | unable to parse requirement: found '(', expected: identifier",
            "! | unable to parse requirement: found '', expected: identifier",
            "a=b, | found '', expected: identifier after ','",
            "',a' | found ',', expected: !, identifier, or 'end of string'",
            "x==a==b | found '==', expected: ',' or 'end of string'",
            "!x=a | found '=', expected: ',' or 'end of string'",
            "x<a | unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, "
                    + "the value must be an integer",
    })
    void refusesBadSyntaxWithKubernetesMessages(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(SelectorException.class)
                .hasMessage(message);
    }

    @Test
    void refusesAnInvalidKeyNamingTheNilPathAsKubernetesDoes() {
        assertThatThrownBy(() -> LabelSelector.parse("-app=web"))
                .isInstanceOf(SelectorException.class)
                .hasMessage("unable to parse requirement: <nil>: Invalid value: \"-app\": name part " + NAME_PART_RULE);
    }

    @Test
    void refusesAKeyWhosePrefixIsNotADnsSubdomain() {
        assertThatThrownBy(() -> LabelSelector.parse("Example.com/app"))
                .hasMessage("unable to parse requirement: <nil>: Invalid value: \"Example.com/app\": prefix part "
                        + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
                        + "or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
                        + "regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    @Test
    void refusesAKeyLongerThanSixtyThreeCharacters() {
        String key = "a".repeat(64);

        assertThatThrownBy(() -> LabelSelector.parse(key))
                .hasMessage("unable to parse requirement: <nil>: Invalid value: \"" + key
                        + "\": name part must be no more than 63 characters");
    }

    @Test
    void refusesAnInvalidValue() {
        assertThatThrownBy(() -> LabelSelector.parse("app=-web"))
                .hasMessage("unable to parse requirement: values[0][app]: Invalid value: \"-web\": a valid label "
                        + "must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
                        + "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                        + "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void refusesAValueLongerThanSixtyThreeCharacters() {
        assertThatThrownBy(() -> LabelSelector.parse("app=" + "v".repeat(64)))
                .hasMessageEndingWith("must be no more than 63 characters");
    }

    @Test
    void convertsALabelSelectorObject() throws Exception {
        JsonNode object = MAPPER.readTree("""
                {"matchLabels": {"app": "web"},
                 "matchExpressions": [
                   {"key": "tier", "operator": "In", "values": ["front", "back"]},
                   {"key": "env", "operator": "NotIn", "values": ["dev"]},
                   {"key": "canary", "operator": "DoesNotExist"},
                   {"key": "team", "operator": "Exists"}]}
                """);

        LabelSelector selector = LabelSelector.fromLabelSelectorObject(object);

        assertThat(selector).hasToString("app=web,!canary,env notin (dev),team,tier in (back,front)");
        assertThat(selector.matches(Map.of("app", "web", "tier", "front", "team", "a"))).isTrue();
        assertThat(selector.matches(Map.of("app", "web", "tier", "front", "team", "a", "canary", "x"))).isFalse();
        assertThat(selector.matches(Map.of("app", "web", "tier", "side", "team", "a"))).isFalse();
    }

    @Test
    void anEmptySelectorObjectMatchesEverythingAndAnAbsentOneNothing() throws Exception {
        assertThat(LabelSelector.fromLabelSelectorObject(MAPPER.readTree("{}")).matches(Map.of("a", "b"))).isTrue();
        assertThat(LabelSelector.fromLabelSelectorObject(MAPPER.readTree("{\"matchLabels\":{}}")).isEmpty()).isTrue();
        assertThat(LabelSelector.fromLabelSelectorObject(null).matches(Map.of())).isFalse();
        assertThat(LabelSelector.fromLabelSelectorObject(MAPPER.nullNode()).matchesNothing()).isTrue();
    }

    @Test
    void refusesAnUnknownOperatorInASelectorObject() throws Exception {
        JsonNode object = MAPPER.readTree("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Equals\"}]}");

        assertThatThrownBy(() -> LabelSelector.fromLabelSelectorObject(object))
                .isInstanceOf(SelectorException.class)
                .hasMessage("\"Equals\" is not a valid label selector operator");
    }

    @Test
    void refusesInWithoutValuesInASelectorObject() throws Exception {
        JsonNode object = MAPPER.readTree("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\"}]}");

        assertThatThrownBy(() -> LabelSelector.fromLabelSelectorObject(object))
                .hasMessage("values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't "
                        + "be empty");
    }

    @Test
    void reportsEveryProblemOfARequirementTogether() {
        assertThatThrownBy(() -> Requirement.of("-a", Operator.EXISTS, java.util.List.of("x")))
                .hasMessage("[key: Invalid value: \"-a\": name part " + NAME_PART_RULE
                        + ", values: Invalid value: []string{\"x\"}: values set must be empty for exists and does "
                        + "not exist]");
    }
}
