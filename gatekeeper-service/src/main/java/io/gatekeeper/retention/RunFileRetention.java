package io.gatekeeper.retention;

import io.gatekeeper.runs.RunFiles;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.AuditRow;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes the logs and reports of tier runs that finished longer than the retention period ago. Starts from the
 * files on disk, so each pass costs what is left to remove, not the whole history; a run still running or
 * queued keeps its files whatever its age. Each removal is recorded first, so the log endpoint can say why a
 * log is gone, and each pass that removed something is audited.
 */
public final class RunFileRetention {
    private static final Logger LOG = LoggerFactory.getLogger(RunFileRetention.class);
    private static final int IDS_PER_QUERY = 500;

    private final Jdbi jdbi;
    private final Path dataDir;
    private final Duration keep;
    private final Clock clock;

    public RunFileRetention(Jdbi jdbi, Path dataDir, Duration keep, Clock clock) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("a retention period must be positive, not " + keep);
        }
        this.jdbi = jdbi;
        this.dataDir = dataDir;
        this.keep = keep;
        this.clock = clock;
    }

    public RetentionOutcome sweep() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(keep);
        Map<Long, List<Path>> onDisk = RunFiles.byRun(dataDir);
        List<Long> ids = new ArrayList<>(onDisk.keySet());
        int runs = 0;
        long files = 0;
        long bytes = 0;
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            for (long id : jdbi.withExtension(RetentionDao.class, d -> d.finishedBefore(chunk, cutoff))) {
                List<Path> paths = onDisk.get(id);
                RunFiles.Usage usage = RunFiles.usage(paths);
                jdbi.useExtension(RetentionDao.class, d -> {
                    if (d.removed(id).isEmpty()) {
                        d.recordRemoved(id, now, describe(keep), usage.bytes());
                    }
                });
                try {
                    RunFiles.delete(paths);
                } catch (IOException e) {
                    LOG.warn("retention: could not remove the files of run {} ({}); trying again next time", id,
                            e.toString());
                    continue;
                }
                runs++;
                files += usage.files();
                bytes += usage.bytes();
            }
        }
        RetentionOutcome outcome = new RetentionOutcome(cutoff, runs, files, bytes);
        LOG.info(outcome.message());
        if (runs > 0) {
            jdbi.useExtension(AuditDao.class, d -> d.append(AuditRow.of(now, "gatekeeper", "retention", null,
                    "run files", null, null, outcome.message())));
        }
        return outcome;
    }

    /** A period as people write it: "30 days", "12 hours". */
    static String describe(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return plural(d.toDays(), "day");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return plural(d.toHours(), "hour");
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return plural(d.toMinutes(), "minute");
        }
        return plural(d.toSeconds(), "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
