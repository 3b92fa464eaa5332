using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Cli;

/// <summary>
/// The control plane's REST API from the operator's side (docs/control-plane.md): a base URL, a bearer token,
/// JSON in and out. Failures become <see cref="ControlPlaneClientException"/> with a message fit to print.
/// </summary>
public sealed class ControlPlaneClient : IDisposable
{
    public const string NdjsonMediaType = "application/x-ndjson";

    private readonly HttpClient _http;
    private readonly string? _token;

    public ControlPlaneClient(Uri server, string? token, HttpMessageHandler? handler = null)
    {
        Server = server;
        _token = string.IsNullOrEmpty(token) ? null : token;
        // No client-side timeout: a batch publish of thousands of tenants may legitimately take minutes;
        // callers pass a CancellationToken instead.
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public Uri Server { get; }

    public Task<JsonNode?> GetAsync(string path, CancellationToken ct = default) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonNode?> PostAsync(string path, JsonNode? body, CancellationToken ct = default) => SendAsync(HttpMethod.Post, path, body ?? new JsonObject(), ct);

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct = default)
    {
        using var request = Request(method, path, body);
        using var response = await Send(request, HttpCompletionOption.ResponseContentRead, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw Failure(response, text);
        return Parse(text, path);
    }

    /// <summary>
    /// POST /v1/publish asking for a progress stream (NDJSON): <paramref name="progress"/> gets (built, total) as
    /// the server builds, <paramref name="stored"/> (stored, total) as it writes the artifacts; the result is the
    /// publish answer (revisions, failures, elapsed_ms). A server that does not stream answers with the plain JSON
    /// object, which is returned as is.
    /// </summary>
    public async Task<JsonObject> PublishAsync(JsonObject request, Action<int, int>? progress = null, Action<int, int>? stored = null, CancellationToken ct = default)
    {
        using var message = Request(HttpMethod.Post, "/v1/publish", request);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(NdjsonMediaType));
        using var response = await Send(message, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!string.Equals(response.Content.Headers.ContentType?.MediaType, NdjsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode && !IsPublishAnswer(text)) throw Failure(response, text);
            return Parse(text, "/v1/publish") as JsonObject ?? throw new ControlPlaneClientException("the control plane answered the publish with something other than a JSON object");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        try
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0) continue;
                var node = Parse(line, "/v1/publish") as JsonObject ?? throw new ControlPlaneClientException("unexpected line in the publish stream: " + line);
                if (node["progress"] is JsonObject p)
                {
                    var total = p["total"]?.GetValue<int>() ?? 0;
                    if (p["stored"] is JsonValue s) stored?.Invoke(s.GetValue<int>(), total);
                    else progress?.Invoke(p["built"]?.GetValue<int>() ?? 0, total);
                    continue;
                }
                if (node["error"] is JsonValue error) throw new ControlPlaneClientException(error.GetValue<string>(), 500);
                return node;
            }
        }
        catch (IOException ex)
        {
            throw new ControlPlaneClientException($"the control plane at {Server} dropped the publish stream: {ex.Message}", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ControlPlaneClientException($"the control plane at {Server} dropped the publish stream: {ex.Message}", null, ex);
        }
        throw new ControlPlaneClientException($"the control plane at {Server} ended the publish stream without a result (did it stop?)");
    }

    /// <summary>A 422 publish answer (every tenant failed to build) still carries the failures to show.</summary>
    private static bool IsPublishAnswer(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject o && o["failures"] is JsonArray;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, new Uri(Server, path));
        if (_token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    private async Task<HttpResponseMessage> Send(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException is SocketException se ? se.Message : ex.Message;
            throw new ControlPlaneClientException($"cannot reach the control plane at {Server}: {reason}", null, ex);
        }
    }

    private static ControlPlaneClientException Failure(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        string? message = null;
        try
        {
            message = JsonNode.Parse(text) is JsonObject o && o["error"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        message ??= text.Length > 0 ? text : response.ReasonPhrase ?? "no error text";
        return new ControlPlaneClientException($"{message} (HTTP {status})", status);
    }

    private static JsonNode? Parse(string text, string path)
    {
        if (text.Length == 0) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ControlPlaneClientException($"the control plane answered {path} with invalid JSON: {ex.Message}", null, ex);
        }
    }

    public void Dispose() => _http.Dispose();
}
