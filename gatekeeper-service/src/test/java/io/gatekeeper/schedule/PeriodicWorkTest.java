package io.gatekeeper.schedule;

import io.gatekeeper.flaky.testing.DatabaseEngine;
import io.gatekeeper.flaky.testing.FreshDatabases;
import io.gatekeeper.flaky.testing.MigratedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SchedulerException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Quartz scheduler on the service's own database, the same assertions on H2 and on PostgreSQL. */
class PeriodicWorkTest {
    static final String DAILY = "0 30 3 * * ?";
    static final Duration BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();
    final List<PeriodicWork> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws SchedulerException {
        for (PeriodicWork work : started) {
            work.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void startsStoresItsTasks_runsOneOnRequest_andStopsWithAllItsThreads(DatabaseEngine engine) throws Exception {
        MigratedDatabase db = databases.create(engine);
        AtomicInteger runs = new AtomicInteger();
        PeriodicWork work = start(db, new ScheduledTask("count", "counts its runs", DAILY, runs::incrementAndGet));

        assertThat(column(db, "SELECT description FROM qrtz_job_details WHERE sched_name = 'gatekeeper'"
                + " AND job_name = 'count'")).isEqualTo("counts its runs");
        assertThat(column(db, "SELECT cron_expression FROM qrtz_cron_triggers WHERE trigger_name = 'count'"))
                .isEqualTo(DAILY);
        work.runNow("count");
        await().atMost(BOUND).untilAsserted(() -> assertThat(runs).hasValue(1));
        assertThatThrownBy(() -> work.runNow("nothing")).hasMessage("no periodic task nothing; there are [count]");

        work.stop();
        assertThat(work.quartz().isShutdown()).isTrue();
        await().atMost(BOUND).untilAsserted(() -> assertThat(threadsOf(work)).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void jobData_isWrittenAndReadBackAsBytes(DatabaseEngine engine) throws Exception {
        PeriodicWork work = start(databases.create(engine));
        JobDetail job = JobBuilder.newJob(TaskJob.class).withIdentity("data", "test")
                .usingJobData("reason", "a byte column both engines read with getBytes").storeDurably().build();

        work.quartz().addJob(job, false);

        assertThat(work.quartz().getJobDetail(JobKey.jobKey("data", "test")).getJobDataMap().getString("reason"))
                .isEqualTo("a byte column both engines read with getBytes");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void registration_keepsAnUnchangedTrigger_replacesAChangedOne_andDropsTasksNoLongerKnown(DatabaseEngine engine)
            throws Exception {
        MigratedDatabase db = databases.create(engine);
        start(db, new ScheduledTask("a", "first words", DAILY, () -> { }),
                new ScheduledTask("old", "gone in the next version", DAILY, () -> { })).stop();
        long marker = nextFireTime(db, "a") + Duration.ofDays(3).toMillis();
        db.jdbi().useHandle(h -> h.execute("UPDATE qrtz_triggers SET next_fire_time = ? WHERE trigger_name = 'a'",
                marker));

        start(db, new ScheduledTask("a", "new words", DAILY, () -> { })).stop();
        assertThat(nextFireTime(db, "a")).as("an unchanged schedule keeps its stored next time").isEqualTo(marker);
        assertThat(column(db, "SELECT description FROM qrtz_job_details WHERE job_name = 'a'")).isEqualTo("new words");
        assertThat(column(db, "SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = 'old'")).isEqualTo("0");

        start(db, new ScheduledTask("a", "new words", "0 0 4 * * ?", () -> { })).stop();
        assertThat(column(db, "SELECT cron_expression FROM qrtz_cron_triggers WHERE trigger_name = 'a'"))
                .isEqualTo("0 0 4 * * ?");
        assertThat(nextFireTime(db, "a")).isNotEqualTo(marker);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aTimeMissedWhileNoInstanceWasUp_isMadeGoodOnceShortlyAfterStart(DatabaseEngine engine) throws Exception {
        MigratedDatabase db = databases.create(engine);
        AtomicInteger runs = new AtomicInteger();
        ScheduledTask task = new ScheduledTask("count", "counts its runs", DAILY, runs::incrementAndGet);
        start(db, task).stop();
        long twoDaysAgo = System.currentTimeMillis() - Duration.ofDays(2).toMillis();
        db.jdbi().useHandle(h -> h.execute("UPDATE qrtz_triggers SET next_fire_time = ? WHERE trigger_name = 'count'",
                twoDaysAgo));
        assertThat(runs).as("nothing ran while the time was missed").hasValue(0);

        start(db, task);

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(runs).hasValueGreaterThanOrEqualTo(1);
            assertThat(nextFireTime(db, "count")).isGreaterThan(System.currentTimeMillis());
            assertThat(column(db, "SELECT COUNT(*) FROM qrtz_fired_triggers")).isEqualTo("0");
        });
        assertThat(runs).as("two days missed, one run made good").hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void twoInstancesOnOneDatabase_runEachFiringOnce(DatabaseEngine engine) throws Exception {
        MigratedDatabase db = databases.create(engine);
        AtomicInteger onOne = new AtomicInteger();
        AtomicInteger onTwo = new AtomicInteger();
        PeriodicWork one = start(db, new ScheduledTask("count", "counts", DAILY, onOne::incrementAndGet));
        start(db, new ScheduledTask("count", "counts", DAILY, onTwo::incrementAndGet));

        for (int i = 0; i < 6; i++) {
            one.runNow("count");
        }

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(onOne.get() + onTwo.get()).isGreaterThanOrEqualTo(6);
            assertThat(column(db, "SELECT COUNT(*) FROM qrtz_triggers")).as("only the daily trigger left")
                    .isEqualTo("1");
            assertThat(column(db, "SELECT COUNT(*) FROM qrtz_fired_triggers")).isEqualTo("0");
        });
        assertThat(onOne.get() + onTwo.get()).as("six firings, each run by one instance").isEqualTo(6);
    }

    private PeriodicWork start(MigratedDatabase db, ScheduledTask... tasks) throws SchedulerException {
        PeriodicWork work = new PeriodicWork(db.dataSource(), List.of(tasks));
        started.add(work);
        work.start();
        return work;
    }

    private static long nextFireTime(MigratedDatabase db, String trigger) {
        return Long.parseLong(column(db, "SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = '"
                + trigger + "'"));
    }

    private static String column(MigratedDatabase db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static List<String> threadsOf(PeriodicWork work) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains(work.instanceId())).toList();
    }
}
