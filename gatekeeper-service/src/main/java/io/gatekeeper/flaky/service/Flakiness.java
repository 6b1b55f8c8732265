package io.gatekeeper.flaky.service;

import io.gatekeeper.api.Judgements;
import io.gatekeeper.events.Webhooks;
import io.gatekeeper.flaky.judge.FlakyTierJudge;
import io.gatekeeper.flaky.judge.GitChangedFiles;
import io.gatekeeper.flaky.judge.StoredCandidateChanges;
import io.gatekeeper.flaky.model.BurnInSettings;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.git.RepositoryStore;
import io.gatekeeper.repos.RepoService;
import io.gatekeeper.store.RepoRow;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The service's test intelligence, wired once: flaky-db's store, the judge step the gate calls after every
 * tier run, the verdicts shown on requests, the tests API and external results. The Application only hands
 * these to the gate and to Jersey.
 */
public record Flakiness(TestResultStore store, FlakyTierJudge judge, Judgements judgements, TestCatalog catalog,
                        ExternalResults results, TestSignals signals) {

    public static Flakiness wire(Jdbi jdbi, ModelSettings settings, BurnInSettings burnIn,
                                 RepositoryStore repositories, RepoService repos, Webhooks webhooks, Clock clock) {
        TestResultStore store = new TestResultStore(jdbi, settings, clock);
        Function<String, Optional<String>> headBranch = name -> repos.byName(name).map(RepoRow::headBranch);
        TestSignals signals = new TestSignals(store, new TestOwners(repositories, headBranch), webhooks);
        return new Flakiness(store, new FlakyTierJudge(store, settings, burnIn, new GitChangedFiles(repositories),
                        new StoredCandidateChanges(jdbi), signals, clock),
                new CandidateJudgements(store),
                new TestCatalog(store, signals, jdbi, headBranch,
                        () -> repos.all().stream().map(RepoRow::name).toList(), clock),
                new ExternalResults(store, signals, repositories, headBranch, clock), signals);
    }
}
