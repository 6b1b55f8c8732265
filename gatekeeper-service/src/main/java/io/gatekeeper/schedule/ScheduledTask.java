package io.gatekeeper.schedule;

import org.quartz.CronExpression;

import java.util.Objects;

/**
 * A piece of periodic work: what {@link PeriodicWork} runs on one instance of the cluster at the times of
 * {@code cron}, a Quartz cron expression in the server's time zone (e.g. {@code 0 30 3 * * ?}, daily at 03:30).
 * A time missed while no instance was up is made good once, shortly after the next start.
 *
 * @param name        unique among the tasks; the job's key in Quartz's tables
 * @param description shown in Quartz's tables and logs
 * @param work        the work; it may throw, which is logged and tried again at the next time
 */
public record ScheduledTask(String name, String description, String cron, Runnable work) {
    public ScheduledTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
        if (cron == null || !CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("task " + name + ": '" + cron
                    + "' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week,"
                    + " e.g. '0 30 3 * * ?')");
        }
    }
}
