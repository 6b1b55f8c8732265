package io.gatekeeper.api;

import java.util.List;

/** What {@code POST /api/repos/{repo}/results} stored: the report's counts and the tests whose state moved. */
public record ResultsJson(String repo, String commit, String tier, boolean onHead, int tests, int failures,
                          int errors, int skipped, int flaky, int executions, List<TestStateChangeJson> changes) { }
