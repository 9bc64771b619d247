using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;

namespace TalksBot.Cli;

/// <summary>`chat`: a conversation on the console; follow-up questions are understood from the earlier ones.</summary>
public static class ChatCommand
{
    public static Command Create()
    {
        var command = new Command("chat", "Ask questions one after another; follow-ups such as \"and how many?\" work.");
        command.SetAction((_, cancellationToken) => CliHost.RunAsync(async services =>
        {
            var answers = services.GetRequiredService<AnswerService>();
            var conversation = "console:" + Guid.NewGuid().ToString("N");
            Console.WriteLine("Ask about the texts; an empty line or Ctrl-D ends.");
            while (!cancellationToken.IsCancellationRequested)
            {
                Console.Write("\n> ");
                var line = Console.ReadLine();
                if (string.IsNullOrWhiteSpace(line)) break;
                var answer = await answers.AskAsync(line, conversation, Asker.Console, cancellationToken);
                Console.WriteLine();
                if (answer.Error is not null) Console.WriteLine(AskCommand.Printable(answer.Error));
                else Console.Write(AskCommand.Render(answer));
            }
            return 0;
        }));
        return command;
    }
}
