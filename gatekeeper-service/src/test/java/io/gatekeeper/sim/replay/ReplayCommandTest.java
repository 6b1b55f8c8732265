package io.gatekeeper.sim.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatekeeper.ConfigurationFile;
import io.gatekeeper.sim.SimulateCommand;
import io.gatekeeper.store.Database;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code simulate --replay}: the service's H2 database in a temporary data directory, written through the store's
 * DAOs, read back by the command as the server's configuration names it.
 */
class ReplayCommandTest {
    @TempDir
    Path dir;
    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void recordShopHistory() throws IOException {
        config = dir.resolve("gatekeeper.yml");
        Files.writeString(config, "dataDir: " + dir.resolve("data") + "\n"
                + "queue:\n  strategy: serial\n  batchMax: 4\n  slots: 3\n");
        JdbcDataSource ds = dataSource();
        Database.migrate(ds);
        ShopHistory.write(Database.jdbi(ds));
    }

    /** The server's database as the configuration names it; open, it is locked to this process. */
    private JdbcDataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(ConfigurationFile.read(config.toString()).buildDataSourceFactory().getUrl());
        ds.setUser("sa");
        return ds;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return SimulateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode replay(String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("simulate", "--replay", "shop", "--days", "30", "--config",
                config.toString()));
        args.addAll(List.of(flags));
        assertThat(run(args.toArray(String[]::new))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String text = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(text.lines()).hasSize(1);
        return new ObjectMapper().readTree(text);
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "gatekeeper", "bisect", "oracle"})
    void replay_withoutFlakes_mergesEveryGoodRequestAndRejectsEveryBadOne(String strategy) throws IOException {
        JsonNode j = replay("--strategy", strategy, "--flake-rate", "0");

        assertThat(j.get("strategy").asText()).isEqualTo(strategy);
        assertThat(j.get("arrived").asInt()).isEqualTo(11);
        assertThat(j.get("merged").asInt()).isEqualTo(9);
        assertThat(j.get("rejected").asInt()).isEqualTo(2);
        assertThat(j.get("goodRejected").asInt()).isZero();
        assertThat(j.get("badLanded").asInt()).isZero();
        assertThat(j.get("unfinished").asInt()).isZero();
        assertThat(j.get("violations")).isEmpty();
        JsonNode r = j.get("replay");
        assertThat(r.get("repo").asText()).isEqualTo("shop");
        assertThat(r.get("days").asInt()).isEqualTo(30);
        assertThat(r.get("requests").asInt()).isEqualTo(11);
        assertThat(r.get("bad").asInt()).isEqualTo(2);
        assertThat(r.get("tiers").findValuesAsText("name")).containsExactly("unit", "system");
        assertThat(r.get("tiers").findValues("minutes")).extracting(JsonNode::asDouble).containsExactly(5.0, 20.0);
    }

    @Test
    void replay_takesItsSettingsFromTheConfiguration_andFlagsOverrideThem() throws IOException {
        JsonNode configured = replay();
        assertThat(configured.get("strategy").asText()).as("queue.strategy").isEqualTo("serial");
        assertThat(configured.get("replay").get("clusters").asInt()).as("queue.slots").isEqualTo(3);
        assertThat(configured.get("replay").get("batchMax").asInt()).as("queue.batchMax").isEqualTo(4);
        assertThat(configured.get("replay").get("tiers").findValues("flakeRate")).extracting(JsonNode::asDouble)
                .containsExactly(0.1667, 0.1);

        JsonNode oneCluster = replay("--strategy", "gatekeeper", "--flake-rate", "0", "--clusters", "1");
        JsonNode eightClusters = replay("--strategy", "gatekeeper", "--flake-rate", "0", "--clusters", "8");
        assertThat(oneCluster.get("replay").get("clusters").asInt()).isEqualTo(1);
        assertThat(eightClusters.get("replay").get("clusters").asInt()).isEqualTo(8);
        assertThat(oneCluster.get("ttmMeanMinutes").asDouble())
                .isGreaterThan(eightClusters.get("ttmMeanMinutes").asDouble());

        JsonNode slowTiers = replay("--strategy", "gatekeeper", "--flake-rate", "0", "--clusters", "8",
                "--tier-minutes", "50");
        assertThat(slowTiers.get("replay").get("tiers").findValues("simulatedMinutes"))
                .extracting(JsonNode::asDouble).containsExactly(10.0, 40.0);
        assertThat(slowTiers.get("ttmMeanMinutes").asDouble())
                .isGreaterThan(eightClusters.get("ttmMeanMinutes").asDouble());

        JsonNode oneAtATime = replay("--strategy", "gatekeeper", "--flake-rate", "0", "--batch-max", "1");
        assertThat(oneAtATime.get("replay").get("batchMax").asInt()).isEqualTo(1);
    }

    @Test
    void replay_refusesWhatItCannotReplay_withExitCode2AndAReason() throws IOException {
        String cfg = config.toString();
        assertThat(run("--replay", "nope", "--config", cfg)).isEqualTo(2);
        assertThat(error()).contains("simulate: no repository 'nope' in the database (known: shop)");
        assertThat(out.size()).isZero();

        assertThat(run("--replay", "shop", "--config", cfg, "--hours", "3")).isEqualTo(2);
        assertThat(error()).contains("--hours shapes a synthetic workload");

        assertThat(run("--replay", "shop", "--config", cfg, "--strategy", "zuul")).isEqualTo(2);
        assertThat(error()).contains("unknown queue strategy 'zuul'");

        assertThat(run("--replay", "shop", "--config", cfg, "--days", "0")).isEqualTo(2);
        assertThat(error()).contains("--days must be at least 1");

        assertThat(run("--replay", "shop", "--config", cfg, "--clusters", "0")).isEqualTo(2);
        assertThat(error()).contains("--clusters and --batch-max must be at least 1");

        Path nowhere = dir.resolve("nowhere.yml");
        Files.writeString(nowhere, "dataDir: " + dir.resolve("no-data") + "\n");
        assertThat(run("--replay", "shop", "--config", nowhere.toString())).isEqualTo(2);
        assertThat(error()).contains("cannot read the service database").contains("no database there");
        assertThat(Files.exists(dir.resolve("no-data").resolve("db"))).as("nothing created").isFalse();

        assertThat(run("--replay", "shop", "--config", dir.resolve("missing.yml").toString())).isEqualTo(2);
        assertThat(error()).contains("cannot read the configuration");

        assertThat(run("--seed", "1", "--config", cfg)).isEqualTo(2);
        assertThat(error()).contains("--strategy is required");
    }

    /** The jar's real entry point in its own process, with the bundled configuration and GATEKEEPER_DATA. */
    @Test
    void replay_throughTheMainClass_printsOneJsonObject() throws Exception {
        Process ok = main("simulate", "--replay", "shop", "--days", "30");
        String stdout = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ok.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.exitValue()).as(new String(ok.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        assertThat(stdout.trim().lines()).hasSize(1);
        JsonNode j = new ObjectMapper().readTree(stdout);
        assertThat(j.get("strategy").asText()).as("the bundled queue.strategy").isEqualTo("gatekeeper");
        assertThat(j.get("replay").get("clusters").asInt()).as("the bundled queue.slots").isEqualTo(2);
        assertThat(j.get("arrived").asInt()).isEqualTo(11);
        assertThat(j.get("badLanded").asInt()).isZero();
        for (String key : new String[] {"merged", "rejected", "goodRejected", "headBrokenMinutes", "ttmMeanMinutes",
            "ttmP50Minutes", "ttmP95Minutes", "clusterHours", "runsPerMerge"}) {
            assertThat(j.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(j.get("queueLength").isArray()).isTrue();

        Process unknown = main("simulate", "--replay", "nope");
        String stderr = new String(unknown.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unknown.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unknown.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("no repository 'nope' in the database (known: shop)");

        try (Connection server = dataSource().getConnection()) {
            Process locked = main("simulate", "--replay", "shop");
            String lockedErr = new String(locked.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(locked.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(locked.exitValue()).isEqualTo(2);
            assertThat(lockedErr).contains("the running server holds the embedded H2 database");
        }
    }

    /**
     * Logging as in the jar, which carries no logback configuration: logback's default prints every library's
     * debug lines on standard output, where the command's JSON goes.
     */
    private Process main(String... args) throws IOException {
        Path logback = dir.resolve("logback-as-in-the-jar.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%level %logger %msg%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                "io.gatekeeper.GatekeeperMain"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("GATEKEEPER_DATA", dir.resolve("data").toString());
        pb.environment().remove("GATEKEEPER_DB_URL");
        return pb.start();
    }
}
