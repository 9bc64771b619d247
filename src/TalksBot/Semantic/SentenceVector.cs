namespace TalksBot.Semantic;

/// <summary>
/// A sentence's unit vector kept as bytes (a quarter of the floats' memory): each component rounded
/// to a step of the largest one's 1/127. Cosines to a question move by about 0.002.
/// </summary>
public readonly record struct SentenceVector(sbyte[] Values, float Scale)
{
    public const int Dimensions = 384;

    public static SentenceVector From(ReadOnlySpan<float> vector)
    {
        var largest = 0f;
        foreach (var v in vector) largest = Math.Max(largest, Math.Abs(v));
        var scale = largest > 0 ? largest / 127f : 1f;
        var values = new sbyte[vector.Length];
        for (var i = 0; i < vector.Length; i++) values[i] = (sbyte)Math.Round(vector[i] / scale);
        return new SentenceVector(values, scale);
    }

    /// <summary>The cosine to a unit vector (a question's).</summary>
    public float Cosine(float[] question)
    {
        float sum = 0;
        for (var i = 0; i < Values.Length && i < question.Length; i++) sum += question[i] * Values[i];
        return sum * Scale;
    }
}
