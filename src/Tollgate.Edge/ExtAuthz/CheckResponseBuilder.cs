using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Tollgate.Edge.Decisions;
using Tollgate.Edge.ExtAuthz.Wire;
using RpcStatus = Tollgate.Edge.ExtAuthz.Wire.Rpc.Status;

namespace Tollgate.Edge.ExtAuthz;

/// <summary><see cref="Decision"/> → Envoy's CheckResponse (OK with ok_response, or PERMISSION_DENIED with denied_response).</summary>
internal static class CheckResponseBuilder
{
    private const int GrpcOk = 0;
    private const int GrpcInvalidArgument = 3;
    private const int GrpcPermissionDenied = 7;

    public static CheckResponse Build(Decision decision)
    {
        var response = new CheckResponse();
        if (decision.Allowed)
        {
            response.Status = new RpcStatus { Code = GrpcOk };
            var ok = new OkHttpResponse();
            AddHeaders(ok.Headers, decision.Headers);
            AddHeaders(ok.ResponseHeadersToAdd, decision.ResponseHeadersToAdd);
            if (decision.RequestHeadersToRemove is { } remove)
            {
                ok.HeadersToRemove.Add(remove);
            }
            response.OkResponse = ok;
        }
        else
        {
            response.Status = new RpcStatus { Code = GrpcPermissionDenied, Message = decision.Reason ?? "" };
            var denied = new DeniedHttpResponse
            {
                Status = new HttpStatus { Code = (StatusCode)decision.DeniedStatusOrDefault },
                Body = decision.Body ?? decision.Reason ?? "",
            };
            AddHeaders(denied.Headers, decision.Headers);
            response.DeniedResponse = denied;
        }
        if (decision.DynamicMetadataJson is { } metadata)
        {
            response.DynamicMetadata = JsonParser.Default.Parse<Struct>(metadata);
        }
        return response;
    }

    public static CheckResponse Malformed(string problem) => new()
    {
        Status = new RpcStatus { Code = GrpcInvalidArgument, Message = problem },
        DeniedResponse = new DeniedHttpResponse
        {
            Status = new HttpStatus { Code = StatusCode.BadRequest },
            Body = problem,
        },
    };

    private static void AddHeaders(Google.Protobuf.Collections.RepeatedField<HeaderValueOption> target, List<KeyValuePair<string, string>>? headers)
    {
        if (headers is null)
        {
            return;
        }
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            var repeated = false;
            for (var j = 0; j < i; j++)
            {
                repeated |= string.Equals(headers[j].Key, header.Key, StringComparison.OrdinalIgnoreCase);
            }
            target.Add(new HeaderValueOption
            {
                Header = new HeaderValue { Key = header.Key, Value = header.Value },
                // The first value of a name replaces the client's header; further values of that name append.
                AppendAction = repeated
                    ? HeaderValueOption.Types.HeaderAppendAction.AppendIfExistsOrAdd
                    : HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd,
            });
        }
    }
}
