package io.gatekeeper.retention;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.gatekeeper.schedule.ScheduledTask;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.jdbi.v3.core.Jdbi;
import org.quartz.CronExpression;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The {@code retention:} section of the service's configuration: how long the files of finished tier runs (logs,
 * collected reports) are kept, and when the daily pass that removes older ones runs.
 */
public class RetentionConfig {
    public static final String TASK = "run-file-retention";

    /** Files of a tier run are removed this long after it finished; {@code 0d} keeps them for ever. */
    @NotNull
    @JsonProperty
    public Duration runFiles = Duration.days(30);

    /** When retention runs: a Quartz cron expression in the server's time zone (default daily at 03:30). */
    @NotNull
    @JsonProperty
    public String schedule = "0 30 3 * * ?";

    @JsonIgnore
    @AssertTrue(message = "must be a Quartz cron expression (seconds minutes hours day-of-month month day-of-week,"
            + " e.g. '0 30 3 * * ?')")
    public boolean isSchedule() {
        return schedule == null || CronExpression.isValidExpression(schedule);
    }

    @JsonIgnore
    public boolean keepsRunFilesForever() {
        return runFiles.getQuantity() == 0;
    }

    /** The periodic work this section asks for: none when files are kept for ever. */
    public List<ScheduledTask> tasks(Jdbi jdbi, Path dataDir, Clock clock) {
        if (keepsRunFilesForever()) {
            return List.of();
        }
        RunFileRetention retention = new RunFileRetention(jdbi, dataDir, runFiles.toJavaDuration(), clock);
        return List.of(new ScheduledTask(TASK, "remove the logs and reports of tier runs finished over "
                + RunFileRetention.describe(runFiles.toJavaDuration()) + " ago", schedule, retention::sweep));
    }
}
