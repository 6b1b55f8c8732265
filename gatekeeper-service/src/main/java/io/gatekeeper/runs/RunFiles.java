package io.gatekeeper.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a tier run leaves under the data directory: its log ({@link RunLog#file}), its secondary nodes' logs
 * ({@link NodeLogs#file}) under {@code logs/}, and the reports collected into {@code reports/run-<id>/}.
 */
public final class RunFiles {
    private static final Pattern LOG = Pattern.compile("run-(\\d{1,18})(-.+)?\\.log");
    private static final Pattern REPORTS = Pattern.compile("run-(\\d{1,18})");

    private RunFiles() {
    }

    public static Path logsDir(Path dataDir) {
        return dataDir.resolve("logs");
    }

    public static Path reportsDir(Path dataDir, long runId) {
        return dataDir.resolve("reports").resolve("run-" + runId);
    }

    /** Every run's files found on disk, by run id; names of other shapes are not a run's and are left out. */
    public static Map<Long, List<Path>> byRun(Path dataDir) {
        Map<Long, List<Path>> found = new TreeMap<>();
        collect(logsDir(dataDir), LOG, found);
        collect(dataDir.resolve("reports"), REPORTS, found);
        return found;
    }

    /** Regular files among {@code paths}, directories counted by their contents, and their total size. */
    public static Usage usage(List<Path> paths) {
        long files = 0;
        long bytes = 0;
        for (Path path : paths) {
            try (Stream<Path> all = Files.walk(path)) {
                for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                    files++;
                    bytes += Files.size(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Usage(files, bytes);
    }

    /** Deletes the paths, directories with everything in them. */
    public static void delete(List<Path> paths) throws IOException {
        for (Path path : paths) {
            List<Path> deepestFirst;
            try (Stream<Path> all = Files.walk(path)) {
                deepestFirst = all.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path p : deepestFirst) {
                Files.deleteIfExists(p);
            }
        }
    }

    public record Usage(long files, long bytes) { }

    private static void collect(Path dir, Pattern name, Map<Long, List<Path>> found) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> {
                Matcher m = name.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.computeIfAbsent(Long.parseLong(m.group(1)), id -> new ArrayList<>()).add(p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
