using System.ClientModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.SemanticKernel;
using OpenAI;

namespace TalksBot.Llm;

public static class LlmExtensions
{
    /// <summary>
    /// Registers Semantic Kernel's OpenAI embedding generator when OpenAI:EmbeddingModel is set;
    /// otherwise nothing, and search stays lexical and offline.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenAIOptions>().BindConfiguration("OpenAI")
            .Validate(o => o.Endpoint is null || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "OpenAI:Endpoint must be an absolute http(s) URL such as http://localhost:11434/v1.")
            .Validate(o => o.TimeoutSeconds is > 0 and <= 600, "OpenAI:TimeoutSeconds must be between 1 and 600.")
            .Validate(o => o.BreakSeconds is >= 1 and <= 3600, "OpenAI:BreakSeconds must be between 1 and 3600.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection("OpenAI").Get<OpenAIOptions>() ?? new OpenAIOptions();
        if (!string.IsNullOrWhiteSpace(options.EmbeddingModel))
            builder.Services.AddOpenAIEmbeddingGenerator(options.EmbeddingModel, CreateClient(options));
        return builder;
    }

    public static OpenAIClient CreateClient(OpenAIOptions options)
    {
        // One retry at most: a person is waiting, and the offline engine answers when the endpoint fails.
        var clientOptions = new OpenAIClientOptions
        {
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 1),
        };
        if (Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)) clientOptions.Endpoint = endpoint;
        // Local servers take any key; the client insists on one.
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "none" : options.ApiKey), clientOptions);
    }
}
