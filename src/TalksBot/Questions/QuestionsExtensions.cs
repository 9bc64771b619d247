using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalksBot.Feedback;
using TalksBot.Storage;

namespace TalksBot.Questions;

public static class QuestionsExtensions
{
    /// <summary>The questions log (LiteDB, or PostgreSQL for replicas), its retention, and the feedback buttons' votes in it.</summary>
    public static IHostApplicationBuilder AddQuestionLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuestionLogOptions>().BindConfiguration("QuestionLog")
            .Validate(o => o.RetentionDays >= 1, "QuestionLog:RetentionDays must be at least 1.")
            .ValidateOnStart();
        if (builder.UsesPostgres()) builder.Services.AddSingleton<IQuestionLog, PostgresQuestionLog>();
        else builder.Services.AddSingleton<IQuestionLog, LiteDbQuestionLog>();
        builder.Services.AddSingleton<FeedbackService>();
        builder.Services.AddSingleton<Forgetting>();
        builder.Services.AddSingleton<LabelledQuestions>();
        return builder;
    }
}
