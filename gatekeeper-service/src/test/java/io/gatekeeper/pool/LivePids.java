package io.gatekeeper.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Process ids that tier commands wrote to files, and whether any still runs (a zombie counts as dead). */
public final class LivePids {
    private LivePids() {
    }

    public static List<Long> read(Path dir) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(f).strip()));
            }
        }
        return pids;
    }

    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    public static boolean noneRunning(List<Long> pids) {
        return pids.stream().noneMatch(LivePids::running);
    }
}
