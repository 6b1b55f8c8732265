package io.gatekeeper.gate;

import io.gatekeeper.queue.Event;
import io.gatekeeper.runner.tier.TierResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides what a finished tier run means for the queue once its reports have been read: the hook through
 * which test intelligence sees every run (to record its test executions) and judges failed tests (to excuse
 * flaky failures or ask for targeted re-runs).
 *
 * <p>Called by the gate on the gate's thread, exactly once per finished run, in the order runs finish; a
 * re-run it asked for is another run of the same tier on the same candidate and comes back here too.
 * Implementations must be thread-safe across repositories (each repository's gate has its own thread) and
 * must not block for long: no waiting on other runs.
 */
@FunctionalInterface
public interface TierOutcomeJudge {

    /** Leaves every run as the gate maps it. */
    TierOutcomeJudge NONE = (run, proposed) -> Judgement.keep(proposed);

    /**
     * @param run      the finished run
     * @param proposed what the gate would tell the queue without judgement: TierPassed, TierFailed,
     *                 TierInfraError, or null (a cancelled run)
     */
    Judgement judge(Run run, Event proposed);

    /**
     * Isolation of a failed batch found no culprit: every part passed the tier the batch failed. The failures
     * of the tier runs on {@code candidateCommits} were not the changes' doing, which is evidence of flakiness.
     */
    default void noCulprit(String repo, List<String> candidateCommits) {
    }

    /**
     * A finished run of one tier on one candidate.
     *
     * @param candidate   the gate's candidate number (below zero: a verification of head after landing)
     * @param commit      the commit tested
     * @param tree        that commit's tree id
     * @param onHead      the commit is head's (a verification), not a candidate under test
     * @param attempt     1 for the tier's first run on this candidate, counting every later run
     * @param rerunTests  the tests this run was asked to re-run (empty for a whole-tier run)
     * @param reportError a report was refused: the run can never pass
     * @param node        where it ran
     * @param log         the run's log file: a judge may append lines people should read
     * @param base        the commit the candidate was built on (head, or the candidate ahead of it); null when
     *                    unknown. What the candidate changes is the difference between the two
     * @param burnIn      the tier allows burn-in re-runs of the tests the candidate adds or modifies
     */
    record Run(String repo, long candidate, String commit, String tree, boolean onHead, String tier, long runId,
               int attempt, List<String> rerunTests, TierResult result, boolean reportError, String node,
               Path log, String base, boolean burnIn) {
        public Run {
            rerunTests = List.copyOf(rerunTests);
        }

        /** A run whose candidate's base is unknown: nothing is burnt in. */
        public Run(String repo, long candidate, String commit, String tree, boolean onHead, String tier, long runId,
                   int attempt, List<String> rerunTests, TierResult result, boolean reportError, String node,
                   Path log) {
            this(repo, candidate, commit, tree, onHead, tier, runId, attempt, rerunTests, result, reportError, node,
                    log, null, false);
        }

        public boolean rerun() {
            return !rerunTests.isEmpty();
        }
    }

    /**
     * Either the event to tell the queue (null for none), or a re-run to start: the same tier on the same
     * candidate with {@code rerunEnv} added to the job's environment. {@code note} (nullable) ends the run's
     * message and starts the re-run's log.
     */
    record Judgement(Event event, Map<String, String> rerunEnv, List<String> rerunTests, String note) {

        public static Judgement keep(Event proposed) {
            return new Judgement(proposed, null, List.of(), null);
        }

        public static Judgement decide(Event event, String note) {
            return new Judgement(event, null, List.of(), note);
        }

        public static Judgement rerun(Map<String, String> env, List<String> tests, String note) {
            return new Judgement(null, Map.copyOf(Objects.requireNonNull(env)), List.copyOf(tests), note);
        }

        public boolean rerun() {
            return rerunEnv != null;
        }
    }
}
