using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using TalksBot.Answer;
using TalksBot.Questions;

namespace TalksBot.Tests.Admin;

/// <summary>The operator's loop in headless Chromium: the 30-day chart, unhelpful answers found, labelled and checked; a source opened and corrected.</summary>
public class OperatorLoopBrowserTests
{
    static async Task SeedAsync(AdminApp admin)
    {
        var answers = admin.App.Services.GetRequiredService<AnswerService>();
        var log = admin.App.Services.GetRequiredService<IQuestionLog>();
        await answers.AskAsync("How many bodies will Ukraine return to Russia?", asker: new Asker("telegram", "telegram:1"));
        await answers.AskAsync("Who is Rustem Umerov?", asker: new Asker("discord", "discord:2"));
        await answers.AskAsync("Who won the World Cup?", asker: new Asker("telegram", "telegram:1"));
        await answers.AskAsync("Who won the world cup in football?", asker: new Asker("telegram", "telegram:3"));
        await answers.AskAsync("What is the capital of Peru?", asker: new Asker("telegram", "telegram:3"));
        // Days before today, as the log holds them after a while.
        for (var day = 1; day <= 12; day++)
            log.Record(new QuestionRecord { Key = QuestionRecord.NewKey(), At = DateTime.UtcNow.AddDays(-day), FrontEnd = "telegram", Question = $"Earlier question {day}", Answer = "…", Refused = day % 3 == 0, Engine = "extractive" }, "telegram:9");
        var umerov = (await log.FindAsync(new QuestionQuery(Text: "Umerov"))).Items.Single();
        await log.VoteAsync(umerov.Key, "discord:5", FeedbackChoice.Unhelpful, "discord", DateTime.UtcNow);
        await log.VoteAsync(umerov.Key, "discord:6", FeedbackChoice.Wrong, "discord", DateTime.UtcNow);
        var bodies = (await log.FindAsync(new QuestionQuery(Text: "bodies"))).Items.Single();
        await log.VoteAsync(bodies.Key, "telegram:7", FeedbackChoice.Helpful, "telegram", DateTime.UtcNow);
    }

    static void SignIn(OpenQA.Selenium.Chrome.ChromeDriver browser, AdminApp admin)
    {
        browser.Navigate().GoToUrl(admin.Url + "/admin");
        browser.FindElement(By.Id("token")).SendKeys(AdminApp.Token);
        browser.FindElement(By.Id("signin")).Click();
        AdminBrowserTests.Until(() => browser.FindElements(By.CssSelector("#sources tr")).Count == 5, "five sources");
    }

    [Theory]
    [InlineData(1280, 1700, false)]
    [InlineData(390, 844, true)]
    public async Task AnOperatorSeesTheMonthFindsUnhelpfulAnswersLabelsThemAndChecksTheLabels(int width, int height, bool phone)
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        await SeedAsync(admin);
        using var browser = AdminBrowserTests.Browser(Path.Combine(admin.Knowledge.Root, "profile"), width, height, phone);
        SignIn(browser, admin);

