package io.gatekeeper.flaky.bench;

import io.gatekeeper.flaky.model.BurnIn;
import io.gatekeeper.flaky.model.BurnInRule;
import io.gatekeeper.flaky.model.BurnInSettings;
import io.gatekeeper.flaky.model.DecayedCounts;
import io.gatekeeper.flaky.model.Decision;
import io.gatekeeper.flaky.model.FailedTest;
import io.gatekeeper.flaky.model.FlakeJudge;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.QuarantinePolicy;
import io.gatekeeper.flaky.model.RerunResult;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.model.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Replay benchmark of issue 5's quality bars: per-test rates from FlakeFlagger; candidates of random projects,
 * a share of them real regressions (deterministic, or change-induced flakiness failing 5-50% of the time);
 * Gatekeeper's decision policy ({@link FlakeJudge}, learning as the store does) against "retry the failed tier
 * up to 2 times, pass if any run passes", on the same draws. Run with bench/flaky/replay.sh.
 */
public final class ReplayBenchmark {

    /**
     * @param changedTests             tests each candidate modifies (its burn-in candidates)
     * @param regressionInChangedTests probability that a regression's test is one the change modifies
     */
    record Options(Path csv, int candidates, double regressions, double deterministicShare, int historyRuns,
                   double changeKeepsFingerprint, long seed, Duration span, int changedTests,
                   double regressionInChangedTests, BurnInSettings burnIn) {
    }

    private record Project(String name, List<SimTest> tests, List<SimTest> flaky) {
    }

    private record Candidate(int id, Project project, SimTest regressed, double q, boolean deterministic,
                             List<SimTest> changed) {
    }

    /** One judged failure, learnt from once the candidate's outcome is known. */
    private record Judged(SimTest test, Verdict verdict, FailedTest failed, List<String> fingerprints) {
    }

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final Options o;
    private final ModelSettings settings = ModelSettings.DEFAULT;
    private final FlakeJudge judge = new FlakeJudge(settings);
    private final QuarantinePolicy quarantine = new QuarantinePolicy(settings);
    private final BurnIn burnIn;
    private final Draws draws;
    private final List<Project> projects = new ArrayList<>();
    final Tally gatekeeper = new Tally();
    final Tally retry = new Tally();
    /** The tests the current candidate burnt in. */
    private final List<SimTest> burntIn = new ArrayList<>();
    /** ... of those, the ones judged by their known rate (flake history). */
    private final List<SimTest> burntInByRate = new ArrayList<>();

    ReplayBenchmark(Options options, FlakeRates rates) {
        this.o = options;
        this.draws = new Draws(options.seed());
        this.burnIn = new BurnIn(settings, options.burnIn());
        int index = 0;
        for (Map.Entry<String, List<FlakeRates.Rate>> e : rates.byProject().entrySet()) {
            List<SimTest> tests = new ArrayList<>();
            List<SimTest> flaky = new ArrayList<>();
            for (FlakeRates.Rate r : e.getValue()) {
                SimTest t = new SimTest(index++, r.rate(), r.exceptionTypes(), START);
                tests.add(t);
                if (t.rate > 0) {
                    flaky.add(t);
                }
            }
            projects.add(new Project(e.getKey(), tests, flaky));
        }
    }

    /** History before the replay: each project's tests ran on head {@code historyRuns} times over one span. */
    void warmUp() {
        Instant from = START.minus(o.span());
        for (Project p : projects) {
            for (SimTest t : p.tests()) {
                for (int j = 0; j < o.historyRuns(); j++) {
                    Instant at = from.plus(o.span().multipliedBy(j).dividedBy(o.historyRuns()));
                    if (draws.uniform(-1 - j, t.index, 0, 0) < t.rate) {
                        t.innocentFailure(at, settings.halfLife(), t.innocentFingerprint(draws.uniform(-1 - j, t.index, 0, 2)));
                    } else {
                        t.pass(at, settings.halfLife());
                    }
                }
                t.countsAt(START, settings);
                t.quarantined = quarantine.evaluate(t.counts.posterior(settings), false, false)
                        == QuarantinePolicy.Change.QUARANTINE;
            }
        }
    }

