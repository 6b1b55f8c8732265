package io.gatekeeper.runner;

public final class RunnerMain {
    public static void main(String[] args) {
    }
}
