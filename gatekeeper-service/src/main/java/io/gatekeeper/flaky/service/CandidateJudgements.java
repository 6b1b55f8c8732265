package io.gatekeeper.flaky.service;

import io.gatekeeper.api.JudgementJson;
import io.gatekeeper.api.Judgements;
import io.gatekeeper.flaky.store.TestResultStore;

import java.util.List;

/** The verdicts flaky-db stored for a candidate, shown on the requests it carried. */
public final class CandidateJudgements implements Judgements {
    private final TestResultStore store;

    public CandidateJudgements(TestResultStore store) {
        this.store = store;
    }

    @Override
    public List<JudgementJson> of(String repo, String candidateCommit) {
        return store.verdicts(repo, candidateCommit).stream().map(TestViews::judgement).toList();
    }
}
