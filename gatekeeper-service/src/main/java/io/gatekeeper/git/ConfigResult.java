package io.gatekeeper.git;

/**
 * Either a parsed configuration or a one-line error saying what is wrong with the file.
 *
 * @param config the configuration; {@code null} when {@code error} is set
 * @param error e.g. {@code invalid .gatekeeper.yml on head abc1234: tier 'unit': command is required}
 */
public record ConfigResult(GatekeeperConfig config, String error) {
    public static ConfigResult of(GatekeeperConfig config) {
        return new ConfigResult(config, null);
    }

    public static ConfigResult failure(String error) {
        return new ConfigResult(null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
