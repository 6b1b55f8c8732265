package io.gatekeeper.runner.tier;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies the files that match a tier's report globs out of a checkout. Globs are java.nio globs on paths
 * relative to the checkout; a leading {@code **}{@code /} also matches at the top level, as users expect from
 * Ant and gitignore. Symbolic links are never followed or copied, so a command cannot smuggle files from
 * outside its checkout into the reports.
 */
final class ReportCollector {
    private final List<PathMatcher> matchers = new ArrayList<>();

    ReportCollector(List<String> globs) {
        for (String glob : globs) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (glob.startsWith("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
            }
        }
    }

    /** @return the copies under {@code out}, sorted, each at its path relative to the checkout */
    List<Path> collect(Path checkout, Path out) throws IOException {
        if (matchers.isEmpty() || !Files.isDirectory(checkout)) {
            return List.of();
        }
        List<Path> copies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(checkout)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path rel = checkout.relativize(file);
                if (rel.startsWith(".git") || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        || !matches(rel)) {
                    continue;
                }
                Path copy = out.resolve(rel.toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                copies.add(copy);
            }
        }
        copies.sort(null);
        return copies;
    }

    private boolean matches(Path rel) {
        return matchers.stream().anyMatch(m -> m.matches(rel));
    }
}
