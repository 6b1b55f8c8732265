package io.gatekeeper;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;

import java.io.IOException;

/**
 * Reads the service's configuration outside the server, for commands that work on its database: the same
 * sources ({@code ${ENV}} substitution, a file or the bundled defaults) and validation as {@code server}.
 */
public final class ConfigurationFile {
    private ConfigurationFile() {
    }

    /** @param path a YAML file, or null for the bundled defaults {@code server} runs with when given no file */
    public static GatekeeperConfiguration read(String path) {
        String source = path == null ? FileOrClasspathSourceProvider.BUNDLED : path;
        try {
            return new YamlConfigurationFactory<>(GatekeeperConfiguration.class, Validators.newValidator(),
                    Jackson.newObjectMapper(), "dw")
                    .build(new SubstitutingSourceProvider(new FileOrClasspathSourceProvider(),
                            new EnvironmentVariableSubstitutor(false)), source);
        } catch (IOException | ConfigurationException e) {
            throw new GatekeeperException.InvalidInput("cannot read the configuration " + source + ": "
                    + e.getMessage());
        }
    }
}
