package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.model.Attempt;
import io.gatekeeper.flaky.model.Execution;
import io.gatekeeper.flaky.model.InnocenceClassifier;
import io.gatekeeper.flaky.model.InnocenceClassifier.Facts;
import io.gatekeeper.flaky.model.ModelSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Gathers the facts {@link InnocenceClassifier} needs from the tables and applies its answers: evidence on
 * the execution rows, the failure's weight into the rollup delta, its fingerprint into the known ones.
 */
final class Evidences {

    private final ModelSettings settings;

    Evidences(ModelSettings settings) {
        this.settings = settings;
    }

    /** Settles unexcused failures on one tree against the passes on it; returns them with their evidence. */
    List<ExecutionRow> settleSameTree(Handle handle, String repo, String tree, List<ExecutionRow> unexcused,
                                      Map<String, TestDelta> deltas, Instant now) {
        if (unexcused.isEmpty()) {
            return unexcused;
        }
        Set<String> tests = new TreeSet<>();
        Set<String> candidates = new TreeSet<>();
        for (ExecutionRow row : unexcused) {
            tests.add(row.testId());
            candidates.add(row.candidateCommit());
        }
        Set<String> passed = new HashSet<>();
        Set<String> headRerunPassed = new HashSet<>();
        ExecutionDao dao = handle.attach(ExecutionDao.class);
        for (List<String> chunk : chunks(tests)) {
            for (ExecutionDao.TreePass pass : dao.passesOnTree(repo, tree, chunk)) {
                passed.add(key(pass.testId(), pass.parameters()));
                if (pass.onHead() && Attempt.RERUN.name().equals(pass.attemptKind())) {
                    headRerunPassed.add(key(pass.testId(), pass.parameters()));
                }
            }
        }
        Set<String> blamed = blamed(handle, repo, candidates);
        List<ExecutionRow> settled = new ArrayList<>();
        for (ExecutionRow row : unexcused) {
            String k = key(row.testId(), row.parameters());
            Facts facts = new Facts(passed.contains(k), headRerunPassed.contains(k), false,
                    blamed.contains(row.testId() + " " + row.candidateCommit()));
            settled.add(row.withEvidence(InnocenceClassifier.classify(execution(row), facts)));
        }
        apply(handle, repo, unexcused, settled, deltas, now);
        return settled;
    }

    /** Isolation of these candidates' batch found no culprit: their unexcused failures were not the code. */
    void settleNoCulprit(Handle handle, String repo, List<String> candidateCommits, Map<String, TestDelta> deltas,
                         Instant now) {
        List<ExecutionRow> unexcused = new ArrayList<>();
        for (List<String> chunk : chunks(new TreeSet<>(candidateCommits))) {
            unexcused.addAll(handle.attach(ExecutionDao.class).unexcusedFailuresOfCandidates(repo, chunk));
        }
        Set<String> blamed = blamed(handle, repo, new TreeSet<>(candidateCommits));
        List<ExecutionRow> settled = new ArrayList<>();
        for (ExecutionRow row : unexcused) {
            Facts facts = new Facts(false, false, true, blamed.contains(row.testId() + " " + row.candidateCommit()));
            settled.add(row.withEvidence(InnocenceClassifier.classify(execution(row), facts)));
        }
        apply(handle, repo, unexcused, settled, deltas, now);
    }

    /**
     * These quarantined tests failed in a tier of a candidate whose every other failure was judged not
     * blocking: their unexcused failures there count as flake evidence (see InnocenceClassifier.Facts).
     */
    void settleQuarantined(Handle handle, String repo, String candidate, String tier, Set<String> tests,
                           Map<String, TestDelta> deltas, Instant now) {
        List<ExecutionRow> unexcused = new ArrayList<>();
        for (List<String> chunk : chunks(tests)) {
            unexcused.addAll(handle.attach(ExecutionDao.class).unexcusedFailuresInTier(repo, candidate, tier, chunk));
        }
        unexcused.sort(java.util.Comparator.comparing(ExecutionRow::id));
        Set<String> blamed = blamed(handle, repo, Set.of(candidate));
        List<ExecutionRow> settled = new ArrayList<>();
        for (ExecutionRow row : unexcused) {
            Facts facts = new Facts(false, false, false, blamed.contains(row.testId() + " " + row.candidateCommit()),
                    true);
            settled.add(row.withEvidence(InnocenceClassifier.classify(execution(row), facts)));
        }
        apply(handle, repo, unexcused, settled, deltas, now);
    }

