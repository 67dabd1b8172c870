using System.Diagnostics;

namespace Prerequisites;

/// <summary>Runs a short, harmless query program (<c>postgres --version</c>, <c>pg_config --bindir</c>) and reads its output.</summary>
public static class ProgramProbe
{
    public static string? Run(string executable, string argument)
    {
        try
        {
            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true,
                UseShellExecute = false };
            start.ArgumentList.Add(argument);
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? output.GetAwaiter().GetResult() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not executable (wrong architecture, no permission): the folder is rejected, discovery goes on.
            return null;
        }
    }
}
