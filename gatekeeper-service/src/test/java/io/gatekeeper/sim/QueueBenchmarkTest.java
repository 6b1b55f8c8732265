package io.gatekeeper.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The full queue benchmark (minutes, not seconds): only with {@code -Dgatekeeper.long=true}. Writes the table to
 * {@code target/queue-benchmark.md} and holds gatekeeper to the targets that are about safety.
 */
@EnabledIfSystemProperty(named = "gatekeeper.long", matches = "true")
class QueueBenchmarkTest {

    @Test
    void benchmark_allStrategiesOnW1W2W3_gatekeeperNeverLandsABadChange() throws IOException {
        String report = QueueBenchmark.run(48, 1, QueueBenchmark.STRATEGIES,
                new PrintStream(OutputStream.nullOutputStream()));
        Files.writeString(Path.of("target", "queue-benchmark.md"), report, StandardCharsets.UTF_8);

        assertThat(report).doesNotContain("**MISSED**: zero bad changes landed");
    }
}
