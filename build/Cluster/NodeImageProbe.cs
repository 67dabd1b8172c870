using Engine;
using k8s;

namespace Cluster;

/// <summary>Finds out whether just-loaded images are on the cluster's nodes: first by asking each node's container
/// runtime (<see cref="RuntimeImages"/>), which is immediate; where that cannot be asked or fails, by polling
/// <c>node.status.images</c> long enough for the kubelet to report them (see <see cref="NodeStatusPatience"/>).</summary>
public static class NodeImageProbe
{
    /// <summary>The kubelet refreshes the image list it reports every 30 s (pkg/kubelet/images/image_gc_manager.go,
    /// the image cache refreshed in <c>Start</c>) and computes node status every <c>nodeStatusUpdateFrequency</c>
    /// (10 s), posting it early only when something changed (KubeletConfiguration docs, <c>nodeStatusReportFrequency</c>):
    /// up to ~40 s before a loaded image shows. 90 s leaves room for a slow node.</summary>
    public static readonly TimeSpan NodeStatusPatience = TimeSpan.FromSeconds(90);

    public static async Task<IReadOnlyList<NodeImageList>> ReadNodeStatusAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        return [.. nodes.Items.Select(n => new NodeImageList(
            n.Metadata.Name,
            [.. (n.Status?.Images ?? []).Select(i => (IReadOnlyList<string>)[.. i.Names ?? []])],
            ImageListSource.NodeStatus))];
    }

    /// <summary>The runtimes' lists, or null (with the reason logged) when any of them cannot be read.</summary>
    public static async Task<IReadOnlyList<NodeImageList>?> ReadRuntimesAsync(
        IReadOnlyList<RuntimeImageQuery> queries, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(log);
        if (queries.Count == 0)
        {
            return null;
        }

        var lists = new List<NodeImageList>();
        foreach (var query in queries)
        {
            try
            {
                var result = await ProcessRunner.RunAsync(new ProcessSpec(query.Command.Executable, query.Command.Arguments)
                {
                    Quiet = true,
                    AllowFailure = true,
                    Timeout = TimeSpan.FromSeconds(60),
                }, cancellationToken);
                if (result.ExitCode != 0)
                {
                    log($"`{query.Command}` failed ({result.ExitCode}: {result.StandardError.Trim()}); reading node status instead");
                    return null;
                }

                lists.Add(new NodeImageList(query.Node, RuntimeImages.Parse(query.Format, result.StandardOutput), ImageListSource.Runtime));
            }
            catch (ProcessFailedException e)
            {
                log($"`{query.Command}` could not run ({e.Message}); reading node status instead");
                return null;
            }
        }

        return lists;
    }

    /// <summary>The verdict on <paramref name="images"/>: from the runtimes when they answer, else from node status
    /// polled until every image shows or <paramref name="patience"/> ends. The transport names the cluster and the
    /// docker CLI that asks kind's and k3d's nodes.</summary>
    public static async Task<(NodeImageVerdict Verdict, ImageListSource Source)> CheckAsync(
        IKubernetes client, ImageTransport transport, IReadOnlyList<string> images, TimeSpan patience, Action<string> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(transport);
        var statusLists = await ReadNodeStatusAsync(client, cancellationToken);
        var queries = RuntimeImages.Queries(transport.Cluster, [.. statusLists.Select(n => n.NodeName)], transport.DockerCli);
        var runtimeLists = await ReadRuntimesAsync(queries, log, cancellationToken);
        if (runtimeLists is not null)
        {
            return (NodeImages.Check(images, runtimeLists), ImageListSource.Runtime);
        }

        return (await WaitForNodeStatusAsync(client, images, statusLists, patience, TimeSpan.FromSeconds(5), cancellationToken),
            ImageListSource.NodeStatus);
    }

    public static async Task<NodeImageVerdict> WaitForNodeStatusAsync(
        IKubernetes client, IReadOnlyList<string> images, IReadOnlyList<NodeImageList>? first, TimeSpan patience, TimeSpan interval,
            CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        var lists = first ?? await ReadNodeStatusAsync(client, cancellationToken);
        while (true)
        {
            var verdict = NodeImages.Check(images, lists);
            // An inconclusive node (its list cut at the kubelet's limits) will not become conclusive by waiting.
            if (verdict.AllPresent || verdict.Problem is not null || DateTimeOffset.UtcNow >= deadline)
            {
                return verdict;
            }

            await Task.Delay(interval, cancellationToken);
            lists = await ReadNodeStatusAsync(client, cancellationToken);
        }
    }
}
