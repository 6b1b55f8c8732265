package io.gatekeeper.runner.tier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Process ids that test commands write to files, and whether any of them still runs (zombies count as dead). */
public final class Pids {
    private Pids() {
    }

    public static List<Long> read(Path file) throws IOException {
        List<Long> result = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                result.add(Long.parseLong(line.trim()));
            }
        }
        return result;
    }

    public static boolean noneRunning(List<Long> pids) {
        return pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessTree::running).orElse(false));
    }
}
