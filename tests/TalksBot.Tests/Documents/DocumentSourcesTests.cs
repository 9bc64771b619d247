using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TalksBot.Documents;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace TalksBot.Tests.Documents;

/// <summary>Press releases as PDF, statements as Word files, saved pages as HTML: read from seeds/, furniture gone, answered from.</summary>
public class DocumentSourcesTests
{
    /// <summary>Three pages with a running header and a page number each, and a word broken across two lines.</summary>
    internal static byte[] Pdf()
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Statement on the grain corridor";
        builder.DocumentInformation.Author = "Press Office";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        string[][] bodies =
        [
            ["The ministry confirmed on Tuesday that the grain corridor will reopen next week after the nego-", "tiations in Vienna ended with an agreement."],
            ["Inspectors from both sides will check every ship that leaves the three ports named in the agreement."],
            ["The next round of talks is planned for the spring, the ministry said."],
        ];
        for (var i = 0; i < bodies.Length; i++)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddText("Ministry Press Office - Official Statement", 9, new PdfPoint(50, 800), font);
            var y = 700;
            foreach (var line in bodies[i]) { page.AddText(line, 11, new PdfPoint(50, y), font); y -= 14; }
            page.AddText($"Page {i + 1} of 3", 9, new PdfPoint(280, 40), font);
        }
        return builder.Build();
    }

    static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text("Statement by the harbour authority"))),
                new Paragraph(new Run(new Text("The harbour authority said the new lighthouse on the cape will be lit for the first time on 3 March."))),
                new Paragraph(new Run(new Text("It replaces the old tower, which storms had damaged beyond repair.")))));
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(new Paragraph(new Run(new Text("INTERNAL - do not circulate"))));
            document.PackageProperties.Title = "Lighthouse statement";
            document.PackageProperties.Creator = "Harbour Authority";
        }
        return stream.ToArray();
    }

    [Fact]
    public void APdfLosesItsRunningHeadersAndPageNumbersAndKeepsBrokenWordsWhole()
    {
        var (text, found) = PdfText.Read(Pdf());
        Assert.Contains("after the negotiations in Vienna ended", text);
        Assert.DoesNotContain("Ministry Press Office", text);
        Assert.DoesNotContain("Page 2 of 3", text);
        Assert.Equal(("Statement on the grain corridor", "Press Office"), (found!.Title, found.Author));
    }

    [Fact]
    public async Task PdfWordAndHtmlFilesInSeedsAreAnsweredFromWithTheirOwnTitles()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        await File.WriteAllBytesAsync(Path.Combine(kb.Seeds, "corridor.pdf"), Pdf());
        await File.WriteAllBytesAsync(Path.Combine(kb.Seeds, "lighthouse.docx"), Docx());
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "ferry.html"), """
            <html lang="en"><head><title>Ferry news</title><meta property="og:site_name" content="The Coast Gazette">
            <link rel="canonical" href="https://gazette.example/ferry-resumes">
            <meta property="article:published_time" content="2026-11-30"></head><body><nav><a href="/">Home</a> <a href="/x">Sport</a></nav>
            <article><h1>Ferry to the island resumes</h1><p>The ferry to the island resumed its crossings on Saturday after a week of repairs to its engine.</p>
            <p>Passengers had waited at the quay since early morning, the operator said in a short statement.</p></article></body></html>
            """);
        var services = kb.Start();
        var run = await services.Knowledge().ReindexAsync();
        Assert.True(run.Succeeded, run.Error);
        Assert.Equal(3, run.Added);
        Assert.Empty(run.Problems);

        var answers = services.GetRequiredService<TalksBot.Answer.AnswerService>();
        var corridor = await answers.AskAsync("When will the grain corridor reopen?");
        Assert.Equal("corridor.pdf", corridor.Citations[0].Source);
        Assert.Equal("Statement on the grain corridor", corridor.Citations[0].Title);
        Assert.Contains("negotiations", corridor.Citations[0].Quote);

        var lighthouse = await answers.AskAsync("When will the new lighthouse on the cape be lit?");
        Assert.Equal("lighthouse.docx", lighthouse.Citations[0].Source);
        Assert.Contains("3 March", lighthouse.Citations[0].Quote);
        Assert.DoesNotContain(lighthouse.Citations, c => c.Quote.Contains("INTERNAL"));

        var ferry = await answers.AskAsync("When did the ferry to the island resume its crossings?");
        Assert.Equal("ferry.html", ferry.Citations[0].Source);
        Assert.Equal("The Coast Gazette", ferry.Citations[0].Outlet);
        Assert.DoesNotContain("Sport", ferry.Citations[0].Quote);
        var json = TalksBot.Answer.AnswerJson.From(ferry)["citations"]![0]!;
        Assert.Equal("https://gazette.example/ferry-resumes", json["url"]!.GetValue<string>());
        Assert.Equal("2026-11-30", json["published"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("broken.pdf")]
    [InlineData("broken.docx")]
    public async Task ADamagedDocumentIsNamedWithItsReason(string name)
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "good.txt"), "Harbour News\nThe harbour opened on Monday.");
        await File.WriteAllBytesAsync(Path.Combine(kb.Seeds, name), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
        var run = await kb.Start().Knowledge().ReindexAsync();
        Assert.True(run.Succeeded);
        Assert.Contains(run.Problems, p => p.StartsWith($"{name} cannot be read as {Path.GetExtension(name)[1..].ToUpperInvariant()}"));
    }
}
