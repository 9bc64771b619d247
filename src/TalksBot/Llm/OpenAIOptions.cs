namespace TalksBot.Llm;

/// <summary>
/// Any OpenAI-compatible endpoint (section "OpenAI"): OpenAI, Azure OpenAI's v1 endpoint, Ollama,
/// vLLM, LM Studio. Nothing here is needed: without it TalksBot runs fully offline.
/// </summary>
public sealed class OpenAIOptions
{
    /// <summary>Base URL including the version path, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Chat model for answers.</summary>
    public string? Model { get; set; }

    /// <summary>Sent as a bearer token; local servers such as Ollama need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one request may take before TalksBot stops waiting.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long the offline engine answers alone after three failed calls to the endpoint in a row.</summary>
    public int BreakSeconds { get; set; } = 30;

    /// <summary>Embedding model; when set, passages get dense vectors at index time and search fuses them in.</summary>
    public string? EmbeddingModel { get; set; }
}
