package io.gatekeeper.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryStoreTest {
    @TempDir
    Path tmp;

    @Test
    void fileStore_createsBareRepositoryWithHeadLinkedToTheHeadBranch() throws Exception {
        FileRepositoryStore store = new FileRepositoryStore(tmp.resolve("repos"));

        try (Repository repo = store.create("demo", "main")) {
            assertThat(repo.isBare()).isTrue();
            assertThat(repo.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo("refs/heads/main");
        }
        assertThat(Files.isDirectory(tmp.resolve("repos/demo.git/objects"))).isTrue();
        assertThat(store.exists("demo")).isTrue();
        assertThat(store.exists("other")).isFalse();
        try (Repository again = store.open("demo")) {
            assertThat(again.getFullBranch()).isEqualTo("refs/heads/main");
        }
    }

    @Test
    void fileStore_listsRepositoriesSorted() {
        FileRepositoryStore store = new FileRepositoryStore(tmp);
        store.create("zeta", "main").close();
        store.create("alpha", "trunk").close();

        assertThat(store.names()).containsExactly("alpha", "zeta");
    }

    @Test
    void fileStore_refusesDuplicatesUnknownsAndBadNames() {
        FileRepositoryStore store = new FileRepositoryStore(tmp);
        store.create("demo", "main").close();

        assertThatThrownBy(() -> store.create("demo", "main")).isInstanceOf(RepositoryExistsException.class)
                .hasMessage("repository demo already exists");
        assertThatThrownBy(() -> store.open("nope")).isInstanceOf(RepositoryNotFoundException.class)
                .hasMessage("repository nope not found");
        for (String bad : new String[] {"..", "../x", "a/b", "", ".hidden", "x.git", "a..b", "sp ace"}) {
            assertThatThrownBy(() -> store.create(bad, "main")).as(bad).isInstanceOf(InvalidNameException.class);
            assertThat(store.exists(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> store.create("ok", "bad..branch")).isInstanceOf(InvalidNameException.class);
        assertThat(store.exists("ok")).isFalse();
    }

    @Test
    void inMemoryStore_behavesLikeTheFileStore() throws Exception {
        InMemoryRepositoryStore store = new InMemoryRepositoryStore();
        store.create("demo", "main").close();

        try (Repository repo = store.open("demo")) {
            assertThat(repo.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo("refs/heads/main");
        }
        try (Repository repo = store.open("demo")) {
            assertThat(repo.getFullBranch()).isEqualTo("refs/heads/main");
        }
        assertThat(store.names()).containsExactly("demo");
        assertThatThrownBy(() -> store.create("demo", "main")).isInstanceOf(RepositoryExistsException.class);
        assertThatThrownBy(() -> store.open("nope")).isInstanceOf(RepositoryNotFoundException.class);
    }
}
