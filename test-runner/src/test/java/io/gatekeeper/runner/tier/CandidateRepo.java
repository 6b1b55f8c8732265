package io.gatekeeper.runner.tier;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A real bare repository on disk holding one candidate commit under a gatekeeper ref. */
public final class CandidateRepo {
    public static final String REF = "refs/gatekeeper/candidates/12";

    public final Path bare;
    public final String commit;
    public final String parent;

    private CandidateRepo(Path bare, String commit, String parent) {
        this.bare = bare;
        this.commit = commit;
        this.parent = parent;
    }

    /** Two commits: a base, then the candidate adding {@code files}; the ref points at the candidate. */
    public static CandidateRepo create(Path dir, Map<String, String> files) throws Exception {
        Path bare = dir.resolve("origin.git");
        Path work = dir.resolve("author");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("README"), "base\n");
            git.add().addFilepattern("README").call();
            RevCommit base = git.commit().setMessage("base").setAuthor("a", "a@example.com")
                    .setCommitter("a", "a@example.com").setSign(false).call();
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = work.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
                git.add().addFilepattern(f.getKey()).call();
            }
            RevCommit candidate = git.commit().setMessage("candidate").setAuthor("a", "a@example.com")
                    .setCommitter("a", "a@example.com").setSign(false).call();
            git.push().setRemote(bare.toUri().toString())
                    .setRefSpecs(new RefSpec("HEAD:" + REF), new RefSpec("HEAD:refs/heads/main")).call();
            return new CandidateRepo(bare, candidate.name(), base.name());
        }
    }
}
