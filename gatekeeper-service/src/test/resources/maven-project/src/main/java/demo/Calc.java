package demo;

/** The code under test. */
public final class Calc {
    private Calc() {
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static int subtract(int a, int b) {
        return a - b;
    }
}
