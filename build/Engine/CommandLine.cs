namespace Engine;

/// <summary>The build's arguments: target names first, then <c>--options</c>, each with the values that follow it.</summary>
internal sealed class CommandLine
{
    /// <summary>The engine's own options; every other option must name a parameter.</summary>
    public static readonly IReadOnlyList<string> BuiltIns = ["help", "plan", "skip", "force", "profile"];

    private static readonly HashSet<string> Flags = ["help", "plan"];

    public List<string> Targets { get; } = [];

    /// <summary>Options by normalized name (see <see cref="ParameterMember.Normalize"/>), with the spelling used.</summary>
    public Dictionary<string, List<string>> Options { get; } = [];

    public Dictionary<string, string> Spellings { get; } = [];

    public bool Help => Options.ContainsKey("help");

    public bool Plan => Options.ContainsKey("plan");

    public string? Profile => Options.TryGetValue("profile", out var values) ? values.SingleOrDefault() : null;

    /// <summary>Null: no --skip. Empty: bare --skip, every target but the invoked ones.</summary>
    public IReadOnlyList<string>? Skip => Options.TryGetValue("skip", out var values) ? values : null;

    /// <summary>Null: no --force. Empty: bare --force, every target runs even when up to date.</summary>
    public IReadOnlyList<string>? Force => Options.TryGetValue("force", out var values) ? values : null;

    public static CommandLine Parse(IReadOnlyList<string> arguments)
    {
        var commandLine = new CommandLine();
        List<string>? current = null;
        foreach (var argument in arguments)
        {
            if (argument is "-h" or "-?")
                current = commandLine.Option("help", argument);
            else if (argument.StartsWith("--", StringComparison.Ordinal) && argument.Length > 2)
            {
                var equals = argument.IndexOf('=', StringComparison.Ordinal);
                var name = equals > 0 ? argument[..equals] : argument;
                current = commandLine.Option(ParameterMember.Normalize(name), name);
                if (equals > 0)
                {
                    current.Add(argument[(equals + 1)..]);
                    current = null;
                }
            }
            else if (current is not null)
                current.Add(argument);
            else
                commandLine.Targets.Add(argument);
        }

        // A flag takes no value: `--plan Test` means the flag and the target Test.
        foreach (var flag in Flags.Where(commandLine.Options.ContainsKey))
        {
            commandLine.Targets.AddRange(commandLine.Options[flag]);
            commandLine.Options[flag].Clear();
        }

        return commandLine;
    }

    private List<string> Option(string name, string spelling)
    {
        if (!Options.TryGetValue(name, out var values))
        {
            Options[name] = values = [];
            Spellings[name] = spelling;
        }

        return values;
    }
}
