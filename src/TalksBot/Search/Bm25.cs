namespace TalksBot.Search;

/// <summary>Okapi BM25 with Lucene's idf, so that scores compare with Lucene.Net's own.</summary>
public static class Bm25
{
    public static float Idf(int documents, int documentFrequency) =>
        (float)Math.Log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));

    public static float Score(float idf, int termFrequency, float length, float averageLength, float k1, float b) =>
        idf * termFrequency * (k1 + 1) / (termFrequency + k1 * (1 - b + b * length / averageLength));
}
