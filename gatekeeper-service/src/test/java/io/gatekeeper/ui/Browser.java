package io.gatekeeper.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven through its chromedriver (no browser download), with a fresh profile each time,
 * bounded waits, and full-page screenshots at desktop and phone width.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(45);
    private static final String CHROMIUM = System.getProperty("gatekeeper.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("gatekeeper.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final String base;

    Browser(String base, Path profile) {
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        desktop();
    }

    static boolean available() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    WebElement await(By by) {
        return until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** An attribute of the first element found, read in one go (live pages re-render, which stales elements). */
    String attribute(By by, String name) {
        return until(d -> d.findElement(by).getAttribute(name));
    }

    String text(By by) {
        return until(d -> {
            String t = d.findElement(by).getText();
            return t.isEmpty() ? null : t;
        });
    }

    void click(By by) {
        until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    <T> T until(ExpectedCondition<T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class).ignoring(JavascriptException.class)
                .withMessage(() -> "page " + driver.getCurrentUrl() + " shows:\n" + mainText());
        return wait.until(condition);
    }

    private String mainText() {
        try {
            return String.valueOf(js("const m = document.getElementById('main'); return m ? m.innerText : document.title;"));
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Signs in through the header's dialog, as a person would; the page reloads signed in. */
    void signIn(String user, String token) {
        await(By.id("open-signin")).click();
        await(By.id("signin-user")).sendKeys(user);
        driver.findElement(By.id("signin-token")).sendKeys(token);
        driver.findElement(By.cssSelector("#dialog button[type=submit].primary")).click();
        until(d -> {
            Object who = js("const w = document.getElementById('who'); return w ? w.textContent : null;");
            return who != null && who.toString().startsWith(user + " ");
        });
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    }

    /**
     * Screenshots of the current page, whole length, at 1280 px and at phone width: {name}-1280.png and
     * {name}-phone.png. Returns whether the page needed sideways scrolling at phone width.
     */
    boolean screenshots(String name) {
        desktop();
        shoot(name + "-1280.png");
        phone();
        shoot(name + "-phone.png");
        boolean overflow = overflowsSideways();
        desktop();
        return overflow;
    }

    /** Whether the page body is wider than the viewport (something forces sideways scrolling). */
    boolean overflowsSideways() {
        return (Boolean) js("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    }

    @SuppressWarnings("unchecked")
    private void shoot(String file) {
        // let layout settle (charts size themselves to their container on the next frame)
        js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));");
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 6000);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(file), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
