package io.gatekeeper.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TestProtocol;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every push rule, through a real (in-process) push so the client sees what git users will see. */
class ReceivePolicyTest {
    static final GitPrincipal DEV = new GitPrincipal("dev", Set.of(GitPrincipal.DEVELOPER));
    static final GitPrincipal PRIV = new GitPrincipal("priv", Set.of(GitPrincipal.DEVELOPER, GitPrincipal.PRIVILEGED));
    static final GitPrincipal ADMIN = new GitPrincipal("root", Set.of(GitPrincipal.ADMIN));

    @TempDir
    Path tmp;
    Repository server;
    TestRepository<InMemoryRepository> client;
    RevCommit base;
    RevCommit work;
    RepoPolicy policy = new RepoPolicy("main", List.of());
    final List<List<RefChange>> seen = Collections.synchronizedList(new ArrayList<>());
    /** What the listener was told, in order: a ref scan waits between "receiving" and "received". */
    final List<String> moments = Collections.synchronizedList(new ArrayList<>());
    TestProtocol<GitPrincipal> protocol;

    @BeforeEach
    void setUp() throws Exception {
        server = new FileRepositoryStore(tmp).create("demo", "main");
        client = new TestRepository<>(new InMemoryRepository(new DfsRepositoryDescription("client")));
        base = client.commit().add("a.txt", "a\n").message("base").create();
        work = client.commit().parent(base).add("a.txt", "b\n").message("work").create();
        protocol = new TestProtocol<>((p, db) -> new UploadPack(db),
                (p, db) -> ReceivePacks.create(db, "demo", p, policy, new PushListener() {
                    @Override
                    public void onPush(String repo, GitPrincipal pusher, List<RefChange> changes) {
                        seen.add(changes);
                        moments.add("push " + changes.size());
                    }

                    @Override
                    public void receiving(String repo) {
                        moments.add("receiving");
                    }

                    @Override
                    public void received(String repo) {
                        moments.add("received");
                    }
                }));
        Transport.register(protocol);
        // Most rules are about a repository in use, whose head exists.
        push(ADMIN, base, "refs/heads/main");
        seen.clear();
        moments.clear();
    }

    @Test
    void theListenerHearsAPushStartAndEnd_aroundItsChanges_evenWhenEveryRefIsRefused() throws Exception {
        pushAll(DEV, Map.of("refs/heads/pull-request/a", work, "refs/heads/pull-request/b", work));
        assertThat(moments).containsExactly("receiving", "push 2", "received");
        moments.clear();
        assertRefused(push(DEV, work, "refs/heads/main"),
                "main is updated only by Gatekeeper: push to pull-request/<name> instead");
        assertThat(moments).containsExactly("receiving", "received");
    }

    @AfterEach
    void tearDown() {
        Transport.unregister(protocol);
        client.close();
        server.close();
    }

    private RemoteRefUpdate push(GitPrincipal who, ObjectId what, String ref) throws Exception {
        return pushTo(server, who, Map.of(ref, what == null ? ObjectId.zeroId() : what)).get(0);
    }

    private List<RemoteRefUpdate> pushAll(GitPrincipal who, Map<String, ObjectId> refs) throws Exception {
        return pushTo(server, who, refs);
    }

    private List<RemoteRefUpdate> pushTo(Repository target, GitPrincipal who, Map<String, ObjectId> refs)
            throws Exception {
        URIish uri = protocol.register(who, target);
        List<RefSpec> specs = new ArrayList<>();
        for (Map.Entry<String, ObjectId> e : refs.entrySet()) {
            String src = ObjectId.zeroId().equals(e.getValue()) ? "" : e.getValue().name();
            specs.add(new RefSpec("+" + src + ":" + e.getKey()));
        }
        List<RemoteRefUpdate> updates = new ArrayList<>();
        for (PushResult r : Git.wrap(client.getRepository()).push().setRemote(uri.toString()).setRefSpecs(specs).call()) {
            updates.addAll(r.getRemoteUpdates());
        }
        return updates;
    }

    private static void assertRefused(RemoteRefUpdate update, String message) {
        assertThat(update.getStatus()).isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
        assertThat(update.getMessage()).isEqualTo(message);
    }

    private ObjectId serverRef(String ref) {
        return GitRefs.resolve(server, ref).orElse(null);
    }

    @Test
    void push_toHeadBranchIsRefusedEvenForAdmins() throws Exception {
        assertRefused(push(DEV, work, "refs/heads/main"),
                "main is updated only by Gatekeeper: push to pull-request/<name> instead");
        assertRefused(push(ADMIN, work, "refs/heads/main"),
                "main is updated only by Gatekeeper: push to pull-request/<name> instead");
        assertRefused(push(ADMIN, null, "refs/heads/main"),
                "main is updated only by Gatekeeper: push to pull-request/<name> instead");
        assertThat(serverRef("refs/heads/main")).isEqualTo(base);
        assertThat(seen).isEmpty();
    }

    @Test
    void push_firstPushOfHeadBringsAProjectInForAdminsOnly() throws Exception {
        try (Repository empty = new FileRepositoryStore(tmp).create("empty", "main")) {
            assertRefused(pushTo(empty, DEV, Map.of("refs/heads/main", work)).get(0),
                    "main does not exist yet: only an admin may push it to bring a project in");
            assertThat(GitRefs.resolve(empty, "refs/heads/main")).isEmpty();

            assertThat(pushTo(empty, ADMIN, Map.of("refs/heads/main", work)).get(0).getStatus())
                    .isEqualTo(RemoteRefUpdate.Status.OK);
            assertThat(GitRefs.resolve(empty, "refs/heads/main")).contains(work);
        }
    }

