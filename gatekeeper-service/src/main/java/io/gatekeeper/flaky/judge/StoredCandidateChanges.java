package io.gatekeeper.flaky.judge;

import io.gatekeeper.store.CandidateDao;
import org.jdbi.v3.core.Jdbi;

import java.util.Set;

/** A candidate's changes as the queue recorded them: the branches of the requests built into it. */
public final class StoredCandidateChanges implements CandidateChanges {
    private final Jdbi jdbi;

    public StoredCandidateChanges(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Set<String> of(String repo, String candidateCommit) {
        return Set.copyOf(jdbi.withExtension(CandidateDao.class, d -> d.branches(repo, candidateCommit)));
    }
}
