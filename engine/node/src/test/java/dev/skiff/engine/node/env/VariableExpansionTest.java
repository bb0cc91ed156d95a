package dev.skiff.engine.node.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpansionTest {

    private static final Map<String, String> VARS = Map.of("NAME", "web", "EMPTY", "", "PORT", "8080");

    @Test
    void replacesReferencesToKnownVariables() {
        assertThat(VariableExpansion.expand("http://$(NAME):$(PORT)/", VARS)).isEqualTo("http://web:8080/");
        assertThat(VariableExpansion.expand("[$(EMPTY)]", VARS)).isEqualTo("[]");
    }

    @Test
    void keepsReferencesToUnknownVariablesAsWritten() {
        assertThat(VariableExpansion.expand("$(MISSING) and $(NAME)", VARS)).isEqualTo("$(MISSING) and web");
        assertThat(VariableExpansion.expand("$()", VARS)).isEqualTo("$()");
    }

    @Test
    void doubleDollarEscapesTheOperator() {
        assertThat(VariableExpansion.expand("$$(NAME)", VARS)).isEqualTo("$(NAME)");
        assertThat(VariableExpansion.expand("$$$(NAME)", VARS)).isEqualTo("$web");
        assertThat(VariableExpansion.expand("cost: $$5", VARS)).isEqualTo("cost: $5");
        assertThat(VariableExpansion.expand("$$$$", VARS)).isEqualTo("$$");
    }

    @Test
    void leavesDollarsThatStartNoReferenceAlone() {
        assertThat(VariableExpansion.expand("$NAME ${NAME} $", VARS)).isEqualTo("$NAME ${NAME} $");
        assertThat(VariableExpansion.expand("$(NAME", VARS)).isEqualTo("$(NAME");
        assertThat(VariableExpansion.expand("$($(NAME))", VARS)).isEqualTo("$($(NAME))");
    }

    @Test
    void doesNotExpandValuesAgain() {
        assertThat(VariableExpansion.expand("$(A)", Map.of("A", "$(B)", "B", "no"))).isEqualTo("$(B)");
    }
}
