using Grpc.Core;
using Tollgate.Edge.Decisions;
using Tollgate.Edge.ExtAuthz.Wire;
using Tollgate.Edge.Telemetry;

namespace Tollgate.Edge.ExtAuthz;

/// <summary>envoy.service.auth.v3.Authorization/Check.</summary>
internal sealed class AuthorizationService(DecisionService decisions, EdgeMetrics metrics) : Authorization.AuthorizationBase
{
    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        var decisionRequest = CheckRequestMapper.Map(request, out var problem);
        if (decisionRequest is null)
        {
            metrics.RecordError("malformed_request");
            return Task.FromResult(CheckResponseBuilder.Malformed(problem!));
        }
        var decision = decisions.Decide("grpc", decisionRequest);
        return Task.FromResult(CheckResponseBuilder.Build(decision));
    }
}
