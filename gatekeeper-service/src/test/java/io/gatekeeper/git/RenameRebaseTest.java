package io.gatekeeper.git;

import static org.assertj.core.api.Assertions.assertThat;


import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Renames on either side of the rebase, which JGit's merger alone would turn into conflicts. */
class RenameRebaseTest {
    private static final String TEXT = "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n";

    @RegisterExtension
    final GitFixture fx = new GitFixture();
    final InCoreRebaser rebaser = new InCoreRebaser(GitFixture.GATEKEEPER);

    private RevCommit rename(RevCommit parent, String from, String to, String content, String message)
            throws Exception {
        fx.git.tick(60);
        return fx.git.commit().parent(parent).rm(from).add(to, content).message(message).create();
    }

    @Test
    void rebase_requestRenameOntoUnrelatedHeadChange() throws Exception {
        RevCommit base = fx.commit(null, "base", "old.txt", TEXT, "other.txt", "o\n");
        RevCommit head = fx.commit(base, "head", "other.txt", "o2\n");
        RevCommit pr = rename(base, "old.txt", "new.txt", TEXT, "rename");

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(fx.read(result.newTip(), "old.txt")).isNull();
        assertThat(fx.read(result.newTip(), "new.txt")).isEqualTo(TEXT);
        assertThat(fx.read(result.newTip(), "other.txt")).isEqualTo("o2\n");
    }

    @Test
    void rebase_requestRenameKeepsHeadEditOfTheSameFile() throws Exception {
        RevCommit base = fx.commit(null, "base", "old.txt", TEXT);
        RevCommit head = fx.commit(base, "head edits", "old.txt", TEXT.replace("line 2", "LINE 2"));
        RevCommit pr = rename(base, "old.txt", "new.txt", TEXT.replace("line 7", "LINE 7"), "rename and edit");

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(fx.read(result.newTip(), "old.txt")).isNull();
        assertThat(fx.read(result.newTip(), "new.txt"))
                .isEqualTo(TEXT.replace("line 2", "LINE 2").replace("line 7", "LINE 7"));
    }

    @Test
    void rebase_requestEditFollowsRenameOnHead() throws Exception {
        RevCommit base = fx.commit(null, "base", "src/Old.java", TEXT);
        RevCommit head = rename(base, "src/Old.java", "src/main/New.java", TEXT.replace("line 1", "LINE 1"),
                "head moves the file");
        RevCommit pr = fx.commit(base, "pr edits", "src/Old.java", TEXT.replace("line 8", "LINE 8"));

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(fx.read(result.newTip(), "src/Old.java")).isNull();
        assertThat(fx.read(result.newTip(), "src/main/New.java"))
                .isEqualTo(TEXT.replace("line 1", "LINE 1").replace("line 8", "LINE 8"));
    }

    @Test
    void rebase_bothSidesRenamingToTheSameNameMergeTheirEdits() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", TEXT);
        RevCommit head = rename(base, "a.txt", "b.txt", TEXT.replace("line 1", "LINE 1"), "head");
        RevCommit pr = rename(base, "a.txt", "b.txt", TEXT.replace("line 8", "LINE 8"), "pr");

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.REBASED);
        assertThat(fx.read(result.newTip(), "b.txt")).isEqualTo(TEXT.replace("line 1", "LINE 1")
                .replace("line 8", "LINE 8"));
    }

    @Test
    void rebase_renamedToDifferentNamesOnBothSidesConflicts() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", TEXT);
        RevCommit head = rename(base, "a.txt", "b.txt", TEXT, "head");
        RevCommit pr = rename(base, "a.txt", "c.txt", TEXT, "pr");

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.CONFLICT);
        assertThat(result.conflictPaths()).containsExactly("a.txt");
    }

    @Test
    void rebase_editOfAFileDeletedOnHeadConflicts() throws Exception {
        RevCommit base = fx.commit(null, "base", "a.txt", TEXT, "keep.txt", "k\n");
        RevCommit head = fx.git.commit().parent(base).rm("a.txt").message("delete").create();
        RevCommit pr = fx.commit(base, "edit", "a.txt", TEXT.replace("line 3", "LINE 3"));

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.CONFLICT);
        assertThat(result.conflictPaths()).containsExactly("a.txt");
    }

    @Test
    void rebase_differentBinaryEditsOfOneFileAreNotMistakenForTheSameChange() throws Exception {
        RevCommit base = fx.commitBytes(null, "base", "img.bin", new byte[] {0, 1, 2});
        RevCommit head = fx.commitBytes(base, "head", "img.bin", new byte[] {0, 5, 5});
        RevCommit pr = fx.commitBytes(base, "pr", "img.bin", new byte[] {0, 6, 6});

        RebaseResult result = rebaser.rebase(fx.repo, head, pr);

        assertThat(result.status()).isEqualTo(RebaseResult.Status.CONFLICT);
        assertThat(result.conflictPaths()).containsExactly("img.bin");
    }
}
