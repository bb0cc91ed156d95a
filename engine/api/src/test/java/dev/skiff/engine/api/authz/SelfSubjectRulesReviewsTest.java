package dev.skiff.engine.api.authz;

import static dev.skiff.engine.api.authz.Rbac.clusterRoleBinding;
import static dev.skiff.engine.api.authz.Rbac.json;
import static dev.skiff.engine.api.authz.Rbac.role;
import static dev.skiff.engine.api.authz.Rbac.roleBinding;
import static dev.skiff.engine.api.authz.Rbac.rule;
import static dev.skiff.engine.api.authz.Rbac.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.engine.api.status.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSubjectRulesReviewsTest {
    private static final UserInfo JANE = UserInfo.of("jane", UserInfo.ALL_AUTHENTICATED);

    @Test
    void listsClusterWideAndNamespaceRulesSplitByKind() {
        RbacObjects policy = RbacObjects.of(List.of(
                BootstrapPolicy.publicInfoViewer(), BootstrapPolicy.publicInfoViewerBinding(),
                role("dev", "cm", Rbac.named(rule(List.of("get"), List.of(""), List.of("configmaps")), "app")),
                roleBinding("dev", "jane", "Role", "cm", user("jane")),
                roleBinding("prod", "jane", "Role", "cm", user("jane"))));
        var review = SelfSubjectRulesReviews.evaluate(json("{'spec':{'namespace':'dev'}}"), JANE, policy);
        assertThat(review).isEqualTo(json("{'kind':'SelfSubjectRulesReview','apiVersion':'authorization.k8s.io/v1',"
                + "'metadata':{'creationTimestamp':null},'spec':{},'status':{"
                + "'resourceRules':[{'verbs':['get'],'apiGroups':[''],'resources':['configmaps'],"
                + "'resourceNames':['app']}],"
                + "'nonResourceRules':[{'verbs':['get'],'nonResourceURLs':['/healthz','/livez','/readyz','/version',"
                + "'/version/']}],"
                + "'incomplete':false}}"));
    }

    @Test
    void resolutionErrorsBecomeTheEvaluationError() {
        RbacObjects policy = RbacObjects.of(List.of(clusterRoleBinding("jane", "gone", user("jane"))));
        var review = SelfSubjectRulesReviews.evaluate(json("{'spec':{'namespace':'default'}}"), JANE, policy);
        assertThat(review.at("/status/evaluationError").asText())
                .isEqualTo("clusterrole.rbac.authorization.k8s.io \"gone\" not found");
        assertThat(review.at("/status/resourceRules").size()).isZero();
    }

    @Test
    void namespaceIsRequired() {
        assertThatThrownBy(() -> SelfSubjectRulesReviews.evaluate(json("{'spec':{}}"), JANE, RbacObjects.of(List.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("no namespace on request");
                });
    }
}
