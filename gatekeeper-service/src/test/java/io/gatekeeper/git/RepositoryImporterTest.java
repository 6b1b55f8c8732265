package io.gatekeeper.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryImporterTest {
    @TempDir
    Path tmp;

    @Test
    void importInto_bringsAllBranchesAndTagsWithHead() throws Exception {
        Path sourceDir = tmp.resolve("project");
        RevCommit c1;
        RevCommit c2;
        RevTag tag;
        try (Repository source = FileRepositoryBuilder.create(sourceDir.resolve(".git").toFile())) {
            source.create(false);
            try (TestRepository<Repository> src = new TestRepository<>(source)) {
                c1 = src.branch("refs/heads/trunk").commit().add("a.txt", "a\n").message("one").create();
                c2 = src.branch("refs/heads/trunk").commit().parent(c1).add("b.txt", "b\n").message("two").create();
                src.update("refs/heads/trunk", c2);
                src.update("refs/heads/feature", c1);
                tag = src.tag("v1.0", c1);
                src.update("refs/tags/v1.0", tag);
                src.update("refs/tags/light", c2);
            }
        }
        FileRepositoryStore store = new FileRepositoryStore(tmp.resolve("repos"));

        try (Repository target = store.create("imported", "trunk")) {
            RepositoryImporter.importInto(target, sourceDir.toString(), "trunk");

            assertThat(GitRefs.resolve(target, Constants.HEAD)).contains(c2);
            assertThat(GitRefs.scan(target, List.of("refs/")).keySet()).containsExactly(
                    "refs/heads/feature", "refs/heads/trunk", "refs/tags/light", "refs/tags/v1.0");
            assertThat(GitRefs.resolve(target, "refs/tags/v1.0")).contains(tag);
            assertThat(target.parseCommit(c2).getShortMessage()).isEqualTo("two");
        }
    }

    @Test
    void importInto_refusesASourceWithoutTheHeadBranch() throws Exception {
        FileRepositoryStore store = new FileRepositoryStore(tmp.resolve("repos"));
        try (Repository source = store.create("source", "master");
             TestRepository<Repository> src = new TestRepository<>(source)) {
            src.update("refs/heads/master", src.commit().add("a.txt", "a\n").create());
        }

        try (Repository target = store.create("target", "main")) {
            String url = store.directoryOf("source").toUri().toString();
            assertThatThrownBy(() -> RepositoryImporter.importInto(target, url, "main"))
                    .isInstanceOf(GatekeeperGitException.class)
                    .hasMessage("cannot import from " + url + ": it has no branch main (its branches: master)");
        }
    }

    @Test
    void importInto_reportsAnUnreachableSource() {
        FileRepositoryStore store = new FileRepositoryStore(tmp.resolve("repos"));
        try (Repository target = store.create("target", "main")) {
            assertThatThrownBy(() -> RepositoryImporter.importInto(target, tmp.resolve("missing").toString(), "main"))
                    .isInstanceOf(GatekeeperGitException.class)
                    .hasMessageStartingWith("cannot import from " + tmp.resolve("missing") + ": ");
        }
    }
}
