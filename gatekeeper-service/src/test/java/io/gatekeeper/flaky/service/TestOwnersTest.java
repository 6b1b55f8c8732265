package io.gatekeeper.flaky.service;

import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.git.InMemoryRepositoryStore;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Owners come from the CODEOWNERS file on head, applied to the test's source file found in head's tree. */
class TestOwnersTest {
    final InMemoryRepositoryStore store = new InMemoryRepositoryStore();
    final TestOwners owners = new TestOwners(store, name -> "shop".equals(name) ? Optional.of("main")
            : Optional.empty());

    @Test
    void testClass_isFoundInHeadsTree_andMatchedAgainstHeadsCodeOwners() throws Exception {
        try (Repository repo = store.create("shop", "main")) {
            TestRepository<Repository> git = new TestRepository<>(repo);
            RevCommit head = git.commit()
                    .add(".github/CODEOWNERS", "* @everyone\n/services/net/ @net-team\ntests/ @py-team\n")
                    .add("services/net/src/test/java/com/acme/net/ClientTest.java", "class ClientTest {}")
                    .add("services/app/src/test/java/com/acme/AppTest.java", "class AppTest {}")
                    .add("tests/test_mod.py", "def test_x(): pass")
                    .create();
            git.update("refs/heads/main", head);
        }

        assertThat(owners.owner("shop", new TestId("com.acme.net.ClientTest", "connects"))).contains("@net-team");
        assertThat(owners.owner("shop", new TestId("com.acme.net.ClientTest$Nested", "retries")))
                .contains("@net-team");
        assertThat(owners.owner("shop", new TestId("com.acme.AppTest", "starts"))).contains("@everyone");
        assertThat(owners.owner("shop", new TestId("tests.test_mod", "test_x"))).contains("@py-team");
        assertThat(owners.owner("shop", new TestId("gone.Missing", "x"))).as("not found: catch-all still applies")
                .contains("@everyone");
    }

    @Test
    void noCodeOwnersOrNoHead_meansNoOwner() throws Exception {
        try (Repository repo = store.create("shop", "main")) {
            TestRepository<Repository> git = new TestRepository<>(repo);
            git.update("refs/heads/main", git.commit().add("A.java", "class A {}").create());
        }
        assertThat(owners.owner("shop", new TestId("A", "x"))).isEmpty();
        assertThat(owners.owner("other", new TestId("A", "x"))).isEmpty();
    }

    @Test
    void classPaths_goFromMostToLeastSpecific() {
        assertThat(TestOwners.classPaths("tests.test_mod.TestX")).containsExactly("tests/test_mod/TestX",
                "tests/test_mod", "tests");
        assertThat(TestOwners.classPaths("github.com/acme/net/client")).containsExactly("github.com/acme/net/client");
    }
}
