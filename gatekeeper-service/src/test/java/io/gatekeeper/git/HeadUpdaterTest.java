package io.gatekeeper.git;

import static org.assertj.core.api.Assertions.assertThat;


import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HeadUpdaterTest {
    @RegisterExtension
    final GitFixture fx = new GitFixture();
    final HeadUpdater updater = new HeadUpdater();
    RevCommit base;
    RevCommit candidate;

    @BeforeEach
    void setUp() throws Exception {
        base = fx.commit(null, "base", "a.txt", "a\n");
        candidate = fx.commit(base, "candidate", "a.txt", "b\n");
        fx.git.update("refs/heads/main", base);
    }

    private ObjectId head() {
        return GitRefs.resolve(fx.repo, "refs/heads/main").orElseThrow();
    }

    @Test
    void fastForward_movesHeadWhenItIsStillTheTestedBase() {
        LandResult result = updater.fastForward(fx.repo, "main", base, candidate);

        assertThat(result).isEqualTo(LandResult.LANDED);
        assertThat(head()).isEqualTo(candidate);
        assertThat(result.message()).isEqualTo("head fast-forwarded to the candidate");
    }

    @Test
    void fastForward_refusesWhenHeadMoved() throws Exception {
        RevCommit other = fx.commit(base, "someone else", "o.txt", "o\n");
        fx.git.update("refs/heads/main", other);

        LandResult result = updater.fastForward(fx.repo, "main", base, candidate);

        assertThat(result).isEqualTo(LandResult.HEAD_MOVED);
        assertThat(head()).isEqualTo(other);
    }

    @Test
    void fastForward_refusesNonFastForward() throws Exception {
        RevCommit unrelated = fx.commit(null, "unrelated root", "x.txt", "x\n");

        LandResult result = updater.fastForward(fx.repo, "main", base, unrelated);

        assertThat(result).isEqualTo(LandResult.NOT_FAST_FORWARD);
        assertThat(head()).isEqualTo(base);
    }

    @Test
    void fastForward_refusesMovingHeadBackwards() throws Exception {
        fx.git.update("refs/heads/main", candidate);

        assertThat(updater.fastForward(fx.repo, "refs/heads/main", candidate, base))
                .isEqualTo(LandResult.ALREADY_LANDED);
        assertThat(head()).isEqualTo(candidate);
    }

    @Test
    void fastForward_recognisesALandingThatAlreadyHappened() throws Exception {
        assertThat(updater.fastForward(fx.repo, "main", base, candidate)).isEqualTo(LandResult.LANDED);
        RevCommit later = fx.commit(candidate, "later", "l.txt", "l\n");
        fx.git.update("refs/heads/main", later);

        LandResult again = updater.fastForward(fx.repo, "main", base, candidate);

        assertThat(again).isEqualTo(LandResult.ALREADY_LANDED);
        assertThat(head()).isEqualTo(later);
    }

    @Test
    void fastForward_createsAnAbsentHeadOnlyWhenExpectedAbsent() throws Exception {
        fx.git.delete("refs/heads/main");

        assertThat(updater.fastForward(fx.repo, "main", base, candidate)).isEqualTo(LandResult.HEAD_MOVED);
        assertThat(updater.fastForward(fx.repo, "main", null, candidate)).isEqualTo(LandResult.LANDED);
        assertThat(head()).isEqualTo(candidate);
    }

    @Test
    void fastForward_writesAReflogEntry() throws Exception {
        new HeadUpdater(GitFixture.GATEKEEPER).fastForward(fx.repo, "main", base, candidate);

        var entry = fx.repo.getRefDatabase().getReflogReader("refs/heads/main").getLastEntry();
        assertThat(entry.getComment()).isEqualTo("gatekeeper: land " + candidate.name());
        assertThat(entry.getWho().getName()).isEqualTo("Gatekeeper");
        assertThat(entry.getWho().getEmailAddress()).isEqualTo("gatekeeper@localhost");
    }
}
