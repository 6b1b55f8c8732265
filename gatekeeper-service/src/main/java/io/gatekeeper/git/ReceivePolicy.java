package io.gatekeeper.git;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * Who may push what, checked before any ref moves. Each refused ref gets a one-line reason that the
 * {@code git} client prints ({@code ! [remote rejected] main -> main (<reason>)}); the other refs of
 * the same push proceed unless the client asked for an atomic push.
 *
 * <p>The rules, in order:
 * <ol>
 * <li>{@code refs/gatekeeper/*} is Gatekeeper's own namespace: never pushed to.</li>
 * <li>The head branch moves only through the gate. The one exception brings a project in: an admin
 *     may create the head branch while it does not exist yet.</li>
 * <li>Tags: admins only.</li>
 * <li>Only branches and tags are accepted (no {@code refs/notes}, {@code refs/for}, ...).</li>
 * <li>Deleting a {@code pull-request/*} branch is always allowed: it withdraws the request.</li>
 * <li>{@code push-request/*} (bypass the queue's tests): privileged or admin only.</li>
 * <li>A request prefix with nothing after it is malformed.</li>
 * <li>When the repository restricts branch names, other names are refused.</li>
 * </ol>
 */
public final class ReceivePolicy implements PreReceiveHook {
    public static final String PULL_REQUEST_PREFIX = "pull-request/";
    public static final String PUSH_REQUEST_PREFIX = "push-request/";

    public static final String GATEKEEPER_NAMESPACE = "refs/gatekeeper/* is reserved for Gatekeeper";
    /** Formatted with the head branch name. */
    public static final String HEAD_BRANCH = "%s is updated only by Gatekeeper: push to pull-request/<name> instead";
    /** Formatted with the head branch name. */
    public static final String HEAD_BRANCH_FIRST_PUSH = "%s does not exist yet: only an admin may push it to bring a project in";
    public static final String TAGS_ADMIN_ONLY = "tags are pushed by admins only";
    /** Formatted with the ref name. */
    public static final String NOT_A_BRANCH = "only branches and tags can be pushed, not %s";
    public static final String RUNNER_FETCH_ONLY = "runner tokens may fetch but not push: push with a person's token";
    public static final String PUSH_REQUEST_PRIVILEGED = "push-request/* needs the privileged role";
    /** Formatted with the branch name and the prefix. */
    public static final String MALFORMED = "malformed branch name %s: a name is required after %s";
    /** Formatted with the branch name and the allowed prefixes. */
    public static final String OUTSIDE_PREFIXES = "branch %s is not allowed here: branch names must start with %s";

    private final GitPrincipal pusher;
    private final RepoPolicy policy;
    private final String headRef;

    public ReceivePolicy(GitPrincipal pusher, RepoPolicy policy) {
        this.pusher = pusher;
        this.policy = policy;
        this.headRef = RepositoryNames.headRef(policy.headBranch());
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        boolean headExists;
        try {
            headExists = rp.getRepository().exactRef(headRef) != null;
        } catch (IOException e) {
            ReceiveCommand.abort(commands);
            return;
        }
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue;
            }
            refusal(cmd.getRefName(), cmd.getType() == ReceiveCommand.Type.DELETE, headExists)
                    .ifPresent(reason -> cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason));
        }
    }

    /**
     * @param refName the full ref name pushed to
     * @param delete whether the push deletes it
     * @param headExists whether the head branch exists in the repository now
     * @return the reason to refuse, empty to allow
     */
    public Optional<String> refusal(String refName, boolean delete, boolean headExists) {
        if (pusher.runner()) {
            return Optional.of(RUNNER_FETCH_ONLY);
        }
        if (refName.startsWith("refs/gatekeeper/")) {
            return Optional.of(GATEKEEPER_NAMESPACE);
        }
        String headBranch = headRef.substring(Constants.R_HEADS.length());
        if (refName.equals(headRef)) {
            if (headExists || delete) {
                return Optional.of(String.format(HEAD_BRANCH, headBranch));
            }
            return pusher.admin() ? Optional.empty() : Optional.of(String.format(HEAD_BRANCH_FIRST_PUSH, headBranch));
        }
        if (refName.startsWith(Constants.R_TAGS)) {
            return pusher.admin() ? Optional.empty() : Optional.of(TAGS_ADMIN_ONLY);
        }
        if (!refName.startsWith(Constants.R_HEADS)) {
            return Optional.of(String.format(NOT_A_BRANCH, refName));
        }
        String branch = refName.substring(Constants.R_HEADS.length());
        if (delete && branch.startsWith(PULL_REQUEST_PREFIX)) {
            return Optional.empty();
        }
        if (branch.startsWith(PUSH_REQUEST_PREFIX) && !pusher.privileged()) {
            return Optional.of(PUSH_REQUEST_PRIVILEGED);
        }
        for (String prefix : requestPrefixes()) {
            if (branch.equals(prefix)) {
                return Optional.of(String.format(MALFORMED, branch, prefix));
            }
        }
        List<String> allowed = policy.allowedPrefixes();
        if (!allowed.isEmpty() && allowed.stream().noneMatch(branch::startsWith)) {
            return Optional.of(String.format(OUTSIDE_PREFIXES, branch,
                    allowed.stream().collect(Collectors.joining(" or "))));
        }
        return Optional.empty();
    }

    private List<String> requestPrefixes() {
        return Stream.concat(Stream.of(PULL_REQUEST_PREFIX, PUSH_REQUEST_PREFIX),
                policy.allowedPrefixes().stream()).distinct().toList();
    }
}
