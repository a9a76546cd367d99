package org.racelab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.racelab.experiment.RunResult;
import org.racelab.report.AtomicFiles;

/**
 * Opens real reports in headless Chromium (Debian's {@code chromium} and {@code chromedriver},
 * named explicitly so Selenium Manager never runs) and checks what a reader sees: the structure,
 * the ledger filter, the theme switch, the print layout, that the policy lets the page's own script
 * run and blocks everything else, and that markup in a scenario's texts stays text. Screenshots go
 * to {@code target/screenshots}. Skipped, saying why, only when Chromium is not installed.
 */
class BrowserReportTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path OUT = Path.of("target", "browser-reports");
  private static final Path SHOTS = Path.of("target", "screenshots");

  private static ChromeDriver driver;

  @BeforeAll
  static void startChromium() throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser tests skipped: "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " are needed (apt-get install -y chromium chromium-driver; .ci/run installs them)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-extensions",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1280,2000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stopChromium() {
    if (driver != null) {
      driver.quit();
    }
  }

  private static Path write(String name, RunResult r) throws IOException {
    Path file = OUT.resolve(name + ".html").toAbsolutePath();
    AtomicFiles.write(file, HtmlReport.run(r));
    return file;
  }

  private static void open(Path file) {
    driver.manage().logs().get(LogType.BROWSER); // forget what earlier pages logged
    driver.manage().window().setSize(new Dimension(1280, 2000));
    driver.get(file.toUri().toString());
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void screenshot(String name) throws IOException {
    Path shot = SHOTS.resolve(name + ".png");
    Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
  }

  private static List<String> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** The ledger rows a reader sees (laid out, not hidden), by their thread. */
  @SuppressWarnings("unchecked")
  private static List<String> visibleRowThreads() {
    return (List<String>)
        js(
            "return Array.from(document.querySelectorAll('#ledger-table tbody tr'))"
                + ".filter(r => r.getClientRects().length > 0)"
                + ".map(r => r.getAttribute('data-thread'))");
  }

  private static long visibleRows() {
    return visibleRowThreads().size();
  }

  @Test
  void aRunReportShowsItsPartsAndItsFilterWorks() throws IOException {
    RunResult r = ReportScenarios.catalogue("atomics/message-passing-relaxed.race", 1);
    open(write("message-passing-relaxed", r));

    assertEquals("Message passing with a relaxed flag · RaceLab report", driver.getTitle());
    WebElement banner = driver.findElement(By.cssSelector("section.banner"));
    assertTrue(banner.getText().contains("RACE"), banner.getText());
    assertTrue(banner.getText().contains("EXPECTATIONS HELD"), banner.getText());

    int lines = r.source().split("\n", -1).length - (r.source().endsWith("\n") ? 1 : 0);
    assertEquals(lines, driver.findElements(By.cssSelector("table.source tbody tr")).size());
    List<String> racing =
        driver.findElements(By.cssSelector("table.source tr.racing")).stream()
            .map(e -> e.getAttribute("id"))
            .toList();
    assertEquals(List.of("L13", "L19"), racing);
    driver.findElement(By.cssSelector("#L13 a.badge.race")).click();
    assertTrue(driver.getCurrentUrl().endsWith("#race-1"));
    assertTrue(driver.findElement(By.id("race-1")).getText().contains("has not seen"));

    int steps = r.representative().execution().steps().size();
    assertEquals(steps, driver.findElements(By.cssSelector("#timeline svg .tl-step")).size());
    assertFalse(driver.findElements(By.cssSelector("#timeline svg path.tl-race")).isEmpty());
    assertTrue(
        driver
            .findElement(By.cssSelector("#timeline svg title"))
            .getAttribute("textContent")
            .contains("timeline"));

    int accesses = r.representative().execution().ledger().size();
    assertEquals(accesses, driver.findElements(By.cssSelector("#ledger-table tbody tr")).size());
    WebElement filter = driver.findElement(By.id("ledger-filter"));
    assertTrue(filter.isDisplayed(), "the script ran under the policy and showed the filter");
    assertEquals(accesses, visibleRows());
    new Select(filter.findElement(By.name("thread"))).selectByValue("producer");
    long producer =
        r.representative().execution().ledger().stream()
            .filter(e -> e.thread().equals("producer"))
            .count();
    assertEquals(Collections.nCopies((int) producer, "producer"), visibleRowThreads());
    assertEquals(
        producer + " of " + accesses + " rows shown",
        driver.findElement(By.id("ledger-count")).getText());
    new Select(filter.findElement(By.name("thread"))).selectByValue("");
    new Select(filter.findElement(By.name("classification"))).selectByValue("racing");
    assertEquals(1, visibleRows());
    new Select(filter.findElement(By.name("location"))).selectByValue("ready");
    assertEquals(0, visibleRows(), "no racing access to ready");
    filter.findElement(By.cssSelector("button[type=reset]")).click();
    // the form's fields reset after the reset event, so the script filters on the next task
    new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> visibleRows() == accesses);
    assertEquals(accesses, visibleRows());

    assertEquals(
        0L,
        js("return performance.getEntriesByType('resource').length"),
        "the page fetched nothing");
    assertEquals(List.of(), consoleProblems(), "no policy violation or script error");
    screenshot("message-passing-relaxed");
  }

  @Test
  void theThemeSwitchAndThePrintLayoutChangeWhatIsShown() throws IOException {
    open(write("theme", ReportScenarios.catalogue("atomics/message-passing-relaxed.race", 1)));
    WebElement toggle = driver.findElement(By.id("theme-toggle"));
    String auto = (String) js("return getComputedStyle(document.body).backgroundColor");
    toggle.click();
    assertEquals("light", driver.findElement(By.tagName("html")).getAttribute("data-theme"));
    toggle.click();
    assertEquals("dark", driver.findElement(By.tagName("html")).getAttribute("data-theme"));
    String dark = (String) js("return getComputedStyle(document.body).backgroundColor");
    assertNotEquals(auto, dark, "the dark theme has a dark background");
    assertEquals("Theme: dark", toggle.getText());
    screenshot("message-passing-relaxed-dark");

    new Select(driver.findElement(By.name("thread"))).selectByValue("producer");
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    try {
      assertEquals(
          "rgb(255, 255, 255)",
          js("return getComputedStyle(document.body).backgroundColor"),
          "paper is white even in the dark theme");
      assertFalse(driver.findElement(By.id("ledger-filter")).isDisplayed(), "no filters on paper");
      assertFalse(toggle.isDisplayed(), "no theme switch on paper");
      assertEquals(
          driver.findElements(By.cssSelector("#ledger-table tbody tr")).size(),
          visibleRows(),
          "paper shows every ledger row");
      screenshot("message-passing-relaxed-print");
    } finally {
      driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }
  }

  @Test
  void markupAndScriptInTheScenariosTextsStayTextAndNeverRun() throws IOException {
    RunResult r = ReportScenarios.inline(ReportScenarios.HOSTILE, 1);
    open(write("hostile", r));
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
    assertEquals(r.scenario() + " · RaceLab report", driver.getTitle(), "no script renamed it");
    assertEquals(r.scenario(), driver.findElement(By.tagName("h1")).getText());
    assertEquals(0, driver.findElements(By.tagName("img")).size(), "no image element");
    assertEquals(0, driver.findElements(By.id("injected")).size(), "no injected element");
    assertEquals(0, driver.findElements(By.cssSelector("a[href^='javascript']")).size());
    assertEquals(0, driver.findElements(By.cssSelector(".about b")).size(), "raw HTML escaped");
    assertEquals(1L, js("return document.scripts.length"), "only the page's own script");
    String about = driver.findElement(By.cssSelector(".about")).getText();
    assertTrue(about.contains("<script>document.title = 'pwned'; alert(2)</script>"), about);
    assertTrue(about.contains("<b onmouseover=\"alert(4)\">bold</b>"), about);
    for (WebElement link : driver.findElements(By.cssSelector(".about a"))) {
      link.click();
    }
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
    assertEquals(r.scenario() + " · RaceLab report", driver.getTitle());
    assertEquals(0L, js("return performance.getEntriesByType('resource').length"));
    screenshot("hostile");
  }

  @Test
  void aUbReportDrawsTheMemoryMapWithADanglingPointer() throws IOException {
    open(write("vec-push", ReportScenarios.inline(ReportScenarios.VEC_PUSH, 1)));
    WebElement memory = driver.findElement(By.id("memory"));
    assertEquals(1, memory.findElements(By.cssSelector("path.mem-ptr.dangling")).size());
    assertEquals(1, memory.findElements(By.cssSelector("rect.mem-box.freed")).size());
    assertTrue(memory.getText().contains("dangling"), memory.getText());
    assertTrue(driver.findElement(By.cssSelector("#L13")).getAttribute("class").contains("ub"));
    assertEquals(List.of(), consoleProblems());
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", memory);
    Files.write(SHOTS.resolve("vec-push-memory.png"), memory.getScreenshotAs(OutputType.BYTES));
  }
}
