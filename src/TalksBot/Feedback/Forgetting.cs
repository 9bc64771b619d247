using TalksBot.Answer;
using TalksBot.Conversations;
using TalksBot.Observability;
using TalksBot.Questions;

namespace TalksBot.Feedback;

/// <summary>/forget, on any front end: the person's questions and votes, and the conversation it is asked in; what to tell them.</summary>
public sealed class Forgetting(IQuestionLog log, IConversationStore conversations, Faults faults)
{
    /// <param name="userId">The person as the front end names them for the questions log ("telegram:42").</param>
    public async Task<string> ForgetAsync(string userId, string conversationId, bool dutch, CancellationToken cancellationToken)
    {
        var forgotten = await faults.ContainAsync<Forgotten?>("questions log", async () => await log.ForgetAsync(userId, cancellationToken), null);
        var turns = await faults.ContainAsync<bool?>("conversations", async () => await conversations.ForgetAsync(conversationId, cancellationToken), null);
        return forgotten is null || turns is null ? FeedbackTexts.ForgetFailed(dutch) : FeedbackTexts.Forgot(forgotten, turns.Value, dutch);
    }
}
