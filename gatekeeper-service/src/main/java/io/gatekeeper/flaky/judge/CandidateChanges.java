package io.gatekeeper.flaky.judge;

import java.util.Set;

/** The port through which the judge learns which changes (request branches) a candidate commit carried. */
@FunctionalInterface
public interface CandidateChanges {

    /** Nothing known: a candidate's changes explain nothing. */
    CandidateChanges UNKNOWN = (repo, commit) -> Set.of();

    /** The branches of the requests built into the candidate with this commit; empty when unknown. */
    Set<String> of(String repo, String candidateCommit);
}
