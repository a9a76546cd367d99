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
import java.util.LinkedHashMap;
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
import org.racelab.experiment.Comparison;
import org.racelab.experiment.RunResult;
import org.racelab.report.AtomicFiles;
import org.racelab.report.Comparisons;

/**
 * Opens real reports in headless Chromium (Debian's {@code chromium} and {@code chromedriver},
 * named explicitly so Selenium Manager never runs) and checks what a reader sees: the structure,
 * the ledger filter, the theme switch, the print layout, that the policy lets the page's own script
 * run and blocks everything else, and that markup in a scenario's texts stays text; the same for
 * the comparison page, its charts and its links to the strategies' run reports. Screenshots go to
 * {@code target/screenshots}. Skipped, saying why, only when Chromium is not installed.
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

  /** Whether an inline script that the policy does not list by hash is refused. */
  private static boolean policyRefusesInjectedScript() {
    return (Boolean)
        js(
            "var s = document.createElement('script');"
                + " s.textContent = 'window.injected = true';"
                + " document.body.appendChild(s);"
                + " return window.injected === undefined");
  }

  @Test
  void theComparePageDrawsAccessibleChartsAndLinksToEachStrategysRunReport() throws IOException {
    Comparison c = Comparisons.compare(Comparisons.COUNTER, 5, "none", "mutex", "spin", "atomic");
    Map<String, String> runs = new LinkedHashMap<>();
    for (Comparison.Entry e : c.entries()) {
      String name = ComparePage.runReportName("counter", e.strategy());
      AtomicFiles.write(OUT.resolve(name).toAbsolutePath(), HtmlReport.run(e.result()));
      runs.put(e.strategy(), name);
    }
    Path page = OUT.resolve("counter-compare.html").toAbsolutePath();
    AtomicFiles.write(page, ComparePage.html(c, runs));
    open(page);

    assertEquals("Counter · strategies compared · RaceLab", driver.getTitle());
    List<WebElement> charts = driver.findElements(By.cssSelector("#charts figure.chart svg"));
    assertEquals(5, charts.size(), "racing, failed, UB, wall time, cost");
    for (WebElement svg : charts) {
      assertEquals("img", svg.getAttribute("role"));
      String[] ids = svg.getAttribute("aria-labelledby").split(" ", -1);
      assertEquals(2, ids.length);
      String title = driver.findElement(By.id(ids[0])).getAttribute("textContent");
      String desc = driver.findElement(By.id(ids[1])).getAttribute("textContent");
      assertEquals("title", driver.findElement(By.id(ids[0])).getTagName());
      assertEquals("desc", driver.findElement(By.id(ids[1])).getTagName());
      assertFalse(title.isBlank() || desc.isBlank(), "chart " + ids[0] + " has a name and a text");
    }
    assertEquals(
        "Racing accesses per strategy",
        driver.findElement(By.id("racing-chart-title")).getAttribute("textContent"));
    assertEquals(
        4,
        driver.findElements(By.cssSelector("#racing-chart-title ~ g rect.bar")).size(),
        "one bar per strategy");

    List<WebElement> rows = driver.findElements(By.cssSelector("table.compare tbody tr"));
    assertEquals(
        List.of("none", "mutex", "spin", "atomic"),
        rows.stream().map(r -> r.findElement(By.tagName("th")).getText()).toList(),
        "the table gives every strategy's figures as text");
    assertTrue(
        driver.findElement(By.cssSelector("#charts a[href='#table']")).isDisplayed(),
        "the charts point to their text alternative");

    List<WebElement> cards = driver.findElements(By.cssSelector(".strategy-card"));
    assertEquals(4, cards.size());
    assertTrue(cards.get(0).getText().contains("DATA RACE"), cards.get(0).getText());
    assertTrue(cards.get(3).getText().contains("RACE-FREE, NOT CORRECT"), cards.get(3).getText());
    assertTrue(driver.findElement(By.id("theme-toggle")).isDisplayed(), "the script ran");
    assertEquals(0L, js("return performance.getEntriesByType('resource').length"));
    assertEquals(List.of(), consoleProblems(), "no policy violation or script error");
    screenshot("compare-counter");

    List<String> links =
        driver.findElements(By.cssSelector(".strategy-card .run-link a")).stream()
            .map(a -> a.getAttribute("href"))
            .toList();
    assertEquals(4, links.size());
    for (int i = 0; i < links.size(); i++) {
      String strategy = c.entries().get(i).strategy();
      driver.get(links.get(i));
      assertEquals("Counter · RaceLab report", driver.getTitle(), links.get(i) + " resolves");
      assertTrue(
          driver.findElement(By.cssSelector(".page-header")).getText().contains(strategy),
          "the " + strategy + " report names its strategy");
    }
    open(page);
    assertTrue(policyRefusesInjectedScript(), "the policy holds: no other script runs");
  }

  @Test
  void aReportOverManySchedulesExplainsTheExplorationAndItsWarningsAndLostUpdates()
      throws IOException {
    open(write("deadlock-20", ReportScenarios.inline(ReportScenarios.DEADLOCK, 20)));
    WebElement exploration = driver.findElement(By.id("exploration"));
    String text = exploration.getText();
    assertTrue(text.contains("20\nschedules ran"), text);
    assertTrue(text.contains("distinct outcomes"), text);
    assertTrue(text.contains("A sample: 20 random schedules, seeds 1 to 20"), text);
    List<WebElement> findings = exploration.findElements(By.cssSelector("table.findings tbody tr"));
    assertEquals(
        List.of("R1", "P1", "D", "W1"),
        findings.stream().map(r -> r.findElement(By.tagName("th")).getText()).toList());
    for (WebElement row : findings) {
      String replay = row.findElement(By.cssSelector("code")).getText();
      assertTrue(replay.contains(" --replay "), "each finding says how to reproduce it: " + replay);
    }
    WebElement warning = driver.findElement(By.id("warning-1"));
    assertTrue(warning.getText().contains("lock order inversion"), warning.getText());
    assertEquals(2, warning.findElements(By.cssSelector("tbody tr")).size(), "one row per thread");
    assertFalse(driver.findElements(By.cssSelector("#L9 a.badge.order")).isEmpty());
    driver.findElement(By.cssSelector("a[href='#warnings']")).click();
    assertTrue(driver.getCurrentUrl().endsWith("#warnings"), "the banner links to the warnings");
    assertEquals(List.of(), consoleProblems());
    screenshot("deadlock-20");

    open(write("counter-50", ReportScenarios.catalogue("basics/unsynchronised-counter.race", 50)));
    WebElement lost = driver.findElement(By.id("lost-1"));
    assertTrue(lost.getText().contains("overwriting"), lost.getText());
    List<WebElement> accesses = lost.findElements(By.cssSelector("tbody tr"));
    assertEquals(3, accesses.size(), "the read, the lost write, the write that overwrote it");
    String step = accesses.get(1).findElement(By.cssSelector("a[href^='#a']")).getAttribute("href");
    String target = step.substring(step.indexOf('#') + 1);
    assertEquals(1, driver.findElements(By.id(target)).size(), "the step links to its ledger row");
    assertFalse(driver.findElements(By.cssSelector("table.source a.badge.lost")).isEmpty());
    assertTrue(
        driver.findElement(By.cssSelector("section.banner")).getText().contains("LOST UPDATE"));
    assertEquals(List.of(), consoleProblems());
  }

  @Test
  void withEveryDetectorTheReportExplainsWhereTheyDisagree() throws IOException {
    open(
        write(
            "spawn-join-all",
            ReportScenarios.catalogue(
                "basics/spawn-join-handoff.race", 1, List.of("fasttrack", "djit", "lockset"))));
    WebElement detectors = driver.findElement(By.id("detectors"));
    List<WebElement> rows = detectors.findElements(By.cssSelector("table.detectors tbody tr"));
    assertEquals(1, rows.size());
    assertEquals("disagree", rows.get(0).getAttribute("class"));
    assertEquals(
        List.of("data", "clean", "clean", "racing", "DISAGREE"),
        rows.get(0).findElements(By.cssSelector("th, td")).stream()
            .map(WebElement::getText)
            .toList());
    assertTrue(
        detectors
            .findElement(By.cssSelector(".why-disagree"))
            .getText()
            .contains("the join of helper"));
    assertTrue(
        driver
            .findElement(By.cssSelector("section.banner"))
            .getText()
            .contains("DETECTORS DISAGREE"));
    assertEquals(List.of(), consoleProblems());
  }
}
