using Engine;

namespace Build.Tests.Engine;

/// <summary>A build whose targets record that they ran, so tests can see the order and what did not run.</summary>
abstract class RecordingBuild : BuildBase
{
    public List<string> Ran { get; } = [];

    protected Action Record(string name) => () =>
    {
        lock (Ran)
        {
            Ran.Add(name);
        }
    };
}
