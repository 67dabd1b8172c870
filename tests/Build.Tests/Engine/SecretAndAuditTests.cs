using System.Text.Json;
using Engine;

namespace Build.Tests.Engine;

public class SecretAndAuditTests
{
    const string Secret = "sk-test-4f9a1c77e2";

    sealed class SecretBuild : BuildBase
    {
        [Parameter("Model API key"), Secret]
        readonly string? ApiKey;

        Target Default => _ => _.Executes(async () =>
        {
            Log.Info("calling the model with key {0}", ApiKey);
            // A real command whose command line and output both carry the secret.
            await ProcessRunner.RunAsync(new ProcessSpec("git", ["-c", $"user.name={ApiKey}", "config", "user.name"]));
        });
    }

    [Fact]
    public async Task A_secret_parameter_is_redacted_from_console_output_and_the_audit_log()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new SecretBuild(), ["--api-key", Secret]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(Secret, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.AuditLog, StringComparison.Ordinal);
        Assert.Contains("[Default] calling the model with key ***", run.OutputLines);
        Assert.Contains("[Default] ***", run.OutputLines); // git's output
        Assert.Contains("user.name=***", run.AuditLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_shows_no_default_for_a_secret()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new SecretBuild(), ["--help"], new Dictionary<string, string> { ["API_KEY"] = Secret });

        Assert.DoesNotContain(Secret, run.Output, StringComparison.Ordinal);
        Assert.Contains(run.OutputLines, l => l.Contains("env API_KEY; secret, no default shown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audit_log_has_one_line_per_target_and_per_command()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new SecretBuild(), ["--api-key", Secret]);

        var entries = run.AuditLog.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var command = Assert.Single(entries, e => e.GetProperty("kind").GetString() == "command");
        Assert.Equal("git -c user.name=*** config user.name", command.GetProperty("commandLine").GetString());
        Assert.Equal(0, command.GetProperty("exitCode").GetInt32());
        Assert.Equal(run.Root, command.GetProperty("workingDirectory").GetString());
        Assert.Equal("Default", command.GetProperty("target").GetString());
        Assert.True(command.TryGetProperty("durationMs", out _));
        var target = Assert.Single(entries, e => e.GetProperty("kind").GetString() == "target");
        Assert.Equal("Default", target.GetProperty("name").GetString());
        Assert.Equal("succeeded", target.GetProperty("status").GetString());
    }
}
