package cn.grants.api.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian (/usr/bin/chromium with /usr/bin/chromedriver, installed by .ci/run), driven by
 * Selenium. Both executables are given, so Selenium Manager never downloads a browser or a driver. Screenshots go
 * to target/screenshots.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    public final WebDriver driver;
    final String base;

    public Browser(String base) {
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,1000", "--lang=zh-CN", "--font-render-hinting=none");
        // the console, to fail on any Content-Security-Policy violation
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    public static boolean available() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** Signs in through the form (a fresh session: the previous user's cookies are dropped first). */
    public void signIn(String user) {
        open("/login.html");
        driver.manage().deleteAllCookies();
        open("/login.html");
        find("#username").sendKeys(user);
        find("#password").sendKeys(user);
        find("#signin").click();
        waitFor(d -> !d.getCurrentUrl().contains("/login"));
        waitFor(d -> !d.findElements(By.id("user")).isEmpty());
    }

    public void language(String lang) {
        ((JavascriptExecutor) driver).executeScript("localStorage.setItem('lang', arguments[0])", lang);
    }

    public WebElement find(String css) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public void click(String css) {
        waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    public String text(String css) {
        return find(css).getText();
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(condition, Duration.ofSeconds(30));
    }

    <T> T waitFor(Function<WebDriver, T> condition, Duration timeout) {
        // the pages re-render what they show: an element found a moment ago may have been replaced
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }

    /** Reloads until the condition holds (the pages show what the API says when they load). */
    void reloadUntil(String path, Function<WebDriver, Boolean> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            open(path);
            try {
                if (waitFor(d -> condition.apply(d) ? Boolean.TRUE : null, Duration.ofSeconds(3)) != null) {
                    return;
                }
            } catch (org.openqa.selenium.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The console messages since the last call that report a Content-Security-Policy violation. */
    public java.util.List<String> cspViolations() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
