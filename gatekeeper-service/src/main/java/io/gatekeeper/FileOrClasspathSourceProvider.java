package io.gatekeeper;

import io.dropwizard.configuration.ConfigurationSourceProvider;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the configuration from a file, or from the jar's bundled defaults when the path is
 * {@value #BUNDLED}, so that {@code java -jar gatekeeper.jar server} runs with no file at all.
 */
final class FileOrClasspathSourceProvider implements ConfigurationSourceProvider {
    static final String BUNDLED = "classpath:gatekeeper.yml";

    @Override
    public InputStream open(String path) throws IOException {
        if (path.startsWith("classpath:")) {
            InputStream in = getClass().getResourceAsStream("/" + path.substring("classpath:".length()));
            if (in == null) {
                throw new FileNotFoundException("no bundled configuration " + path);
            }
            return in;
        }
        return Files.newInputStream(Path.of(path));
    }
}
