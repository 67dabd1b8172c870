using Helm;
using k8s.Models;

namespace Chart.Tests;

/// <summary>values.schema.json and the chart's own checks refuse bad values with a message naming the field;
/// secret material supplied in values is honoured but never the default.</summary>
public sealed class ValuesTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Theory]
    [InlineData("backend.replicas", "0", "/backend/replicas")]
    [InlineData("frontend.service.type", "Nodeport", "/frontend/service/type")]
    [InlineData("frontend.service.nodePort", "80", "/frontend/service/nodePort")]
    [InlineData("database.mode", "neon", "/database/mode")]
    [InlineData("backend.image.pullPolicy", "Sometimes", "/backend/image/pullPolicy")]
    [InlineData("backend.image.digest", "sha256:nothex", "/backend/image/digest")]
    [InlineData("backend.resources.limits.memory", "lots", "/backend/resources/limits/memory")]
    [InlineData("namePrefix", "Todo_App", "/namePrefix")]
    [InlineData("backend.replcas", "3", "replcas")]
    [InlineData("backend.image.tag", "latest", "backend.image.tag")]
    [InlineData("secrets.authSigningKey", "too-short", "secrets.authSigningKey must be at least 32 bytes")]
    [InlineData("frontend.settings.BACKEND_URL", "http://elsewhere", "frontend.settings.BACKEND_URL")]
    [InlineData("backend.settings.OPENAI_API_KEY", "in-plain-sight", "backend.settings.OPENAI_API_KEY")]
    [InlineData("backend.settings.log_level", "Debug", "log_level")]
    [InlineData("postgresql.image.tag", "latest", "postgresql.image.tag")]
    public async Task A_bad_value_is_refused_with_a_message_naming_the_field(string key, string value, string named)
    {
        var refusal = await Assert.ThrowsAsync<ChartRenderException>(() => chart.Verification.RenderAsync(ChartValues.Defaults.With(key, value)));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_values_make_the_chart_render_its_own_secret_and_point_the_backend_at_it()
    {
        var values = ChartValues.Defaults.With("secrets.authSigningKey", "a-signing-key-for-a-throwaway-cluster").With("secrets.openAiApiKey", "model-key-for-tests");

        var manifest = await chart.RenderAsync(values);

        var secret = manifest.Single<V1Secret>("todo-secrets");
        Assert.Equal("model-key-for-tests", System.Text.Encoding.UTF8.GetString(secret.Data["OPENAI_API_KEY"]));
        var backend = manifest.Single<V1Deployment>("todo-backend").Container("backend");
        Assert.Equal("todo-secrets", backend.Env("AUTH_SIGNING_KEY").ValueFrom.SecretKeyRef.Name);
        Assert.Equal("todo-secrets", backend.Env("OPENAI_API_KEY").ValueFrom.SecretKeyRef.Name);
    }

    [Fact]
    public async Task Extra_settings_reach_the_backend_config_map_as_strings()
    {
        var manifest = await chart.RenderAsync(ChartValues.Defaults.With("backend.settings.LOG_LEVEL", "Debug").With("backend.settings.RATE_LIMIT_REQUESTS_PER_MINUTE", "600"));

        var data = manifest.Single<V1ConfigMap>("todo-backend").Data;

        Assert.Equal(("Debug", "600"), (data["LOG_LEVEL"], data["RATE_LIMIT_REQUESTS_PER_MINUTE"]));
    }

    [Fact]
    public async Task The_secret_policy_flags_secret_material_that_came_from_values()
    {
        var values = ChartValues.Defaults.With("secrets.authSigningKey", "a-signing-key-for-a-throwaway-cluster");

        var first = await chart.Verification.RenderAsync(values);
        var second = await chart.Verification.RenderAsync(values);
        var violations = ChartPolicy.SecretsHoldNoChartMaterial(first.Resources(), second.Resources()).ToList();

        var violation = Assert.Single(violations);
        Assert.Equal(("Secret", "todo-secrets", "data.AUTH_SIGNING_KEY"), (violation.Kind, violation.Name, violation.Field));
    }

    [Fact]
    public async Task A_fault_toggle_makes_the_backend_unready_on_purpose()
    {
        var manifest = await chart.RenderAsync(ChartValues.Defaults.With("faults.backendUnready", "true"));

        var readiness = manifest.Single<V1Deployment>("todo-backend").Container("backend").ReadinessProbe.HttpGet.Path;

        Assert.NotEqual("/health/ready", readiness);
        Assert.Equal("/health/ready", manifest.Single<V1Deployment>("todo-frontend").Container("frontend").ReadinessProbe.HttpGet.Path);
    }

    [Fact]
    public async Task Another_name_prefix_renames_every_object_and_rewires_the_frontend()
    {
        var manifest = await chart.RenderAsync(ChartValues.Defaults.With("namePrefix", "shop"));

        Assert.All(manifest.Objects, o => Assert.StartsWith("shop-", o.Name, StringComparison.Ordinal));
        Assert.Equal("http://shop-backend:8000", manifest.Single<V1ConfigMap>("shop-frontend").Data["BACKEND_URL"]);
    }
}
