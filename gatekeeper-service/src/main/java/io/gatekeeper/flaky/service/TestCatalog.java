package io.gatekeeper.flaky.service;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.api.TestDetailJson;
import io.gatekeeper.api.TestJson;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.store.StateChange;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.flaky.store.TestStateRow;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.AuditRow;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tests API: listing, one test's history, and quarantine or release by hand (with a reason, audited, and
 * signalled like an automatic change). Repositories are named by the caller; unknown ones are 404s.
 */
public final class TestCatalog {
    public static final int MAX_LIMIT = 1000;

    private final TestResultStore store;
    private final TestSignals signals;
    private final Jdbi jdbi;
    private final Function<String, Optional<String>> headBranch;
    private final Supplier<List<String>> repos;
    private final Clock clock;

    public TestCatalog(TestResultStore store, TestSignals signals, Jdbi jdbi,
                       Function<String, Optional<String>> headBranch, Supplier<List<String>> repos, Clock clock) {
        this.store = store;
        this.signals = signals;
        this.jdbi = jdbi;
        this.headBranch = headBranch;
        this.repos = repos;
        this.clock = clock;
    }

    /** Tests most flaky first; {@code repo} null for every repository, {@code state} null for every state. */
    public List<TestJson> list(String repo, String state, int limit) {
        TestState wanted = parseState(state);
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        if (repo != null && !repo.isBlank()) {
            requireRepo(repo);
            return store.listTests(repo, wanted, n, 0).stream().map(TestViews::test).toList();
        }
        List<TestStateRow> all = new ArrayList<>();
        for (String r : repos.get()) {
            all.addAll(store.listTests(r, wanted, n, 0));
        }
        return all.stream().sorted(Comparator.comparingDouble(TestStateRow::rate).reversed()
                        .thenComparing(TestStateRow::repo).thenComparing(TestStateRow::testId))
                .limit(n).map(TestViews::test).toList();
    }

    public TestDetailJson one(String id, String repo, int limit) {
        TestKeys.Key key = key(id, repo);
        TestId test = TestId.parse(key.testId());
        TestStateRow row = store.test(key.repo(), test).orElseThrow(() -> unknown(key));
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        return TestDetailJson.of(TestViews.test(row),
                store.history(key.repo(), test, n).stream().map(TestViews::execution).toList(),
                store.verdictsOf(key.repo(), test, n).stream().map(TestViews::judgement).toList(),
                store.stateChanges(key.repo(), test).stream().map(TestViews::change).toList());
    }

    public TestJson quarantine(String actor, String id, String repo, String reason) {
        return byHand(actor, id, repo, reason, true);
    }

    public TestJson release(String actor, String id, String repo, String reason) {
        return byHand(actor, id, repo, reason, false);
    }

    private TestJson byHand(String actor, String id, String repo, String reason, boolean quarantine) {
        if (reason == null || reason.isBlank()) {
            throw new GatekeeperException.InvalidInput("a " + (quarantine ? "quarantine" : "release")
                    + " needs a reason: send {\"reason\": \"...\"}");
        }
        TestKeys.Key key = key(id, repo);
        TestId test = TestId.parse(key.testId());
        TestStateRow row = store.test(key.repo(), test).orElseThrow(() -> unknown(key));
        if (!quarantine && !row.quarantined()) {
            throw new GatekeeperException.Conflict("test " + key.testId() + " in " + key.repo()
                    + " is " + row.state().value() + ", not quarantined");
        }
        StateChange change = quarantine ? store.quarantine(key.repo(), test, actor, reason)
                : store.release(key.repo(), test, actor, reason);
        jdbi.useExtension(AuditDao.class, d -> d.append(AuditRow.of(clock.instant(), actor,
                quarantine ? "test.quarantine" : "test.release", key.repo(), key.testId(), null, null,
                reason.strip())));
        signals.publish(List.of(change));
        return TestViews.test(store.test(key.repo(), test).orElseThrow());
    }

    /** An API id, or a raw test id ({@code class#name}) when the repository is given separately. */
    private TestKeys.Key key(String id, String repo) {
        Optional<TestKeys.Key> key = TestKeys.decode(id);
        if (repo != null && !repo.isBlank() && (key.isEmpty() || !key.get().repo().equals(repo))) {
            key = Optional.of(new TestKeys.Key(repo, id));
        }
        TestKeys.Key k = key.orElseThrow(() -> new GatekeeperException.NotFound("no test " + id
                + ": use an id from GET /api/tests, or a test id with ?repo="));
        requireRepo(k.repo());
        return k;
    }

    private void requireRepo(String repo) {
        if (headBranch.apply(repo).isEmpty()) {
            throw new GatekeeperException.NotFound("no repository named '" + repo + "'");
        }
    }

    private static GatekeeperException unknown(TestKeys.Key key) {
        return new GatekeeperException.NotFound("no test " + key.testId() + " in " + key.repo());
    }

    private static TestState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return TestState.fromValue(state.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GatekeeperException.InvalidInput("unknown state '" + state
                    + "': use stable, flaky, broken or quarantined");
        }
    }
}
