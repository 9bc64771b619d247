using System.Collections.Frozen;

namespace TalksBot.Search;

/// <summary>
/// Irregular verb forms of English and Dutch mapped to the infinitive, and irregular English plurals
/// to the singular, which no suffix-stripping stemmer can do: "What did she say?" must find "she
/// said", "Wat zei hij?" must find "hij zegt", "mannen" (man) must find "men".
/// </summary>
public static class IrregularForms
{
    public static readonly FrozenDictionary<string, string> English = Frozen(Table("""
        say: said says; tell: told; think: thought; make: made; take: took taken; give: gave given; come: came;
        go: went gone; see: saw seen; know: knew known; hold: held; meet: met; lead: led; leave: left; keep: kept;
        begin: began begun; bring: brought; buy: bought; fight: fought; seek: sought; win: won; lose: lost;
        send: sent; spend: spent; build: built; strike: struck; stand: stood; speak: spoke spoken; write: wrote written;
        choose: chose chosen; draw: drew drawn; fall: fell fallen; feel: felt; find: found; rise: rose risen; run: ran;
        pay: paid; break: broke broken; shoot: shot; forget: forgot forgotten; understand: understood;
        withdraw: withdrew withdrawn; get: got gotten; grow: grew grown; hear: heard; sell: sold; set: set; put: put;
        become: became; drive: drove driven; fly: flew flown; bear: bore borne; freeze: froze frozen;
        child: children; man: men; woman: women; foot: feet; tooth: teeth; mouse: mice; goose: geese
        """));

    // Declared before the tables that use it: static fields are set in order.
    static readonly string[] DutchPrefixes = ["aan", "af", "op", "uit", "in", "mee", "toe", "voor", "door", "over", "onder", "terug", "ver", "be", "ont", "her", "er"];

    /// <summary>
    /// Common Dutch strong and irregular verbs; each also with the prefixes Dutch verbs take
    /// (<see cref="DutchPrefixes"/>), so "verwierp" finds "verwerpen" and "bood aan" finds "aanbieden".
    /// </summary>
    public static readonly FrozenDictionary<string, string> Dutch = Frozen(WithPrefixes(Table("""
        zeggen: zei zeiden gezegd zegt; doen: deed deden gedaan; gaan: ging gingen gegaan; komen: kwam kwamen gekomen;
        spreken: sprak spraken gesproken; nemen: nam namen genomen; geven: gaf gaven gegeven; houden: hield hielden gehouden;
        brengen: bracht brachten gebracht; werpen: wierp wierpen geworpen; laten: liet lieten gelaten;
        zien: zag zagen gezien; vragen: vroeg vroegen gevraagd; vinden: vond vonden gevonden; staan: stond stonden gestaan;
        denken: dacht dachten gedacht; krijgen: kreeg kregen gekregen; blijven: bleef bleven gebleven; worden: werd werden geworden;
        beginnen: begon begonnen; winnen: won wonnen gewonnen; verliezen: verloor verloren; schrijven: schreef schreven geschreven;
        sluiten: sloot sloten gesloten; bieden: bood boden geboden; liggen: lag lagen gelegen; zitten: zat zaten gezeten;
        lopen: liep liepen gelopen; roepen: riep riepen geroepen; slaan: sloeg sloegen geslagen; dragen: droeg droegen gedragen;
        trekken: trok trokken getrokken; breken: brak braken gebroken; treffen: trof troffen getroffen; kiezen: koos kozen gekozen;
        wijzen: wees wezen gewezen; grijpen: greep grepen gegrepen; sterven: stierf stierven gestorven; helpen: hielp hielpen geholpen;
        vallen: viel vielen gevallen; hangen: hing hingen gehangen; weten: wist wisten geweten;
        kopen: kocht kochten gekocht; zoeken: zocht zochten gezocht; moeten: moest moesten; willen: wilde wilden wou gewild;
        kunnen: kon konden gekund; mogen: mocht mochten gemogen; zijn: was waren geweest; hebben: had hadden gehad
        """)));

    /// <summary>
    /// Adds each verb with each prefix: separable ones keep the participle's ge- inside ("aangeboden"),
    /// inseparable ones (ver-, be-, ont-, her-, er-) have none ("verworpen").
    /// </summary>
    static Dictionary<string, string> WithPrefixes(Dictionary<string, string> table)
    {
        var all = new Dictionary<string, string>(table, StringComparer.Ordinal);
        foreach (var (form, lemma) in table)
            foreach (var prefix in DutchPrefixes)
            {
                var inseparable = prefix is "ver" or "be" or "ont" or "her" or "er";
                var prefixed = inseparable && form.StartsWith("ge", StringComparison.Ordinal) && form != lemma ? prefix + form[2..] : prefix + form;
                all.TryAdd(prefixed, prefix + lemma);
            }
        return all;
    }

    // Frozen: read for every word analysed, by span (no string made for the look-up).
    static FrozenDictionary<string, string> Frozen(Dictionary<string, string> table) => table.ToFrozenDictionary(StringComparer.Ordinal);

    static Dictionary<string, string> Table(string text)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (lemma, forms) = (entry[..entry.IndexOf(':')].Trim(), entry[(entry.IndexOf(':') + 1)..]);
            foreach (var form in forms.Split(' ', StringSplitOptions.RemoveEmptyEntries)) table.TryAdd(form, lemma);
        }
        return table;
    }
}
