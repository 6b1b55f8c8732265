package io.gatekeeper.api;

import java.util.List;

/** The flake judge's verdicts on a candidate, for the requests it carried. */
@FunctionalInterface
public interface Judgements {

    Judgements NONE = (repo, candidateCommit) -> List.of();

    /** Verdicts on the failed tests of this candidate commit, in the order they were made. */
    List<JudgementJson> of(String repo, String candidateCommit);
}
