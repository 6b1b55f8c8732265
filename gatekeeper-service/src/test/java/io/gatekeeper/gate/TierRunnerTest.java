package io.gatekeeper.gate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TierRunnerTest {

    @Test
    void failedColumn_keepsWholeNamesThatFitTheColumn() {
        List<String> many = IntStream.range(0, 5000).mapToObj(i -> "com.example.SomeTest#case" + i).toList();
        String column = TierRunner.failedColumn(many);
        assertThat(column.length()).isLessThanOrEqualTo(3900);
        assertThat(column.split("\n")).allSatisfy(n -> assertThat(many).contains(n)).startsWith(many.get(0));
        assertThat(TierRunner.failedColumn(List.of())).isNull();
        assertThat(TierRunner.failedColumn(List.of("A#b", "C#d"))).isEqualTo("A#b\nC#d");
    }
}
