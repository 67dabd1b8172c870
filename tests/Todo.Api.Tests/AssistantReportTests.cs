using Todo.Contracts;
using Todo.Testing.Assistant;

namespace Todo.Api.Tests;

/// <summary>The AssistantBenchmark's judgement and figures, on hand-made task lists (the benchmark itself runs the app).</summary>
public sealed class AssistantReportTests
{
    private static readonly IReadOnlyList<TaskItem> Seed = [Task(1, "buy milk"), Task(2, "pay rent"), Task(3, "call mom"), Task(4, "water the plants", done: true)];

    [Fact]
    public void The_share_is_counted_per_intent_and_an_intent_below_95_percent_gets_a_MISSED_line()
    {
        var outcomes = Enumerable.Range(1, 20).Select(i => Outcome($"add thing {i} => add_task title=\"thing {i}\"", understood: i != 1))
            .Concat(Enumerable.Range(1, 10).Select(i => Outcome($"delete {i} => delete_task id={i}", understood: i > 2)))
            .Concat([Outcome("reopen 3 => update_task id=3 completed=false", understood: true)]);

        var report = new AssistantReport([.. outcomes]);

        report.Intents.ShouldBe(
        [
            new IntentShare("add", 19, 20), new IntentShare("delete", 8, 10), new IntentShare("reopen", 1, 1),
        ]);
        report.Missed.ShouldBe(["MISSED delete: 80.0 % understood (8/10), goal ≥ 95 %"]);
        report.GoalsMet.ShouldBeFalse();
        report.ToString().ShouldContain("1 goal(s) missed (31 lines).");
    }

    [Fact]
    public void Any_destructive_mistake_is_a_missed_goal_even_when_every_intent_scores()
    {
        var line = Line("delete 1 => delete_task id=1");
        var report = new AssistantReport([new LineOutcome(line, null, ["deleted task 2 'pay rent' unasked"])]);

        report.Destructive.ShouldBe(["line 1 'delete 1': deleted task 2 'pay rent' unasked"]);
        report.Missed.ShouldBe(["MISSED destructive mistakes: 1, goal 0"]);
        report.ToString().ShouldContain("destructive mistakes: 1");
    }

    [Fact]
    public void With_every_goal_met_there_is_no_MISSED_line_and_the_summary_says_so()
    {
        var report = new AssistantReport([Outcome("hi => reply", understood: true), Outcome("clear my list => confirm delete", understood: true)]);

        report.Missed.ShouldBeEmpty();
        report.GoalsMet.ShouldBeTrue();
        report.ToString().ShouldEndWith("All goals met: every intent ≥ 95 %, no destructive mistakes (2 lines).");
    }

    [Fact]
    public void Deleting_the_wrong_task_is_a_miss_and_a_destructive_mistake()
    {
        var outcome = EffectJudge.Judge(Line("delete 1 => delete_task id=1"), Seed, new Turn("Deleted task 2.", Without(2)));

        outcome.Understood.ShouldBeFalse();
        outcome.Destructive.ShouldBe(["deleted task 2 'pay rent' unasked"]);
    }

    [Fact]
    public void Deleting_everything_on_the_first_message_is_a_bulk_action_without_confirmation()
    {
        var outcome = EffectJudge.Judge(Line("clear my list => confirm delete"), Seed, new Turn("Done.", []), new Turn("Nothing to confirm.", []));

        outcome.Understood.ShouldBeFalse();
        outcome.Destructive.ShouldContain("a bulk action without confirmation (4 deleted, 0 completed in one turn)");
        outcome.Destructive.Count.ShouldBe(5);
    }

    [Fact]
    public void A_confirm_line_is_understood_when_it_asks_with_the_count_and_the_yes_deletes_exactly_those()
    {
        var line = Line("clear my list => confirm delete");

        var asked = EffectJudge.Judge(line, Seed, new Turn("This would delete all 4 of your tasks. Reply 'yes' to go ahead.", Seed), new Turn("Done.", []));
        var wrongCount = EffectJudge.Judge(line, Seed, new Turn("This would delete all 3 of your tasks. Reply 'yes'.", Seed), new Turn("Done.", []));
        var yesIgnored = EffectJudge.Judge(line, Seed, new Turn("This would delete all 4 of your tasks. Reply 'yes'.", Seed), new Turn("Okay.", Seed));

        asked.Understood.ShouldBeTrue(asked.Miss);
        asked.Destructive.ShouldBeEmpty();
        wrongCount.Understood.ShouldBeFalse();
        yesIgnored.Understood.ShouldBeFalse();
    }

    [Fact]
    public void An_added_task_must_have_the_expected_fields_and_an_empty_one_is_destructive()
    {
        var line = Line("add call the vet tomorrow => add_task title=\"call the vet\" dueDate=2026-12-01");

        var right = EffectJudge.Judge(line, Seed, new Turn("Added.", [.. Seed, Task(5, "call the vet", due: new DateOnly(2026, 12, 1))]));
        var noDate = EffectJudge.Judge(line, Seed, new Turn("Added.", [.. Seed, Task(5, "call the vet tomorrow")]));
        var empty = EffectJudge.Judge(line, Seed, new Turn("Added.", [.. Seed, Task(5, " ")]));

        right.Understood.ShouldBeTrue(right.Miss);
        noDate.Miss.ShouldBe("added, but expected title 'call the vet' (got 'call the vet tomorrow'), due 2026-12-01 (got none)");
        empty.Destructive.ShouldBe(["created an empty task 5"]);
    }

    [Fact]
    public void A_list_line_is_judged_by_the_tasks_its_reply_shows()
    {
        var line = Line("what's left => list_tasks status=Open");

        var right = EffectJudge.Judge(line, Seed, new Turn("You have 3 open tasks: buy milk, pay rent, call mom", Seed));
        var showsDone = EffectJudge.Judge(line, Seed, new Turn("buy milk, pay rent, call mom, water the plants", Seed));
        var somethingElse = EffectJudge.Judge(line, Seed, new Turn("Added task 5 'what's left'.", [.. Seed, Task(5, "what's left")]));

        right.Understood.ShouldBeTrue(right.Miss);
        showsDone.Understood.ShouldBeFalse();
        somethingElse.Understood.ShouldBeFalse();
    }

    [Fact]
    public void A_title_the_seed_cannot_resolve_to_one_task_is_reported_as_a_seed_problem_not_a_parser_miss()
    {
        var outcome = EffectJudge.Judge(Line("complete buy => complete_task title=\"buy\""), [.. Seed, Task(5, "buy bread")], new Turn("Which one?", Seed));

        outcome.Miss.ShouldBe("the seed has no single task for complete_task title=\"buy\" (fix the benchmark's seed)");
    }

    private static LineOutcome Outcome(string text, bool understood) =>
        new(Line(text), understood ? null : "not understood", []);

    private static CorpusLine Line(string text) => UtteranceCorpus.Parse([text]).Single();

    private static List<TaskItem> Without(int id) => [.. Seed.Where(t => t.Id != id)];

    private static TaskItem Task(int id, string title, bool done = false, DateOnly? due = null) =>
        new(id, title, null, done, TaskPriority.Medium, due, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, done ? DateTimeOffset.UnixEpoch : null);
}
