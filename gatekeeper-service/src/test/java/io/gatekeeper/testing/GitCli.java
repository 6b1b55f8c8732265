package io.gatekeeper.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code git} command line in a directory, as a developer would. */
public final class GitCli {
    private final Path dir;

    public GitCli(Path dir) {
        this.dir = dir;
    }

    /** Makes {@code dir} a repository whose main branch has one commit, "initial", of all there is in it. */
    public static Path commitAllAsInitial(Path dir) {
        GitCli git = new GitCli(dir);
        git.run("init", "-q", "-b", "main").ok();
        git.run("add", "-A").ok();
        git.run("commit", "-q", "-m", "initial").ok();
        return dir;
    }

    public Path dir() {
        return dir;
    }

    public record Result(int exit, String out, String err) {
        public Result ok() {
            if (exit != 0) {
                throw new AssertionError("git failed (" + exit + "): " + err + out);
            }
            return this;
        }
    }

    public Result run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.add("-c");
        cmd.add("user.name=Dev Eloper");
        cmd.add("-c");
        cmd.add("user.email=dev@example.com");
        cmd.add("-c");
        cmd.add("init.defaultBranch=main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.toString());
        try {
            pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("git timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
