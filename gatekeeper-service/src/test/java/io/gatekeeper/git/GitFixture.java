package io.gatekeeper.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A real on-disk bare repository with a {@link TestRepository} to build history deterministically. */
final class GitFixture implements AutoCloseable {
    static final PersonIdent GATEKEEPER =
            new PersonIdent("Gatekeeper", "gatekeeper@localhost", java.time.Instant.parse("2026-01-02T03:04:05Z"),
                    java.time.ZoneOffset.UTC);

    final FileRepositoryStore store;
    final Repository repo;
    final TestRepository<Repository> git;

    private GitFixture(FileRepositoryStore store, Repository repo) throws IOException {
        this.store = store;
        this.repo = repo;
        this.git = new TestRepository<>(repo);
    }

    static GitFixture create(Path root) throws IOException {
        FileRepositoryStore store = new FileRepositoryStore(root);
        return new GitFixture(store, store.create("demo", "main"));
    }

    /** A commit on top of {@code parent} (or a root commit) that writes the given path/content pairs. */
    RevCommit commit(RevCommit parent, String message, String... pathsAndContents) throws Exception {
        TestRepository<Repository>.CommitBuilder b = git.commit().message(message);
        if (parent != null) {
            b.parent(parent);
        }
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            b.add(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        git.tick(60);
        return b.create();
    }

    String read(ObjectId commit, String path) throws IOException {
        byte[] bytes = readBytes(commit, path);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    byte[] readBytes(ObjectId commit, String path) throws IOException {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
                return tw == null ? null : reader.open(tw.getObjectId(0)).getBytes();
            }
        }
    }

    RevCommit parse(ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(id);
            walk.parseBody(c);
            return c;
        }
    }

    /** First-parent history from {@code tip} down to (excluding) {@code stop}, newest first. */
    List<RevCommit> history(ObjectId tip, ObjectId stop) throws IOException {
        List<RevCommit> out = new ArrayList<>();
        RevCommit c = parse(tip);
        while (!c.equals(stop)) {
            out.add(c);
            if (c.getParentCount() == 0) {
                break;
            }
            c = parse(c.getParent(0));
        }
        return out;
    }

    @Override
    public void close() {
        git.close();
        repo.close();
    }
}
