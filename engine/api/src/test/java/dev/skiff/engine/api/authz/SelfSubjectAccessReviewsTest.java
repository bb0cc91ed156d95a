package dev.skiff.engine.api.authz;

import static dev.skiff.engine.api.authz.Rbac.clusterRole;
import static dev.skiff.engine.api.authz.Rbac.json;
import static dev.skiff.engine.api.authz.Rbac.roleBinding;
import static dev.skiff.engine.api.authz.Rbac.rule;
import static dev.skiff.engine.api.authz.Rbac.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.engine.api.status.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSubjectAccessReviewsTest {
    private static final UserInfo JANE = UserInfo.of("jane", UserInfo.ALL_AUTHENTICATED);
    private static final RbacObjects POLICY = RbacObjects.of(List.of(
            clusterRole("pod-reader", rule(List.of("get", "list"), List.of(""), List.of("pods"))),
            roleBinding("default", "jane", "ClusterRole", "pod-reader", user("jane"))));

    // What `kubectl auth can-i list pods` sends.
    private static final String CAN_I_LIST_PODS = "{'kind':'SelfSubjectAccessReview',"
            + "'apiVersion':'authorization.k8s.io/v1','metadata':{'creationTimestamp':null},"
            + "'spec':{'resourceAttributes':{'namespace':'default','verb':'list','resource':'pods'}},'status':{'allowed':false}}";

    @Test
    void allowedReviewCarriesTheBindingAsReason() {
        assertThat(SelfSubjectAccessReviews.evaluate(json(CAN_I_LIST_PODS), JANE, POLICY)).isEqualTo(json(
                "{'kind':'SelfSubjectAccessReview','apiVersion':'authorization.k8s.io/v1',"
                        + "'metadata':{'creationTimestamp':null},"
                        + "'spec':{'resourceAttributes':{'namespace':'default','verb':'list','resource':'pods'}},"
                        + "'status':{'allowed':true,'reason':'RBAC: allowed by RoleBinding \\'jane/default\\' of "
                        + "ClusterRole \\'pod-reader\\' to User \\'jane\\''}}"));
    }

    @Test
    void deniedReviewHasNoReasonAndNoDeniedFlag() {
        var review = SelfSubjectAccessReviews.evaluate(json("{'spec':{'resourceAttributes':"
                + "{'namespace':'kube-system','verb':'list','resource':'pods'}}}"), JANE, POLICY);
        assertThat(review.get("status")).isEqualTo(json("{'allowed':false}"));
    }

    @Test
    void deniedReviewExplainsAMissingRole() {
        RbacObjects broken = RbacObjects.of(List.of(roleBinding("default", "jane", "Role", "pod-viewers",
                user("jane"))));
        var review = SelfSubjectAccessReviews.evaluate(json(CAN_I_LIST_PODS), JANE, broken);
        assertThat(review.get("status")).isEqualTo(json(
                "{'allowed':false,'reason':'RBAC: role.rbac.authorization.k8s.io \\'pod-viewers\\' not found'}"));
    }

    @Test
    void subresourceAndNameAreChecked() {
        var review = SelfSubjectAccessReviews.evaluate(json("{'spec':{'resourceAttributes':{'namespace':'default',"
                + "'verb':'get','resource':'pods','subresource':'log','name':'web-1'}}}"), JANE, POLICY);
        assertThat(review.at("/status/allowed").asBoolean()).isFalse();
        assertThat(review.at("/spec/resourceAttributes")).isEqualTo(json(
                "{'namespace':'default','verb':'get','resource':'pods','subresource':'log','name':'web-1'}"));
    }

    @Test
    void systemMastersIsAllowedWithoutReason() {
        var review = SelfSubjectAccessReviews.evaluate(json("{'spec':{'resourceAttributes':"
                + "{'verb':'*','group':'*','resource':'*'}}}"), UserInfo.of("admin", UserInfo.SYSTEM_MASTERS), POLICY);
        assertThat(review.get("status")).isEqualTo(json("{'allowed':true}"));
    }

    @Test
    void nonResourceReviewChecksThePath() {
        RbacObjects policy = RbacObjects.of(List.of(BootstrapPolicy.discovery(), BootstrapPolicy.discoveryBinding()));
        var review = SelfSubjectAccessReviews.evaluate(json("{'kind':'SelfSubjectAccessReview',"
                + "'apiVersion':'authorization.k8s.io/v1','metadata':{},"
                + "'spec':{'nonResourceAttributes':{'path':'/apis','verb':'get'}}}"), JANE, policy);
        assertThat(review.get("spec")).isEqualTo(json("{'nonResourceAttributes':{'path':'/apis','verb':'get'}}"));
        assertThat(review.get("status")).isEqualTo(json("{'allowed':true,'reason':'RBAC: allowed by "
                + "ClusterRoleBinding \\'system:discovery\\' of ClusterRole \\'system:discovery\\' to Group "
                + "\\'system:authenticated\\''}"));
        var metrics = SelfSubjectAccessReviews.evaluate(json("{'spec':{'nonResourceAttributes':"
                + "{'path':'/metrics','verb':'get'}}}"), JANE, policy);
        assertThat(metrics.at("/status/allowed").asBoolean()).isFalse();
    }

    @Test
    void reviewWithoutAttributesIsInvalid() {
        assertThatThrownBy(() -> SelfSubjectAccessReviews.evaluate(json("{'spec':{'resourceAttributes':null}}"),
                JANE, POLICY))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("SelfSubjectAccessReview.authorization.k8s.io \"\" is "
                            + "invalid: spec.resourceAttributes: Invalid value: \"null\": exactly one of "
                            + "nonResourceAttributes or resourceAttributes must be specified");
                    assertThat(e.toJson().at("/details/causes/0")).isEqualTo(json("{'reason':'FieldValueInvalid',"
                            + "'message':'Invalid value: \\'null\\': exactly one of nonResourceAttributes or "
                            + "resourceAttributes must be specified','field':'spec.resourceAttributes'}"));
                });
    }

    @Test
    void reviewWithBothAttributesIsInvalid() {
        assertThatThrownBy(() -> SelfSubjectAccessReviews.evaluate(json("{'spec':{'resourceAttributes':"
                + "{'verb':'get','resource':'pods'},'nonResourceAttributes':{'path':'/api','verb':'get'}}}"),
                JANE, POLICY))
                .hasMessage("SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: "
                        + "spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes"
                        + "{Path:\"/api\", Verb:\"get\"}: cannot be specified in combination with resourceAttributes");
    }

    @Test
    void reviewWithMetadataIsInvalid() {
        assertThatThrownBy(() -> SelfSubjectAccessReviews.evaluate(json("{'metadata':{'name':'x'},"
                + "'spec':{'resourceAttributes':{'verb':'get','resource':'pods'}}}"), JANE, POLICY))
                .hasMessage("SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: metadata: Invalid value: "
                        + "v1.ObjectMeta{Name:\"x\", GenerateName:\"\", Namespace:\"\", SelfLink:\"\", UID:\"\", "
                        + "ResourceVersion:\"\", Generation:0, CreationTimestamp:time.Date(1, time.January, 1, 0, 0, "
                        + "0, 0, time.UTC), DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil), "
                        + "Labels:map[string]string(nil), Annotations:map[string]string(nil), "
                        + "OwnerReferences:[]v1.OwnerReference(nil), Finalizers:[]string(nil), "
                        + "ManagedFields:[]v1.ManagedFieldsEntry(nil)}: must be empty");
    }

    @Test
    void emptyMetadataValuesAndManagedFieldsAreAccepted() {
        var review = SelfSubjectAccessReviews.evaluate(json("{'metadata':{'name':'','labels':{},"
                + "'creationTimestamp':null,'managedFields':[{'manager':'kubectl'}]},"
                + "'spec':{'resourceAttributes':{'namespace':'default','verb':'list','resource':'pods'}}}"),
                JANE, POLICY);
        assertThat(review.at("/status/allowed").asBoolean()).isTrue();
    }
}