        // The chart: a bar a kind a day that had questions, drawn inside its section, the page no wider than the screen.
        AdminBrowserTests.Until(() => browser.FindElements(By.CssSelector("#chart rect")).Count >= 13, "the chart's bars");
        Assert.NotEmpty(browser.FindElements(By.CssSelector("#chart rect[data-kind='marked unhelpful']")));
        Assert.NotEmpty(browser.FindElements(By.CssSelector("#chart rect[data-kind='refused']")));
        var chart = browser.FindElement(By.CssSelector("#chart svg"));
        var section = browser.FindElement(By.Id("activity"));
        Assert.True(chart.Size.Width > 0 && chart.Location.X + chart.Size.Width <= section.Location.X + section.Size.Width, "the chart is cut off");
        // Today: one answered, one answered and marked unhelpful, three refused; before: eight answered, four refused.
        Assert.Equal("9 answered, 7 refused, 1 marked unhelpful", browser.FindElement(By.Id("chart-totals")).Text);
        // The same question in other words is one entry, counted twice.
        var refused = browser.FindElement(By.Id("top-refused")).Text;
        Assert.Contains("×2", refused);
        Assert.Contains("also: Who won the World Cup?", refused);
        Assert.Contains("Who is Rustem Umerov?", browser.FindElement(By.Id("top-unhelpful")).Text);
        var viewport = Convert.ToInt64(browser.ExecuteScript("return window.innerWidth"));
        Assert.True(Convert.ToInt64(browser.ExecuteScript("return document.documentElement.scrollWidth")) <= viewport, "the page is wider than the screen");
        browser.ExecuteScript("document.getElementById('activity').scrollIntoView()");
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(AdminBrowserTests.Artifacts(), phone ? "admin-activity-phone.png" : "admin-activity.png"));

        browser.FindElement(By.Id("unhelpful-only")).Click();
        AdminBrowserTests.Until(() => browser.FindElements(By.CssSelector("#question-rows tr")).Count == 1, "the one unhelpful answer");
        var record = browser.FindElement(By.CssSelector("#question-rows tr"));
        Assert.Contains("Who is Rustem Umerov?", record.Text);
        Assert.Contains("2 unhelpful", record.Text);
        Assert.Contains("wrong", record.Text);
        record.FindElement(By.CssSelector("details summary")).Click();
        Assert.NotEmpty(record.FindElements(By.CssSelector("details blockquote")));
        if (phone) AdminBrowserTests.AssertCardsWhole(browser, "#question-rows td");

        record.FindElement(By.CssSelector(".label-open")).Click();
        record.FindElement(By.CssSelector(".label-words")).SendKeys("Defence Minister|defense minister");
        record.FindElement(By.CssSelector(".label-answer")).Click();
        AdminBrowserTests.Until(() => browser.FindElement(By.Id("question-rows")).Text.Contains("should answer with: Defence Minister | defense minister"), "the label");

        browser.FindElement(By.Id("unhelpful-only")).Click();
        browser.FindElement(By.Id("refused-only")).Click();
        AdminBrowserTests.Until(() => browser.FindElements(By.CssSelector("#question-rows tr")).Count == 7, "the refused questions");
        var peru = browser.FindElements(By.CssSelector("#question-rows tr")).First(r => r.Text.Contains("Peru"));
        peru.FindElement(By.CssSelector(".label-open")).Click();
        peru.FindElement(By.CssSelector(".label-refuse")).Click();
        AdminBrowserTests.Until(() => browser.FindElement(By.Id("question-rows")).Text.Contains("should refuse"), "the refuse label");

        browser.FindElement(By.Id("refused-only")).Click();
        browser.FindElement(By.Id("labelled-only")).Click();
        AdminBrowserTests.Until(() => browser.FindElements(By.CssSelector("#question-rows tr")).Count == 2, "the two labelled");
        browser.FindElement(By.Id("check-labelled")).Click();
        AdminBrowserTests.Until(() => browser.FindElements(By.CssSelector("#check-result .check-rows tbody tr")).Count == 2, "the check's table");
        var figures = browser.FindElement(By.CssSelector("#check-result .check-figures")).Text;
        Assert.Contains("Unanswerable refused 1/1", figures);
        Assert.Matches(@"Answerable correct [01]/1", figures);
        Assert.Contains("Answered wrongly", figures);
        var viewportAfter = Convert.ToInt64(browser.ExecuteScript("return document.documentElement.scrollWidth"));
        Assert.True(viewportAfter <= viewport, "the check's table is wider than the screen");
        browser.ExecuteScript("document.getElementById('check-result').scrollIntoView()");
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(AdminBrowserTests.Artifacts(), phone ? "admin-check-phone.png" : "admin-check.png"));
    }

    [Fact]
    public async Task AnOperatorOpensASourceCorrectsItsOutletAndTheNextAnswerCitesItSo()
    {
        await using var admin = await AdminApp.StartAsync(signIn: false);
        using var browser = AdminBrowserTests.Browser(Path.Combine(admin.Knowledge.Root, "profile"), 1280, 1700);
        SignIn(browser, admin);
        var source = browser.FindElements(By.CssSelector("#sources tr")).First(r => r.Text.Contains("003_5beee2cfb4e9681c.txt"));
        source.FindElements(By.CssSelector("button")).First(b => b.Text == "Open").Click();
        AdminBrowserTests.Until(() => browser.FindElements(By.CssSelector("#source-text .chunk p")).Count > 3, "the source's sentences");
        Assert.Equal("003_5beee2cfb4e9681c.txt", browser.FindElement(By.Id("source-name")).Text);

        var outlet = browser.FindElement(By.Id("source-outlet"));
        outlet.Clear();
        outlet.SendKeys("Corrected Outlet");
        var link = browser.FindElement(By.Id("source-url"));
        link.Clear();
        link.SendKeys("javascript:alert(1)");
        browser.FindElement(By.Id("source-save")).Click();
        AdminBrowserTests.Until(() => browser.FindElement(By.Id("source-result")).Text.Contains("http or https"), "the refused link");
        link.Clear();
        link.SendKeys("https://news.example/corrected");
        browser.FindElement(By.Id("source-save")).Click();
        AdminBrowserTests.Until(() => browser.FindElement(By.Id("source-result")).Text.StartsWith("Saved."), "the save");
        AdminBrowserTests.Until(() => browser.FindElement(By.Id("sources")).Text.Contains("Corrected Outlet"), "the corrected outlet in the list");

        browser.FindElement(By.Id("try-question")).SendKeys("Who is Rustem Umerov?");
        browser.FindElement(By.Id("try-button")).Click();
        AdminBrowserTests.Until(() => browser.FindElement(By.Id("try-result")).Text.Contains("— Corrected Outlet (003_5beee2cfb4e9681c.txt)"), "the corrected citation");
        var answer = await admin.App.Services.GetRequiredService<AnswerService>().AskAsync("Who is Rustem Umerov?");
        var cited = answer.Citations.First(c => c.Source == "003_5beee2cfb4e9681c.txt");
        Assert.Equal(("Corrected Outlet", "https://news.example/corrected"), (cited.Outlet, cited.Url));
    }
}
