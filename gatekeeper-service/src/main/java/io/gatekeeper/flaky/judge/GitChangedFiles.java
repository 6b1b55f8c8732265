package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.model.ChangedTests.ChangedFile;
import io.gatekeeper.git.RepositoryStore;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@link ChangedFiles} over the hosted bare repositories: a two-tree walk in core, no work tree. */
public final class GitChangedFiles implements ChangedFiles {
    /** A diff this large is a mass rewrite; the first paths are plenty for a burn-in capped at a few tests. */
    static final int MAX_PATHS = 100_000;

    private final RepositoryStore store;

    public GitChangedFiles(RepositoryStore store) {
        this.store = store;
    }

    @Override
    public List<ChangedFile> between(String repo, String base, String commit) throws IOException {
        List<ChangedFile> out = new ArrayList<>();
        try (Repository git = store.open(repo); RevWalk walk = new RevWalk(git);
             TreeWalk tw = new TreeWalk(walk.getObjectReader())) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(base)).getTree());
            tw.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next() && out.size() < MAX_PATHS) {
                int mode = tw.getRawMode(1);
                if (FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode)) {
                    out.add(new ChangedFile(tw.getPathString(), tw.getRawMode(0) == 0));
                }
            }
        }
        return out;
    }
}
