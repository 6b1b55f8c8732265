package io.gatekeeper.schedule;

import io.dropwizard.lifecycle.Managed;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.impl.SchedulerRepository;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

/**
 * The service's periodic work on one Quartz scheduler whose job store ({@code JobStoreTX}, clustered) lives in the
 * service's own database (tables of migration V5): every instance on that database runs the tasks, each firing on
 * exactly one of them. Tasks are registered at every start: job definitions are replaced, a trigger only when its
 * schedule changed (so that a time missed while the service was down is still made good, once, by Quartz's
 * misfire handling), and tasks no longer known are removed.
 */
public final class PeriodicWork implements Managed {
    /** Quartz's SCHED_NAME: the same on every instance, which is what makes them one cluster. */
    static final String SCHEDULER_NAME = "gatekeeper";
    static final String GROUP = "gatekeeper";
    private static final int THREADS = 2;
    // StdSchedulerFactory keeps schedulers in a JVM-wide repository by name and hands out the one it has: with
    // several services in one JVM (tests), creating and unlisting ours must not interleave.
    private static final Object FACTORY_LOCK = new Object();

    private final DataSource dataSource;
    private final Map<String, ScheduledTask> tasks = new LinkedHashMap<>();
    private final String instanceId = "gk-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private Scheduler scheduler;

    public PeriodicWork(DataSource dataSource, List<ScheduledTask> tasks) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        for (ScheduledTask t : tasks) {
            if (this.tasks.put(t.name(), t) != null) {
                throw new IllegalArgumentException("two periodic tasks are named " + t.name());
            }
        }
    }

    @Override
    public void start() throws SchedulerException {
        scheduler = create();
        scheduler.setJobFactory((bundle, s) -> {
            ScheduledTask task = tasks.get(bundle.getJobDetail().getKey().getName());
            if (task == null) {
                throw new SchedulerException("no periodic task " + bundle.getJobDetail().getKey()
                        + " in this version of the service");
            }
            return new TaskJob(task);
        });
        register();
        scheduler.start();
    }

    /**
     * Waits for a task that is running to finish, since it may still be using the database. Only then: waiting
     * also joins Quartz's idle worker threads, which costs half a second on every stop.
     */
    @Override
    public void stop() throws SchedulerException {
        if (scheduler != null) {
            scheduler.standby();
            scheduler.shutdown(!scheduler.getCurrentlyExecutingJobs().isEmpty());
        }
    }

    /** Runs a task now, once, on whichever instance of the cluster takes it first. */
    public void runNow(String name) throws SchedulerException {
        if (!tasks.containsKey(name)) {
            throw new IllegalArgumentException("no periodic task " + name + "; there are " + tasks.keySet());
        }
        scheduler.triggerJob(jobKey(name));
    }

    /** This instance's name in Quartz's tables; every thread of its scheduler carries it. */
    String instanceId() {
        return instanceId;
    }

    /** The Quartz scheduler itself, for tests of what it stores. */
    Scheduler quartz() {
        return scheduler;
    }

    private Scheduler create() throws SchedulerException {
        String dataSourceName = "gatekeeper-" + instanceId;
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new DataSourceConnections(dataSource));
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_THREAD_NAME, "quartz-" + instanceId);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "quartz-" + instanceId + "-worker");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        // job data as string properties, never serialized Java objects
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        synchronized (FACTORY_LOCK) {
            Scheduler created = new StdSchedulerFactory(p).getScheduler();
            SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
            return created;
        }
    }

    private void register() throws SchedulerException {
        for (ScheduledTask task : tasks.values()) {
            JobDetail job = JobBuilder.newJob(TaskJob.class).withIdentity(jobKey(task.name()))
                    .withDescription(task.description()).storeDurably().build();
            CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey(task.name())).forJob(job)
                    .withDescription(task.cron())
                    .withSchedule(CronScheduleBuilder.cronSchedule(task.cron())
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.addJob(job, true);
            Trigger existing = scheduler.getTrigger(trigger.getKey());
            if (existing == null) {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (ObjectAlreadyExistsException e) {
                    // another instance starting at the same time registered it first
                }
            } else if (!sameSchedule(existing, trigger)) {
                scheduler.rescheduleJob(trigger.getKey(), trigger);
            }
        }
        for (JobKey known : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!tasks.containsKey(known.getName())) {
                scheduler.deleteJob(known);
            }
        }
    }

    private static boolean sameSchedule(Trigger existing, CronTrigger wanted) {
        return existing instanceof CronTrigger cron
                && cron.getCronExpression().equals(wanted.getCronExpression())
                && cron.getTimeZone().getID().equals(wanted.getTimeZone().getID())
                && cron.getMisfireInstruction() == wanted.getMisfireInstruction();
    }

    static JobKey jobKey(String name) {
        return JobKey.jobKey(name, GROUP);
    }

    static TriggerKey triggerKey(String name) {
        return TriggerKey.triggerKey(name, GROUP);
    }
}
