using Helm;
using k8s.Models;

namespace Chart.Tests;

/// <summary>Issue 17, findings 1 and 3: TLS for real deployments, and which proxies each host believes.</summary>
public sealed class IngressTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Fact]
    public async Task By_default_there_is_no_ingress_the_cookie_follows_the_scheme_and_the_frontend_believes_no_proxy()
    {
        var manifest = await chart.RenderDefaultsAsync();

        Assert.Empty(manifest.OfType<V1Ingress>());
        var frontend = manifest.Single<V1ConfigMap>("todo-frontend").Data;
        Assert.Equal("auto", frontend["SESSION_COOKIE_SECURE"]);
        Assert.False(frontend.ContainsKey("TRUSTED_PROXIES"));
        Assert.Equal("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", manifest.Single<V1ConfigMap>("todo-backend").Data["TRUSTED_PROXIES"]);
    }

    [Fact]
    public async Task An_ingress_with_tls_serves_the_host_from_the_certificate_secret_and_makes_the_cookie_always_secure()
    {
        var manifest = await chart.RenderAsync(ChartValues.Defaults
            .With("ingress.enabled", "true")
            .With("ingress.className", "nginx")
            .With("ingress.host", "todo.example.com")
            .With("ingress.tls.enabled", "true")
            .With("ingress.annotations.cert-manager\\.io/cluster-issuer", "letsencrypt"));

        var ingress = manifest.Single<V1Ingress>("todo-frontend");
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal("letsencrypt", ingress.Metadata.Annotations["cert-manager.io/cluster-issuer"]);
        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.Equal(("todo-frontend-tls", "todo.example.com"), (tls.SecretName, Assert.Single(tls.Hosts)));
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Equal("todo.example.com", rule.Host);
        Assert.Equal(("todo-frontend", "http"), (rule.Http.Paths[0].Backend.Service.Name, rule.Http.Paths[0].Backend.Service.Port.Name));
        var frontend = manifest.Single<V1ConfigMap>("todo-frontend").Data;
        Assert.Equal("always", frontend["SESSION_COOKIE_SECURE"]);
        // Behind the ingress controller the frontend must believe its X-Forwarded-For, or every user shares one address.
        Assert.Equal("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", frontend["TRUSTED_PROXIES"]);
    }

    [Fact]
    public async Task Tls_without_a_host_is_refused_at_render_time()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => chart.Verification.RenderAsync(ChartValues.Defaults
            .With("ingress.enabled", "true").With("ingress.tls.enabled", "true")));

        Assert.Contains("ingress.host is required", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frontend.settings.TRUSTED_PROXIES")]
    [InlineData("frontend.settings.SESSION_COOKIE_SECURE")]
    [InlineData("backend.settings.TRUSTED_PROXIES")]
    [InlineData("backend.settings.DATABASE_PASSWORD")]
    public async Task Settings_the_chart_owns_cannot_be_overridden_through_settings(string key)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => chart.Verification.RenderAsync(ChartValues.Defaults.With(key, "0.0.0.0/0")));

        Assert.Contains("set by the chart", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_frontend_may_reach_only_dns_and_the_backend_and_the_database_nothing()
    {
        var manifest = await chart.RenderDefaultsAsync();

        var frontend = manifest.Single<V1NetworkPolicy>("todo-frontend").Spec;
        Assert.Contains("Egress", frontend.PolicyTypes);
        Assert.Equal(2, frontend.Egress.Count);
        Assert.All(frontend.Egress[0].Ports, p => Assert.Equal("53", p.Port.Value));
        Assert.Null(frontend.Egress[0].To);
        Assert.Equal("backend", Assert.Single(frontend.Egress[1].To).PodSelector.MatchLabels["app.kubernetes.io/component"]);
        var database = manifest.Single<V1NetworkPolicy>("todo-postgresql").Spec;
        Assert.Contains("Egress", database.PolicyTypes);
        Assert.Empty(database.Egress ?? []);
    }
}
