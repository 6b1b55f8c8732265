package io.gatekeeper.flaky.service;

import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.git.RepositoryStore;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who owns a test: the CODEOWNERS file on head (never from a change under test), applied to the test's source
 * file, found in head's tree from the test's class name ({@code com.acme.FooTest} → {@code .../com/acme/FooTest.*};
 * {@code tests.test_mod.TestX} → {@code .../tests/test_mod.*}). A test whose file is not found is matched by
 * its class path, so catch-all rules still apply.
 */
public final class TestOwners {
    private static final int MAX_CODEOWNERS_BYTES = 1 << 20;
    private static final int MAX_TREE_ENTRIES = 500_000;

    private final RepositoryStore store;
    private final Function<String, Optional<String>> headBranch;

    public TestOwners(RepositoryStore store, Function<String, Optional<String>> headBranch) {
        this.store = store;
        this.headBranch = headBranch;
    }

    public Optional<String> owner(String repo, TestId test) {
        Optional<String> branch = headBranch.apply(repo);
        if (branch.isEmpty() || !store.exists(repo)) {
            return Optional.empty();
        }
        try (Repository git = store.open(repo); RevWalk walk = new RevWalk(git)) {
            ObjectId head = git.resolve(Constants.R_HEADS + branch.get());
            if (head == null) {
                return Optional.empty();
            }
            RevCommit commit = walk.parseCommit(head);
            Optional<String> text = codeOwnersFile(git, commit);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            List<String> candidates = classPaths(test.className());
            String path = sourcePath(git, commit, candidates).orElse(candidates.isEmpty() ? test.name()
                    : candidates.get(0));
            return CodeOwners.parse(text.get()).owners(path);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> codeOwnersFile(Repository git, RevCommit commit) throws IOException {
        for (String location : CodeOwners.LOCATIONS) {
            try (TreeWalk tw = TreeWalk.forPath(git, location, commit.getTree())) {
                if (tw != null) {
                    byte[] bytes = git.open(tw.getObjectId(0)).getCachedBytes(MAX_CODEOWNERS_BYTES);
                    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }

    /** Paths (without extension) the class may live at, most specific first. */
    static List<String> classPaths(String className) {
        String cls = className.replace('\\', '/');
        int inner = cls.indexOf('$');
        if (inner > 0) {
            cls = cls.substring(0, inner);
        }
        if (cls.contains("/")) {
            int dot = cls.lastIndexOf('.');
            return List.of(dot > cls.lastIndexOf('/') ? cls.substring(0, dot) : cls);
        }
        String[] segments = cls.split("\\.");
        List<String> out = new ArrayList<>();
        for (int k = segments.length; k >= 1; k--) {
            out.add(String.join("/", List.of(segments).subList(0, k)));
        }
        return out;
    }

    private static Optional<String> sourcePath(Repository git, RevCommit commit, List<String> candidates)
            throws IOException {
        String best = null;
        int bestRank = Integer.MAX_VALUE;
        try (ObjectReader reader = git.newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            int seen = 0;
            while (tw.next() && seen++ < MAX_TREE_ENTRIES) {
                String path = tw.getPathString();
                int slash = path.lastIndexOf('/');
                int dot = path.lastIndexOf('.');
                String stem = dot > slash ? path.substring(0, dot) : path;
                for (int rank = 0; rank < Math.min(bestRank, candidates.size()); rank++) {
                    String c = candidates.get(rank);
                    if (stem.equals(c) || stem.endsWith("/" + c)) {
                        best = path;
                        bestRank = rank;
                        break;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
