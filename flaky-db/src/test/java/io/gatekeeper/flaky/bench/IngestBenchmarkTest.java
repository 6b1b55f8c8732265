package io.gatekeeper.flaky.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.store.RunContext;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.flaky.store.TestStateRow;
import io.gatekeeper.flaky.testing.DatabaseEngine;
import io.gatekeeper.flaky.testing.MigratedDatabase;
import io.gatekeeper.flaky.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Ingest throughput and listing latency on PostgreSQL. A benchmark, not a test: it prints numbers and checks
 * only that the data is right. Runs only with -Dgatekeeper.long=true (see bench/flaky/README.md).
 */
@EnabledIfSystemProperty(named = "gatekeeper.long", matches = "true")
class IngestBenchmarkTest {

    private static final String REPO = "bench/repo";
    private static final int TESTS = 2000;
    private static final int REPORTS = 100;
    private static final long FILL_TO = Long.getLong("bench.executions", 10_000_000L);

    @Test
    void ingestThroughput_andListingOverManyExecutions() {
        try (MigratedDatabase db = TestDatabases.fresh(DatabaseEngine.POSTGRES)) {
            TestResultStore store = new TestResultStore(db.jdbi(), ModelSettings.DEFAULT, Clock.systemUTC());
            long t0 = System.nanoTime();
            for (int r = 0; r < REPORTS; r++) {
                byte[] xml = report(r);
                store.ingest(RunContext.firstRun(REPO, "unit", "c" + r, "tree" + r, "node", Instant.now()),
                        new ByteArrayInputStream(xml));
            }
            double ingestSeconds = (System.nanoTime() - t0) / 1e9;
            long stored = (long) TESTS * REPORTS;
            System.out.printf(Locale.ROOT, "ingest: %d reports x %d tests = %d executions in %.1f s: %.0f executions/s%n",
                    REPORTS, TESTS, stored, ingestSeconds, stored / ingestSeconds);

            db.jdbi().useHandle(h -> h.execute("""
                    INSERT INTO test_execution (repo, test_id, parameters, tier, candidate_commit, tree_id, attempt,
                        attempt_kind, scope, on_head, outcome, duration_ms, node, executed_at, evidence)
                    SELECT 'bench/repo', 'org.bench.Test' || (g % 2000) || '#t', '', 'unit', 'fill' || (g / 2000),
                        'filltree' || (g / 2000), 1, 'FIRST', 'IN_SUITE', false,
                        CASE WHEN g % 97 = 0 THEN 'FAIL' ELSE 'PASS' END, 5, 'node',
                        now() - (g || ' seconds')::interval, 'NONE'
                    FROM generate_series(1, ?) AS g""", FILL_TO - stored));
            db.jdbi().useHandle(h -> h.execute("ANALYZE"));
            long total = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM test_execution")
                    .mapTo(Long.class).one());
            assertThat(total).isEqualTo(Math.max(stored, FILL_TO));

            double[] list = time(() -> {
                List<TestStateRow> page = store.listTests(REPO, null, 100, 0);
                assertThat(page).hasSize(100);
            });
            double[] one = time(() -> assertThat(store.test(REPO, new TestId("org.bench.Test17", "t"))).isPresent());
            double[] history = time(() -> assertThat(store.history(REPO, new TestId("org.bench.Test17", "t"), 50))
                    .hasSize(50));
            System.out.printf(Locale.ROOT, "with %d executions: listTests(100) median %.2f ms (max %.2f), "
                            + "one test %.2f ms, history(50) %.2f ms%n",
                    total, list[0], list[1], one[0], history[0]);
        }
    }

    private static double[] time(Runnable r) {
        double[] ms = new double[21];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[ms.length - 1]};
    }

    private static byte[] report(int r) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"bench\">\n");
        for (int i = 0; i < TESTS; i++) {
            xml.append("<testcase classname=\"org.bench.Test").append(i).append("\" name=\"t\" time=\"0.01\"");
            if ((i + r) % 101 == 0) {
                xml.append("><failure type=\"java.lang.AssertionError\" message=\"boom\">java.lang.AssertionError: boom\n"
                        + "\tat org.bench.Test.t(Test.java:").append(i).append(")\n</failure></testcase>\n");
            } else {
                xml.append("/>\n");
            }
        }
        return xml.append("</testsuite>\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
