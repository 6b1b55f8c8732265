package io.gatekeeper.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate} prints one JSON object with the issue's keys; bad input exits 2 with a reason. */
class SimulateCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode json() throws IOException {
        String text = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(text.lines()).hasSize(1);
        return new ObjectMapper().readTree(text);
    }

    @Test
    void simulate_printsOneJsonObjectWithTheIssuesKeys() throws IOException {
        assertThat(run("simulate", "--strategy", "gatekeeper", "--seed", "7", "--arrivals-per-hour", "10",
                "--break-rate", "0.1", "--tier-minutes", "60", "--clusters", "4", "--hours", "3",
                "--flaky-tests", "2", "--flake-rate", "0.01")).isZero();

        JsonNode j = json();
        for (String key : new String[] {"merged", "rejected", "goodRejected", "badLanded", "headBrokenMinutes",
            "ttmMeanMinutes", "ttmP50Minutes", "ttmP95Minutes", "clusterHours", "runsPerMerge"}) {
            assertThat(j.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(j.get("queueLength").isArray()).isTrue();
        assertThat(j.get("strategy").asText()).isEqualTo("gatekeeper");
        assertThat(j.get("seed").asLong()).isEqualTo(7);
    }

    @Test
    void simulate_readsAWorkloadFile_inJsonOrYaml_andFlagsOverrideIt(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("w.yml");
        Files.writeString(yaml, """
                arrivalsPerHour: 12
                breakRate: 0
                hours: 2
                clusters: 4
                tiers:
                  - {name: unit, minutes: 2}
                  - {name: system, minutes: 10}
                flakyTests:
                  - {name: FooTest.bar, tier: unit, rate: 0.0}
                """);
        assertThat(run("--strategy", "oracle", "--workload", yaml.toString())).isZero();
        JsonNode fromYaml = json();
        assertThat(fromYaml.get("rejected").asInt()).isZero();
        assertThat(fromYaml.get("ttmP95Minutes").asDouble()).isLessThan(30);

        out.reset();
        Path json = dir.resolve("w.json");
        Files.writeString(json, "{\"arrivalsPerHour\": 12, \"breakRate\": 0, \"hours\": 2, \"clusters\": 4}");
        assertThat(run("--strategy", "oracle", "--workload", json.toString(), "--break-rate", "1")).isZero();
        JsonNode overridden = json();
        assertThat(overridden.get("merged").asInt()).isZero();
        assertThat(overridden.get("rejected").asInt()).isEqualTo(overridden.get("arrived").asInt());
    }

    @Test
    void simulate_refusesBadInput_withExitCode2AndAReason(@TempDir Path dir) throws IOException {
        assertThat(run("--seed", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--strategy");

        err.reset();
        assertThat(run("--strategy", "zuul")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown queue strategy 'zuul'");

        err.reset();
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "arrivals: 3\n");
        assertThat(run("--strategy", "serial", "--workload", bad.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown key 'arrivals'");
        assertThat(out.size()).isZero();
    }
}
