package io.gatekeeper.repos;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first commit of the hosted demo repository: a quick tier, so that a push lands in seconds. Its check
 * fails when any file contains the word BROKEN, which makes a failing change easy to try.
 */
public final class DemoContent {
    static final String CONFIG = """
            # Tiers run cheapest first; Gatekeeper reads this file from the head branch only.
            tiers:
              - name: unit
                command: sh ./check.sh
                reports: ["reports/*.xml"]
                timeout: 2m
            batch:
              max: 8
            """;
    static final String CHECK = """
            #!/bin/sh
            # Fails when a tracked file (other than this one) contains the word BROKEN.
            mkdir -p reports
            if grep -rl --exclude=check.sh --exclude-dir=.git --exclude-dir=reports BROKEN . ; then
              echo '<testsuite name="demo" tests="1" failures="1"><testcase classname="demo.Check" name="noBrokenFiles"><failure message="a file says BROKEN"/></testcase></testsuite>' > reports/check.xml
              echo "check failed: a file says BROKEN"
              exit 1
            fi
            echo '<testsuite name="demo" tests="1" failures="0"><testcase classname="demo.Check" name="noBrokenFiles"/></testsuite>' > reports/check.xml
            echo "check passed"
            """;
    static final String README = """
            # demo

            A repository gated by Gatekeeper. Push a branch named `pull-request/<name>`; Gatekeeper rebases it onto
            `main`, runs the tiers in `.gatekeeper.yml` and fast-forwards `main` when they pass.
            """;

    private DemoContent() {
    }

    /** Commits the demo files as the first commit of {@code branch}; does nothing if the branch exists. */
    public static void seed(Repository repo, String branch, PersonIdent who) {
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            if (repo.exactRef(Constants.R_HEADS + branch) != null) {
                return;
            }
            Map<String, String> files = new LinkedHashMap<>();
            files.put(".gatekeeper.yml", CONFIG);
            files.put("README.md", README);
            files.put("check.sh", CHECK);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(f -> {
                DirCacheEntry entry = new DirCacheEntry(f.getKey());
                entry.setFileMode(f.getKey().endsWith(".sh") ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
                entry.setObjectId(insert(inserter, f.getValue()));
                builder.add(entry);
            });
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("Demo repository gated by Gatekeeper\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setNewObjectId(id);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW) {
                throw new IllegalStateException("could not create " + branch + " in the demo repository: " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectId insert(ObjectInserter inserter, String text) {
        try {
            return inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
