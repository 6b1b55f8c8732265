package io.gatekeeper.git;

import java.util.Collection;
import java.util.List;

import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands the ref changes that succeeded to the {@link PushListener}, after the refs moved. */
final class PushNotifier implements PostReceiveHook {
    private static final Logger LOG = LoggerFactory.getLogger(PushNotifier.class);

    private final String repo;
    private final GitPrincipal pusher;
    private final PushListener listener;

    PushNotifier(String repo, GitPrincipal pusher, PushListener listener) {
        this.repo = repo;
        this.pusher = pusher;
        this.listener = listener;
    }

    @Override
    public void onPostReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        try {
            report(commands);
        } finally {
            listener.received(repo);
        }
    }

    private void report(Collection<ReceiveCommand> commands) {
        List<RefChange> changes = commands.stream()
                .filter(c -> c.getResult() == ReceiveCommand.Result.OK)
                .map(c -> new RefChange(c.getRefName(), c.getOldId(), c.getNewId()))
                .toList();
        if (changes.isEmpty()) {
            return;
        }
        try {
            listener.onPush(repo, pusher, changes);
        } catch (RuntimeException e) {
            // The refs already moved; the periodic ref scan will pick the changes up.
            LOG.error("push listener failed for {} by {}: {}", repo, pusher.name(), changes, e);
        }
    }
}
