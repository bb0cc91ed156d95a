package dev.skiff.engine.api.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathElementTest {

    @Test
    void keysAreWrittenWithSortedFieldsAndPrintedAsKubernetesPrintsThem() {
        PathElement port = new PathElement.Key(List.of(
                new PathElement.KeyField("protocol", TextNode.valueOf("TCP")),
                new PathElement.KeyField("containerPort", IntNode.valueOf(8080))));

        assertThat(port.encode()).isEqualTo("k:{\"containerPort\":8080,\"protocol\":\"TCP\"}");
        assertThat(port.display()).isEqualTo("[containerPort=8080,protocol=\"TCP\"]");
        assertThat(PathElement.decode(port.encode())).isEqualTo(port);
    }

    @Test
    void setValuesAndIndicesRoundTrip() {
        assertThat(PathElement.decode("v:\"foregroundDeletion\"").display()).isEqualTo("[=\"foregroundDeletion\"]");
        assertThat(PathElement.decode("i:3")).isEqualTo(new PathElement.Index(3));
        assertThat(PathElement.decode("f:deployment.kubernetes.io/revision").encode())
                .isEqualTo("f:deployment.kubernetes.io/revision");
    }

    @Test
    void numbersAreTheSameKeyWhateverTheirJsonForm() {
        assertThat(PathElement.decode("k:{\"port\":80}")).isEqualTo(PathElement.decode("k:{\"port\":80.0}"));
    }

    @Test
    void fieldsSortBeforeKeysBeforeValues() {
        List<PathElement> sorted = new java.util.ArrayList<>(List.of(
                PathElement.decode("v:\"a\""), PathElement.decode("k:{\"name\":\"a\"}"), PathElement.field("z")));
        sorted.sort(null);
        assertThat(sorted).extracting(PathElement::encode).containsExactly("f:z", "k:{\"name\":\"a\"}", "v:\"a\"");
    }
}
