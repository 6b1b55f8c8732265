package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.model.BurnIn;
import io.gatekeeper.flaky.model.BurnInRule;
import io.gatekeeper.flaky.model.ChangedTests;
import io.gatekeeper.flaky.model.FailedTest;
import io.gatekeeper.flaky.model.RerunResult;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.Verdict;
import io.gatekeeper.flaky.service.TestSignals;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.gate.TierOutcomeJudge.Judgement;
import io.gatekeeper.gate.TierOutcomeJudge.Run;
import io.gatekeeper.queue.Event;
import io.gatekeeper.runner.tier.TierResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Burn-in in the gate (docs/flakiness.md §6a): once a candidate's tier has passed, the tests its change adds
 * or modifies that ran in the tier, and (when {@link io.gatekeeper.flaky.model.BurnInSettings#related()}) those
 * named after the source files it changes, are re-run alone ({@value FlakyTierJudge#RERUN_VARIABLE}), one
 * burn-in run after another up to {@link io.gatekeeper.flaky.model.BurnInSettings#runs()}. A test without flake history
 * fails the tier at its first failure; one with flake history when it fails clearly more often than its known
 * rate, and it stops being burnt in once it is shown within that rate. Which tests, and what their runs mean,
 * is {@link BurnIn}'s; this class runs the sessions.
 */
final class BurnInStep {
    private static final Logger LOG = LoggerFactory.getLogger(BurnInStep.class);

    private final TestResultStore store;
    private final BurnIn policy;
    private final ChangedFiles changedFiles;
    private final RerunCapability capability;
    private final TestSignals signals;
    private final Clock clock;
    private final Map<String, BurnInSession> sessions = new ConcurrentHashMap<>();

    BurnInStep(TestResultStore store, BurnIn policy, ChangedFiles changedFiles, RerunCapability capability,
               TestSignals signals, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.changedFiles = changedFiles;
        this.capability = capability;
        this.signals = signals;
        this.clock = clock;
    }

    /**
     * The test files the candidate adds or modifies, and its other source files when related tests are burnt
     * in, when its tier may be burnt in; none otherwise.
     */
    ChangedTests changedTests(Run run) {
        if (!policy.settings().enabled() || !run.burnIn() || run.onHead() || run.base() == null || run.rerun()) {
            return ChangedTests.of(List.of());
        }
        try {
            return ChangedTests.of(changedFiles.between(run.repo(), run.base(), run.commit()),
                    policy.settings().related());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: the files candidate {} changes could not be read", run.repo(), run.candidate(), e);
            RunNotes.append(run.log(), "burn-in skipped: the files the change touches could not be read ("
                    + e.getMessage() + ")");
            return ChangedTests.of(List.of());
        }
    }

    /**
     * The tier passed: burns in the changed tests seen in its run, or lets the pass stand.
     *
     * @param note how the tier passed (the flake judge's words), or null
     */
    Judgement start(Run run, Event.TierPassed passed, Map<TestId, ChangedTests.TestFile> seen, String note) {
        sessions.values().removeIf(s -> s.opened().isBefore(clock.instant().minus(RerunCapability.MEMORY)));
        if (seen.isEmpty()) {
            return note == null ? Judgement.keep(passed) : Judgement.decide(passed, note);
        }
        String counted = BurnInWords.counted(seen.values().stream().map(ChangedTests.TestFile::touch).toList());
        Optional<Instant> ignored = capability.ignoredSince(run.repo(), run.tier());
        if (ignored.isPresent()) {
            String line = "burn-in skipped: tier " + run.tier() + " ignored " + FlakyTierJudge.RERUN_VARIABLE
                    + " and re-ran whole at " + ignored.get() + "; " + counted + " were not burnt in";
            RunNotes.append(run.log(), line);
            return Judgement.decide(passed, join(note, line));
        }
        List<BurnIn.Candidate> candidates = new ArrayList<>();
        seen.forEach((id, file) -> {
            FailedTest known = store.failedTest(run.repo(), id, null);
            candidates.add(new BurnIn.Candidate(id, file.touch(), known.rate(), known.state()));
        });
        BurnIn.Plan plan = policy.plan(candidates);
        for (BurnIn.Skipped s : plan.skipped()) {
            String why = seen.get(s.test()).related() ? " (" + ChangedTests.Touch.RELATED.text() + ")" : "";
            RunNotes.append(run.log(), "burn-in skips `" + s.test().display() + "`" + why + ": " + s.why().text());
        }
        if (plan.tests().isEmpty()) {
            return Judgement.decide(passed, join(note, "burn-in: none of the " + counted + " can be burnt in"));
        }
        noteRelated(run, plan.tests(), seen);
        BurnInSession session = new BurnInSession(plan.tests(), passed.took(), clock.instant());
        return next(run, session, note);
    }

    /** Which changed source file each related test is burnt in for: the one reason a name gives. */
    private static void noteRelated(Run run, List<BurnIn.Candidate> planned, Map<TestId, ChangedTests.TestFile> seen) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (BurnIn.Candidate c : planned) {
            ChangedTests.TestFile source = seen.get(c.test());
            if (source.related()) {
                bySource.computeIfAbsent(source.path(), p -> new ArrayList<>()).add(c.test().value());
            }
        }
        bySource.forEach((path, ids) -> RunNotes.append(run.log(), "burn-in: " + String.join(", ", ids)
                + " " + (ids.size() == 1 ? "is" : "are") + " related to the changed source file " + path));
    }

    boolean owns(String key) {
        return sessions.containsKey(key);
    }

    void forget(String key) {
        sessions.remove(key);
    }

    /** A burn-in run hit an infrastructure error: run it again (twice), then let the gate's outcome stand. */
    Judgement infraError(Run run, Event proposed, String key) {
        BurnInSession session = sessions.get(key);
        if (session != null && session.infraRetries++ < FlakyTierJudge.MAX_INFRA_RETRIES) {
            return Judgement.rerun(FlakyTierJudge.env(run.rerunTests()), run.rerunTests(), "the burn-in run hit an"
                    + " infrastructure error (" + run.result().message() + "), running it again");
        }
        sessions.remove(key);
        return Judgement.keep(proposed);
    }

    /**
     * A burn-in run's results are in (read from its reports for the tests asked for).
     *
     * @param wholeNote non-null when the tier ignored the variable and re-ran whole
     */
    Judgement done(Run run, Event proposed, String key, RerunReports.Read read, String wholeNote) {
        BurnInSession session = sessions.remove(key);
        int k = session.ran(run.result().took());
        int of = policy.settings().runs();
        if (read.error() != null || run.reportError() || run.result().outcome() == TierResult.Outcome.TIMED_OUT) {
            String why = "burn-in run " + k + " of " + of + " " + (read.error() == null ? run.result().message()
                    : "could not be read (" + read.error() + ")") + ": " + BurnInWords.subject(session.tests())
                    + " could not be burnt in";
            return Judgement.decide(new Event.TierFailed(run.candidate(), run.tier(), "tier " + run.tier()
                    + " failed: " + why, names(session.tests()), session.took()), why);
        }
        List<Verdict> failed = new ArrayList<>();
        List<BurnIn.Progress> missing = new ArrayList<>();
        for (BurnIn.Progress before : session.tests()) {
            RerunResult r = read.results().get(before.test().test().value());
            if (r == null) {
                missing.add(before);
                continue;
            }
            BurnIn.Progress p = before.after(r.outcome().failed());
            session.update(before, p);
            BurnInRule.Status status = policy.judge(p);
            if (status == BurnInRule.Status.CHANGE_CAUSED) {
                failed.add(policy.changeCaused(p, k));
            } else if (status == BurnInRule.Status.WITHIN_RATE) {
                String line = policy.withinRate(p);
                RunNotes.append(run.log(), "burn-in: " + line + ", not burnt in further");
                session.withinRate(p, line);
            }
        }
        if (!failed.isEmpty()) {
            return failed(run, proposed, session, failed, k, of);
        }
        if (wholeNote != null) {
            return Judgement.decide(new Event.TierPassed(run.candidate(), run.tier(), session.took()), wholeNote
                    + "; burn-in stopped after run " + k + " of " + of + ", which "
                    + BurnInWords.subject(session.tests()) + " passed");
        }
        for (BurnIn.Progress t : missing) {
            RunNotes.append(run.log(), "burn-in: `" + t.test().test().display() + "` is not in burn-in run " + k
                    + "'s reports, not burnt in further");
        }
        session.drop(missing);
        if (session.tests().isEmpty() || k >= of) {
            return Judgement.decide(new Event.TierPassed(run.candidate(), run.tier(), session.took()),
                    passedNote(session, k, of) + (missing.isEmpty() ? "" : "; " + missing.size() + " did not run"));
        }
        return next(run, session, null);
    }

    /** Tests without flake history passed every run; tests with it are within their rate (or still undecided). */
    private String passedNote(BurnInSession session, int k, int of) {
        List<String> parts = new ArrayList<>();
        List<BurnIn.Progress> plain = session.tests().stream().filter(p -> !policy.hasHistory(p.test())).toList();
        if (!plain.isEmpty() || session.tests().isEmpty() && session.withinRate().isEmpty()) {
            parts.add(BurnInWords.counted(BurnInWords.touches(plain)) + " passed " + k + " of " + of
                    + " burn-in runs");
        }
        parts.addAll(session.withinRate());
        session.tests().stream().filter(p -> policy.hasHistory(p.test())).forEach(p -> parts.add(policy.withinRate(p)));
        return "burn-in: " + String.join("; ", parts);
    }

    private Judgement failed(Run run, Event proposed, BurnInSession session, List<Verdict> failed, int k, int of) {
        for (Verdict v : failed) {
            signals.publish(store.recordVerdict(run.repo(), run.tier(), run.commit(), v));
        }
        List<String> texts = failed.stream().map(Verdict::text).toList();
        String head = "tier " + run.tier() + " failed burn-in run " + k + " of " + of;
        if (proposed instanceof Event.TierFailed f && f.reason().indexOf('\n') >= 0) {
            head = head + f.reason().substring(f.reason().indexOf('\n'));    // the failing run's log tail
        }
        return Judgement.decide(new Event.TierFailed(run.candidate(), run.tier(), RunNotes.reason(head, texts),
                failed.stream().map(v -> v.testId().display()).toList(), session.took()),
                "judged: " + String.join("; ", texts));
    }

    private Judgement next(Run run, BurnInSession session, String note) {
        sessions.put(FlakyTierJudge.key(run), session);
        List<String> ids = session.ids();
        return Judgement.rerun(FlakyTierJudge.env(ids), ids, join(note, "burn-in run " + (session.runs() + 1)
                + " of " + policy.settings().runs() + " of " + BurnInWords.listed(session.tests())));
    }

    private static List<String> names(List<BurnIn.Progress> tests) {
        return tests.stream().map(t -> t.test().test().display()).toList();
    }

    private static String join(String note, String line) {
        return note == null ? line : note + "; " + line;
    }
}
