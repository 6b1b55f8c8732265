package io.gatekeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** One hosted repository's tests as the tests API shows them, and the reports a team's CI uploads for them. */
public final class RepoTests {
    private final Api api;
    private final String repo;

    public RepoTests(Api api, String repo) {
        this.api = api;
        this.repo = repo;
    }

    /** The test's row in {@code GET /api/tests?repo=}; an assertion error when there is none. */
    public JsonNode test(String testId) {
        for (JsonNode t : api.get("/api/tests?repo=" + repo)) {
            if (t.get("testId").asText().equals(testId)) {
                return t;
            }
        }
        throw new AssertionError("no test " + testId);
    }

    /** The test's page, {@code GET /api/tests/{id}}, with all of its history. */
    public JsonNode page(String testId) {
        return api.get("/api/tests/" + test(testId).get("id").asText() + "?limit=1000");
    }

    /** The test's executions on one commit, newest first. */
    public List<JsonNode> executionsOn(String testId, String commit) {
        return StreamSupport.stream(page(testId).get("history").spliterator(), false)
                .filter(e -> commit.equals(e.get("commit").asText())).toList();
    }

    /** Uploads a JUnit-XML report of {@code tier} run on {@code commit}, which must be accepted. */
    public void upload(String commit, String tier, String report) {
        Api.Response r = api.upload("/api/repos/" + repo + "/results?commit=" + commit + "&tier=" + tier, report);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
