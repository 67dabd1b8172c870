using System.Globalization;
using Todo.Api.Chat;
using Todo.Testing.Assistant;
using Xunit.Abstractions;

namespace Todo.Api.Tests;

/// <summary>
/// The built-in interpreter against Corpus/utterances.txt: what people type, and the tool call (or the kind of
/// reply) each line must produce. The corpus was written from how people talk; a miss is the parser's fault.
/// </summary>
public sealed class UtteranceCorpusTests(ITestOutputHelper output)
{
    /// <summary>A Monday, so weekday phrases in the corpus have fixed answers.</summary>
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly IReadOnlyList<CorpusLine> Corpus = UtteranceCorpus.Load();

    private static readonly string[] DestructiveTools = [TaskTools.DeleteTask, TaskTools.CompleteTask];

    public static TheoryData<int, string> Lines()
    {
        var data = new TheoryData<int, string>();
        foreach (var line in Corpus)
        {
            data.Add(line.LineNumber, line.Utterance);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Each_utterance_gets_the_expected_tool_call_or_reply(int lineNumber, string utterance)
    {
        var line = Corpus.Single(l => l.LineNumber == lineNumber);
        var intent = UtteranceParser.Parse(utterance, Today);

        Judge(intent, line).ShouldBeNull($"'{utterance}' → {Show(intent)}");
    }

    [Fact]
    public void The_corpus_covers_every_kind_and_the_interpreter_scores_fully_without_destructive_mistakes()
    {
        var corpus = Corpus;
        var report = new AssistantReport([.. corpus.Select(line =>
        {
            var intent = UtteranceParser.Parse(line.Utterance, Today);
            var miss = Judge(intent, line);
            // Destructive: deleting or completing when the line asked for something else (or for a different task).
            IReadOnlyList<string> destructive = miss is not null && intent is ToolIntent call && DestructiveTools.Contains(call.Tool)
                ? [$"{Show(intent)} instead of {line.Expected}"]
                : [];
            return new LineOutcome(line, miss is null ? null : $"{miss}, got {Show(intent)}", destructive);
        })]);

        output.WriteLine(report.ToString());
        corpus.Count.ShouldBeGreaterThanOrEqualTo(300);
        corpus.Select(l => l.Kind).Distinct().Order(StringComparer.Ordinal).ShouldBe(UtteranceCorpus.Kinds.Order(StringComparer.Ordinal));
        report.Destructive.ShouldBeEmpty(report.ToString());
        report.Outcomes.ShouldAllBe(o => o.Understood, report.ToString());
    }

    /// <summary>Null when <paramref name="intent"/> is what <paramref name="line"/> asks for, else what differs.</summary>
    private static string? Judge(Intent intent, CorpusLine line)
    {
        switch (line.Kind)
        {
            case "reply":
                return intent is ReplyIntent ? null : "expected a reply";
            case "ask":
                return intent is ReplyIntent { Text: var text } && text.Contains('?', StringComparison.Ordinal)
                    && !text.Contains("didn't understand", StringComparison.OrdinalIgnoreCase)
                    ? null : "expected a question for what is missing";
            case "suggest":
                return intent is ReplyIntent { Text: var offer } && offer.Contains(line.Suggestion!, StringComparison.Ordinal)
                    ? null : $"expected a reply suggesting '{line.Suggestion}'";
            case "confirm":
                return intent is BulkIntent bulk && bulk.Action.ToString().Equals(line.BulkAction, StringComparison.OrdinalIgnoreCase)
                    ? null : "expected a bulk request to confirm";
        }

        if (intent is not ToolIntent call)
        {
            return "expected a tool call";
        }

        var actual = call.Arguments.ToDictionary(a => a.Key, a => Format(a.Value));
        return call.Tool == line.Kind && line.Arguments.Count == actual.Count
            && line.Arguments.All(w => actual.TryGetValue(w.Key, out var value) && value == w.Value)
            ? null : "expected " + line.Expected;
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
}
