using System.Text.RegularExpressions;

namespace Todo.Testing.Assistant;

/// <summary>
/// One line of the utterance corpus (tests/Todo.Api.Tests/Corpus/utterances.txt): what a person types and what must
/// follow. <see cref="Kind"/> is a tool name (add_task, list_tasks, complete_task, update_task, delete_task) with
/// <see cref="Arguments"/>, or reply, ask, confirm (with <see cref="BulkAction"/> delete or complete), or suggest (with
/// the <see cref="Suggestion"/> the reply must contain).
/// </summary>
public sealed record CorpusLine(int LineNumber, string Utterance, string Expected, string Kind, IReadOnlyDictionary<string, string> Arguments)
{
    /// <summary>"delete" or "complete" on a confirm line, else null.</summary>
    public string? BulkAction => Kind == "confirm" ? Expected.Split(' ', 2)[1].Trim() : null;

    /// <summary>The command a suggest line's reply must offer, in the user's own words, else null.</summary>
    public string? Suggestion => Kind == "suggest" ? Expected["suggest".Length..].Trim().Trim('"') : null;

    /// <summary>
    /// What the line asks for, as a person would say it: reopening is its own intent though it is the update tool,
    /// replies, suggestions and questions for what is missing are one intent (nothing may change).
    /// </summary>
    public string Intent => Kind switch
    {
        "add_task" => "add",
        "list_tasks" => "list",
        "complete_task" => "complete",
        "update_task" when Arguments.TryGetValue("completed", out var completed) && completed == "false" => "reopen",
        "update_task" => "update",
        "delete_task" => "delete",
        "confirm" => "bulk (asks first)",
        _ => "reply/ask",
    };
}

/// <summary>The one reader of the corpus format (documented at the top of the file), for the unit test and the benchmark.</summary>
public static partial class UtteranceCorpus
{
    public const string FileName = "utterances.txt";

    public static readonly IReadOnlyList<string> Kinds =
        ["add_task", "list_tasks", "complete_task", "update_task", "delete_task", "reply", "ask", "suggest", "confirm"];

    /// <summary>The corpus copied beside the running assembly (Corpus/utterances.txt), where both test and benchmark projects put it.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Corpus", FileName);

    public static IReadOnlyList<CorpusLine> Load(string? path = null) => Parse(File.ReadLines(path ?? DefaultPath));

    public static IReadOnlyList<CorpusLine> Parse(IEnumerable<string> lines)
    {
        var result = new List<CorpusLine>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (line.TrimStart().StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }

            var split = line.LastIndexOf(" => ", StringComparison.Ordinal);
            if (split < 0)
            {
                throw new FormatException($"Corpus line {number} has no ' => ': {line}");
            }

            var expected = line[(split + 4)..].Trim();
            var kind = expected.Split(' ')[0];
            if (!Kinds.Contains(kind) || (kind == "confirm" && expected is not ("confirm delete" or "confirm complete"))
                || (kind == "suggest" && !Suggested().IsMatch(expected)))
            {
                throw new FormatException(
                    $"Corpus line {number} expects '{expected}': not one of {string.Join(", ", Kinds)} (confirm delete|complete, suggest \"command\")");
            }

            var arguments = Argument().Matches(expected[kind.Length..])
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bare"].Value);
            result.Add(new CorpusLine(number, line[..split], expected, kind, arguments));
        }

        return result;
    }

    [GeneratedRegex(@"^suggest ""[^""]+""$")]
    private static partial Regex Suggested();

    [GeneratedRegex(@"(?<name>\w+)=(""(?<quoted>[^""]*)""|(?<bare>\S+))")]
    private static partial Regex Argument();
}