    void replay() {
        SplittableRandom rnd = new SplittableRandom(o.seed());
        // Which tests a change touches comes from a stream of its own: the candidates stay those of other runs.
        SplittableRandom touched = new SplittableRandom(o.seed() * 31 + 7);
        for (int c = 0; c < o.candidates(); c++) {
            Instant at = START.plus(o.span().multipliedBy(c).dividedBy(o.candidates()));
            Project p = projects.get(rnd.nextInt(projects.size()));
            Candidate cand;
            if (rnd.nextDouble() < o.regressions()) {
                SimTest victim = p.tests().get(rnd.nextInt(p.tests().size()));
                boolean det = rnd.nextDouble() < o.deterministicShare();
                double q = det ? 1 : 0.05 + 0.45 * rnd.nextDouble();
                cand = new Candidate(c, p, victim, q, det, changed(touched, p, victim,
                        touched.nextDouble() < o.regressionInChangedTests()));
            } else {
                cand = new Candidate(c, p, null, 0, false, changed(touched, p, null, false));
            }
            List<SimTest> failedFirst = failing(cand, 1);
            burntIn.clear();
            burntInByRate.clear();
            boolean gkAccepted = gatekeeper(cand, failedFirst, at);
            boolean retryAccepted = retry(cand, failedFirst);
            count(gatekeeper, cand, failedFirst, gkAccepted);
            count(retry, cand, failedFirst, retryAccepted);
        }
    }

    private boolean fails(Candidate c, SimTest t, int attempt) {
        boolean flake = draws.uniform(c.id(), t.index, attempt, 0) < t.rate;
        return flake || (t == c.regressed() && draws.uniform(c.id(), t.index, attempt, 1) < c.q());
    }

    private String fingerprint(Candidate c, SimTest t, int attempt) {
        boolean flake = draws.uniform(c.id(), t.index, attempt, 0) < t.rate;
        if (t == c.regressed() && !flake && (c.deterministic()
                || draws.uniform(c.id(), t.index, attempt, 3) >= o.changeKeepsFingerprint())) {
            return "change-" + c.id();
        }
        return t.innocentFingerprint(draws.uniform(c.id(), t.index, attempt, 2));
    }

    private List<SimTest> failing(Candidate c, int attempt) {
        List<SimTest> failed = new ArrayList<>();
        for (SimTest t : c.project().flaky()) {
            if (fails(c, t, attempt)) {
                failed.add(t);
            }
        }
        if (c.regressed() != null && c.regressed().rate == 0 && fails(c, c.regressed(), attempt)) {
            failed.add(c.regressed());
        }
        return failed;
    }

    /** The tests a candidate modifies: distinct random tests of its project, the regressed one among them or not. */
    private List<SimTest> changed(SplittableRandom rnd, Project p, SimTest victim, boolean victimChanged) {
        int n = Math.min(o.changedTests(), p.tests().size());
        List<SimTest> out = new ArrayList<>();
        if (victimChanged) {
            out.add(victim);
        }
        while (out.size() < n) {
            SimTest t = p.tests().get(rnd.nextInt(p.tests().size()));
            if (!out.contains(t) && (t != victim || victimChanged)) {
                out.add(t);
            }
        }
        return out;
    }

    private boolean gatekeeper(Candidate c, List<SimTest> failed, Instant at) {
        boolean accepted = true;
        List<Judged> judged = new ArrayList<>();
        for (SimTest t : failed) {
            String fp = fingerprint(c, t, 1);
            DecayedCounts counts = t.countsAt(at, settings);
            FailedTest ft = new FailedTest(new TestId("T", "t" + t.index), counts.posterior(settings), fp, t.known,
                    List.of(), t.quarantined ? TestState.QUARANTINED : TestState.STABLE);
            Verdict v = judge.judge(ft);
            List<String> failedFingerprints = new ArrayList<>(List.of(fp));
            int attempt = 1;
            while (v.decision() == Decision.RERUN) {
                attempt++;
                gatekeeper.targetedReruns++;
                boolean again = fails(c, t, attempt);
                if (again) {
                    failedFingerprints.add(fingerprint(c, t, attempt));
                }
                ft = ft.withRerun(again ? RerunResult.fail(failedFingerprints.get(failedFingerprints.size() - 1))
                        : RerunResult.pass());
                v = judge.judge(ft);
            }
            gatekeeper.judgedFailures++;
            boolean active = v.decision() != Decision.QUARANTINED;
            gatekeeper.activeJudged += active ? 1 : 0;
            double truth = t == c.regressed() ? 1 : 0;
            double error = (v.pChangeCaused() - truth) * (v.pChangeCaused() - truth);
            gatekeeper.brierSum += error;
            gatekeeper.brierCount++;
            if (t == c.regressed()) {
                gatekeeper.regressedBrierSum += error;
                gatekeeper.regressedBrierCount++;
            } else {
                gatekeeper.innocentFailures++;
                gatekeeper.innocentActiveFailures += active ? 1 : 0;
                if (!v.decision().blocks()) {
                    gatekeeper.innocentFailuresExonerated++;
                    gatekeeper.innocentActiveExonerated += active ? 1 : 0;
                } else if (!v.hasHistory()) {
                    gatekeeper.blamedNoHistory++;
                } else if (v.failures() == v.runs()) {
                    gatekeeper.blamedBudgetSpent++;
                } else {
                    gatekeeper.blamedNewFingerprint++;
                }
            }
            accepted &= !v.decision().blocks();
            judged.add(new Judged(t, v, ft, failedFingerprints));
        }
        for (Judged j : judged) {
            learn(j, accepted, at);
        }
        for (SimTest t : c.project().tests()) {
            if (!failed.contains(t)) {
                t.pass(at, settings.halfLife());
            }
        }
        return accepted && burnIn(c, judged, at);
    }

