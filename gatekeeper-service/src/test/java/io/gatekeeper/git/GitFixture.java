package io.gatekeeper.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real on-disk bare repository with a {@link TestRepository} to build history deterministically: a fresh one in
 * a fresh directory for every test of a class that registers it on an instance field with
 * {@code @RegisterExtension}, ready before the class's {@code @BeforeEach} methods run.
 */
final class GitFixture implements BeforeEachCallback, AfterEachCallback {
    static final PersonIdent GATEKEEPER =
            new PersonIdent("Gatekeeper", "gatekeeper@localhost", java.time.Instant.parse("2026-01-02T03:04:05Z"),
                    java.time.ZoneOffset.UTC);

    Repository repo;
    TestRepository<Repository> git;
    private Path dir;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("git-fixture");
        repo = new FileRepositoryStore(dir).create("demo", "main");
        git = new TestRepository<>(repo);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        git.close();
        repo.close();
        FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
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

    /** A commit on top of {@code parent} (or a root commit) that writes one file's bytes. */
    RevCommit commitBytes(RevCommit parent, String message, String path, byte[] content) throws Exception {
        TestRepository<Repository>.CommitBuilder b = git.commit().message(message);
        if (parent != null) {
            b.parent(parent);   // before add: a first parent replaces the tree built so far with its own
        }
        git.tick(60);
        return b.add(path, git.blob(content)).create();
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
}
