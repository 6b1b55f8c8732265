package io.gatekeeper.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitRefsTest {
    @RegisterExtension
    final GitFixture fx = new GitFixture();
    RevCommit c1;
    RevCommit c2;

    @BeforeEach
    void setUp() throws Exception {
        c1 = fx.commit(null, "one", "a.txt", "1\n");
        c2 = fx.commit(c1, "two", "a.txt", "2\n");
    }

    @Test
    void scan_findsBranchesUnderThePrefixesOnly() throws Exception {
        fx.git.update("refs/heads/main", c1);
        fx.git.update("refs/heads/pull-request/a", c1);
        fx.git.update("refs/heads/pull-request/team/b", c2);
        fx.git.update("refs/heads/push-request/fix", c2);
        fx.git.update("refs/heads/pull-requestx", c2);
        fx.git.update("refs/tags/v1", c1);

        Map<String, ObjectId> found = GitRefs.scan(fx.repo, List.of("refs/heads/pull-request/", "refs/heads/push-request/"));

        assertThat(found).containsExactly(
                Map.entry("refs/heads/pull-request/a", (ObjectId) c1),
                Map.entry("refs/heads/pull-request/team/b", (ObjectId) c2),
                Map.entry("refs/heads/push-request/fix", (ObjectId) c2));
    }

    @Test
    void candidate_isCreatedOverwrittenAndDeleted() throws Exception {
        GitRefs.setCandidate(fx.repo, 42, c1);
        assertThat(GitRefs.resolve(fx.repo, "refs/gatekeeper/candidates/42")).contains(c1);

        GitRefs.setCandidate(fx.repo, 42, c2);
        assertThat(GitRefs.resolve(fx.repo, "refs/gatekeeper/candidates/42")).contains(c2);

        GitRefs.deleteCandidate(fx.repo, 42);
        assertThat(GitRefs.resolve(fx.repo, "refs/gatekeeper/candidates/42")).isEmpty();
        GitRefs.deleteCandidate(fx.repo, 42);
    }

    @Test
    void deleteBranch_onlyWhenItStillPointsWhereExpected() throws Exception {
        fx.git.update("refs/heads/pull-request/x", c2);

        assertThat(GitRefs.deleteBranch(fx.repo, "refs/heads/pull-request/x", c1)).isFalse();
        assertThat(GitRefs.resolve(fx.repo, "refs/heads/pull-request/x")).contains(c2);

        assertThat(GitRefs.deleteBranch(fx.repo, "refs/heads/pull-request/x", c2)).isTrue();
        assertThat(GitRefs.resolve(fx.repo, "refs/heads/pull-request/x")).isEmpty();
        assertThat(GitRefs.deleteBranch(fx.repo, "refs/heads/pull-request/x", c2)).isTrue();
    }

    @Test
    void isAncestor_followsHistoryAndToleratesUnknownIds() throws Exception {
        assertThat(GitRefs.isAncestor(fx.repo, c1, c2)).isTrue();
        assertThat(GitRefs.isAncestor(fx.repo, c2, c2)).isTrue();
        assertThat(GitRefs.isAncestor(fx.repo, c2, c1)).isFalse();
        assertThat(GitRefs.isAncestor(fx.repo,
                ObjectId.fromString("0123456789012345678901234567890123456789"), c2)).isFalse();
    }

    @Test
    void resolve_isEmptyForTheUnbornHead() {
        assertThat(GitRefs.resolve(fx.repo, "refs/heads/main")).isEmpty();
        assertThat(GitRefs.resolve(fx.repo, "HEAD")).isEmpty();
    }
}
