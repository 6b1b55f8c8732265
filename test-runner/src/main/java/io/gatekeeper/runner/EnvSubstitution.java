package io.gatekeeper.runner;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dropwizard-style substitution in config text: {@code ${VAR}} (must be set) and {@code ${VAR:-default}}. */
final class EnvSubstitution {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    static final class Undefined extends Exception {
        Undefined(String name) {
            super("environment variable " + name + " is not set and has no default");
        }
    }

    private EnvSubstitution() {
    }

    static String apply(String text, Map<String, String> env) throws Undefined {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                throw new Undefined(m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
