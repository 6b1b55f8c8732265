package io.gatekeeper.git;

import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;

/** Builds the {@link ReceivePack} of one push, whatever transport carries it (HTTP, or tests in process). */
public final class ReceivePacks {
    private ReceivePacks() {
    }

    public static ReceivePack create(Repository repo, String repoName, GitPrincipal pusher, RepoPolicy policy,
                                     PushListener listener) {
        ReceivePack rp = new ReceivePack(repo);
        rp.setRefLogIdent(new PersonIdent(pusher.name(), pusher.name() + "@gatekeeper"));
        ReceivePolicy rules = new ReceivePolicy(pusher, policy);
        rp.setPreReceiveHook((pack, commands) -> {
            listener.receiving(repoName);
            rules.onPreReceive(pack, commands);
        });
        rp.setPostReceiveHook(new PushNotifier(repoName, pusher, listener));
        // Objects are checked before they enter the repository (gc and runners rely on sound objects).
        rp.setCheckReceivedObjects(true);
        return rp;
    }
}
