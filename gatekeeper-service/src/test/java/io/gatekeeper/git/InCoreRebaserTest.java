package io.gatekeeper.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InCoreRebaserTest {
    @RegisterExtension
    final GitFixture fx = new GitFixture();
    final InCoreRebaser rebaser = new InCoreRebaser(GitFixture.GATEKEEPER);

    @Test
    void rebase_cleanReplaysOntoHead() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", "a\n", "b.txt", "b\n");
        RevCommit head = fx.commit(base, "head edits a", "a.txt", "a2\n");
        RevCommit pr = fx.commit(base, "pr edits b", "b.txt", "b2\n");

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(result.commits()).isEqualTo(1);
        assertThat(result.conflictPaths()).isEmpty();
        RevCommit rebased = fx.parse(result.newTip());
        assertThat(rebased.getParents()).containsExactly(head);
        assertThat(fx.read(rebased, "a.txt")).isEqualTo("a2\n");
        assertThat(fx.read(rebased, "b.txt")).isEqualTo("b2\n");
        assertThat(result.message()).isEqualTo("rebased 1 commit, new tip " + rebased.abbreviate(7).name());
        assertThat(GitRefs.isAncestor(fx.repo, head, rebased)).isTrue();
    }

    @Test
    void rebase_conflictNamesPaths() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", "one\n", "b/c.txt", "x\n", "d.txt", "d\n");
        RevCommit head = fx.commit(base, "head", "a.txt", "ONE\n", "b/c.txt", "X\n");
        RevCommit ok = fx.commit(base, "fine", "d.txt", "d2\n");
        RevCommit clash = fx.commit(ok, "touch a and c", "a.txt", "uno\n", "b/c.txt", "ex\n");

        RebaseResult result = rebaser.rebase(fx.repo, head, clash);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.CONFLICT);
        assertThat(result.newTip()).isNull();
        assertThat(result.conflictPaths()).containsExactly("a.txt", "b/c.txt");
        assertThat(result.commits()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("conflict in a.txt, b/c.txt when applying "
                + clash.abbreviate(7).name() + " \"touch a and c\" onto " + head.abbreviate(7).name());
    }

    @Test
    void rebase_multiCommitKeepsAuthorsAndMessagesAndSetsCommitter() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", "a\n");
        RevCommit head = fx.commit(base, "head", "h.txt", "h\n");
        PersonIdent ann = new PersonIdent("Ann", "ann@example.org", Instant.parse("2025-05-01T10:00:00Z"),
                ZoneOffset.ofHours(2));
        PersonIdent bob = new PersonIdent("Bob", "bob@example.org", Instant.parse("2025-05-02T11:00:00Z"),
                ZoneOffset.ofHours(-5));
        RevCommit p1 = fx.git.commit().parent(base).author(ann).add("one.txt", "1\n")
                .message("first\n\nwith a body\n").create();
        RevCommit p2 = fx.git.commit().parent(p1).author(bob).add("two.txt", "2\n").message("second").create();
        RevCommit p3 = fx.git.commit().parent(p2).author(ann).add("a.txt", "a3\n").message("third").create();

        RebaseResult result = rebaser.rebase(fx.repo, head, p3);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(result.commits()).isEqualTo(3);
        List<RevCommit> rewritten = fx.history(result.newTip(), head);
        assertThat(rewritten).hasSize(3);
        assertThat(rewritten).extracting(RevCommit::getFullMessage)
                .containsExactly("third", "second", "first\n\nwith a body\n");
        assertThat(rewritten).extracting(c -> c.getAuthorIdent()).containsExactly(
                p3.getAuthorIdent(), bob, ann);
        assertThat(rewritten.get(2).getAuthorIdent().getWhenAsInstant()).isEqualTo(ann.getWhenAsInstant());
        assertThat(rewritten.get(2).getAuthorIdent().getZoneOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(rewritten).allSatisfy(c -> assertThat(c.getCommitterIdent()).isEqualTo(GitFixture.GATEKEEPER));
        assertThat(rewritten.get(2).getParents()).containsExactly(head);
        assertThat(fx.read(result.newTip(), "a.txt")).isEqualTo("a3\n");
        assertThat(fx.read(result.newTip(), "h.txt")).isEqualTo("h\n");
    }

    @Test
    void rebase_isDeterministicForTheSameCommitterAndTime() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", "a\n");
        RevCommit head = fx.commit(base, "head", "h.txt", "h\n");
        RevCommit pr = fx.commit(base, "pr", "p.txt", "p\n");

        RebaseResult first = rebaser.rebase(fx.repo, head, pr);
        RebaseResult second = rebaser.rebase(fx.repo, head, pr);

        assertThat(second.newTip()).isEqualTo(first.newTip());
    }

    @Test
    void rebase_mergeCommitInsideRequestIsDroppedAndSideCommitsReplayed() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", "a\n", "m.txt", "m\n");
        RevCommit main1 = fx.commit(base, "main 1", "m.txt", "m1\n");
        RevCommit p1 = fx.commit(base, "pr 1", "p.txt", "p1\n");
        RevCommit side = fx.commit(base, "side", "s.txt", "s\n");
        RevCommit mergeSide = fx.git.commit().parent(p1).parent(side).add("s.txt", "s\n")
                .message("merge side").create();
        // The usual merge inside a request: bring the latest main into the branch.
        RevCommit mergeMain = fx.git.commit().parent(mergeSide).parent(main1).add("m.txt", "m1\n")
                .message("merge main").create();
        RevCommit p2 = fx.commit(mergeMain, "pr 2", "p.txt", "p2\n");
        RevCommit main2 = fx.commit(main1, "main 2", "a.txt", "a2\n");

        RebaseResult result = rebaser.rebase(fx.repo, main2, p2);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(result.commits()).isEqualTo(3);
        List<RevCommit> rewritten = fx.history(result.newTip(), main2);
        assertThat(rewritten).allSatisfy(c -> assertThat(c.getParentCount()).isEqualTo(1));
        assertThat(rewritten).extracting(RevCommit::getShortMessage)
                .containsExactlyInAnyOrder("pr 2", "pr 1", "side");
        assertThat(rewritten.get(0).getShortMessage()).isEqualTo("pr 2");
        assertThat(rewritten.get(rewritten.size() - 1).getParents()).containsExactly(main2);
        assertThat(fx.read(result.newTip(), "p.txt")).isEqualTo("p2\n");
        assertThat(fx.read(result.newTip(), "s.txt")).isEqualTo("s\n");
        assertThat(fx.read(result.newTip(), "m.txt")).isEqualTo("m1\n");
        assertThat(fx.read(result.newTip(), "a.txt")).isEqualTo("a2\n");
    }

    @Test
    void rebase_requestAlreadyOnHeadIsRecommittedByTheGate() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", "a\n");
        RevCommit p1 = fx.commit(base, "p1", "p.txt", "1\n");
        RevCommit p2 = fx.commit(p1, "p2", "p.txt", "2\n");

        RebaseResult result = rebaser.rebase(fx.repo, base, p2);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(result.newTip()).isNotEqualTo(p2);
        assertThat(result.commits()).isEqualTo(2);
        RevCommit tip = fx.repo.parseCommit(result.newTip());
        assertThat(tip.getTree()).isEqualTo(p2.getTree());
        assertThat(tip.getCommitterIdent().getName()).isEqualTo("Gatekeeper");
        assertThat(tip.getAuthorIdent()).isEqualTo(p2.getAuthorIdent());
    }

    @Test
    void rebase_requestWithMergeOfHeadIsLinearisedEvenThoughItDescendsFromHead() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", "a\n");
        RevCommit p1 = fx.commit(base, "p1", "p.txt", "1\n");
        RevCommit head = fx.commit(base, "head", "h.txt", "h\n");
        RevCommit merge = fx.git.commit().parent(p1).parent(head).add("h.txt", "h\n").message("merge").create();

        RebaseResult result = rebaser.rebase(fx.repo, head, merge);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(fx.history(result.newTip(), head)).extracting(RevCommit::getShortMessage).containsExactly("p1");
    }

    @Test
    void rebase_emptyRequestYieldsHead() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", "a\n");
        RevCommit head = fx.commit(base, "head", "h.txt", "h\n");

        RebaseResult same = rebaser.rebase(fx.repo, head, head);
        RebaseResult behind = rebaser.rebase(fx.repo, head, base);

        assertThat(same.status()).isEqualTo(RebaseResult.Status.EMPTY);
        assertThat(same.newTip()).isEqualTo(head);
        assertThat(same.commits()).isZero();
        assertThat(behind.status()).isEqualTo(RebaseResult.Status.EMPTY);
        assertThat(behind.newTip()).isEqualTo(head);
        assertThat(same.message()).isEqualTo("nothing to apply: every change is already in head");
    }

    @Test
    void rebase_changeAlreadyInHeadIsDropped() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", "a\n", "b.txt", "b\n");
        RevCommit head = fx.commit(base, "same fix, landed earlier", "a.txt", "fixed\n");
        RevCommit p1 = fx.commit(base, "fix", "a.txt", "fixed\n");

        RebaseResult onlyDuplicate = rebaser.rebase(fx.repo, head, p1);
        RevCommit p2 = fx.commit(p1, "more", "b.txt", "b2\n");
        RebaseResult withMore = rebaser.rebase(fx.repo, head, p2);

        assertThat(onlyDuplicate.status()).isEqualTo(RebaseResult.Status.EMPTY);
        assertThat(onlyDuplicate.newTip()).isEqualTo(head);
        assertThat(withMore.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(withMore.commits()).isEqualTo(1);
        assertThat(fx.history(withMore.newTip(), head)).extracting(RevCommit::getShortMessage)
                .containsExactly("more");
    }

    @Test
    void rebase_stackedRequestDropsParentCommitsThatLandedRebasedEvenIfHeadEditedThemSince() throws Exception {
        RevCommit base = fx.commit(null, "base", "f.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "g.txt", "g\n");
        RevCommit other = fx.commit(base, "other landed first", "g.txt", "g2\n");
        RevCommit a1 = fx.commit(base, "request A", "f.txt", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n");
        RevCommit b1 = fx.commit(a1, "request B on top of A", "n.txt", "new\n");
        RebaseResult landedA = rebaser.rebase(fx.repo, other, a1);
        assertThat(landedA.status()).isEqualTo(RebaseResult.Status.REBASED);
        RevCommit edited = fx.commit(fx.parse(landedA.newTip()), "head edits the same line again",
                "f.txt", "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n");

        RebaseResult result = rebaser.rebase(fx.repo, edited, b1);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(fx.history(result.newTip(), edited)).extracting(RevCommit::getShortMessage)
                .containsExactly("request B on top of A");
        assertThat(fx.read(result.newTip(), "f.txt")).contains("FIVE");
        assertThat(fx.read(result.newTip(), "n.txt")).isEqualTo("new\n");
    }

    @Test
    void rebase_binaryFilesAreCarriedByteForByte() throws Exception {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff, 0, 1, 2};
        byte[] image2 = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xfe, 0, 7, 7, 7};
        RevCommit base = fx.git.commit().add("img.png", fx.git.blob(image)).add("a.txt", "a\n").message("base").create();
        RevCommit head = fx.commit(base, "head", "a.txt", "a2\n");
        RevCommit pr = fx.git.commit().parent(base).add("img.png", fx.git.blob(image2))
                .add("new.bin", fx.git.blob(new byte[] {0, 1, 0, 2})).message("binary").create();

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(fx.readBytes(result.newTip(), "img.png")).isEqualTo(image2);
        assertThat(fx.readBytes(result.newTip(), "new.bin")).isEqualTo(new byte[] {0, 1, 0, 2});
        assertThat(fx.read(result.newTip(), "a.txt")).isEqualTo("a2\n");
    }

    @Test
    void rebase_binaryFileChangedOnBothSidesConflicts() throws Exception {
        RevCommit base = fx.commitBytes(null, "base", "img.png", new byte[] {0, 1, 2});
        RevCommit head = fx.commitBytes(base, "head", "img.png", new byte[] {0, 9, 9});
        RevCommit pr = fx.commitBytes(base, "pr", "img.png", new byte[] {0, 8, 8});

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.CONFLICT);
        assertThat(result.conflictPaths()).containsExactly("img.png");
    }
}
