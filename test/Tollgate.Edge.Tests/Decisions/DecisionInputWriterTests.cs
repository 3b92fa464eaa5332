using System.Buffers;
using System.Text.Json;
using Tollgate.Edge.Decisions;

namespace Tollgate.Edge.Tests.Decisions;

public class DecisionInputWriterTests
{
    private static JsonElement Write(DecisionRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            DecisionInputWriter.Write(request, writer);
        }
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }

    [Fact]
    public void Input_has_the_opa_envoy_plugin_shape()
    {
        var request = new DecisionRequest { Method = "POST", Path = "/people/alice%20b/files?limit=10&tag=a&tag=b+c", Host = "api.example.com", SourceAddress = "10.0.0.1", SourcePort = 5555 };
        request.Headers.Add(new("authorization", "Bearer x"));
        request.Headers.Add(new("content-type", "application/json"));
        request.Headers.Add(new("x-multi", "1"));
        request.Headers.Add(new("X-Multi", "2"));
        request.Body = """{"name": "bob", "n": [1, 2]}""";
        request.ContextExtensions = new() { ["tenant_id"] = "1001" };

        var input = Write(request);
        var http = input.GetProperty("attributes").GetProperty("request").GetProperty("http");
        Assert.Equal("POST", http.GetProperty("method").GetString());
        Assert.Equal("/people/alice%20b/files?limit=10&tag=a&tag=b+c", http.GetProperty("path").GetString());
        Assert.Equal("api.example.com", http.GetProperty("host").GetString());
        Assert.Equal("Bearer x", http.GetProperty("headers").GetProperty("authorization").GetString());
        Assert.Equal("1, 2", http.GetProperty("headers").GetProperty("x-multi").GetString());
        Assert.Equal("""{"name": "bob", "n": [1, 2]}""", http.GetProperty("body").GetString());
        Assert.Equal("1001", input.GetProperty("attributes").GetProperty("contextExtensions").GetProperty("tenant_id").GetString());
        Assert.Equal("10.0.0.1", input.GetProperty("attributes").GetProperty("source").GetProperty("address").GetProperty("socketAddress").GetProperty("address").GetString());
        Assert.Equal("""["people","alice b","files"]""", input.GetProperty("parsed_path").GetRawText());
        Assert.Equal("""{"limit":["10"],"tag":["a","b c"]}""", input.GetProperty("parsed_query").GetRawText());
        Assert.Equal("bob", input.GetProperty("parsed_body").GetProperty("name").GetString());
        Assert.False(input.GetProperty("truncated_body").GetBoolean());
    }

    [Fact]
    public void Root_path_is_one_empty_segment_and_query_is_empty_object()
    {
        var input = Write(new DecisionRequest { Path = "/" });
        Assert.Equal("""[""]""", input.GetProperty("parsed_path").GetRawText());
        Assert.Equal("{}", input.GetProperty("parsed_query").GetRawText());
        Assert.False(input.TryGetProperty("parsed_body", out _));
    }

    [Fact]
    public void Form_bodies_parse_and_invalid_json_bodies_are_left_out()
    {
        var form = new DecisionRequest { Path = "/f", Body = "a=1&b=x%2Fy" };
        form.Headers.Add(new("content-type", "application/x-www-form-urlencoded"));
        Assert.Equal("""{"a":["1"],"b":["x/y"]}""", Write(form).GetProperty("parsed_body").GetRawText());

        var broken = new DecisionRequest { Path = "/j", Body = "{not json" };
        broken.Headers.Add(new("content-type", "application/json"));
        Assert.False(Write(broken).TryGetProperty("parsed_body", out _));
    }
}
