package io.gatekeeper.git;

/** A parsed configuration, or a one-line error saying what is wrong with it. */
public record ConfigResult(GatekeeperConfig config, String error) {

    public boolean ok() {
        return error == null;
    }

    static ConfigResult of(GatekeeperConfig config) {
        return new ConfigResult(config, null);
    }

    static ConfigResult error(String error) {
        return new ConfigResult(null, error);
    }
}
