using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Todo.Api.Chat;
using Todo.Contracts;
using Xunit.Abstractions;

namespace Todo.Api.Tests;

/// <summary>
/// The built-in interpreter against Corpus/utterances.txt: what people type, and the tool call (or the kind of
/// reply) each line must produce. The corpus was written from how people talk; a miss is the parser's fault.
/// </summary>
public sealed partial class UtteranceCorpusTests(ITestOutputHelper output)
{
    /// <summary>A Monday, so weekday phrases in the corpus have fixed answers.</summary>
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly string[] DestructiveTools = [TaskTools.DeleteTask, TaskTools.CompleteTask];

    public static TheoryData<string, string> Lines()
    {
        var data = new TheoryData<string, string>();
        foreach (var (utterance, expected) in Corpus())
        {
            data.Add(utterance, expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Each_utterance_gets_the_expected_tool_call_or_reply(string utterance, string expected)
    {
        var intent = UtteranceParser.Parse(utterance, Today);

        Judge(intent, expected).ShouldBeNull($"'{utterance}' → {Show(intent)}");
    }

    [Fact]
    public void The_corpus_covers_every_tool_and_the_interpreter_scores_fully_without_destructive_mistakes()
    {
        var results = Corpus().Select(line => (line.Expected, Intent: UtteranceParser.Parse(line.Utterance, Today), line.Utterance)).ToList();
        var report = new StringBuilder();
        foreach (var group in results.GroupBy(r => r.Expected.Split(' ')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var understood = group.Count(r => Judge(r.Intent, r.Expected) is null);
            report.AppendLine(CultureInfo.InvariantCulture, $"{group.Key,-14} {understood,4}/{group.Count(),-4} {100.0 * understood / group.Count(),6:0.0}%");
        }

        // Destructive: deleting or completing when the line asked for something else (or for a different task).
        var destructive = results.Where(r => r.Intent is ToolIntent call && DestructiveTools.Contains(call.Tool) && Judge(r.Intent, r.Expected) is not null).ToList();
        var total = results.Count(r => Judge(r.Intent, r.Expected) is null);
        report.AppendLine(CultureInfo.InvariantCulture, $"{"total",-14} {total,4}/{results.Count,-4} {100.0 * total / results.Count,6:0.0}%");
        report.AppendLine(CultureInfo.InvariantCulture, $"destructive mistakes: {destructive.Count}");
        foreach (var (_, intent, utterance) in destructive)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  '{utterance}' → {Show(intent)}");
        }

        output.WriteLine(report.ToString());
        results.Count.ShouldBeGreaterThanOrEqualTo(300);
        results.Select(r => r.Expected.Split(' ')[0]).Distinct().Count().ShouldBe(7, "add, list, complete, update, delete, ask and reply lines");
        destructive.ShouldBeEmpty(report.ToString());
        total.ShouldBe(results.Count, report.ToString());
    }

    /// <summary>Null when <paramref name="intent"/> is what <paramref name="expected"/> asks for, else what differs.</summary>
    private static string? Judge(Intent intent, string expected)
    {
        var kind = expected.Split(' ')[0];
        switch (kind)
        {
            case "reply":
                return intent is ReplyIntent ? null : "expected a reply";
            case "ask":
                return intent is ReplyIntent { Text: var text } && text.Contains('?', StringComparison.Ordinal)
                    && !text.Contains("didn't understand", StringComparison.OrdinalIgnoreCase)
                    ? null : "expected a question for what is missing";
        }

        if (intent is not ToolIntent call)
        {
            return "expected a tool call";
        }

        var wanted = Argument().Matches(expected[kind.Length..])
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bare"].Value);
        var actual = call.Arguments.ToDictionary(a => a.Key, a => Format(a.Value));
        return call.Tool == kind && wanted.Count == actual.Count && wanted.All(w => actual.TryGetValue(w.Key, out var value) && value == w.Value)
            ? null : "expected " + expected;
    }

    private static string Show(Intent intent) => intent switch
    {
        ToolIntent call => call.Tool + string.Concat(call.Arguments.Select(a => $" {a.Key}=\"{Format(a.Value)}\"")),
        ReplyIntent reply => "reply: " + reply.Text,
        _ => intent.ToString(),
    };

    private static string Format(object? value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    private static IEnumerable<(string Utterance, string Expected)> Corpus()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "utterances.txt");
        foreach (var line in File.ReadLines(path))
        {
            if (line.TrimStart().StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }

            var split = line.LastIndexOf(" => ", StringComparison.Ordinal);
            yield return (line[..split], line[(split + 4)..].Trim());
        }
    }

    [GeneratedRegex(@"(?<name>\w+)=(""(?<quoted>[^""]*)""|(?<bare>\S+))")]
    private static partial Regex Argument();
}
