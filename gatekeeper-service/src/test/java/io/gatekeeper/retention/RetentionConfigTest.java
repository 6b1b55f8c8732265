package io.gatekeeper.retention;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.gatekeeper.schedule.ScheduledTask;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code retention} section as the service reads it from YAML. */
class RetentionConfigTest {
    static final Jdbi NO_DATABASE = Jdbi.create(() -> {
        throw new java.sql.SQLException("these tests touch no database");
    });

    static RetentionConfig parse(String yaml) throws Exception {
        return new YamlConfigurationFactory<>(RetentionConfig.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "retention.yml");
    }

    @Test
    void defaults_keepRunFilesThirtyDays_removedDailyAtHalfPastThree() throws Exception {
        RetentionConfig defaults = parse("{}\n");

        assertThat(defaults.runFiles.toJavaDuration()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.keepsRunFilesForever()).isFalse();
        assertThat(defaults.tasks(NO_DATABASE, Path.of("data"), Clock.systemUTC()))
                .extracting(ScheduledTask::name, ScheduledTask::cron, ScheduledTask::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("run-file-retention", "0 30 3 * * ?",
                        "remove the logs and reports of tier runs finished over 30 days ago"));
    }

    @Test
    void keys_setThePeriodAndTheSchedule() throws Exception {
        RetentionConfig set = parse("runFiles: 12 hours\nschedule: \"0 0 * * * ?\"\n");

        assertThat(set.runFiles.toJavaDuration()).isEqualTo(Duration.ofHours(12));
        assertThat(set.tasks(NO_DATABASE, Path.of("data"), Clock.systemUTC()))
                .extracting(ScheduledTask::cron, ScheduledTask::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0 0 * * * ?",
                        "remove the logs and reports of tier runs finished over 12 hours ago"));
    }

    @Test
    void zero_keepsRunFilesForever_andSchedulesNothing() throws Exception {
        RetentionConfig forever = parse("runFiles: 0d\n");

        assertThat(forever.keepsRunFilesForever()).isTrue();
        assertThat(forever.tasks(NO_DATABASE, Path.of("data"), Clock.systemUTC())).isEmpty();
    }

    @Test
    void aScheduleThatIsNoCronExpression_isRefusedWithWhatItMustBe() {
        assertThatThrownBy(() -> parse("schedule: every night\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("schedule must be a Quartz cron expression (seconds minutes hours day-of-month"
                        + " month day-of-week, e.g. '0 30 3 * * ?')");
    }
}