    /**
     * The tier passed: burn in the changed tests as {@link BurnIn} plans and judges them, run after run, until
     * one is the change's fault, every test is decided, or the runs are spent. Burn-in run k of a test that
     * did not fail in the gate run sees the same draw as the baseline's k-th whole-tier retry; a test that
     * failed there (and was judged flaky) continues after its targeted re-runs' draws.
     */
    private boolean burnIn(Candidate c, List<Judged> judged, Instant at) {
        if (!o.burnIn().enabled()) {
            return true;
        }
        List<BurnIn.Candidate> candidates = new ArrayList<>();
        List<SimTest> byIndex = new ArrayList<>();
        for (SimTest t : c.changed()) {
            candidates.add(new BurnIn.Candidate(new TestId("T", "t" + t.index), false,
                    t.countsAt(at, settings).posterior(settings),
                    t.quarantined ? TestState.QUARANTINED : TestState.STABLE));
            byIndex.add(t);
        }
        BurnIn.Plan plan = burnIn.plan(candidates);
        if (plan.tests().isEmpty()) {
            return true;
        }
        List<BurnIn.Progress> open = new ArrayList<>();
        List<SimTest> tests = new ArrayList<>();
        List<Integer> firstAttempt = new ArrayList<>();
        for (BurnIn.Candidate bc : plan.tests()) {
            SimTest t = byIndex.get(candidates.indexOf(bc));
            open.add(BurnIn.Progress.start(bc));
            tests.add(t);
            burntIn.add(t);
            firstAttempt.add(1 + judged.stream().filter(j -> j.test() == t).mapToInt(j -> j.failed().reruns().size())
                    .sum());
            if (burnIn.hasHistory(bc)) {
                gatekeeper.historyBurntIn++;
                burntInByRate.add(t);
            }
        }
        gatekeeper.candidatesBurntIn++;
        List<String> innocentFingerprints = new ArrayList<>();
        for (int k = 1; k <= o.burnIn().runs() && !open.isEmpty(); k++) {
            gatekeeper.burnInRuns++;
            for (int i = open.size() - 1; i >= 0; i--) {
                SimTest t = tests.get(i);
                int attempt = firstAttempt.get(i) + k;
                boolean failed = fails(c, t, attempt);
                BurnIn.Progress p = open.get(i).after(failed);
                open.set(i, p);
                if (failed) {
                    innocentFingerprints.add(t.index + " " + fingerprint(c, t, attempt));
                } else {
                    t.pass(at, settings.halfLife());
                }
                BurnInRule.Status status = burnIn.judge(p);
                if (status == BurnInRule.Status.CHANGE_CAUSED) {
                    double pc = burnIn.changeCaused(p, k).pChangeCaused();
                    double truth = t == c.regressed() ? 1 : 0;
                    gatekeeper.burnInBrierSum += (pc - truth) * (pc - truth);
                    gatekeeper.burnInFailures++;
                    if (t == c.regressed()) {
                        gatekeeper.caughtByBurnIn++;
                        gatekeeper.caughtByRateTest += burnIn.hasHistory(p.test()) ? 1 : 0;
                    } else {
                        gatekeeper.innocentRejectedByBurnIn++;
                        gatekeeper.innocentRejectedByRateTest += burnIn.hasHistory(p.test()) ? 1 : 0;
                    }
                    return false;
                }
                if (status == BurnInRule.Status.WITHIN_RATE) {
                    open.remove(i);
                    tests.remove(i);
                    firstAttempt.remove(i);
                }
            }
        }
        // Accepted: the store settles burn-in failures against the same tree's passes (flake evidence).
        for (String f : innocentFingerprints) {
            SimTest t = byIndex.stream().filter(x -> f.startsWith(x.index + " ")).findFirst().orElseThrow();
            t.innocentFailure(at, settings.halfLife(), f.substring(f.indexOf(' ') + 1));
        }
        return true;
    }