    /** The change was blamed for this test: its failures on that candidate lose any evidence they had. */
    void revoke(Handle handle, String repo, String candidate, String testId, Map<String, TestDelta> deltas,
                String displayName, Instant now) {
        ExecutionDao dao = handle.attach(ExecutionDao.class);
        List<ExecutionRow> excused = dao.excusedFailures(repo, candidate, testId);
        if (excused.isEmpty()) {
            return;
        }
        int[] changed = dao.revoke(excused);
        TestDelta delta = deltas.computeIfAbsent(testId, k -> new TestDelta(displayName, now));
        FingerprintDao fingerprints = handle.attach(FingerprintDao.class);
        for (int i = 0; i < excused.size(); i++) {
            ExecutionRow row = excused.get(i);
            if (changed[i] == 0) {
                continue;
            }
            delta.excused(row.scope(), row.executedAt(), settings.halfLife(), -1);
            if (row.fingerprint() != null) {
                fingerprints.forgetUnused(repo, testId, row.fingerprint());
            }
        }
    }

    private void apply(Handle handle, String repo, List<ExecutionRow> before, List<ExecutionRow> after,
                       Map<String, TestDelta> deltas, Instant now) {
        List<ExecutionRow> candidates = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).evidence() != before.get(i).evidence()) {
                candidates.add(after.get(i));
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        int[] changed = handle.attach(ExecutionDao.class).excuse(candidates);
        FingerprintDao fingerprints = handle.attach(FingerprintDao.class);
        Duration halfLife = settings.halfLife();
        for (int i = 0; i < candidates.size(); i++) {
            ExecutionRow row = candidates.get(i);
            if (changed[i] == 0) {
                continue;
            }
            deltas.computeIfAbsent(row.testId(), k -> new TestDelta(row.test().display(), now))
                    .excused(row.scope(), row.executedAt(), halfLife, +1);
            if (row.fingerprint() != null) {
                remember(handle, fingerprints, repo, row, now);
            }
        }
    }

    /** Two transactions may learn the same fingerprint at once: the loser's insert is simply not needed. */
    private static void remember(Handle handle, FingerprintDao fingerprints, String repo, ExecutionRow row,
                                 Instant now) {
        handle.savepoint("fingerprint");
        try {
            fingerprints.remember(repo, row.testId(), row.fingerprint(), row.failureType(), now);
            handle.releaseSavepoint("fingerprint");
        } catch (JdbiException e) {
            if (!RollupWriter.uniqueViolation(e)) {
                throw e;
            }
            handle.rollbackToSavepoint("fingerprint");
        }
    }

    private static Set<String> blamed(Handle handle, String repo, Set<String> candidates) {
        Set<String> blamed = new HashSet<>();
        for (List<String> chunk : chunks(candidates)) {
            blamed.addAll(handle.attach(VerdictDao.class).blamed(repo, chunk));
        }
        return blamed;
    }

    private static Execution execution(ExecutionRow r) {
        return new Execution(r.test(), r.repo(), r.tier(), r.candidateCommit(), r.treeId(), r.attempt(),
                r.attemptKind(), r.scope(), r.outcome(), Duration.ofMillis(r.durationMs()), r.fingerprint(),
                r.node(), r.executedAt(), r.onHead());
    }

    private static String key(String testId, String parameters) {
        return testId + "\u0000" + parameters;
    }

    static List<List<String>> chunks(Set<String> values) {
        List<String> all = new ArrayList<>(values);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += RollupWriter.CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + RollupWriter.CHUNK)));
        }
        return out;
    }
}
