package io.gatekeeper.runner.tier;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.EmptyProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.nio.file.Path;

/**
 * Fetches one ref into a fresh repository and checks out the candidate commit detached. Each failure is thrown
 * as a {@link Failure} whose message is fit for users; the caller turns it into an infrastructure error.
 */
final class CandidateCheckout {
    private static final String LOCAL_REF = "refs/gatekeeper/fetched";
    private static final int NETWORK_TIMEOUT_SECONDS = 120;

    static final class Failure extends Exception {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private CandidateCheckout() {
    }

    static void checkout(TierJob job, Path dir, Cancellation cancel) throws Failure {
        ObjectId wanted = parseCommit(job.commit());
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("gatekeeper-unused").call()) {
            fetch(git, job, cancel);
            Ref fetched = git.getRepository().exactRef(LOCAL_REF);
            if (fetched == null) {
                throw new Failure("checkout failed: " + job.ref() + " not found at " + job.repoUrl(), null);
            }
            verifyReachable(git.getRepository(), wanted, fetched.getObjectId(), job.ref());
            git.checkout().setName(wanted.name()).setForced(true).call();
        } catch (Failure f) {
            throw f;
        } catch (Exception e) {
            throw new Failure("checkout failed: " + rootMessage(e), e);
        }
    }

    private static void fetch(Git git, TierJob job, Cancellation cancel) throws Failure {
        var fetch = git.fetch()
                .setRemote(job.repoUrl())
                .setRefSpecs(new RefSpec("+" + job.ref() + ":" + LOCAL_REF))
                .setTimeout(NETWORK_TIMEOUT_SECONDS)
                .setProgressMonitor(new EmptyProgressMonitor() {
                    @Override
                    public boolean isCancelled() {
                        return cancel.cancelled();
                    }
                });
        if (job.token() != null) {
            fetch.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                    job.user() == null ? "" : job.user(), job.token()));
        }
        try {
            fetch.call();
        } catch (Exception e) {
            throw new Failure("checkout failed: cannot fetch " + job.ref() + " from " + job.repoUrl()
                    + ": " + rootMessage(e), e);
        }
    }

    private static void verifyReachable(Repository repo, ObjectId wanted, ObjectId tip, String ref) throws Failure {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit tipCommit = walk.parseCommit(tip);
            RevCommit candidate;
            try {
                candidate = walk.parseCommit(wanted);
            } catch (Exception missing) {
                throw new Failure("checkout failed: commit " + wanted.name() + " is not in " + ref, missing);
            }
            if (!walk.isMergedInto(candidate, tipCommit)) {
                throw new Failure("checkout failed: commit " + wanted.name() + " is not reachable from " + ref,
                        null);
            }
        } catch (Failure f) {
            throw f;
        } catch (Exception e) {
            throw new Failure("checkout failed: cannot verify " + wanted.name() + ": " + rootMessage(e), e);
        }
    }

    private static ObjectId parseCommit(String commit) throws Failure {
        if (commit == null || !ObjectId.isId(commit)) {
            throw new Failure("checkout failed: '" + commit + "' is not a full commit id", null);
        }
        return ObjectId.fromString(commit);
    }

    private static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
