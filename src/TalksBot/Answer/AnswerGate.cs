using System.Text.Json;

namespace TalksBot.Answer;

/// <param name="Probability">The learned probability that the best sentence answers the question.</param>
/// <param name="Features">What it was read from, in <see cref="ExtractiveAnswerer.FeatureNames"/>' order (for training and inspection).</param>
public sealed record GateReading(float Probability, float Threshold, float[] Features)
{
    public bool Passes => Probability >= Threshold;
}

/// <summary>One logistic regression over standardised features, with the threshold chosen for it on held-out questions.</summary>
public sealed record GateModel(float[] Mean, float[] Scale, float[] Weights, float Bias, float Threshold)
{
    public float Probability(float[] features)
    {
        var z = Bias;
        for (var i = 0; i < features.Length; i++) z += Weights[i] * (features[i] - Mean[i]) / Scale[i];
        return 1f / (1f + MathF.Exp(-z));
    }
}

/// <summary>The trained file: the feature names it was trained on, a model with the semantic features and one without.</summary>
public sealed record GateFile(string[] Features, GateModel Semantic, GateModel Plain, string Trained);

/// <summary>
/// Decides whether the offline engine's best sentence answers, with the model that
/// `dotnet run -c Release --project tools/TalksBot.Train` trains (Answer/gate.json, embedded).
/// </summary>
public sealed class AnswerGate(GateFile file)
{
    public static AnswerGate LoadEmbedded()
    {
        using var stream = typeof(AnswerGate).Assembly.GetManifestResourceStream("TalksBot.gate.json")
            ?? throw new InvalidOperationException("The trained answer gate (Answer/gate.json) is not embedded.");
        var file = JsonSerializer.Deserialize<GateFile>(stream, Json)!;
        if (!file.Features.SequenceEqual(ExtractiveAnswerer.FeatureNames))
            throw new InvalidOperationException("Answer/gate.json was trained on other features than the engine computes; train it again.");
        return new AnswerGate(file);
    }

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>False until the training command has written a model: the engine's rules then decide alone.</summary>
    public bool Trained => file.Trained.Length > 0;

    public GateReading Read(float[] features, bool semantic)
    {
        var model = semantic ? file.Semantic : file.Plain;
        return new GateReading(model.Probability(features), model.Threshold, features);
    }
}
