package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** RoleBindings and ClusterRoleBindings: NAME ROLE AGE, plus USERS GROUPS SERVICEACCOUNTS with -o wide. */
final class RoleBindingPrinter extends TablePrinter {

    RoleBindingPrinter() {
        super(ColumnDefinition.objectName(),
                string("Role", "The role the binding grants, as Kind/name."),
                ColumnDefinition.age(),
                string("Users", "The users the binding applies to.").wide(),
                string("Groups", "The groups the binding applies to.").wide(),
                string("ServiceAccounts", "The service accounts the binding applies to.").wide());
    }

    @Override
    void print(JsonNode binding, Instant now, Cells cells) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (JsonNode subject : binding.path("subjects")) {
            String name = subject.path("name").asText();
            switch (subject.path("kind").asText()) {
                case "User" -> users.add(name);
                case "Group" -> groups.add(name);
                case "ServiceAccount" -> accounts.add(subject.path("namespace").asText("") + ":" + name);
                default -> { }
            }
        }
        cells.text(name(binding))
                .text(binding.path("roleRef").path("kind").asText() + "/" + binding.path("roleRef").path("name").asText())
                .text(age(binding, now))
                .text(String.join(", ", users))
                .text(String.join(", ", groups))
                .text(String.join(", ", accounts));
    }
}
