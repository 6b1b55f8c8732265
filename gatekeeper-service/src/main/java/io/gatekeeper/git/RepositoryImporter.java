package io.gatekeeper.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

import java.util.List;

/** Brings an existing project in: every branch and tag of a URL or path, head branch included. */
public final class RepositoryImporter {
    private RepositoryImporter() {
    }

    public static void importInto(Repository target, String urlOrPath, String headBranch) {
        try (Transport transport = Transport.open(target, new URIish(urlOrPath))) {
            FetchResult result = transport.fetch(org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE, List.of(
                    new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")));
            if (result.getAdvertisedRef(Constants.R_HEADS + headBranch) == null) {
                throw new IllegalArgumentException("cannot import " + urlOrPath + ": it has no branch " + headBranch);
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot import " + urlOrPath + ": " + e.getMessage(), e);
        }
    }
}
