using System.Globalization;
using System.Text;

namespace Tollgate.Runtime.Builtins.Library.Time;

/// <summary>Go's reference-time layouts ("2006-01-02T15:04:05Z07:00"): formatting and parsing.</summary>
internal static class GoLayout
{
    public const string Rfc3339 = "2006-01-02T15:04:05Z07:00";
    public const string Rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00";

    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["ANSIC"] = "Mon Jan _2 15:04:05 2006",
        ["UnixDate"] = "Mon Jan _2 15:04:05 MST 2006",
        ["RubyDate"] = "Mon Jan 02 15:04:05 -0700 2006",
        ["RFC822"] = "02 Jan 06 15:04 MST",
        ["RFC822Z"] = "02 Jan 06 15:04 -0700",
        ["RFC850"] = "Monday, 02-Jan-06 15:04:05 MST",
        ["RFC1123"] = "Mon, 02 Jan 2006 15:04:05 MST",
        ["RFC1123Z"] = "Mon, 02 Jan 2006 15:04:05 -0700",
        ["RFC3339"] = Rfc3339,
        ["RFC3339Nano"] = Rfc3339Nano,
        ["Kitchen"] = "3:04PM",
        ["Stamp"] = "Jan _2 15:04:05",
        ["StampMilli"] = "Jan _2 15:04:05.000",
        ["StampMicro"] = "Jan _2 15:04:05.000000",
        ["StampNano"] = "Jan _2 15:04:05.000000000",
        ["DateTime"] = "2006-01-02 15:04:05",
        ["DateOnly"] = "2006-01-02",
        ["TimeOnly"] = "15:04:05",
    };

    private static readonly string[] LongMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] LongDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static string Resolve(string layout) => Named.TryGetValue(layout, out var named) ? named : layout;

    /// <summary>The layout elements, longest match first, as Go's nextStdChunk recognizes them.</summary>
    private static readonly string[] Elements =
    [
        "January", "Monday", "2006", "Z07:00:00", "-07:00:00", "Z070000", "-070000", "Z07:00", "-07:00", "Z0700", "-0700", "Z07", "-07",
        "Jan", "Mon", "MST", "002", "__2", "_2", "01", "02", "03", "04", "05", "06", "15", "PM", "pm", "1", "2", "3", "4", "5",
    ];

    private static string? ElementAt(string layout, int i)
    {
        if (layout[i] is '.' or ',' && i + 1 < layout.Length && layout[i + 1] is '0' or '9')
        {
            var j = i + 1;
            while (j < layout.Length && layout[j] == layout[i + 1])
            {
                j++;
            }
            // A fractional-second element only when not followed by another digit.
            if (j >= layout.Length || !char.IsAsciiDigit(layout[j]))
            {
                return layout[i..j];
            }
        }
        foreach (var element in Elements)
        {
            if (string.CompareOrdinal(layout, i, element, 0, element.Length) == 0)
            {
                // "Jan"/"Mon" must not be followed by a lowercase letter (e.g. "Month").
                if (element is "Jan" or "Mon" && i + 3 < layout.Length && char.IsAsciiLetterLower(layout[i + 3]))
                {
                    continue;
                }
                return element;
            }
        }
        return null;
    }

    public static string Format(GoTime t, string layout)
    {
        var sb = new StringBuilder();
        var w = t.Wall;
        var i = 0;
        while (i < layout.Length)
        {
            var element = ElementAt(layout, i);
            if (element is null)
            {
                sb.Append(layout[i++]);
                continue;
            }
            i += element.Length;
            switch (element)
            {
                case "2006": sb.Append(w.Year.ToString("D4", CultureInfo.InvariantCulture)); break;
                case "06": sb.Append((w.Year % 100).ToString("D2", CultureInfo.InvariantCulture)); break;
                case "January": sb.Append(LongMonths[w.Month - 1]); break;
                case "Jan": sb.Append(LongMonths[w.Month - 1][..3]); break;
                case "01": sb.Append(w.Month.ToString("D2", CultureInfo.InvariantCulture)); break;
                case "1": sb.Append(w.Month); break;
                case "Monday": sb.Append(LongDays[(int)w.DayOfWeek]); break;
                case "Mon": sb.Append(LongDays[(int)w.DayOfWeek][..3]); break;
                case "02": sb.Append(w.Day.ToString("D2", CultureInfo.InvariantCulture)); break;
                case "_2": sb.Append(w.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)); break;
                case "2": sb.Append(w.Day); break;
                case "002": sb.Append(w.DayOfYear.ToString("D3", CultureInfo.InvariantCulture)); break;
                case "__2": sb.Append(w.DayOfYear.ToString(CultureInfo.InvariantCulture).PadLeft(3)); break;
                case "15": sb.Append(w.Hour.ToString("D2", CultureInfo.InvariantCulture)); break;
                case "03": sb.Append(Hour12(w.Hour).ToString("D2", CultureInfo.InvariantCulture)); break;
                case "3": sb.Append(Hour12(w.Hour)); break;
                case "04": sb.Append(w.Minute.ToString("D2", CultureInfo.InvariantCulture)); break;
                case "4": sb.Append(w.Minute); break;
                case "05": sb.Append(w.Second.ToString("D2", CultureInfo.InvariantCulture)); break;
                case "5": sb.Append(w.Second); break;
                case "PM": sb.Append(w.Hour >= 12 ? "PM" : "AM"); break;
                case "pm": sb.Append(w.Hour >= 12 ? "pm" : "am"); break;
                case "MST":
                    sb.Append(t.ZoneName.Length > 0 ? t.ZoneName : Offset(t.Offset, colon: false, seconds: false, hoursOnly: false));
                    break;
                default:
                    if (element[0] is '.' or ',')
                    {
                        var digits = t.Nanosecond.ToString("D9", CultureInfo.InvariantCulture)[..(element.Length - 1)];
                        if (element[1] == '9')
                        {
                            digits = digits.TrimEnd('0');
                            if (digits.Length > 0)
                            {
                                sb.Append(element[0]).Append(digits);
                            }
                        }
                        else
                        {
                            sb.Append(element[0]).Append(digits);
                        }
                        break;
                    }
                    if (element[0] == 'Z' && t.Offset == TimeSpan.Zero)
                    {
                        sb.Append('Z');
                        break;
                    }
                    sb.Append(Offset(t.Offset, element.Contains(':', StringComparison.Ordinal), element is "Z07:00:00" or "-07:00:00" or "Z070000" or "-070000", element is "-07" or "Z07"));
                    break;
            }
        }
        return sb.ToString();
    }

    private static int Hour12(int hour) => hour % 12 == 0 ? 12 : hour % 12;

    private static string Offset(TimeSpan offset, bool colon, bool seconds, bool hoursOnly)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        var sb = new StringBuilder();
        sb.Append(sign).Append(abs.Hours.ToString("D2", CultureInfo.InvariantCulture));
        if (hoursOnly)
        {
            return sb.ToString();
        }
        if (colon)
        {
            sb.Append(':');
        }
        sb.Append(abs.Minutes.ToString("D2", CultureInfo.InvariantCulture));
        if (seconds)
        {
            if (colon)
            {
                sb.Append(':');
            }
            sb.Append(abs.Seconds.ToString("D2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Parses <paramref name="value"/> with a Go layout; without a zone in the value the time is UTC.</summary>
    public static GoTime Parse(string layout, string value, string builtin)
    {
        int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, yday = -1;
        var pm = false;
        var hasPm = false;
        TimeSpan? offset = null;
        var zoneName = string.Empty;
        var i = 0;
        var v = 0;
        while (i < layout.Length)
        {
            var element = ElementAt(layout, i);
            if (element is null)
            {
                if (v >= value.Length || value[v] != layout[i])
                {
                    throw Mismatch(builtin, layout, value, v);
                }
                i++;
                v++;
                continue;
            }
            i += element.Length;
            switch (element)
            {
                case "2006": year = Digits(value, ref v, 4, 4, builtin, layout); break;
                case "06": year = Digits(value, ref v, 2, 2, builtin, layout); year += year >= 69 ? 1900 : 2000; break;
                case "January": month = Name(value, ref v, LongMonths, full: true, builtin, layout) + 1; break;
                case "Jan": month = Name(value, ref v, LongMonths, full: false, builtin, layout) + 1; break;
                case "01": month = Digits(value, ref v, 2, 2, builtin, layout); break;
                case "1": month = Digits(value, ref v, 1, 2, builtin, layout); break;
                case "Monday": Name(value, ref v, LongDays, full: true, builtin, layout); break;
                case "Mon": Name(value, ref v, LongDays, full: false, builtin, layout); break;
                case "02": day = Digits(value, ref v, 2, 2, builtin, layout); break;
                case "_2":
                    if (v < value.Length && value[v] == ' ')
                    {
                        v++;
                    }
                    day = Digits(value, ref v, 1, 2, builtin, layout);
                    break;
                case "2": day = Digits(value, ref v, 1, 2, builtin, layout); break;
                case "002": yday = Digits(value, ref v, 3, 3, builtin, layout); break;
                case "__2":
                    while (v < value.Length && value[v] == ' ')
                    {
                        v++;
                    }
                    yday = Digits(value, ref v, 1, 3, builtin, layout);
                    break;
                case "15": hour = Digits(value, ref v, 1, 2, builtin, layout); break;
                case "03": hour = Digits(value, ref v, 2, 2, builtin, layout); break;
                case "3": hour = Digits(value, ref v, 1, 2, builtin, layout); break;
                case "04": minute = Digits(value, ref v, 2, 2, builtin, layout); break;
                case "4": minute = Digits(value, ref v, 1, 2, builtin, layout); break;
                case "05": second = Digits(value, ref v, 2, 2, builtin, layout); nanos = OptionalFraction(value, ref v, layout, i, nanos); break;
                case "5": second = Digits(value, ref v, 1, 2, builtin, layout); nanos = OptionalFraction(value, ref v, layout, i, nanos); break;
                case "PM" or "pm":
                    if (v + 2 > value.Length)
                    {
                        throw Mismatch(builtin, layout, value, v);
                    }
                    var ampm = value.Substring(v, 2).ToUpperInvariant();
                    if (ampm is not ("AM" or "PM"))
                    {
                        throw Mismatch(builtin, layout, value, v);
                    }
                    hasPm = true;
                    pm = ampm == "PM";
                    v += 2;
                    break;
                case "MST":
                    var start = v;
                    while (v < value.Length && char.IsAsciiLetterUpper(value[v]))
                    {
                        v++;
                    }
                    if (v - start < 3)
                    {
                        throw Mismatch(builtin, layout, value, start);
                    }
                    zoneName = value[start..v];
                    if (zoneName is "UTC" or "GMT")
                    {
                        offset = TimeSpan.Zero;
                    }
                    break;
                default:
                    if (element[0] is '.' or ',')
                    {
                        if (v >= value.Length || value[v] != element[0])
                        {
                            if (element[1] == '9')
                            {
                                break;
                            }
                            throw Mismatch(builtin, layout, value, v);
                        }
                        v++;
                        var fstart = v;
                        while (v < value.Length && char.IsAsciiDigit(value[v]))
                        {
                            v++;
                        }
                        nanos = FractionNanos(value[fstart..v]);
                        break;
                    }
                    offset = ParseOffset(value, ref v, element, builtin, layout);
                    break;
            }
        }
        if (v != value.Length)
        {
            throw Args(builtin, $"parsing time {Quote(value)}: extra text: {Quote(value[v..])}");
        }
        if (hasPm)
        {
            if (hour > 12)
            {
                throw Args(builtin, $"parsing time {Quote(value)}: hour out of range");
            }
            hour = pm ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour);
        }
        if (month < 1 || month > 12)
        {
            throw Args(builtin, $"parsing time {Quote(value)}: month out of range");
        }
        if (yday > 0 && day == 1 && month == 1)
        {
            var d = new DateTime(year, 1, 1).AddDays(yday - 1);
            month = d.Month;
            day = d.Day;
        }
        if (day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            throw Args(builtin, $"parsing time {Quote(value)}: {(hour > 23 ? "hour" : minute > 59 ? "minute" : second > 59 ? "second" : "day")} out of range");
        }
        var wall = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return new GoTime(wall, nanos, offset ?? TimeSpan.Zero, offset is null ? "UTC" : zoneName);
    }

    /// <summary>Go accepts a fractional second after the seconds even when the layout has none.</summary>
    private static int OptionalFraction(string value, ref int v, string layout, int layoutIndex, int current)
    {
        if (v < value.Length && value[v] == '.' && !(layoutIndex < layout.Length && layout[layoutIndex] == '.'))
        {
            var start = ++v;
            while (v < value.Length && char.IsAsciiDigit(value[v]))
            {
                v++;
            }
            return FractionNanos(value[start..v]);
        }
        return current;
    }

    private static int FractionNanos(string digits)
    {
        if (digits.Length > 9)
        {
            digits = digits[..9];
        }
        return digits.Length == 0 ? 0 : int.Parse(digits.PadRight(9, '0'), CultureInfo.InvariantCulture);
    }

    private static TimeSpan ParseOffset(string value, ref int v, string element, string builtin, string layout)
    {
        if (element[0] == 'Z' && v < value.Length && value[v] == 'Z')
        {
            v++;
            return TimeSpan.Zero;
        }
        if (v >= value.Length || value[v] is not ('+' or '-'))
        {
            throw Mismatch(builtin, layout, value, v);
        }
        var sign = value[v++] == '-' ? -1 : 1;
        var hours = Digits(value, ref v, 2, 2, builtin, layout);
        var minutes = 0;
        var seconds = 0;
        var body = element.TrimStart('Z', '-');
        if (body.Length > 2)
        {
            if (body.Contains(':', StringComparison.Ordinal))
            {
                Expect(value, ref v, ':', builtin, layout);
            }
            minutes = Digits(value, ref v, 2, 2, builtin, layout);
            if (body.Replace(":", string.Empty, StringComparison.Ordinal).Length == 6)
            {
                if (body.Contains(':', StringComparison.Ordinal))
                {
                    Expect(value, ref v, ':', builtin, layout);
                }
                seconds = Digits(value, ref v, 2, 2, builtin, layout);
            }
        }
        return sign * new TimeSpan(hours, minutes, seconds);
    }

    private static void Expect(string value, ref int v, char c, string builtin, string layout)
    {
        if (v >= value.Length || value[v] != c)
        {
            throw Mismatch(builtin, layout, value, v);
        }
        v++;
    }

    private static int Digits(string value, ref int v, int min, int max, string builtin, string layout)
    {
        var start = v;
        while (v < value.Length && v - start < max && char.IsAsciiDigit(value[v]))
        {
            v++;
        }
        if (v - start < min)
        {
            throw Mismatch(builtin, layout, value, start);
        }
        return int.Parse(value.AsSpan(start, v - start), CultureInfo.InvariantCulture);
    }

    private static int Name(string value, ref int v, string[] names, bool full, string builtin, string layout)
    {
        for (var k = 0; k < names.Length; k++)
        {
            var name = full ? names[k] : names[k][..3];
            if (v + name.Length <= value.Length && string.Compare(value, v, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                v += name.Length;
                return k;
            }
        }
        throw Mismatch(builtin, layout, value, v);
    }

    private static BuiltinException Mismatch(string builtin, string layout, string value, int v) =>
        Args(builtin, $"parsing time {Quote(value)} as {Quote(layout)}: cannot parse {Quote(v < value.Length ? value[v..] : string.Empty)} as {Quote(layout)}");

    private static BuiltinException Args(string builtin, string message) => Values.Args.Error(builtin, message);

    private static string Quote(string s) => Values.RegoText.Quote(s);
}
