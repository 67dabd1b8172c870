using Images;

namespace Build.Tests.Images;

public class SecretScanTests
{
    static DockerImage Image(string user = "1654", string[]? environment = null, Dictionary<string, string>? labels = null) => new(
        "sha256:1", 1, user,
        environment ?? ["PATH=/usr/bin", "ASPNETCORE_HTTP_PORTS=8000", "APP_UID=1654"],
        labels ?? new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.4.0" },
        ["/app/Todo.Api"], [], ["todo-backend:1.4.0"]);

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIE...", "private key")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----", "private key")]
    [InlineData("-----BEGIN PRIVATE KEY-----", "private key")]
    [InlineData("\"Todo\": \"Host=db;Username=todo;Password=hunter22\"", "password assignment")]
    [InlineData("password: s3cr3t-value", "password assignment")]
    [InlineData("DATABASE_URL=postgres://todo:hunter22@db:5432/todo", "credentials in a URL")]
    [InlineData("OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345", "OpenAI-style API key")]
    [InlineData("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "AWS access key")]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", "GitHub token")]
    [InlineData("\"ApiKey\": \"a1b2c3d4e5f6a7b8c9d0\"", "key or token assignment")]
    public void Secret_looking_text_is_found(string text, string rule) =>
        Assert.Contains(SecretScan.InText("appsettings.json", text), f => f.Rule == rule);

    [Theory]
    [InlineData("Password=${POSTGRES_PASSWORD}")]
    [InlineData("\"Password\": \"\"")]
    [InlineData("password: <your password>")]
    [InlineData("Password=********")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa")]
    [InlineData("\"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } }")]
    [InlineData("BACKEND_URL=http://todo-backend:8000")]
    [InlineData("passwd: files\ngroup: files\nhosts: files dns")]
    public void References_blanks_certificates_and_ordinary_settings_are_not_secrets(string text) =>
        Assert.Empty(SecretScan.InText("appsettings.json", text));

    [Fact]
    public void A_finding_shows_where_and_which_rule_but_not_the_value()
    {
        var finding = Assert.Single(SecretScan.InText("layer 2 /app/appsettings.json", "Password=hunter22"));

        Assert.Equal("layer 2 /app/appsettings.json", finding.Where);
        Assert.DoesNotContain("hunter22", finding.ToString(), StringComparison.Ordinal);
        Assert.Contains("hu…", finding.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_non_root_image_configuration_has_no_findings() =>
        Assert.Empty(SecretScan.InConfig(Image()));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("root")]
    [InlineData("0:0")]
    [InlineData("root:app")]
    public void An_image_that_runs_as_root_is_a_finding(string user) =>
        Assert.Contains(SecretScan.InConfig(Image(user: user)), f => f.Rule == "runs as root");

    [Theory]
    [InlineData("1654")]
    [InlineData("app")]
    [InlineData("1654:1654")]
    public void A_non_root_user_is_fine(string user) =>
        Assert.False(SecretScan.IsRoot(user));

    [Fact]
    public void A_secret_named_variable_with_a_value_in_the_image_is_a_finding()
    {
        var findings = SecretScan.InConfig(Image(environment: ["PATH=/usr/bin", "AUTH_SIGNING_KEY=9f8e7d6c5b4a", "OPENAI_API_KEY="]));

        var finding = Assert.Single(findings);
        Assert.Equal("config Env AUTH_SIGNING_KEY", finding.Where);
    }

    [Fact]
    public void Labels_are_scanned_too() =>
        Assert.Contains(
            SecretScan.InConfig(Image(labels: new Dictionary<string, string> { ["db"] = "postgres://todo:hunter22@db/todo" })),
            f => f.Where == "config Label db");
}
