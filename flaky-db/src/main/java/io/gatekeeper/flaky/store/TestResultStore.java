package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.junit.JUnitXmlParser;
import io.gatekeeper.flaky.junit.ReportRejectedException;
import io.gatekeeper.flaky.junit.ReportSummary;
import io.gatekeeper.flaky.junit.TestCaseResult;
import io.gatekeeper.flaky.model.BrokenPolicy;
import io.gatekeeper.flaky.model.DecayedCounts;
import io.gatekeeper.flaky.model.FailedTest;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.RatePosterior;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.model.Verdict;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The flaky-db store: every test execution, the per-test rollups, verdicts and quarantine. Each public method
 * is one transaction. Thread-safe; concurrent ingests of the same tests serialise on their rollup rows.
 */
public final class TestResultStore {

    /** Isolated runs (weighted) needed before re-runs are judged with the isolated rate instead of the pooled one. */
    public static final double MIN_ISOLATED_RUNS = 30;

    private final Jdbi jdbi;
    private final ModelSettings settings;
    private final Clock clock;
    private final Rollup rollup;
    private final RollupWriter writer;
    private final Evidences evidences;
    private final JUnitXmlParser parser;

    public TestResultStore(Jdbi jdbi, ModelSettings settings, Clock clock) {
        this.jdbi = jdbi.installPlugin(new SqlObjectPlugin());
        this.settings = settings;
        this.clock = clock;
        this.rollup = new Rollup(settings);
        this.writer = new RollupWriter(rollup);
        this.evidences = new Evidences(settings);
        this.parser = new JUnitXmlParser();
    }

    /**
     * Parses a JUnit-XML report and records it, streaming, in one transaction.
     *
     * @throws ReportRejectedException when the report is refused; nothing of it is stored
     */
    public IngestResult ingest(RunContext run, InputStream report) {
        return ingest(run, report, t -> { });
    }

    /**
     * As {@link #ingest(RunContext, InputStream)}, handing each test case to {@code alsoEach} too, so that a
     * caller needing more of the report than the store keeps does not parse it a second time. On a refusal the
     * test cases already handed over must be discarded, as nothing of the report is stored.
     */
    public IngestResult ingest(RunContext run, InputStream report, Consumer<TestCaseResult> alsoEach) {
        return jdbi.inTransaction(handle -> {
            IngestTransaction tx = new IngestTransaction(handle, run, settings, now());
            ReportSummary summary = parser.parse(report, t -> {
                tx.add(t);
                alsoEach.accept(t);
            });
            return tx.finish(summary, evidences, writer);
        });
    }

    /** Records already-parsed results in one transaction. */
    public IngestResult record(RunContext run, Iterable<TestCaseResult> results) {
        return jdbi.inTransaction(handle -> {
            IngestTransaction tx = new IngestTransaction(handle, run, settings, now());
            results.forEach(tx::add);
            return tx.finish(null, evidences, writer);
        });
    }

    /** Isolation of a batch found no culprit: its candidates' unexplained failures become flake evidence. */
    public List<StateChange> markNoCulprit(String repo, List<String> candidateCommits) {
        return jdbi.inTransaction(handle -> {
            Instant now = now();
            Map<String, TestDelta> deltas = new LinkedHashMap<>();
            evidences.settleNoCulprit(handle, repo, candidateCommits, deltas, now);
            return writer.write(handle, repo, deltas, now);
        });
    }

    /**
     * A candidate's tier passed with failures of these quarantined tests (every other failure judged not
     * blocking): those failures become flake evidence. A quarantined test is never re-run, so no same-tree
     * pass would ever excuse them, while its passes always count: without this its rate drifts towards 0 and
     * it is released on a biased estimate.
     */
    public List<StateChange> countQuarantinedFailures(String repo, String candidateCommit, String tier,
                                                      Collection<TestId> tests) {
        if (tests.isEmpty()) {
            return List.of();
        }
        return jdbi.inTransaction(handle -> {
            Instant now = now();
            Map<String, TestDelta> deltas = new LinkedHashMap<>();
            Set<String> ids = new TreeSet<>();
            tests.forEach(t -> ids.add(t.value()));
            evidences.settleQuarantined(handle, repo, candidateCommit, tier, ids, deltas, now);
            return writer.write(handle, repo, deltas, now);
        });
    }

    /** Stores a verdict; blaming the change revokes any flake evidence its failures had gained. */
    public List<StateChange> recordVerdict(String repo, String tier, String candidateCommit, Verdict verdict) {
        return jdbi.inTransaction(handle -> {
            Instant now = now();
            RatePosterior r = verdict.rate();
            handle.attach(VerdictDao.class).insert(new VerdictRow(null, repo, verdict.testId().value(), tier,
                    candidateCommit, verdict.decision(), verdict.failures(), verdict.runs(), verdict.hasHistory(),
                    r.mean(), r.lower(), r.upper(), verdict.pChangeCaused(), verdict.maxReruns(),
                    verdict.fingerprintKnown(), IngestTransaction.cap(verdict.text(), 2000), now));
            if (!verdict.decision().blocks()) {
                return List.<StateChange>of();
            }
            Map<String, TestDelta> deltas = new LinkedHashMap<>();
            evidences.revoke(handle, repo, candidateCommit, verdict.testId().value(), deltas,
                    verdict.testId().display(), now);
            return writer.write(handle, repo, deltas, now);
        });
    }

