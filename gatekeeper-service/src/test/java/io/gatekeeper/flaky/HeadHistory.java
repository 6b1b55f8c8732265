package io.gatekeeper.flaky;

import io.gatekeeper.flaky.store.RunContext;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.flaky.testing.MutableClock;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test's flake history as head runs leave it: innocent failures, each excused by a pass on the same tree. */
public final class HeadHistory {
    private HeadHistory() {
    }

    /**
     * {@code runs} head runs ten minutes apart in which {@code flaky} fails once in every {@code failEvery} and
     * passes on re-run, and {@code stable} tests always pass; the clock ends ten minutes after the last.
     */
    public static void seed(TestResultStore store, MutableClock clock, String repo, String tier, String flaky,
                            int runs, int failEvery, String... stable) {
        for (int i = 0; i < runs; i++) {
            clock.advance(Duration.ofMinutes(10));
            String tree = "head-tree-" + i;
            List<String> cases = new ArrayList<>();
            for (String s : stable) {
                cases.add(Reports.pass(s));
            }
            boolean fails = i % failEvery == 0;
            cases.add(fails ? Reports.fail(flaky, "timeout") : Reports.pass(flaky));
            ingest(store, RunContext.firstRun(repo, tier, "head" + i, tree, "n1", clock.instant()).asHeadRun(), cases);
            if (fails) {
                ingest(store, RunContext.rerun(repo, tier, "head" + i, tree, 2, "n1", clock.instant()).asHeadRun(),
                        List.of(Reports.pass(flaky)));
            }
        }
        clock.advance(Duration.ofMinutes(10));
    }

    public static void ingest(TestResultStore store, RunContext ctx, List<String> testcases) {
        store.ingest(ctx, new ByteArrayInputStream(Reports.xml(testcases).getBytes(StandardCharsets.UTF_8)));
    }
}
