package dev.ktel.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.api.ApiFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The query page in real headless Chromium, served by the real HTTP server. */
class QueryPageBrowserTest {
    static ApiFixture fx;
    static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        chromium = new HeadlessChromium();
        fx = new ApiFixture();
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

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) chromium.driver).executeScript(script, args);
    }

    @Test
    void pageLoadsWithUplotAndControls() {
        chromium.driver.get(fx.base() + "/");
        new WebDriverWait(chromium.driver, Duration.ofSeconds(10))
            .until(d -> d.findElement(By.id("expr")).isDisplayed());
        assertThat(chromium.driver.getTitle()).contains("ktel");
        assertThat(js("return typeof uPlot")).isEqualTo("function");
        assertThat(chromium.driver.findElement(By.id("range")).getAttribute("value")).isEqualTo("1h");
        assertThat(chromium.driver.findElements(By.cssSelector(".tab"))).hasSize(2);
    }

    @Test
    void assetsOutsideTheListAreNotServed() {
        assertThat(fx.get("/ui/../dev/ktel/api/ui/app.js").status()).isEqualTo(404);
        assertThat(fx.get("/ui/nope.js").status()).isEqualTo(404);
        assertThat(fx.get("/ui/uplot/uPlot.iife.min.js").body()).contains("uPlot");
    }
}