    /**
     * What {@link io.gatekeeper.flaky.model.FlakeJudge} needs to judge a failure of this test: its rate as of
     * now (the isolated rate once there are {@link #MIN_ISOLATED_RUNS} isolated runs, since targeted re-runs
     * run isolated), its known fingerprints and its state, and whether a person quarantined it. A test never seen
     * is stable with no history.
     */
    public FailedTest failedTest(String repo, TestId test, String fingerprint) {
        return jdbi.withHandle(handle -> {
            Instant now = now();
            Optional<TestStateRow> row = handle.attach(TestStateDao.class).find(repo, test.value());
            Set<String> known = handle.attach(FingerprintDao.class).known(repo, test.value());
            if (row.isEmpty()) {
                return new FailedTest(test, DecayedCounts.empty(now).posterior(settings), fingerprint, known,
                        List.of(), TestState.STABLE);
            }
            DecayedCounts isolated = row.get().isolated().decayTo(now, settings.halfLife());
            DecayedCounts counts = isolated.failures() + isolated.passes() >= MIN_ISOLATED_RUNS
                    ? isolated : row.get().pooled().decayTo(now, settings.halfLife());
            TestStateRow r = row.get();
            TestState state = r.state() == TestState.QUARANTINED && !r.quarantinedByHand()
                    && headFailsIt(r) ? TestState.BROKEN : r.state();
            return new FailedTest(test, counts.posterior(settings), fingerprint, known, List.of(), state,
                    r.quarantinedByHand());
        });
    }

    /** Whether head fails this quarantined test: its last head runs all failed, so a candidate cannot be blamed. */
    private boolean headFailsIt(TestStateRow row) {
        return new BrokenPolicy(settings).broken(row.headFailureStreak());
    }

    /** Candidate commits blamed for this test since it last passed anywhere (for the judge's blame streak). */
    public List<String> blamedSinceLastPass(String repo, TestId test) {
        return jdbi.withExtension(VerdictDao.class, dao -> dao.blamedSinceLastPass(repo, test.value()));
    }

    /** Tests of a repository, most flaky first; {@code state} null for all. */
    public List<TestStateRow> listTests(String repo, TestState state, int limit, long offset) {
        return jdbi.withExtension(TestStateDao.class, dao -> state == null
                ? dao.byRate(repo, limit, offset) : dao.byRateInState(repo, state.name(), limit, offset));
    }

    public Optional<TestStateRow> test(String repo, TestId test) {
        return jdbi.withExtension(TestStateDao.class, dao -> dao.find(repo, test.value()));
    }

    /** The test's executions, newest first. */
    public List<ExecutionRow> history(String repo, TestId test, int limit) {
        return jdbi.withExtension(ExecutionDao.class, dao -> dao.history(repo, test.value(), limit));
    }

    public List<VerdictRow> verdicts(String repo, String candidateCommit) {
        return jdbi.withExtension(VerdictDao.class, dao -> dao.ofCandidate(repo, candidateCommit));
    }

    public List<VerdictRow> verdictsOf(String repo, TestId test, int limit) {
        return jdbi.withExtension(VerdictDao.class, dao -> dao.ofTest(repo, test.value(), limit));
    }

    public List<StateChange> stateChanges(String repo, TestId test) {
        return jdbi.withExtension(StateChangeDao.class, dao -> dao.ofTest(repo, test.value()));
    }

    /** Quarantines by hand (audited); stays until released by hand. */
    public StateChange quarantine(String repo, TestId test, String actor, String reason) {
        return byHand(repo, test, actor, reason, true);
    }

    /** Releases by hand (audited). */
    public StateChange release(String repo, TestId test, String actor, String reason) {
        return byHand(repo, test, actor, reason, false);
    }

    public void setOwner(String repo, TestId test, String owner) {
        jdbi.useTransaction(handle -> {
            TestStateDao dao = handle.attach(TestStateDao.class);
            TestStateRow row = dao.lock(repo, List.of(test.value())).stream().findFirst()
                    .orElseThrow(() -> new UnknownTestException(repo, test.value()));
            dao.update(List.of(row.withOwner(owner)));
        });
    }

    private StateChange byHand(String repo, TestId test, String actor, String reason, boolean quarantine) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
        return jdbi.inTransaction(handle -> {
            TestStateDao dao = handle.attach(TestStateDao.class);
            TestStateRow row = dao.lock(repo, List.of(test.value())).stream().findFirst()
                    .orElseThrow(() -> new UnknownTestException(repo, test.value()));
            String why = IngestTransaction.cap(reason.strip(), 1000);
            TestStateRow next = rollup.restateByHand(
                    row.withState(row.state(), quarantine, quarantine, quarantine ? why : null));
            dao.update(List.of(next));
            StateChange change = new StateChange(repo, test.value(), row.state(), next.state(), true, actor, why, now());
            handle.attach(StateChangeDao.class).insert(List.of(change));
            return change;
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
