using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace TalksBot.Extraction;

/// <summary>
/// Page furniture that Readability leaves in the article it picks, removed by the cues general boilerplate
/// removers use (trafilatura, jusText): elements that are never prose (figures and their captions,
/// navigation, forms, buttons), elements named for furniture (share, related, newsletter, caption…), and
/// blocks that are mostly links (menus, "read more" lists).
/// </summary>
public static partial class ArticleCleaner
{
    static readonly string[] NeverProse = ["figure", "figcaption", "picture", "nav", "aside", "footer", "form", "button", "noscript", "svg", "iframe", "select", "input", "label", "style", "script"];

    [GeneratedRegex(@"(^|[-_ ])(caption|credit|share|sharing|social|related|newsletter|promo|advert|ad|ads|subscribe|subscription|breadcrumbs?|tags|comments?|sidebar|popup|modal|toolbar)([-_ ]|s?$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FurnitureName();

    public static void Clean(IElement article)
    {
        foreach (var element in article.QuerySelectorAll(string.Join(',', NeverProse)).ToList()) element.Remove();
        foreach (var element in article.QuerySelectorAll("[class], [id]").ToList())
            if (element.ParentElement is not null && FurnitureName().IsMatch($"{element.ClassName} {element.Id}")) element.Remove();
        foreach (var element in article.QuerySelectorAll("ul, ol, li, p, div, section, h2, h3, h4, h5, h6").Reverse().ToList())
            if (element.ParentElement is not null && MostlyLinks(element)) element.Remove();
    }

    /// <summary>A short block whose words are nearly all link text: a menu, a list of other articles.</summary>
    static bool MostlyLinks(IElement element)
    {
        var text = element.TextContent.Trim().Length;
        if (text == 0 || text > 400) return false;
        var linked = element.QuerySelectorAll("a").Sum(a => a.TextContent.Trim().Length);
        return linked >= 0.7 * text;
    }
}
