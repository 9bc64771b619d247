using System.CommandLine;
using TalksBot.Cli;

var root = new RootCommand("TalksBot answers questions about the Russia–Ukraine peace talks from curated news texts.");
root.Subcommands.Add(IndexCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(AskCommand.Create());
root.Subcommands.Add(ChatCommand.Create());
root.Subcommands.Add(FeedsCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(TelegramCommand.Create());
root.Subcommands.Add(DiscordCommand.Create());
root.Subcommands.Add(HealthCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(QuestionsCommand.Create());
root.Subcommands.Add(SourcesCommand.Create());
return await root.Parse(args).InvokeAsync();
