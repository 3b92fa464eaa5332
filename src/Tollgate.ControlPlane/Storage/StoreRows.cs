using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Storage;

/// <summary>
/// Rows to records for both stores: the schema and its column order are the same in SQLite and PostgreSQL
/// (see the two migration lists), and times are ISO-8601 text in both.
/// </summary>
internal static class StoreRows
{
    public const string RevisionSelect =
        "SELECT tenant_id, number, sha256, wasm_sha256, template, template_version, entrypoint, size_bytes, created_by, created, smoke FROM revisions";

    /// <summary>The revision columns of <see cref="RevisionSelect"/>, from column 0.</summary>
    public static RevisionRecord ReadRevision(DbDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetString(6),
        r.GetInt64(7), r.GetString(8), ParseTime(r.GetString(9)), r.IsDBNull(10) ? null : JsonNode.Parse(r.GetString(10)) as JsonArray);

    public static TemplateRecord ReadTemplate(DbDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetString(2), JsonSerializer.Deserialize<List<string>>(r.GetString(3)) ?? [], ParseTime(r.GetString(4)));

    public static TenantRecord ReadTenant(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3),
        r.GetString(4) == "substitution" ? BuildMode.Substitution : BuildMode.Shared,
        JsonNode.Parse(r.GetString(5)) as JsonObject ?? [], JsonNode.Parse(r.GetString(6)) as JsonObject ?? [],
        JsonNode.Parse(r.GetString(7)) as JsonArray ?? [], ParseTime(r.GetString(8)));

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
