package io.gatekeeper.runs;

/**
 * The answer to a log chunk: appended (or already held), or refused because it would leave a gap; either way
 * the service's length of that node's log, in bytes.
 */
public record LogAppend(boolean accepted, long length) {
}
