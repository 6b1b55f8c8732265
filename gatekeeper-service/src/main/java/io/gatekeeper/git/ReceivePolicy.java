package io.gatekeeper.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * Who may push what. Refusals are one line each; the git client prints them as the reason. Only Gatekeeper
 * moves the head branch, except an admin's first push of it into an empty repository (bringing a project in).
 */
public final class ReceivePolicy implements PreReceiveHook {
    public static final String HEAD_REFUSED = "%s is moved only by Gatekeeper: push to pull-request/<name> instead";
    public static final String GATEKEEPER_REFUSED = "refs/gatekeeper/* belongs to Gatekeeper";
    public static final String PUSH_REQUEST_REFUSED = "push-request/* needs the privileged role: push to pull-request/<name> instead";
    public static final String PREFIX_REFUSED = "branch %s is not allowed here: use one of %s";
    public static final String MALFORMED = "malformed branch name %s: use pull-request/<name>";
    public static final String TAG_REFUSED = "tags are pushed by admins only";

    private final GitPrincipal pusher;
    private final RepoPolicy policy;

    public ReceivePolicy(GitPrincipal pusher, RepoPolicy policy) {
        this.pusher = pusher;
        this.policy = policy;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue;
            }
            String refusal = refusal(rp.getRepository(), cmd);
            if (refusal != null) {
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, refusal);
            }
        }
    }

    /** Why this command is refused, or null when it is allowed. */
    String refusal(Repository repo, ReceiveCommand cmd) {
        String ref = cmd.getRefName();
        String head = Constants.R_HEADS + policy.headBranch();
        if (ref.equals(head)) {
            return pusher.admin() && cmd.getType() == ReceiveCommand.Type.CREATE && !exists(repo, head)
                    ? null : String.format(HEAD_REFUSED, policy.headBranch());
        }
        if (ref.startsWith("refs/gatekeeper/")) {
            return GATEKEEPER_REFUSED;
        }
        if (ref.startsWith(Constants.R_TAGS)) {
            return pusher.admin() ? null : TAG_REFUSED;
        }
        if (!ref.startsWith(Constants.R_HEADS)) {
            return String.format(MALFORMED, ref);
        }
        String branch = ref.substring(Constants.R_HEADS.length());
        if (cmd.getType() == ReceiveCommand.Type.DELETE) {
            return branch.startsWith("push-request/") && !pusher.privileged() ? PUSH_REQUEST_REFUSED : null;
        }
        for (String prefix : new String[] {"pull-request/", "push-request/"}) {
            if (branch.startsWith(prefix) && (branch.length() == prefix.length() || branch.endsWith("/"))) {
                return String.format(MALFORMED, branch);
            }
        }
        if (branch.startsWith("push-request/") && !pusher.privileged()) {
            return PUSH_REQUEST_REFUSED;
        }
        if (!policy.allowedPrefixes().isEmpty()
                && policy.allowedPrefixes().stream().noneMatch(branch::startsWith)) {
            return String.format(PREFIX_REFUSED, branch, String.join(", ", policy.allowedPrefixes()));
        }
        return null;
    }

    private static boolean exists(Repository repo, String ref) {
        try {
            return repo.exactRef(ref) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
