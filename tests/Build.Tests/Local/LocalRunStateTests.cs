using Local;

namespace Build.Tests.Local;

public class LocalRunStateTests
{
    [Fact]
    public void The_state_survives_a_round_trip_through_its_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"local-run-{Guid.NewGuid():N}", "local-run.json");
        var state = new LocalRunState
        {
            RunId = "ab12cd34",
            StartedAt = new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero),
            RunDirectory = "/tmp/todo-local-ab12cd34",
            Network = "todo-local-ab12cd34",
            Containers = ["todo-backend-0-backend-ab12cd34", "todo-frontend-0-frontend-ab12cd34"],
            Volumes = ["todo-local-ab12cd34-data-todo-postgresql-0"],
            Postgres = new LocalPostgresState("/tmp/todo-local-ab12cd34/pgdata", "/tmp/todo-local-ab12cd34/socket", 54321, "127.0.0.1,172.18.0.1", "todo", "todo"),
            BackendContainer = "todo-backend-ab12cd34",
            BackendPort = 8000,
            FrontendUrl = "http://127.0.0.1:49154/",
            BackendUrl = "http://127.0.0.1:49153/",
        };
        try
        {
            state.Save(file);
            var loaded = LocalRunState.Load(file);

            Assert.NotNull(loaded);
            Assert.Equal(state.Containers, loaded.Containers);
            Assert.Equal(state.Volumes, loaded.Volumes);
            Assert.Equal(state with { Containers = loaded.Containers, Volumes = loaded.Volumes }, loaded);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void No_file_means_no_run() =>
        Assert.Null(LocalRunState.Load(Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.json")));

    [Fact]
    public void Run_ids_are_short_lowercase_hex_and_differ() =>
        Assert.Matches("^[0-9a-f]{8}$", LocalRunState.NewRunId());
}
