using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;

namespace TalksBot.Tests.Admin;

/// <summary>The admin page driven in real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs).</summary>
public class AdminBrowserTests
{
    static ChromeDriver Browser(string profile, int width, int height, bool phone = false)
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        // A headless window is at least ~500 px wide; a phone's viewport is emulated instead.
        if (phone) options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings { Width = width, Height = height, PixelRatio = 2, UserAgent = "Mozilla/5.0 (Linux; Android 14) Mobile" });
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--window-size={width},{height}", $"--user-data-dir={profile}");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    static void Until(Func<bool> condition, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            try { if (condition()) return; } catch (WebDriverException) { }
            Thread.Sleep(100);
        }
        Assert.Fail($"Timed out waiting for {what}");
    }

    static string Artifacts()
    {
        var folder = Path.Combine(TestKnowledgeBase.RepositoryRoot(), "tests", "artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task AnOperatorSignsInSeesSourcesUploadsReindexesTriesAQuestionAndFindsARefusal()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        using var browser = Browser(Path.Combine(admin.Knowledge.Root, "profile"), 1280, 1700);
        browser.Navigate().GoToUrl(admin.Url + "/admin");

        browser.FindElement(By.Id("token")).SendKeys("not-the-token");
        browser.FindElement(By.Id("signin")).Click();
        Until(() => browser.FindElement(By.Id("error")).Text.Contains("not right"), "the wrong-token message");

        browser.FindElement(By.Id("token")).SendKeys(AdminApp.Token);
        browser.FindElement(By.Id("signin")).Click();
        Until(() => browser.FindElements(By.CssSelector("#sources tr")).Count == 5, "five sources");
        Assert.Contains("003_5beee2cfb4e9681c.txt", browser.FindElement(By.Id("sources")).Text);
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(Artifacts(), "admin-overview.png"));

        var upload = Path.Combine(admin.Knowledge.Root, "lighthouse.md");
        await File.WriteAllTextAsync(upload, "Lighthouse Report\nThe old lighthouse on the cape was painted red and white in 1998.");
        browser.FindElement(By.Id("upload-file")).SendKeys(upload);
        browser.FindElement(By.Id("upload-button")).Click();
        Until(() => browser.FindElement(By.Id("upload-result")).Text.Contains("lighthouse.md added"), "the upload result");
        Until(() => browser.FindElements(By.CssSelector("#sources tr")).Count == 6, "six sources");

        browser.FindElement(By.Id("reindex-full")).Click();
        Until(() => browser.FindElement(By.Id("reindex-summary")).Text.Contains("6 changed"), "the reindex summary");

        browser.FindElement(By.Id("try-question")).SendKeys("When was the lighthouse on the cape painted?");
        browser.FindElement(By.Id("try-button")).Click();
        Until(() => browser.FindElements(By.CssSelector("#try-result table tr")).Count > 1, "the passages");
        Assert.Contains("1998", browser.FindElement(By.CssSelector("#try-result .answer")).Text);
        Assert.Equal("1998", browser.FindElement(By.CssSelector("#try-result blockquote mark")).Text);
        Assert.Contains("lighthouse.md", browser.FindElement(By.Id("try-result")).Text);
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(Artifacts(), "admin-try.png"));

        var question = browser.FindElement(By.Id("try-question"));
        question.Clear();
        question.SendKeys("Who won the World Cup?");
        browser.FindElement(By.Id("try-button")).Click();
        Until(() => browser.FindElement(By.CssSelector("#try-result .answer")).Text.Contains("do not answer"), "the refusal");
        browser.FindElement(By.Id("refused-only")).Click();
        Until(() => browser.FindElement(By.Id("question-rows")).Text.Contains("World Cup") && !browser.FindElement(By.Id("question-rows")).Text.Contains("lighthouse"), "the refused question alone");
    }

    [Fact]
    public async Task ThePageIsReadableOnAPhone()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        using var browser = Browser(Path.Combine(admin.Knowledge.Root, "profile"), 390, 844, phone: true);
        // A configured token is typed into the form; only the token made at start may stand in a link.
        browser.Navigate().GoToUrl(admin.Url + "/admin");
        browser.FindElement(By.Id("token")).SendKeys(AdminApp.Token);
        browser.FindElement(By.Id("signin")).Click();
        Until(() => browser.FindElements(By.CssSelector("#sources tr")).Count == 5, "five sources");
        var scrollWidth = Convert.ToInt64(browser.ExecuteScript("return document.documentElement.scrollWidth"));
        var viewport = Convert.ToInt64(browser.ExecuteScript("return window.innerWidth"));
        Assert.Equal(390, viewport);
        Assert.True(scrollWidth <= viewport, $"the page is {scrollWidth} px wide on a {viewport} px screen");
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(Artifacts(), "admin-phone.png"));
    }
}
