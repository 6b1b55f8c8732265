package io.gatekeeper.flaky.service;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.gatekeeper.flaky.model.BurnInSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code flakiness} section as the service reads it from YAML. */
class FlakinessSettingsTest {

    static FlakinessSettings parse(String yaml) throws Exception {
        return new YamlConfigurationFactory<>(FlakinessSettings.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "flakiness.yml");
    }

    @Test
    void burnInSettings_defaultToRelatedTestsBurntIn_andTheFlagTurnsThemOff() throws Exception {
        BurnInSettings defaults = parse("burnInRuns: 7\n").buildBurnIn();
        assertThat(defaults.related()).isTrue();
        assertThat(defaults.runs()).isEqualTo(7);
        assertThat(defaults.maxTests()).isEqualTo(BurnInSettings.DEFAULT.maxTests());

        BurnInSettings off = parse("burnInRelated: false\nburnInMaxTests: 5\n").buildBurnIn();
        assertThat(off.related()).isFalse();
        assertThat(off.maxTests()).isEqualTo(5);
        assertThat(off.runs()).isEqualTo(BurnInSettings.DEFAULT.runs());
    }
}
