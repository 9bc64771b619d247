using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;

namespace TalksBot.Tests.Admin;

/// <summary>The admin page driven in real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs).</summary>
public class AdminBrowserTests
{
    internal static ChromeDriver Browser(string profile, int width, int height, bool phone = false)
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

    internal static void Until(Func<bool> condition, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            try { if (condition()) return; } catch (WebDriverException) { }
            Thread.Sleep(100);
        }
        Assert.Fail($"Timed out waiting for {what}");
    }

    internal static string Artifacts()
    {
        var folder = Path.Combine(TestKnowledgeBase.RepositoryRoot(), "tests", "artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task AnOperatorAddsAPageByLinkAndTheNextAnswerCitesItWithItsLink()
    {
        const string article = """
            <html lang="en"><head><title>Lock gates | River Post</title><meta property="og:site_name" content="River Post"></head><body>
            <article><h1>New lock gates on the river</h1><p>Engineers installed the new lock gates at the weir on Sunday, two months ahead of the planned date.</p>
            <p>The old gates had leaked since the flood of last winter, the waterways board said.</p></article></body></html>
            """;
        await using var web = await TalksBot.Fakes.LocalServer.StartAsync(app =>
            app.MapGet("/river/lock-gates", () => Microsoft.AspNetCore.Http.Results.Content(article, "text/html")));
        await using var admin = await AdminApp.StartAsync(signIn: false, new() { ["Sources:AllowPrivateNetworks"] = "true" });
        using var browser = Browser(Path.Combine(admin.Knowledge.Root, "profile"), 1280, 1700);
        browser.Navigate().GoToUrl(admin.Url + "/admin");
        browser.FindElement(By.Id("token")).SendKeys(AdminApp.Token);
        browser.FindElement(By.Id("signin")).Click();
        Until(() => browser.FindElements(By.CssSelector("#sources tr")).Count == 5, "five sources");

        browser.FindElement(By.Id("link-url")).SendKeys(web.Url + "/river/lock-gates?utm_source=feed");
        browser.FindElement(By.Id("link-button")).Click();
        Until(() => browser.FindElement(By.Id("link-result")).Text.Contains("added: Lock gates"), "the link result");
        Until(() => browser.FindElements(By.CssSelector("#sources tr")).Count == 6, "six sources");

        browser.FindElement(By.Id("try-question")).SendKeys("When were the new lock gates installed at the weir?");
        browser.FindElement(By.Id("try-button")).Click();
        Until(() => browser.FindElements(By.CssSelector("#try-result .answer")).Count > 0, "the answer");
        Assert.Contains("on Sunday", browser.FindElement(By.CssSelector("#try-result .answer")).Text);
        Assert.Contains("web-127-0-0-1-", browser.FindElement(By.Id("try-result")).Text);

        await admin.SignInAsync(); // the API's own session, beside the browser's
        var refused = await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/sources/link",
            System.Net.Http.Json.JsonContent.Create(new { url = "file:///etc/passwd" })));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("not an http or https link", await refused.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(1280, 1700, false)]
    [InlineData(390, 844, true)]
    public async Task AnOperatorFollowsAFeedSeesItsItemsIndexedAndStopsFollowingIt(int width, int height, bool phone)
    {
        await using var site = await TalksBot.Tests.Feeds.FeedSite.StartAsync();
        site.AddSavedPages(2);
        await using var admin = await AdminApp.StartAsync(signIn: false, new() { ["Sources:AllowPrivateNetworks"] = "true" });
        using var browser = Browser(Path.Combine(admin.Knowledge.Root, "profile"), width, height, phone);
        browser.Navigate().GoToUrl(admin.Url + "/admin");
        browser.FindElement(By.Id("token")).SendKeys(AdminApp.Token);
        browser.FindElement(By.Id("signin")).Click();
        Until(() => browser.FindElement(By.Id("feed-rows")).Text.Contains("No feeds are followed yet."), "the empty feeds panel");

        browser.FindElement(By.Id("feed-url")).SendKeys(site.Url + "/not-there.xml");
        browser.FindElement(By.Id("feed-button")).Click();
        Until(() => browser.FindElement(By.Id("feed-result")).Text.Contains("answered 404"), "the refusal");

        browser.FindElement(By.Id("feed-url")).Clear();
        browser.FindElement(By.Id("feed-url")).SendKeys(site.FeedUrl);
        browser.FindElement(By.Id("feed-button")).Click();
        Until(() => browser.FindElement(By.Id("feed-result")).Text.Contains("2 items, 2 added"), "the first poll");
        Until(() => browser.FindElements(By.CssSelector("#sources tr")).Count == 7, "seven sources");
        var feedRow = browser.FindElement(By.CssSelector("#feed-rows tr"));
        Assert.Contains("Local News", feedRow.Text);
        Assert.Equal(["2", "2"], feedRow.FindElements(By.TagName("td")).Skip(2).Take(2).Select(td => td.Text));
        var viewport = Convert.ToInt64(browser.ExecuteScript("return window.innerWidth"));
        Assert.True(Convert.ToInt64(browser.ExecuteScript("return document.documentElement.scrollWidth")) <= viewport, "the page is wider than the screen");
        browser.ExecuteScript("document.getElementById('feeds').scrollIntoView()");
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(Artifacts(), phone ? "admin-feeds-phone.png" : "admin-feeds.png"));

        browser.FindElement(By.Id("feed-poll")).Click();
        Until(() => browser.FindElement(By.Id("feed-result")).Text.Contains("unchanged"), "the second poll");

        browser.FindElement(By.CssSelector("#feed-rows button")).Click();
        browser.SwitchTo().Alert().Accept();
        Until(() => browser.FindElement(By.Id("feed-rows")).Text.Contains("No feeds are followed yet."), "the feed gone");
        Until(() => browser.FindElements(By.CssSelector("#sources tr")).Count == 7, "its sources kept");
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

        // The same name again: the console asks before it replaces.
        browser.FindElement(By.Id("upload-button")).Click();
        Until(() => browser.SwitchTo().Alert().Text?.Contains("lighthouse.md is already a source") == true, "the replace question");
        browser.SwitchTo().Alert().Accept();
        Until(() => browser.FindElement(By.Id("upload-result")).Text.Contains("lighthouse.md replaced"), "the replace result");

        browser.FindElement(By.Id("reindex-full")).Click();
        Until(() => browser.FindElement(By.Id("reindex-summary")).Text.Contains("6 unchanged"), "the reindex summary");

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

    /// <summary>Every cell's box within the page's width, and no word of it wrapped across two lines (a word gets one box per line it is on).</summary>
    internal static void AssertCardsWhole(ChromeDriver browser, string cells)
    {
        var problems = (System.Collections.ObjectModel.ReadOnlyCollection<object>)browser.ExecuteScript("""
            const problems = [];
            const width = document.documentElement.clientWidth;
            for (const cell of document.querySelectorAll(arguments[0])) {
              const box = cell.getBoundingClientRect();
              if (getComputedStyle(cell).display === 'none') { if (cell.textContent.trim()) problems.push('hidden: ' + cell.textContent.slice(0, 40)); continue; }
              if (box.right > width + 1 || box.left < -1) problems.push('outside: ' + cell.textContent.slice(0, 40));
              const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let node; (node = walker.nextNode());) {
                for (const m of node.textContent.matchAll(/\S+/g)) {
                  const range = document.createRange(); range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                  const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                  if (lines.size > 1) problems.push('broken: ' + m[0]);
                }
              }
            }
            return problems;
            """, cells)!;
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
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

    /// <summary>Long questions and answers in the log: rows stay a few lines tall (a click shows the rest), every column stays on the card, pages of 25.</summary>
    [Theory]
    [InlineData(1280, 1600, false, "admin-log.png")]
    [InlineData(390, 844, true, "admin-log-phone.png")]
    public async Task TheQuestionsLogIsReadableAtDesktopAndPhoneWidth(int width, int height, bool phone, string screenshot)
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        var answers = admin.App.Services.GetRequiredService<AnswerService>();
        var rambling = string.Join(" ", Enumerable.Repeat("and also what exactly was said by everyone involved about the prisoner exchange", 8));
        string[] asked = [$"Who is Rustem Umerov, {rambling}?", "How many bodies will Ukraine return to Russia?", "Who won the World Cup?"];
        for (var i = 0; i < 30; i++) await answers.AskAsync(asked[i % 3], asker: new Asker(i % 2 == 0 ? "telegram" : "discord", "u"));
        using var browser = Browser(Path.Combine(admin.Knowledge.Root, "profile"), width, height, phone);
        browser.Navigate().GoToUrl(admin.Url + "/admin");
        browser.FindElement(By.Id("token")).SendKeys(AdminApp.Token);
        browser.FindElement(By.Id("signin")).Click();
        Until(() => browser.FindElements(By.CssSelector("#question-rows tr")).Count == 25, "a page of 25 questions");
        Assert.Equal("1–25 of 30", browser.FindElement(By.Id("log-range")).Text);

        var rows = browser.FindElements(By.CssSelector("#question-rows tr"));
        var card = browser.FindElement(By.Id("questions"));
        var viewport = Convert.ToInt64(browser.ExecuteScript("return window.innerWidth"));
        Assert.True(Convert.ToInt64(browser.ExecuteScript("return document.documentElement.scrollWidth")) <= viewport, "the page is wider than the screen");
        browser.ExecuteScript("document.getElementById('feeds').scrollIntoView()");
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(Artifacts(), phone ? "admin-feeds-phone.png" : "admin-feeds.png"));
        if (!phone)
        {
            var tallest = rows.Max(r => r.Size.Height);
            Assert.True(tallest <= 110, $"a row is {tallest} px tall");
            var sources = browser.FindElements(By.CssSelector("table.log th"))[5];
            Assert.True(sources.Displayed && sources.Location.X + sources.Size.Width <= card.Location.X + card.Size.Width, "the Sources column is cut off");
            var questionColumn = browser.FindElements(By.CssSelector("table.log th"))[2].Size.Width;
            var table = browser.FindElement(By.CssSelector("table.log")).Size.Width;
            Assert.True(questionColumn >= table / 5, $"the Question column is {questionColumn} px of {table}");
        }
        else
        {
            // On a phone each record is a card: every cell shown whole, inside the card, its words unbroken.
            Assert.False(browser.FindElements(By.CssSelector("table.log th"))[0].Displayed);
            AssertCardsWhole(browser, "#question-rows td");
            AssertCardsWhole(browser, "#sources td");
        }

        var longQuestion = rows.First(r => r.Text.Contains("Rustem Umerov")).FindElements(By.CssSelector("td"))[2];
        var before = longQuestion.Size.Height;
        longQuestion.FindElement(By.CssSelector(".clamp")).Click();
        Until(() => longQuestion.Size.Height > before + 20, "the whole question after a click");
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(Artifacts(), screenshot));

        browser.FindElement(By.Id("log-older")).Click();
        Until(() => browser.FindElement(By.Id("log-range")).Text == "26–30 of 30", "the older page");
        Assert.Equal(5, browser.FindElements(By.CssSelector("#question-rows tr")).Count);
    }
}
