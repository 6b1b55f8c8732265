package io.gatekeeper;

public final class GatekeeperMain {
    public static void main(String[] args) throws Exception {
    }
}