    @Test
    void push_toGatekeeperNamespaceIsRefused() throws Exception {
        assertRefused(push(ADMIN, work, "refs/gatekeeper/candidates/1"), "refs/gatekeeper/* is reserved for Gatekeeper");
        assertThat(serverRef("refs/gatekeeper/candidates/1")).isNull();
    }

    @Test
    void push_pullRequestIsAcceptedAndReported() throws Exception {
        RemoteRefUpdate update = push(DEV, work, "refs/heads/pull-request/hello");

        assertThat(update.getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
        assertThat(serverRef("refs/heads/pull-request/hello")).isEqualTo(work);
        assertThat(seen).containsExactly(List.of(new RefChange("refs/heads/pull-request/hello", ObjectId.zeroId(), work)));
        assertThat(seen.get(0).get(0).isCreate()).isTrue();
    }

    @Test
    void push_deletingAPullRequestIsAllowedAndReported() throws Exception {
        push(DEV, work, "refs/heads/pull-request/x");
        seen.clear();

        assertThat(push(DEV, null, "refs/heads/pull-request/x").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);

        assertThat(serverRef("refs/heads/pull-request/x")).isNull();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get(0).isDelete()).isTrue();
        assertThat(seen.get(0).get(0).oldId()).isEqualTo(work);
    }

    @Test
    void push_pushRequestNeedsThePrivilegedRole() throws Exception {
        assertRefused(push(DEV, work, "refs/heads/push-request/hotfix"), "push-request/* needs the privileged role");
        assertThat(serverRef("refs/heads/push-request/hotfix")).isNull();

        assertThat(push(PRIV, work, "refs/heads/push-request/hotfix").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
        assertThat(push(ADMIN, work, "refs/heads/push-request/other").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
    }

    @Test
    void push_aRunnerTokenMayNotPushAnything() throws Exception {
        GitPrincipal runner = new GitPrincipal("node-7", Set.of(GitPrincipal.RUNNER));
        assertRefused(push(runner, work, "refs/heads/pull-request/sneaky"),
                "runner tokens may fetch but not push: push with a person's token");
        assertThat(serverRef("refs/heads/pull-request/sneaky")).isNull();
        assertThat(seen).isEmpty();
    }

    @Test
    void push_outsideTheAllowedPrefixesIsRefusedWhenTheRepositoryRestrictsThem() throws Exception {
        assertThat(push(DEV, work, "refs/heads/feature").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);

        policy = new RepoPolicy("main", List.of("pull-request/", "push-request/"));

        assertRefused(push(DEV, work, "refs/heads/topic"),
                "branch topic is not allowed here: branch names must start with pull-request/ or push-request/");
        assertThat(push(DEV, work, "refs/heads/pull-request/ok").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
    }

    @Test
    void push_tagsAreForAdminsOnly() throws Exception {
        assertRefused(push(PRIV, work, "refs/tags/v1"), "tags are pushed by admins only");
        assertThat(serverRef("refs/tags/v1")).isNull();

        assertThat(push(ADMIN, work, "refs/tags/v1").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
        assertThat(serverRef("refs/tags/v1")).isEqualTo(work);
    }

    @Test
    void push_otherNamespacesAreRefused() throws Exception {
        assertRefused(push(ADMIN, work, "refs/notes/commits"), "only branches and tags can be pushed, not refs/notes/commits");
    }

    @Test
    void push_refusalOfOneRefLetsTheOthersThroughAndOnlyThoseAreReported() throws Exception {
        List<RemoteRefUpdate> updates = pushAll(DEV, Map.of(
                "refs/heads/main", work,
                "refs/heads/pull-request/both", work));

        assertThat(updates).filteredOn(u -> u.getRemoteName().equals("refs/heads/main"))
                .singleElement().extracting(RemoteRefUpdate::getStatus)
                .isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
        assertThat(serverRef("refs/heads/pull-request/both")).isEqualTo(work);
        assertThat(seen).containsExactly(List.of(new RefChange("refs/heads/pull-request/both", ObjectId.zeroId(), work)));
    }

    @Test
    void refusal_requestPrefixWithoutANameIsMalformed() {
        ReceivePolicy rules = new ReceivePolicy(PRIV, new RepoPolicy("main", List.of("pull-request/", "push-request/", "team-")));

        assertThat(rules.refusal("refs/heads/pull-request/", false, true))
                .contains("malformed branch name pull-request/: a name is required after pull-request/");
        assertThat(rules.refusal("refs/heads/push-request/", false, true))
                .contains("malformed branch name push-request/: a name is required after push-request/");
        assertThat(rules.refusal("refs/heads/team-", false, true))
                .contains("malformed branch name team-: a name is required after team-");
        assertThat(rules.refusal("refs/heads/team-x", false, true)).isEmpty();
    }

    @Test
    void refusal_headBranchGivenInFullIsTheSameBranch() {
        ReceivePolicy rules = new ReceivePolicy(ADMIN, new RepoPolicy("refs/heads/trunk", List.of()));

        assertThat(rules.refusal("refs/heads/trunk", false, true))
                .contains("trunk is updated only by Gatekeeper: push to pull-request/<name> instead");
        assertThat(rules.refusal("refs/heads/trunk", false, false)).isEmpty();
        assertThat(rules.refusal("refs/heads/main", false, true)).isEmpty();
    }
}
