package dev.skiff.engine.api.authz;

import java.util.List;

/**
 * Who is asking, as the authenticator saw them: a user name and the groups it belongs to (Kubernetes'
 * {@code user.Info}, without UID and extra, which RBAC never reads).
 */
public record UserInfo(String name, List<String> groups) {
    /** Members may do anything; kube-apiserver lets them through before RBAC is asked. */
    public static final String SYSTEM_MASTERS = "system:masters";
    public static final String ALL_AUTHENTICATED = "system:authenticated";
    public static final String ALL_UNAUTHENTICATED = "system:unauthenticated";
    public static final String ANONYMOUS = "system:anonymous";
    public static final String ALL_SERVICE_ACCOUNTS = "system:serviceaccounts";
    static final String SERVICE_ACCOUNT_USER_PREFIX = "system:serviceaccount:";
    static final String SERVICE_ACCOUNT_GROUP_PREFIX = "system:serviceaccounts:";

    public UserInfo {
        name = name == null ? "" : name;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static UserInfo of(String name, String... groups) {
        return new UserInfo(name, List.of(groups));
    }

    /** The identity a service account's token authenticates as. */
    public static UserInfo serviceAccount(String namespace, String name) {
        return new UserInfo(serviceAccountUsername(namespace, name),
                List.of(ALL_SERVICE_ACCOUNTS, SERVICE_ACCOUNT_GROUP_PREFIX + namespace, ALL_AUTHENTICATED));
    }

    /** The identity of a request that carries no credentials, when anonymous requests are enabled. */
    public static UserInfo anonymous() {
        return new UserInfo(ANONYMOUS, List.of(ALL_UNAUTHENTICATED));
    }

    /** {@code system:serviceaccount:NAMESPACE:NAME}. */
    public static String serviceAccountUsername(String namespace, String name) {
        return SERVICE_ACCOUNT_USER_PREFIX + namespace + ":" + name;
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
