package dev.skiff.engine.api.validation;

import static dev.skiff.engine.api.validation.TestObjects.json;
import static dev.skiff.engine.api.validation.TestObjects.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkingValidationTest {

    private static List<String> ingress(String spec) {
        return lines(Validation.validateCreate("networking.k8s.io", "v1", "Ingress", json("{'spec':" + spec + "}")));
    }

    private static List<String> policy(String spec) {
        return lines(Validation.validateCreate("networking.k8s.io", "v1", "NetworkPolicy", json("{'spec':" + spec + "}")));
    }

    @Test
    void aPlainIngressIsValid() {
        assertThat(ingress("{'rules':[{'host':'shop.example.com','http':{'paths':[{'path':'/','pathType':'Prefix',"
                + "'backend':{'service':{'name':'web','port':{'number':80}}}}]}}]}")).isEmpty();
    }

    @Test
    void anIngressNeedsRulesOrADefaultBackend() {
        assertThat(ingress("{}")).containsExactly(
                "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified");
    }

    @Test
    void pathsNeedATypeAndPrefixPathsAreAbsolute() {
        assertThat(ingress("{'rules':[{'http':{'paths':[{'path':'/','backend':{'service':{'name':'web','port':"
                + "{'number':80}}}},{'path':'api','pathType':'Prefix','backend':{'service':{'name':'web','port':"
                + "{'name':'http'}}}},{'path':'/a//b','pathType':'Regex','backend':{'service':{'name':'web','port':"
                + "{'number':80}}}}]}}]}")).containsExactly(
                "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
                "spec.rules[0].http.paths[1].path: Invalid value: \"api\": must be an absolute path",
                "spec.rules[0].http.paths[2].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", "
                        + "\"ImplementationSpecific\", \"Prefix\"");
    }

    @Test
    void backendsNameAServiceAndAPort() {
        assertThat(ingress("{'defaultBackend':{'service':{'name':'Web'}}}")).containsExactly(
                "spec.defaultBackend.service.name: Invalid value: \"Web\": a DNS-1035 label must consist of lower case "
                        + "alphanumeric characters or '-', start with an alphabetic character, and end with an "
                        + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                        + "'[a-z]([-a-z0-9]*[a-z0-9])?')",
                "spec.defaultBackend: Required value: port name or number is required");
    }

    @Test
    void wildcardHostsNeedAWildcardSubdomain() {
        assertThat(ingress("{'rules':[{'host':'*.Shop.com'},{'host':'10.0.0.1'}]}")).containsExactly(
                "spec.rules[0].host: Invalid value: \"*.Shop.com\": a wildcard DNS-1123 subdomain must start with '*.', "
                        + "followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, "
                        + "'-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for "
                        + "validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.rules[1].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address");
    }

    @Test
    void networkPolicyPeersAndPortsAreChecked() {
        assertThat(policy("{'podSelector':{},'ingress':[{'from':[{},{'ipBlock':{'cidr':'10.0.0.0/33'}},"
                + "{'ipBlock':{'cidr':'10.0.0.0/16','except':['10.1.0.0/24']},'podSelector':{}}],"
                + "'ports':[{'port':8080,'endPort':80},{'protocol':'ICMP'}]}],'policyTypes':['Ingress','Sideways']}"))
                .containsExactly(
                        "spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`",
                        "spec.ingress[0].ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", "
                                + "\"UDP\", \"SCTP\"",
                        "spec.ingress[0].from[0]: Required value: must specify a peer",
                        "spec.ingress[0].from[1].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR "
                                + "value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                        "spec.ingress[0].from[2].ipBlock.except[0]: Invalid value: \"10.1.0.0/24\": must be a strict "
                                + "subset of `cidr`",
                        "spec.ingress[0].from[2]: Forbidden: may not specify both ipBlock and another peer",
                        "spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\"");
    }
}
