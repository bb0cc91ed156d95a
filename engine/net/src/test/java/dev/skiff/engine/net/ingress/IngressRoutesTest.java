package dev.skiff.engine.net.ingress;

import static dev.skiff.engine.net.ingress.TestIngress.ingress;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngressRoutesTest {
    private static IngressRoutes routes(ObjectNode... ingresses) {
        return IngressRoutes.from(List.of(ingresses), ref -> Optional.empty(), "skiff", true);
    }

    private static String served(IngressRoutes routes, String host, String path) {
        return routes.route(host, path).map(Backend::service).orElse("404");
    }

    @Test
    void exactHostBeatsWildcardHost() {
        IngressRoutes r = routes(ingress("default", "hosts")
                .path("*.foo.com", "/", "Prefix", "wildcard-foo-com", 8080)
                .path("bar.foo.com", "/", "Prefix", "bar-foo-com", 8080)
                .build());

        assertThat(served(r, "bar.foo.com", "/")).isEqualTo("bar-foo-com");
        assertThat(served(r, "baz.foo.com", "/")).isEqualTo("wildcard-foo-com");
    }

    @Test
    void wildcardHostMatchesExactlyOneMoreLabel() {
        IngressRoutes r = routes(ingress("default", "wild")
                .path("*.foo.com", "/", "Prefix", "wildcard-foo-com", 8080).build());

        assertThat(served(r, "bar.foo.com", "/")).isEqualTo("wildcard-foo-com");
        assertThat(served(r, "baz.bar.foo.com", "/")).isEqualTo("404");
        assertThat(served(r, "foo.com", "/")).isEqualTo("404");
    }

    @Test
    void preciseHostDoesNotMatchOtherHostsOfTheDomain() {
        IngressRoutes r = routes(ingress("default", "precise")
                .path("foo.bar.com", "/", "Prefix", "foo-bar-com", "http").build());

        assertThat(served(r, "foo.bar.com", "/")).isEqualTo("foo-bar-com");
        assertThat(served(r, "subdomain.bar.com", "/")).isEqualTo("404");
    }

    @Test
    void hostMatchIgnoresCasePortAndTrailingDot() {
        IngressRoutes r = routes(ingress("default", "precise")
                .path("foo.bar.com", "/", "Prefix", "foo-bar-com", 80).build());

        assertThat(served(r, "FOO.Bar.com:8443", "/")).isEqualTo("foo-bar-com");
        assertThat(served(r, "foo.bar.com.", "/")).isEqualTo("foo-bar-com");
    }

    @Test
    void exactPathMatchesOnlyThatPathCaseSensitively() {
        IngressRoutes r = routes(ingress("default", "exact")
                .path("exact", "/foo", "Exact", "foo-exact", 8080).build());

        assertThat(served(r, "exact", "/foo")).isEqualTo("foo-exact");
        assertThat(served(r, "exact", "/foo/")).isEqualTo("404");
        assertThat(served(r, "exact", "/FOO")).isEqualTo("404");
        assertThat(served(r, "exact", "/bar")).isEqualTo("404");
    }

    @Test
    void prefixMatchesWholePathElementsOnly() {
        IngressRoutes r = routes(ingress("default", "prefix")
                .path("prefix", "/foo", "Prefix", "foo-prefix", 8080).build());

        assertThat(served(r, "prefix", "/foo")).isEqualTo("foo-prefix");
        assertThat(served(r, "prefix", "/foo/")).isEqualTo("foo-prefix");
        assertThat(served(r, "prefix", "/foo/bar")).isEqualTo("foo-prefix");
        assertThat(served(r, "prefix", "/foobar")).isEqualTo("404");
        assertThat(served(r, "prefix", "/FOO")).isEqualTo("404");
    }

    @Test
    void longestMatchingPrefixWins() {
        IngressRoutes r = routes(ingress("default", "prefix")
                .path("prefix", "/aaa", "Prefix", "aaa-prefix", 8080)
                .path("prefix", "/aaa/bbb", "Prefix", "aaa-slash-bbb-prefix", 8080)
                .build());

        assertThat(served(r, "prefix", "/aaa/bbb")).isEqualTo("aaa-slash-bbb-prefix");
        assertThat(served(r, "prefix", "/aaa/bbb/ccc")).isEqualTo("aaa-slash-bbb-prefix");
        assertThat(served(r, "prefix", "/aaa/ccc")).isEqualTo("aaa-prefix");
        assertThat(served(r, "prefix", "/aaa/bbbb")).isEqualTo("aaa-prefix");
        assertThat(served(r, "prefix", "/aaaccc")).isEqualTo("404");
    }

    @Test
    void exactBeatsPrefixOfTheSamePath() {
        IngressRoutes r = routes(ingress("default", "mixed")
                .path("mixed", "/foo", "Prefix", "foo-prefix", 8080)
                .path("mixed", "/foo", "Exact", "foo-exact", 8080)
                .build());

        assertThat(served(r, "mixed", "/foo")).isEqualTo("foo-exact");
        assertThat(served(r, "mixed", "/foo/x")).isEqualTo("foo-prefix");
    }

    @Test
    void prefixRuleIgnoresItsTrailingSlashButExactRuleKeepsIt() {
        IngressRoutes r = routes(ingress("default", "slashes")
                .path("slash", "/aaa/bbb/", "Prefix", "aaa-slash-bbb-slash-prefix", 8080)
                .path("slash", "/foo/", "Exact", "foo-slash-exact", 8080)
                .build());

        assertThat(served(r, "slash", "/aaa/bbb")).isEqualTo("aaa-slash-bbb-slash-prefix");
        assertThat(served(r, "slash", "/aaa/bbb/")).isEqualTo("aaa-slash-bbb-slash-prefix");
        assertThat(served(r, "slash", "/foo/")).isEqualTo("foo-slash-exact");
        assertThat(served(r, "slash", "/foo")).isEqualTo("404");
    }

    @Test
    void rootPrefixMatchesEveryPathAndQueriesAreIgnored() {
        IngressRoutes r = routes(ingress("default", "root").path("", "/", "Prefix", "web", 80).build());

        assertThat(served(r, "any.host", "/")).isEqualTo("web");
        assertThat(served(r, "", "/a/b?c=d")).isEqualTo("web");
        assertThat(served(r, null, "")).isEqualTo("web");
    }

    @Test
    void implementationSpecificActsAsPrefix() {
        IngressRoutes r = routes(ingress("default", "impl")
                .path("impl", "/foo", "ImplementationSpecific", "foo", 80).build());

        assertThat(served(r, "impl", "/foo/bar")).isEqualTo("foo");
        assertThat(served(r, "impl", "/foobar")).isEqualTo("404");
    }

    @Test
    void defaultBackendTakesWhatNoRuleMatches() {
        IngressRoutes r = routes(ingress("shop", "web")
                .path("shop.example.com", "/api", "Prefix", "api", 80)
                .defaultBackend("fallback", 8080)
                .build());

        assertThat(r.route("shop.example.com", "/api/items")).contains(new Backend("shop", "api", "80"));
        assertThat(r.route("shop.example.com", "/cart")).contains(new Backend("shop", "fallback", "8080"));
        assertThat(r.route("other.example.com", "/api")).contains(new Backend("shop", "fallback", "8080"));
    }

    @Test
    void ingressWithOnlyADefaultBackendSendsEverythingThere() {
        IngressRoutes r = routes(ingress("default", "default-backend").defaultBackend("echo-service", 8080).build());

        assertThat(served(r, "my-host", "/")).isEqualTo("echo-service");
        assertThat(served(r, "", "/resource")).isEqualTo("echo-service");
    }

    @Test
    void rulesWithoutHostServeHostsWhoseOwnRulesDoNotMatch() {
        IngressRoutes r = routes(
                ingress("default", "api").path("shop.example.com", "/api", "Prefix", "api", 80).build(),
                ingress("default", "catch-all").path("", "/", "Prefix", "web", 80).build());

        assertThat(served(r, "shop.example.com", "/api")).isEqualTo("api");
        assertThat(served(r, "shop.example.com", "/")).isEqualTo("web");
        assertThat(served(r, "unknown.example.com", "/api")).isEqualTo("web");
    }

    @Test
    void backendPortMayBeANumberOrAName() {
        IngressRoutes r = routes(ingress("ns1", "ports")
                .path("a", "/", "Prefix", "svc-a", 8080)
                .path("b", "/", "Prefix", "svc-b", "http")
                .build());

        assertThat(r.route("a", "/")).contains(new Backend("ns1", "svc-a", "8080"));
        assertThat(r.route("b", "/")).contains(new Backend("ns1", "svc-b", "http"));
        assertThat(r.backends()).containsExactlyInAnyOrder(
                new Backend("ns1", "svc-a", "8080"), new Backend("ns1", "svc-b", "http"));
    }

    @Test
    void ingressesOfOtherClassesAreNotServed() {
        List<ObjectNode> ingresses = List.of(
                ingress("default", "other").className("nginx").path("other", "/", "Prefix", "other", 80).build(),
                ingress("default", "ours").className("skiff").path("ours", "/", "Prefix", "ours", 80).build(),
                ingress("default", "unset").path("unset", "/", "Prefix", "unset", 80).build(),
                ingress("default", "annotated").annotation("kubernetes.io/ingress.class", "nginx")
                        .path("annotated", "/", "Prefix", "annotated", 80).build());

        IngressRoutes asDefault = IngressRoutes.from(ingresses, ref -> Optional.empty(), "skiff", true);
        IngressRoutes notDefault = IngressRoutes.from(ingresses, ref -> Optional.empty(), "skiff", false);

        assertThat(served(asDefault, "ours", "/")).isEqualTo("ours");
        assertThat(served(asDefault, "unset", "/")).isEqualTo("unset");
        assertThat(served(asDefault, "other", "/")).isEqualTo("404");
        assertThat(served(asDefault, "annotated", "/")).isEqualTo("404");
        assertThat(served(notDefault, "ours", "/")).isEqualTo("ours");
        assertThat(served(notDefault, "unset", "/")).isEqualTo("404");
    }

    @Test
    void olderIngressWinsAConflictAndTheNewerOneIsReported() {
        IngressRoutes r = routes(
                ingress("team-b", "newer").created("2025-06-01T00:00:00Z")
                        .path("shop.example.com", "/", "Prefix", "newer", 80).defaultBackend("newer", 80).build(),
                ingress("team-a", "older").created("2025-01-01T00:00:00Z")
                        .path("shop.example.com", "/", "Prefix", "older", 80).defaultBackend("older", 80).build());

        assertThat(served(r, "shop.example.com", "/")).isEqualTo("older");
        assertThat(served(r, "elsewhere", "/")).isEqualTo("older");
        assertThat(r.warnings()).containsExactly(
                "ingress team-b/newer: spec.defaultBackend is ignored: the older ingress team-a/older already sets"
                        + " the default backend",
                "ingress team-b/newer: spec.rules[0].http.paths[0]: path / (Prefix) of host shop.example.com is"
                        + " ignored: ingress team-a/older already routes it");
    }

    @Test
    void resourceBackendsAreSkippedWithAWarning() {
        ObjectNode withResource = ingress("default", "res").build();
        withResource.withObjectProperty("spec").putObject("defaultBackend").putObject("resource")
                .put("apiGroup", "k8s.example.com").put("kind", "StorageBucket").put("name", "static-assets");

        IngressRoutes r = routes(withResource);

        assertThat(r.route("any", "/")).isEmpty();
        assertThat(r.warnings()).containsExactly("ingress default/res: spec.defaultBackend is skipped: resource"
                + " backends are not supported, only service backends");
    }

    @Test
    void emptyTableRoutesNothing() {
        assertThat(IngressRoutes.empty().route("any", "/")).isEmpty();
        assertThat(IngressRoutes.empty().certificate("any")).isEmpty();
    }

    @Test
    void certificatesAreChosenByServerNameFromTheTlsSecrets() {
        TestCertificates.PemPair shop = TestCertificates.selfSigned("shop.example.com", "EC");
        TestCertificates.PemPair wild = TestCertificates.selfSigned("*.apps.example.com", "EC");
        Map<String, ObjectNode> secrets = Map.of(
                "shop/shop-tls", TestIngress.tlsSecret("shop", "shop-tls", shop.certificate(), shop.privateKey()),
                "shop/wild-tls", TestIngress.tlsSecret("shop", "wild-tls", wild.certificate(), wild.privateKey()));
        ObjectNode ing = ingress("shop", "web")
                .path("shop.example.com", "/", "Prefix", "web", 80)
                .tls("shop-tls", "shop.example.com")
                .tls("wild-tls", "*.apps.example.com")
                .tls("missing-tls", "missing.example.com")
                .build();

        IngressRoutes r = IngressRoutes.from(List.of(ing), ref -> Optional.ofNullable(secrets.get(ref)), "skiff",
                true);

        assertThat(subject(r.certificate("shop.example.com"))).isEqualTo("CN=shop.example.com");
        assertThat(subject(r.certificate("Shop.Example.com"))).isEqualTo("CN=shop.example.com");
        assertThat(subject(r.certificate("one.apps.example.com"))).isEqualTo("CN=*.apps.example.com");
        assertThat(r.certificate("a.b.apps.example.com")).isEmpty();
        assertThat(r.certificate("missing.example.com")).isEmpty();
        assertThat(r.certificate(null)).isEmpty();
        assertThat(r.warnings()).containsExactly("ingress shop/web: spec.tls[2]: secret shop/missing-tls not found;"
                + " its hosts get the default certificate");
    }

    @Test
    void tlsEntryWithoutHostsProvidesTheDefaultCertificate() {
        TestCertificates.PemPair pair = TestCertificates.selfSigned("default.example.com", "EC");
        ObjectNode secret = TestIngress.tlsSecret("default", "fallback", pair.certificate(), pair.privateKey());
        ObjectNode ing = ingress("default", "web").path("", "/", "Prefix", "web", 80).tls("fallback").build();

        IngressRoutes r = IngressRoutes.from(List.of(ing), ref -> Optional.of(secret), "skiff", true);

        assertThat(subject(r.certificate("anything.example.com"))).isEqualTo("CN=default.example.com");
        assertThat(subject(r.certificate(null))).isEqualTo("CN=default.example.com");
    }

    @Test
    void secretWithoutTlsDataIsReported() {
        ObjectNode opaque = TestIngress.tlsSecret("default", "opaque", "x", "y");
        opaque.put("type", "Opaque");
        opaque.withObjectProperty("data").remove("tls.key");
        ObjectNode ing = ingress("default", "web").path("a.example.com", "/", "Prefix", "web", 80)
                .tls("opaque", "a.example.com").build();

        IngressRoutes r = IngressRoutes.from(List.of(ing), ref -> Optional.of(opaque), "skiff", true);

        assertThat(r.certificate("a.example.com")).isEmpty();
        assertThat(r.warnings()).containsExactly("ingress default/web: spec.tls[0]: secret default/opaque has no"
                + " tls.key (its type is not kubernetes.io/tls); its hosts get the default certificate");
    }

    private static String subject(Optional<TlsCertificate> certificate) {
        return certificate.orElseThrow().chain().get(0).getSubjectX500Principal().getName();
    }
}
