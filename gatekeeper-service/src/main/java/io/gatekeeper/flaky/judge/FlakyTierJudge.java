package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.model.Attempt;
import io.gatekeeper.flaky.model.BlameStreak;
import io.gatekeeper.flaky.model.BurnIn;
import io.gatekeeper.flaky.model.BurnInSettings;
import io.gatekeeper.flaky.model.Decision;
import io.gatekeeper.flaky.model.FailedTest;
import io.gatekeeper.flaky.model.FlakeJudge;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.Scope;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.model.Verdict;
import io.gatekeeper.flaky.service.TestSignals;
import io.gatekeeper.flaky.store.ExecutionRow;
import io.gatekeeper.flaky.store.RunContext;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.gate.TierOutcomeJudge;
import io.gatekeeper.queue.Event;
import io.gatekeeper.runner.tier.TierResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The judge step of the gate (issue 5 §3): every finished tier run's reports are stored in flaky-db; when a
 * run fails, each failed test is judged by {@link FlakeJudge} — broken-on-head tests never block, nor do
 * quarantined tests failing their known way, a test with no flake history is the change's fault at once, a test
 * with a measured rate (or a quarantined one failing a new way) is re-run alone on the same candidate until the
 * evidence decides. The tier passes when every failure is judged not
 * blocking; verdicts are stored with their numbers and shown on the request. Once a tier passes, the tests
 * the candidate adds or modifies are burnt in ({@link BurnInStep}) before the pass is told to the gate.
 *
 * <p>Re-runs go through the tier's own command with {@value #RERUN_VARIABLE} set to the comma-separated
 * test ids ({@code class#name}) to run; a command that ignores it re-runs whole, which the re-run's log
 * says. Runs it cannot judge (no report, a refused report, suite-level errors, time-outs) keep the gate's
 * own outcome: a failure is never excused without evidence.
 */
public final class FlakyTierJudge implements TierOutcomeJudge {
    public static final String RERUN_VARIABLE = "GATEKEEPER_RERUN_TESTS";
    static final int MAX_INFRA_RETRIES = 2;
    private static final Duration SESSION_LIFETIME = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(FlakyTierJudge.class);

    private final TestResultStore store;
    private final FlakeJudge judge;
    private final TestSignals signals;
    private final Clock clock;
    private final RunIngestor ingestor;
    private final RerunReports rerunReports = new RerunReports();
    private final Map<String, RerunSession> sessions = new ConcurrentHashMap<>();
    private final RerunCapability capability;
    private final BurnInStep burnIn;
    private final CandidateChanges candidateChanges;
    private final ModelSettings settings;

    /** A judge without burn-in. */
    public FlakyTierJudge(TestResultStore store, ModelSettings settings, TestSignals signals, Clock clock) {
        this(store, settings, BurnInSettings.DEFAULT.withRuns(0), ChangedFiles.NONE, signals, clock);
    }

    public FlakyTierJudge(TestResultStore store, ModelSettings settings, BurnInSettings burnInSettings,
                          ChangedFiles changedFiles, TestSignals signals, Clock clock) {
        this(store, settings, burnInSettings, changedFiles, CandidateChanges.UNKNOWN, signals, clock);
    }

    public FlakyTierJudge(TestResultStore store, ModelSettings settings, BurnInSettings burnInSettings,
                          ChangedFiles changedFiles, CandidateChanges candidateChanges, TestSignals signals,
                          Clock clock) {
        this.store = store;
        this.settings = settings;
        this.candidateChanges = candidateChanges;
        this.judge = new FlakeJudge(settings);
        this.signals = signals;
        this.clock = clock;
        this.ingestor = new RunIngestor(store);
        this.capability = new RerunCapability(clock);
        this.burnIn = new BurnInStep(store, new BurnIn(settings, burnInSettings), changedFiles, capability, signals,
                clock);
    }

    @Override
    public Judgement judge(Run run, Event proposed) {
        try {
            return run.rerun() ? rerun(run, proposed) : first(run, proposed);
        } catch (RuntimeException e) {
            LOG.error("{}: judging run {} of tier {} failed", run.repo(), run.runId(), run.tier(), e);
            sessions.remove(key(run));
            burnIn.forget(key(run));
            if (proposed instanceof Event.TierPassed && !run.rerun()) {
                return Judgement.keep(proposed);
            }
            String why = "the failed tests could not be judged: " + e.getMessage();
            return Judgement.decide(new Event.TierInfraError(run.candidate(), run.tier(), why), why);
        }
    }

    /** Isolation of a batch found no culprit: its candidates' unexplained failures become flake evidence. */
    @Override
    public void noCulprit(String repo, List<String> candidateCommits) {
        signals.publish(store.markNoCulprit(repo, candidateCommits));
    }

    private Judgement first(Run run, Event proposed) {
        String key = key(run);
        sessions.remove(key);
        burnIn.forget(key);
        sessions.values().removeIf(s -> s.opened().isBefore(clock.instant().minus(SESSION_LIFETIME)));
        ChangedTestsSeen changed = new ChangedTestsSeen(burnIn.changedTests(run));
        RunIngestor.Ingested in = ingestor.ingest(context(run, Attempt.FIRST, Scope.IN_SUITE),
                run.result().reports(), changed);
        signals.publish(in.changes());
        boolean clean = !run.reportError() && in.suiteErrors() == 0 && in.refused().isEmpty();
        if (proposed instanceof Event.TierPassed passed && clean
                && run.result().outcome() == TierResult.Outcome.PASSED) {
            return burnIn.start(run, passed, changed.tests(), null);
        }
        if (!(proposed instanceof Event.TierFailed failed) || !clean
                || run.result().outcome() != TierResult.Outcome.FAILED || in.failures().isEmpty()) {
            return Judgement.keep(proposed);
        }
        RerunSession session = new RerunSession(failed.reason(), failed.took(), clock.instant(), changed.tests());
        for (ExecutionRow failure : in.failures().values()) {
            FailedTest test = headFailing(run.repo(), store.failedTest(run.repo(), failure.test(),
                    failure.fingerprint()));
            session.add(test, judge.judge(test));
        }
        return next(session, run);
    }

    private Judgement rerun(Run run, Event proposed) {
        String key = key(run);
        RerunSession session = sessions.get(key);
        boolean burning = burnIn.owns(key);
        TierResult.Outcome outcome = run.result().outcome();
        if ((session == null && !burning) || outcome == TierResult.Outcome.CANCELLED) {
            sessions.remove(key);   // nothing to continue (a restart, a cancelled candidate)
            burnIn.forget(key);
            return Judgement.keep(proposed);
        }
        if (burning && outcome == TierResult.Outcome.INFRA_ERROR) {
            return burnIn.infraError(run, proposed, key);
        }
        if (outcome == TierResult.Outcome.INFRA_ERROR) {
            if (session.infraRetries++ < MAX_INFRA_RETRIES) {
                return Judgement.rerun(env(run.rerunTests()), run.rerunTests(), "the re-run hit an infrastructure"
                        + " error (" + run.result().message() + "), re-running again");
            }
            sessions.remove(key);
            return Judgement.keep(proposed);
        }
        Set<String> asked = Set.copyOf(run.rerunTests());
        RerunReports.Read read = rerunReports.read(run.result().reports(), asked);
        boolean whole = read.testsRan() > asked.size();
        String wholeNote = whole ? "the tier ignored " + RERUN_VARIABLE + " and re-ran whole: asked for "
                + asked.size() + " test(s), " + read.testsRan() + " ran" : null;
        if (whole) {
            RunNotes.append(run.log(), wholeNote);
        }
        if (read.error() == null && read.testsRan() > 0) {
            capability.observed(run.repo(), run.tier(), whole);
        }
        RunIngestor.Ingested in = ingestor.ingest(context(run, Attempt.RERUN, whole ? Scope.IN_SUITE
                : Scope.ISOLATED), run.result().reports());
        signals.publish(in.changes());
        if (burning) {
            return burnIn.done(run, proposed, key, read, wholeNote);
        }
        if (read.error() != null || run.reportError() || outcome == TierResult.Outcome.TIMED_OUT) {
            sessions.remove(key);
            String why = outcome == TierResult.Outcome.TIMED_OUT ? "the re-run " + run.result().message()
                    : "the re-run's report could not be read (" + read.error() + ")";
            why = why + ": the first run's failures stand";
            return Judgement.decide(new Event.TierFailed(run.candidate(), run.tier(),
                    RunNotes.reason(session.firstReason(), List.of(why)), session.failedNames(), session.took()), why);
        }
        session.rerunDone(read.results(), judge, run.result().took());
        Judgement next = next(session, run);
        return wholeNote == null ? next : new Judgement(next.event(), next.rerunEnv(), next.rerunTests(),
                wholeNote + "; " + next.note());
    }

    /** Re-runs what is undecided, or, once a failure blocks or nothing is undecided, the tier's outcome. */
    private Judgement next(RerunSession session, Run run) {
        List<Verdict> pending = session.pending();
        boolean blocked = session.blocked();
        if (!blocked && !pending.isEmpty()) {
            sessions.put(key(run), session);
            List<String> ids = pending.stream().map(v -> v.testId().value()).toList();
            return Judgement.rerun(env(ids), ids, "re-running " + ids.size() + " test(s) on the same candidate: "
                    + String.join("; ", texts(pending)));
        }
        sessions.remove(key(run));
        List<Verdict> decided = session.decided();
        for (Verdict v : decided) {
            signals.publish(store.recordVerdict(run.repo(), run.tier(), run.commit(), v));
        }
        if (!blocked) {
            // Every failure is judged not blocking: a quarantined test's failure here counts as flake evidence.
            List<TestId> quarantined = decided.stream().filter(v -> v.decision() == Decision.QUARANTINED)
                    .map(Verdict::testId).toList();
            signals.publish(store.countQuarantinedFailures(run.repo(), run.commit(), run.tier(), quarantined));
        }
        if (blocked) {
            List<Verdict> blocking = decided.stream().filter(v -> v.decision().blocks()).toList();
            return Judgement.decide(new Event.TierFailed(run.candidate(), run.tier(),
                            RunNotes.reason(session.firstReason(), texts(decided)),
                            blocking.stream().map(v -> v.testId().display()).toList(), session.took()),
                    "judged: " + String.join("; ", texts(blocking)));
        }
        return burnIn.start(run, new Event.TierPassed(run.candidate(), run.tier(), session.took()),
                session.changedTests(), "every failure judged not blocking: " + String.join("; ", texts(decided)));
    }

    /**
     * A test quarantined for its rate that keeps getting candidates blamed, with no change common to them and no
     * pass anywhere since, is failed by head: judged as broken, so no further candidate is blamed for it.
     */
    private FailedTest headFailing(String repo, FailedTest test) {
        if (test.state() != TestState.QUARANTINED || test.quarantinedByHand()
                || !Boolean.FALSE.equals(test.fingerprintKnown())) {
            return test;   // only a failure a new way can blame a candidate for a quarantined test
        }
        List<String> blamed = store.blamedSinceLastPass(repo, test.testId());
        if (blamed.size() < settings.brokenAfter()) {
            return test;
        }
        List<Set<String>> changes = blamed.stream().map(c -> candidateChanges.of(repo, c)).toList();
        return BlameStreak.headFailsIt(changes, settings) ? test.withState(TestState.BROKEN) : test;
    }

    private RunContext context(Run run, Attempt kind, Scope scope) {
        return new RunContext(run.repo(), run.tier(), run.commit(), run.tree(), run.attempt(), kind, scope,
                run.onHead(), run.node(), clock.instant());
    }

    static Map<String, String> env(List<String> testIds) {
        return Map.of(RERUN_VARIABLE, String.join(",", testIds));
    }

    private static List<String> texts(List<Verdict> verdicts) {
        return verdicts.stream().map(Verdict::text).toList();
    }

    static String key(Run run) {
        return run.repo() + "\n" + run.candidate() + "\n" + run.commit() + "\n" + run.tier();
    }
}
