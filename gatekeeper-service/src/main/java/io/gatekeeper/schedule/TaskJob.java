package io.gatekeeper.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one job class Quartz stores for every {@link ScheduledTask}; {@link PeriodicWork}'s job factory gives each
 * firing the task's work. Not concurrent: with the clustered store, one firing of a task at a time in the whole
 * cluster, so two instances never do one task's work at once.
 */
@DisallowConcurrentExecution
public final class TaskJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(TaskJob.class);

    private final ScheduledTask task;

    TaskJob(ScheduledTask task) {
        this.task = task;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            task.work().run();
        } catch (RuntimeException e) {
            // Quartz reports a job's own exception at INFO only; a failed task is an error worth seeing.
            LOG.error("periodic task {} failed; it runs again at its next time", task.name(), e);
            throw new JobExecutionException(e, false);
        }
    }
}
