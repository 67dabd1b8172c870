using System.Reflection;
using Resilience;
using Todo.Contracts;

namespace Build.Tests.Resilience;

public class MalformedBurstTests
{
    static readonly IReadOnlyList<MalformedRequest> Burst = MalformedRequests.All();

    static string PathOnly(string path) => path.Split('?')[0];

    [Fact]
    public void Every_fixed_route_of_the_api_is_hit()
    {
        var routes = typeof(ApiRoutes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name != nameof(ApiRoutes.Prefix))
            .Select(field => (string)field.GetRawConstantValue()!);

        Assert.All(routes, route => Assert.Contains(Burst, request => PathOnly(request.Path) == route));
    }

    [Fact]
    public void The_routes_with_ids_are_hit_with_impossible_ids()
    {
        Assert.Contains(Burst, request => request.Path == "/api/tasks/abc");
        Assert.Contains(Burst, request => request.Path == "/api/tasks/99999999999999999999");
        Assert.Contains(Burst, request => request.Path == "/api/conversations/not-a-guid/messages");
    }

    [Fact]
    public void Every_route_that_takes_a_body_gets_one_past_the_backends_body_limit()
    {
        foreach (var (method, path) in MalformedRequests.BodyRoutes)
            Assert.Contains(Burst, request => request.Method == method && request.Path == path && request.Body!.Length > 64 * 1024);
    }

    [Fact]
    public void Every_route_that_takes_a_body_gets_broken_json_and_a_wrong_content_type()
    {
        foreach (var (method, path) in MalformedRequests.BodyRoutes)
        {
            Assert.Contains(Burst, request => request.Method == method && request.Path == path && request.Description.EndsWith("truncated JSON", StringComparison.Ordinal));
            Assert.Contains(Burst, request => request.Method == method && request.Path == path && request.ContentType == "application/xml");
        }
    }

    [Fact]
    public void Each_request_says_what_it_is() =>
        Assert.Equal(Burst.Count, Burst.Select(request => request.Description).Distinct().Count());

    [Fact]
    public void Extra_routes_join_the_burst()
    {
        var burst = MalformedRequests.All([("POST", "/bff/signin")], ["/bff/signin"]);

        Assert.Contains(burst, request => request.Path == "/bff/signin" && request.Description.EndsWith("truncated JSON", StringComparison.Ordinal));
        Assert.DoesNotContain(burst, request => request.Path == ApiRoutes.Tasks);
    }

    [Fact]
    public void Only_5xx_answers_are_server_errors_and_unanswered_requests_are_kept_apart()
    {
        var request = Burst[0];
        var figures = BurstFigures.From([
            new BurstAnswer("backend", request, 400, null),
            new BurstAnswer("backend", request, 413, null),
            new BurstAnswer("frontend", request, 502, null),
            new BurstAnswer("frontend", request, null, "connection reset"),
        ]);

        Assert.False(figures.NoServerErrors);
        Assert.Equal(502, Assert.Single(figures.ServerErrors).Status);
        Assert.Single(figures.Unanswered);
        Assert.Equal(new Dictionary<string, int> { ["4xx"] = 2, ["5xx"] = 1, ["no answer"] = 1 }, figures.ByStatusClass);
    }

    [Fact]
    public void The_first_matching_readiness_sample_from_a_moment_on_is_found()
    {
        ReadinessSample[] samples = [new(TimeSpan.FromMilliseconds(10), 200), new(TimeSpan.FromMilliseconds(30), 503), new(TimeSpan.FromMilliseconds(50), null)];

        Assert.Equal(TimeSpan.FromMilliseconds(30), ReadinessWatch.First(samples, TimeSpan.FromMilliseconds(20), status => status == 503));
        Assert.Null(ReadinessWatch.First(samples, TimeSpan.FromMilliseconds(60), status => status is null));
    }
}
