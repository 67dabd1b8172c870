using k8s;

namespace Cluster;

/// <summary>Asks the API which images each node reports, and waits briefly for a just-loaded image to show up: the
/// kubelet refreshes its node status every few seconds, so an image loaded a moment ago can be missing at first.</summary>
public static class NodeImageProbe
{
    public static async Task<IReadOnlyList<NodeImageList>> ReadAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        return [.. nodes.Items.Select(n => new NodeImageList(
            n.Metadata.Name,
            [.. (n.Status?.Images ?? []).SelectMany(i => i.Names ?? [])]))];
    }

    public static async Task<NodeImageVerdict> WaitForAsync(
        IKubernetes client, IReadOnlyList<string> images, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            var verdict = NodeImages.Check(images, await ReadAsync(client, cancellationToken));
            if (verdict.AllPresent || verdict.Problem is not null || DateTimeOffset.UtcNow >= deadline)
            {
                return verdict;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }
}
