package io.gatekeeper.flaky.service;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.api.ResultsJson;
import io.gatekeeper.flaky.junit.ReportRejectedException;
import io.gatekeeper.flaky.junit.ReportSummary;
import io.gatekeeper.flaky.model.Attempt;
import io.gatekeeper.flaky.model.Scope;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.store.ExecutionRow;
import io.gatekeeper.flaky.store.IngestResult;
import io.gatekeeper.flaky.store.RunContext;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.RepositoryStore;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reports uploaded by a team's own CI ({@code POST /api/repos/{repo}/results}): stored like a tier run's, so
 * their tests get the same model. The commit is looked up in the hosted repository: its tree makes same-code
 * evidence possible, and a commit on head makes the run a head run. A commit Gatekeeper does not hold is
 * still accepted (its id stands for its tree). A refused report stores nothing and is a 400 saying why.
 */
public final class ExternalResults {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,64}");
    private static final Pattern TIER = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final TestResultStore store;
    private final TestSignals signals;
    private final RepositoryStore repos;
    private final Function<String, Optional<String>> headBranch;
    private final Clock clock;

    public ExternalResults(TestResultStore store, TestSignals signals, RepositoryStore repos,
                           Function<String, Optional<String>> headBranch, Clock clock) {
        this.store = store;
        this.signals = signals;
        this.repos = repos;
        this.headBranch = headBranch;
        this.clock = clock;
    }

    public ResultsJson ingest(String actor, String repo, String commit, String tier, InputStream report) {
        String head = headBranch.apply(repo).orElseThrow(() ->
                new GatekeeperException.NotFound("no repository named '" + repo + "'"));
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new GatekeeperException.InvalidInput("name the commit tested: ?commit=<sha>");
        }
        String tierName = tier == null || tier.isBlank() ? "external" : tier.strip();
        if (!TIER.matcher(tierName).matches()) {
            throw new GatekeeperException.InvalidInput("invalid tier '" + tier
                    + "': letters, digits, '.', '_' or '-', at most 100");
        }
        Located at = locate(repo, head, commit.toLowerCase(java.util.Locale.ROOT));
        RunContext run = new RunContext(repo, tierName, at.commit(), at.tree(), 1, Attempt.FIRST, Scope.IN_SUITE,
                at.onHead(), "external:" + actor, clock.instant());
        IngestResult result;
        try {
            result = store.ingest(run, report);
        } catch (ReportRejectedException e) {
            throw new GatekeeperException.InvalidInput("report-error: report refused: " + e.getMessage());
        }
        signals.publish(result.changes());
        ReportSummary s = result.summary();
        countQuarantinedFailures(repo, at.commit(), tierName, result, s);
        return new ResultsJson(repo, at.commit(), tierName, at.onHead(), s.tests(), s.failures(), s.errors(),
                s.skipped(), s.flaky(), result.executions(),
                result.changes().stream().map(TestViews::change).toList());
    }

    /**
     * An upload whose only unexplained failures are of quarantined tests is a run that otherwise passed:
     * those failures count as flake evidence, as in the gate (docs/flakiness.md §7).
     */
    private void countQuarantinedFailures(String repo, String commit, String tier, IngestResult result,
                                          ReportSummary s) {
        List<TestId> unexcused = result.failures().stream().filter(f -> !f.evidence().innocent())
                .map(ExecutionRow::test).distinct().toList();
        if (unexcused.isEmpty() || s.suiteErrors() > 0 || !unexcused.stream().allMatch(t -> store.test(repo, t)
                .map(row -> row.state() == TestState.QUARANTINED).orElse(false))) {
            return;
        }
        signals.publish(store.countQuarantinedFailures(repo, commit, tier, unexcused));
    }

    private record Located(String commit, String tree, boolean onHead) { }

    private Located locate(String repo, String head, String commit) {
        try (Repository git = repos.open(repo); RevWalk walk = new RevWalk(git)) {
            ObjectId id = git.resolve(commit + "^{commit}");
            if (id == null) {
                return new Located(commit, commit, false);
            }
            RevCommit c = walk.parseCommit(id);
            boolean onHead = GitRefs.resolve(git, Constants.R_HEADS + head)
                    .map(h -> GitRefs.isAncestor(git, c, h)).orElse(false);
            return new Located(c.name(), c.getTree().name(), onHead);
        } catch (IOException | RuntimeException e) {
            return new Located(commit, commit, false);
        }
    }
}
