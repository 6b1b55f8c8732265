package io.gatekeeper.queue;

/** How many candidates may be in flight: grows by one on each landing, halves on a failure, never below a floor. */
final class AdaptiveWindow {
    private final int floor;
    private final int ceiling;
    private int size;

    AdaptiveWindow(int initial, int floor, int ceiling) {
        this.floor = floor;
        this.ceiling = ceiling;
        this.size = Math.max(floor, Math.min(ceiling, initial));
    }

    int size() {
        return size;
    }

    void grow() {
        size = Math.min(ceiling, size + 1);
    }

    void halve() {
        size = Math.max(floor, size / 2);
    }
}
