package dev.ktel.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.api.ApiFixture;
import dev.ktel.api.ApiOptions;
import dev.ktel.api.PrometheusApi;
import dev.ktel.promql.Engine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The query page in real headless Chromium, served by the real HTTP server with the API over the engine and an
 * in-memory store holding an hour of data: type a query, run it, see table rows, switch to the graph and see a
 * line drawn on uPlot's canvas.
 */
class QueryPageBrowserTest {
    static ApiFixture fx;
    static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        chromium = new HeadlessChromium();
        fx = new ApiFixture();
        PrometheusApi.register(fx.http, fx.store, new Engine(fx.store), ApiOptions.defaults());
        QueryPage.register(fx.http);
        fx.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void load() {
        chromium.driver.get(fx.base() + "/");
        waitFor(() -> chromium.driver.findElement(By.id("expr")).isDisplayed());
        // evaluate at the end of the fixture's data (the End field is local time)
        js("const d = new Date(arguments[0]); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
            + "document.getElementById('end').value = d.toISOString().slice(0, 19);", ApiFixture.END);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) chromium.driver).executeScript(script, args);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(chromium.driver, Duration.ofSeconds(10)).until(d -> condition.getAsBoolean());
    }

    private void run(String query) {
        WebElement expr = chromium.driver.findElement(By.id("expr"));
        expr.clear();
        expr.sendKeys(query);
        expr.sendKeys(Keys.ENTER);
    }

    @Test
    void pageLoadsWithUplotAndControls() {
        assertThat(chromium.driver.getTitle()).contains("ktel");
        assertThat(js("return typeof uPlot")).isEqualTo("function");
        assertThat(chromium.driver.findElement(By.id("range")).getAttribute("value")).isEqualTo("1h");
        assertThat(chromium.driver.findElements(By.cssSelector(".tab"))).hasSize(2);
    }

    @Test
    void tableShowsOneRowPerSeries() {
        run("node_cpu_seconds_total{mode=\"idle\"}");
        waitFor(() -> chromium.driver.findElements(By.cssSelector("#table tbody tr")).size() == 2);
        List<WebElement> rows = chromium.driver.findElements(By.cssSelector("#table tbody tr"));
        assertThat(rows.get(0).getText()).contains("node_cpu_seconds_total{").contains("cpu=\"0\"")
            .contains("mode=\"idle\"");
        // 240 steps of 14.5 for cpu 0 at the end of the data
        assertThat(rows.get(0).findElement(By.cssSelector("td.value")).getText()).isEqualTo("3480");
        assertThat(chromium.driver.findElement(By.id("stats")).getText()).contains("Result series: 2");
        // the query went into the history
        assertThat((String) js("return localStorage.getItem('ktel.queryHistory')")).contains("node_cpu_seconds_total");
    }

    @Test
    void graphDrawsALine() throws Exception {
        run("rate(node_cpu_seconds_total{cpu=\"0\"}[5m])");
        chromium.driver.findElement(By.id("tab-graph")).click();
        waitFor(() -> Boolean.TRUE.equals(js("return !!window.ktelGraph && window.ktelGraph.data.length === 3")));
        // every series got points from the range query
        Number points = (Number) js("return window.ktelGraph.data[1].filter(v => v !== null).length");
        assertThat(points.intValue()).isGreaterThan(200);
        // the first series' colour (#1f77b4) is painted on the canvas: a line was drawn
        Number painted = (Number) js("""
            const c = document.querySelector('#graph canvas');
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < px.length; i += 4) {
              if (Math.abs(px[i] - 31) < 40 && Math.abs(px[i + 1] - 119) < 40 && Math.abs(px[i + 2] - 180) < 40
                  && px[i + 3] > 0) n++;
            }
            return n;""");
        assertThat(painted.intValue()).isGreaterThan(100);
        assertThat(chromium.driver.findElements(By.cssSelector(".u-legend .u-series"))).hasSize(3);
        screenshot("query-page-graph.png");
    }

    /** Kept in target/ for a person to look at; not an assertion. */
    private static void screenshot(String name) throws java.io.IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) chromium.driver).getScreenshotAs(
            org.openqa.selenium.OutputType.BYTES);
        java.nio.file.Files.write(java.nio.file.Path.of("target", name), png);
    }

    @Test
    void errorsAreShown() {
        run("rate(node_load1[5m]");
        waitFor(() -> chromium.driver.findElement(By.id("error")).isDisplayed());
        assertThat(chromium.driver.findElement(By.id("error")).getText()).startsWith("bad_data: ");
    }

    @Test
    void assetsOutsideTheListAreNotServed() {
        assertThat(fx.get("/ui/../dev/ktel/api/ui/app.js").status()).isEqualTo(404);
        assertThat(fx.get("/ui/nope.js").status()).isEqualTo(404);
        assertThat(fx.get("/ui/uplot/uPlot.iife.min.js").body()).contains("uPlot");
    }
}
