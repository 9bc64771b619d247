using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.SemanticKernel;
using TalksBot.Conversations;
using TalksBot.Extractive;
using TalksBot.Llm;
using TalksBot.Questions;
using TalksBot.Storage;

namespace TalksBot.Answer;

public static class AnswerExtensions
{
    /// <summary>The answering service and the kernel it answers through.</summary>
    public static IHostApplicationBuilder AddAnswers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnswerOptions>().BindConfiguration("Answer")
            .Validate(o => o.Engine is "extractive" or "openai", "Answer:Engine must be \"extractive\" or \"openai\".")
            .Validate(o => o.Passages >= 1 && o.MaxSentences >= 1 && o.MinCoverage is >= 0 and <= 1 && o.MaxQuestionChars >= 10,
                "Answer: Passages and MaxSentences at least 1, MinCoverage within 0..1, MaxQuestionChars at least 10.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IFunctionInvocationFilter, AnswerTimingFilter>();
        builder.Services.AddKernel();
        builder.Services.AddSingleton<QuestionReader>();
        builder.Services.AddSingleton<EvidenceScorer>();
        builder.Services.AddSingleton(_ => AnswerGate.LoadEmbedded());
        builder.Services.AddSingleton<ExtractiveAnswerer>();
        if (builder.UsesPostgres())
            builder.Services.AddSingleton<IConversationStore, PostgresConversationStore>();
        else
            builder.Services.AddSingleton<IConversationStore, LiteDbConversationStore>();
        builder.AddQuestionLog();
        builder.Services.AddSingleton<AnswerService>();
        builder.Services.AddSingleton<ExtractiveEngine>();

        var engine = builder.Configuration["Answer:Engine"] ?? ExtractiveEngine.EngineName;
        if (engine != LlmEngine.EngineName)
            builder.Services.AddSingleton<IAnswerEngine>(provider => provider.GetRequiredService<ExtractiveEngine>());
        else
        {
            var openAI = builder.Configuration.GetSection("OpenAI").Get<OpenAIOptions>() ?? new OpenAIOptions();
            builder.Services.AddOptions<OpenAIOptions>()
                .Validate(o => !string.IsNullOrWhiteSpace(o.Model), "Answer:Engine is openai, so OpenAI:Model must name the chat model.");
            if (!string.IsNullOrWhiteSpace(openAI.Model))
                builder.Services.AddOpenAIChatCompletion(openAI.Model, LlmExtensions.CreateClient(openAI), serviceId: OpenAIAnswerer.ServiceId);
            builder.Services.AddSingleton<LlmBreaker>();
            builder.Services.AddSingleton<OpenAIAnswerer>();
            builder.Services.AddSingleton<IAnswerEngine, LlmEngine>();
        }
        return builder;
    }
}
