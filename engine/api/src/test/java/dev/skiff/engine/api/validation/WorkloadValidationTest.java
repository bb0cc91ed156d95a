package dev.skiff.engine.api.validation;

import static dev.skiff.engine.api.validation.TestObjects.json;
import static dev.skiff.engine.api.validation.TestObjects.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadValidationTest {

    private static final String TEMPLATE = "{'metadata':{'labels':{'app':'web'}},'spec':{'containers':"
            + "[{'name':'web','image':'nginx'}]%s}}";

    private static ObjectNode deployment(String specFields) {
        return json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{"
                + "'selector':{'matchLabels':{'app':'web'}},'template':" + TEMPLATE.formatted("")
                + (specFields.isEmpty() ? "" : "," + specFields) + "}}");
    }

    private static List<String> create(String kind, ObjectNode object) {
        String group = kind.equals("Job") || kind.equals("CronJob") ? "batch" : "apps";
        return lines(Validation.validateCreate(group, "v1", kind, object));
    }

    @Test
    void aDeploymentWithoutDefaultsIsValid() {
        assertThat(create("Deployment", deployment(""))).isEmpty();
    }

    @Test
    void selectorMustMatchTemplateLabels() {
        ObjectNode d = deployment("");
        ((ObjectNode) d.at("/spec/selector/matchLabels")).put("app", "api");
        assertThat(Validation.validateCreate("apps", "v1", "Deployment", d)).containsExactly(new FieldError(
                "FieldValueInvalid", "spec.template.metadata.labels",
                "Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"));
    }

    @Test
    void aMissingSelectorAlsoMatchesNothing() {
        ObjectNode d = deployment("");
        ((ObjectNode) d.get("spec")).remove("selector");
        assertThat(create("Deployment", d)).containsExactly(
                "spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not "
                        + "match template `labels`");
    }

    @Test
    void anEmptySelectorIsInvalid() {
        ObjectNode d = deployment("");
        ((ObjectNode) d.get("spec")).set("selector", json("{}"));
        assertThat(create("Deployment", d)).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment");
    }

    @Test
    void selectorExpressionsNeedAKnownOperatorAndValues() {
        ObjectNode d = deployment("");
        ((ObjectNode) d.at("/spec/selector")).set("matchExpressions",
                json("{'a':[{'key':'tier','operator':'Equals','values':['x']},{'key':'app','operator':'In'}]}").get("a"));
        assertThat(create("Deployment", d)).containsExactly(
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator",
                "spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", "
                        + "Operator:\"Equals\", Values:[]string{\"x\"}}, v1.LabelSelectorRequirement{Key:\"app\", "
                        + "Operator:\"In\", Values:[]string(nil)}}}: invalid label selector");
    }

    @Test
    void countsAndTheRollingUpdateAreBounded() {
        ObjectNode d = deployment("'replicas':-1,'revisionHistoryLimit':-2,'minReadySeconds':30,"
                + "'progressDeadlineSeconds':30,'strategy':{'type':'RollingUpdate','rollingUpdate':"
                + "{'maxSurge':0,'maxUnavailable':0}}");
        assertThat(create("Deployment", d)).containsExactly(
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, "
                        + "StrVal:\"\"}: may not be 0 when `maxSurge` is 0",
                "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
                "spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds");
    }

    @Test
    void percentagesMustBeWellFormedAndAtMostAHundred() {
        ObjectNode d = deployment("'strategy':{'rollingUpdate':{'maxSurge':'half','maxUnavailable':'150%'}}");
        assertThat(create("Deployment", d)).containsExactly(
                "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, "
                        + "StrVal:\"half\"}: a valid percent string must be a numeric string followed by an ending '%' "
                        + "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, "
                        + "StrVal:\"150%\"}: must not be greater than 100%");
    }

    @Test
    void strategyTypeIsRecreateOrRollingUpdate() {
        assertThat(create("Deployment", deployment("'strategy':{'type':'BlueGreen'}"))).containsExactly(
                "spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"BlueGreen\", "
                        + "RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\"");
        assertThat(create("Deployment", deployment("'strategy':{'type':'Recreate','rollingUpdate':{}}"))).containsExactly(
                "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    }

    @Test
    void theTemplateRestartsAlways() {
        ObjectNode d = deployment("");
        ((ObjectNode) d.at("/spec/template/spec")).put("restartPolicy", "Never");
        assertThat(create("Deployment", d)).containsExactly(
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    }

    @Test
    void templateErrorsCarryTheTemplatePath() {
        ObjectNode d = deployment("");
        ((ObjectNode) d.at("/spec/template/spec/containers/0")).remove("image");
        ((ObjectNode) d.at("/spec/template/metadata/labels")).put("bad key", "x");
        assertThat(create("Deployment", d)).contains(
                "spec.template.spec.containers[0].image: Required value",
                "spec.template.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, "
                        + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                        + "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void theSelectorOfADeploymentIsImmutable() {
        ObjectNode old = deployment("");
        ObjectNode updated = deployment("");
        ((ObjectNode) updated.at("/spec/selector/matchLabels")).put("app", "web2");
        ((ObjectNode) updated.at("/spec/template/metadata/labels")).put("app", "web2");
        assertThat(lines(Validation.validateUpdate("apps", "v1", "Deployment", updated, old))).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
        ObjectNode scaled = deployment("'replicas':5");
        assertThat(Validation.validateUpdate("apps", "v1", "Deployment", scaled, old)).isEmpty();
    }

    @Test
    void replicaSetsShareTheRulesIncludingKubernetesWording() {
        ObjectNode rs = json("{'spec':{'replicas':-1,'selector':{},'template':" + TEMPLATE.formatted("") + "}}");
        assertThat(create("ReplicaSet", rs)).containsExactly(
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment");
        ObjectNode old = json("{'spec':{'selector':{'matchLabels':{'app':'web'}},'template':" + TEMPLATE.formatted("") + "}}");
        ObjectNode changed = json("{'spec':{'selector':{'matchLabels':{'app':'web','v':'2'}},'template':"
                + TEMPLATE.formatted("").replace("'app':'web'", "'app':'web','v':'2'") + "}}");
        assertThat(lines(Validation.validateUpdate("apps", "v1", "ReplicaSet", changed, old))).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", "
                        + "\"v\":\"2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    private static ObjectNode job(String specFields, String podFields) {
        return json("{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'pi'},'spec':{'template':"
                + TEMPLATE.formatted(podFields) + (specFields.isEmpty() ? "" : "," + specFields) + "}}");
    }

    @Test
    void aJobRestartsOnFailureOrNever() {
        assertThat(create("Job", job("", ",'restartPolicy':'Never'"))).isEmpty();
        assertThat(create("Job", job("", ""))).containsExactly(
                "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
        assertThat(create("Job", job("", ",'restartPolicy':'Sometimes'"))).containsExactly(
                "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", "
                        + "\"OnFailure\", \"Never\"",
                "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\"");
    }

    @Test
    void jobCountsAreNotNegative() {
        assertThat(create("Job", job("'parallelism':-1,'completions':-2,'backoffLimit':-3", ",'restartPolicy':'Never'")))
                .containsExactly(
                        "spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
                        "spec.completions: Invalid value: -2: must be greater than or equal to 0",
                        "spec.backoffLimit: Invalid value: -3: must be greater than or equal to 0");
    }

    @Test
    void indexedJobsNeedCompletions() {
        assertThat(create("Job", job("'completionMode':'Indexed'", ",'restartPolicy':'Never'")))
                .containsExactly("spec.completions: Required value: when completion mode is Indexed");
    }

    @Test
    void aJobsTemplateAndSelectorAreImmutable() {
        String selector = "'selector':{'matchLabels':{'app':'web'}},'manualSelector':true";
        ObjectNode old = job(selector, ",'restartPolicy':'Never'");
        ObjectNode updated = job(selector.replace("'app':'web'", "'app':'web','x':'y'"), ",'restartPolicy':'OnFailure'");
        ((ObjectNode) updated.at("/spec/template/metadata/labels")).put("x", "y");
        assertThat(lines(Validation.validateUpdate("batch", "v1", "Job", updated, old))).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", "
                        + "\"x\":\"y\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
                "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable");
        ObjectNode suspended = job(selector + ",'suspend':true", ",'restartPolicy':'Never'");
        assertThat(Validation.validateUpdate("batch", "v1", "Job", suspended, old)).isEmpty();
    }

    @Test
    void cronJobTemplatesGetTheJobRules() {
        ObjectNode cron = json("{'metadata':{'name':'tick'},'spec':{'schedule':'','concurrencyPolicy':'Sometimes',"
                + "'jobTemplate':{'spec':{'backoffLimit':-1,'template':" + TEMPLATE.formatted(",'restartPolicy':'Never'")
                + "}}}}");
        assertThat(create("CronJob", cron)).containsExactly(
                "spec.schedule: Required value",
                "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
                "spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0");
    }
}
