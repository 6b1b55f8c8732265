package io.gatekeeper.runs;

import io.gatekeeper.GatekeeperException;

import java.nio.file.Path;

/** A report's path as a runner names it, checked so that it can only land inside the run's reports directory. */
final class ReportPath {
    private ReportPath() {
    }

    /** @throws GatekeeperException.InvalidInput for empty, absolute or {@code ..}-bearing paths */
    static Path resolve(Path reportsOut, String relative) {
        if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0 || relative.contains("\\")) {
            throw new GatekeeperException.InvalidInput("invalid report path '" + relative + "'");
        }
        if (relative.startsWith("/") || relative.matches("^[A-Za-z]:.*")) {
            throw new GatekeeperException.InvalidInput("report path '" + relative + "' is absolute: give it relative"
                    + " to the checkout");
        }
        for (String segment : relative.split("/")) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                throw new GatekeeperException.InvalidInput("report path '" + relative
                        + "' has an empty, '.' or '..' segment");
            }
        }
        Path target = reportsOut.resolve(relative).normalize();
        if (!target.startsWith(reportsOut.normalize())) {
            throw new GatekeeperException.InvalidInput("report path '" + relative + "' leaves the reports directory");
        }
        return target;
    }
}
