namespace TalksBot.Search;

/// <summary>
/// Irregular verb forms of English and Dutch mapped to the infinitive, which no suffix-stripping
/// stemmer can do: "What did she say?" must find "she said", "Wat zei hij?" must find "hij zegt".
/// </summary>
public static class IrregularForms
{
    public static readonly IReadOnlyDictionary<string, string> English = Table("""
        say: said says; tell: told; think: thought; make: made; take: took taken; give: gave given; come: came;
        go: went gone; see: saw seen; know: knew known; hold: held; meet: met; lead: led; leave: left; keep: kept;
        begin: began begun; bring: brought; buy: bought; fight: fought; seek: sought; win: won; lose: lost;
        send: sent; spend: spent; build: built; strike: struck; stand: stood; speak: spoke spoken; write: wrote written;
        choose: chose chosen; draw: drew drawn; fall: fell fallen; feel: felt; find: found; rise: rose risen; run: ran;
        pay: paid; break: broke broken; shoot: shot; forget: forgot forgotten; understand: understood;
        withdraw: withdrew withdrawn; get: got gotten; grow: grew grown; hear: heard; sell: sold; set: set; put: put;
        become: became; drive: drove driven; fly: flew flown; bear: bore borne; freeze: froze frozen; seize: seized
        """);

    public static readonly IReadOnlyDictionary<string, string> Dutch = Table("""
        zeggen: zei zeiden gezegd zegt; doen: deed deden gedaan; gaan: ging gingen gegaan; komen: kwam kwamen gekomen;
        spreken: sprak spraken gesproken; nemen: nam namen genomen; geven: gaf gaven gegeven; houden: hield hielden gehouden;
        brengen: bracht brachten gebracht; verwerpen: verwierp verwierpen verworpen; laten: liet lieten gelaten;
        zien: zag zagen gezien; vragen: vroeg vroegen gevraagd; vinden: vond vonden gevonden; staan: stond stonden gestaan;
        denken: dacht dachten gedacht; krijgen: kreeg kregen gekregen; blijven: bleef bleven gebleven; worden: werd werden geworden;
        beginnen: begon begonnen; winnen: won wonnen gewonnen; verliezen: verloor verloren; schrijven: schreef schreven geschreven;
        sluiten: sloot sloten gesloten; bieden: bood boden geboden; aanbieden: bood boden aangeboden; voorstellen: stelde stelden voorgesteld
        """);

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
