package io.gatekeeper.runner.tier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds and kills every process a step started. Three nets, because each alone lets something escape:
 * the process group (the step runs under {@code setsid}, so its pid is the group id), the descendants of the
 * root (catches children that changed group), and an environment tag every process inherits from the step
 * (catches daemons that double-forked away from the tree). TERM first, KILL after the grace period.
 */
final class ProcessTree {
    static final String TAG_VARIABLE = "GATEKEEPER_PROCESS_TAG";
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final Path PROC = Path.of("/proc");
    private static final boolean HAS_SETSID = onPath("setsid");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final ProcessHandle root;
    private final String tag;
    private final Set<ProcessHandle> known = new HashSet<>();
    private boolean interrupted;

    /** @param root the step's process, or null when only tagged processes are to be killed */
    ProcessTree(ProcessHandle root, String tag) {
        this.root = root;
        this.tag = tag;
    }

    /** The argv that runs {@code script} with bash in a new session (its own process group) when possible. */
    static List<String> command(String script) {
        return HAS_SETSID ? List.of("setsid", "-w", "bash", "-c", script) : List.of("bash", "-c", script);
    }

    /** True if the process exists and is not a zombie. */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        String stat = stat(handle.pid());
        return stat == null ? handle.isAlive() : stat.charAt(0) != 'Z';
    }

    /**
     * Kills the whole tree: TERM, then KILL for whatever survives {@code grace}. Returns once all are gone.
     * An interrupt does not cut this short (a half-killed tree is worse); it is restored on return.
     */
    void kill(Duration grace) {
        interrupted = Thread.interrupted();
        try {
            killAll(grace);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void killAll(Duration grace) {
        List<ProcessHandle> alive = collect();
        if (alive.isEmpty()) {
            return;
        }
        signal(alive, "TERM");
        Instant termEnd = Instant.now().plus(grace);
        while (Instant.now().isBefore(termEnd)) {
            pause();
            if (collect().isEmpty()) {
                return;
            }
        }
        Instant killEnd = Instant.now().plus(KILL_WAIT);
        for (alive = collect(); !alive.isEmpty(); alive = collect()) {
            signal(alive, "KILL");
            if (Instant.now().isAfter(killEnd)) {
                LOG.warn("processes survived SIGKILL: {}", alive);
                return;
            }
            pause();
        }
    }

    /** Every running member of the tree seen so far or now; remembers them so that reparenting loses none. */
    List<ProcessHandle> collect() {
        if (root != null) {
            known.add(root);
        }
        for (ProcessHandle h : List.copyOf(known)) {
            h.descendants().forEach(known::add);
        }
        ProcessHandle.allProcesses().filter(this::tagged).forEach(known::add);
        known.removeIf(h -> !running(h));
        return new ArrayList<>(known);
    }

    private void signal(List<ProcessHandle> alive, String signal) {
        groupId().ifPresent(pgid -> {
            // Only signal the group while one of ours is still in it, so a reused id is never hit.
            if (alive.stream().anyMatch(h -> pgid == processGroup(h.pid()))) {
                runKill("-" + signal, "--", "-" + pgid);
            }
        });
        for (ProcessHandle h : alive) {
            if ("KILL".equals(signal)) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
    }

    private OptionalLong groupId() {
        return HAS_SETSID && root != null ? OptionalLong.of(root.pid()) : OptionalLong.empty();
    }

    private boolean tagged(ProcessHandle h) {
        try {
            byte[] environ = Files.readAllBytes(PROC.resolve(Long.toString(h.pid())).resolve("environ"));
            // Prefix match: a workspace tag "id/" finds every step tag "id/setup", "id/command".
            String needle = "\0" + TAG_VARIABLE + "=" + tag;
            return ("\0" + new String(environ, StandardCharsets.ISO_8859_1)).contains(needle);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static long processGroup(long pid) {
        String stat = stat(pid);
        if (stat == null) {
            return -1;
        }
        String[] fields = stat.split(" ");
        return fields.length > 2 ? Long.parseLong(fields[2]) : -1;
    }

    /** The fields of /proc/pid/stat after the command name: "state ppid pgrp ...", or null. */
    private static String stat(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"),
                    StandardCharsets.ISO_8859_1);
            return stat.substring(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void runKill(String... args) {
        List<String> argv = new ArrayList<>(List.of("kill"));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException e) {
            LOG.debug("kill {} failed", argv, e);
        } catch (InterruptedException e) {
            interrupted = true;
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            interrupted = true;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
