using System.Text.Json;

namespace TalksBot.Extractive;

/// <param name="Probability">The learned probability that the best sentence answers the question.</param>
/// <param name="Features">What it was read from, in <see cref="ExtractiveAnswerer.FeatureNames"/>' order (for training and inspection).</param>
public sealed record GateReading(float Probability, float Threshold, float[] Features)
{
    public bool Passes => Probability >= Threshold;
}

/// <summary>
/// Gradient-boosted regression trees over the features, summed into log-odds, with the threshold chosen for
/// them on held-out questions.
/// </summary>
public sealed record GateModel(float Bias, GateTree[] Trees, float Threshold)
{
    public float Probability(float[] features)
    {
        var z = Bias;
        foreach (var tree in Trees) z += tree.Value(features);
        return 1f / (1f + MathF.Exp(-z));
    }
}

/// <summary>One tree as flat arrays: node i splits on Feature[i] at Split[i] (less goes Left), or is a leaf (Feature -1) worth Leaf[i].</summary>
public sealed record GateTree(int[] Feature, float[] Split, int[] Left, int[] Right, float[] Leaf)
{
    public float Value(float[] features)
    {
        var node = 0;
        while (Feature[node] >= 0) node = features[Feature[node]] < Split[node] ? Left[node] : Right[node];
        return Leaf[node];
    }
}

/// <summary>The trained file: the feature names it was trained on, a model with the semantic features and one without.</summary>
public sealed record GateFile(string[] Features, GateModel Semantic, GateModel Plain, string Trained);

/// <summary>
/// Decides whether the offline engine's best sentence answers, with the model that
/// `dotnet run -c Release --project tools/TalksBot.Train` trains (Extractive/gate.json, embedded).
/// </summary>
public sealed class AnswerGate(GateFile file)
{
    public static AnswerGate LoadEmbedded()
    {
        using var stream = typeof(AnswerGate).Assembly.GetManifestResourceStream("TalksBot.gate.json")
            ?? throw new InvalidOperationException("The trained answer gate (Extractive/gate.json) is not embedded.");
        var file = JsonSerializer.Deserialize<GateFile>(stream, Json)!;
        if (!file.Features.SequenceEqual(ExtractiveAnswerer.FeatureNames))
            throw new InvalidOperationException("Extractive/gate.json was trained on other features than the engine computes; train it again.");
        return new AnswerGate(file);
    }

    /// <summary>No model: the engine's rules decide alone (what the training command reads the questions with).</summary>
    public static AnswerGate Untrained()
    {
        var none = new GateModel(0, [], 0);
        return new AnswerGate(new GateFile(ExtractiveAnswerer.FeatureNames, none, none, ""));
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