    /**
     * What the store would record: passes always; failures as flake evidence with a same-tree pass (a flaky
     * verdict), or when the test is quarantined and the rest of the candidate's run passed.
     */
    private void learn(Judged j, boolean accepted, Instant at) {
        SimTest t = j.test();
        Verdict v = j.verdict();
        long passes = j.failed().reruns().stream().filter(r -> !r.outcome().failed()).count();
        for (int i = 0; i < passes; i++) {
            t.pass(at, settings.halfLife());
        }
        if (v.decision() == Decision.FLAKY || (v.decision() == Decision.QUARANTINED && accepted)) {
            for (String fp : j.fingerprints()) {
                t.innocentFailure(at, settings.halfLife(), fp);
            }
        }
        QuarantinePolicy.Change change = quarantine.evaluate(t.countsAt(at, settings).posterior(settings),
                t.quarantined, false);
        if (change != QuarantinePolicy.Change.KEEP) {
            t.quarantined = change == QuarantinePolicy.Change.QUARANTINE;
            gatekeeper.releasedDuringReplay += t.quarantined ? 0 : 1;
        }
    }

    private boolean retry(Candidate c, List<SimTest> failedFirst) {
        if (failedFirst.isEmpty()) {
            return true;
        }
        for (int attempt = 2; attempt <= 3; attempt++) {
            retry.tierReruns++;
            if (failing(c, attempt).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void count(Tally tally, Candidate c, List<SimTest> failedFirst, boolean accepted) {
        if (c.regressed() == null) {
            tally.innocentCandidates++;
            if (!failedFirst.isEmpty()) {
                tally.innocentCandidatesFailing++;
                tally.innocentCandidatesFailingAccepted += accepted ? 1 : 0;
                if (tally == retry) {
                    tally.innocentFailures += failedFirst.size();
                    tally.innocentFailuresExonerated += accepted ? failedFirst.size() : 0;
                }
            }
            return;
        }
        if (c.regressed().quarantined) {
            tally.regressionsOnQuarantined++;
        }
        if (c.deterministic()) {
            tally.deterministic++;
            tally.deterministicLetThrough += accepted ? 1 : 0;
        } else {
            tally.flakyRegressions++;
            tally.flakyLetThrough += accepted ? 1 : 0;
            if (accepted && tally == gatekeeper) {
                if (burntInByRate.contains(c.regressed())) {
                    tally.flakyPassedRateTest++;
                } else if (burntIn.contains(c.regressed())) {
                    tally.flakyPassedBurnIn++;
                } else if (c.changed().contains(c.regressed())) {
                    tally.flakyChangedNotBurntIn++;
                } else {
                    tally.flakyNotChanged++;
                }
            }
            if (failedFirst.contains(c.regressed())) {
                tally.flakyRegressionsFailing++;
                tally.flakyLetThroughFailing += accepted ? 1 : 0;
            }
        }
    }

    long quarantinedTests() {
        return projects.stream().flatMap(p -> p.tests().stream()).filter(t -> t.quarantined).count();
    }

    public static void main(String[] args) throws Exception {
        Options o = BenchArgs.parse(args);
        FlakeRates rates = FlakeRates.load(o.csv());
        long t0 = System.nanoTime();
        ReplayBenchmark bench = new ReplayBenchmark(o, rates);
        bench.warmUp();
        long quarantinedAtStart = bench.quarantinedTests();
        bench.replay();
        double seconds = (System.nanoTime() - t0) / 1e9;
        BenchReport.print(System.out, o, rates, bench, quarantinedAtStart, seconds);
    }
}
