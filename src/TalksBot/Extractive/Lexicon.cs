namespace TalksBot.Extractive;

/// <summary>
/// The word lists the offline engine's readings share, each kept once (English and Dutch), as
/// regular-expression alternations, so that a question and the sentences it is read against use the same words.
/// </summary>
public static class Lexicon
{
    /// <summary>Titles and offices of public life.</summary>
    public const string Titles = "minister|secretary|president|prime minister|spokesperson|spokesman|spokeswoman|negotiator|envoy|ambassador|chief|head|leader|chairman|chairwoman" +
        "|director|adviser|advisor|commander|general|deputy|governor|mayor|official|woordvoerder|onderhandelaar|gezant|ambassadeur|voorzitter|leider|hoofd|staatssecretaris|premier";

    /// <summary>Verbs of saying, every form a report or a question uses ("said", "what did she say").</summary>
    public const string SpeechVerbs = "say|says|said|tell|tells|told|state|states|stated|add|adds|added|announce|announces|announced|note|notes|noted" +
        "|emphasi[sz]ed|underscored|stressed|revealed|confirmed|write|writes|wrote|writing|declare|declares|declared|remarked|commented|argued|insisted|warned" +
        "|claim|claims|claimed|asserted|suggested|expressed|criticized|criticised|called|urged|according to|according";

    public const string DutchSpeechVerbs = "zei|zegt|zeiden|gezegd|verklaarde|verklaard|meldde|gemeld|merkte|schreef|geschreven|benadrukte|volgens";

    /// <summary>Verbs with which a question asks how someone saw a thing, which asks what they said of it.</summary>
    public const string ViewingVerbs = "describe|described|view|see|characteri[sz]e|assess|react|respond|reply|judge";

    public const string DutchViewingVerbs = "beschreef|beschrijft|beschreven|zag|ziet|zagen|reageerde|reageert|beoordeelde";

    /// <summary>Pronouns that stand for a person or thing named before; "zijn" and "ze" are left out, as in a question they are mostly "are" and "she/they".</summary>
    public const string Pronouns = "it|its|they|them|their|he|him|his|she|her|this|these|those|hij|hem|zij|haar|hun";

    /// <summary>Pronouns that stand for the person speaking in a report ("… he added").</summary>
    public const string PersonalPronouns = "he|she|they|hij|zij";

    /// <summary>Modal verbs: a question opening with one asks yes or no.</summary>
    public const string Modals = "will|would|could|can|should|must|may|might|zal|zou|zullen|kan|kunnen|moet|wil";

    /// <summary>Negation; a question and a sentence that differ in it say different things.</summary>
    public const string Negations = "not|never|no|none|nor|cannot|niet|nooit|geen";
}
