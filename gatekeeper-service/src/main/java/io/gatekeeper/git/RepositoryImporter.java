package io.gatekeeper.git;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Brings an existing project into a freshly created hosted repository: every branch and tag of the
 * source (a URL JGit can fetch from, or a local path to a bare or non-bare repository) becomes a ref of
 * the target, with the same name, so the project's head branch arrives with its whole history.
 */
public final class RepositoryImporter {
    private static final List<RefSpec> ALL_BRANCHES_AND_TAGS = List.of(
            new RefSpec("+refs/heads/*:refs/heads/*"),
            new RefSpec("+refs/tags/*:refs/tags/*"));

    private RepositoryImporter() {
    }

    /**
     * @param target an empty repository from {@link RepositoryStore#create}
     * @param urlOrPath where to fetch from
     * @param headBranch the branch of the source that becomes the target's head (HEAD is linked to it)
     * @throws GatekeeperGitException when the fetch fails or the source has no such branch; the target
     *         may then hold some fetched refs, so the caller deletes or reuses it as it sees fit
     */
    public static void importInto(Repository target, String urlOrPath, String headBranch) {
        String headRef = RepositoryNames.headRef(headBranch);
        FetchResult fetched;
        try {
            fetched = Git.wrap(target).fetch()
                    .setRemote(urlOrPath)
                    .setRefSpecs(ALL_BRANCHES_AND_TAGS)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRemoveDeletedRefs(false)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new GatekeeperGitException("cannot import from " + urlOrPath + ": " + e.getMessage(), e);
        }
        if (GitRefs.resolve(target, headRef).isEmpty()) {
            String branches = fetched.getAdvertisedRefs().stream()
                    .map(Ref::getName)
                    .filter(n -> n.startsWith(Constants.R_HEADS))
                    .map(n -> n.substring(Constants.R_HEADS.length()))
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new GatekeeperGitException("cannot import from " + urlOrPath + ": it has no branch "
                    + Repository.shortenRefName(headRef)
                    + (branches.isEmpty() ? " (it has no branches at all)" : " (its branches: " + branches + ")"));
        }
        linkHead(target, headRef);
    }

    private static void linkHead(Repository target, String headRef) {
        try {
            RefUpdate head = target.updateRef(Constants.HEAD);
            head.disableRefLog();
            RefUpdate.Result result = head.link(headRef);
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.NO_CHANGE) {
                throw new GatekeeperGitException("cannot link HEAD to " + headRef + ": " + result);
            }
        } catch (java.io.IOException e) {
            throw new GatekeeperGitException("cannot link HEAD to " + headRef + ": " + e.getMessage(), e);
        }
    }
}
