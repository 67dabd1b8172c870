using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Engine;

/// <summary>The one way the build starts external commands: output streamed with the target's name, secrets redacted,
/// one audit-log line per command, a non-zero exit turned into <see cref="ProcessFailedException"/>.</summary>
public static class ProcessRunner
{
    private const int TailLines = 30;

    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var session = BuildSession.Current;
        var target = session.CurrentTarget;
        var workingDirectory = spec.WorkingDirectory ?? session.RootDirectory;
        var commandLine = session.Redactor.Redact(spec.CommandLine);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var tail = new Queue<string>();

        void OnLine(string line, StringBuilder into)
        {
            lock (tail)
            {
                into.AppendLine(line);
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                    tail.Dequeue();
            }

            if (!spec.Quiet)
                session.WriteLine(line);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.CancellationToken);
        if (spec.Timeout is { } timeout)
            linked.CancelAfter(timeout);

        var command = Cli.Wrap(spec.Executable)
            .WithArguments(spec.Arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => OnLine(line, stdout)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => OnLine(line, stderr)));
        if (spec.Environment is { } environment)
            command = command.WithEnvironmentVariables(environment.ToDictionary(e => e.Key, e => e.Value));

        if (!spec.Quiet)
        {
            session.WriteLine($"> {commandLine}");
        }

        var stopwatch = Stopwatch.StartNew();
        int? exitCode = null;
        try
        {
            var result = await command.ExecuteAsync(linked.Token);
            exitCode = result.ExitCode;
        }
        catch (OperationCanceledException e)
            when (!cancellationToken.IsCancellationRequested && !session.CancellationToken.IsCancellationRequested)
        {
            throw new ProcessFailedException(commandLine, null, $"timed out after {spec.Timeout}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // CliWrap reports a missing executable or working directory as a start failure.
            var why = $"could not start '{spec.Executable}' in {workingDirectory}: {e.Message} Is it installed and on PATH?";
            throw new ProcessFailedException(commandLine, null, why, e);
        }
        finally
        {
            session.Audit?.Command(target, commandLine, workingDirectory, exitCode, stopwatch.Elapsed);
        }

        var processResult = new ProcessResult(exitCode.Value, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed);
        if (exitCode != 0 && !spec.AllowFailure)
        {
            string tailText;
            lock (tail)
            {
                tailText = session.Redactor.Redact(string.Join('\n', tail));
            }

            throw new ProcessFailedException(commandLine, exitCode, tailText);
        }

        return processResult;
    }
}
