package dev.skiff.engine.api.authz;

import static dev.skiff.engine.api.authz.Rbac.named;
import static dev.skiff.engine.api.authz.Rbac.rule;
import static dev.skiff.engine.api.authz.Rbac.urls;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRuleTest {

    private static boolean allows(com.fasterxml.jackson.databind.JsonNode rule, RequestAttributes request) {
        return PolicyRule.from(rule).allows(request);
    }

    private static RequestAttributes listPods() {
        return RequestAttributes.resource("list", "", "pods", "default", "");
    }

    @Test
    void verbMustBeListedOrStar() {
        assertThat(allows(rule(List.of("get", "list"), List.of(""), List.of("pods")), listPods())).isTrue();
        assertThat(allows(rule(List.of("get"), List.of(""), List.of("pods")), listPods())).isFalse();
        assertThat(allows(rule(List.of("*"), List.of(""), List.of("pods")), listPods())).isTrue();
    }

    @Test
    void starVerbInRequestIsNotAWildcard() {
        RequestAttributes anyVerb = RequestAttributes.resource("*", "", "pods", "default", "");
        assertThat(allows(rule(List.of("get", "list"), List.of(""), List.of("pods")), anyVerb)).isFalse();
        assertThat(allows(rule(List.of("*"), List.of(""), List.of("pods")), anyVerb)).isTrue();
    }

    @Test
    void apiGroupMustMatchExactlyWithEmptyForCore() {
        RequestAttributes deployments = RequestAttributes.resource("get", "apps", "deployments", "default", "web");
        assertThat(allows(rule(List.of("get"), List.of(""), List.of("deployments")), deployments)).isFalse();
        assertThat(allows(rule(List.of("get"), List.of("apps"), List.of("deployments")), deployments)).isTrue();
        assertThat(allows(rule(List.of("get"), List.of("*"), List.of("deployments")), deployments)).isTrue();
        assertThat(allows(rule(List.of("list"), List.of("apps"), List.of("pods")), listPods())).isFalse();
    }

    @Test
    void resourceStarCoversSubresourcesToo() {
        RequestAttributes exec = RequestAttributes.resource("create", "", "pods", "exec", "default", "web-1");
        assertThat(allows(rule(List.of("create"), List.of(""), List.of("*")), exec)).isTrue();
    }

    @Test
    void subresourceMustBeNamedAsResourceSlashSubresource() {
        RequestAttributes exec = RequestAttributes.resource("create", "", "pods", "exec", "default", "web-1");
        assertThat(allows(rule(List.of("create"), List.of(""), List.of("pods")), exec)).isFalse();
        assertThat(allows(rule(List.of("create"), List.of(""), List.of("pods/exec")), exec)).isTrue();
        assertThat(allows(rule(List.of("create"), List.of(""), List.of("pods/log")), exec)).isFalse();
    }

    @Test
    void starSlashSubresourceCoversThatSubresourceOfEveryResource() {
        RequestAttributes scale = RequestAttributes.resource("update", "apps", "deployments", "scale", "ns", "web");
        assertThat(allows(rule(List.of("update"), List.of("apps"), List.of("*/scale")), scale)).isTrue();
        assertThat(allows(rule(List.of("update"), List.of("apps"), List.of("*/status")), scale)).isFalse();
        RequestAttributes whole = RequestAttributes.resource("update", "apps", "deployments", "ns", "web");
        assertThat(allows(rule(List.of("update"), List.of("apps"), List.of("*/scale")), whole)).isFalse();
    }

    @Test
    void resourceSlashStarIsNotAPattern() {
        RequestAttributes status = RequestAttributes.resource("get", "", "pods", "status", "ns", "web");
        assertThat(allows(rule(List.of("get"), List.of(""), List.of("pods/*")), status)).isFalse();
    }

    @Test
    void resourceNamesRestrictToThoseObjects() {
        var onlyWeb = named(rule(List.of("get", "list"), List.of(""), List.of("configmaps")), "web");
        assertThat(allows(onlyWeb, RequestAttributes.resource("get", "", "configmaps", "ns", "web"))).isTrue();
        assertThat(allows(onlyWeb, RequestAttributes.resource("get", "", "configmaps", "ns", "db"))).isFalse();
        // A list names no object, so a rule limited to names never allows it.
        assertThat(allows(onlyWeb, RequestAttributes.resource("list", "", "configmaps", "ns", ""))).isFalse();
    }

    @Test
    void nonResourceURLsMatchExactlyOrByTrailingStar() {
        var rule = urls(List.of("get"), "/healthz", "/openapi/*", "/logs**");
        assertThat(allows(rule, RequestAttributes.nonResource("get", "/healthz"))).isTrue();
        assertThat(allows(rule, RequestAttributes.nonResource("get", "/healthz/etcd"))).isFalse();
        assertThat(allows(rule, RequestAttributes.nonResource("get", "/openapi/v3"))).isTrue();
        assertThat(allows(rule, RequestAttributes.nonResource("get", "/openapi/"))).isTrue();
        assertThat(allows(rule, RequestAttributes.nonResource("get", "/openapi"))).isFalse();
        assertThat(allows(rule, RequestAttributes.nonResource("get", "/logs/kubelet.log"))).isTrue();
        assertThat(allows(rule, RequestAttributes.nonResource("post", "/healthz"))).isFalse();
        assertThat(allows(urls(List.of("*"), "*"), RequestAttributes.nonResource("delete", "/anything"))).isTrue();
    }

    @Test
    void resourceRulesNeverCoverPathsAndUrlRulesNeverCoverResources() {
        assertThat(allows(rule(List.of("*"), List.of("*"), List.of("*")),
                RequestAttributes.nonResource("get", "/version"))).isFalse();
        assertThat(allows(urls(List.of("*"), "*"), listPods())).isFalse();
    }

    @Test
    void ruleWithoutListsAllowsNothing() {
        assertThat(allows(Rbac.json("{}"), listPods())).isFalse();
        assertThat(allows(Rbac.json("{'verbs':['list'],'apiGroups':[''],'resources':null}"), listPods())).isFalse();
    }
}
